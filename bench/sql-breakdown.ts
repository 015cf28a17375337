/** Where PostgreSQL spends each request's time: the app's own statements replayed under EXPLAIN ANALYZE. */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
// @ts-expect-error: the driver's own text form of a parameter (arrays as '{…}'), not in its types
import { prepareValue } from 'pg/lib/utils';
import { PREPARED_MARK } from '../server/src/db/pool';
import type { DB } from '../server/src/db/types';
import { getMe, loadSession } from '../server/src/modules/auth';
import { listOrgs } from '../server/src/modules/orgs';
import { searchPlan, searchStatement } from '../server/src/modules/casework';
import { sharedRead } from '../server/src/modules/visibility';
import type { Ctx } from '../server/src/platform/context';
import { tokens } from '../server/src/platform/search';
import { ilikeStatement } from './casework-bare';
import { BENCH_SEARCH_WORDS } from './casework-query';
import type { SessionSample } from './generate';
import type { SqlBreakdown } from './report';

/** EXPLAIN ANALYZE of an unnamed statement, as the pg driver sends one: planned on every execution. */
export async function explain(pool: pg.Pool, text: string, parameters: readonly unknown[]): Promise<string[]> {
  const r = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, TIMING OFF, SUMMARY) ${text}`, [...parameters]);
  return r.rows.map((x) => x['QUERY PLAN']);
}

/**
 * EXPLAIN ANALYZE of a named statement (db/pool.ts PREPARED_MARK) as a connection runs it after a few requests:
 * prepared (the parameters' types inferred as the driver's Parse infers them), under `force_generic_plan` when the
 * route forces it (search.ts runSearchStatement), run 6 times, then explained — its Planning Time is what a request
 * pays with the plan kept (a custom plan, if PostgreSQL still prefers one, is planned there again).
 */
export async function explainNamed(pool: pg.Pool, text: string, parameters: readonly unknown[], generic: boolean): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query(`PREPARE ld_breakdown AS ${text}`);
    const types =
      (await client.query<{ t: string[] }>(`SELECT parameter_types::text[] AS t FROM pg_prepared_statements WHERE name = 'ld_breakdown'`)).rows[0]?.t ?? [];
    // EXECUTE takes no bound parameters: the values as literals, in the driver's text form, cast to the inferred types.
    const literal = (v: unknown) => (v === null || v === undefined ? 'NULL' : client.escapeLiteral(String(prepareValue(v))));
    const args = types.length ? `(${types.map((t, i) => `${literal(parameters[i])}::${t}`).join(', ')})` : '';
    if (generic) await client.query('SET plan_cache_mode = force_generic_plan');
    for (let i = 0; i < 6; i++) await client.query(`EXECUTE ld_breakdown${args}`);
    const r = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, TIMING OFF, SUMMARY) EXECUTE ld_breakdown${args}`);
    return r.rows.map((x) => x['QUERY PLAN']);
  } finally {
    await client.query('DEALLOCATE ld_breakdown; RESET plan_cache_mode').catch(() => undefined);
    client.release();
  }
}

/** Names a captured statement by what it reads. */
function statementLabel(phase: 'auth' | 'orgs' | 'me' | 'search', text: string): string | undefined {
  const t = text.toLowerCase();
  if (phase === 'search') return undefined; // the search statements are compiled and added by hand
  if (!t.trimStart().startsWith('select') && !t.trimStart().startsWith('with')) return undefined; // never EXPLAIN ANALYZE a write
  if (phase === 'auth') {
    if (t.includes('actor_org_scope')) return 'scope (cache miss)';
    if (t.includes('user_session')) return 'session lookup';
    return undefined; // settings: cached in the app
  }
  if (phase === 'orgs') return t.includes(' limit ') ? 'orgs list' : 'orgs count';
  if (t.includes('"setting"')) return undefined;
  return 'me (all statements)';
}

