import { CASE_STAGE_STATES, type CaseList, type CaseListItem, type CaseListQuery, type CaseOverdueKind, caseStageOf } from '@liandong/domain/cases/contracts';
import type { CaseState } from '@liandong/domain/cases/machine';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { searchQuery } from '../../platform/search';
import { auditSharedReads, caseVisible, caseVisibleArms, type Grants, grantsFor } from '../visibility';
import { pageIds, type PagedIds } from '../../platform/ledger-page';
import { hashedVisible, type KeyedPageQuery, keyedPageIds, keyedPageRows, opensLedger, overProbeLimit } from '../../platform/keyed-page';
import { SECTOR_DICTIONARY } from '@liandong/domain/problems/dictionaries';
import { dictionaryLabel } from '../dictionaries';

/*
 * 案件台账: the ledger of the cases the caller can see (caseVisible), with filters, stage groups,
 * overdue alarms (due today or past) and pagination. The Excel export reads through the same query.
 */

/** SQL predicates of the four case alarms over a case_file row aliased `c`. */
export const OVERDUE_SQL: Record<CaseOverdueKind, RawBuilder<boolean>> = {
  // The trial limit does not run while the case is back for supplementary evidence.
  TRIAL_DUE: sql<boolean>`(c.state = 'IN_TRIAL' AND c.trial_due <= current_date)`,
  DECISION_ANNOUNCE_DUE: sql<boolean>`(c.state IN ('DECIDED','PROSECUTION_TRANSFERRED') AND c.decision_announce_due <= current_date)`,
  EXECUTION_DUE: sql<boolean>`(c.state = 'SANCTION_ANNOUNCED' AND c.execution_report_due <= current_date)`,
  // A running measure past its limit (强制到案 at its hour, the others from their due day), or a 留置 whose
  // 24-hour notice to the unit and family (监察法 2024, article number unverified) was neither given nor withheld in time.
  MEASURE_DUE: sql<boolean>`(c.state NOT IN ('ARCHIVED','REVOKED') AND EXISTS (SELECT 1 FROM case_measure cm
    WHERE cm.case_id = c.id AND ((cm.ended_on IS NULL AND (CASE WHEN cm.due_at IS NOT NULL THEN cm.due_at <= now() ELSE cm.due_on <= current_date END))
      OR (cm.notice_due_at <= now() AND cm.notified_at IS NULL AND cm.notice_withheld_reason IS NULL))))`,
};

/** ORDER BY of each sort over a case_file row aliased `t` ((year, seq) is unique in a commission). */
const SORT: Record<CaseListQuery['sort'], (t: string) => RawBuilder<unknown>> = {
  filedOn: (t) => sql`${col(t, 'filed_on')} ASC NULLS FIRST, ${col(t, 'year')}, ${col(t, 'seq')}`,
  '-filedOn': (t) => sql`${col(t, 'filed_on')} DESC NULLS FIRST, ${col(t, 'year')} DESC, ${col(t, 'seq')} DESC`,
  caseNo: (t) => sql`${col(t, 'year')}, ${col(t, 'seq')}`,
  '-caseNo': (t) => sql`${col(t, 'year')} DESC, ${col(t, 'seq')} DESC`,
  trialDue: (t) => sql`${col(t, 'trial_due')} ASC NULLS LAST, ${col(t, 'year')}, ${col(t, 'seq')}`,
  '-trialDue': (t) => sql`${col(t, 'trial_due')} DESC NULLS LAST, ${col(t, 'year')} DESC, ${col(t, 'seq')} DESC`,
};
function col(t: string, c: string): RawBuilder<unknown> {
  return sql.ref(`${t}.${c}`);
}
/**
 * The columns each sort reads (`id` is added): a keyed probe reads only these and the scope's columns, so that
 * case_file_org_lead (0068: (commission_id, lead_org_id, filed_on DESC NULLS FIRST, year DESC, seq DESC) INCLUDE
 * (classification, id)) answers the default sort's probe as an index-only top-N.
 */
const SORT_COLUMNS: Record<CaseListQuery['sort'], readonly string[]> = {
  filedOn: ['filed_on', 'year', 'seq'],
  '-filedOn': ['filed_on', 'year', 'seq'],
  caseNo: ['year', 'seq'],
  '-caseNo': ['year', 'seq'],
  trialDue: ['trial_due', 'year', 'seq'],
  '-trialDue': ['trial_due', 'year', 'seq'],
};

export interface LedgerRow {
  id: string;
  case_no: string;
  year: number;
  title: string;
  subject_name: string;
  subject_position: string | null;
  subject_org_name: string | null;
  lead_org_id: string;
  lead_org_name: string;
  state: CaseState;
  filed_on: string | null;
  trial_due: string | null;
  decision_announce_due: string | null;
  execution_report_due: string | null;
  flags: CaseOverdueKind[];
  four_forms: string[];
  sector: string | null;
  sector_label: string | null;
  version: number;
}

