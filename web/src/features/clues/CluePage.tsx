import { ArrowLeftOutlined, EditOutlined, LockOutlined } from '@ant-design/icons';
import type { WorkCalendar } from '@liandong/domain/calendar/calendar';
import {
  CLOSED_KIND_LABELS,
  CLUE_SOURCE_LABELS,
  DISPOSITION_METHOD_LABELS,
  ISSUE_TYPE_LABELS,
  OVERDUE_KIND_LABELS,
  type OverdueKind,
} from '@liandong/domain/clues/enums';
import { CLUE_TERMINAL } from '@liandong/domain/clues/machine';
import { CADRE_MANAGEMENT_LABELS } from '@liandong/domain/org/enums';
import { Alert, Badge, Button, Card, Col, Descriptions, Flex, Row, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { EnumTags } from '../../components/EnumTag';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { Statlet } from '../../components/Statlet';
import { formatDate, formatDateTime, orDash } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type ClueDetail, useClue } from './api';
import { ApprovalsPanel } from './approvals';
import { ClueActions } from './ClueActions';
import { ComplainantPanel } from './ComplainantPanel';
import { EditIntakeDrawer } from './EditIntakeDrawer';
import { ClueStateTag, DueText, OverdueFlags, PROPOSAL_PENDING, useWorkCalendar } from './components';
import { InquiryPanel } from './InquiryPanel';
import { RelatedPanel } from './RelatedPanel';
import { ClueTimeline } from './timeline';
import { VerificationPanel } from './VerificationPanel';
import { TypologyTags } from './typology';
import { SharedNotice } from '../shares/SharedNotice';

/** The running deadlines of a clue, each with whether it has been met. */
type DeadlineRow = { kind: OverdueKind; due: string; done: boolean; unconfirmed: boolean };
function deadlineRows(c: ClueDetail): DeadlineRow[] {
  const d = c.deadlines;
  const closed = CLUE_TERMINAL.includes(c.state);
  const flag = (field: string) => d.calendarUnconfirmed.includes(field);
  const rows: (Omit<DeadlineRow, 'due'> & { due: string | null })[] = [
    { kind: 'PROPOSAL_DUE', due: d.proposeDue, done: !PROPOSAL_PENDING.includes(c.state), unconfirmed: flag('proposeDue') },
    { kind: 'ACKNOWLEDGE_DUE', due: d.acknowledgeDue, done: Boolean(d.acknowledgedOn), unconfirmed: flag('acknowledgeDue') },
    { kind: 'INQUIRY_REPLY_DUE', due: d.inquiryReplyDue, done: c.state !== 'TALK_INQUIRY', unconfirmed: flag('inquiryReplyDue') },
    { kind: 'INQUIRY_REPORT_DUE', due: d.inquiryReportDue, done: c.state !== 'TALK_INQUIRY', unconfirmed: flag('inquiryReportDue') },
    { kind: 'HOLD_REVIEW_DUE', due: d.holdReviewDue, done: c.state !== 'PENDING_HOLD', unconfirmed: flag('holdReviewDue') },
    { kind: 'ASSIGNED_CASE_DUE', due: d.assignedCaseDue, done: closed, unconfirmed: flag('assignedCaseDue') },
    { kind: 'FEEDBACK_DUE', due: d.feedbackDue, done: Boolean(d.feedbackOn), unconfirmed: flag('feedbackDue') },
  ];
  return rows.filter((r): r is DeadlineRow => Boolean(r.due));
}

const TABS = ['info', 'approvals', 'inquiry', 'verification', 'related'] as const;
type Tab = (typeof TABS)[number];

