import { sql } from 'kysely';
import type { Db } from '../db/pool';

/**
 * 聚合表整理: the statement-trigger aggregates (cockpit_*_agg, casework_*_agg, self_inspection_unit_agg) add +1 and −1
 * to a bucket row and never remove it, so a bucket whose objects all moved away stays with n = 0. Every sum reads the
 * same without those rows, but readers that take a year's keys (cockpit/area-scan.ts, casework/dashboard-keyed.ts)
 * read them all, and a year of moves (states, orgs, classifications) makes dead keys pile up. This removes them.
 *
 * Safe beside writers: a bucket a writer holds is skipped (FOR UPDATE SKIP LOCKED) and left to the next run; one a
 * writer reaches after the delete is inserted again by its upsert (ON CONFLICT waits for the delete, then inserts).
 * A row is deleted only while it is locked here and still has n = 0 (and no sum besides), so no count changes.
 */

/** The aggregates: every table named *_agg with a count column n (new aggregates are found, not listed). */
async function aggregateTables(db: Db): Promise<{ table: string; sums: string[] }[]> {
  const { rows } = await sql<{ table: string; sums: string[] }>`
    SELECT c.table_name AS table,
      array_agg(s.column_name::text ORDER BY s.column_name) FILTER (WHERE s.column_name IS NOT NULL) AS sums
    FROM information_schema.columns c
    LEFT JOIN information_schema.columns s ON s.table_schema = c.table_schema AND s.table_name = c.table_name
      AND s.column_name <> 'n' AND s.data_type IN ('bigint', 'integer', 'numeric')
      AND s.column_name NOT IN ('year', 'doc_year', 'filed_year', 'received_year', 'received_ym', 'filed_ym', 'issued_ym')
    WHERE c.table_schema = current_schema() AND c.column_name = 'n' AND c.table_name LIKE '%\\_agg'
    GROUP BY c.table_name ORDER BY c.table_name`.execute(db);
  return rows.map((r) => ({ table: r.table, sums: r.sums ?? [] }));
}

/** Deletes the empty buckets of every aggregate; returns the rows removed per table (tables with none left out). */
export async function compactAggregates(db: Db): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const { table, sums } of await aggregateTables(db)) {
    const empty = sql.join([sql`n = 0`, ...sums.map((s) => sql`${sql.ref(s)} = 0`)], sql` AND `);
    const r = await sql`
      DELETE FROM ${sql.table(table)} WHERE ctid IN (SELECT ctid FROM ${sql.table(table)} WHERE ${empty} FOR UPDATE SKIP LOCKED)`.execute(db);
    const n = Number(r.numAffectedRows ?? 0);
    if (n) removed[table] = n;
  }
  return removed;
}
