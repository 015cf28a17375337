import { DownOutlined } from '@ant-design/icons';
import { DISPOSITION_METHOD_LABELS, MERGE_KIND_LABELS } from '@liandong/domain/clues/enums';
import { CLUE_ACTION_LABELS, CLUE_OPEN } from '@liandong/domain/clues/machine';
import { App, Button, DatePicker, Dropdown, Form, Input, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { type ActionInput, type ClueDetail, type ClueDirectAction, type ClueRequestAction, useClueAction } from './api';
import { ClueSelect } from './pickers';
import { RequestModal } from './RequestModal';

/** Direct actions done with a confirmation only. */
const CONFIRM_ONLY = new Set<ClueDirectAction>(['register', 'accept', 'reportTalkInquiry', 'reportPrelim']);
/** Requests shown as buttons (the rest go into the "more" menu). */
const PRIMARY_REQUESTS = new Set<ClueRequestAction>(['assign', 'approveTalkInquiry', 'approvePrelim', 'proposeCase', 'fileCase']);
const DANGER_REQUESTS = new Set<ClueRequestAction>(['findFalseAccusation', 'transferOut']);

type Dialog = { kind: 'propose' } | { kind: 'merge' } | { kind: 'date'; action: 'acknowledge' | 'feedback' } | null;

/** The buttons of a clue: one per action or request the server's abilities allow now. */
export function ClueActions({ clue }: { clue: ClueDetail }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const act = useClueAction(clue);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [requestAction, setRequestAction] = useState<ClueRequestAction | null>(null);
  const { actions, requests } = clue.abilities;
  if (!actions.length && !requests.length) return null;

  const run = async (body: ActionInput, form?: Parameters<typeof onError>[1]) => {
    try {
      await act.mutateAsync(body);
      message.success(t('clue.actionDone', { action: actionLabel(body.action) }));
      return true;
    } catch (err) {
      onError(err, form);
      return false;
    }
  };
  const actionLabel = (a: ClueDirectAction) =>
    a === 'acknowledge'
      ? t('clueAct.acknowledge')
      : a === 'feedback'
        ? t('clueAct.feedback')
        : a === 'merge'
          ? t('clueAct.merge')
          : label(CLUE_ACTION_LABELS, a);

  const primaryRequests = requests.filter((r) => PRIMARY_REQUESTS.has(r));
  const otherRequests = requests.filter((r) => !PRIMARY_REQUESTS.has(r));

  return (
    <>
      <Space wrap data-testid="clue-actions">
        {actions.map((a) => {
          const text = actionLabel(a);
          if (CONFIRM_ONLY.has(a)) {
            return (
              <Popconfirm
                key={a}
                title={t('clue.confirmAction', { action: text })}
                description={a === 'register' ? t('clueAct.registerHint') : a === 'reportPrelim' ? t('clueAct.reportPrelimHint') : undefined}
                okButtonProps={{ 'data-testid': `clue-action-${a}-confirm` }}
                onConfirm={() => run({ action: a } as ActionInput)}
              >
                <Button type="primary" loading={act.isPending && act.variables?.action === a} data-testid={`clue-action-${a}`}>
                  {text}
                </Button>
              </Popconfirm>
            );
          }
          const open = () =>
            setDialog(a === 'propose' ? { kind: 'propose' } : a === 'merge' ? { kind: 'merge' } : { kind: 'date', action: a as 'acknowledge' | 'feedback' });
          return (
            <Button key={a} type={a === 'propose' ? 'primary' : 'default'} onClick={open} data-testid={`clue-action-${a}`}>
              {text}
            </Button>
          );
        })}
        {primaryRequests.map((r) => (
          <Button key={r} type="primary" ghost onClick={() => setRequestAction(r)} data-testid={`clue-request-${r}`}>
            {t('clue.requestApproval', { action: label(CLUE_ACTION_LABELS, r) })}
          </Button>
        ))}
        {otherRequests.length ? (
          <Dropdown
            menu={{
              items: otherRequests.map((r) => ({
                key: r,
                danger: DANGER_REQUESTS.has(r),
                label: <span data-testid={`clue-request-${r}`}>{t('clue.requestApproval', { action: label(CLUE_ACTION_LABELS, r) })}</span>,
              })),
              onClick: ({ key }) => setRequestAction(key as ClueRequestAction),
            }}
          >
            <Button data-testid="clue-request-more">
              {t('clueAct.approvals')} <DownOutlined />
            </Button>
          </Dropdown>
        ) : null}
      </Space>
      <ProposeModal open={dialog?.kind === 'propose'} loading={act.isPending} onClose={() => setDialog(null)} run={run} />
      <MergeModal open={dialog?.kind === 'merge'} clue={clue} loading={act.isPending} onClose={() => setDialog(null)} run={run} />
      <DateModal action={dialog?.kind === 'date' ? dialog.action : null} loading={act.isPending} onClose={() => setDialog(null)} run={run} />
      <RequestModal clue={clue} action={requestAction} onClose={() => setRequestAction(null)} />
    </>
  );
}

type Run = (body: ActionInput, form?: Parameters<ReturnType<typeof useApiErrorHandler>>[1]) => Promise<boolean>;

/** 提出处置意见: the method among the four and why. */
function ProposeModal({ open, loading, onClose, run }: { open: boolean; loading: boolean; onClose: () => void; run: Run }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<{ method: 'TALK_INQUIRY'; rationale: string }>();
  return (
    <Modal
      open={open}
      title={label(CLUE_ACTION_LABELS, 'propose')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading, 'data-testid': 'clue-propose-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async (v) => {
          if (await run({ action: 'propose', method: v.method, rationale: v.rationale.trim() }, form)) onClose();
        }}
      >
        <Form.Item name="method" label={t('clueAct.method')} rules={[{ required: true, message: t('clueAct.methodRequired') }]}>
          <Select options={enumOptions(DISPOSITION_METHOD_LABELS, label)} data-testid="clue-propose-method" />
        </Form.Item>
        <Form.Item
          name="rationale"
          label={t('clue.rationale')}
          rules={[{ required: true, whitespace: true, message: t('clue.rationaleRequired') }, { max: 5000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="clue-propose-rationale" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 并案: into an open, visible clue, as a duplicate (重复件) or a same-matter party (同案人员). */
function MergeModal({ open, clue, loading, onClose, run }: { open: boolean; clue: ClueDetail; loading: boolean; onClose: () => void; run: Run }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<{ targetId: string; kind: 'DUPLICATE' | 'CO_PARTY'; comment?: string }>();
  return (
    <Modal
      open={open}
      title={t('clueAct.merge')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading, 'data-testid': 'clue-merge-submit' }}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'DUPLICATE' }}
        onFinish={async (v) => {
          if (await run({ action: 'merge', targetId: v.targetId, kind: v.kind, comment: v.comment?.trim() || undefined }, form)) onClose();
        }}
      >
        <Form.Item name="targetId" label={t('clueAct.mergeTarget')} rules={[{ required: true, message: t('clueAct.mergeTargetRequired') }]}>
          <ClueSelect states={[...CLUE_OPEN]} exclude={[clue.id]} data-testid="clue-merge-target" />
        </Form.Item>
        <Form.Item name="kind" label={t('clueAct.mergeKind')} rules={[{ required: true }]}>
          <Select options={enumOptions(MERGE_KIND_LABELS, label)} />
        </Form.Item>
        <Form.Item name="comment" label={t('clue.commentOptional')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 受理告知 / 结果反馈 recorded by the 信访室, on a date (today by default). */
function DateModal({ action, loading, onClose, run }: { action: 'acknowledge' | 'feedback' | null; loading: boolean; onClose: () => void; run: Run }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ on: Dayjs; comment?: string }>();
  return (
    <Modal
      open={action !== null}
      title={action === 'feedback' ? t('clueAct.feedback') : t('clueAct.acknowledge')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading, 'data-testid': 'clue-date-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{action === 'feedback' ? t('clueAct.feedbackHint') : t('clueAct.acknowledgeHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ on: dayjs() }}
        onFinish={async (v) => {
          if (!action) return;
          if (await run({ action, on: v.on.format('YYYY-MM-DD'), comment: v.comment?.trim() || undefined }, form)) onClose();
        }}
      >
        <Form.Item name="on" label={t('clueAct.on')} rules={[{ required: true, message: t('clue.invalidDate') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="comment" label={t('clue.commentOptional')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