/** 线索详情: header with number, state and deadlines; the actions allowed now; sections by stage; the timeline. */
export function CluePage() {
  const { id } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const query = useClue(id);
  const cal = useWorkCalendar();
  const [editing, setEditing] = useState(false);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const clue = query.data;
  const tab: Tab = TABS.includes(sp.get('tab') as Tab) ? (sp.get('tab') as Tab) : 'info';
  const pending = clue.requests.filter((r) => r.status === 'PENDING').length;

  return (
    <Page
      bare
      testId="clue-page"
      title={
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} aria-label={t('clue.back')} />
          <span data-testid="clue-no">{clue.clueNo ?? t('clue.noNumber')}</span>
          <span>{clue.title}</span>
        </Space>
      }
      extra={
        clue.abilities.update ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="clue-edit">
            {t('common.edit')}
          </Button>
        ) : null
      }
      description={
        <Space wrap size={4}>
          <span>{clue.subjectName}</span>
          {clue.subjectOrgName ? <span>· {clue.subjectOrgName}</span> : null}
          {clue.subjectPosition ? <span>· {clue.subjectPosition}</span> : null}
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={24} align="flex-start" justify="space-between">
          <Flex wrap gap={24} align="flex-start">
            <Statlet title={t('clue.state')}>
              <span data-testid="clue-state" data-state={clue.state}>
                <ClueStateTag state={clue.state} />
              </span>
            </Statlet>
            <Statlet title={t('clue.undertakingOrg')}>{orDash(clue.undertakingOrgName)}</Statlet>
            <Statlet title={t('clue.receivedOn')}>{formatDate(clue.receivedOn)}</Statlet>
            {clue.realName ? (
              <Statlet title={t('clue.realName')}>
                <Tag icon={<LockOutlined />} color="gold">
                  {t('clue.realName')}
                </Tag>
              </Statlet>
            ) : null}
            <Deadlines clue={clue} cal={cal} />
          </Flex>
          <ClueActions clue={clue} />
        </Flex>
        {clue.case ? (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            data-testid="clue-case-link"
            title={
              <span>
                {t('clue.caseLink', { caseNo: clue.case.caseNo })} <Link to={`/cases/${clue.case.id}`}>{t('clue.openCase')}</Link>
              </span>
            }
          />
        ) : null}
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Tabs
              activeKey={tab}
              onChange={(k) => {
                const next = new URLSearchParams(sp);
                next.set('tab', k);
                setSp(next, { replace: true });
              }}
              items={[
                { key: 'info', label: t('clue.basicInfo'), children: <BasicInfo clue={clue} /> },
                {
                  key: 'approvals',
                  label: (
                    <span data-testid="clue-tab-approvals">
                      {t('clueReq.title')} <Badge count={pending} size="small" />
                    </span>
                  ),
                  children: <ApprovalsPanel requests={clue.requests} />,
                },
                {
                  key: 'inquiry',
                  label: <span data-testid="clue-tab-inquiry">{`${t('clueInq.title')} (${clue.inquiries.length})`}</span>,
                  children: <InquiryPanel inquiries={clue.inquiries} cal={cal} />,
                },
                {
                  key: 'verification',
                  label: <span data-testid="clue-tab-verification">{`${t('clueVer.title')} (${clue.verifications.length})`}</span>,
                  children: <VerificationPanel verifications={clue.verifications} cal={cal} />,
                },
                // Related clues are the owners' to see: not shown to a reader under a grant.
                ...(clue.shared
                  ? []
                  : [{ key: 'related', label: <span data-testid="clue-tab-related">{t('clueRel.related')}</span>, children: <RelatedPanel clue={clue} /> }]),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('clue.timeline')}>
            <ClueTimeline events={clue.timeline} />
          </Card>
        </Col>
      </Row>
      <EditIntakeDrawer clue={clue} open={editing} onClose={() => setEditing(false)} />
    </Page>
  );
}

/** Each deadline with its remaining working days, red when due or past, green once met. */
function Deadlines({ clue, cal }: { clue: ClueDetail; cal: WorkCalendar | null }) {
  const { t, label } = useI18n();
  const rows = deadlineRows(clue);
  return (
    <Flex wrap gap={24} data-testid="clue-deadlines">
      {rows.map((r) => (
        <Statlet key={r.kind} title={label(OVERDUE_KIND_LABELS, r.kind)}>
          <DueText due={r.due} cal={cal} done={r.done} unconfirmed={r.unconfirmed && !r.done} testId={`clue-deadline-${r.kind}`} />
        </Statlet>
      ))}
      {clue.flags.length ? (
        <Statlet title={t('clue.overdue')}>
          <OverdueFlags flags={clue.flags} />
        </Statlet>
      ) : null}
    </Flex>
  );
}

