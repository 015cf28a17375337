import { type RawBuilder, sql } from 'kysely';
import type { KeyedArms } from './keyed-page';

/*
 * Two helpers beside the keyed pages (keyed-page.ts): the keyed walk — the first rows of a keyed predicate in one
 * order, as one merge of per-org index walks (casework/search.ts, issue 12) — and the registry of the id lists a
 * statement sends once (reform/task-keys.ts, reform/task-lights.ts).
 */

/** A keyed walk (`keyedWalkSql`): the rows of `scope AND (arm₁ OR …)` with the filters, first `limit` in one order. */
export interface KeyedWalkQuery {
  table: string;
  alias: string;
  arms: KeyedArms;
  /** Filters over the aliased row (ANDed in every part, with the arms' scope), e.g. a search's match. */
  filters: readonly RawBuilder<boolean>[];
  /** The output columns over the aliased row, each with its name (`expr AS name`). */
  columns: readonly RawBuilder<unknown>[];
  /**
   * Each part's order over the aliased row: the result's order (`orderBy`) over the table's columns — a part keeps its
   * first `limit` rows of it, so another order (even one only breaking ties otherwise) would keep other rows. Best
   * the order of the arms' indexes on (commission_id, col, …) after their equalities, so that a part reads its index
   * without sorting (or with an incremental sort of its ties) and stops when the merge stops pulling.
   */
  partOrder: (alias: string) => RawBuilder<unknown>;
  /** The result's order over the output columns of a row aliased as given; it must end with a unique column. */
  orderBy: (alias: string) => RawBuilder<unknown>;
  limit: number;
  /**
   * The orgs of a keyed column that may have rows (per node, known a while ago: casework/search-presence.ts), or
   * undefined (every org its own part). An arm's orgs it lists get a part each; the others are read together in one
   * part (`column = ANY(those)`, sorted), which costs little while they have no rows — so only the speed depends on it,
   * never the rows: an org that has had rows since still has them all read.
   */
  present?: (column: string) => ReadonlySet<string> | undefined;
  /**
   * The order's expressions without their directions (`orderBy`'s, e.g. `day, id`), to let the parts overlap: each
   * part reads its arm's rows whether or not an arm before it has them, and the merge keeps each row once (DISTINCT ON
   * these, its copies adjacent in the merged order) — a part whose rows an earlier arm mostly has (a group's own org as
   * subject: 830 rows, all received by the group) then stops where the merge stops instead of reading them all to find
   * none. Absent: the parts made disjoint (each leaves out the rows of the arms before it). The same rows either way:
   * a row of the first `limit` of the union is among the first `limit` of every arm it belongs to.
   */
  distinctOn?: (alias: string) => RawBuilder<unknown>;
}

/**
 * How many (column, org) parts a keyed walk is written with at most: above, `keyedWalkSql` answers null. 512 lets a
 * county (86 orgs: 3 × 128 clue parts and 128 case parts) walk its orgs — with overlapping parts (`distinctOn`) its
 * common word reads 70.8 → 22.6 ms at full scale (disjoint: 137 ms, hence 150 before) — while an office or a 分管 leader
 * (~790 orgs) walks the book (22 / 27 ms; their keyed walk 49 / 50 ms; bench/search-keyed-parts.ts).
 */
export const KEYED_WALK_MAX_PARTS = 512;

/** The number of parts written for `n` orgs of an arm: the next power of two, so that the texts are few. */
const partSlots = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

/**
 * The first `limit` rows of `scope AND (arm₁ OR …)` with the filters in the order `orderBy`, as one merge of per-org
 * index walks: one UNION ALL part per (keyed column, org) — `col = $orgs[i] AND filters ORDER BY partOrder LIMIT
 * limit` — plus one for the other arms (fenced, as in keyedPageSql), the parts made disjoint as in keyedCountSql (each
 * leaves out the rows of the keyed arms before it, so every row comes once). PostgreSQL merges the parts in order
 * (Merge Append: a part with its own ORDER BY … LIMIT keeps its index's order, a plain one would not — its equality
 * on the commission is not a pathkey it knows to drop) and reads each part only as far as the merge pulls: about
 * `limit` + parts rows, however many rows the scope sees (its bitmaps read them all; a LATERAL top-N reads `limit`
 * rows of every org). The filters are tested on the rows walked, so one most rows pass (a common search word) suits
 * it, a rare one does not. An arm of n orgs is written as the next power of two of parts reading `$orgs[i]` (past
 * the end: NULL, no row), so the statement's text depends on those sizes only and may be named. With `present`, only the
 * orgs it lists have parts; the arm's others are one fenced part, read whole and sorted (no rows, a few index probes). Null above `maxParts`
 * parts or with keys the database gathers (`keyedBy`), for the caller to read otherwise. The same rows as
 * `scope AND armsPredicate(arms) AND filters`, ordered and cut.
 */
