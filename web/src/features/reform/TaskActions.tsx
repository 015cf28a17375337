import { ESCALATION_STEP_LABELS, TASK_ACTION_LABELS, type TaskAction } from '@liandong/domain/reform/machine';
import { Alert, App, Button, Form, type FormInstance, Input, Modal, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { type TaskActionInput, type TaskDetail, useTaskAction } from './api';
import { AccountabilityFields, type AccountabilityValues, accountabilityBody, EscalationLadder } from './components';

/** The supervisor's side of c.5 (the unit's side is the portal). */
type SupervisorAction = 'acceptPlan' | 'returnPlan' | 'verify' | 'returnWork' | 'closeOut' | 'escalate';
const ORDER: SupervisorAction[] = ['acceptPlan', 'verify', 'closeOut', 'returnPlan', 'returnWork', 'escalate'];
const DANGER = new Set<SupervisorAction>(['returnPlan', 'returnWork', 'escalate']);
const REASON = new Set<SupervisorAction>(['returnPlan', 'returnWork', 'escalate']);
const HINTS: Partial<Record<SupervisorAction, MessageKey>> = {
  acceptPlan: 'rect.acceptPlanHint',
  verify: 'rect.verifyHint',
  closeOut: 'rect.closeOutHint',
  escalate: 'rect.escalateHint',
};

interface Values {
  comment?: string;
  accountability?: AccountabilityValues;
}

/** Buttons for the supervisor's actions the server granted; 升级督办 shows the ladder and, at 问责, the accountability form. */
export function TaskActions({ task }: { task: TaskDetail }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const mutation = useTaskAction(task);
  const [action, setAction] = useState<SupervisorAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const allowed = ORDER.filter((a) => task.abilities[a]);
  if (!allowed.length) return null;
  const atAccountability = action === 'escalate' && task.nextEscalationStep === 'ACCOUNTABILITY';

  const submit = async () => {
    if (!action) return;
    const v = await validated(form);
    if (!v) return; // the failing fields are marked in red
    const comment = v.comment?.trim() || undefined;
    let body: TaskActionInput;
    if (action === 'escalate') {
      body = { action, comment: comment ?? '', accountability: atAccountability && v.accountability ? accountabilityBody(v.accountability) : undefined };
    } else if (action === 'returnPlan' || action === 'returnWork') {
      body = { action, comment: comment ?? '' };
    } else {
      body = { action, comment };
    }
    setError(null);
    try {
      const result = await mutation.mutateAsync(body);
      message.success(
        result.accountabilityId ? t('rect.accountabilityCreated') : t('letter.actionDone', { action: label(TASK_ACTION_LABELS, action as TaskAction) }),
      );
      setAction(null);
    } catch (err) {
      // A refused or failed confirm stays visible in the dialog (the toast is gone after 3 s): the user
      // sees why the dialog is still open, and a stale version reloads the task so that 确定 can be retried.
      setError(err instanceof ApiError && err.code === 'STALE_VERSION' ? t('errors.stale') : err instanceof Error ? err.message : String(err));
      onError(err, form);
    }
  };
  const hint = action ? HINTS[action] : undefined;
  return (
    <>
      <Space wrap data-testid="task-actions">
        {allowed.map((a) => (
          <Button
            key={a}
            type={DANGER.has(a) ? 'default' : 'primary'}
            danger={DANGER.has(a)}
            data-testid={`task-action-${a}`}
            onClick={() => {
              setError(null);
              form.resetFields();
              setAction(a);
            }}
          >
            {a === 'escalate' && task.nextEscalationStep
              ? t('rect.escalateTo', { step: label(ESCALATION_STEP_LABELS, task.nextEscalationStep) })
              : label(TASK_ACTION_LABELS, a)}
          </Button>
        ))}
      </Space>
      <Modal
        open={action !== null}
        title={action ? label(TASK_ACTION_LABELS, action) : ''}
        onCancel={() => setAction(null)}
        onOk={() => void submit()}
        confirmLoading={mutation.isPending}
        okButtonProps={{ 'data-testid': 'task-action-confirm', danger: action ? DANGER.has(action) : false }}
        destroyOnHidden
        width={atAccountability ? 760 : 560}
      >
        {action === 'escalate' ? (
          <div style={{ marginBottom: 16 }}>
            <EscalationLadder current={task.escalationStep} next={task.nextEscalationStep} />
            {task.nextEscalationStep ? (
              <Typography.Paragraph style={{ marginTop: 8 }}>
                {t('rect.nextStep', { step: label(ESCALATION_STEP_LABELS, task.nextEscalationStep) })}
              </Typography.Paragraph>
            ) : null}
          </div>
        ) : null}
        {hint ? <Alert type="info" showIcon title={t(hint)} style={{ marginBottom: 12 }} /> : null}
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            accountability: { targetKind: 'LEADER', targetOrgId: task.unit.id, decidedOn: dayjs(), decidingBody: t('rect.defaultDecidingBody') },
          }}
        >
          {atAccountability ? (
            <>
              <Alert type="warning" showIcon title={t('rect.accountabilityFormHint')} style={{ marginBottom: 12 }} />
              <AccountabilityFields form={form} prefix={['accountability']} />
            </>
          ) : null}
          <Form.Item
            name="comment"
            label={action && REASON.has(action) ? t('rect.reason') : t('letter.comment')}
            rules={action && REASON.has(action) ? [{ required: true, whitespace: true, message: t('letter.reasonRequired') }, { max: 2000 }] : [{ max: 2000 }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="task-action-comment" />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={error} data-testid="task-action-error" /> : null}
      </Modal>
    </>
  );
}

/**
 * The form's values, or null when a field fails (antd marks it in red). antd rejects a validation whose
 * values changed while it ran (`outOfDate`: a keystroke or a re-render landing during the check, as on a
 * loaded machine); that is not the user's error, so the check runs again instead of swallowing the click.
 */
async function validated<V>(form: FormInstance<V>, attempts = 3): Promise<V | null> {
  try {
    return await form.validateFields();
  } catch (err) {
    const e = err as { outOfDate?: boolean; errorFields?: unknown[] };
    if (e.outOfDate && attempts > 1) return validated(form, attempts - 1);
    if (!e.errorFields?.length) console.warn('task action: validation failed without a field error', err);
    return null;
  }
}
