import { UploadOutlined } from '@ant-design/icons';
import { FINDING_DISPOSITION_LABELS, type FindingDisposition } from '@liandong/domain/supervision/enums';
import { ITEM_ACTION_LABELS, ITEM_TRANSITIONS, type ItemAction } from '@liandong/domain/supervision/machine';
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { OrgSelect } from '../../components/OrgSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type Item, type TransitionInput, useItemTransition, useRecordFinding, useReportProgress } from './api';
import { enumOptions } from './components';
import { SIDE_KINDS } from './ItemForm';

/** Order of the buttons; the primary one first. */
const ORDER: ItemAction[] = [
  'start',
  'report',
  'recordFinding',
  'complete',
  'close',
  'reopen',
  'consult',
  'approve',
  'approveAdjust',
  'rejectAdjust',
  'requestAdjust',
  'cancel',
];
const PRIMARY = new Set<ItemAction>(['start', 'report', 'complete', 'close', 'approve', 'approveAdjust']);
const DANGER = new Set<ItemAction>(['cancel', 'rejectAdjust']);

type Dialog = 'report' | 'recordFinding' | 'comment' | 'requestAdjust' | null;

/** The buttons of an item, one per ability the server granted; each opens what it needs. */
export function ItemActions({ item }: { item: Item }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const transition = useItemTransition(item);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [commentAction, setCommentAction] = useState<ItemAction | null>(null);
  const allowed = ORDER.filter((a) => item.abilities[a]);
  if (!allowed.length) return null;

  const run = async (body: TransitionInput) => {
    try {
      await transition.mutateAsync(body);
      message.success(t('sup.actionDone', { action: label(ITEM_ACTION_LABELS, body.action) }));
      return true;
    } catch (err) {
      onError(err);
      return false;
    }
  };

  return (
    <>
      <Space wrap>
        {allowed.map((action) => {
          const text = label(ITEM_ACTION_LABELS, action);
          const common = {
            type: PRIMARY.has(action) ? ('primary' as const) : ('default' as const),
            danger: DANGER.has(action),
            'data-testid': `item-action-${action}`,
          };
          if (action === 'report' || action === 'recordFinding' || action === 'requestAdjust') {
            return (
              <Button key={action} {...common} onClick={() => setDialog(action)}>
                {text}
              </Button>
            );
          }
          if (ITEM_TRANSITIONS[action].needsComment) {
            return (
              <Button
                key={action}
                {...common}
                onClick={() => {
                  setCommentAction(action);
                  setDialog('comment');
                }}
              >
                {text}
              </Button>
            );
          }
          return (
            <Popconfirm
              key={action}
              title={t('sup.confirmAction', { action: text })}
              okButtonProps={{ 'data-testid': `item-action-${action}-confirm` }}
              onConfirm={() => run({ action })}
            >
              <Button {...common} loading={transition.isPending && transition.variables?.action === action}>
                {text}
              </Button>
            </Popconfirm>
          );
        })}
      </Space>
      <ProgressModal open={dialog === 'report'} item={item} onClose={() => setDialog(null)} />
      <FindingModal open={dialog === 'recordFinding'} item={item} onClose={() => setDialog(null)} />
      <CommentModal
        action={dialog === 'comment' ? commentAction : null}
        loading={transition.isPending}
        onClose={() => setDialog(null)}
        onSubmit={async (comment) => {
          if (commentAction && (await run({ action: commentAction, comment }))) setDialog(null);
        }}
      />
      <AdjustModal
        open={dialog === 'requestAdjust'}
        item={item}
        loading={transition.isPending}
        onClose={() => setDialog(null)}
        onSubmit={async (body) => {
          if (await run(body)) setDialog(null);
        }}
      />
    </>
  );
}

