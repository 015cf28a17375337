import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { APPROVER_LABELS, CLOSED_KIND_LABELS, FIRST_FORM_MEASURE_LABELS, INQUIRY_FORM_LABELS, VERIFICATION_MEASURE_LABELS } from '@liandong/domain/clues/enums';
import { CLUE_ACTION_LABELS } from '@liandong/domain/clues/machine';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Space, Steps, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client';
import { useOrg } from '../../api/structure';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type ClueRequest, useDecide } from './api';

const STATUS_COLORS: Record<ClueRequest['status'], string> = { PENDING: 'processing', APPROVED: 'success', REJECTED: 'error', WITHDRAWN: 'default' };
const STATUS_KEYS = {
  PENDING: 'clueReq.statusPending',
  APPROVED: 'clueReq.statusApproved',
  REJECTED: 'clueReq.statusRejected',
  WITHDRAWN: 'clueReq.statusWithdrawn',
} as const;

/** External approvals (同级党委, 上级纪委监委) are recorded with the approval's content. */
const EXTERNAL = new Set<string>(['PARTY_COMMITTEE_SECRETARY', 'UPPER_COMMISSION']);

export function RequestStatusTag({ status }: { status: ClueRequest['status'] }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{t(STATUS_KEYS[status])}</Tag>;
}

function OrgName({ id }: { id: string }) {
  const org = useOrg(id);
  return <>{org.data?.nameZh ?? '…'}</>;
}

