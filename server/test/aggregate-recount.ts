import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../src/db/pool';

/*
 * Shared by the aggregate tests (cockpit/aggregates, casework/dashboard-aggregates): an aggregate table against a
 * recount from its base tables, and the small generator of their random write sequences.
 */

/**
 * An aggregate and its recount: the table, its key columns, the recount (keys then n), and optionally the aggregate's
 * own read (keys then n; by default the table's rows with n <> 0).
 */
export type Recount = [table: string, keys: string, recount: RawBuilder<unknown>, agg?: RawBuilder<unknown>];

/** The buckets where an aggregate and its recount differ (zero buckets left by deletes are no difference). */
export async function aggregateDifferences(db: Pick<Db, 'getExecutor'>, recounts: Recount[]): Promise<{ table: string; rows: unknown[] }[]> {
  const out: { table: string; rows: unknown[] }[] = [];
  for (const [table, keys, recount, agg] of recounts) {
    const { rows } = await sql<Record<string, unknown>>`
      WITH a AS (SELECT * FROM (${agg ?? sql`SELECT ${sql.raw(keys)}, n FROM ${sql.table(table)} WHERE n <> 0`}) y(${sql.raw(keys)}, n)),
        r AS (SELECT * FROM (${recount}) x(${sql.raw(keys)}, n))
      (SELECT 'agg' AS side, * FROM a EXCEPT SELECT 'agg', * FROM r)
      UNION ALL (SELECT 'recount', * FROM r EXCEPT SELECT 'recount', * FROM a)`.execute(db);
    if (rows.length) out.push({ table, rows });
  }
  return out;
}

/** A small deterministic generator (the sequence is random but reproducible). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
