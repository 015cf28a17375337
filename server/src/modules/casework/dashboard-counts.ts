import type { OverdueKind } from '@liandong/domain/clues/enums';
import { DASHBOARD_WIDE_ROLES } from '@liandong/domain/access/role-sets';
import { type RawBuilder, sql } from 'kysely';
import { classificationsAbove, hasAnyRole } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { armsPredicate, type KeyedArms } from '../../platform/keyed-page';
import { caseVisible, caseVisibleArms, clueVisibleArms, type SharedRead } from '../visibility';
import {
  type CaseRow,
  caseKey,
  type ClueRow,
  type DispositionRow,
  type DueRow,
  dispositionKey,
  dueKey,
  type IntakeRow,
  intakeKey,
  keyedCaseDueParts,
  keyedCaseParts,
  keyedClueParts,
  scopedDueParts,
  sumRows,
} from './dashboard-keyed';
import { CASE_OVERDUE, clueOverdue } from './overdue';

/*
 * The counts behind the 线索案件 dashboard (dashboard.ts builds its figures from them): the aggregates of
 * migration 0058 for a commission-wide reader, the org-keyed aggregates of migrations 0062 and 0066 with their
 * corrections (dashboard-keyed.ts) for a scoped reader.
 */

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

/**
 * A clue with a limit still running, coarsely (every kind of clues/overdue-kinds.ts implies it: its due column is
 * set and its running condition holds, each weaker here), as constant SQL: the predicate of the partial indexes
 * clue_limits_* of migration 0058, repeated word for word so that every plan, generic ones too, may use them.
 */
export const LIMITS_RUN =
  "((state IN ('RECEIVED', 'REGISTERED', 'ASSIGNED', 'UNDER_ANALYSIS', 'REOPENED') AND propose_due IS NOT NULL) OR (acknowledge_due IS NOT NULL AND acknowledged_on IS NULL) OR (state = 'TALK_INQUIRY') OR (state = 'PENDING_HOLD' AND hold_review_due IS NOT NULL) OR (assigned_case_due IS NOT NULL) OR (feedback_due IS NOT NULL AND feedback_on IS NULL))";

interface OrgClueRow {
  org_id: string | null;
  state: string;
  n: number;
}
interface Counts {
  /** The year's intake (month × source) and disposition (method × state × closed kind) rows; both sum to the year's clues. */
  intake: IntakeRow[];
  disposition: DispositionRow[];
  orgClues: OrgClueRow[];
  dues: DueRow[];
  cases: CaseRow[];
  /** The case limits of CASE_OVERDUE by kind. */
  caseDues: Record<string, number>;
}

