import { CASE_OVERDUE_KINDS, CASE_STAGE_LABELS, type CaseOverdueKind, type CaseStage } from '@liandong/domain/cases/contracts';
import { CASE_STATE_LABELS, type CaseState } from '@liandong/domain/cases/machine';
import { OVERDUE_KIND_LABELS } from '@liandong/domain/clues/enums';
import { Flex, Select } from 'antd';
import { useMemo } from 'react';
import { toColumns } from '../../components/entity';
import { EnumMultiSelect, EnumSelect, ExportButton, KeywordSearch, LedgerTable, YearSelect } from '../../components/Ledger';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { readCodes, readPaging, readYear, useFilterUpdater, useUrlFilters } from '../../lib/filters';
import { useI18n } from '../../lib/i18n';
import { type CaseFilters, exportUrls, useCases } from './api';
import { caseFields } from './components';
import { DictionarySelect } from '../../components/DictionarySelect';

const STAGES = Object.keys(CASE_STAGE_LABELS) as CaseStage[];
const STATES = Object.keys(CASE_STATE_LABELS) as CaseState[];
/** Orders of the ledger the server offers (CaseListQuerySchema.sort). */
const SORTS = ['-filedOn', 'filedOn', 'trialDue', '-caseNo'] as const;

/** Reads the ledger filters from the address, so that the back button from a case restores the view. */
export function readCaseFilters(sp: URLSearchParams, defaults: Partial<CaseFilters> = {}): CaseFilters {
  const stage = sp.get('stage');
  const overdue = sp.get('overdue');
  return {
    q: sp.get('q') || undefined,
    state: readCodes(sp, 'state', STATES),
    stage: stage === 'all' ? undefined : STAGES.includes(stage as CaseStage) ? (stage as CaseStage) : defaults.stage,
    leadOrgId: sp.get('leadOrgId') || undefined,
    overdue: CASE_OVERDUE_KINDS.includes(overdue as CaseOverdueKind) ? (overdue as CaseOverdueKind) : undefined,
    year: readYear(sp),
    sector: sp.get('sector') || undefined,
    ...readPaging(sp),
    sort: sp.get('sort') || defaults.sort,
    exactTotal: sp.get('exactTotal') === 'true' || undefined,
  };
}

/** The ledger table with pagination; rows open the case. */
export function CaseTable({ filters, testId }: { filters: CaseFilters; testId: string }) {
  const { t, label } = useI18n();
  const update = useFilterUpdater();
  const query = useCases(filters);
  const columns = useMemo(() => toColumns(caseFields(t, label)), [t, label]);
  return (
    <LedgerTable
      query={query}
      testId={testId}
      columns={columns}
      scroll={{ x: 1450 }}
      rowHref={(c) => `/cases/${c.id}`}
      rowTestId={(c) => `case-row-${c.caseNo}`}
      paging={filters}
      onPage={(page, pageSize) => update({ page, pageSize })}
      onExactTotal={() => update({ exactTotal: 'true', page: filters.page })}
    />
  );
}

/** 案件台账: every case the user may see, filtered by state, stage, lead department, alarm and year; Excel export. */
export function CasesPage() {
  const { t, label } = useI18n();
  const { filters, update } = useUrlFilters((sp) => readCaseFilters(sp));

  return (
    <Page
      title={t('cases.menuLedger')}
      description={t('cases.ledgerHint')}
      testId="cases-page"
      extra={
        <ExportButton url={exportUrls.ledger(filters)} filename={t('cases.ledgerFile')} success={t('cases.exported')} testId="cases-export">
          {t('cases.exportExcel')}
        </ExportButton>
      }
    >
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }} data-testid="cases-filters">
        <KeywordSearch initial={filters.q} width={260} placeholder={t('cases.keyword')} onSearch={(q) => update({ q })} testId="cases-q" />
        <EnumMultiSelect
          labels={CASE_STATE_LABELS}
          width={240}
          placeholder={t('cases.state')}
          value={filters.state}
          onChange={(v) => update({ state: v?.join(',') })}
          testId="cases-state"
        />
        <EnumSelect
          labels={CASE_STAGE_LABELS}
          width={150}
          placeholder={t('cases.stage')}
          value={filters.stage}
          onChange={(stage) => update({ stage })}
          testId="cases-stage"
        />
        <OrgSelect
          style={{ width: 220 }}
          placeholder={t('cases.leadOrg')}
          aria-label={t('cases.leadOrg')}
          kinds={['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION']}
          value={filters.leadOrgId}
          onChange={(v) => update({ leadOrgId: typeof v === 'string' ? v : undefined })}
        />
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t('cases.overdue')}
          aria-label={t('cases.overdue')}
          value={filters.overdue}
          onChange={(v) => update({ overdue: v })}
          options={CASE_OVERDUE_KINDS.map((k) => ({ value: k, label: label(OVERDUE_KIND_LABELS, k) }))}
          data-testid="cases-overdue"
        />
        <YearSelect width={120} placeholder={t('cases.year')} value={filters.year} onChange={(year) => update({ year })} testId="cases-year" />
        <DictionarySelect
          dictionary="SECTOR"
          style={{ width: 150 }}
          placeholder={t('problem.allSectors')}
          aria-label={t('problem.allSectors')}
          value={filters.sector}
          onChange={(v) => update({ sector: v ?? undefined })}
          data-testid="cases-sector"
        />
        <Select
          style={{ width: 190, marginInlineStart: 'auto' }}
          value={filters.sort ?? '-filedOn'}
          onChange={(v) => update({ sort: v === '-filedOn' ? undefined : v })}
          options={SORTS.map((value) => ({ value, label: t(`cases.sort.${value}`) }))}
          aria-label={t('cases.sortLabel')}
          data-testid="cases-sort"
        />
      </Flex>
      <CaseTable filters={filters} testId="cases-table" />
    </Page>
  );
}
