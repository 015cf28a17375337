import { ClusterOutlined } from '@ant-design/icons';
import { PROBLEM_STATE_LABELS } from '@liandong/domain/problems/contracts';
import { Button, Flex, Tag, Tooltip } from 'antd';
import { Link } from 'react-router';
import { DictionarySelect } from '../../components/DictionarySelect';
import { EnumSelect, ExportButton, KeywordSearch, LedgerTable } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { useListFilters } from '../../lib/filters';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type ProblemFilters, problemExportUrl, useProblems } from './api';

/** 行业性系统性问题台账: filters by sector, type and state; Excel export; the way to the clustering candidates. */
export function ProblemsPage() {
  const { t, label } = useI18n();
  const { filters, set, onPage } = useListFilters<ProblemFilters>({ page: 1, pageSize: 20 });
  const query = useProblems(filters);
  return (
    <Page
      title={t('problem.menu')}
      description={t('problem.hint')}
      testId="problems-page"
      extra={
        <>
          <Link to="/problems/candidates">
            <Button icon={<ClusterOutlined />} data-testid="problems-candidates">
              {t('problem.candidates')}
            </Button>
          </Link>
          <ExportButton url={problemExportUrl(filters)} filename={t('problem.file')} success={t('problem.exported')} testId="problems-export">
            {t('problem.export')}
          </ExportButton>
        </>
      }
    >
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <KeywordSearch width={220} placeholder={t('problem.keyword')} onSearch={(q) => set({ q })} />
        <DictionarySelect
          dictionary="SECTOR"
          style={{ width: 160 }}
          placeholder={t('problem.sector')}
          aria-label={t('problem.sector')}
          value={filters.sector}
          onChange={(sector) => set({ sector: sector ?? undefined })}
        />
        <DictionarySelect
          dictionary="PROBLEM_TYPE"
          style={{ width: 160 }}
          placeholder={t('problem.type')}
          aria-label={t('problem.type')}
          value={filters.type}
          onChange={(type) => set({ type: type ?? undefined })}
        />
        <EnumSelect labels={PROBLEM_STATE_LABELS} width={130} placeholder={t('problem.state')} value={filters.state} onChange={(state) => set({ state })} />
      </Flex>
      <LedgerTable
        query={query}
        testId="problems-table"
        scroll={{ x: 1100 }}
        rowHref={(r) => `/problems/${r.id}`}
        rowTestId={(r) => `problem-row-${r.id}`}
        paging={filters}
        onPage={onPage}
        columns={[
          {
            key: 'title',
            title: t('problem.title'),
            width: 280,
            ellipsis: true,
            render: (_, r) => (
              <Tooltip title={r.title}>
                <Link to={`/problems/${r.id}`}>{r.title}</Link>
              </Tooltip>
            ),
          },
          { key: 'sector', title: t('problem.sector'), width: 110, render: (_, r) => r.sectorLabel },
          { key: 'type', title: t('problem.type'), width: 120, render: (_, r) => r.typeLabel },
          { key: 'state', title: t('problem.state'), width: 100, render: (_, r) => <Tag>{label(PROBLEM_STATE_LABELS, r.state)}</Tag> },
          { key: 'owner', title: t('problem.owner'), width: 150, ellipsis: true, render: (_, r) => r.ownerOrg.name },
          { key: 'units', title: t('problem.units'), width: 220, ellipsis: true, render: (_, r) => r.units.map((u) => u.name).join('、') },
          { key: 'evidence', title: t('problem.evidenceCount'), width: 80, render: (_, r) => r.evidenceCount },
          { key: 'createdAt', title: t('problem.createdAt'), width: 110, render: (_, r) => formatDate(r.createdAt) },
        ]}
      />
    </Page>
  );
}
