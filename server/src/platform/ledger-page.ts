import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/pool';

/*
 * 台账分页 (issue 12): a ledger page and its total without reading every visible row.
 *  - The page is chosen on ids alone, in the ledger's sort order, so that an index in that order answers it as a
 *    top-N; the caller then joins and presents only those ids.
 *  - The total is counted up to TOTAL_CAP rows: beyond the cap it is TOTAL_CAP and `totalCapped` is true (the
 *    screen says 超过 1,000 条 and offers the exact count, `?exactTotal=true`). Exports and the exact count read all.
 */

/** The number of rows a ledger total counts before it says "more than". */
export const TOTAL_CAP = 1000;

export interface PagedIds {
  ids: string[];
  /** Exact when `totalCapped` is false; else TOTAL_CAP (there are more). */
  total: number;
  totalCapped: boolean;
}

export interface PageIdsQuery {
  /** FROM clause, e.g. sql`clue c`. */
  from: RawBuilder<unknown>;
  /** Every condition of the ledger: commission, visibility, filters. */
  where: RawBuilder<unknown>;
  /** ORDER BY list ending with a unique column (id), so that pages never overlap. */
  orderBy: RawBuilder<unknown>;
  /** The id column of the FROM clause (default `id` of its first table, written as given). */
  id?: RawBuilder<unknown>;
  limit: number;
  offset: number;
  /** Count every row (the user asked for the exact total). */
  exact?: boolean;
  cap?: number;
}

/** Runs the page and the (capped) count side by side, on two connections. */
export async function pageIds(db: Db, q: PageIdsQuery): Promise<PagedIds> {
  const cap = q.cap ?? TOTAL_CAP;
  const id = q.id ?? sql`id`;
  const [page, count] = await Promise.all([
    sql<{ id: string }>`SELECT ${id} AS id FROM ${q.from} WHERE ${q.where} ORDER BY ${q.orderBy} LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db),
    q.exact
      ? sql<{ n: number }>`SELECT count(*)::int AS n FROM ${q.from} WHERE ${q.where}`.execute(db)
      : sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${q.from} WHERE ${q.where} LIMIT ${cap + 1}) capped`.execute(db),
  ]);
  const ids = page.rows.map((r) => r.id);
  const counted = count.rows[0]?.n ?? 0;
  const totalCapped = !q.exact && counted > cap;
  // A page past the cap (reached with ?page= directly) still reports at least the rows before it.
  const total = totalCapped ? Math.max(cap, q.offset + ids.length) : counted;
  return { ids, total, totalCapped };
}

export interface PageRowsQuery extends PageIdsQuery {
  /**
   * The page's rows: a SELECT over the CTE `ledger_page (id, ord)` (the page's ids in sort order), e.g.
   * sql`SELECT … FROM ledger_page lp JOIN letter r ON r.id = lp.id … ORDER BY lp.ord` — only the page is joined and presented.
   */
  present: RawBuilder<unknown>;
}

/**
 * As `pageIds`, but the page is chosen and presented in one statement (one round trip: the ids in sort order as a
 * materialised CTE, then only those rows joined with their names), the capped total beside it on a second connection.
 */
