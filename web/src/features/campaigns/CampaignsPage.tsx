import { PlusOutlined } from '@ant-design/icons';
import { CAMPAIGN_DOMAIN_LABELS, CAMPAIGN_STATE_LABELS, type CampaignDomain, PLAN_APPROVAL_LABELS as PLAN_LABELS } from '@liandong/domain/campaigns/enums';
import { Button, Flex, Tooltip } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EnumSelect, ExportButton, KeywordSearch, LedgerTable, YearSelect } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { useListFilters } from '../../lib/filters';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type CampaignFilters, exportUrl, useCampaigns } from './api';
import { CampaignStateTag } from './components';

/** 专项整治台账: every campaign the caller may see, by year, domain, phase and keyword, with the Excel export. */
export function CampaignsPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  // The 监督质效 cockpit links here with its filters: year, domain, lead org, 进行中.
  const [sp] = useSearchParams();
  const year = Number(sp.get('year'));
  const domain = sp.get('domain');
  const { filters, set, onPage } = useListFilters<CampaignFilters>({
    page: 1,
    pageSize: 20,
    ...(Number.isInteger(year) && year > 2000 ? { year } : {}),
    ...(domain && domain in CAMPAIGN_DOMAIN_LABELS ? { domain: domain as CampaignDomain } : {}),
    ...(sp.get('leadOrgId') ? { leadOrgId: sp.get('leadOrgId') as string } : {}),
    ...(sp.get('active') === 'true' ? { active: true } : {}),
  });
  const query = useCampaigns(filters);
  return (
    <Page
      title={t('campaign.menuRegister')}
      description={t('campaign.registerHint')}
      testId="campaigns-page"
      extra={
        <>
          {query.data?.abilities.create ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/campaigns/new')} data-testid="campaign-new">
              {t('campaign.new')}
            </Button>
          ) : null}
          <ExportButton url={exportUrl(filters)} filename={t('campaign.file')} success={t('campaign.exported')} testId="campaign-export">
            {t('campaign.exportExcel')}
          </ExportButton>
        </>
      }
    >
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <KeywordSearch width={240} placeholder={t('campaign.keyword')} onSearch={(q) => set({ q })} testId="campaign-keyword" />
        <YearSelect width={110} placeholder={t('campaign.year')} value={filters.year} onChange={(year) => set({ year })} testId="campaign-year" />
        <EnumSelect
          labels={CAMPAIGN_DOMAIN_LABELS}
          width={150}
          placeholder={t('campaign.domain')}
          value={filters.domain}
          onChange={(domain) => set({ domain })}
          testId="campaign-domain"
        />
        <EnumSelect
          labels={CAMPAIGN_STATE_LABELS}
          width={170}
          placeholder={t('campaign.state')}
          value={filters.state}
          onChange={(state) => set({ state })}
          testId="campaign-state"
        />
      </Flex>
      <LedgerTable
        query={query}
        testId="campaigns-table"
        scroll={{ x: 1100 }}
        rowHref={(r) => `/campaigns/${r.id}`}
        rowTestId={(r) => `campaign-row-${r.id}`}
        paging={filters}
        onPage={onPage}
        columns={[
          {
            key: 'name',
            title: t('campaign.name'),
            width: 280,
            ellipsis: true,
            render: (_, r) => (
              <Tooltip title={r.name}>
                <Link to={`/campaigns/${r.id}`}>{r.name}</Link>
              </Tooltip>
            ),
          },
          { key: 'year', title: t('campaign.year'), width: 80, render: (_, r) => r.year },
          { key: 'domain', title: t('campaign.domain'), width: 110, render: (_, r) => label(CAMPAIGN_DOMAIN_LABELS, r.domain) },
          { key: 'lead', title: t('campaign.leadOrg'), width: 150, ellipsis: true, render: (_, r) => r.leadOrgName },
          {
            key: 'participants',
            title: t('campaign.participants'),
            width: 90,
            render: (_, r) => t('campaign.participantCount', { count: r.participantCount }),
          },
          { key: 'state', title: t('campaign.state'), width: 130, render: (_, r) => <CampaignStateTag state={r.state} /> },
          {
            key: 'approval',
            title: t('campaign.approval'),
            width: 120,
            render: (_, r) => (r.planApproval ? label(PLAN_LABELS, r.planApproval) : t('campaign.notApproved')),
          },
          {
            key: 'period',
            title: t('campaign.period'),
            width: 200,
            render: (_, r) => (r.startsOn || r.endsOn ? `${formatDate(r.startsOn)} — ${formatDate(r.endsOn)}` : '—'),
          },
        ]}
      />
    </Page>
  );
}
