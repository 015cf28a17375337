import { CASE_STAGES, type CaseStage, CLUE_STATE_GROUPS, type ClueStateGroup, type Dashboard, type DashboardOrgRow } from '@liandong/domain/casework/contracts';
import { CLUE_TERMINAL } from '@liandong/domain/clues/machine';
import type { ClosedKind, ClueSource, DispositionMethod, OverdueKind } from '@liandong/domain/clues/enums';
import { type RawBuilder, sql } from 'kysely';
import { classificationsAbove, hasAnyRole } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { caseVisible, caseVisibleArms, clueVisibleArms, type SharedRead, sharedRead } from '../visibility';
import { armsPredicate, type KeyedArms } from '../../platform/keyed-page';
import { todayIso } from '../../platform/calendar';
import { CASE_OVERDUE, clueOverdue } from './overdue';
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

/**
 * The rows `columns` of `table` aliased `t` that the arms allow and the filters keep, in one statement: the arms'
 * OR is a BitmapOr over the per-org indexes of its columns (clue_receiving, clue_undertaking, clue_subject_org,
 * case_file_lead; for the 超期 counts the partial indexes clue_limits_*) and the small arms' ids, so a scoped reader's
 * count reads its own rows, not a year of the book. (Reading the arms part by part, disjoint, as the keyed ledgers'
 * capped count does, measured slower here on the small bench data set: a group 15 ms of SQL against 9 ms, an office
 * liaising with 140 orgs 90 ms against 33 ms; a count has no top-N to stop early.)
 */
