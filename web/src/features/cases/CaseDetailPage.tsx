import { ArrowLeftOutlined } from '@ant-design/icons';
import type { CaseStage } from '@liandong/domain/cases/contracts';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Space, Tabs } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { Statlet } from '../../components/Statlet';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type CaseDetail, useCase } from './api';
import { CaseActions } from './CaseActions';
import { BasicsCard, DeadlinesCard, OutcomesCard, SupplementsCard, TimelineCard } from './CaseSections';
import { CaseSteps } from './CaseSteps';
import { CaseStateTag, DueText, FourFormTag } from './components';
import { MeasuresCard } from './MeasuresCard';
import { TeamCard } from './TeamCard';
import { TextSection, TrialTalkField } from './TextEditors';
import { SharedNotice } from '../shares/SharedNotice';

type TabKey = 'overview' | 'investigation' | 'trial' | 'decision';
const TABS: TabKey[] = ['overview', 'investigation', 'trial', 'decision'];
const TAB_OF_STAGE: Record<CaseStage, TabKey> = { INVESTIGATION: 'investigation', TRIAL: 'trial', DECIDED: 'decision', CLOSED: 'overview' };

/** 案件: where the case stands on its stages, what the caller may do now, and one tab per stage. */
export function CaseDetailPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const query = useCase(id);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const detail = query.data;
  const asked = sp.get('tab') as TabKey | null;
  const tab = asked && TABS.includes(asked) ? asked : TAB_OF_STAGE[detail.stage];
  const forms = [...new Set(detail.outcomes.map((o) => o.fourForm).filter((f) => f !== null))];

  return (
    <Page
      bare
      testId="case-detail-page"
      title={
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} aria-label={t('cases.back')} />
          <span data-testid="case-title">{detail.title}</span>
        </Space>
      }
      description={
        <Space wrap size={4}>
          <span>{detail.caseNo}</span>
          <span>·</span>
          <span>{detail.subjectName}</span>
          {detail.subjectOrgName ? <span>· {detail.subjectOrgName}</span> : null}
          <span>·</span>
          <span>{detail.leadOrgName}</span>
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={24} align="center" justify="space-between" style={{ marginBottom: 12 }}>
          <Flex wrap gap={24} align="center">
            <Statlet title={t('cases.state')}>
              <span data-testid="case-state" data-state={detail.state}>
                <CaseStateTag state={detail.state} />
              </span>
            </Statlet>
            <Statlet title={t('cases.filedOn')}>{formatDate(detail.deadlines.filedOn)}</Statlet>
            {detail.deadlines.trialDue ? (
              <Statlet title={t('cases.trialDue')}>
                <DueText due={detail.deadlines.trialDue} done={detail.stage !== 'TRIAL'} />
              </Statlet>
            ) : null}
            {forms.length ? (
              <Statlet title={t('cases.fourForms')}>
                {forms.map((f) => (
                  <FourFormTag key={f} form={f} />
                ))}
              </Statlet>
            ) : null}
          </Flex>
          <CaseActions detail={detail} />
        </Flex>
        <CaseSteps detail={detail} />
        {detail.abilities.prosecutionPending ? (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('cases.prosecutionPending')} data-testid="case-prosecution-pending" />
        ) : null}
      </Card>
      <SharedNotice shared={detail.shared} />
      <Row gutter={12}>
        <Col xs={24} xl={17}>
          <Tabs
            activeKey={tab}
            onChange={(key) => {
              const next = new URLSearchParams(sp);
              next.set('tab', key);
              setSp(next, { replace: true });
            }}
            items={[
              { key: 'overview', label: <span data-testid="case-tab-overview">{t('cases.tabOverview')}</span>, children: <OverviewTab detail={detail} /> },
              {
                key: 'investigation',
                label: <span data-testid="case-tab-investigation">{t('cases.tabInvestigation')}</span>,
                children: <InvestigationTab detail={detail} />,
              },
              { key: 'trial', label: <span data-testid="case-tab-trial">{t('cases.tabTrial')}</span>, children: <TrialTab detail={detail} /> },
              { key: 'decision', label: <span data-testid="case-tab-decision">{t('cases.tabDecision')}</span>, children: <DecisionTab detail={detail} /> },
            ]}
          />
        </Col>
        <Col xs={24} xl={7}>
          <TimelineCard detail={detail} />
        </Col>
      </Row>
    </Page>
  );
}

function OverviewTab({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  return (
    <>
      <BasicsCard detail={detail} />
      <TextSection detail={detail} field="summary" title={t('cases.summary')} editable={detail.abilities.update} rows={6} maxLength={20000} />
      <DeadlinesCard detail={detail} />
    </>
  );
}

/** 审查调查: the team, the plan and its meeting, measures, and the investigation report. */
function InvestigationTab({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const investigating = detail.stage === 'INVESTIGATION';
  return (
    <>
      <TeamCard detail={detail} team="INVESTIGATION" />
      <TextSection detail={detail} field="plan" title={t('cases.plan')} editable={detail.abilities.update && investigating} maxLength={20000} />
      <TextSection detail={detail} field="planMeeting" title={t('cases.planMeeting')} editable={detail.abilities.update && investigating} maxLength={500} />
      <MeasuresCard detail={detail} />
      <TextSection
        detail={detail}
        field="investigationReport"
        title={t('cases.investigationReport')}
        editable={detail.abilities.update && investigating}
        rows={12}
        maxLength={50000}
      />
    </>
  );
}

/** 审理: the trial team, the trial talk, the trial report, supplements and the deliberation. */
function TrialTab({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const d = detail.deadlines;
  return (
    <>
      <TeamCard detail={detail} team="TRIAL" />
      <Card size="small" title={t('cases.trialInfo')} style={{ marginBottom: 12 }} data-testid="case-trial-info">
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'received', label: t('cases.trialReceivedOn'), children: formatDate(d.trialReceivedOn) },
            {
              key: 'due',
              label: d.trialExtended ? `${t('cases.trialDue')}（${t('cases.extendedOnce')}）` : t('cases.trialDue'),
              children: <DueText due={d.trialDue} done={detail.stage !== 'TRIAL'} />,
            },
            { key: 'talk', label: t('cases.trialTalkOn'), children: <TrialTalkField detail={detail} /> },
            { key: 'deliberated', label: t('cases.deliberatedOn'), children: formatDate(d.deliberatedOn) },
          ]}
        />
        {detail.abilities.blocked.some((b) => b.action === 'deliberate') ? (
          <Alert style={{ marginTop: 8 }} type="info" showIcon title={detail.abilities.blocked.find((b) => b.action === 'deliberate')?.reason} />
        ) : null}
      </Card>
      <TextSection detail={detail} field="trialReport" title={t('cases.trialReport')} editable={detail.abilities.updateTrial} rows={12} maxLength={50000} />
      <SupplementsCard supplements={detail.supplements} />
      {detail.stage !== 'INVESTIGATION' && detail.investigationReport ? (
        <TextSection detail={detail} field="investigationReport" title={t('cases.investigationReport')} editable={false} maxLength={50000} />
      ) : null}
    </>
  );
}

/** 处理决定: outcomes with their 四种形态, and the announcement and execution deadlines. */
function DecisionTab({ detail }: { detail: CaseDetail }) {
  return (
    <>
      <OutcomesCard outcomes={detail.outcomes} fundsRecovered={detail.fundsRecovered} />
      <DeadlinesCard detail={detail} />
    </>
  );
}
