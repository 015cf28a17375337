import { CompiledQuery, type QueryResult, type RawBuilder } from 'kysely';
import { type Db, inGenericPlanRun } from '../db/pool';
import { inRequestTransaction } from '../db/request-tx';
import { KEPT_LIST_MISSING, type KeptList, keepLists, keptListOf, keptListsKnown, withKeptLists } from './kept-lists';

/*
 * Each long array one parameter per statement (issue 12): the scope's org list that a keyed ledger page, its capped
 * count, the walked ledgers and the cockpit's area scans repeat in every arm is sent to PostgreSQL once per statement
 * (test/ledger-arrays-once.test.ts). Moved out of keyed-page.ts, which sends its page and count this way by default.
 */

/** Array parameters this long (a scope's org list) are sent once per statement by `executeArraysOnce`. */
export const SHARED_ARRAY_MIN = 32;

/**
 * Runs `query` with each long array parameter (SHARED_ARRAY_MIN elements or more) sent once, however often the statement
 * uses it: a scope's org list appears in every arm and every part of a ledger's page and count (a 分管领导's 782 ids,
 * 20–30 copies a statement: hundreds of kB of parameters serialised by Node and parsed by PostgreSQL per request, issue
 * 12). Equal arrays (the same elements in the same order) become one `$n`; PostgreSQL types it once (every use of a
 * scope list is `uuid[]`). The same statement otherwise: the same rows.
 * `kept`: each long uuid list (every use `$n::uuid[]`) sent by its digest instead, read in a CTE of the statement from
 * kept_uuid_list (kept-lists.ts, migration 0099), written first by this node where it is not known to be there; the arrays
 * of `notKept` (by identity: a page's own ids, which would be a new row per page) are sent as they are.
 */
export async function executeArraysOnce<R>(
  db: Db,
  query: RawBuilder<R>,
  opts: { kept?: boolean; notKept?: readonly (readonly unknown[])[] } = {},
): Promise<QueryResult<R>> {
  const c = query.compile(db);
  const values: unknown[] = [];
  /** The long arrays sent so far and their `$n`, compared element by element (no JSON of 800 ids per copy). */
  const seen: { array: readonly unknown[]; at: number }[] = [];
  const slot = c.parameters.map((v) => {
    if (Array.isArray(v) && v.length >= SHARED_ARRAY_MIN) {
      const same = seen.find((s) => sameElements(s.array, v));
      if (same) return same.at;
      values.push(v);
      seen.push({ array: v, at: values.length });
      return values.length;
    }
    values.push(v);
    return values.length;
  });
  const kept = opts.kept
    ? await keptSlots(
        db,
        c.sql,
        slot,
        seen.filter((s) => !opts.notKept?.includes(s.array)),
      )
    : new Map<number, KeptList>();
  if (!kept.size) {
    const text = c.sql.replace(/\$(\d+)/g, (_, d: string) => `$${slot[Number(d) - 1]}`);
    return db.executeQuery<R>(CompiledQuery.raw(text, values));
  }
  // A kept list: its `$n::uuid[]` read from a CTE (once per statement) by its digest, sent in the array's place.
  for (const [at, list] of kept) values[at - 1] = list.digest;
  const text = withKeptLists(
    c.sql.replace(/\$(\d+)(::uuid\[\])?/g, (_, d: string, cast: string | undefined) => {
      const at = slot[Number(d) - 1]!;
      return kept.has(at) ? `(SELECT ld_kl${at}.items FROM ld_kl${at})::uuid[]` : `$${at}${cast ?? ''}`;
    }),
    [...kept.keys()],
  );
  try {
    return await db.executeQuery<R>(CompiledQuery.raw(text, values));
  } catch (e) {
    if ((e as { code?: string }).code !== KEPT_LIST_MISSING) throw e;
    // A row gone (an owner's truncate): forgotten, so that the next statement writes it again. Here, this statement
    // runs again with the lists written first, unless it is inside a transaction the error has aborted.
    const known = keptListsKnown(db);
    for (const list of kept.values()) known.delete(list.hex);
    if (!canWrite(db) || inGenericPlanRun(db)) throw e;
    return executeArraysOnce(db, query, opts);
  }
}

/** Outside any transaction: a list written there is in the database for good (the caller's may still roll back). */
const canWrite = (db: Db) => !db.isTransaction && !inRequestTransaction();

/**
 * The long arrays of the statement `text` that are sent by their digest: uuid lists (every use `$n::uuid[]`) written
 * already (kept-lists.ts), or written now where a statement is not inside a transaction; a list the database refused (not
 * canonical uuids) is sent as it is.
 */
async function keptSlots(db: Db, text: string, slot: number[], seen: { array: readonly unknown[]; at: number }[]): Promise<Map<number, KeptList>> {
  const out = new Map<number, KeptList>();
  /** Per `$n` sent: whether every use of it in the text is `::uuid[]`. */
  const uuidList = new Map<number, boolean>();
  for (const m of text.matchAll(/\$(\d+)(::uuid\[\])?/g)) {
    const at = slot[Number(m[1]) - 1]!;
    uuidList.set(at, (uuidList.get(at) ?? true) && m[2] !== undefined);
  }
  const candidates: { at: number; list: KeptList }[] = [];
  for (const s of seen) {
    const list = uuidList.get(s.at) ? keptListOf(s.array) : null;
    if (list) candidates.push({ at: s.at, list });
  }
  if (!candidates.length) return out;
  const known = keptListsKnown(db);
  const unknown = candidates.filter((k) => known.get(k.list.hex) === undefined).map((k) => k.list);
  if (unknown.length && canWrite(db)) await keepLists(db, unknown);
  for (const k of candidates) if (known.get(k.list.hex) === true) out.set(k.at, k.list);
  return out;
}

/** The same elements in the same order (`===`: a scope's org ids are strings). */
function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
