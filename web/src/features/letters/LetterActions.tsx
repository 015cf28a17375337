import { LETTER_ACTION_LABELS, LETTER_REFERRAL_LABELS, type LetterAction, type LetterReferral } from '@liandong/domain/reform/machine';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useApiErrorHandler } from '../../lib/errors';
import { toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { type LetterActionInput, type LetterDetail, useLetterAction } from './api';

/** The machine's order; the recipient's own actions (object, adopt, reply) are offered in their portal but shown here too when granted. */
const ORDER: LetterAction[] = [
  'consult',
  'submitReview',
  'approve',
  'issue',
  'serve',
  'adopt',
  'object',
  'rejectObjection',
  'upholdObjection',
  'reissue',
  'reply',
  'evaluate',
  'close',
  'reopenRectification',
  'returnDraft',
  'refuse',
  'escalate',
  'withdraw',
];
const DANGER = new Set<LetterAction>(['returnDraft', 'refuse', 'escalate', 'withdraw', 'upholdObjection', 'reopenRectification']);
/** Actions whose comment is the required reason. */
const REASON = new Set<LetterAction>(['returnDraft', 'reopenRectification', 'refuse', 'withdraw']);
const HINTS: Partial<Record<LetterAction, MessageKey>> = {
  issue: 'letter.issueHint',
  serve: 'letter.serveHint',
  approve: 'letter.approveHint',
  upholdObjection: 'letter.upholdObjectionHint',
  reissue: 'letter.reissueHint',
  refuse: 'letter.refuseHint',
  escalate: 'letter.escalateHint',
  adopt: 'letter.adoptHint',
};

interface Values {
  comment?: string;
  receiptSignedBy?: string;
  servedOn?: Dayjs;
  objection?: string;
  answer?: string;
  reply?: string;
  evaluation?: string;
  score?: number;
  escalation?: string;
  referredTo?: string;
  referredToKind?: LetterReferral;
  referredOn?: Dayjs;
}

function toBody(action: LetterAction, v: Values): LetterActionInput {
  const comment = v.comment?.trim() || undefined;
  switch (action) {
    case 'serve':
      return { action, comment, receiptSignedBy: (v.receiptSignedBy ?? '').trim(), servedOn: toIsoDay(v.servedOn) ?? '' };
    case 'object':
      return { action, comment, objection: (v.objection ?? '').trim() };
    case 'upholdObjection':
    case 'rejectObjection':
      return { action, comment, answer: (v.answer ?? '').trim() };
    case 'reply':
      return { action, comment, reply: (v.reply ?? '').trim() };
    case 'evaluate':
      return { action, comment, evaluation: (v.evaluation ?? '').trim(), score: v.score ?? 0 };
    case 'escalate':
      return {
        action,
        comment,
        referredTo: (v.referredTo ?? '').trim(),
        referredToKind: v.referredToKind ?? 'COMPETENT_DEPARTMENT',
        referredOn: toIsoDay(v.referredOn) ?? '',
        escalation: (v.escalation ?? '').trim(),
      };
    case 'returnDraft':
    case 'reopenRectification':
    case 'refuse':
    case 'withdraw':
      return { action, comment: comment ?? '' };
    default:
      return { action, comment };
  }
}

/** The buttons of a letter, one per action the server granted; each opens a dialog with what the action needs. */
export function LetterActions({ letter }: { letter: LetterDetail }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const mutation = useLetterAction(letter);
  const [action, setAction] = useState<LetterAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const allowed = ORDER.filter((a) => letter.abilities.actions.includes(a));
  if (!allowed.length) return null;

  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields();
    setError(null);
    try {
      const saved = await mutation.mutateAsync(toBody(action, v));
      if ((action === 'issue' || action === 'reissue') && saved.docNo) message.success(t('letter.issuedNo', { docNo: saved.docNo }));
      else message.success(t('letter.actionDone', { action: label(LETTER_ACTION_LABELS, action) }));
      setAction(null);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.status === 422) && err.code !== 'STALE_VERSION') setError(err.message);
      onError(err, form);
    }
  };
  const hint = action ? HINTS[action] : undefined;
  const field = (name: keyof Values, key: MessageKey, max: number, rows = 4) => (
    <Form.Item name={name} label={t(key)} rules={[{ required: true, whitespace: true, message: t('letter.required') }, { max }]}>
      <Input.TextArea rows={rows} maxLength={max} showCount data-testid={`letter-action-${name}`} />
    </Form.Item>
  );

  return (
    <>
      <Space wrap data-testid="letter-actions">
        {allowed.map((a) => (
          <Button
            key={a}
            type={DANGER.has(a) ? 'default' : 'primary'}
            danger={DANGER.has(a)}
            data-testid={`letter-action-${a}`}
            onClick={() => {
              setError(null);
              form.resetFields();
              setAction(a);
            }}
          >
            {label(LETTER_ACTION_LABELS, a)}
          </Button>
        ))}
      </Space>
      <Modal
        open={action !== null}
        title={action ? label(LETTER_ACTION_LABELS, action) : ''}
        onCancel={() => setAction(null)}
        onOk={() => void submit()}
        confirmLoading={mutation.isPending}
        okButtonProps={{ 'data-testid': 'letter-action-confirm', danger: action ? DANGER.has(action) : false }}
        destroyOnHidden
        width={600}
      >
        {hint ? <Alert type="info" showIcon title={t(hint)} style={{ marginBottom: 12 }} /> : null}
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ servedOn: dayjs(), score: 90, referredOn: dayjs(), referredToKind: 'COMPETENT_DEPARTMENT' }}
        >
          {action === 'serve' ? (
            <>
              <Form.Item
                name="receiptSignedBy"
                label={t('letter.receiptSignedBy')}
                rules={[{ required: true, whitespace: true, message: t('letter.required') }, { max: 100 }]}
              >
                <Input data-testid="letter-action-receiptSignedBy" />
              </Form.Item>
              <Form.Item name="servedOn" label={t('letter.servedOn')} rules={[{ required: true, message: t('letter.required') }]}>
                <DatePicker disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} data-testid="letter-action-servedOn" />
              </Form.Item>
            </>
          ) : null}
          {action === 'object' ? field('objection', 'letter.objection', 5000) : null}
          {action === 'upholdObjection' || action === 'rejectObjection' ? field('answer', 'letter.objectionAnswer', 5000) : null}
          {action === 'reply' ? field('reply', 'letter.reply', 20000, 8) : null}
          {action === 'evaluate' ? (
            <>
              {field('evaluation', 'letter.evaluation', 5000)}
              <Form.Item name="score" label={t('letter.score')} extra={t('letter.scoreHint')} rules={[{ required: true, message: t('letter.required') }]}>
                <InputNumber min={0} max={100} precision={0} data-testid="letter-action-score" />
              </Form.Item>
            </>
          ) : null}
          {action === 'escalate' ? (
            <>
              <Form.Item name="referredToKind" label={t('letter.referredToKind')} rules={[{ required: true, message: t('letter.required') }]}>
                <Radio.Group
                  data-testid="letter-action-referredToKind"
                  options={(Object.keys(LETTER_REFERRAL_LABELS) as LetterReferral[]).map((k) => ({ value: k, label: label(LETTER_REFERRAL_LABELS, k) }))}
                />
              </Form.Item>
              <Form.Item
                name="referredTo"
                label={t('letter.referredTo')}
                rules={[{ required: true, whitespace: true, message: t('letter.required') }, { max: 200 }]}
              >
                <Input maxLength={200} data-testid="letter-action-referredTo" />
              </Form.Item>
              <Form.Item name="referredOn" label={t('letter.referredOn')} rules={[{ required: true, message: t('letter.required') }]}>
                <DatePicker disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} data-testid="letter-action-referredOn" />
              </Form.Item>
              {field('escalation', 'letter.escalation', 5000)}
            </>
          ) : null}
          <Form.Item
            name="comment"
            label={action && REASON.has(action) ? t('letter.reason') : t('letter.comment')}
            rules={action && REASON.has(action) ? [{ required: true, whitespace: true, message: t('letter.reasonRequired') }, { max: 2000 }] : [{ max: 2000 }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="letter-action-comment" />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={error} data-testid="letter-action-error" /> : null}
      </Modal>
    </>
  );
}