function BasicInfo({ clue }: { clue: ClueDetail }) {
  const { t, label } = useI18n();
  const yesNo = (b: boolean) => (b ? t('clue.yes') : t('clue.no'));
  return (
    <>
      <SharedNotice shared={clue.shared} />
      <ComplainantPanel clue={clue} />
      {clue.realName && !clue.abilities.readComplainant ? (
        <Alert type="info" showIcon icon={<LockOutlined />} title={t('clue.sealedNotice')} style={{ marginBottom: 12 }} data-testid="clue-sealed-notice" />
      ) : null}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        data-testid="clue-info"
        items={[
          { key: 'clueNo', label: t('clue.clueNo'), children: clue.clueNo ?? t('clue.noNumber') },
          { key: 'source', label: t('clue.source'), children: label(CLUE_SOURCE_LABELS, clue.source) },
          { key: 'campaign', label: t('campaignLink.campaign'), children: clue.campaignName ?? '—' },
          { key: 'receivedOn', label: t('clue.receivedOn'), children: formatDate(clue.receivedOn) },
          {
            key: 'receivingOrg',
            label: t('clue.receivingOrg'),
            children: `${clue.receivingOrgName}${clue.receivedBy ? ` · ${clue.receivedBy.name}` : ''}`,
          },
          { key: 'realName', label: t('clue.realName'), children: clue.realName ? t('clue.realName') : t('clue.anonymous') },
          { key: 'registeredAt', label: t('clue.registeredAt'), children: formatDateTime(clue.registeredAt) },
          { key: 'title', label: t('clue.title'), children: clue.title, span: 2 },
          { key: 'summary', label: t('clue.summary'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{clue.summary}</span>, span: 2 },
          { key: 'issueTypes', label: t('clue.issueTypes'), children: <EnumTags labels={ISSUE_TYPE_LABELS} values={clue.issueTypes} />, span: 2 },
          { key: 'typology', label: t('campaignLink.typology'), children: <TypologyTags codes={clue.typology} />, span: 2 },
          { key: 'sector', label: t('problem.sector'), children: <span data-testid="clue-sector-label">{clue.sectorLabel ?? '—'}</span> },
          { key: 'subjectName', label: t('clue.subject'), children: clue.subjectName },
          { key: 'subjectUnit', label: t('clue.subjectUnit'), children: orDash(clue.subjectOrgName) },
          { key: 'subjectPosition', label: t('clue.subjectPosition'), children: orDash(clue.subjectPosition) },
          { key: 'cadre', label: t('clue.cadreManagement'), children: label(CADRE_MANAGEMENT_LABELS, clue.cadreManagement) },
          { key: 'top', label: t('clue.subordinateTopLeader'), children: yesNo(clue.isSubordinateTopLeader) },
          { key: 'undertaking', label: t('clue.undertakingOrg'), children: orDash(clue.undertakingOrgName) },
          // 受理时建议的承办部门: what the intake suggested, for the 案管室 that proposes the assignment.
          {
            key: 'proposedUndertaking',
            label: t('clueForm.proposedUndertaking'),
            children: <span data-testid="clue-proposed-undertaking">{orDash(clue.proposedUndertakingOrg?.name ?? null)}</span>,
          },
          { key: 'method', label: t('clue.proposedMethod'), children: clue.proposedMethod ? label(DISPOSITION_METHOD_LABELS, clue.proposedMethod) : '—' },
          { key: 'closedKind', label: t('clue.closedKind'), children: clue.closedKind ? label(CLOSED_KIND_LABELS, clue.closedKind) : '—' },
          { key: 'closedOn', label: t('clue.closedOn'), children: formatDate(clue.closedOn) },
        ]}
      />
    </>
  );
}
