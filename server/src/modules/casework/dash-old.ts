import { CASE_STAGES, type CaseStage, CLUE_STATE_GROUPS, type ClueStateGroup, type Dashboard, type DashboardOrgRow } from '@liandong/domain/casework/contracts';
import { CLUE_TERMINAL } from '@liandong/domain/clues/machine';
import type { ClosedKind, ClueSource, DispositionMethod, OverdueKind } from '@liandong/domain/clues/enums';
import { type RawBuilder, sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { caseVisible, clueVisible, type SharedRead, sharedRead } from '../visibility';
import { todayIso } from '../../platform/calendar';
import { CASE_OVERDUE, clueOverdue, type OverdueRow } from './overdue';
import { DASHBOARD_WIDE_ROLES } from '@liandong/domain/access/role-sets';
export { DASHBOARD_WIDE_ROLES };

const COUNTY_KINDS = ['COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'];
const CLOSED_CASE_STATES = CASE_STAGES.CLOSED;
const FORM_ORDER = ['FIRST', 'SECOND', 'THIRD', 'FOURTH'] as const;

export interface DashboardParams {
  year: number;
  orgId: string | null;
}

/** Whether the actor gets the commission-wide aggregates. */
export function isWideDashboard(ctx: Ctx): boolean {
  return hasAnyRole(ctx.actor, DASHBOARD_WIDE_ROLES);
}

/** The SQL predicates of the dashboard: the whole commission, or what the visibility predicates allow. */
function predicates(ctx: Ctx, p: DashboardParams, shared: SharedRead, caseAlias = 'k'): { clue: RawBuilder<boolean>; kase: RawBuilder<boolean> } {
  const cid = ctx.actor.commissionId;
  const wide = isWideDashboard(ctx);
  const k = (col: string) => sql.ref(`${caseAlias}.${col}`);
  // A scoped dashboard counts what its reader sees, 信息互通 grants in force included (cache.ts keys them).
  const clueBase = wide ? sql<boolean>`c.commission_id = ${cid}::uuid` : clueVisible(ctx.actor, 'c', { shared });
  const caseBase = wide ? sql<boolean>`${k('commission_id')} = ${cid}::uuid` : caseVisible(ctx.actor, caseAlias, { shared });
  if (!p.orgId) return { clue: clueBase, kase: caseBase };
  return {
    clue: sql<boolean>`(${clueBase} AND c.undertaking_org_id = ${p.orgId}::uuid)`,
    kase: sql<boolean>`(${caseBase} AND ${k('lead_org_id')} = ${p.orgId}::uuid)`,
  };
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * 线索案件 dashboard (issue 4): intake by source and month, disposition mix, cases by stage, overdue by
 * kind, 四种形态 and the by-department table. Clues count by received_on in the year, cases by filed_on
 * (a filing proposal by its creation day), outcomes by decided_on; overdue is the present state.
 */
export async function computeDashboard(ctx: Ctx, p: DashboardParams): Promise<Dashboard> {
  const from = `${p.year}-01-01`;
  const to = `${p.year + 1}-01-01`;
  const shared = await sharedRead(ctx);
  const pred = predicates(ctx, p, shared);
  const CLUE_OVERDUE = clueOverdue(todayIso());
  const caseDay = sql`coalesce(k.filed_on, (k.created_at AT TIME ZONE current_setting('TimeZone'))::date)`;

  const [clueRows, orgClueRows, overdueRows, caseRows, formRows, orgs] = await Promise.all([
    sql<{ source: ClueSource; month: number; method: DispositionMethod | null; state: string; closed_kind: ClosedKind | null; n: number }>`
      SELECT c.source, extract(month FROM c.received_on)::int AS month, c.proposed_method AS method, c.state, c.closed_kind, count(*)::int AS n
      FROM clue c WHERE ${pred.clue} AND c.received_on >= ${from}::date AND c.received_on < ${to}::date
      GROUP BY 1, 2, 3, 4, 5`.execute(ctx.db),
    sql<{ org_id: string | null; received: number; open: number; closed: number }>`
      SELECT c.undertaking_org_id AS org_id, count(*)::int AS received,
        count(*) FILTER (WHERE c.state <> ALL(${[...CLUE_TERMINAL]}::text[]))::int AS open,
        count(*) FILTER (WHERE c.state = ANY(${[...CLUE_STATE_GROUPS.CLOSED]}::text[]))::int AS closed
      FROM clue c WHERE ${pred.clue} AND c.received_on >= ${from}::date AND c.received_on < ${to}::date
      GROUP BY 1`.execute(ctx.db),
    sql<OverdueRow>`
      SELECT c.undertaking_org_id AS org_id,
        ${sql.join(
          CLUE_OVERDUE.map((o) => sql`count(*) FILTER (WHERE ${o.when})::int AS ${sql.ref(o.kind)}`),
          sql`, `,
        )}
      FROM clue c WHERE ${pred.clue} AND (${sql.join(
        CLUE_OVERDUE.map((o) => sql`(${o.when})`),
        sql` OR `,
      )})
      GROUP BY 1`.execute(ctx.db),
    sql<{ org_id: string; state: string; decided: boolean; n: number }>`
      SELECT k.lead_org_id AS org_id, k.state, (k.decided_on IS NOT NULL) AS decided, count(*)::int AS n
      FROM case_file k WHERE ${pred.kase} AND ${caseDay} >= ${from}::date AND ${caseDay} < ${to}::date
      GROUP BY 1, 2, 3`.execute(ctx.db),
    sql<{ form: (typeof FORM_ORDER)[number]; n: number }>`
      SELECT (${sql.lit('{FIRST,SECOND,THIRD,FOURTH}')}::text[])[x.f] AS form, count(*)::int AS n FROM (
        SELECT o.case_id, max(array_position(${sql.lit('{FIRST,SECOND,THIRD,FOURTH}')}::text[], o.four_form)) AS f
        FROM case_outcome o JOIN case_file k ON k.id = o.case_id
        WHERE ${pred.kase} AND o.four_form IS NOT NULL AND o.decided_on >= ${from}::date AND o.decided_on < ${to}::date
        GROUP BY o.case_id) x
      GROUP BY 1`.execute(ctx.db),
    sql<{ id: string; name_zh: string; kind: string; parent_id: string | null; parent_kind: string | null; sort_order: number }>`
      SELECT o.id, o.name_zh, o.kind, o.parent_id, p.kind AS parent_kind, o.sort_order
      FROM org o LEFT JOIN org p ON p.id = o.parent_id
      WHERE o.commission_id = ${ctx.actor.commissionId}::uuid
        AND o.kind IN ('INTERNAL_OFFICE','DISPATCHED_GROUP','COUNTY_COMMISSION','NEW_AREA_COMMISSION','TOWNSHIP_COMMISSION')`.execute(ctx.db),
  ]);
  const caseOverdue = await sql<Record<string, number>>`
    SELECT ${sql.join(
      CASE_OVERDUE.map((o) => sql`count(*) FILTER (WHERE ${o.when})::int AS ${sql.ref(o.kind)}`),
      sql`, `,
    )}
    FROM case_file c WHERE ${predicates(ctx, p, shared, 'c').kase}`.execute(ctx.db);

  // ---- intake and disposition
  const bySource = new Map<ClueSource, number>();
  const byMonth = new Map<number, number>();
  const cells = new Map<string, { source: ClueSource; month: number; count: number }>();
  const byMethod = new Map<DispositionMethod, number>();
  const byGroup = new Map<ClueStateGroup, number>();
  const byClosed = new Map<ClosedKind, number>();
  const groupOf = new Map<string, ClueStateGroup>();
  for (const [g, states] of Object.entries(CLUE_STATE_GROUPS) as [ClueStateGroup, readonly string[]][]) for (const s of states) groupOf.set(s, g);
  let total = 0;
  for (const r of clueRows.rows) {
    total += r.n;
    bySource.set(r.source, (bySource.get(r.source) ?? 0) + r.n);
    byMonth.set(r.month, (byMonth.get(r.month) ?? 0) + r.n);
    const key = `${r.source}:${r.month}`;
    const cell = cells.get(key) ?? { source: r.source, month: r.month, count: 0 };
    cell.count += r.n;
    cells.set(key, cell);
    if (r.method) byMethod.set(r.method, (byMethod.get(r.method) ?? 0) + r.n);
    const g = groupOf.get(r.state);
    if (g) byGroup.set(g, (byGroup.get(g) ?? 0) + r.n);
    if (r.closed_kind) byClosed.set(r.closed_kind, (byClosed.get(r.closed_kind) ?? 0) + r.n);
  }

  // ---- cases
  const stageOf = new Map<string, CaseStage>();
  for (const [s, states] of Object.entries(CASE_STAGES) as [CaseStage, readonly string[]][]) for (const st of states) stageOf.set(st, s);
  const byStage = new Map<CaseStage, number>();
  let casesTotal = 0;
  for (const r of caseRows.rows) {
    casesTotal += r.n;
    const s = stageOf.get(r.state);
    if (s) byStage.set(s, (byStage.get(s) ?? 0) + r.n);
  }

  // ---- overdue
  const clueOverdueTotals = new Map<OverdueKind, number>();
  for (const r of overdueRows.rows) for (const o of CLUE_OVERDUE) clueOverdueTotals.set(o.kind, (clueOverdueTotals.get(o.kind) ?? 0) + num(r[o.kind]));
  const caseOverdueRow = caseOverdue.rows[0] ?? {};

  // ---- by department: offices, groups, counties (a county's own offices and townships roll up to it)
  const bucketOf = new Map<string, { id: string; kind: 'offices' | 'groups' | 'counties' }>();
  const orgInfo = new Map(orgs.rows.map((o) => [o.id, o]));
  for (const o of orgs.rows) {
    if (COUNTY_KINDS.includes(o.kind)) bucketOf.set(o.id, { id: o.id, kind: 'counties' });
    else if (o.parent_id && o.parent_kind && COUNTY_KINDS.includes(o.parent_kind)) bucketOf.set(o.id, { id: o.parent_id, kind: 'counties' });
    else if (o.kind === 'DISPATCHED_GROUP') bucketOf.set(o.id, { id: o.id, kind: 'groups' });
    else if (o.kind === 'INTERNAL_OFFICE') bucketOf.set(o.id, { id: o.id, kind: 'offices' });
  }
  const rows = new Map<string, DashboardOrgRow & { kind: 'offices' | 'groups' | 'counties' }>();
  const rowOf = (orgId: string | null) => {
    const b = orgId ? bucketOf.get(orgId) : undefined;
    if (!b) return null;
    let row = rows.get(b.id);
    if (!row) {
      row = {
        orgId: b.id,
        orgName: orgInfo.get(b.id)?.name_zh ?? '',
        kind: b.kind,
        cluesReceived: 0,
        cluesOpen: 0,
        cluesClosed: 0,
        cluesOverdue: 0,
        casesFiled: 0,
        casesOpen: 0,
        casesDecided: 0,
      };
      rows.set(b.id, row);
    }
    return row;
  };
  for (const r of orgClueRows.rows) {
    const row = rowOf(r.org_id);
    if (!row) continue;
    row.cluesReceived += r.received;
    row.cluesOpen += r.open;
    row.cluesClosed += r.closed;
  }
  for (const r of overdueRows.rows) {
    const row = rowOf(r.org_id);
    if (row) row.cluesOverdue += CLUE_OVERDUE.reduce((s, o) => s + num(r[o.kind]), 0);
  }
  for (const r of caseRows.rows) {
    const row = rowOf(r.org_id);
    if (!row) continue;
    if (r.state !== 'FILING_PROPOSED') row.casesFiled += r.n;
    if (!CLOSED_CASE_STATES.includes(r.state) && r.state !== 'FILING_PROPOSED') row.casesOpen += r.n;
    if (r.decided) row.casesDecided += r.n;
  }
  const sorted = (kind: 'offices' | 'groups' | 'counties') =>
    [...rows.values()]
      .filter((r) => r.kind === kind)
      .sort((a, b) => (orgInfo.get(a.orgId)?.sort_order ?? 0) - (orgInfo.get(b.orgId)?.sort_order ?? 0))
      .map(({ kind: _k, ...r }) => r);

  const formCount = new Map(formRows.rows.map((r) => [r.form, r.n]));
  return {
    year: p.year,
    orgId: p.orgId,
    scope: isWideDashboard(ctx) ? 'COMMISSION' : 'SCOPED',
    intake: {
      total,
      bySource: [...bySource].map(([source, count]) => ({ source, count })),
      byMonth: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, count: byMonth.get(i + 1) ?? 0 })),
      cells: [...cells.values()].sort((a, b) => a.month - b.month || a.source.localeCompare(b.source)),
    },
    disposition: {
      byMethod: [...byMethod].map(([method, count]) => ({ method, count })),
      byStateGroup: (Object.keys(CLUE_STATE_GROUPS) as ClueStateGroup[]).map((group) => ({ group, count: byGroup.get(group) ?? 0 })),
      byClosedKind: [...byClosed].map(([closedKind, count]) => ({ closedKind, count })),
    },
    cases: {
      total: casesTotal,
      byStage: (Object.keys(CASE_STAGES) as CaseStage[]).map((stage) => ({ stage, count: byStage.get(stage) ?? 0 })),
    },
    overdue: [
      ...CLUE_OVERDUE.map((o) => ({ kind: o.kind, stage: 'CLUE' as const, count: clueOverdueTotals.get(o.kind) ?? 0 })),
      ...CASE_OVERDUE.map((o) => ({ kind: o.kind, stage: 'CASE' as const, count: num(caseOverdueRow[o.kind]) })),
    ],
    fourForms: FORM_ORDER.map((form) => ({ form, count: formCount.get(form) ?? 0 })),
    byOrg: { offices: sorted('offices'), groups: sorted('groups'), counties: sorted('counties') },
    computedAt: new Date().toISOString(),
  };
}
