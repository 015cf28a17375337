import { PlusOutlined } from '@ant-design/icons';
import { CLUE_SOURCE_LABELS, type ClueSource, OVERDUE_KIND_LABELS, type OverdueKind } from '@liandong/domain/clues/enums';
import { CLUE_STATE_LABELS, type ClueState } from '@liandong/domain/clues/machine';
import { Button, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { toColumns } from '../../components/entity';
import { FilterBar } from '../../components/FilterBar';
import { ExportButton, LedgerTable } from '../../components/Ledger';
import { CampaignSelect } from '../../components/CampaignSelect';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { readPaging, useFilterUpdater } from '../../lib/filters';
import { useI18n } from '../../lib/i18n';
import { enumOptions, yearOptions } from '../../lib/options';
import { type ClueFilters, type ClueListItem, exportUrls, useClues } from './api';
import { clueFields, useWorkCalendar } from './components';
import { TypologySelect } from './typology';
import { DictionarySelect } from '../../components/DictionarySelect';

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
  campaignId?: string;
  typology?: string[];
  sector?: string;
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
    campaignId: sp.get('campaignId') ?? undefined,
    typology: sp.getAll('typology'),
    sector: sp.get('sector') ?? undefined,
    exactTotal: sp.get('exactTotal') === 'true' || undefined,
    ...readPaging(sp),
  };
}

/** 线索台账: the 案管室's ledger of every clue the user may see, with filters, overdue flags and Excel export. */
export function LedgerPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const update = useFilterUpdater();
  const filters = readFilters(sp);
  const query = useClues(filters);
  const cal = useWorkCalendar();
  const [form] = Form.useForm<FilterValues>();

  // Keep the form in step with the address (back/forward, links from the overdue board).
  const spKey = sp.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: spKey stands for the filters
  useEffect(() => {
    const f = readFilters(sp);
    form.setFieldsValue({
      q: f.q,
      state: f.state,
      source: f.source,
      undertakingOrgId: f.undertakingOrgId,
      overdue: f.overdue,
      year: f.year,
      campaignId: f.campaignId,
      typology: f.typology,
      sector: f.sector,
    });
  }, [spKey, form]);

  const search = (v: FilterValues) => {
    const next = new URLSearchParams();
    if (v.q?.trim()) next.set('q', v.q.trim());
    for (const s of v.state ?? []) next.append('state', s);
    for (const s of v.source ?? []) next.append('source', s);
    if (v.undertakingOrgId) next.set('undertakingOrgId', v.undertakingOrgId);
    if (v.overdue) next.set('overdue', v.overdue);
    if (v.year) next.set('year', String(v.year));
    if (v.campaignId) next.set('campaignId', v.campaignId);
    for (const c of v.typology ?? []) next.append('typology', c);
    if (v.sector) next.set('sector', v.sector);
    if (sp.get('pageSize')) next.set('pageSize', sp.get('pageSize') ?? '');
    setSp(next, { replace: true });
  };

  const { page: _p, pageSize: _s, ...unpaged } = filters;
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
            <ExportButton url={exportUrls.ledger(unpaged)} filename={t('clue.ledgerFile')} success={t('clue.exported')} testId="clue-ledger-export">
              {t('clue.exportExcel')}
            </ExportButton>
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
            aria-label={t('clue.state')}
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
            aria-label={t('clue.source')}
            style={{ width: 180 }}
            options={enumOptions(CLUE_SOURCE_LABELS, label)}
          />
        </Form.Item>
        <Form.Item name="undertakingOrgId">
          <OrgSelect placeholder={t('clue.undertakingOrg')} aria-label={t('clue.undertakingOrg')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="overdue">
          <Select
            allowClear
            placeholder={t('clue.overdueKind')}
            aria-label={t('clue.overdueKind')}
            style={{ width: 160 }}
            options={CLUE_OVERDUE_KINDS.map((k) => ({ value: k, label: label(OVERDUE_KIND_LABELS, k) }))}
            data-testid="clue-filter-overdue"
          />
        </Form.Item>
        <Form.Item name="year">
          <Select allowClear placeholder={t('clue.year')} aria-label={t('clue.year')} style={{ width: 110 }} options={yearOptions()} />
        </Form.Item>
        <Form.Item name="campaignId">
          <CampaignSelect placeholder={t('campaignLink.all')} aria-label={t('campaignLink.all')} style={{ width: 220 }} data-testid="clue-filter-campaign" />
        </Form.Item>
        <Form.Item name="typology">
          <TypologySelect
            placeholder={t('campaignLink.allTypology')}
            aria-label={t('campaignLink.allTypology')}
            maxTagCount="responsive"
            style={{ width: 200 }}
            data-testid="clue-filter-typology"
          />
        </Form.Item>
        <Form.Item name="sector">
          <DictionarySelect
            dictionary="SECTOR"
            placeholder={t('problem.allSectors')}
            aria-label={t('problem.allSectors')}
            style={{ width: 150 }}
            data-testid="clue-filter-sector"
          />
        </Form.Item>
      </FilterBar>
      <LedgerTable<ClueListItem>
        query={query}
        testId="clue-ledger-table"
        columns={toColumns(clueFields(t, label, cal))}
        scroll={{ x: 1950 }}
        rowHref={(c) => `/clues/${c.id}`}
        paging={filters}
        onPage={(page, pageSize) => update({ page, pageSize })}
        onExactTotal={() => update({ exactTotal: 'true', page: filters.page })}
      />
    </Page>
  );
}
