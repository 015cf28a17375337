import { type QueryResult, type RawBuilder, sql } from 'kysely';
import { type Db, prepared, underGenericPlan } from '../db/pool';
import { executeArraysOnce } from './arrays-once';
import { type PagedIds, TOTAL_CAP } from './ledger-page';

/*
 * 台账分页, keyed (issue 12): a scoped ledger page in O(orgs × page), not O(visible rows).
 *
 * A visibility predicate of the form
 *     scope AND (col₁ = ANY(orgs₁) OR … OR colₙ = ANY(orgsₙ) OR rest₁ OR … OR restₘ)
 * (scope: commission, clearance, recusal; the keyed arms: an org column of the object in a set of orgs —
 * the org-scope arms and the owner orgs of 信息互通 category grants; the rest: small exact sets such as
 * team memberships, 专班 campaigns and named grants) is the union of its arms. The first `offset + limit`
 * rows of a union in one order are among the first `offset + limit` rows of each part in that order, so
 * the page is: for every (column, org) the top `offset + limit` rows of that org by an index on
 * (commission_id, column, sort…) — a LATERAL index top-N — and for every other arm its own top
 * `offset + limit`, merged, de-duplicated, sorted and cut. Every part carries the whole predicate's
 * `scope` and the ledger's filters, so the result is exactly the page of the original predicate.
 * The predicate's owner (visibility/*.ts) builds the arms, and builds its one SQL predicate from the same
 * arms, so the two cannot drift apart (property test: clues/keyed-ledger.test.ts).
 */

/** A visibility predicate taken apart into the arms of its OR. */
export interface KeyedArms {
  /** The whole book of the commission: no arms, `scope` alone decides. */
  book: boolean;
  /** What every visible row meets (commission, clearance, recusal), ANDed with the arms. */
  scope: RawBuilder<boolean>;
  /** Org-keyed arms: the object's `column` (of the table) is one of `orgIds`. */
  keyed: { column: string; orgIds: readonly string[] }[];
  /**
   * Arms keyed by a set the database gathers: the object's `column` is one of `keys`, a `uuid[]` expression evaluated
   * once per statement (an init plan: the campaigns of the actor's 专班, the lists of the scope's groups). Probed key by
   * key as `keyed` (not counted against `probeLimit`: small sets by construction).
   */
  keyedBy?: { column: string; keys: RawBuilder<unknown> }[];
  /** The other arms, each a predicate over the aliased row. */
  rest: RawBuilder<boolean>[];
}

