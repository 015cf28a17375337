import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Form, Input, InputNumber, Menu, Modal, Row, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { toColumns } from '../../components/entity';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type Dictionary, type DictionaryItem, useDictionaries, useSaveDictionaryItem } from './api';
import { dictionaryItemFields } from './columns';

type ItemTarget = { dict: Dictionary; item: DictionaryItem | null };

/** 数据字典: code lists and their items (系统管理员 edits). */
export function DictionariesPage() {
  const { t, lang } = useI18n();
  const query = useDictionaries();
  const [selected, setSelected] = useState<string | null>(null);
  const [target, setTarget] = useState<ItemTarget | null>(null);
  const fields = useMemo(() => dictionaryItemFields(t), [t]);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const dicts = query.data?.items ?? [];
  const canEdit = query.data?.abilities.edit === true;
  const dict = dicts.find((d) => d.code === selected) ?? dicts[0] ?? null;
  const columns = [
    ...toColumns(fields),
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 80,
            render: (_: unknown, item: DictionaryItem) =>
              dict ? (
                <Button type="link" size="small" onClick={() => setTarget({ dict, item })}>
                  {t('common.edit')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Page title={t('menu.adminDictionaries')} bare>
      <Row gutter={16}>
        <Col xs={24} md={7} xl={5}>
          <Card size="small" title={t('dict.lists')} loading={query.isPending} styles={{ body: { padding: 0 } }}>
            {dicts.length ? (
              <Menu
                mode="inline"
                selectedKeys={dict ? [dict.code] : []}
                onClick={({ key }) => setSelected(key)}
                items={dicts.map((d) => ({ key: d.code, label: lang === 'zh-CN' ? d.nameZh : d.nameEn }))}
                style={{ borderInlineEnd: 0 }}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={17} xl={19}>
          <Card
            size="small"
            title={
              dict ? (
                <>
                  {lang === 'zh-CN' ? dict.nameZh : dict.nameEn}{' '}
                  <Typography.Text type="secondary" className="ld-mono">
                    {dict.code}
                  </Typography.Text>{' '}
                  {dict.isSystem ? <Tag color="blue">{t('dict.system')}</Tag> : null}
                </>
              ) : (
                t('dict.items')
              )
            }
            extra={
              canEdit && dict ? (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setTarget({ dict, item: null })}>
                  {t('dict.addItem')}
                </Button>
              ) : null
            }
          >
            <Table<DictionaryItem>
              rowKey="code"
              size="small"
              loading={query.isPending}
              dataSource={dict ? [...dict.items].sort((a, b) => a.sortOrder - b.sortOrder) : []}
              columns={columns}
              pagination={false}
            />
          </Card>
        </Col>
      </Row>
      <ItemModal target={target} onClose={() => setTarget(null)} />
    </Page>
  );
}

interface ItemForm {
  code: string;
  labelZh: string;
  labelEn: string;
  sortOrder: number;
  active: boolean;
}

function ItemModal({ target, onClose }: { target: ItemTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemForm>();
  const save = useSaveDictionaryItem();
  const onError = useApiErrorHandler();
  const item = target?.item ?? null;
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const next = target.dict.items.reduce((max, i) => Math.max(max, i.sortOrder), 0) + 10;
    form.setFieldsValue(item ? { ...item } : { code: '', labelZh: '', labelEn: '', sortOrder: next, active: true });
  }, [target, item, form]);
  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    try {
      await save.mutateAsync({
        dict: target.dict.code,
        item: item ? item.code : v.code.trim(),
        body: { labelZh: v.labelZh.trim(), labelEn: v.labelEn.trim(), sortOrder: v.sortOrder, active: v.active, version: item?.version },
      });
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={target !== null}
      title={item ? t('dict.editItem') : t('dict.addItem')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="code"
          label={t('dict.itemCode')}
          rules={[
            { required: true, whitespace: true, message: t('dict.codeRequired') },
            { pattern: /^[A-Za-z0-9_.-]{1,40}$/, message: t('dict.codeFormat') },
          ]}
        >
          <Input disabled={item !== null} className="ld-mono" />
        </Form.Item>
        <Form.Item name="labelZh" label={t('dict.labelZh')} rules={[{ required: true, whitespace: true, message: t('dict.labelRequired') }, { max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="labelEn" label={t('dict.labelEn')} rules={[{ required: true, whitespace: true, message: t('dict.labelRequired') }, { max: 80 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('dict.sortOrder')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100000} />
        </Form.Item>
        <Form.Item name="active" label={t('dict.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
