import type { ShareObjectRef } from '@liandong/domain/shares/contracts';
import { SHARE_DETAIL_LABELS, type ShareDetail } from '@liandong/domain/shares/enums';
import { SHARE_ACTION_LABELS, type ShareAction } from '@liandong/domain/shares/machine';
import { Alert, App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { type ShareDetailResponse, useShareAction } from './api';
import { ObjectPicker, toFormFields } from './shared';

interface ApproveValues {
  objects?: ShareObjectRef[];
  detail: ShareDetail;
  endsOn: Dayjs;
}

/**
 * 批准: the approver may narrow the grant to named objects of the owner org (a request names only a
 * category), choose 摘要 or 全文, and shorten the end date; nothing chosen keeps what was asked.
 */
export function ApproveModal({ share, open, onClose }: { share: ShareDetailResponse; open: boolean; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const act = useShareAction(share);
  const [form] = Form.useForm<ApproveValues>();
  const named = share.objects.map((o) => ({ type: o.type, id: o.id }));
  const submit = async (v: ApproveValues) => {
    const endsOn = v.endsOn.format('YYYY-MM-DD');
    try {
      await act.mutateAsync({
        action: 'approve',
        detail: v.detail,
        ...(v.objects?.length ? { objects: v.objects } : {}),
        ...(endsOn !== share.endsOn ? { endsOn } : {}),
      });
      message.success(t('shares.approved'));
      onClose();
    } catch (err) {
      onError(toFormFields(err, false), form);
    }
  };
  return (
    <Modal
      open={open}
      title={label(SHARE_ACTION_LABELS, 'approve')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={act.isPending}
      okButtonProps={{ 'data-testid': 'share-approve-confirm' }}
      width={720}
      destroyOnHidden
    >
      <Form<ApproveValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ objects: named, detail: share.detail, endsOn: dayjs(share.endsOn) }}
        data-testid="share-approve-form"
      >
        {share.categoryTypes.length ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('shares.narrowHint')} /> : null}
        <Form.Item name="objects" label={t('shares.objects')}>
          <ObjectPicker kind={share.kind} ownerOrgId={share.ownerOrg.id} testId="share-approve-objects" />
        </Form.Item>
        <Form.Item name="detail" label={t('shares.detail')} extra={t('shares.detailHint')} rules={[{ required: true }]}>
          <Radio.Group options={enumOptions(SHARE_DETAIL_LABELS, label)} data-testid="share-approve-detail" />
        </Form.Item>
        <Form.Item name="endsOn" label={t('shares.endsOn')} extra={t('shares.endsOnHint')} rules={[{ required: true }]}>
          <DatePicker
            allowClear={false}
            disabledDate={(d) => d.isBefore(dayjs(share.startsOn), 'day') || d.isAfter(dayjs(share.endsOn), 'day')}
            data-testid="share-approve-ends-on"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 不予批准 / 撤销共享 (a reason is required and shown to both sides), or 撤回 (no reason). */
export function ReasonModal({ share, action, onClose }: { share: ShareDetailResponse; action: Exclude<ShareAction, 'approve'> | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const act = useShareAction(share);
  const [form] = Form.useForm<{ comment?: string }>();
  const needsReason = action === 'refuse' || action === 'revoke';
  const submit = async (v: { comment?: string }) => {
    if (!action) return;
    try {
      await act.mutateAsync({ action, comment: v.comment?.trim() || null });
      message.success(t('shares.done'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={Boolean(action)}
      title={action ? label(SHARE_ACTION_LABELS, action) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={act.isPending}
      okButtonProps={{ 'data-testid': 'share-action-confirm', danger: action === 'revoke' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {action === 'withdraw' ? <p>{t('shares.withdrawConfirm')}</p> : null}
        {action === 'revoke' ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('shares.revokeHint')} /> : null}
        {needsReason ? (
          <Form.Item
            name="comment"
            label={t('shares.reason')}
            rules={[{ required: true, whitespace: true, message: t('shares.reasonRequired') }, { max: 500 }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="share-action-comment" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