export async function pageRows<R>(db: Db, q: PageRowsQuery): Promise<{ rows: R[]; total: number; totalCapped: boolean }> {
  const cap = q.cap ?? TOTAL_CAP;
  const id = q.id ?? sql`id`;
  const [page, count] = await Promise.all([
    sql<R>`WITH ledger_page AS MATERIALIZED (
        SELECT s.id, row_number() OVER () AS ord FROM (SELECT ${id} AS id FROM ${q.from} WHERE ${q.where} ORDER BY ${q.orderBy} LIMIT ${q.limit} OFFSET ${q.offset}) s)
      ${q.present}`.execute(db),
    q.exact
      ? sql<{ n: number }>`SELECT count(*)::int AS n FROM ${q.from} WHERE ${q.where}`.execute(db)
      : sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${q.from} WHERE ${q.where} LIMIT ${cap + 1}) capped`.execute(db),
  ]);
  const counted = count.rows[0]?.n ?? 0;
  const totalCapped = !q.exact && counted > cap;
  const total = totalCapped ? Math.max(cap, q.offset + page.rows.length) : counted;
  return { rows: page.rows, total, totalCapped };
}

/**
 * One arm of a visibility OR (issue 12): `{ orgs, column }` — the column is one of these orgs (`column = ANY(orgs)`),
 * answered per org by an index on (column, sort keys) as a LATERAL top-N; `{ when }` — any other condition.
 */
export type VisibilityArm = { orgs: readonly string[]; column: RawBuilder<unknown> } | { when: RawBuilder<boolean> };

/** The SQL of an arm, as the visibility predicate writes it (the predicate and the keyed page share the arms). */
export function armSql(arm: VisibilityArm): RawBuilder<boolean> {
  return 'orgs' in arm ? sql<boolean>`${arm.column} = ANY(${[...arm.orgs]}::uuid[])` : arm.when;
}

/** A sort key of a ledger: an expression and its direction (`ASC NULLS LAST` …), the last one unique (the id). */
export interface SortKey {
  expr: RawBuilder<unknown>;
  dir: 'ASC' | 'DESC' | 'ASC NULLS LAST' | 'DESC NULLS LAST' | 'ASC NULLS FIRST' | 'DESC NULLS FIRST';
}

export interface KeyedPageQuery extends Omit<PageRowsQuery, 'orderBy' | 'where'> {
  /** Conditions of every row: commission, the object's own visibility (clearance, recusal), the filters. */
  where: RawBuilder<unknown>;
  /** The visibility OR: a row is in the ledger when `where` and at least one arm hold (none: `where` alone). */
  arms?: readonly VisibilityArm[];
  sort: readonly SortKey[];
}

/**
 * A ledger page in O(page) for a visibility predicate `where AND (arm₁ OR arm₂ …)` (issue 12): each arm gives its own
 * first offset+limit rows in the sort order (an org arm one index probe per org, LATERAL), their union is sorted and
 * paged — the first N of a union lie within the union of each part's first N, so the page is exactly the
 * predicate's. The total is counted the same way up to the cap: an arm past the cap makes the union pass it, else every
 * arm was read whole and the count is exact. Presentation as `pageRows` (CTE `ledger_page (id, ord)`).
 */
export async function pageRowsByArms<R>(db: Db, q: KeyedPageQuery): Promise<{ rows: R[]; total: number; totalCapped: boolean }> {
  const orderBy = sql.join(q.sort.map((k) => sql`${k.expr} ${sql.raw(k.dir)}`));
  if (!q.arms) return pageRows<R>(db, { ...q, orderBy });
  const cap = q.cap ?? TOTAL_CAP;
  const id = q.id ?? sql`id`;
  const keys = sql.join(q.sort.map((k, i) => sql`${k.expr} AS ${sql.ref(`k${i}`)}`));
  const outerOrder = sql.join(q.sort.map((k, i) => sql`${sql.ref(`k${i}`)} ${sql.raw(k.dir)}`));
  const armRows = (arm: VisibilityArm, n: number | null, ordered: boolean, cols: RawBuilder<unknown>) => {
    const order = ordered ? sql`ORDER BY ${orderBy}` : sql``;
    const lim = n === null ? sql`` : sql`LIMIT ${n}`;
    if ('orgs' in arm) {
      return sql`(SELECT ka.* FROM unnest(${[...arm.orgs]}::uuid[]) AS ko(org_id) CROSS JOIN LATERAL (
          SELECT ${cols} FROM ${q.from} WHERE ${arm.column} = ko.org_id AND ${q.where} ${order} ${lim}) ka ${ordered ? sql`` : lim})`;
    }
    return sql`(SELECT ${cols} FROM ${q.from} WHERE ${arm.when} AND ${q.where} ${order} ${lim})`;
  };
  if (q.arms.length === 0) {
    return { rows: [], total: 0, totalCapped: false };
  }
  const k = q.offset + q.limit;
  const page = sql.join(
    q.arms.map((a) => armRows(a, k, true, sql`${id} AS id, ${keys}`)),
    sql` UNION `,
  );
  const [rows, count] = await Promise.all([
    sql<R>`WITH ledger_page AS MATERIALIZED (
        SELECT s.id, row_number() OVER () AS ord FROM (SELECT u.id FROM (${page}) u ORDER BY ${outerOrder} LIMIT ${q.limit} OFFSET ${q.offset}) s)
      ${q.present}`.execute(db),
    countByArms(db, { ...q, arms: q.arms }),
  ]);
  const total = count.capped ? Math.max(cap, q.offset + rows.rows.length) : count.n;
  return { rows: rows.rows, total, totalCapped: count.capped };
}

/**
 * The count of `where AND (arm₁ OR …)` up to the cap (`pageRowsByArms`' total): each arm read up to cap + 1 rows
 * (an org arm up to cap + 1 per org and in all), the union of ids counted. `n` is exact unless `capped`.
 */
export async function countByArms(db: Db, q: CountByArmsQuery): Promise<{ n: number; capped: boolean }> {
  const cap = q.cap ?? TOTAL_CAP;
  const { rows } = await sql<{ n: number }>`SELECT ${countByArmsSql(q)} AS n`.execute(db);
  const n = rows[0]?.n ?? 0;
  return { n: q.exact ? n : Math.min(n, cap), capped: !q.exact && n > cap };
}

export interface CountByArmsQuery {
  from: RawBuilder<unknown>;
  id?: RawBuilder<unknown>;
  where: RawBuilder<unknown>;
  arms: readonly VisibilityArm[];
  exact?: boolean;
  cap?: number;
}

/** `countByArms` as a scalar subquery (several counts in one statement, one connection); beyond the cap it says cap + 1. */
export function countByArmsSql(q: CountByArmsQuery): RawBuilder<number> {
  const cap = q.cap ?? TOTAL_CAP;
  if (q.arms.length === 0) return sql<number>`0`;
  const id = q.id ?? sql`id`;
  const lim = q.exact ? sql`` : sql`LIMIT ${cap + 1}`;
  const counted = sql.join(
    q.arms.map((arm) =>
      'orgs' in arm
        ? sql`(SELECT ka.id FROM unnest(${[...arm.orgs]}::uuid[]) AS ko(org_id) CROSS JOIN LATERAL (
            SELECT ${id} AS id FROM ${q.from} WHERE ${arm.column} = ko.org_id AND ${q.where} ${lim}) ka ${lim})`
        : sql`(SELECT ${id} AS id FROM ${q.from} WHERE ${arm.when} AND ${q.where} ${lim})`,
    ),
    sql` UNION `,
  );
  return sql<number>`(SELECT count(*)::int FROM (${counted}) c)`;
}
