import { CompiledQuery, type QueryResult, type RawBuilder } from 'kysely';
import type { Db } from '../db/pool';

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
 */
export async function executeArraysOnce<R>(db: Db, query: RawBuilder<R>): Promise<QueryResult<R>> {
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
  const text = c.sql.replace(/\$(\d+)/g, (_, d: string) => `$${slot[Number(d) - 1]}`);
  return db.executeQuery<R>(CompiledQuery.raw(text, values));
}

/** The same elements in the same order (`===`: a scope's org ids are strings). */
function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
