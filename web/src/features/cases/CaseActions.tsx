import { SIMPLE_CASE_ACTIONS } from '@liandong/domain/cases/contracts';
import { CASE_ACTION_LABELS, type CaseAction } from '@liandong/domain/cases/machine';
import { Alert, App, Button, Form, Input, Modal, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type CaseActionInput, type CaseDetail, useCaseAction, useTrialExtension } from './api';
import { DecideModal } from './DecideModal';

/** Order of the buttons (the machine's order); approveFiling happens through the clue's filing request. */
const ORDER: CaseAction[] = [
  'approvePlan',
  'announce',
  'startInvestigation',
  'confirmFacts',
  'reportInvestigation',
  'transferToTrial',
  'returnSupplement',
  'deliberate',
  'decide',
  'transferToProcuratorate',
  'announceDecision',
  'reportExecution',
  'archive',
  'requestSupplement',
  'revoke',
];
const DANGER = new Set<CaseAction>(['revoke', 'requestSupplement']);
const REASON = new Set<CaseAction>(['revoke', 'requestSupplement']);
const SIMPLE = new Set<string>(SIMPLE_CASE_ACTIONS);

type Dialog = { kind: 'simple' | 'reason'; action: CaseAction } | { kind: 'decide' } | { kind: 'extend' } | null;

/** Errors a dialog shows in place (guards and business rules answer 409/422 with a zh-CN message). */
function inlineError(err: unknown): string | null {
  return err instanceof ApiError && (err.status === 409 || err.status === 422) && err.code !== 'STALE_VERSION' ? err.message : null;
}

/** The buttons of a case, one per action the server granted; blocked ones show the guard's reason. */
export function CaseActions({ detail }: { detail: CaseDetail }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const action = useCaseAction(detail);
  const extend = useTrialExtension(detail);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ comment?: string; reason?: string }>();
  const allowed = ORDER.filter((a) => detail.abilities.actions.includes(a));
  const blocked = detail.abilities.blocked.filter((b) => !allowed.includes(b.action));
  const open = (d: Dialog) => {
    setError(null);
    setDialog(d);
  };
  const close = () => setDialog(null);

  const run = async (body: CaseActionInput) => {
    setError(null);
    try {
      await action.mutateAsync(body);
      message.success(t('cases.actionDone', { action: label(CASE_ACTION_LABELS, body.action) }));
      close();
    } catch (err) {
      const inline = inlineError(err);
      if (inline) setError(inline);
      onError(err);
    }
  };

  const submit = async () => {
    if (!dialog || dialog.kind === 'decide') return;
    const v = await form.validateFields();
    if (dialog.kind === 'extend') {
      setError(null);
      try {
        await extend.mutateAsync(v.comment?.trim());
        message.success(t('cases.trialExtended'));
        close();
      } catch (err) {
        setError(inlineError(err));
        onError(err);
      }
      return;
    }
    const comment = v.comment?.trim() || undefined;
    if (dialog.action === 'revoke' || dialog.action === 'requestSupplement') {
      await run({ action: dialog.action, reason: (v.reason ?? '').trim(), comment });
    } else if (SIMPLE.has(dialog.action)) {
      await run({ action: dialog.action as (typeof SIMPLE_CASE_ACTIONS)[number], comment });
    }
  };

  if (!allowed.length && !blocked.length && !detail.abilities.extendTrial) return null;
  const dialogAction = dialog && (dialog.kind === 'simple' || dialog.kind === 'reason') ? dialog.action : null;

  return (
    <>
      <Space wrap data-testid="case-actions">
        {allowed.map((a) => (
          <Button
            key={a}
            type={DANGER.has(a) ? 'default' : 'primary'}
            danger={DANGER.has(a)}
            data-testid={`case-action-${a}`}
            onClick={() => open(a === 'decide' ? { kind: 'decide' } : { kind: REASON.has(a) ? 'reason' : 'simple', action: a })}
          >
            {label(CASE_ACTION_LABELS, a)}
          </Button>
        ))}
        {blocked.map((b) => (
          <Tooltip key={b.action} title={b.reason}>
            <Button disabled data-testid={`case-blocked-${b.action}`}>
              {label(CASE_ACTION_LABELS, b.action)}
            </Button>
          </Tooltip>
        ))}
        {detail.abilities.extendTrial ? (
          <Button onClick={() => open({ kind: 'extend' })} data-testid="case-extend-trial">
            {t('cases.extendTrial')}
          </Button>
        ) : null}
      </Space>
      <Modal
        open={dialog !== null && dialog.kind !== 'decide'}
        title={dialog?.kind === 'extend' ? t('cases.extendTrial') : dialogAction ? label(CASE_ACTION_LABELS, dialogAction) : ''}
        onCancel={close}
        onOk={() => void submit()}
        confirmLoading={action.isPending || extend.isPending}
        okButtonProps={{ 'data-testid': 'case-action-confirm', danger: dialogAction ? DANGER.has(dialogAction) : false }}
        destroyOnHidden
      >
        {dialog?.kind === 'extend' ? <Alert type="info" showIcon title={t('cases.extendTrialHint')} style={{ marginBottom: 12 }} /> : null}
        {dialogAction === 'transferToTrial' ? <Alert type="info" showIcon title={t('cases.transferHint')} style={{ marginBottom: 12 }} /> : null}
        {dialogAction === 'revoke' ? <Alert type="warning" showIcon title={t('cases.revokeHint')} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" preserve={false}>
          {dialog?.kind === 'reason' ? (
            <Form.Item
              name="reason"
              label={dialogAction === 'revoke' ? t('cases.revokeReason') : t('cases.supplementReason')}
              rules={[{ required: true, whitespace: true, message: t('cases.reasonRequired') }]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount data-testid="case-action-reason" />
            </Form.Item>
          ) : null}
          <Form.Item name="comment" label={t('cases.comment')}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="case-action-comment" />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={error} data-testid="case-action-error" /> : null}
      </Modal>
      <DecideModal open={dialog?.kind === 'decide'} detail={detail} onClose={close} onSubmit={run} loading={action.isPending} error={error} />
    </>
  );
}