/** The ledger's filters over `case_file c` (apart from visibility). */
function ledgerFilters(q: Omit<CaseListQuery, 'page' | 'pageSize' | 'sort'>): RawBuilder<boolean>[] {
  const parts: RawBuilder<boolean>[] = [];
  if (q.q) {
    const tsq = searchQuery(q.q);
    parts.push(tsq ? sql<boolean>`c.search_tsv @@ ${tsq}` : sql<boolean>`false`);
  }
  if (q.state?.length) parts.push(sql<boolean>`c.state = ANY(${q.state}::text[])`);
  if (q.stage) parts.push(sql<boolean>`c.state = ANY(${[...CASE_STAGE_STATES[q.stage]]}::text[])`);
  if (q.leadOrgId) parts.push(sql<boolean>`c.lead_org_id = ${q.leadOrgId}::uuid`);
  if (q.year) parts.push(sql<boolean>`c.year = ${q.year}`);
  if (q.sector) parts.push(sql<boolean>`c.sector_code = ${q.sector}`);
  if (q.overdue) parts.push(OVERDUE_SQL[q.overdue]);
  return parts;
}

/** The WHERE clause of the ledger for the actor and filters. */
export function ledgerWhere(actor: Actor, q: Omit<CaseListQuery, 'page' | 'pageSize' | 'sort'>, grants?: Grants): RawBuilder<boolean> {
  // 信息互通: cases open under a grant are listed too; a text search (over the content) only through FULL grants.
  const parts: RawBuilder<boolean>[] = [caseVisible(actor, 'c', { shared: grants && { use: q.q ? 'full' : 'any', grants } }), ...ledgerFilters(q)];
  return sql<boolean>`${sql.join(parts, sql` AND `)}`;
}

export function toListItem(r: LedgerRow): CaseListItem {
  return {
    id: r.id,
    caseNo: r.case_no,
    year: r.year,
    title: r.title,
    subjectName: r.subject_name,
    subjectPosition: r.subject_position,
    subjectOrgName: r.subject_org_name,
    leadOrgId: r.lead_org_id,
    leadOrgName: r.lead_org_name,
    state: r.state,
    stage: caseStageOf(r.state),
    filedOn: r.filed_on,
    trialDue: r.trial_due,
    decisionAnnounceDue: r.decision_announce_due,
    executionReportDue: r.execution_report_due,
    flags: r.flags,
    fourForms: r.four_forms as CaseListItem['fourForms'],
    sector: r.sector,
    sectorLabel: r.sector ? r.sector_label : null,
    version: r.version,
  };
}

/** Columns of a ledger row over case_file `c` (shared with the detail). */
export const LEDGER_COLUMNS = sql`c.id, c.case_no, c.year, c.title, c.subject_name, c.subject_position,
    so.name_zh AS subject_org_name, c.lead_org_id, lo.name_zh AS lead_org_name, c.state,
    c.filed_on::text AS filed_on, c.trial_due::text AS trial_due, c.decision_announce_due::text AS decision_announce_due,
    c.execution_report_due::text AS execution_report_due, c.version,
    c.sector_code AS sector, ${dictionaryLabel(SECTOR_DICTIONARY, 'c.commission_id', 'c.sector_code')} AS sector_label,
    array_remove(ARRAY[
      CASE WHEN ${OVERDUE_SQL.TRIAL_DUE} THEN 'TRIAL_DUE' END,
      CASE WHEN ${OVERDUE_SQL.DECISION_ANNOUNCE_DUE} THEN 'DECISION_ANNOUNCE_DUE' END,
      CASE WHEN ${OVERDUE_SQL.EXECUTION_DUE} THEN 'EXECUTION_DUE' END,
      CASE WHEN ${OVERDUE_SQL.MEASURE_DUE} THEN 'MEASURE_DUE' END], NULL) AS flags,
    COALESCE((SELECT array_agg(DISTINCT o.four_form ORDER BY o.four_form) FROM case_outcome o
      WHERE o.case_id = c.id AND o.four_form IS NOT NULL), '{}') AS four_forms`;

export const LEDGER_FROM = sql`case_file c JOIN org lo ON lo.id = c.lead_org_id LEFT JOIN org so ON so.id = c.subject_org_id`;

/**
 * The sorts a ledger page may walk in index order (case_file_ledger_walk, 0081, for 立案日期 newest first, the (year, seq) key for
 * 案号): the others have no index in their order, so a walk would sort every case of the commission.
 */
const WALK_SORTS: ReadonlySet<CaseListQuery['sort']> = new Set(['-filedOn', 'caseNo', '-caseNo']);

/**
 * Above this many lead-org probes the unfiltered ledger walks its sort order instead (issue 12): a 分管领导's 700–800 orgs
 * are 11–18 % of the commission's cases (full scale), so the walk tests some 150 rows where the probes descend the lead
 * org index 800 times (most of the orgs lead no case) and merge up to 20 rows of each.
 */
export const CASE_WALK_PROBES = 60;

/**
 * The keyed form of a ledger page (issue 12, platform/keyed-page.ts): per org of the actor's scope an index-only top-N
 * on case_file_org_lead (0068), the other arms (team, trial, 专班, grants) as small exact sets, merged — O(orgs × page),
 * not O(visible rows). A wide scope's unfiltered page in a walkable sort walks the sort order instead, its org list
 * hashed (`hashedVisible`: the same rows). The ledger as it opens (no filters, first page of a screen's size) is sent
 * named.
 */
