import { ClassificationSchema } from '@liandong/domain/access/enums';
import type { CockpitMetric, CockpitSeriesKey } from '@liandong/domain/cockpit/contracts';
import { type RawBuilder, sql } from 'kysely';
import { prepared, underGenericPlan } from '../../db/pool';
import { type Actor, classificationsAbove } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { executeArraysOnce } from '../../platform/arrays-once';
import { type KeyedArms, keyedRowsSql } from '../../platform/keyed-page';
import { TASK_DONE_STATES } from '../reform';
import { taskVisibleParts } from '../visibility';

/*
 * 监督质效 cockpit (issue 15): one area's grouped count (`scan`) over the rows it counts — an aggregate for the wide
 * readers, the visible rows of a scoped caller (`visibleRows`, the predicate's keyed arms), or for a scoped caller's
 * tasks the per-org aggregate with its exact corrections (`scopedTaskScan`). The areas themselves are in scans.ts.
 */

export type Counts = Map<string, Partial<Record<CockpitMetric, number>>>;
/** The key of the total in `Counts`. */
export const TOTAL = '\u0000total';

/**
 * The classifications above the caller's clearance as a literal array (the enum's own values, never input), not a
 * parameter: the few texts (one per clearance) are named statements, and their generic plan then finds the letters
 * or lists of those classifications by their index as a custom plan does — with a parameter it read every letter's
 * key (full scale: 50,000, ~12 ms of a group's tasks, against 0.5).
 */
function aboveClearance(a: Actor): RawBuilder<string[]> {
  const known: readonly string[] = ClassificationSchema.options;
  const above = classificationsAbove(a).filter((c) => known.includes(c));
  return above.length ? sql<string[]>`ARRAY[${sql.join(above.map((c) => sql.lit(c)))}]::text[]` : sql<string[]>`'{}'::text[]`;
}

/**
 * One grouped count of an area: `rows` is the relation of its rows (a table, an aggregate or the visible rows of a
 * scoped caller) aliased as its conditions expect, `where` the filters left to apply over it. `g` is GROUPING(k, m):
 * 1 a row of the dimension, 2 a month, 3 the total (an area without a series groups by no month, and its g says the
 * same). Over an aggregate (`weighted`) each row counts its `n` objects.
 */
export interface AreaScan {
  /** Each metric with the condition a counted row meets (null: every row). */
  figures: readonly [CockpitMetric, RawBuilder<boolean> | null][];
  rows: RawBuilder<unknown>;
  where: RawBuilder<unknown>;
  keyCol: string | null;
  series?: { key: CockpitSeriesKey; month: RawBuilder<unknown>; inSeries: RawBuilder<unknown> };
  /** Rows of an aggregate table: each stands for `n` objects. */
  weighted?: boolean;
  /**
   * Run under `plan_cache_mode = force_generic_plan` (db/pool.ts `underGenericPlan`): the named statement planned once per
   * connection and kept. A miss lands on any of the pool's connections, so a statement PostgreSQL costs dearer generic
   * than custom (its first five calls on each connection are custom anyway) was planned on nearly every miss.
   */
  genericPlan?: boolean;
}