/** What the request asks for, read from its payload. */
export function PayloadView({ request }: { request: ClueRequest }) {
  const { t, label } = useI18n();
  const p = request.payload as Record<string, unknown>;
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  const items: { key: string; label: string; children: ReactNode }[] = [];
  if (str('undertakingOrgId')) items.push({ key: 'org', label: t('clueAct.undertakingOrg'), children: <OrgName id={str('undertakingOrgId') ?? ''} /> });
  if (str('receiver')) items.push({ key: 'receiver', label: t('clueAct.receiver'), children: str('receiver') });
  if (str('form')) items.push({ key: 'form', label: t('clueAct.inquiryForm'), children: label(INQUIRY_FORM_LABELS, str('form')) });
  if (str('plan')) items.push({ key: 'plan', label: t('clueAct.plan'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{str('plan')}</span> });
  if (Array.isArray(p.measures) && p.measures.length)
    items.push({
      key: 'measures',
      label: t('clueAct.measures'),
      children: (p.measures as string[]).map((m) => label(VERIFICATION_MEASURE_LABELS, m)).join('、'),
    });
  if (Array.isArray(p.teamUserIds)) items.push({ key: 'team', label: t('clueAct.team'), children: t('clueReq.people', { count: p.teamUserIds.length }) });
  if (str('targetDue')) items.push({ key: 'targetDue', label: t('clueVer.targetDue'), children: formatDate(str('targetDue')) });
  if (str('reviewDue')) items.push({ key: 'reviewDue', label: t('clueAct.reviewDue'), children: formatDate(str('reviewDue')) });
  if (str('closedKind')) items.push({ key: 'closedKind', label: t('clueAct.closedKind'), children: label(CLOSED_KIND_LABELS, str('closedKind')) });
  if (str('measure')) items.push({ key: 'measure', label: t('clueAct.firstFormMeasure'), children: label(FIRST_FORM_MEASURE_LABELS, str('measure')) });
  if (str('partyOrgName')) items.push({ key: 'partyOrg', label: t('clueAct.partyOrgName'), children: str('partyOrgName') });
  if (str('newEvidence'))
    items.push({ key: 'evidence', label: t('clueAct.newEvidence'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{str('newEvidence')}</span> });
  if (!items.length) return null;
  return <Descriptions size="small" column={1} items={items} style={{ marginBottom: 8 }} />;
}

/** The approval chain as steps: who decided, when, how, with what comment; the next step waiting. */
export function ChainSteps({ request }: { request: ClueRequest }) {
  const { t, label } = useI18n();
  return (
    <Steps
      size="small"
      orientation="vertical"
      current={request.status === 'PENDING' ? request.nextStep : request.chain.length}
      data-testid={`clue-request-chain-${request.id}`}
      items={request.chain.map((kind, i) => {
        const a = request.approvals.find((x) => x.step === i);
        const waiting = !a && request.status === 'PENDING' && i === request.nextStep;
        return {
          title: (
            <Space size={4}>
              <span>{label(APPROVER_LABELS, kind)}</span>
              {a ? (
                <Tag color={a.decision === 'APPROVED' ? 'green' : 'red'}>{a.decision === 'APPROVED' ? t('clueReq.approve') : t('clueReq.reject')}</Tag>
              ) : waiting ? (
                <Tag color="processing">{t('clueReq.waiting')}</Tag>
              ) : null}
            </Space>
          ),
          status: a ? (a.decision === 'APPROVED' ? 'finish' : 'error') : waiting ? 'process' : 'wait',
          content: a ? (
            <div data-testid={`clue-approval-${request.id}-${i}`}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.decidedBy.name} · {formatDateTime(a.decidedAt)}
              </Typography.Text>
              {a.comment ? <div style={{ whiteSpace: 'pre-wrap' }}>{a.comment}</div> : null}
            </div>
          ) : null,
        };
      })}
    />
  );
}

/**
 * 同意 / 不同意 for the current approver. A 409 (someone else decided first, or the request changed)
 * tells the user so and reloads.
 */
export function DecisionButtons({ request, size }: { request: ClueRequest; size?: 'small' | 'middle' }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const decide = useDecide();
  const [decision, setDecision] = useState<'APPROVED' | 'REJECTED' | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();
  if (!request.canDecide || request.status !== 'PENDING') return null;
  const external = request.nextApprover ? EXTERNAL.has(request.nextApprover) : false;
  const commentRequired = decision === 'REJECTED' || external;
  const action = label(CLUE_ACTION_LABELS, request.action);

  const submit = async (v: { comment?: string }) => {
    if (!decision) return;
    try {
      await decide.mutateAsync({ id: request.id, decision, comment: v.comment?.trim() ?? '', version: request.version });
      message.success(t('clueReq.decided'));
      setDecision(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        message.warning(t('clueReq.conflict'));
        setDecision(null);
        void queryClient.invalidateQueries({ queryKey: ['clues'] });
        return;
      }
      onError(err, form);
    }
  };

  return (
    <>
      <Space>
        <Button type="primary" size={size} icon={<CheckOutlined />} onClick={() => setDecision('APPROVED')} data-testid={`clue-approve-${request.id}`}>
          {t('clueReq.approve')}
        </Button>
        <Button danger size={size} icon={<CloseOutlined />} onClick={() => setDecision('REJECTED')} data-testid={`clue-reject-${request.id}`}>
          {t('clueReq.reject')}
        </Button>
      </Space>
      <Modal
        open={decision !== null}
        title={decision === 'REJECTED' ? t('clueReq.rejectTitle', { action }) : t('clueReq.approveTitle', { action })}
        onCancel={() => setDecision(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: decide.isPending, danger: decision === 'REJECTED', 'data-testid': 'clue-decision-submit' }}
        destroyOnHidden
      >
        {external ? <Alert type="info" showIcon title={t('clueReq.externalHint')} style={{ marginBottom: 12 }} /> : null}
        <Typography.Paragraph>
          {request.clueNo ?? t('clue.noNumber')} · {request.clueTitle}（{request.subjectName}）
        </Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)}>
          <Form.Item
            name="comment"
            label={t('clue.comment')}
            rules={[{ required: commentRequired, whitespace: true, message: t('clue.commentRequired') }, { max: 2000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} data-testid="clue-decision-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The 审批 section of a clue: every request, newest first, with its chain and the decision buttons. */
export function ApprovalsPanel({ requests }: { requests: ClueRequest[] }) {
  const { t, label } = useI18n();
  const sorted = [...requests].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  if (!sorted.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clueReq.none')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="clue-requests">
      {sorted.map((r) => (
        <Card
          key={r.id}
          size="small"
          data-testid={`clue-request-card-${r.id}`}
          data-status={r.status}
          title={
            <Space wrap>
              <Typography.Text strong>{label(CLUE_ACTION_LABELS, r.action)}</Typography.Text>
              <RequestStatusTag status={r.status} />
            </Space>
          }
          extra={<DecisionButtons request={r} size="small" />}
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
            {t('clueReq.requestedBy')}：{r.requestedBy?.name ?? t('clue.system')} · {formatDateTime(r.requestedAt)}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            <Typography.Text type="secondary">{t('clueReq.rationale')}：</Typography.Text>
            {r.rationale}
          </Typography.Paragraph>
          <PayloadView request={r} />
          <ChainSteps request={r} />
        </Card>
      ))}
    </Space>
  );
}
