import { CASE_STAGE_STATES, type CaseList, type CaseListItem, type CaseListQuery, type CaseOverdueKind, caseStageOf } from '@liandong/domain/cases/contracts';
import type { CaseState } from '@liandong/domain/cases/machine';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { searchQuery } from '../../platform/search';
import { auditSharedReads, caseVisible, type Grants, grantsOf } from '../visibility';
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

const SORT: Record<CaseListQuery['sort'], RawBuilder<unknown>> = {
  filedOn: sql`c.filed_on ASC NULLS FIRST, c.year, c.seq`,
  '-filedOn': sql`c.filed_on DESC NULLS FIRST, c.year DESC, c.seq DESC`,
  caseNo: sql`c.year, c.seq`,
  '-caseNo': sql`c.year DESC, c.seq DESC`,
  trialDue: sql`c.trial_due ASC NULLS LAST, c.year, c.seq`,
  '-trialDue': sql`c.trial_due DESC NULLS LAST, c.year DESC, c.seq DESC`,
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
  total: number;
}

/** The WHERE clause of the ledger for the actor and filters. */
export function ledgerWhere(actor: Actor, q: Omit<CaseListQuery, 'page' | 'pageSize' | 'sort'>, grants?: Grants): RawBuilder<boolean> {
  // 信息互通: cases open under a grant are listed too; a text search (over the content) only through FULL grants.
  const parts: RawBuilder<boolean>[] = [caseVisible(actor, 'c', { shared: grants && { use: q.q ? 'full' : 'any', grants } })];
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
  return sql<boolean>`${sql.join(parts, sql` AND `)}`;
}

export function toListItem(r: Omit<LedgerRow, 'total'>): CaseListItem {
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

/** GET /api/v1/cases */
export async function listCases(ctx: Ctx, q: CaseListQuery, via: 'list' | 'export' = 'list'): Promise<CaseList> {
  const grants = await grantsOf(ctx.db, ctx.actor);
  const { rows } = await sql<LedgerRow>`SELECT ${LEDGER_COLUMNS}, count(*) OVER ()::int AS total
    FROM ${LEDGER_FROM}
    WHERE ${ledgerWhere(ctx.actor, q, grants)}
    ORDER BY ${SORT[q.sort]}
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(ctx.db);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && q.page > 1) {
    const { rows: c } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${LEDGER_FROM} WHERE ${ledgerWhere(ctx.actor, q, grants)}`.execute(ctx.db);
    total = c[0]?.n ?? 0;
  }
  await auditSharedReads(
    ctx,
    'CASE',
    rows.map((r) => r.id),
    (o) => caseVisible(ctx.actor, o),
    via,
  );
  return { items: rows.map(toListItem), total };
}