/**
 * Where the time goes inside PostgreSQL, with the statements the app itself builds: for up to `n`
 * accounts of a sample, the session is loaded with loadSession (session lookup; scope computed as
 * on a cache miss), then listOrgs and getMe run, all on a Kysely instance that records each
 * statement and its parameters. Each recorded SELECT is then run again under EXPLAIN (ANALYZE) with
 * the same parameters (unnamed statement, as the pg driver sends them: planned on every execution).
 * Mean planning and execution ms per request, by step. Also the full-text search statement alone (searchStatement:
 * no audit row, no grants lookup) and the ILIKE scan's statement, for the rare and the common word (issue 12). The
 * search statement is measured as the route sends it (searchPlan with the reader: the org presence of a keyed walk; a
 * named statement prepared, its generic plan forced when marked, and explained after a few runs): its planning is what
 * a request pays once the connection keeps the plan — an unnamed EXPLAIN of a plan without the reader planned a hundred
 * parts afresh (group, common word: 66 ms of planning the route never pays; bench/search-route.ts).
 */
export async function sqlBreakdown(databaseUrl: string, sample: SessionSample[], n = 20): Promise<SqlBreakdown> {
  const step = Math.max(1, Math.floor(sample.length / n));
  const accounts = sample.filter((_, i) => i % step === 0).slice(0, n);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  let phase: 'auth' | 'orgs' | 'me' | 'search' = 'auth';
  let captured: { label: string; sql: string; parameters: readonly unknown[]; generic?: boolean }[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      const label = statementLabel(phase, e.query.sql);
      if (label) captured.push({ label, sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  const sums: Record<string, { plan: number; exec: number; rows: number; statements: number }> = {};
  try {
    for (const account of accounts) {
      captured = [];
      phase = 'auth';
      const found = await loadSession(db, account.token);
      if (!found || !('actor' in found)) throw new Error(`no session for ${account.username}`);
      phase = 'orgs';
      await listOrgs(db, found.actor, { page: 1, pageSize: 50, includeRetired: false, directory: false });
      phase = 'me';
      await getMe({ db, actor: found.actor } as Ctx);
      // issue 12: the search statement alone (no audit, no grants lookup) against the ILIKE scan, rare and common word.
      phase = 'search';
      const full = await sharedRead({ db, actor: found.actor }, 'full');
      for (const w of ['rare', 'common'] as const) {
        const words = tokens(BENCH_SEARCH_WORDS[w].q);
        // With the plan the server picks for the words and the reader (searchPlan); named and generic as the route runs it.
        const plan = await searchPlan(db, words, found.actor);
        const statement = searchStatement(found.actor, words, { kind: 'all', page: 1, pageSize: 20 }, full, plan);
        const search = statement?.compile(db);
        if (search) captured.push({ label: `search, ${w} word`, sql: search.sql, parameters: search.parameters, generic: statement?.genericPlan === true });
        const ilike = ilikeStatement(found.actor, w).compile(db);
        captured.push({ label: `ILIKE scan, ${w} word`, sql: ilike.sql, parameters: ilike.parameters });
      }
      for (const c of captured) {
        const lines = c.sql.startsWith(PREPARED_MARK)
          ? await explainNamed(pool, c.sql, c.parameters, c.generic === true)
          : await explain(pool, c.sql, c.parameters);
        const text = lines.join('\n');
        const sum = (sums[c.label] ??= { plan: 0, exec: 0, rows: 0, statements: 0 });
        sum.plan += Number(/Planning Time: ([\d.]+)/.exec(text)?.[1] ?? Number.NaN);
        sum.exec += Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? Number.NaN);
        sum.rows += Number(/rows=([\d.]+) loops/.exec(lines[0] ?? '')?.[1] ?? 0);
        sum.statements += 1;
      }
    }
  } finally {
    await db.destroy();
  }
  const mean = (v: number) => Math.round((v / accounts.length) * 100) / 100;
  return Object.fromEntries(
    Object.entries(sums).map(([k, v]) => [k, { plan_ms: mean(v.plan), exec_ms: mean(v.exec), rows: mean(v.rows), statements: mean(v.statements) }]),
  );
}
