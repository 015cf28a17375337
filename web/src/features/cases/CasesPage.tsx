import { DownloadOutlined } from '@ant-design/icons';
import { CASE_OVERDUE_KINDS, CASE_STAGE_LABELS, type CaseOverdueKind, type CaseStage } from '@liandong/domain/cases/contracts';
import { CASE_STATE_LABELS, type CaseState } from '@liandong/domain/cases/machine';
import { OVERDUE_KIND_LABELS } from '@liandong/domain/clues/enums';
import { App, Button, Flex, Input, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { downloadFile } from '../../api/client';
import { toColumns } from '../../components/entity';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { enumOptions, yearOptions } from '../../lib/options';
import { type CaseFilters, exportUrls, useCases } from './api';
import { caseFields } from './components';

const STAGES = Object.keys(CASE_STAGE_LABELS) as CaseStage[];
const STATES = Object.keys(CASE_STATE_LABELS) as CaseState[];
/** Orders of the ledger the server offers (CaseListQuerySchema.sort). */
const SORTS = ['-filedOn', 'filedOn', 'trialDue', '-caseNo'] as const;

/** Reads the ledger filters from the address, so that the back button from a case restores the view. */
export function readCaseFilters(sp: URLSearchParams, defaults: Partial<CaseFilters> = {}): CaseFilters {
  const year = Number(sp.get('year'));
  const stage = sp.get('stage');
  const overdue = sp.get('overdue');
  const states = (sp.get('state') ?? '').split(',').filter((s): s is CaseState => STATES.includes(s as CaseState));
  return {
    q: sp.get('q') || undefined,
    state: states.length ? states : undefined,
    stage: stage === 'all' ? undefined : STAGES.includes(stage as CaseStage) ? (stage as CaseStage) : defaults.stage,
    leadOrgId: sp.get('leadOrgId') || undefined,
    overdue: CASE_OVERDUE_KINDS.includes(overdue as CaseOverdueKind) ? (overdue as CaseOverdueKind) : undefined,
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    page: Math.max(1, Number(sp.get('page')) || 1),
    pageSize: Math.min(100, Math.max(10, Number(sp.get('pageSize')) || 20)),
    sort: sp.get('sort') || defaults.sort,
  };
}

/** Writes a patch of filters into the address (resetting the page unless the patch sets it). */
export function useFilterUpdater() {
  const [sp, setSp] = useSearchParams();
  return (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setSp(next, { replace: true });
  };
}

/** The ledger table with pagination; rows open the case. */
export function CaseTable({ filters, testId }: { filters: CaseFilters; testId: string }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const update = useFilterUpdater();
  const query = useCases(filters);
  const columns = useMemo(() => toColumns(caseFields(t, label)), [t, label]);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table
      rowKey="id"
      size="small"
      data-testid={testId}
      loading={query.isFetching}
      columns={columns}
      dataSource={query.data?.items ?? []}
      scroll={{ x: 1450 }}
      onRow={(c) => ({
        onClick: (e) => {
          if ((e.target as HTMLElement).closest('a,button')) return;
          void navigate(`/cases/${c.id}`);
        },
        style: { cursor: 'pointer' },
        'data-testid': `case-row-${c.caseNo}`,
      })}
      pagination={{
        current: filters.page,
        pageSize: filters.pageSize,
        total: query.data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (total) => t('common.total', { total }),
        onChange: (page, pageSize) => update({ page, pageSize }),
      }}
    />
  );
}

/** 案件台账: every case the user may see, filtered by state, stage, lead department, alarm and year; Excel export. */
export function CasesPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [sp] = useSearchParams();
  const filters = readCaseFilters(sp);
  const update = useFilterUpdater();
  const [q, setQ] = useState(filters.q ?? '');
  const [exporting, setExporting] = useState(false);

  const doExport = async () => {
    setExporting(true);
    try {
      await downloadFile(exportUrls.ledger(filters), t('cases.ledgerFile'));
      message.success(t('cases.exported'));
    } catch (err) {
      onError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Page
      title={t('cases.menuLedger')}
      description={t('cases.ledgerHint')}
      testId="cases-page"
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} data-testid="cases-export">
          {t('cases.exportExcel')}
        </Button>
      }
    >
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }} data-testid="cases-filters">
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={t('cases.keyword')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          data-testid="cases-q"
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ width: 240 }}
          placeholder={t('cases.state')}
          value={filters.state ?? []}
          onChange={(v: CaseState[]) => update({ state: v.length ? v.join(',') : undefined })}
          options={enumOptions(CASE_STATE_LABELS, label)}
          data-testid="cases-state"
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('cases.stage')}
          value={filters.stage}
          onChange={(v) => update({ stage: v })}
          options={enumOptions(CASE_STAGE_LABELS, label)}
          data-testid="cases-stage"
        />
        <OrgSelect
          style={{ width: 220 }}
          placeholder={t('cases.leadOrg')}
          kinds={['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION']}
          value={filters.leadOrgId}
          onChange={(v) => update({ leadOrgId: typeof v === 'string' ? v : undefined })}
        />
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t('cases.overdue')}
          value={filters.overdue}
          onChange={(v) => update({ overdue: v })}
          options={CASE_OVERDUE_KINDS.map((k) => ({ value: k, label: label(OVERDUE_KIND_LABELS, k) }))}
          data-testid="cases-overdue"
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('cases.year')}
          value={filters.year}
          onChange={(v) => update({ year: v })}
          options={yearOptions()}
          data-testid="cases-year"
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