function keyedCases(ctx: Ctx, q: CaseListQuery, grants: Grants, exact: boolean | undefined): KeyedPageQuery {
  const filters = ledgerFilters(q);
  const arms = caseVisibleArms(ctx.actor, 'c', { shared: { use: q.q ? 'full' : 'any', grants } });
  const walks = !exact && filters.length === 0 && WALK_SORTS.has(q.sort) && overProbeLimit(arms, CASE_WALK_PROBES);
  return {
    table: 'case_file',
    alias: 'c',
    arms,
    filters,
    orderBy: SORT[q.sort],
    sortColumns: SORT_COLUMNS[q.sort],
    // The walk reads `where` row by row in the sort order: its org lists hashed, not searched linearly (nor estimated
    // one by one by the planner); the exact count reads `where` too and keeps the indexable form.
    where: walks ? hashedVisible(arms, 'c') : ledgerWhere(ctx.actor, q, grants),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    exact,
    // Cases are sparse per org (200 k over 5,000 orgs): with filters, or in a sort no index walks, even a 分管领导's
    // 1,457 probes of the lead org index (≈ 10 ms) cost less than reading the scope's cases in another order.
    probeLimit: walks ? CASE_WALK_PROBES : 5000,
    opaqueKeys: true,
    prepared: opensLedger(filters, q.page, q.pageSize),
    // The ledger as it opens: its count probes each lead org in case_file_org_lead's order (0068; any order counts the
    // same), so that the planner reads that index by the org, where it chose case_file_cockpit_lead (year, lead org) and
    // skipped through every year of each org (9 index searches per org: 2–3.5 ms for a county or a 分管领导, issue 12).
    ...(filters.length === 0 ? { countOrder: SORT['-filedOn'] } : {}),
    // Its generic plan from the first call on each pooled connection (`keyedPageRows`): PostgreSQL settles on the same
    // generic plan after five custom ones, but a short busy run pays those five plans on each of 20 connections.
    genericPlan: true,
  };
}

/**
 * The ids of a ledger page in sort order and the total (issue 12): keyed (`keyedCases`), or for a text search (the GIN
 * index narrows first) and the export (every row) through the one predicate. The total is counted up to TOTAL_CAP
 * unless `exact`.
 */
export async function casePage(ctx: Ctx, q: CaseListQuery, opts: { exact?: boolean; keyed?: boolean; grants?: Grants } = {}): Promise<PagedIds> {
  const grants = opts.grants ?? (await grantsFor(ctx));
  if (q.q || opts.keyed === false) {
    const where = ledgerWhere(ctx.actor, q, grants);
    const limit = q.pageSize;
    const offset = (q.page - 1) * q.pageSize;
    return pageIds(ctx.db, { from: sql`case_file c`, where, id: sql`c.id`, orderBy: SORT[q.sort]('c'), limit, offset, exact: opts.exact });
  }
  return keyedPageIds(ctx.db, keyedCases(ctx, q, grants, opts.exact));
}

/**
 * GET /api/v1/cases (and the export's pages, with the exact total). A keyed page (the list without a text search) is
 * chosen and presented in one statement (`keyedPageRows`); otherwise the ids first, then only those rows presented.
 */
export async function listCases(
  ctx: Ctx,
  q: CaseListQuery,
  via: 'list' | 'export' = 'list',
  opts: { exact?: boolean; grants?: Grants } = {},
): Promise<CaseList> {
  const exact = via === 'export' || opts.exact === true || q.exactTotal === true;
  if (via === 'list' && !q.q) {
    const grants = opts.grants ?? (await grantsFor(ctx));
    const { rows, total, totalCapped } = await keyedPageRows<LedgerRow>(ctx.db, {
      ...keyedCases(ctx, q, grants, exact),
      present: sql`SELECT ${LEDGER_COLUMNS} FROM ledger_page lp JOIN case_file c ON c.id = lp.id JOIN org lo ON lo.id = c.lead_org_id
        LEFT JOIN org so ON so.id = c.subject_org_id ORDER BY lp.ord`,
    });
    if (rows.length)
      await auditSharedReads(
        ctx,
        'CASE',
        rows.map((r) => r.id),
        (o) => caseVisible(ctx.actor, o),
        via,
      );
    return { items: rows.map(toListItem), total, totalCapped };
  }
  const { ids, total, totalCapped } = await casePage(ctx, q, { exact, keyed: false, grants: opts.grants });
  if (ids.length === 0) return { items: [], total, totalCapped };
  // Only the page's rows are joined, flagged and presented.
  const [{ rows }] = await Promise.all([
    sql<LedgerRow>`SELECT ${LEDGER_COLUMNS} FROM ${LEDGER_FROM} WHERE c.id = ANY(${ids}::uuid[]) ORDER BY ${SORT[q.sort]('c')}`.execute(ctx.db),
    auditSharedReads(ctx, 'CASE', ids, (o) => caseVisible(ctx.actor, o), via),
  ]);
  return { items: rows.map(toListItem), total, totalCapped };
}
