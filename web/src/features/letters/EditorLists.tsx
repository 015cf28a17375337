import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, Input, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../lib/i18n';

/* The letter editor's list sections: the numbered 整改建议 with their deadlines and the 依据. */

/** 整改建议: numbered items, each with its deadline (not before today). */
export function ItemsList() {
  const { t } = useI18n();
  return (
    <Form.List
      name="items"
      rules={[
        {
          validator: async (_, items?: unknown[]) => {
            if (!items?.length) throw new Error(t('letter.itemsRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Card size="small" type="inner" title={t('letter.items')} style={{ marginBottom: 16 }} data-testid="letter-items">
          {fields.map((field, i) => (
            <Row key={field.key} gutter={8} align="top">
              <Col flex="32px" style={{ paddingTop: 6 }}>
                <Typography.Text strong>{`${i + 1}.`}</Typography.Text>
              </Col>
              <Col flex="auto">
                <Form.Item
                  name={[field.name, 'text']}
                  rules={[{ required: true, whitespace: true, message: t('letter.itemTextRequired') }, { max: 2000 }]}
                  style={{ marginBottom: 8 }}
                >
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} placeholder={t('letter.itemText')} data-testid={`letter-item-text-${i}`} />
                </Form.Item>
              </Col>
              <Col flex="150px">
                <Form.Item name={[field.name, 'deadline']} rules={[{ required: true, message: t('letter.itemDeadlineRequired') }]} style={{ marginBottom: 8 }}>
                  <DatePicker
                    placeholder={t('letter.itemDeadline')}
                    aria-label={t('letter.itemDeadline')}
                    disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                    style={{ width: '100%' }}
                    data-testid={`letter-item-deadline-${i}`}
                  />
                </Form.Item>
              </Col>
              <Col flex="32px">
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('letter.removeItem')}
                  disabled={fields.length <= 1}
                />
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block data-testid="letter-item-add" disabled={fields.length >= 30}>
            {t('letter.addItem')}
          </Button>
        </Card>
      )}
    </Form.List>
  );
}

/** 依据: the legal basis list (监察法, 监督执纪工作规则 …). */
export function BasisList() {
  const { t } = useI18n();
  return (
    <Form.List name="legalBasis">
      {(fields, { add, remove }) => (
        <Card size="small" type="inner" title={t('letter.legalBasis')} style={{ marginBottom: 16 }} data-testid="letter-basis">
          {fields.map((field, i) => (
            <Space.Compact key={field.key} style={{ width: '100%', marginBottom: 8 }}>
              <Form.Item name={field.name} rules={[{ required: true, whitespace: true, message: t('letter.basisRequired') }, { max: 500 }]} noStyle>
                <Input data-testid={`letter-basis-${i}`} />
              </Form.Item>
              <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('letter.removeBasis')} />
            </Space.Compact>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block disabled={fields.length >= 20}>
            {t('letter.addBasis')}
          </Button>
        </Card>
      )}
    </Form.List>
  );
}
