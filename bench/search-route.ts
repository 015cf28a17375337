/**
 * What the search route itself costs inside PostgreSQL (issue 12: does it pay the planning the SQL breakdown shows?):
 * searchCasework (server/src/modules/casework/search.ts, the whole service: plan, statement, audit, grants) run
 * in-process on the server's pool (db/pool.ts createDb: named statements, generic plans as the server runs them) for
 * up to `--n` accounts of a sample, `--c` requests at a time, `--reps` rounds over the accounts. Prints the wall p50 /
 * p95 and req/s, and from pg_stat_statements (reset before) the planning and execution ms per request of every
 * statement, most expensive first, with its calls per request.
 *
 *   npx tsx bench/search-route.ts [--dir=/tmp/search-pg] [--kind=group] [--n=20] [--c=4] [--reps=10] [--words=two,common,rare]
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb } from '../server/src/db/pool';
import { searchCasework } from '../server/src/modules/casework';
import { findAccountActor } from '../server/src/platform/account-actor';
import { configureAuditKey } from '../server/src/platform/audit';
import type { Ctx } from '../server/src/platform/context';
import { BENCH_SEARCH_WORDS, type BenchSearchWord } from './casework-query';
import { arg, loadAverage, readSamples } from './kept-data-set';

configureAuditKey(randomBytes(32));
const dir = arg('dir') ?? '/tmp/search-pg';
const kind = arg('kind') ?? 'group';
const n = Number(arg('n') ?? 20);
const c = Number(arg('c') ?? 4);
const reps = Number(arg('reps') ?? 10);
const words = (arg('words') ?? 'two,common,rare').split(',') as BenchSearchWord[];
const samples = readSamples(dir);
const { db, close } = createDb(samples.url, c);
const admin = new pg.Pool({ connectionString: samples.url, max: 1 });
await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
const users = (samples[kind] ?? []).filter((_, i, a) => i % Math.max(1, Math.floor(a.length / n)) === 0).slice(0, n);
const ctxs: Ctx[] = [];
for (const u of users) {
  const actor = await findAccountActor(db as never, { userId: u.userId });
  if (actor) ctxs.push({ db, actor, requestId: 'bench', ip: '127.0.0.1', config: undefined as never, cipher: undefined as never, log: console as never });
}
const q = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(p * v.length))] ?? 0;

for (const w of words) {
  const query = { q: BENCH_SEARCH_WORDS[w].q, kind: 'all', page: 1, pageSize: 20 } as const;
  // Warm-up: every connection plans its named statements; the caches (statistics, presence) filled.
  const jobs = () => Array.from({ length: reps }, () => ctxs).flat();
  const runAll = async (list: Ctx[], walls: number[]) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: c }, async () => {
        while (next < list.length) {
          const ctx = list[next++]!;
          const t0 = performance.now();
          await searchCasework(ctx, query as never);
          walls.push(performance.now() - t0);
        }
      }),
    );
  };
  await runAll(ctxs.concat(ctxs), []);
  await admin.query('SELECT pg_stat_statements_reset()');
  const load = loadAverage();
  const walls: number[] = [];
  const t0 = performance.now();
  const list = jobs();
  await runAll(list, walls);
  const secs = (performance.now() - t0) / 1000;
  const { rows } = await admin.query<{ query: string; calls: number; plan: number; exec: number }>(
    `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query, calls::float8 AS calls, total_plan_time AS plan, total_exec_time AS exec
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'
      ORDER BY total_plan_time + total_exec_time DESC`,
  );
  const per = (v: number) => (v / list.length).toFixed(2).padStart(6);
  const sum = rows.reduce((a, r) => ({ plan: a.plan + r.plan, exec: a.exec + r.exec }), { plan: 0, exec: 0 });
  console.log(
    `${kind} ${w}: ${list.length} requests, ${c} at a time: wall p50 ${q(walls, 0.5).toFixed(1)} p95 ${q(walls, 0.95).toFixed(1)} ms, ${(list.length / secs).toFixed(0)} req/s; ` +
      `PG per request plan ${per(sum.plan)} + exec ${per(sum.exec)} ms; load ${load}`,
  );
  for (const r of rows.slice(0, 8)) console.log(`   plan ${per(r.plan)} exec ${per(r.exec)} calls ${(r.calls / list.length).toFixed(2)}  ${r.query}`);
}
await close();
await admin.end();
process.exit(0);
