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
  // This database only; not the snapshots themselves, nor pg-boss's polling (schema pgboss) that runs
  // in the real server beside the requests.
  const text = `SELECT coalesce(sum(calls), 0)::float8 AS calls, coalesce(sum(total_exec_time), 0)::float8 AS exec_ms,
                       coalesce(sum(total_plan_time), 0)::float8 AS plan_ms
                  FROM pg_stat_statements
                 WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%pgboss.%'`;
  return { snapshot: async () => (await pool.query<PgTotals>(text)).rows[0]! };
}

/** Per-request figures from two snapshots around a run that served `requests` requests. */
export function perRequest(before: PgTotals, after: PgTotals, requests: number): PgPerRequest | undefined {
  if (requests <= 0) return undefined;
  const r = (v: number) => Math.round(v * 1000) / 1000;
  const exec = after.exec_ms - before.exec_ms;
  const plan = after.plan_ms - before.plan_ms;
  return { pg_ms: r((exec + plan) / requests), pg_plan_ms: r(plan / requests), pg_calls: r((after.calls - before.calls) / requests) };
}