export function keyedWalkSql(q: KeyedWalkQuery, maxParts = KEYED_WALK_MAX_PARTS): RawBuilder<Record<string, unknown>> | null {
  const t = q.alias;
  // The scope in every part, never once above the merge: a part stops at `limit` rows, so a test after it would lose
  // the rows that its first `limit` hid.
  const filter = sql.join([q.arms.scope, ...q.filters], sql` AND `);
  const table = sql`${sql.table(q.table)} ${sql.raw(t)}`;
  const cols = sql.join(q.columns);
  const limit = sql.lit(q.limit);
  const order = sql`ORDER BY ${q.orderBy('kw')} LIMIT ${limit}`;
  const distinct = q.distinctOn ? sql`DISTINCT ON (${q.distinctOn('kw')}) ` : sql``;
  const part = (where: RawBuilder<boolean>) => sql`(SELECT ${cols} FROM ${table} WHERE ${where} AND ${filter} ORDER BY ${q.partOrder(t)} LIMIT ${limit})`;
  // A part read whole, then sorted: fenced (`OFFSET 0`), so that the planner finds its rows by its own predicate, never
  // by walking the table's order (its index over the whole commission) looking for them.
  const sortedPart = (where: RawBuilder<boolean>) =>
    sql`(SELECT * FROM (SELECT ${cols} FROM ${table} WHERE ${where} AND ${filter} OFFSET 0) kr ORDER BY ${q.partOrder('kr')} LIMIT ${limit})`;
  if (q.arms.book) return sql`SELECT * FROM ${part(sql<boolean>`true`)} kw ${order}`;
  if (q.arms.keyedBy?.length) return null;
  const arms = q.arms.keyed
    .map((a) => {
      const orgs = [...new Set(a.orgIds)];
      const present = q.present?.(a.column);
      // Without a list of the orgs with rows, each org its own part; with one, those it lists (none: no part), the
      // others together in one part.
      const own = present ? orgs.filter((o) => present.has(o)) : orgs;
      return { column: a.column, orgs, own, others: present ? orgs.filter((o) => !present.has(o)) : [] };
    })
    .filter((a) => a.orgs.length);
  // Whether to walk at all is decided on a part per org, as without the list: a walk pays for each part that finds
  // nothing (it reads the part's rows to its end — a county's 65 subject orgs, whose clues the receiving arm mostly
  // has already: 300 → 690 ms at full scale), so the list only makes cheaper the walks that pay without it.
  if (arms.reduce((n, a) => n + partSlots(a.orgs.length), 0) > maxParts) return null;
  const parts: RawBuilder<unknown>[] = [];
  const before: RawBuilder<boolean>[] = [];
  const notBefore = () => (before.length && !q.distinctOn ? sql<boolean>`NOT coalesce((${sql.join(before, sql` OR `)}), false)` : sql<boolean>`true`);
  for (const arm of arms) {
    const column = sql.ref(`${t}.${arm.column}`);
    const own = sql`${arm.own}::uuid[]`;
    // `(SELECT …)`: an init plan, opaque to the planner — a custom plan neither drops the parts past the end nor costs
    // each org by its own rows, so it costs as the generic plan and PostgreSQL keeps that (planned once per connection).
    if (arm.own.length)
      for (let i = 1; i <= partSlots(arm.own.length); i++) parts.push(part(sql<boolean>`${column} = (SELECT (${own})[${sql.lit(i)}]) AND ${notBefore()}`));
    // The orgs without rows a while ago: one part, each org probed in the column's index, the few rows it finds sorted.
    if (arm.others.length) parts.push(sortedPart(sql<boolean>`${column} = ANY(${arm.others}::uuid[]) AND ${notBefore()}`));
    before.push(sql<boolean>`${column} = ANY(${sql`${arm.orgs}::uuid[]`})`);
  }
  if (q.arms.rest.length) parts.push(sortedPart(sql<boolean>`(${sql.join(q.arms.rest, sql` OR `)}) AND ${notBefore()}`));
  if (!parts.length) return sql`SELECT ${cols} FROM ${table} WHERE false`;
  return sql`SELECT ${distinct}* FROM (${sql.join(parts, sql` UNION ALL `)}) kw ${order}`;
}

/**
 * The distinct id lists of one statement, each to be sent once (a CTE's columns k0, k1, …: reform/task-keys.ts,
 * reform/task-lights.ts): `slotOf` gives a list's column number, adding the list on first use; `lists` in slot order.
 */
export function idListSlots(): { lists: string[][]; slotOf: (ids: string[]) => number } {
  const lists: string[][] = [];
  const slot = new Map<string, number>();
  const slotOf = (ids: string[]) => {
    const key = ids.join(',');
    let i = slot.get(key);
    if (i === undefined) {
      i = lists.length;
      slot.set(key, i);
      lists.push(ids);
    }
    return i;
  };
  return { lists, slotOf };
}
