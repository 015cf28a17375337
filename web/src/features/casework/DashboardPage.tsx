import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Select, Skeleton, Statistic, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { currentYear, yearOptions } from '../../lib/options';
import { AccountabilityCard } from './AccountabilityCard';
import { type Dashboard, type DashboardOrgRow, useDashboard } from './api';
import { DispositionChart, FourFormsChart, IntakeChart, OverdueChart } from './DashboardCharts';

type OrgTab = keyof Dashboard['byOrg'];
const ORG_TABS: OrgTab[] = ['offices', 'groups', 'counties'];

/** 线索案件统计: intake, disposition, overdue, 四种形态 and the work of each office, group and county in a year. */
export function DashboardPage() {
  const { t } = useI18n();
  const [sp, setSp] = useSearchParams();
  const year = Number(sp.get('year')) || currentYear();
  const orgId = sp.get('orgId') || undefined;
  const query = useDashboard(year, orgId);
  const data = query.data;

  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setSp(next, { replace: true });
  };

  return (
    <Page
      bare
      title={t('cases.menuDashboard')}
      description={data ? t('cwk.computedAt', { at: formatDateTime(data.computedAt) }) : t('cwk.dashboardHint')}
      testId="dashboard-page"
      extra={
        <>
          <Select
            style={{ width: 110 }}
            value={year}
            onChange={(v) => set({ year: v })}
            options={yearOptions()}
            data-testid="dashboard-year"
            aria-label={t('cases.year')}
          />
          <OrgSelect
            style={{ width: 240 }}
            placeholder={t('cwk.allOrgs')}
            aria-label={t('cwk.allOrgs')}
            kinds={['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION']}
            value={orgId}
            onChange={(v) => set({ orgId: typeof v === 'string' ? v : undefined })}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} aria-label={t('common.refresh')} />
        </>
      }
    >
      {query.isError ? (
        <Card size="small">
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        </Card>
      ) : !data ? (
        <Card size="small">
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : (
        <DashboardBody data={data} />
      )}
    </Page>
  );
}

function DashboardBody({ data }: { data: Dashboard }) {
  const { t } = useI18n();
  const overdue = data.overdue.reduce((n, o) => n + o.count, 0);
  const forms = data.fourForms.reduce((n, f) => n + f.count, 0);
  return (
    <>
      {data.scope === 'SCOPED' ? <Alert type="info" showIcon title={t('cwk.scoped')} style={{ marginBottom: 12 }} data-testid="dashboard-scoped" /> : null}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {[
          { key: 'intake', title: t('cwk.intakeTotal'), value: data.intake.total },
          { key: 'cases', title: t('cwk.casesTotal'), value: data.cases.total },
          { key: 'overdue', title: t('cwk.overdueTotal'), value: overdue, danger: overdue > 0 },
          { key: 'forms', title: t('cwk.fourFormsTotal'), value: forms },
        ].map((s) => (
          <Col key={s.key} xs={12} md={6}>
            <Card size="small" data-testid={`dashboard-stat-${s.key}`}>
              <Statistic title={s.title} value={s.value} styles={{ content: s.danger ? { color: '#cf1322' } : undefined }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('cwk.intake')}>
            <IntakeChart data={data.intake} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('cwk.disposition')}>
            <DispositionChart data={data.disposition} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('cwk.overdue')}>
            <OverdueChart data={data.overdue} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('cwk.fourForms')} data-testid="dashboard-four-forms">
            <FourFormsChart data={data.fourForms} />
          </Card>
        </Col>
        <Col span={24}>
          <ByOrgCard data={data} />
        </Col>
        <Col span={24}>
          <AccountabilityCard year={data.year} />
        </Col>
      </Row>
    </>
  );
}

/** By office / group / county: clues undertaken and cases led in the year. */
function ByOrgCard({ data }: { data: Dashboard }) {
  const { t } = useI18n();
  const columns: TableColumnsType<DashboardOrgRow> = [
    { key: 'org', title: t('cwk.org'), fixed: 'left', width: 220, render: (_, r) => r.orgName },
    {
      key: 'clues',
      title: t('cwk.clues'),
      children: [
        { key: 'cluesReceived', title: t('cwk.received'), dataIndex: 'cluesReceived', align: 'right', sorter: (a, b) => a.cluesReceived - b.cluesReceived },
        { key: 'cluesOpen', title: t('cwk.open'), dataIndex: 'cluesOpen', align: 'right' },
        { key: 'cluesClosed', title: t('cwk.closed'), dataIndex: 'cluesClosed', align: 'right' },
        {
          key: 'cluesOverdue',
          title: t('cwk.overdueShort'),
          align: 'right',
          sorter: (a, b) => a.cluesOverdue - b.cluesOverdue,
          render: (_, r) => (r.cluesOverdue ? <Typography.Text type="danger">{r.cluesOverdue}</Typography.Text> : 0),
        },
      ],
    },
    {
      key: 'cases',
      title: t('cwk.cases'),
      children: [
        { key: 'casesFiled', title: t('cwk.filed'), dataIndex: 'casesFiled', align: 'right', sorter: (a, b) => a.casesFiled - b.casesFiled },
        { key: 'casesOpen', title: t('cwk.open'), dataIndex: 'casesOpen', align: 'right' },
        { key: 'casesDecided', title: t('cwk.decided'), dataIndex: 'casesDecided', align: 'right' },
      ],
    },
  ];
  return (
    <Card size="small" title={t('cwk.byOrg')} data-testid="dashboard-by-org">
      <Tabs
        items={ORG_TABS.map((k) => ({
          key: k,
          label: `${t(`cwk.tab.${k}`)} (${data.byOrg[k].length})`,
          children: (
            <Flex vertical>
              <Table
                rowKey="orgId"
                size="small"
                bordered
                columns={columns}
                dataSource={data.byOrg[k]}
                pagination={data.byOrg[k].length > 20 ? { pageSize: 20 } : false}
                scroll={{ x: 800 }}
                data-testid={`dashboard-org-${k}`}
              />
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}