/** The OR of the arms (`false` without any) as one predicate over the row aliased `t`. */
export function armsPredicate(arms: KeyedArms, t: string): RawBuilder<boolean> {
  if (arms.book) return sql<boolean>`true`;
  const parts: RawBuilder<boolean>[] = [];
  for (const k of arms.keyed) {
    if (!k.orgIds.length) continue;
    parts.push(
      k.orgIds.length === 1
        ? sql<boolean>`${sql.ref(`${t}.${k.column}`)} = ${k.orgIds[0]}::uuid`
        : sql<boolean>`${sql.ref(`${t}.${k.column}`)} = ANY(${[...k.orgIds]}::uuid[])`,
    );
  }
  for (const k of arms.keyedBy ?? []) parts.push(sql<boolean>`${sql.ref(`${t}.${k.column}`)} = ANY(${k.keys})`);
  parts.push(...arms.rest);
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` OR `)})` : sql<boolean>`false`;
}

/**
 * `scope AND (arm₁ OR …)` of the arms with each org list a hashed set (`col IN (SELECT unnest(…))`): for a walk of a
 * ledger's order and a capped count of a wide scope, where every row read is tested against every arm — 800 org ids
 * neither estimated one by one by the planner nor searched linearly per row. The same rows as `scope AND armsPredicate`.
 */
export function hashedVisible(arms: KeyedArms, t: string): RawBuilder<boolean> {
  if (arms.book) return arms.scope;
  const parts = [
    ...arms.keyed.filter((k) => k.orgIds.length).map((k) => sql<boolean>`${sql.ref(`${t}.${k.column}`)} IN (SELECT unnest(${[...new Set(k.orgIds)]}::uuid[]))`),
    ...(arms.keyedBy ?? []).map((k) => sql<boolean>`${sql.ref(`${t}.${k.column}`)} = ANY(${k.keys})`),
    ...arms.rest,
  ];
  return parts.length ? sql<boolean>`(${arms.scope} AND (${sql.join(parts, sql` OR `)}))` : sql<boolean>`false`;
}

export interface KeyedPageQuery {
  /** The object's table, e.g. 'clue'. */
  table: string;
  /** The alias the arms, filters and `where` use, e.g. 'c'. */
  alias: string;
  /**
   * Joined to the table in every part (e.g. sql`JOIN supervision_list pl ON pl.id = p.list_id`), for a scope or
   * filters that read another row by its key; never one that multiplies rows.
   */
  joins?: RawBuilder<unknown>;
  arms: KeyedArms;
  /** The ledger's filters over the aliased row (ANDed in every part). */
  filters: readonly RawBuilder<boolean>[];
  /** ORDER BY over a row aliased as given; it must end with a unique column so that pages never overlap. */
  orderBy: (alias: string) => RawBuilder<unknown>;
  /** The columns `orderBy` reads (`id` is added). */
  sortColumns: readonly string[];
  /** The full predicate (visibility and filters) for the total. */
  where: RawBuilder<boolean>;
  limit: number;
  offset: number;
  exact?: boolean;
  cap?: number;
  /**
   * Above this many (column, org) probes the page walks the sort order with the whole predicate instead
   * (a wide scope — a 分管领导's thousand orgs — is dense in the book, so the walk stops early, while a
   * thousand top-N probes cost more). Default KEYED_PROBE_LIMIT.
   */
  probeLimit?: number;
  /**
   * The org lists of the count's disjoint parts as `col = ANY((SELECT $::uuid[])::uuid[])` (evaluated once): the
   * planner does not estimate hundreds of org ids one by one, nor trust that estimate (issue 12: a county's count).
   */
  opaqueKeys?: boolean;
  /**
   * Send the statements named (db/pool.ts `prepared`): planned once per connection. Only for a ledger as it opens (no
   * filters, first page, one of a few page sizes): the text then depends on the actor's kind of roles and the page size
   * alone, the values are parameters.
   */
  prepared?: boolean;
  /**
   * The capped count's stop (`keyedCountSql`) written into the statement's text, not a parameter: a named statement's
   * generic plan is then costed for the cap, not for a tenth of the table — costed so, PostgreSQL kept planning the count
   * afresh on every call (issue 12: 5–10 ms of planning for 1–3 ms of execution, a 分管领导's record ledger).
   */
  literalStop?: boolean;
  /**
   * An arm of one org is read as `col = $org` (its own top-N, or its rows for the count), not as a LATERAL probe over
   * `unnest($orgs)`: a named statement's generic plan estimates an array parameter at 10 elements, so its cost stays ten
   * times a custom plan's and PostgreSQL plans every call afresh (issue 12: my-items of one org, 2–4 ms of planning for
   * 2–3 ms of execution). The same rows.
   */
  directSingleKeys?: boolean;
  /**
   * Each long array parameter sent once per statement (`executeArraysOnce`); the default. `false` sends the statement as
   * written (a scope's org list in every arm and part: an office's letter ledger sent ~10 copies of 800 ids per
   * statement, about 5 ms of Node's CPU and 3 of PostgreSQL's, outside its execution time, per request; issue 12).
   */
  arraysOnce?: boolean;
  /**
   * A named statement run under `plan_cache_mode = force_generic_plan` (db/pool.ts `underGenericPlan`): its generic plan
   * planned once per connection and kept, where PostgreSQL went on planning it afresh for every call.
   */
  genericPlan?: boolean;
  /**
   * The capped count's org lists read as rows through `keyed_keys($orgs)` (migration 0076: estimated at 1,000 rows), not
   * `unnest($orgs)` (a named statement's generic plan estimates it at 10): the generic plan is then costed as a custom one
   * and kept, where it looked twice as dear and PostgreSQL planned the count on every call (issue 12: the clue ledger,
   * 1.9–5 ms of planning per request for 1–2 ms of execution). The same rows.
   */
  estimatedKeys?: boolean;
  /**
   * The capped count's per-org probes read in this order (any order counts the same rows: each probe and the whole are
   * stopped at the same `stopAt`): the order of the (commission, column, …) index the page probes, so that the planner
   * reads that index by its org directly rather than another index that holds the org column after a year (a skip scan
   * of every year per org: the case ledger's count of a county or a 分管领导, issue 12).
   */
  countOrder?: (alias: string) => RawBuilder<unknown>;
}

/** The page sizes of the screens: a named statement's text holds its page size, so only these pages are named. */
export const NAMED_PAGE_SIZES: readonly number[] = [10, 20, 50, 100];

/** A ledger as it opens — no filters, the first page of a screen's size — may be named (`prepared`). */
export const opensLedger = (filters: readonly unknown[], page: number, pageSize: number) =>
  filters.length === 0 && page === 1 && NAMED_PAGE_SIZES.includes(pageSize);

/** See `probeLimit` (measured on the clue book at full scale: 3 × 1,457 probes ≈ 130–200 ms, the walk ≈ 1 ms + 20 ms planning). */
export const KEYED_PROBE_LIMIT = 900;

/** More (column, org) probes than `limit`: the page walks the sort order instead (pageSql), hashed by callers that build `where`. */
export const overProbeLimit = (arms: KeyedArms, limit = KEYED_PROBE_LIMIT) => arms.keyed.reduce((n, k) => n + k.orgIds.length, 0) > limit;

/** The keyed page (see above) and the total counted up to the cap (or exactly). */
export async function keyedPageIds(db: Db, q: KeyedPageQuery): Promise<PagedIds> {
  const [rows, count] = await Promise.all([executeOf(q)(db, named(q, pageSql(q))), executeOf(q)(db, named(q, totalSql(q)))]);
  const ids = rows.rows.map((r) => r.id);
  return { ids, ...totalOf(q, count.rows[0]?.n ?? 0, ids.length) };
}

export interface KeyedRowsQuery extends KeyedPageQuery {
  /**
   * The page's rows: a SELECT over the CTE `ledger_page (id, ord)` (the page's ids in sort order), e.g.
   * sql`SELECT … FROM ledger_page lp JOIN letter r ON r.id = lp.id … ORDER BY lp.ord` — only the page is joined and presented.
   */
  present: RawBuilder<unknown>;
}

/**
 * As `keyedPageIds`, but the page chosen and presented in one statement (one round trip: the keyed page's ids in sort
 * order as a materialised CTE, then only those rows joined with their names), the capped total beside it.
 */
export async function keyedPageRows<R>(db: Db, q: KeyedRowsQuery): Promise<{ rows: R[]; total: number; totalCapped: boolean }> {
  const execute = executeOf(q);
  const run = <T>(s: RawBuilder<T>) => (q.genericPlan && q.prepared ? underGenericPlan(db, (conn) => execute(conn, s)) : execute(db, s));
  const [rows, count] = await Promise.all([
    run(named(q, sql<R>`WITH ledger_page AS MATERIALIZED (SELECT kg.id, row_number() OVER () AS ord FROM (${pageSql(q)}) kg) ${q.present}`)),
    run(named(q, totalSql(q))),
  ]);
  return { rows: rows.rows, ...totalOf(q, count.rows[0]?.n ?? 0, rows.rows.length) };
}

/** How the page's and the count's statements are sent: each long array once (`arraysOnce`, the default) or as written. */
const executeOf =
  (q: KeyedPageQuery) =>
  <T>(conn: Db, s: RawBuilder<T>): Promise<QueryResult<T>> =>
    q.arraysOnce === false ? s.execute(conn) : executeArraysOnce(conn, s);

const named = <T>(q: KeyedPageQuery, s: RawBuilder<T>) => (q.prepared ? prepared(s) : s);

/**
 * A page bound: in a named statement written into its text, so that PostgreSQL costs its generic plan for a page of 20
 * rather than a tenth of the table (and keeps it instead of planning every call); the caller names only a few page sizes.
 */
const num = (q: KeyedPageQuery, n: number) => (q.prepared ? sql.lit(n) : sql`${n}`);

const fromOf = (q: KeyedPageQuery) => sql`${sql.table(q.table)} ${sql.raw(q.alias)} ${q.joins ?? sql``}`;

/** The page: keyed, or (above the probe limit) the sort order walked with the whole predicate. */
function pageSql(q: KeyedPageQuery): RawBuilder<{ id: string }> {
  if (!overProbeLimit(q.arms, q.probeLimit)) return keyedPageSql(q);
  return sql<{ id: string }>`SELECT ${sql.ref(`${q.alias}.id`)} AS id FROM ${fromOf(q)} WHERE ${q.where}
    ORDER BY ${q.orderBy(q.alias)} LIMIT ${num(q, q.limit)} OFFSET ${num(q, q.offset)}`;
}

/** The total: counted exactly, or keyed up to the cap + 1. */
function totalSql(q: KeyedPageQuery): RawBuilder<{ n: number }> {
  if (q.exact) return sql<{ n: number }>`SELECT count(*)::int AS n FROM ${fromOf(q)} WHERE ${q.where}`;
  return keyedCountSql(q, (q.cap ?? TOTAL_CAP) + 1);
}

function totalOf(q: KeyedPageQuery, counted: number, shown: number): { total: number; totalCapped: boolean } {
  const cap = q.cap ?? TOTAL_CAP;
  const totalCapped = !q.exact && counted > cap;
  // A page past the cap (reached with ?page= directly) still reports at least the rows before it.
  return { total: totalCapped ? Math.max(cap, q.offset + shown) : counted, totalCapped };
}

/** A key set of the database's without repeats (two 专班 memberships of one campaign): each key probed once, counted once. */
const distinctKeys = (keys: RawBuilder<unknown>) => sql`ARRAY(SELECT DISTINCT kd.k FROM unnest(${keys}) AS kd(k))`;

/** The keyed page's statement (exported for EXPLAIN and the property test). */
export function keyedPageSql(q: KeyedPageQuery): RawBuilder<{ id: string }> {
  const t = q.alias;
  const k = num(q, q.offset + q.limit);
  const cols = sql.join([...new Set(['id', ...q.sortColumns])].map((c) => sql.ref(`${t}.${c}`)));
  const filter = sql.join([q.arms.scope, ...q.filters], sql` AND `);
  const table = fromOf(q);
  const order = q.orderBy(t);
  const parts: RawBuilder<unknown>[] = [];
  if (q.arms.book) {
    parts.push(sql`(SELECT ${cols} FROM ${table} WHERE ${filter} ORDER BY ${order} LIMIT ${k})`);
  } else {
    const probe = (column: string, keys: RawBuilder<unknown>) =>
      sql`(SELECT kp.* FROM unnest(${keys}) AS ko(org_id) CROSS JOIN LATERAL (
        SELECT ${cols} FROM ${table} WHERE ${sql.ref(`${t}.${column}`)} = ko.org_id AND ${filter}
        ORDER BY ${order} LIMIT ${k}) kp)`;
    for (const arm of q.arms.keyed) {
      const orgs = [...new Set(arm.orgIds)];
      if (q.directSingleKeys && orgs.length === 1) {
        parts.push(sql`(SELECT ${cols} FROM ${table} WHERE ${sql.ref(`${t}.${arm.column}`)} = ${orgs[0]}::uuid AND ${filter} ORDER BY ${order} LIMIT ${k})`);
      } else if (orgs.length) parts.push(probe(arm.column, sql`${orgs}::uuid[]`));
    }
    for (const arm of q.arms.keyedBy ?? []) parts.push(probe(arm.column, distinctKeys(arm.keys)));
    // The other arms are small sets known only at run time (init plans): fenced (OFFSET 0) so that the
    // planner gathers them by their own indexes (one BitmapOr) instead of walking a sort index for them.
    if (q.arms.rest.length) {
      parts.push(sql`(SELECT * FROM (SELECT ${cols} FROM ${table} WHERE (${sql.join(q.arms.rest, sql` OR `)}) AND ${filter} OFFSET 0) kr
        ORDER BY ${q.orderBy('kr')} LIMIT ${k})`);
    }
  }
  if (!parts.length) return sql<{ id: string }>`SELECT NULL::uuid AS id WHERE false`;
  return sql<{
    id: string;
  }>`SELECT kq.id FROM (${sql.join(parts, sql` UNION `)}) kq ORDER BY ${q.orderBy('kq')} LIMIT ${num(q, q.limit)} OFFSET ${num(q, q.offset)}`;
}

/**
 * The capped count, keyed: the arms made disjoint (each part leaves out the rows of the parts before it), so
 * that their rows simply add up, streamed per org from the same indexes without sorting, and stopped at
 * `stopAt` rows — O(orgs + cap), not O(visible rows).
 */
export function keyedCountSql(q: KeyedPageQuery, stopAt: number): RawBuilder<{ n: number }> {
  const t = q.alias;
  const stop = q.literalStop ? sql.lit(stopAt) : sql`${stopAt}`;
  const filter = sql.join([q.arms.scope, ...q.filters], sql` AND `);
  const table = fromOf(q);
  if (q.arms.book) return sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${table} WHERE ${filter} LIMIT ${stop}) kc`;
  const parts: RawBuilder<unknown>[] = [];
  const before: RawBuilder<boolean>[] = [];
  const notBefore = () => (before.length ? sql<boolean>`NOT coalesce((${sql.join(before, sql` OR `)}), false)` : sql<boolean>`true`);
  const rowsOf = (keys: RawBuilder<unknown>, literal: boolean) => (literal && q.estimatedKeys ? sql`keyed_keys(${keys})` : sql`unnest(${keys})`);
  const keyed: { column: string; keys: RawBuilder<unknown>; literal: boolean; single?: string }[] = [
    ...q.arms.keyed
      .filter((a) => a.orgIds.length)
      .map((a) => {
        const orgs = [...new Set(a.orgIds)];
        return { column: a.column, keys: sql`${orgs}::uuid[]`, literal: true, single: q.directSingleKeys && orgs.length === 1 ? orgs[0] : undefined };
      }),
    ...(q.arms.keyedBy ?? []).map((a) => ({ column: a.column, keys: distinctKeys(a.keys), literal: false })),
  ];
  for (const arm of keyed) {
    const column = sql.ref(`${t}.${arm.column}`);
    // Only the org-keyed arms (an index on the org column): a key set of the database's is small by construction.
    const order = q.countOrder && arm.literal ? sql`ORDER BY ${q.countOrder(t)}` : sql``;
    if (arm.single !== undefined) {
      parts.push(
        sql`(SELECT 1 FROM (SELECT 1 FROM ${table} WHERE ${column} = ${arm.single}::uuid AND ${filter} AND ${notBefore()} ${order} LIMIT ${stop}) kp)`,
      );
      before.push(sql<boolean>`${column} = ${arm.single}::uuid`);
      continue;
    }
    parts.push(sql`(SELECT 1 FROM ${rowsOf(arm.keys, arm.literal)} AS ko(org_id) CROSS JOIN LATERAL (
      SELECT 1 FROM ${table} WHERE ${column} = ko.org_id AND ${filter} AND ${notBefore()} ${order} LIMIT ${stop}) kp)`);
    before.push(arm.literal && q.opaqueKeys ? sql<boolean>`${column} = ANY((SELECT ${arm.keys})::uuid[])` : sql<boolean>`${column} = ANY(${arm.keys})`);
  }
  if (q.arms.rest.length) {
    parts.push(sql`(SELECT 1 FROM (SELECT 1 FROM ${table} WHERE (${sql.join(q.arms.rest, sql` OR `)}) AND ${filter} AND ${notBefore()} OFFSET 0) kr)`);
  }
  if (!parts.length) return sql<{ n: number }>`SELECT 0 AS n`;
  return sql<{ n: number }>`SELECT count(*)::int AS n FROM (${sql.join(parts, sql` UNION ALL `)} LIMIT ${stop}) kc`;
}

