import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DISPOSITION_METHOD_LABELS, type DispositionMethod } from '@liandong/domain/clues/enums';
import { Alert, App, Button, Card, Col, DatePicker, Drawer, Form, Input, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CampaignSelect } from '../../components/CampaignSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { useCreateMeeting } from './api';
import { ClueSelect, StaffSelect } from './pickers';

interface MeetingValues {
  title: string;
  heldOn: Dayjs;
  place?: string;
  chairUserId?: string;
  participantUserIds?: string[];
  participantsText?: string;
  minutes?: string;
  /** The campaign whose joint analysis this meeting is (综合分析研判). */
  campaignId?: string;
  items: { clueId?: string; method?: DispositionMethod; decision?: string }[];
}

/** Clues a screening meeting can discuss: the open ones before and after a disposition. */
const SCREENABLE = ['ASSIGNED', 'UNDER_ANALYSIS', 'DISPOSITION_PROPOSED', 'TALK_INQUIRY_REPORTED', 'PRELIM_REPORTED', 'PENDING_HOLD', 'REOPENED'] as const;

/**
 * 记录排查会议: who met when, the minutes, and per clue the method and the meeting's opinion; a method
 * on a clue under analysis records the disposition proposal in the same transaction (server side).
 */
export function MeetingForm({ open, onClose }: { open: boolean; onClose: (createdId?: string) => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const create = useCreateMeeting();
  const [form] = Form.useForm<MeetingValues>();
  const chosen = (Form.useWatch('items', form) ?? []).map((i) => i?.clueId).filter((x): x is string => Boolean(x));

  const submit = async (v: MeetingValues) => {
    try {
      const created = await create.mutateAsync({
        title: v.title.trim(),
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        place: v.place?.trim() || undefined,
        chairUserId: v.chairUserId,
        participantUserIds: v.participantUserIds ?? [],
        participantsText: v.participantsText?.trim() ?? '',
        minutes: v.minutes?.trim() ?? '',
        campaignId: v.campaignId ?? null,
        items: v.items.map((i) => ({ clueId: i.clueId ?? '', method: i.method ?? null, decision: i.decision?.trim() ?? '' })),
      });
      message.success(t('clueMeet.saved'));
      form.resetFields();
      onClose(created.id);
    } catch (err) {
      onError(err, form);
    }
  };

  return (
    <Drawer
      open={open}
      title={t('clueMeet.add')}
      size={860}
      onClose={() => onClose()}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={() => onClose()}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="clue-meeting-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<MeetingValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ heldOn: dayjs(), items: [{}] }}
        data-testid="clue-meeting-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item
              name="title"
              label={t('clueMeet.title')}
              rules={[{ required: true, whitespace: true, message: t('clueMeet.titleRequired') }, { max: 200 }]}
            >
              <Input data-testid="clue-meeting-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="heldOn" label={t('clueMeet.heldOn')} rules={[{ required: true, message: t('clueMeet.heldOnRequired') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="campaignId" label={t('campaignLink.campaign')}>
              <CampaignSelect data-testid="clue-meeting-campaign" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="place" label={t('clueMeet.place')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="chairUserId" label={t('clueMeet.chair')}>
              <StaffSelect />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="participantUserIds" label={t('clueMeet.participants')}>
              <StaffSelect mode="multiple" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="participantsText" label={t('clueMeet.participantsText')} rules={[{ max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="minutes" label={t('clueMeet.minutes')} rules={[{ max: 20_000 }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
            </Form.Item>
          </Col>
        </Row>
        <Alert type="info" showIcon title={t('clueMeet.methodHint')} style={{ marginBottom: 12 }} />
        <Form.List
          name="items"
          rules={[{ validator: (_, items: unknown[]) => (items?.length ? Promise.resolve() : Promise.reject(new Error(t('clueMeet.itemsRequired')))) }]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  title={`${t('clueMeet.clue')} ${index + 1}`}
                  extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('clueMeet.removeItem')} />}
                >
                  <Row gutter={12}>
                    <Col xs={24} md={16}>
                      <Form.Item
                        name={[field.name, 'clueId']}
                        label={t('clueMeet.clue')}
                        rules={[{ required: true, message: t('clueAct.mergeTargetRequired') }]}
                      >
                        <ClueSelect states={[...SCREENABLE]} exclude={chosen.filter((_, i) => i !== index)} data-testid={`clue-meeting-item-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'method']} label={t('clueMeet.method')}>
                        <Select allowClear options={enumOptions(DISPOSITION_METHOD_LABELS, label)} />
                      </Form.Item>
                    </Col>
                    <Col span={24}>
                      <Form.Item
                        name={[field.name, 'decision']}
                        label={t('clueMeet.decision')}
                        rules={[{ required: true, whitespace: true, message: t('clueMeet.decisionRequired') }, { max: 2000 }]}
                        style={{ marginBottom: 0 }}
                      >
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} data-testid="clue-meeting-add-item">
                {t('clueMeet.addItem')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
