import { CLASSIFICATION_LABELS } from '@liandong/domain/access/enums';
import { CASE_STAGE_LABELS } from '@liandong/domain/cases/contracts';
import { CASE_ACTION_LABELS, CASE_STATE_LABELS } from '@liandong/domain/cases/machine';
import { CADRE_MANAGEMENT_LABELS } from '@liandong/domain/org/enums';
import { App, Card, Descriptions, Empty, Flex, List, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { EntityDescriptions, type FieldDef } from '../../components/entity';
import { EnumTag } from '../../components/EnumTag';
import { EventTimelineCard } from '../../components/EventTimeline';
import { formatDate, formatYuan } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { type CaseDetail, type Outcome, type Supplement, usePatchCase } from './api';
import { CASE_STATE_COLORS, DueFlags, DueText, FourFormTag, NoticeText, outcomeText, STAGE_COLORS } from './components';
import { DictionarySelect } from '../../components/DictionarySelect';
import { useApiErrorHandler } from '../../lib/errors';

/** 基本情况: number, subject, lead department, how the cadre is managed, and the clues the case was filed on. */
export function BasicsCard({ detail }: { detail: CaseDetail }) {
  const { t, label } = useI18n();
  const fields: FieldDef<CaseDetail>[] = [
    { key: 'caseNo', title: t('cases.caseNo'), render: (c) => <span data-testid="case-no">{c.caseNo}</span> },
    { key: 'stage', title: t('cases.stage'), render: (c) => <EnumTag labels={CASE_STAGE_LABELS} value={c.stage} colors={STAGE_COLORS} /> },
    { key: 'subjectName', title: t('cases.subject') },
    { key: 'subjectPosition', title: t('cases.subjectPosition'), render: (c) => c.subjectPosition ?? '—' },
    { key: 'subjectOrgName', title: t('cases.subjectUnit'), render: (c) => c.subjectOrgName ?? '—' },
    { key: 'leadOrgName', title: t('cases.leadOrg') },
    { key: 'sector', title: t('problem.sector'), render: (c) => <SectorField detail={c} /> },
    {
      key: 'cadreManagement',
      title: t('cases.cadreManagement'),
      render: (c) => (
        <Space size={4} wrap>
          <span>{label(CADRE_MANAGEMENT_LABELS, c.cadreManagement)}</span>
          {c.cadreManagement === 'SAME_LEVEL_PARTY' ? (
            <Tag color={c.partyCommitteeApproved ? 'green' : 'orange'}>{c.partyCommitteeApproved ? t('cases.partyApproved') : t('cases.partyNotApproved')}</Tag>
          ) : null}
        </Space>
      ),
    },
    { key: 'classification', title: t('cases.classification'), render: (c) => label(CLASSIFICATION_LABELS, c.classification) },
    { key: 'flags', title: t('cases.due'), render: (c) => <DueFlags flags={c.flags} />, span: 'filled' },
    {
      key: 'clues',
      title: t('cases.clues'),
      span: 'filled',
      render: (c) =>
        c.clues.length ? (
          <Flex vertical gap={2} data-testid="case-clues">
            {c.clues.map((cl) => (
              <Link key={cl.id} to={`/clues/${cl.id}`}>
                {cl.clueNo ? `${cl.clueNo} · ` : ''}
                {cl.title}
              </Link>
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
  ];
  if (detail.revokeReason) {
    fields.push({ key: 'revokeReason', title: t('cases.revokeReason'), span: 'filled', render: (c) => c.revokeReason });
  }
  return (
    <Card size="small" title={t('cases.basics')} style={{ marginBottom: 12 }} data-testid="case-basics">
      <EntityDescriptions fields={fields} record={detail} column={2} />
    </Card>
  );
}

/** 行业领域: shown to every reader, changed in place by who may edit the case (PATCH with the version). */
function SectorField({ detail }: { detail: CaseDetail }) {
  const { message } = App.useApp();
  const { t } = useI18n();
  const onError = useApiErrorHandler();
  const patch = usePatchCase(detail);
  if (!detail.abilities.update) return <span data-testid="case-sector">{detail.sectorLabel ?? '—'}</span>;
  return (
    <DictionarySelect
      dictionary="SECTOR"
      size="small"
      style={{ width: 180 }}
      value={detail.sector ?? undefined}
      placeholder="—"
      aria-label={t('problem.sector')}
      disabled={patch.isPending}
      data-testid="case-sector"
      onChange={async (v) => {
        try {
          await patch.mutateAsync({ sector: v ?? null });
          message.success(t('common.saved'));
        } catch (err) {
          onError(err);
        }
      }}
    />
  );
}

/** 期限: 审理期限, 处分宣布期限, 执行报告期限 with the days left; the milestones already reached. */
export function DeadlinesCard({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const d = detail.deadlines;
  const items = [
    {
      key: 'trialDue',
      label: d.trialExtended ? `${t('cases.trialDue')}（${t('cases.extendedOnce')}）` : t('cases.trialDue'),
      children: <DueText due={d.trialDue} done={Boolean(d.deliberatedOn) || detail.stage === 'INVESTIGATION'} testId="deadline-trial" />,
    },
    {
      key: 'announceDue',
      label: t('cases.announceDue'),
      children: <DueText due={d.decisionAnnounceDue} done={Boolean(d.decisionAnnouncedOn)} testId="deadline-announce" />,
    },
    {
      key: 'executionDue',
      label: t('cases.executionDue'),
      children: <DueText due={d.executionReportDue} done={Boolean(d.executedOn)} testId="deadline-execution" />,
    },
    { key: 'filedOn', label: t('cases.filedOn'), children: formatDate(d.filedOn) },
    { key: 'trialReceivedOn', label: t('cases.trialReceivedOn'), children: formatDate(d.trialReceivedOn) },
    { key: 'decidedOn', label: t('cases.decidedOn'), children: formatDate(d.decidedOn) },
    // 留置: the 24-hour notice to the unit and family (监察法 2024 art. 50), overdue ones in red.
    ...d.detentionNotices.map((n) => ({
      key: `notice-${n.measureId}`,
      label: t('cases.detentionNotices'),
      children: <NoticeText notice={n} testId={`deadline-notice-${n.measureId}`} />,
    })),
  ];
  return (
    <Card size="small" title={t('cases.deadlines')} style={{ marginBottom: 12 }} data-testid="case-deadlines">
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} items={items} />
    </Card>
  );
}

/** 退回补充证据: when, why, when it came back and how many days it took (not counted against the trial limit). */
export function SupplementsCard({ supplements }: { supplements: Supplement[] }) {
  const { t } = useI18n();
  if (!supplements.length) return null;
  return (
    <Card size="small" title={t('cases.supplements')} style={{ marginBottom: 12 }} data-testid="case-supplements">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={supplements}
        columns={[
          { key: 'requestedOn', title: t('cases.requestedOn'), width: 110, render: (_, s) => formatDate(s.requestedOn) },
          { key: 'reason', title: t('cases.supplementReason'), render: (_, s) => <span style={{ whiteSpace: 'pre-wrap' }}>{s.reason}</span> },
          { key: 'by', title: t('cases.requestedBy'), width: 100, render: (_, s) => s.requestedBy?.name ?? '—' },
          {
            key: 'returnedOn',
            title: t('cases.returnedOn'),
            width: 130,
            render: (_, s) => (s.returnedOn ? formatDate(s.returnedOn) : <Tag color="orange">{t('cases.supplementing')}</Tag>),
          },
          { key: 'days', title: t('cases.supplementDays'), width: 90, render: (_, s) => (s.days === null ? '—' : t('cases.days', { n: s.days })) },
        ]}
      />
    </Card>
  );
}

/** 处理结果 with their 四种形态 and 政务处分 periods, and the 追缴/挽回资金 the decision fixed (when it fixed one). */
export function OutcomesCard({ outcomes, fundsRecovered }: { outcomes: Outcome[]; fundsRecovered?: string | null }) {
  const { t, label } = useI18n();
  return (
    <Card size="small" title={t('cases.outcomes')} style={{ marginBottom: 12 }} data-testid="case-outcomes">
      {fundsRecovered ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          style={{ marginBottom: 8 }}
          items={[
            {
              key: 'funds',
              label: t('cases.fundsRecoveredYuan'),
              children: <span data-testid="case-funds-recovered-value">{formatYuan(fundsRecovered)}</span>,
            },
          ]}
        />
      ) : null}
      <List
        dataSource={outcomes}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.noOutcomes')} /> }}
        renderItem={(o) => (
          <List.Item key={o.id} data-testid={`outcome-${o.id}`}>
            <Flex vertical gap={2}>
              <Space size={6} wrap>
                <Typography.Text strong>{outcomeText(o, label)}</Typography.Text>
                <FourFormTag form={o.fourForm} />
                {o.periodMonths ? <Tag>{t('cases.periodMonths', { n: o.periodMonths })}</Tag> : null}
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('cases.decidedOnShort', { date: formatDate(o.decidedOn) })}
                {o.note ? ` · ${o.note}` : ''}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Events recorded beside the machine's actions (team, measures, edits). */
const OTHER_EVENTS: Record<string, MessageKey> = {
  propose: 'cases.event.propose',
  update: 'cases.event.update',
  extendTrial: 'cases.event.extendTrial',
  teamJoined: 'cases.event.teamJoined',
  teamLeft: 'cases.event.teamLeft',
  measureStarted: 'cases.event.measureStarted',
  measureExtended: 'cases.event.measureExtended',
  measureEnded: 'cases.event.measureEnded',
  measureNotified: 'cases.event.measureNotified',
};

/** 流转记录: every event of the case, newest first. */
export function TimelineCard({ detail }: { detail: CaseDetail }) {
  const { t, label } = useI18n();
  const events = [...detail.timeline].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <EventTimelineCard
      title={t('cases.timeline')}
      testId="case-timeline"
      events={events}
      color={(e) => (e.toState === 'REVOKED' || e.action === 'requestSupplement' ? 'red' : e.toState ? 'blue' : 'gray')}
      actionText={(e) => (e.action in OTHER_EVENTS ? t(OTHER_EVENTS[e.action] as MessageKey) : label(CASE_ACTION_LABELS, e.action))}
      stateLabel={(s) => label(CASE_STATE_LABELS, s)}
      stateTag={(s) => <EnumTag labels={CASE_STATE_LABELS} value={s} colors={CASE_STATE_COLORS} />}
      systemName={t('cases.system')}
    />
  );
}
