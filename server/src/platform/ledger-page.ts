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