export async function scan(ctx: Ctx, a: AreaScan, counts: Counts, series: Map<CockpitSeriesKey, number[]>): Promise<void> {
  // Grouped by the key column as stored (uuid or text), cast to text once per group rather than once per row.
  const k = a.keyCol ? sql`${sql.ref(a.keyCol)}` : sql`NULL::text`;
  const m = a.series ? a.series.month : sql`NULL::int`;
  const w = a.weighted ? sql`n` : sql`1`;
  const count = (cond: RawBuilder<unknown> | null) =>
    a.weighted ? sql`coalesce(sum(x.w) FILTER (WHERE ${cond ?? sql`true`}), 0)::int` : cond ? sql`count(*) FILTER (WHERE ${cond})::int` : sql`count(*)::int`;
  // A scan of the series alone (no figures: clues' months, migration 0071) selects only `s`.
  const figures = sql.join([...a.figures.map(([metric, cond], i) => sql`${count(cond ? sql.ref(`x.f${i}`) : null)} AS ${sql.ref(metric)}`), sql`0 AS _`]);
  const conds = a.figures.flatMap(([, cond], i) => (cond ? [sql`${cond} AS ${sql.ref(`f${i}`)}`] : []));
  // Each long array (a scope's org list, in every arm of some areas) sent once (arrays-once.ts `executeArraysOnce`).
  const statement = prepared(sql<{ k: string | null; m: number | null; g: number; s: number } & Record<string, number>>`
    SELECT x.k::text AS k, ${a.series ? sql`x.m, GROUPING(x.k, x.m)` : sql`NULL::int AS m, 1 + 2 * GROUPING(x.k)`} AS g, ${figures},
      ${count(sql`x.in_series`)} AS s
    FROM (SELECT ${k} AS k, ${m}::int AS m, ${a.series ? a.series.inSeries : sql`false`} AS in_series, ${w} AS w
      ${conds.length ? sql`, ${sql.join(conds)}` : sql``} FROM ${a.rows} WHERE ${a.where}) x
    GROUP BY GROUPING SETS ${a.series ? sql`((x.k), (x.m), ())` : sql`((x.k), ())`}`);
  const { rows } = a.genericPlan ? await underGenericPlan(ctx.db, (conn) => executeArraysOnce(conn, statement)) : await executeArraysOnce(ctx.db, statement);
  const values = Array.from({ length: 12 }, () => 0);
  for (const r of rows) {
    if (r.g === 2) {
      if (r.m !== null && r.m >= 1 && r.m <= 12) values[r.m - 1] = Number(r.s);
      continue;
    }
    const key = r.g === 3 ? TOTAL : r.k;
    if (key === null) continue;
    const cell = counts.get(key) ?? {};
    for (const [metric] of a.figures) cell[metric] = Number(r[metric] ?? 0);
    counts.set(key, cell);
  }
  if (a.series) series.set(a.series.key, values);
}

/**
 * The rows a scoped caller sees of a table, with the filters, as a relation aliased `alias` of the named columns:
 * the predicate's keyed arms (`keyedRowsSql`), each visible row once.
 */
export function visibleRows(
  table: string,
  alias: string,
  arms: KeyedArms,
  filters: RawBuilder<boolean>[],
  columns: readonly string[],
  from?: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const rows = keyedRowsSql({ table, alias, from, arms, filters, columns: columns.map((c) => sql`${sql.ref(`${alias}.${c}`)} AS ${sql.ref(c)}`) });
  return sql`(${rows}) ${sql.raw(alias)}`;
}

/** An arm of an aggregate: `probe` the index condition that reads its rows, `test` the same condition over a row read (hashed). */
export interface Arm {
  probe: RawBuilder<boolean>;
  test: RawBuilder<boolean>;
}

/** An org arm over `column`: probed over the org list as an opaque array (keyed-page.ts `opaqueKeys`), tested hashed. */
export function orgArm(column: string, orgIds: readonly string[]): Arm {
  const orgs = [...new Set(orgIds)];
  return {
    probe: sql<boolean>`${sql.ref(column)} = ANY((SELECT ${orgs}::uuid[])::uuid[])`,
    test: sql<boolean>`${sql.ref(column)} IN (SELECT unnest(${orgs}::uuid[]))`,
  };
}

/**
 * The rows of `arms` ORed, as disjoint parts (UNION ALL): part i reads arm i by its own index (`probe`) and leaves out
 * the rows of the arms before it (`NOT coalesce(test₁ OR … OR testᵢ₋₁, false)`: a NULL column is in no arm), so that every
 * row any arm reaches is read once — the OR's rows, each part one index scan instead of a BitmapOr and the heap
 * (migration 0098). `part(cond)` is the SELECT of the rows meeting `cond`.
 */
export function disjointArms(arms: readonly Arm[], part: (cond: RawBuilder<boolean>) => RawBuilder<unknown>): RawBuilder<unknown> {
  return sql.join(
    arms.map((arm, i) => {
      const before = arms.slice(0, i).map((b) => b.test);
      const cond = before.length ? sql<boolean>`${arm.probe} AND NOT coalesce((${sql.join(before, sql` OR `)}), false)` : arm.probe;
      return sql`(${part(cond)})`;
    }),
    sql` UNION ALL `,
  );
}

/** The rows of `arms` ORed in one part (before migration 0098: a BitmapOr of the arms' indexes, then the heap). */
export const oredArms = (arms: readonly Arm[], part: (cond: RawBuilder<boolean>) => RawBuilder<unknown>): RawBuilder<unknown> =>
  part(
    sql<boolean>`(${sql.join(
      arms.map((x) => x.probe),
      sql` OR `,
    )})`,
  );

/**
 * Above this many orgs in the scope, a task's letter is checked against the letters that admit the caller hashed once
 * (an inspection office's 800 orgs supervise 40,000 tasks: a subquery each costs 100 ms), below it by its key.
 */