function CommentModal({
  action,
  loading,
  onClose,
  onSubmit,
}: {
  action: ItemAction | null;
  loading: boolean;
  onClose: () => void;
  onSubmit: (comment: string) => Promise<void>;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Modal
      open={action !== null}
      title={action ? label(ITEM_ACTION_LABELS, action) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading, danger: action === 'cancel' || action === 'rejectAdjust', 'data-testid': 'item-comment-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void onSubmit(v.comment.trim())} preserve={false}>
        <Form.Item name="comment" label={t('sup.comment')} rules={[{ required: true, whitespace: true, message: t('sup.commentRequired') }, { max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} data-testid="item-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface AdjustValues {
  comment: string;
  matter?: string;
  dueDate?: Dayjs | null;
  leadOrgId?: string;
  assistOrgId?: string;
}

/** 申请调整: why, and what should change (matter, due date, lead or assist org). */
function AdjustModal({
  open,
  item,
  loading,
  onClose,
  onSubmit,
}: {
  open: boolean;
  item: Item;
  loading: boolean;
  onClose: () => void;
  onSubmit: (body: TransitionInput) => Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<AdjustValues>();
  const submit = (v: AdjustValues) => {
    const adjustment: NonNullable<TransitionInput['adjustment']> = {};
    if (v.matter?.trim() && v.matter.trim() !== item.matter) adjustment.matter = v.matter.trim();
    if (v.dueDate) adjustment.dueDate = v.dueDate.format('YYYY-MM-DD');
    if (v.leadOrgId && v.leadOrgId !== item.leadOrgId) adjustment.leadOrgId = v.leadOrgId;
    if (v.assistOrgId && v.assistOrgId !== item.assistOrgId) adjustment.assistOrgId = v.assistOrgId;
    void onSubmit({ action: 'requestAdjust', comment: v.comment.trim(), adjustment: Object.keys(adjustment).length ? adjustment : undefined });
  };
  return (
    <Modal
      open={open}
      title={t('sup.requestAdjustTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading }}
      destroyOnHidden
      width={620}
    >
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="comment" label={t('sup.adjustReason')} rules={[{ required: true, whitespace: true, message: t('sup.commentRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="matter" label={t('sup.newMatter')} extra={t('sup.adjustBlankHint')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={item.matter} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('sup.newDueDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="leadOrgId" label={t('sup.newLeadOrg')}>
          <OrgSelect kinds={SIDE_KINDS[item.leadSide]} placeholder={item.leadOrgName} />
        </Form.Item>
        {item.assistSide ? (
          <Form.Item name="assistOrgId" label={t('sup.newAssistOrg')}>
            <OrgSelect kinds={SIDE_KINDS[item.assistSide]} placeholder={item.assistOrgName ?? undefined} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 报告进展: period, content and attachments (uploaded first, then referenced by id). */
function ProgressModal({ open, item, onClose }: { open: boolean; item: Item; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const report = useReportProgress(item);
  const [form] = Form.useForm<{ period?: string; content: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const close = () => {
    setFiles([]);
    onClose();
  };
  const submit = async (v: { period?: string; content: string }) => {
    try {
      await report.mutateAsync({
        period: v.period?.trim(),
        content: v.content.trim(),
        files: files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => Boolean(f)),
      });
      message.success(t('sup.progressSaved'));
      close();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={open}
      title={t('sup.reportTitle')}
      onCancel={close}
      destroyOnHidden
      width={640}
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={report.isPending} onClick={() => form.submit()} data-testid="progress-submit">
          {t('sup.submitReport')}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="period" label={t('sup.period')} extra={t('sup.periodHint')} rules={[{ max: 40 }]}>
          <Input placeholder={t('sup.periodPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('sup.progressContent')}
          rules={[{ required: true, whitespace: true, message: t('sup.progressRequired') }, { max: 5000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} showCount maxLength={5000} data-testid="progress-content" />
        </Form.Item>
        <Form.Item label={t('sup.attachments')}>
          <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} data-testid="progress-files">
            <Button icon={<UploadOutlined />}>{t('sup.chooseFiles')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 记录发现问题 with a proposed disposition (and the host unit concerned). */
function FindingModal({ open, item, onClose }: { open: boolean; item: Item; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const record = useRecordFinding(item);
  const [form] = Form.useForm<{ description: string; disposition: FindingDisposition; hostUnitId?: string }>();
  const submit = async (v: { description: string; disposition: FindingDisposition; hostUnitId?: string }) => {
    try {
      await record.mutateAsync({ description: v.description.trim(), disposition: v.disposition, hostUnitId: v.hostUnitId });
      message.success(t('sup.findingSaved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={open}
      title={t('sup.findingTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: record.isPending, 'data-testid': 'finding-submit' }}
      destroyOnHidden
      width={620}
    >
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ disposition: 'RECTIFY' }}>
        <Form.Item
          name="description"
          label={t('sup.findingDescription')}
          rules={[{ required: true, whitespace: true, message: t('sup.findingRequired') }, { max: 5000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="finding-description" />
        </Form.Item>
        <Form.Item name="disposition" label={t('sup.disposition')} rules={[{ required: true }]}>
          <Select options={enumOptions(FINDING_DISPOSITION_LABELS, label)} />
        </Form.Item>
        {item.hostUnits.length ? (
          <Form.Item name="hostUnitId" label={t('sup.findingHostUnit')}>
            <Select allowClear options={item.hostUnits.map((h) => ({ value: h.id, label: h.name }))} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