/** The rows of a keyed predicate (`keyedRowsSql`): the table, its alias, the arms, the filters and the columns to read. */
export interface KeyedScanQuery {
  table: string;
  alias: string;
  /** What each part reads, when more than the aliased table (a join the scope needs); default `table alias`. */
  from?: RawBuilder<unknown>;
  arms: KeyedArms;
  /** Filters over the aliased row (ANDed in every part), e.g. the year: each part reads its index's range. */
  filters: readonly RawBuilder<boolean>[];
  /** The output columns over the aliased row, each with its name (`expr AS name`). */
  columns: readonly RawBuilder<unknown>[];
}

/**
 * The rows of `scope AND (arm₁ OR …)` with the filters, each row once, as the keyed count takes them: the arms made
 * disjoint (each part leaves out the rows of the keyed arms before it), one part per keyed arm and one for the other
 * arms, UNION ALL. Each keyed part reads its org column's index over the scope's orgs (an index-only scan where
 * an index covers the columns read), the other arms their own small sets: O(visible rows), never a scan of the
 * table's range for the filters, no sort or hash of ids. For grouped counts over what a caller sees (the cockpit).
 */
export function keyedRowsSql(q: KeyedScanQuery): RawBuilder<Record<string, unknown>> {
  const t = q.alias;
  const filter = sql.join([q.arms.scope, ...q.filters], sql` AND `);
  const table = q.from ?? sql`${sql.table(q.table)} ${sql.raw(t)}`;
  const cols = sql.join(q.columns);
  if (q.arms.book) return sql`SELECT ${cols} FROM ${table} WHERE ${filter}`;
  const parts: RawBuilder<unknown>[] = [];
  const before: RawBuilder<boolean>[] = [];
  const notBefore = () => (before.length ? sql<boolean>`(${sql.join(before, sql` AND `)})` : sql<boolean>`true`);
  for (const arm of q.arms.keyed) {
    if (!arm.orgIds.length) continue;
    const orgs = [...new Set(arm.orgIds)];
    const column = sql.ref(`${t}.${arm.column}`);
    // Per org (LATERAL), so that each probe is an index condition on the arm's own column whatever the planner
    // guesses of the org list (a guess of "most of the year" reads the year through another index otherwise).
    parts.push(sql`(SELECT kp.* FROM unnest(${orgs}::uuid[]) AS ko(org_id) CROSS JOIN LATERAL (
      SELECT ${cols} FROM ${table} WHERE ${column} = ko.org_id AND ${filter} AND ${notBefore()}) kp)`);
    // Not in this arm (`NOT coalesce(col = ANY(orgs), false)`) as a hashed subplan: a scope of 800 orgs is neither
    // estimated element by element in every later part (60 ms of planning for a count of 5 ms) nor searched linearly.
    before.push(sql<boolean>`(${column} IS NULL OR ${column} NOT IN (SELECT unnest(${orgs}::uuid[])))`);
  }
  // Keys the database gathers (专班 campaigns, the scope's lists): the same, each key probed once.
  for (const arm of q.arms.keyedBy ?? []) {
    const column = sql.ref(`${t}.${arm.column}`);
    parts.push(sql`(SELECT kp.* FROM unnest(${distinctKeys(arm.keys)}) AS ko(org_id) CROSS JOIN LATERAL (
      SELECT ${cols} FROM ${table} WHERE ${column} = ko.org_id AND ${filter} AND ${notBefore()}) kp)`);
    before.push(sql<boolean>`(${column} IS NULL OR ${column} NOT IN (SELECT unnest(${arm.keys})))`);
  }
  // The other arms are small sets known only at run time (init plans): fenced (OFFSET 0), as in keyedPageSql, with the
  // filters inside — an arm tested row by row (a letter's case by its key, 审理's states) must not read the whole table.
  if (q.arms.rest.length) {
    parts.push(sql`(SELECT * FROM (SELECT ${cols} FROM ${table} WHERE (${sql.join(q.arms.rest, sql` OR `)}) AND ${filter} AND ${notBefore()} OFFSET 0) kr)`);
  }
  if (!parts.length) return sql`SELECT ${cols} FROM ${table} WHERE false`;
  return sql`${sql.join(parts, sql` UNION ALL `)}`;
}