const TASK_LETTER_SET_ORGS = 200;
export const taskLetterCheck = (a: Actor) => (a.scope.wide || a.scope.orgIds.length > TASK_LETTER_SET_ORGS ? 'set' : 'row');

/**
 * Above this many orgs in the scope a caller's tasks are summed from the deadline months (migration 0098); up to it from
 * 0061's aggregate, the arms ORed, as before: today's month, read apart, is the commission's tasks due in it tested
 * against the orgs (full scale ~1,800 rows, ~0.5 ms), more than a group's own few rows (PG ms per miss, tasks, with the
 * months for every scope at load 8: a group 0.7 → 1.0; with this limit at load 4: a group 0.7 → 0.7, an office 7.3 → 5.2,
 * a county 5.5 → 4.2, bench/cockpit-agg-arms-ab.ts).
 */
export const TASK_MONTH_MIN_ORGS = 50;

/** The org columns of taskVisible's org arms, summed from cockpit_task_org_agg (migration 0061). */
const TASK_ORG_COLUMNS: readonly string[] = ['supervisor_org_id', 'unit_org_id'];

/**
 * A scoped caller's rectification tasks from the aggregate with exact corrections (issue 12: an office's 38,000 tasks
 * were counted row by row). taskVisible = scope ∧ (O ∨ R), O the org arms (the supervising or the unit org in the
 * caller's orgs), R the others (supervising user, 专班). Its count is |O| − |O ∧ ¬scope| + |R ∧ scope ∧ ¬O|:
 *  - |O| from cockpit_task_org_month_agg (migration 0098; today's month from cockpit_task_org_agg, 0061), keyed by both
 *    org columns, so a task both arms reach is counted once;
 *  - O ∧ ¬scope: the tasks of those orgs the caller may not see. ¬scope means the task is recused, or its letter is
 *    above the caller's clearance, recused or of a recused case (visibility/reform.ts taskVisibleParts): those tasks are
 *    found through the few recusals and the letters of a classification above the clearance, then tested against the
 *    predicate's own scope, and each subtracted;
 *  - R ∧ scope ∧ ¬O: the other arms' tasks outside those orgs, read as the ledger does (keyedRowsSql), each added.
 * Undefined when the caller has no org arm (the rows as before).
 */