function visibleRows(table: string, t: string, arms: KeyedArms, filters: RawBuilder<boolean>[], columns: RawBuilder<unknown>): RawBuilder<unknown> {
  const where = sql.join([arms.scope, ...filters, ...(arms.book ? [] : [armsPredicate(arms, t)])], sql` AND `);
  return sql`SELECT ${columns} FROM ${sql.table(table)} ${sql.raw(t)} WHERE ${where}`;
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * A clue with a limit still running, coarsely (every kind of clues/overdue-kinds.ts implies it: its due column is
 * set and its running condition holds, each weaker here), as constant SQL: the predicate of the partial indexes
 * clue_limits_* of migration 0058, repeated word for word so that every plan, generic ones too, may use them.
 */
export const LIMITS_RUN =
  "((state IN ('RECEIVED', 'REGISTERED', 'ASSIGNED', 'UNDER_ANALYSIS', 'REOPENED') AND propose_due IS NOT NULL) OR (acknowledge_due IS NOT NULL AND acknowledged_on IS NULL) OR (state = 'TALK_INQUIRY') OR (state = 'PENDING_HOLD' AND hold_review_due IS NOT NULL) OR (assigned_case_due IS NOT NULL) OR (feedback_due IS NOT NULL AND feedback_on IS NULL))";

interface ClueRow {
  source: ClueSource;
  month: number;
  method: DispositionMethod | null;
  state: string;
  closed_kind: ClosedKind | null;
  n: number;
}
interface OrgClueRow {
  org_id: string | null;
  state: string;
  n: number;
}
interface DueRow {
  org_id: string | null;
  kind: OverdueKind;
  n: number;
}
interface CaseRow {
  org_id: string;
  state: string;
  decided: boolean;
  n: number;
}
interface Counts {
  clues: ClueRow[];
  orgClues: OrgClueRow[];
  dues: DueRow[];
  cases: CaseRow[];
  /** The case limits of CASE_OVERDUE by kind. */
  caseDues: Record<string, number>;
}

/** The by-department rows (org, state) of the figure rows of a statement. */
function orgRowsOf(rows: (ClueRow & { org_id: string | null })[]): OrgClueRow[] {
  const out = new Map<string, OrgClueRow>();
  for (const r of rows) {
    const key = `${r.org_id}|${r.state}`;
    const row = out.get(key) ?? { org_id: r.org_id, state: r.state, n: 0 };
    row.n += r.n;
    out.set(key, row);
  }
  return [...out.values()];
}

/** The whole commission, as a predicate of arms (the wide dashboard counts every clue and case, whatever its classification). */
const commissionArms = (cid: string, t: string): KeyedArms => ({
  book: true,
  scope: sql<boolean>`${sql.ref(`${t}.commission_id`)} = ${cid}::uuid`,
  keyed: [],
  rest: [],
});

/**
 * The clue and case counts of the dashboard. A commission-wide reader (书记, 常委, 案管室: every clue and case of
 * the commission, whatever its classification) reads the aggregates of migration 0058, some hundred rows; a scoped
 * reader counts what clueVisible / caseVisible let it see (信息互通 grants in force included, cache.ts keys them),
 * from the per-org indexes (visibleRows), and so does a wide reader's org filter (one org's rows).
 * Both give the figures of the same predicates over the base tables (dashboard.test.ts compares them with the
 * ledgers' totals and with recounts).
 */
async function counts(ctx: Ctx, p: DashboardParams, today: string, shared: SharedRead | undefined, opts: { wide?: boolean } = {}): Promise<Counts> {
  const cid = ctx.actor.commissionId;
  const from = `${p.year}-01-01`;
  const to = `${p.year + 1}-01-01`;
  const wide = opts.wide ?? isWideDashboard(ctx);
  const clueArms = wide ? commissionArms(cid, 'c') : clueVisibleArms(ctx.actor, 'c', { shared });
  const caseArms = wide ? commissionArms(cid, 'k') : caseVisibleArms(ctx.actor, 'k', { shared });
  const clueOrg = p.orgId ? [sql<boolean>`c.undertaking_org_id = ${p.orgId}::uuid`] : [];
  const caseOrg = p.orgId ? [sql<boolean>`k.lead_org_id = ${p.orgId}::uuid`] : [];
  const CLUE_OVERDUE = clueOverdue(today);
  const caseDay = sql`coalesce(k.filed_on, (k.created_at AT TIME ZONE current_setting('TimeZone'))::date)`;
  // Every case limit runs in one of these states or on a case with a measure (MEASURE_DUE needs one): a prefilter
  // that the state index and the measures' case ids answer, so that the count reads those cases only.
  const limitStates = ['IN_TRIAL', 'DECIDED', 'PROSECUTION_TRANSFERRED', 'SANCTION_ANNOUNCED'];
  const caseLimits = (kinds: readonly { kind: OverdueKind; when: RawBuilder<boolean> }[], onlyMeasured: boolean) => sql<Record<string, number>>`
    SELECT ${sql.join(
      kinds.map((o) => sql`count(*) FILTER (WHERE ${o.when})::int AS ${sql.ref(o.kind)}`),
      sql`, `,
    )}
    FROM case_file c WHERE ${caseArms.book ? sql`` : sql`${caseVisible(ctx.actor, 'c', { shared })} AND `}c.commission_id = ${cid}::uuid
      ${p.orgId ? sql`AND c.lead_org_id = ${p.orgId}::uuid` : sql``}
      AND (${onlyMeasured ? sql`false` : sql`c.state = ANY(${limitStates}::text[])`} OR c.id = ANY(ARRAY(SELECT cm.case_id FROM case_measure cm)))`;

  // 1. What a wide reader without an org filter reads from the aggregates; a reader of the whole clue book (信访室:
  // the commission's clues but those above its clearance or it is recused from) reads them too, less the hidden ones.
  const clueBook = !wide && clueArms.book && !p.orgId;
  const fromAggregates = (wide && !p.orgId) || clueBook;
  // 2. Otherwise one statement per figure over the base tables, through the per-org indexes (visibleRows).
  const statements = (arms: KeyedArms) => ({
    clue: sql<
      ClueRow & { org_id: string | null }
    >`SELECT v.org_id, v.source, extract(month FROM v.received_on)::int AS month, v.method, v.state, v.closed_kind, count(*)::int AS n
    FROM (${visibleRows(
      'clue',
      'c',
      arms,
      [sql<boolean>`c.received_on >= ${from}::date`, sql<boolean>`c.received_on < ${to}::date`, ...clueOrg],
      sql`c.undertaking_org_id AS org_id, c.source, c.received_on, c.proposed_method AS method, c.state, c.closed_kind`,
    )}) v
    GROUP BY 1, 2, 3, 4, 5, 6`,
    due: sql<DueRow>`SELECT v.org_id, k.kind, count(*)::int AS n
    FROM (${visibleRows(
      'clue',
      'c',
      arms,
      [
        sql<boolean>`(${sql.join(
          CLUE_OVERDUE.map((o) => o.when),
          sql` OR `,
        )})`,
        sql<boolean>`${sql.raw(LIMITS_RUN.replaceAll(/\b(state|propose_due|acknowledge_due|acknowledged_on|hold_review_due|assigned_case_due|feedback_due|feedback_on)\b/g, 'c.$1'))}`,
        ...clueOrg,
      ],
      sql`c.undertaking_org_id AS org_id, array_remove(ARRAY[${sql.join(CLUE_OVERDUE.map((o) => sql`CASE WHEN ${o.when} THEN ${o.kind} END`))}]::text[], NULL) AS kinds`,
    )}) v CROSS JOIN LATERAL unnest(v.kinds) AS k(kind)
    GROUP BY 1, 2`,
  });
  const clueStatement = statements(clueArms).clue;
  const dueStatement = statements(clueArms).due;
  const caseStatement = sql<CaseRow>`SELECT v.org_id, v.state, v.decided, count(*)::int AS n
    FROM (${visibleRows(
      'case_file',
      'k',
      caseArms,
      [sql<boolean>`${caseDay} >= ${from}::date`, sql<boolean>`${caseDay} < ${to}::date`, ...caseOrg],
      sql`k.lead_org_id AS org_id, k.state, (k.decided_on IS NOT NULL) AS decided`,
    )}) v
    GROUP BY 1, 2, 3`;

  if (clueBook) {
    // The hidden clues: above the clearance or recused (by the index clue_classification and the recusals), exactly
    // those the visibility scope leaves out; the aggregates count every clue, so the visible ones are the difference.
    const hiddenArms: KeyedArms = {
      book: true,
      scope: sql<boolean>`(c.commission_id = ${cid}::uuid AND (c.classification = ANY(${classificationsAbove(ctx.actor)}::text[])
        OR c.id = ANY(ARRAY(SELECT rc.object_id FROM recusal rc WHERE rc.user_id = ${ctx.actor.userId}::uuid AND rc.object_type = 'clue')))
        AND NOT coalesce(${clueArms.scope}, false))`,
      keyed: [],
      rest: [],
    };
    const [all, hiddenClues, hiddenDues, cases, caseDues] = await Promise.all([
      counts(ctx, p, today, shared, { wide: true }),
      statements(hiddenArms).clue.execute(ctx.db),
      statements(hiddenArms).due.execute(ctx.db),
      caseStatement.execute(ctx.db),
      caseLimits(CASE_OVERDUE, false).execute(ctx.db),
    ]);
    const less = <R extends { n: number }>(rows: R[], minus: R[], key: (r: R) => string): R[] => {
      const out = new Map(rows.map((r) => [key(r), { ...r }]));
      for (const h of minus) {
        const r = out.get(key(h));
        if (r) r.n -= h.n;
      }
      return [...out.values()].filter((r) => r.n !== 0);
    };
    const figureKey = (r: ClueRow) => [r.source, r.month, r.method, r.state, r.closed_kind].join('|');
    const orgKey = (r: OrgClueRow) => `${r.org_id}|${r.state}`;
    return {
      clues: less(all.clues, hiddenClues.rows, figureKey),
      orgClues: less(all.orgClues, orgRowsOf(hiddenClues.rows), orgKey),
      dues: less(all.dues, hiddenDues.rows, (r) => `${r.org_id}|${r.kind}`),
      cases: cases.rows,
      caseDues: caseDues.rows[0] ?? {},
    };
  }
  if (fromAggregates) {
    const onCase = CASE_OVERDUE.filter((o) => o.kind !== 'MEASURE_DUE');
    const [clues, orgClues, dues, cases, caseDues, measured] = await Promise.all([
      sql<ClueRow>`SELECT a.source, a.received_ym % 100 AS month, a.proposed_method AS method, a.state, a.closed_kind, sum(a.n)::int AS n
        FROM casework_clue_agg a WHERE a.commission_id = ${cid}::uuid AND a.received_ym >= ${p.year * 100} AND a.received_ym < ${(p.year + 1) * 100}
        GROUP BY 1, 2, 3, 4, 5 HAVING sum(a.n) <> 0`.execute(ctx.db),
      sql<OrgClueRow>`SELECT a.undertaking_org_id AS org_id, a.state, sum(a.n)::int AS n
        FROM casework_clue_org_agg a WHERE a.commission_id = ${cid}::uuid AND a.received_year = ${p.year}
        GROUP BY 1, 2 HAVING sum(a.n) <> 0`.execute(ctx.db),
      sql<DueRow>`SELECT a.undertaking_org_id AS org_id, a.kind, sum(a.n)::int AS n
        FROM casework_clue_due_agg a WHERE a.commission_id = ${cid}::uuid AND a.due_on <= ${today}::date
        GROUP BY 1, 2 HAVING sum(a.n) <> 0`.execute(ctx.db),
      // A filing proposal counts in the local year of its creation: created_q is on a quarter hour, as every local midnight is.
      sql<CaseRow>`SELECT a.lead_org_id AS org_id, a.state, a.decided, sum(a.n)::int AS n
        FROM casework_case_agg a WHERE a.commission_id = ${cid}::uuid
          AND (a.filed_year = ${p.year} OR (a.filed_year IS NULL AND (a.created_q AT TIME ZONE current_setting('TimeZone'))::date >= ${from}::date
            AND (a.created_q AT TIME ZONE current_setting('TimeZone'))::date < ${to}::date))
        GROUP BY 1, 2, 3 HAVING sum(a.n) <> 0`.execute(ctx.db),
      // The case limits on the case's own dates are due by the database's day, as OVERDUE_SQL's current_date.
      sql<{ kind: string; n: number }>`SELECT a.kind, sum(a.n)::int AS n FROM casework_case_due_agg a
        WHERE a.commission_id = ${cid}::uuid AND a.due_on <= current_date AND a.kind = ANY(${onCase.map((o) => o.kind)}::text[]) GROUP BY 1`.execute(ctx.db),
      caseLimits(
        CASE_OVERDUE.filter((o) => o.kind === 'MEASURE_DUE'),
        true,
      ).execute(ctx.db),
    ]);
    return {
      clues: clues.rows,
      orgClues: orgClues.rows,
      dues: dues.rows,
      cases: cases.rows,
      caseDues: { ...Object.fromEntries(caseDues.rows.map((r) => [r.kind, r.n])), ...(measured.rows[0] ?? {}) },
    };
  }
  // Each part is a few index probes: parallel workers would cost more to start (≈ 15 ms) than the parts take.
  const [clues, dues, cases, caseDues] = await ctx.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(trx);
    return [
      await clueStatement.execute(trx),
      await dueStatement.execute(trx),
      await caseStatement.execute(trx),
      await caseLimits(CASE_OVERDUE, false).execute(trx),
    ] as const;
  });
  return { clues: clues.rows, orgClues: orgRowsOf(clues.rows), dues: dues.rows, cases: cases.rows, caseDues: caseDues.rows[0] ?? {} };
}

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
  const kaseK = kase('k');
  const [{ clues: clueRows, orgClues, dues: dueRows, cases: caseRows, caseDues }, formRows, orgs] = await Promise.all([
    counts(ctx, p, today, shared),
    sql<{ form: (typeof FORM_ORDER)[number]; n: number }>`
      SELECT (${sql.lit('{FIRST,SECOND,THIRD,FOURTH}')}::text[])[x.f] AS form, count(*)::int AS n FROM (
        SELECT o.case_id, max(array_position(${sql.lit('{FIRST,SECOND,THIRD,FOURTH}')}::text[], o.four_form)) AS f
        FROM case_outcome o JOIN case_file k ON k.id = o.case_id
        WHERE ${kaseK} AND o.commission_id = ${cid}::uuid AND o.four_form IS NOT NULL AND o.decided_on >= ${from}::date AND o.decided_on < ${to}::date
        GROUP BY o.case_id) x
      GROUP BY 1`.execute(ctx.db),
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
  for (const r of clueRows) {
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
