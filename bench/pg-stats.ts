/**
 * PostgreSQL's own time per request, from `pg_stat_statements` (issue 12). The bench's embedded server is
 * started with the library preloaded (PG_STAT_SETTINGS) and planning tracked, so that the planning the
 * pg driver's unnamed statements pay on every execution is counted too. A snapshot of the bench
 * database's totals is taken just before and just after a timed run; the difference over the requests
 * served is what one request costs inside PostgreSQL (planning + execution, all statements).
 */
import type pg from 'pg';

/** Server settings for startEmbeddedPg: the extension's library and planning time. */
export const PG_STAT_SETTINGS = ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track_planning=on', 'pg_stat_statements.max=10000'];

export interface PgTotals {
  calls: number;
  exec_ms: number;
  plan_ms: number;
}

export interface PgPerRequest {
  /** Planning + execution ms per request. */
  pg_ms: number;
  pg_plan_ms: number;
  /** Statements per request (round trips, BEGIN/COMMIT included). */
  pg_calls: number;
}

/**
 * Creates the extension in the bench database and returns a snapshot function, or undefined (with the
 * reason) when the server does not have the library loaded.
 */
export async function enablePgStats(pool: pg.Pool): Promise<{ snapshot: () => Promise<PgTotals> } | { unavailable: string }> {
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await pool.query('SELECT pg_stat_statements_reset()');
    await pool.query('SELECT count(*) FROM pg_stat_statements');
  } catch (err) {
    return { unavailable: (err as Error).message };
  }
  // This database only; not the snapshots themselves, nor pg-boss's polling (schema pgboss) that runs in the real
  // server beside the requests. A snapshot reads the counters without the statements' texts (showtext false: the
  // texts live in a file the extension reads whole on every call); the text of a statement is read once, the first
  // time its queryid is seen, to decide whether it counts.
  const dbid = (await pool.query<{ oid: number }>('SELECT oid FROM pg_database WHERE datname = current_database()')).rows[0]!.oid;
  /** queryid → whether the statement counts (not a snapshot's, not pg-boss's). */
  const counts = new Map<string, boolean>();
  const snapshot = async (): Promise<PgTotals> => {
    const { rows } = await pool.query<{ queryid: string; calls: number; exec_ms: number; plan_ms: number }>(
      `SELECT queryid::text AS queryid, sum(calls)::float8 AS calls, sum(total_exec_time)::float8 AS exec_ms, sum(total_plan_time)::float8 AS plan_ms
         FROM pg_stat_statements(false) WHERE dbid = $1 GROUP BY queryid`,
      [dbid],
    );
    const unseen = rows.filter((r) => !counts.has(r.queryid)).map((r) => r.queryid);
    if (unseen.length) {
      // No text (the file was rewritten meanwhile) counts as not ours, once and for all: a statement counted in one
      // snapshot and not in the next would put its whole history into one run's difference.
      for (const id of unseen) counts.set(id, false);
      const texts = await pool.query<{ queryid: string; query: string | null }>(
        'SELECT DISTINCT ON (queryid) queryid::text AS queryid, query FROM pg_stat_statements(true) WHERE dbid = $1 AND queryid = ANY($2::bigint[])',
        [dbid, unseen],
      );
      for (const t of texts.rows) {
        const q = (t.query ?? '').toLowerCase();
        counts.set(t.queryid, !q.includes('pg_stat_statements') && !q.includes('pgboss.'));
      }
    }
    const totals: PgTotals = { calls: 0, exec_ms: 0, plan_ms: 0 };
    for (const r of rows)
      if (counts.get(r.queryid)) {
        totals.calls += r.calls;
        totals.exec_ms += r.exec_ms;
        totals.plan_ms += r.plan_ms;
      }
    return totals;
  };
  return { snapshot };
}

/** Per-request figures from two snapshots around a run that served `requests` requests. */
export function perRequest(before: PgTotals, after: PgTotals, requests: number): PgPerRequest | undefined {
  if (requests <= 0) return undefined;
  const r = (v: number) => Math.round(v * 1000) / 1000;
  const exec = after.exec_ms - before.exec_ms;
  const plan = after.plan_ms - before.plan_ms;
  return { pg_ms: r((exec + plan) / requests), pg_plan_ms: r(plan / requests), pg_calls: r((after.calls - before.calls) / requests) };
}
