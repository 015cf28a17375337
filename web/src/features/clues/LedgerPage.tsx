import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { CLUE_SOURCE_LABELS, type ClueSource, OVERDUE_KIND_LABELS, type OverdueKind } from '@liandong/domain/clues/enums';
import { CLUE_STATE_LABELS, type ClueState } from '@liandong/domain/clues/machine';
import { App, Button, Form, Input, Select, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { downloadFile } from '../../api/client';
import { toColumns } from '../../components/entity';
import { FilterBar } from '../../components/FilterBar';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { enumOptions, yearOptions } from '../../lib/options';
import { type ClueFilters, type ClueListItem, exportUrls, useClues } from './api';
import { clueFields, useWorkCalendar } from './components';

/** The clue overdue kinds (the case kinds belong to the case ledger). */
const CLUE_OVERDUE_KINDS: OverdueKind[] = [
  'PROPOSAL_DUE',
  'ACKNOWLEDGE_DUE',
  'INQUIRY_REPLY_DUE',
  'INQUIRY_REPORT_DUE',
  'HOLD_REVIEW_DUE',
  'ASSIGNED_CASE_DUE',
  'FEEDBACK_DUE',
];

interface FilterValues {
  q?: string;
  state?: ClueState[];
  source?: ClueSource[];
  undertakingOrgId?: string;
  overdue?: OverdueKind;
  year?: number;
}

/** Reads the filters from the address so that the back button from a clue restores the view. */
function readFilters(sp: URLSearchParams): ClueFilters {
  const year = Number(sp.get('year'));
  return {
    q: sp.get('q') ?? undefined,
    state: sp.getAll('state').filter((s): s is ClueState => s in CLUE_STATE_LABELS),
    source: sp.getAll('source').filter((s): s is ClueSource => s in CLUE_SOURCE_LABELS),
    undertakingOrgId: sp.get('undertakingOrgId') ?? undefined,
    overdue: (sp.get('overdue') as OverdueKind | null) ?? undefined,
    year: Number.isInteger(year) && year > 2000 ? year : undefined,
    page: Math.max(1, Number(sp.get('page')) || 1),
    pageSize: Math.min(100, Math.max(10, Number(sp.get('pageSize')) || 20)),
  };
}

/** 线索台账: the 案管室's ledger of every clue the user may see, with filters, overdue flags and Excel export. */
export function LedgerPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const [sp, setSp] = useSearchParams();
  const filters = readFilters(sp);
  const query = useClues(filters);
  const cal = useWorkCalendar();
  const [form] = Form.useForm<FilterValues>();
  const [exporting, setExporting] = useState(false);

  // Keep the form in step with the address (back/forward, links from the overdue board).
  const spKey = sp.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: spKey stands for the filters
  useEffect(() => {
    const f = readFilters(sp);
    form.setFieldsValue({ q: f.q, state: f.state, source: f.source, undertakingOrgId: f.undertakingOrgId, overdue: f.overdue, year: f.year });
  }, [spKey, form]);

  const search = (v: FilterValues) => {
    const next = new URLSearchParams();
    if (v.q?.trim()) next.set('q', v.q.trim());
    for (const s of v.state ?? []) next.append('state', s);
    for (const s of v.source ?? []) next.append('source', s);
    if (v.undertakingOrgId) next.set('undertakingOrgId', v.undertakingOrgId);
    if (v.overdue) next.set('overdue', v.overdue);
    if (v.year) next.set('year', String(v.year));
    if (sp.get('pageSize')) next.set('pageSize', sp.get('pageSize') ?? '');
    setSp(next, { replace: true });
  };

  const doExport = async () => {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...rest } = filters;
      await downloadFile(exportUrls.ledger(rest), t('clue.ledgerFile'));
      message.success(t('clue.exported'));
    } catch (err) {
      onError(err);
    } finally {
      setExporting(false);
    }
  };

  const abilities = query.data?.abilities;
  return (
    <Page
      title={t('clue.menuLedger')}
      description={t('clue.ledgerHint')}
      testId="clue-ledger-page"
      extra={
        <>
          {abilities?.create ? (
            <Button icon={<PlusOutlined />} onClick={() => void navigate('/clues/new')} data-testid="clue-ledger-new">
              {t('clue.newClue')}
            </Button>
          ) : null}
          {abilities?.export !== false ? (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} data-testid="clue-ledger-export">
              {t('clue.exportExcel')}
            </Button>
          ) : null}
        </>
      }
    >
      <FilterBar<FilterValues> form={form} onSearch={search}>
        <Form.Item name="q">
          <Input allowClear placeholder={t('clue.qPlaceholder')} style={{ width: 220 }} aria-label={t('clue.q')} data-testid="clue-filter-q" />
        </Form.Item>
        <Form.Item name="state">
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('clue.state')}
            style={{ width: 200 }}
            options={enumOptions(CLUE_STATE_LABELS, label)}
            data-testid="clue-filter-state"
          />
        </Form.Item>
        <Form.Item name="source">
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('clue.source')}
            style={{ width: 180 }}
            options={enumOptions(CLUE_SOURCE_LABELS, label)}
          />
        </Form.Item>
        <Form.Item name="undertakingOrgId">
          <OrgSelect placeholder={t('clue.undertakingOrg')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="overdue">
          <Select
            allowClear
            placeholder={t('clue.overdueKind')}
            style={{ width: 160 }}
            options={CLUE_OVERDUE_KINDS.map((k) => ({ value: k, label: label(OVERDUE_KIND_LABELS, k) }))}
            data-testid="clue-filter-overdue"
          />
        </Form.Item>
        <Form.Item name="year">
          <Select allowClear placeholder={t('clue.year')} style={{ width: 110 }} options={yearOptions()} />
        </Form.Item>
      </FilterBar>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<ClueListItem>
          size="small"
          rowKey="id"
          data-testid="clue-ledger-table"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          columns={toColumns(clueFields(t, label, cal))}
          scroll={{ x: 1480 }}
          onRow={(c) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a,button')) return;
              void navigate(`/clues/${c.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => {
              const next = new URLSearchParams(sp);
              next.set('page', String(page));
              next.set('pageSize', String(pageSize));
              setSp(next, { replace: true });
            },
          }}
        />
      )}
    </Page>
  );
}