export function scopedTaskScan(
  a: Actor,
  figures: (deadline: string) => AreaScan['figures'],
  keyCol: string | null,
  orgId: string | null,
  // The caller's today (reform/light.ts taskLightDates): its month is read by the exact deadline.
  today: string,
  // false: the org arms ORed in one scan of 0061's aggregate, as before migration 0098 (the bench's and the tests' comparison).
  disjoint = true,
  monthMinOrgs = TASK_MONTH_MIN_ORGS,
): AreaScan | undefined {
  const parts = taskVisibleParts(a, 't', { letterCheck: 'row' });
  if (parts.book) return undefined;
  const orgArms = parts.keyed.filter((k) => TASK_ORG_COLUMNS.includes(k.column) && k.orgIds.length);
  if (!orgArms.length) return undefined;
  const inO = (t: string) =>
    sql<boolean>`(${sql.join(
      // Opaque to the planner (keyed-page.ts `opaqueKeys`): hundreds of org ids are not estimated one by one.
      orgArms.map((k) => sql`${sql.ref(`${t}.${k.column}`)} = ANY((SELECT ${[...new Set(k.orgIds)]}::uuid[])::uuid[])`),
      sql` OR `,
    )})`;
  const orgIs = (t: string) => (orgId ? sql<boolean>`${sql.ref(`${t}.supervisor_org_id`)} = ${orgId}::uuid` : sql<boolean>`true`);
  const openDeadline = (t: string) =>
    sql`CASE WHEN ${sql.ref(`${t}.state`)} = ANY(${[...TASK_DONE_STATES]}::text[]) THEN NULL ELSE ${sql.ref(`${t}.deadline`)} END`;
  const cid = a.commissionId;
  const recused = (type: string) => sql`SELECT rc.object_id FROM recusal rc WHERE rc.user_id = ${a.userId}::uuid AND rc.object_type = ${type}`;
  // Every letter that fails the task's letter check: above the clearance (letter_classification_known: the complement of
  // the cleared ones), recused, or of a recused case — a superset; the scope itself decides below.
  const badLetters = sql`SELECT bl.id FROM letter bl WHERE bl.classification = ANY(${aboveClearance(a)})
    UNION ${recused('letter')}
    UNION SELECT bc.id FROM letter bc WHERE bc.case_id IN (${recused('case')})`;
  const others: KeyedArms = {
    book: false,
    scope: parts.scope,
    keyed: parts.keyed.filter((k) => !orgArms.includes(k)),
    keyedBy: parts.keyedBy,
    rest: parts.rest,
  };
  const added = keyedRowsSql({
    table: 'rectification_task',
    alias: 't',
    arms: others,
    filters: [orgIs('t'), sql<boolean>`NOT coalesce(${inO('t')}, false)`],
    columns: [sql`t.supervisor_org_id`, sql`t.state`, sql`${openDeadline('t')} AS open_deadline`, sql`1::bigint AS n`],
  });
  const arms = orgArms.map((k) => orgArm(`g.${k.column}`, k.orgIds));
  // |O| from the month aggregate of migration 0098 (a running task's deadline month, not its date): each org arm one
  // index-only scan, the later arm leaving out the rows of the one before (`disjointArms`). A month other than today's
  // lies wholly before or after today, so its first day stands for its deadlines (the lights compare it with today as
  // they would each of them; a done task's state as 'CLOSED', a running one's as 'ASSIGNED': the figures ask no more);
  // today's month is read by the exact deadline from 0061's aggregate (its few rows of the commission, the arms hashed).
  const month = sql`${`${today.slice(0, 7)}-01`}::date`;
  const monthly = disjoint && new Set(orgArms.flatMap((k) => k.orgIds)).size > monthMinOrgs;
  const summed = monthly
    ? sql`${disjointArms(
        arms,
        (arm) => sql`SELECT g.supervisor_org_id, CASE WHEN g.done THEN 'CLOSED' ELSE 'ASSIGNED' END AS state, g.due_month AS open_deadline, g.n
          FROM cockpit_task_org_month_agg g WHERE g.commission_id = ${cid}::uuid AND ${orgIs('g')} AND ${arm} AND g.due_month IS DISTINCT FROM ${month}`,
      )}
    UNION ALL
    SELECT g.supervisor_org_id, g.state, g.open_deadline, g.n FROM cockpit_task_org_agg g
      WHERE g.commission_id = ${cid}::uuid AND g.open_deadline >= ${month} AND g.open_deadline < (${month} + interval '1 month')::date
        AND ${orgIs('g')} AND (${sql.join(
          arms.map((x) => x.test),
          sql` OR `,
        )})`
    : oredArms(
        arms,
        (arm) => sql`SELECT g.supervisor_org_id, g.state, g.open_deadline, g.n FROM cockpit_task_org_agg g
      WHERE g.commission_id = ${cid}::uuid AND ${orgIs('g')} AND ${arm}`,
      );
  const rows = sql`(
    ${summed}
    UNION ALL
    SELECT t.supervisor_org_id, t.state, ${openDeadline('t')}, -1::bigint FROM rectification_task t
      WHERE t.commission_id = ${cid}::uuid AND ${inO('t')} AND ${orgIs('t')} AND (${parts.scope}) IS NOT TRUE
        AND (t.id = ANY(ARRAY(${recused('rectification_task')})) OR t.letter_id = ANY(ARRAY(${badLetters})))
    UNION ALL
    (${added})) t`;
  return { figures: figures('t.open_deadline'), rows, where: sql`true`, keyCol, weighted: true };
}

/** The columns of itemScopeArms' arms, summed from cockpit_item_org_agg (migration 0065). */
const ITEM_ARM_COLUMNS: readonly string[] = ['lead_org_id', 'assist_org_id'];

/**
 * A scoped caller's supervision items of the year from the aggregate with exact corrections (issue 12: an office's miss
 * read its items row by row, 104–118 ms). itemVisible = same ∧ (O ∨ L), O the org arms (the lead or the assist org in
 * the caller's orgs), L the list arm (the item's list owned or liaised by them). The aggregate is keyed by the list and
 * both org columns, so every arm is read from it (one pass over the year's rows, the arms ORed: each aggregate row once), and the count is |O ∨ L| − |(O ∨ L) ∧ ¬same|: the items of those arms the caller may not see
 * (a list above the caller's clearance or recused from, an item recused; supervision/repo.ts itemVisibleSame) are found
 * through those lists and the recusals, tested against the predicate's own `same`, and each subtracted. The lists'
 * owners, liaison offices and classifications are read now, never stored in the aggregate.
 * The rows carry the aggregate's columns: running_due (the due date of a running item) and completed_m (a point of the
 * completion's local month, migration 0065 cockpit_month_point). Undefined when the predicate has other arms (none
 * today) or none at all.
 */