/** The by-department rows (org, state) of disposition rows. */
function orgRowsOf(rows: DispositionRow[]): OrgClueRow[] {
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
 * reader counts what clueVisible / caseVisible let it see (信息互通 grants in force included, cache.ts keys them):
 * the buckets of the org-keyed aggregates its org arms and clearance select, plus the objects only its other arms show,
 * less those it is recused from (dashboard-keyed.ts; the 信访室's org filter and the 四种形态 still read rows, through
 * the per-org indexes: visibleRows); a wide reader's org filter reads one org's buckets.
 * Both give the figures of the same predicates over the base tables (dashboard.test.ts compares them with the
 * ledgers' totals and with recounts).
 */
export async function counts(ctx: Ctx, p: DashboardParams, today: string, shared: SharedRead | undefined, opts: { wide?: boolean } = {}): Promise<Counts> {
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
  // Over the cases caseVisible shows (the commission for a wide reader), or those `arms` (aliased c) show.
  const caseLimits = (kinds: readonly { kind: OverdueKind; when: RawBuilder<boolean> }[], onlyMeasured: boolean, arms?: KeyedArms) => sql<
    Record<string, number>
  >`
    SELECT ${sql.join(
      kinds.map((o) => sql`count(*) FILTER (WHERE ${o.when})::int AS ${sql.ref(o.kind)}`),
      sql`, `,
    )}
    FROM case_file c WHERE ${arms ? sql`${arms.scope} AND ${armsPredicate(arms, 'c')} AND ` : caseArms.book ? sql`` : sql`${caseVisible(ctx.actor, 'c', { shared })} AND `}c.commission_id = ${cid}::uuid
      ${p.orgId ? sql`AND c.lead_org_id = ${p.orgId}::uuid` : sql``}
      AND (${onlyMeasured ? sql`false` : sql`c.state = ANY(${limitStates}::text[])`} OR c.id = ANY(ARRAY(SELECT cm.case_id FROM case_measure cm)))`;

  // 1. What a wide reader without an org filter reads from the aggregates; a reader of the whole clue book (信访室:
  // the commission's clues but those above its clearance or it is recused from) reads them too, less the hidden ones.
  const clueBook = !wide && clueArms.book && !p.orgId;
  const fromAggregates = (wide && !p.orgId) || clueBook;
  // 2. Otherwise one statement per figure over the base tables, through the per-org indexes (visibleRows).
  const statements = (arms: KeyedArms) => ({
    clue: sql<ClueRow>`SELECT v.org_id, v.source, extract(month FROM v.received_on)::int AS month, v.method, v.state, v.closed_kind, count(*)::int AS n
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
  const caseRows = (arms: KeyedArms) => sql<CaseRow>`SELECT v.org_id, v.state, v.decided, count(*)::int AS n
    FROM (${visibleRows(
      'case_file',
      'k',
      arms,
      [sql<boolean>`${caseDay} >= ${from}::date`, sql<boolean>`${caseDay} < ${to}::date`, ...caseOrg],
      sql`k.lead_org_id AS org_id, k.state, (k.decided_on IS NOT NULL) AS decided`,
    )}) v
    GROUP BY 1, 2, 3`;
  const caseStatement = caseRows(caseArms);

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
    const less = <R extends { n: number }>(rows: R[], minus: R[], key: (r: R) => string): R[] =>
      sumRows(
        [
          { sign: 1, rows },
          { sign: -1, rows: minus },
        ],
        key,
      );
    // The wide disposition rows have no org (casework_clue_agg): the hidden ones are taken off by figure only.
    const figureKey = (r: DispositionRow) => `${r.method}|${r.state}|${r.closed_kind}`;
    return {
      intake: less(all.intake, hiddenClues.rows, intakeKey),
      disposition: less(all.disposition, hiddenClues.rows, figureKey),
      orgClues: less(all.orgClues, orgRowsOf(hiddenClues.rows), (r) => `${r.org_id}|${r.state}`),
      dues: less(all.dues, hiddenDues.rows, dueKey),
      cases: cases.rows,
      caseDues: caseDues.rows[0] ?? {},
    };
  }
  if (fromAggregates) {
    const onCase = CASE_OVERDUE.filter((o) => o.kind !== 'MEASURE_DUE');
    const [clues, orgClues, dues, cases, caseDues, measured] = await Promise.all([
      sql<ClueRow>`SELECT a.source, a.received_ym % 100 AS month, a.proposed_method AS method, a.state, a.closed_kind, NULL::uuid AS org_id, sum(a.n)::int AS n
        FROM casework_clue_agg a WHERE a.commission_id = ${cid}::uuid AND a.received_ym >= ${p.year * 100} AND a.received_ym < ${(p.year + 1) * 100}
        GROUP BY 1, 2, 3, 4, 5 HAVING sum(a.n) <> 0`.execute(ctx.db),
      sql<OrgClueRow>`SELECT a.undertaking_org_id AS org_id, a.state, sum(a.n)::int AS n
        FROM casework_clue_org_agg a WHERE a.commission_id = ${cid}::uuid AND a.received_year = ${p.year}
        GROUP BY 1, 2 HAVING sum(a.n) <> 0`.execute(ctx.db),
      // The org-keyed limits of migration 0062: about one row per org triple and kind (the long-due bucket NULL and the
      // days to come), a tenth of casework_clue_due_agg's rows by due day.
      sql<DueRow>`SELECT a.undertaking_org_id AS org_id, a.kind, sum(a.n)::int AS n
        FROM casework_clue_due_key_agg a WHERE a.commission_id = ${cid}::uuid AND (a.due_on IS NULL OR a.due_on <= ${today}::date)
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
      intake: clues.rows,
      disposition: clues.rows,
      orgClues: orgClues.rows,
      dues: dues.rows,
      cases: cases.rows,
      caseDues: { ...Object.fromEntries(caseDues.rows.map((r) => [r.kind, r.n])), ...(measured.rows[0] ?? {}) },
    };
  }
  // The kinds of objects the reader has recusals of (none: no recusal statements beside the keyed aggregates).
  const recusals = await sql<{ object_type: string }>`SELECT DISTINCT rc.object_type FROM recusal rc
    WHERE rc.user_id = ${ctx.actor.userId}::uuid AND rc.object_type IN ('clue', 'case')`.execute(ctx.db);
  const recused = { clue: recusals.rows.some((r) => r.object_type === 'clue'), case: recusals.rows.some((r) => r.object_type === 'case') };
  // The 超期 counts by department. A wide reader's org filter: one org's buckets of casework_clue_due_agg. A scoped
  // reader: the buckets of casework_clue_due_key_agg (migration 0062) its org arms and clearance select, plus the
  // clues only its other arms show, less the ones it is recused from (scopedDueParts).
  const dueParts: RawBuilder<DueRow>[] = wide
    ? [
        sql<DueRow>`SELECT a.undertaking_org_id AS org_id, a.kind, sum(a.n)::int AS n FROM casework_clue_due_agg a
          WHERE a.commission_id = ${cid}::uuid AND a.undertaking_org_id = ${p.orgId}::uuid AND a.due_on <= ${today}::date GROUP BY 1, 2`,
      ]
    : clueArms.book
      ? [statements(clueArms).due] // the 信访室 with an org filter: that org's clues
      : scopedDueParts(ctx, clueArms, today, p.orgId, statements, recused);
  // The year's figures. The 信访室 with an org filter: that org's clues, row by row. A wide reader's org filter: that
  // undertaking org's buckets of the org-keyed aggregates of migration 0066; a scoped reader: the buckets its org arms
  // and clearance select there, plus and minus the corrections (keyedClueParts).
  const clueParts = clueArms.book && !wide ? null : keyedClueParts(ctx, wide ? null : clueArms, p.year, p.orgId, statements, recused);
  // The year's cases: a scoped reader's from casework_case_key_agg with its corrections (keyedCaseParts), else its rows.
  const caseParts = caseArms.book ? [{ sign: 1 as const, statement: caseStatement }] : keyedCaseParts(ctx, caseArms, p.year, p.orgId, caseRows, recused);
  // The case limits: a scoped reader's on the case's dates from casework_case_due_key_agg with its corrections
  // (keyedCaseDueParts), MEASURE_DUE over its measured cases; else its rows.
  const onCase = CASE_OVERDUE.filter((o) => o.kind !== 'MEASURE_DUE');
  const caseDueParts: { sign: 1 | -1; statement: RawBuilder<Record<string, number>> }[] = caseArms.book
    ? [{ sign: 1, statement: caseLimits(CASE_OVERDUE, false) }]
    : [
        ...keyedCaseDueParts(
          ctx,
          caseVisibleArms(ctx.actor, 'c', { shared }),
          p.orgId,
          onCase.map((o) => o.kind),
          (arms) => caseLimits(onCase, false, arms),
          recused,
        ),
        {
          sign: 1,
          statement: caseLimits(
            CASE_OVERDUE.filter((o) => o.kind === 'MEASURE_DUE'),
            true,
          ),
        },
      ];
  // Each part is a few index probes: parallel workers would cost more to start (≈ 15 ms) than the parts take.
  return ctx.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(trx);
    const rows = async <R>(parts: RawBuilder<R>[]) => {
      const out: { sign: 1; rows: R[] }[] = [];
      for (const part of parts) out.push({ sign: 1, rows: (await part.execute(trx)).rows });
      return out;
    };
    let intake: IntakeRow[];
    let disposition: DispositionRow[];
    if (clueParts) {
      const signed: { sign: 1 | -1; rows: ClueRow[] }[] = [];
      for (const r of clueParts.rows) signed.push({ sign: r.sign, rows: (await r.statement.execute(trx)).rows });
      intake = sumRows([...(await rows(clueParts.intake)), ...signed], intakeKey);
      disposition = sumRows([...(await rows(clueParts.disposition)), ...signed], dispositionKey);
    } else {
      intake = disposition = (await statements(clueArms).clue.execute(trx)).rows;
    }
    const dues = sumRows(await rows(dueParts), dueKey);
    const caseSets: { sign: 1 | -1; rows: CaseRow[] }[] = [];
    for (const part of caseParts) caseSets.push({ sign: part.sign, rows: (await part.statement.execute(trx)).rows });
    const cases = sumRows(caseSets, caseKey);
    const caseDues: Record<string, number> = {};
    for (const part of caseDueParts)
      for (const row of (await part.statement.execute(trx)).rows)
        for (const [kind, n] of Object.entries(row)) caseDues[kind] = (caseDues[kind] ?? 0) + part.sign * Number(n);
    return { intake, disposition, orgClues: orgRowsOf(disposition), dues, cases, caseDues };
  });
}
