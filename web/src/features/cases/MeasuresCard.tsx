import { PlusOutlined } from '@ant-design/icons';
import { MEASURE_KIND_LABELS, MEASURE_LIMITS, type MeasureKind } from '@liandong/domain/cases/enums';
import { needsStartTime } from '@liandong/domain/cases/measures';
import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Modal, Select, Space, Table, type TableColumnType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime, toIsoDay } from '../../lib/format';
import { type TFunction, useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { type CaseDetail, type Measure, useAddMeasure, usePatchMeasure } from './api';
import { MeasureDue, NoticeText } from './components';

type Dialog = { kind: 'add' } | { kind: 'extend' | 'end' | 'notify'; measure: Measure } | null;

/** "3个月，可延长3个月" — the legal limit of a measure kind. */
function limitText(kind: MeasureKind, t: TFunction): string {
  const l = MEASURE_LIMITS[kind];
  if (!l) return t('cases.noLimit');
  if (l.hours) return t('cases.hoursLimit');
  const first = l.months ? t('cases.months', { n: l.months }) : t('cases.days', { n: l.days ?? 0 });
  const ext = l.extendMonths ? t('cases.months', { n: l.extendMonths }) : l.extendDays ? t('cases.days', { n: l.extendDays }) : null;
  return ext ? t('cases.limitWithExtension', { first, ext }) : first;
}

/** 审查调查措施 with their due dates and overdue flags; add, extend once, end. */
export function MeasuresCard({ detail }: { detail: CaseDetail }) {
  const { t, label } = useI18n();
  const [dialog, setDialog] = useState<Dialog>(null);
  const can = detail.abilities.recordMeasure;
  const columns: TableColumnType<Measure>[] = [
    {
      key: 'kind',
      title: t('cases.measureKind'),
      render: (_, m) => (
        <Space size={4} wrap>
          <span>{label(MEASURE_KIND_LABELS, m.kind)}</span>
          {m.extended ? <Tag color="purple">{m.upperApproved ? t('cases.extendedUpper') : t('cases.extended')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'startedOn', title: t('cases.startedOn'), width: 130, render: (_, m) => (m.startedAt ? formatDateTime(m.startedAt) : formatDate(m.startedOn)) },
    { key: 'dueOn', title: t('cases.dueOn'), width: 160, render: (_, m) => <MeasureDue m={m} /> },
    {
      key: 'status',
      title: t('cases.state'),
      width: 110,
      render: (_, m) =>
        m.endedOn ? (
          <Typography.Text type="secondary">{t('cases.endedOn', { date: formatDate(m.endedOn) })}</Typography.Text>
        ) : m.overdue ? (
          <Tag color="red" data-testid={`measure-overdue-${m.id}`}>
            {t('cases.overdue')}
          </Tag>
        ) : m.dueSoon ? (
          <Tag color="orange">{t('cases.dueSoon')}</Tag>
        ) : (
          <Tag color="blue">{t('cases.running')}</Tag>
        ),
    },
    { key: 'note', title: t('cases.note'), ellipsis: true, render: (_, m) => m.note || '—' },
  ];
  if (detail.measures.some((m) => m.notice)) {
    columns.splice(4, 0, {
      key: 'notice',
      title: t('cases.notice'),
      width: 170,
      render: (_, m) => (m.notice ? <NoticeText notice={m.notice} testId={`measure-notice-${m.id}`} /> : '—'),
    });
  }
  if (can) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 120,
      render: (_, m) =>
        m.endedOn ? null : (
          <Space size={0}>
            {m.extendable ? (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'extend', measure: m })} data-testid={`measure-extend-${m.id}`}>
                {t('cases.extend')}
              </Button>
            ) : null}
            {m.notice && !m.notice.notifiedAt ? (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'notify', measure: m })} data-testid={`measure-notify-${m.id}`}>
                {t('cases.notify')}
              </Button>
            ) : null}
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'end', measure: m })} data-testid={`measure-end-${m.id}`}>
              {t('cases.end')}
            </Button>
          </Space>
        ),
    });
  }
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={t('cases.measures')}
      data-testid="case-measures"
      extra={
        can ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })} data-testid="measure-add">
            {t('cases.addMeasure')}
          </Button>
        ) : null
      }
    >
      <Table rowKey="id" size="small" pagination={false} columns={columns} dataSource={detail.measures} />
      <MeasureModal dialog={dialog} caseId={detail.id} onClose={() => setDialog(null)} />
    </Card>
  );
}