export function scopedItemScan(
  a: Actor,
  parts: KeyedArms,
  year: number,
  orgId: string | null,
  // false: the arms ORed in one scan of the aggregate, as before migration 0098 (the bench's and the tests' comparison).
  disjoint = true,
): { rows: RawBuilder<unknown>; due: string; completed: string } | undefined {
  if (parts.book || parts.rest.length) return undefined;
  const keyed = parts.keyed.filter((k) => k.orgIds.length);
  const keyedBy = parts.keyedBy ?? [];
  if (keyed.some((k) => !ITEM_ARM_COLUMNS.includes(k.column)) || keyedBy.some((k) => k.column !== 'list_id')) return undefined;
  if (!keyed.length && !keyedBy.length) return undefined;
  const orgIs = (t: string) => (orgId ? sql<boolean>`${sql.ref(`${t}.lead_org_id`)} = ${orgId}::uuid` : sql<boolean>`true`);
  // The aggregate's columns over an item (migration 0065: the same expressions as its trigger).
  const runningDue = (t: string) =>
    sql`CASE WHEN ${sql.ref(`${t}.state`)} NOT IN ('COMPLETED', 'CLOSED', 'CANCELLED', 'DRAFT', 'CONSULTED') THEN ${sql.ref(`${t}.due_date`)} END`;
  const completedM = (t: string) =>
    sql`CASE WHEN ${sql.ref(`${t}.state`)} IN ('COMPLETED', 'CLOSED', 'CANCELLED') THEN cockpit_month_point(${sql.ref(`${t}.completed_at`)}) END`;
  const cid = a.commissionId;
  const recused = (type: string) => sql`SELECT rc.object_id FROM recusal rc WHERE rc.user_id = ${a.userId}::uuid AND rc.object_type = ${type}`;
  // Every list that fails the item's list check: above the clearance (supervision_list_classification_known: the
  // complement of the cleared ones) or recused — a superset with the recused items; `same` itself decides below.
  const badLists = sql`SELECT bl.id FROM supervision_list bl WHERE bl.classification = ANY(${aboveClearance(a)}) AND bl.commission_id = ${cid}::uuid
    UNION ${recused('supervision_list')}`;
  // Every arm over the aggregate's rows of the year, each arm an index condition (the year's lead and assist indexes
  // and list indexes, migration 0098) on a set opaque to the planner (keyed-page.ts `opaqueKeys`: 800 org ids are not
  // estimated one by one), the arms disjoint (`disjointArms`): each part one index-only scan, no BitmapOr and heap.
  const listArm = (keys: RawBuilder<unknown>): Arm => {
    const c = sql<boolean>`g.list_id = ANY(${keys})`;
    return { probe: c, test: c };
  };
  const summed = (disjoint ? disjointArms : oredArms)(
    [...keyed.map((k) => orgArm(`g.${k.column}`, k.orgIds)), ...keyedBy.map((k) => listArm(k.keys))],
    (arm) => sql`SELECT g.lead_org_id, g.state, g.running_due, g.completed_m, g.n FROM cockpit_item_org_agg g
      WHERE g.commission_id = ${cid}::uuid AND g.year = ${year} AND ${orgIs('g')} AND ${arm}`,
  );
  // The hidden items of those arms: the few recused items and the items of the few failing lists, in any arm.
  const inArms = sql.join(
    [
      ...keyed.map((k) => sql`${sql.ref(`i.${k.column}`)} = ANY((SELECT ${[...new Set(k.orgIds)]}::uuid[])::uuid[])`),
      ...keyedBy.map((k) => sql`i.list_id = ANY(${k.keys})`),
    ],
    sql` OR `,
  );
  const rows = sql`(
    (${summed})
    UNION ALL
    SELECT i.lead_org_id, i.state, ${runningDue('i')}, ${completedM('i')}, -1::bigint FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id
      WHERE i.commission_id = ${cid}::uuid AND i.year = ${year} AND ${orgIs('i')} AND (${parts.scope}) IS NOT TRUE
        AND (i.id = ANY(ARRAY(${recused('supervision_item')})) OR i.list_id = ANY(ARRAY(${badLists}))) AND (${inArms})) i`;
  return { rows, due: 'i.running_due', completed: 'i.completed_m' };
}
