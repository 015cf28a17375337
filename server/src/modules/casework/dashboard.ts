import { CASE_STAGES, type CaseStage, CLUE_STATE_GROUPS, type ClueStateGroup, type Dashboard, type DashboardOrgRow } from '@liandong/domain/casework/contracts';
import { CLUE_TERMINAL } from '@liandong/domain/clues/machine';
import type { ClosedKind, ClueSource, DispositionMethod, OverdueKind } from '@liandong/domain/clues/enums';
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { caseVisible, sharedRead } from '../visibility';
import { todayIso } from '../../platform/calendar';
import { CASE_OVERDUE, clueOverdue } from './overdue';
import { counts, type DashboardParams, isWideDashboard } from './dashboard-counts';
import { DASHBOARD_WIDE_ROLES } from '@liandong/domain/access/role-sets';
export { DASHBOARD_WIDE_ROLES, type DashboardParams, isWideDashboard };

const COUNTY_KINDS = ['COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'];
const CLOSED_CASE_STATES = CASE_STAGES.CLOSED;
const FORM_ORDER = ['FIRST', 'SECOND', 'THIRD', 'FOURTH'] as const;

const num = (v: unknown) => Number(v ?? 0);

/**
 * 线索案件 dashboard (issue 4): intake by source and month, disposition mix, cases by stage, overdue by
 * kind, 四种形态 and the by-department table. Clues count by received_on in the year, cases by filed_on
 * (a filing proposal by its creation day), outcomes by decided_on; overdue is the present state.
 */
export async function computeDashboard(ctx: Ctx, p: DashboardParams): Promise<Dashboard> {
  const from = `${p.year}-01-01`;
  const to = `${p.year + 1}-01-01`;
  const wide = isWideDashboard(ctx);
  const cid = ctx.actor.commissionId;
  const today = todayIso();
  const CLUE_OVERDUE = clueOverdue(today);
  // The case predicate of the 四种形态 and the case limits: the commission for a wide reader, else caseVisible.
  const shared = wide ? undefined : await sharedRead(ctx);
  const kase = (alias: string): RawBuilder<boolean> => {
    const base = wide ? sql<boolean>`${sql.ref(`${alias}.commission_id`)} = ${cid}::uuid` : caseVisible(ctx.actor, alias, { shared });
    return p.orgId ? sql<boolean>`(${base} AND ${sql.ref(`${alias}.lead_org_id`)} = ${p.orgId}::uuid)` : base;
  };
  // A commission-wide reader without an org filter counts every outcome of the commission: no join with the cases.
  const kaseK = kase('k');
  const [{ intake, disposition, orgClues, dues: dueRows, cases: caseRows, caseDues }, formRows, orgs] = await Promise.all([
    counts(ctx, p, today, shared),
    // Without parallel workers, as the counts: at full scale a county's parallel plan ran 1.8–2.2 s beside the counts'
    // transaction where the serial one takes 20–30 ms (bench/casework-explain.ts).
    ctx.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(trx);
      return sql<{ form: (typeof FORM_ORDER)[number]; n: number }>`
      SELECT (${sql.lit('{FIRST,SECOND,THIRD,FOURTH}')}::text[])[x.f] AS form, count(*)::int AS n FROM (
        SELECT o.case_id, max(array_position(${sql.lit('{FIRST,SECOND,THIRD,FOURTH}')}::text[], o.four_form)) AS f
        FROM case_outcome o ${wide && !p.orgId ? sql`` : sql`JOIN case_file k ON k.id = o.case_id AND ${kaseK}`}
        WHERE o.commission_id = ${cid}::uuid AND o.four_form IS NOT NULL AND o.decided_on >= ${from}::date AND o.decided_on < ${to}::date
        GROUP BY o.case_id) x
      GROUP BY 1`.execute(trx);
    }),
    sql<{ id: string; name_zh: string; kind: string; parent_id: string | null; parent_kind: string | null; sort_order: number }>`
      SELECT o.id, o.name_zh, o.kind, o.parent_id, p.kind AS parent_kind, o.sort_order
      FROM org o LEFT JOIN org p ON p.id = o.parent_id
      WHERE o.commission_id = ${cid}::uuid
        AND o.kind IN ('INTERNAL_OFFICE','DISPATCHED_GROUP','COUNTY_COMMISSION','NEW_AREA_COMMISSION','TOWNSHIP_COMMISSION')`.execute(ctx.db),
  ]);

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
  for (const r of intake) {
    total += r.n;
    bySource.set(r.source, (bySource.get(r.source) ?? 0) + r.n);
    byMonth.set(r.month, (byMonth.get(r.month) ?? 0) + r.n);
    const key = `${r.source}:${r.month}`;
    const cell = cells.get(key) ?? { source: r.source, month: r.month, count: 0 };
    cell.count += r.n;
    cells.set(key, cell);
  }
  for (const r of disposition) {
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
  for (const r of caseRows) {
    casesTotal += r.n;
    const s = stageOf.get(r.state);
    if (s) byStage.set(s, (byStage.get(s) ?? 0) + r.n);
  }

  // ---- overdue
  const clueOverdueTotals = new Map<OverdueKind, number>();
  for (const r of dueRows) clueOverdueTotals.set(r.kind, (clueOverdueTotals.get(r.kind) ?? 0) + r.n);

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
  const terminal = new Set<string>(CLUE_TERMINAL);
  const closed = new Set<string>(CLUE_STATE_GROUPS.CLOSED);
  for (const r of orgClues) {
    const row = rowOf(r.org_id);
    if (!row) continue;
    row.cluesReceived += r.n;
    if (!terminal.has(r.state)) row.cluesOpen += r.n;
    if (closed.has(r.state)) row.cluesClosed += r.n;
  }
  for (const r of dueRows) {
    const row = rowOf(r.org_id);
    if (row) row.cluesOverdue += r.n;
  }
  for (const r of caseRows) {
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
      ...CASE_OVERDUE.map((o) => ({ kind: o.kind, stage: 'CASE' as const, count: num(caseDues[o.kind]) })),
    ],
    fourForms: FORM_ORDER.map((form) => ({ form, count: formCount.get(form) ?? 0 })),
    byOrg: { offices: sorted('offices'), groups: sorted('groups'), counties: sorted('counties') },
    computedAt: new Date().toISOString(),
  };
}