interface MeasureForm {
  kind?: MeasureKind;
  startedOn?: Dayjs;
  startedAt?: Dayjs;
  endedOn?: Dayjs;
  notifiedAt?: Dayjs;
  upperApproved?: boolean;
  collectiveDecision?: boolean;
  holdFollows?: boolean;
  noticeWithheldReason?: string;
  note?: string;
}

/** The commission's calendar day (Beijing time) of an instant: the server checks startedOn against it. */
const beijingDay = (d: Dayjs) => new Date(d.valueOf() + 8 * 3_600_000).toISOString().slice(0, 10);

const mustCheck = (message: string) => [{ validator: (_: unknown, v: unknown) => (v ? Promise.resolve() : Promise.reject(new Error(message))) }];

function MeasureModal({ dialog, caseId, onClose }: { dialog: Dialog; caseId: string; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const add = useAddMeasure(caseId);
  const patch = usePatchMeasure();
  const [form] = Form.useForm<MeasureForm>();
  const kind = Form.useWatch('kind', form);
  const measure = dialog && dialog.kind !== 'add' ? dialog.measure : null;

  const submit = async () => {
    if (!dialog) return;
    const v = await form.validateFields();
    const note = v.note?.trim() || undefined;
    try {
      if (dialog.kind === 'add') {
        const k = v.kind as MeasureKind;
        await add.mutateAsync({
          kind: k,
          ...(needsStartTime(k) && v.startedAt
            ? { startedAt: v.startedAt.format(), startedOn: beijingDay(v.startedAt) }
            : { startedOn: toIsoDay(v.startedOn) ?? '' }),
          ...(k === 'CUSTODY' && v.noticeWithheldReason?.trim() ? { noticeWithheldReason: v.noticeWithheldReason.trim() } : {}),
          ...(k === 'DETENTION'
            ? {
                collectiveDecision: Boolean(v.collectiveDecision),
                upperApproved: Boolean(v.upperApproved),
                noticeWithheldReason: v.noticeWithheldReason?.trim() || undefined,
              }
            : {}),
          ...(k === 'COMPELLED_APPEARANCE' ? { holdFollows: Boolean(v.holdFollows) } : {}),
          note,
        });
      } else if (dialog.kind === 'notify') {
        await patch.mutateAsync({ measure: dialog.measure, body: { action: 'notify', notifiedAt: v.notifiedAt?.format() ?? '', note } });
      } else if (dialog.kind === 'extend') {
        await patch.mutateAsync({ measure: dialog.measure, body: { action: 'extend', upperApproved: Boolean(v.upperApproved), note } });
      } else {
        await patch.mutateAsync({ measure: dialog.measure, body: { action: 'end', endedOn: toIsoDay(v.endedOn) ?? '', note } });
      }
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };

  const title = !dialog
    ? ''
    : dialog.kind === 'add'
      ? t('cases.addMeasure')
      : dialog.kind === 'extend'
        ? t('cases.extendMeasure')
        : dialog.kind === 'notify'
          ? t('cases.notifyMeasure')
          : t('cases.endMeasure');
  return (
    <Modal
      open={dialog !== null}
      title={measure ? `${title} · ${label(MEASURE_KIND_LABELS, measure.kind)}` : title}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={add.isPending || patch.isPending}
      okButtonProps={{ 'data-testid': 'measure-confirm' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ startedOn: dayjs(), startedAt: dayjs(), endedOn: dayjs(), notifiedAt: dayjs(), upperApproved: false }}
        preserve={false}
      >
        {dialog?.kind === 'add' ? (
          <>
            <Form.Item name="kind" label={t('cases.measureKind')} rules={[{ required: true, message: t('cases.measureKindRequired') }]}>
              <Select options={enumOptions(MEASURE_KIND_LABELS, label)} data-testid="measure-kind" />
            </Form.Item>
            {kind ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
                {t('cases.legalLimit', { limit: limitText(kind, t) })}
              </Typography.Paragraph>
            ) : null}
            {kind && needsStartTime(kind) ? (
              <Form.Item name="startedAt" label={t('cases.startedAt')} rules={[{ required: true, message: t('cases.startedAtRequired') }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="measure-started-at" />
              </Form.Item>
            ) : (
              <Form.Item name="startedOn" label={t('cases.startedOn')} rules={[{ required: true, message: t('cases.dateRequired') }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            )}
            {kind === 'COMPELLED_APPEARANCE' ? (
              <Form.Item name="holdFollows" valuePropName="checked">
                <Checkbox data-testid="measure-hold-follows">{t('cases.holdFollows')}</Checkbox>
              </Form.Item>
            ) : null}
            {kind === 'DETENTION' ? (
              <>
                <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cases.detentionRule')} />
                <Form.Item name="collectiveDecision" valuePropName="checked" rules={mustCheck(t('cases.collectiveRequired'))}>
                  <Checkbox data-testid="measure-collective">{t('cases.collectiveDecision')}</Checkbox>
                </Form.Item>
                <Form.Item name="upperApproved" valuePropName="checked" rules={mustCheck(t('cases.upperStartRequired'))}>
                  <Checkbox data-testid="measure-upper">{t('cases.upperApprovedStart')}</Checkbox>
                </Form.Item>
                <Form.Item name="noticeWithheldReason" label={t('cases.noticeWithheld')}>
                  <Input.TextArea rows={2} maxLength={500} data-testid="measure-notice-withheld" />
                </Form.Item>
              </>
            ) : kind === 'CUSTODY' ? (
              <Form.Item name="noticeWithheldReason" label={t('cases.noticeWithheld')} extra={t('cases.custodyNotice')}>
                <Input.TextArea rows={2} maxLength={500} data-testid="measure-notice-withheld" />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        {dialog?.kind === 'extend' ? (
          <Flex vertical gap={8} style={{ marginBottom: 12 }}>
            <Typography.Text>{t('cases.legalLimit', { limit: limitText(dialog.measure.kind, t) })}</Typography.Text>
            <Typography.Text type="secondary">{t('cases.currentDue', { date: formatDate(dialog.measure.dueOn) })}</Typography.Text>
            {dialog.measure.kind === 'DETENTION' ? (
              <Form.Item name="upperApproved" valuePropName="checked" rules={mustCheck(t('cases.upperRequired'))}>
                <Checkbox>{t('cases.upperApproved')}</Checkbox>
              </Form.Item>
            ) : null}
            {dialog.measure.limitHours !== null ? <Typography.Text>{t('cases.extendHours')}</Typography.Text> : null}
          </Flex>
        ) : null}
        {dialog?.kind === 'notify' && dialog.measure.notice ? (
          <>
            <Typography.Paragraph type="secondary">{t('cases.noticeDue', { time: formatDateTime(dialog.measure.notice.dueAt) })}</Typography.Paragraph>
            <Form.Item name="notifiedAt" label={t('cases.notifiedAt')} rules={[{ required: true, message: t('cases.dateRequired') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="measure-notified-at" />
            </Form.Item>
          </>
        ) : null}
        {dialog?.kind === 'end' ? (
          <Form.Item name="endedOn" label={t('cases.endedOnLabel')} rules={[{ required: true, message: t('cases.dateRequired') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('cases.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
