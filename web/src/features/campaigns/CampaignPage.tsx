import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import {
  BULLETIN_SCHEDULE_LABELS,
  CAMPAIGN_DOMAIN_LABELS,
  CAMPAIGN_STATE_LABELS,
  PLAN_APPROVAL_LABELS,
  type CampaignState,
} from '@liandong/domain/campaigns/enums';
import { Button, Card, Descriptions, Flex, Space, Steps, Tabs, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { CampaignCockpit } from '../campaign-cockpit/CampaignCockpit';
import { RulesRegister } from '../campaign-cockpit/RulesRegister';
import { InspectionsPanel } from '../inspections/InspectionsPanel';
import { SelfInspectionPanel } from '../self-inspection/SelfInspectionPanel';
import { TaskForcePanel } from '../taskforces/TaskForcePanel';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { formatDate, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type CampaignDetail, useCampaign } from './api';
import { CampaignActions } from './CampaignActions';
import { BasisDocuments, CampaignTimeline, ParticipantsMatrix } from './CampaignSections';
import { CampaignStateTag } from './components';
import { SourceProblems } from '../problems/SourceProblems';

/** The main line of phases (NORMALISED is the alternative end of EVALUATED). */
const PHASES = (Object.keys(CAMPAIGN_STATE_LABELS) as CampaignState[]).filter((s) => s !== 'NORMALISED');

/**
 * 专项整治: the cockpit (phase, KPIs, linked records, bulletins), overview (goal, plan, approval, dates), participants and
 * 分工, the 专班, self-inspection, joint checks and visits, the 建章立制 register, basis documents, timeline, and the actions. `?tab=` keeps the tab.
 */
export function CampaignPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const query = useCampaign(id);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab');
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  const current = c.state === 'NORMALISED' ? PHASES.indexOf('CLOSED') : PHASES.indexOf(c.state);
  return (
    <Page
      bare
      testId="campaign-page"
      title={
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} aria-label={t('campaign.back')} />
          <span data-testid="campaign-title">{c.name}</span>
        </Space>
      }
      description={`${c.year} · ${label(CAMPAIGN_DOMAIN_LABELS, c.domain)} · ${t('campaign.leadOrg')}：${c.leadOrgName}`}
      extra={
        c.abilities.update ? (
          <Button icon={<EditOutlined />} onClick={() => void navigate(`/campaigns/${c.id}/edit`)} data-testid="campaign-edit">
            {t('campaign.edit')}
          </Button>
        ) : null
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={16} align="center" justify="space-between" style={{ marginBottom: 12 }}>
          <span data-testid="campaign-state" data-state={c.state}>
            <CampaignStateTag state={c.state} />
          </span>
          <CampaignActions campaign={c} />
        </Flex>
        <Steps
          size="small"
          current={current}
          status={c.state === 'CLOSED' || c.state === 'NORMALISED' ? 'finish' : 'process'}
          items={PHASES.map((s) => ({ key: s, title: label(CAMPAIGN_STATE_LABELS, s === 'CLOSED' && c.state === 'NORMALISED' ? 'NORMALISED' : s) }))}
        />
      </Card>
      <Card size="small">
        <Tabs
          data-testid="campaign-tabs"
          defaultActiveKey={tab ?? 'cockpit'}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={[
            { key: 'cockpit', label: t('campaign.tabCockpit'), children: <CampaignCockpit campaignId={c.id} /> },
            { key: 'overview', label: t('campaign.tabOverview'), children: <Overview campaign={c} /> },
            { key: 'participants', label: t('campaign.tabParticipants'), children: <ParticipantsMatrix campaign={c} /> },
            { key: 'taskForce', label: t('campaign.tabTaskForce'), children: <TaskForcePanel campaignId={c.id} /> },
            { key: 'selfInspection', label: t('campaign.tabSelfInspection'), children: <SelfInspectionPanel campaignId={c.id} /> },
            { key: 'inspections', label: t('campaign.tabInspections'), children: <InspectionsPanel campaignId={c.id} /> },
            { key: 'rules', label: t('campaign.tabRules'), children: <RulesRegister campaignId={c.id} /> },
            { key: 'basis', label: t('campaign.tabBasis'), children: <BasisDocuments campaign={c} /> },
            { key: 'timeline', label: t('campaign.tabTimeline'), children: <CampaignTimeline campaign={c} /> },
          ]}
        />
      </Card>
    </Page>
  );
}

function Overview({ campaign: c }: { campaign: CampaignDetail }) {
  const { t, label } = useI18n();
  const approval = c.planApproval
    ? [label(PLAN_APPROVAL_LABELS, c.planApproval), c.planDecisionRef, c.planApprovedBy?.name, formatDate(c.planApprovedOn)].filter(Boolean).join(' · ')
    : t('campaign.notApproved');
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      data-testid="campaign-overview"
      items={[
        { key: 'state', label: t('campaign.state'), children: label(CAMPAIGN_STATE_LABELS, c.state) },
        { key: 'lead', label: t('campaign.leadOrg'), children: c.leadOrgName },
        ...(c.sourceProblems.length ? [{ key: 'sourceProblems', label: t('problem.source'), children: <SourceProblems problems={c.sourceProblems} /> }] : []),
        {
          key: 'period',
          label: t('campaign.period'),
          children: c.startsOn || c.endsOn ? `${formatDate(c.startsOn)} — ${formatDate(c.endsOn)}` : '—',
        },
        { key: 'bulletins', label: t('campaign.bulletinSchedule'), children: label(BULLETIN_SCHEDULE_LABELS, c.bulletinSchedule) },
        {
          key: 'approval',
          label: t('campaign.approval'),
          span: 2,
          children: <span data-testid="campaign-approval">{approval}</span>,
        },
        {
          key: 'taskForce',
          label: t('campaign.taskForce'),
          span: 2,
          children: c.taskForce
            ? `${c.taskForce.name}（${t('campaign.coLeaders')}：${c.taskForce.coLeaders.map((l) => l.name).join('、') || '—'}）`
            : t('campaign.noTaskForce'),
        },
        {
          key: 'goal',
          label: t('campaign.goal'),
          span: 2,
          children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.goal || '—'}</Typography.Paragraph>,
        },
        {
          key: 'plan',
          label: t('campaign.plan'),
          span: 2,
          children: (
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="campaign-plan">
              {c.plan || '—'}
            </Typography.Paragraph>
          ),
        },
        { key: 'createdBy', label: t('campaign.createdBy'), children: `${c.createdBy?.name ?? '—'} · ${formatDateTime(c.createdAt)}` },
      ]}
    />
  );
}
