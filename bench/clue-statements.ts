/**
 * Every statement one GET /clues request issues, per reader kind, as pg_stat_statements sees them (issue 12): on the kept
 * data set of bench/casework-dataset.ts, the real server (startServer, in this process) answers `--requests` requests of
 * the bench's clue figure (`/api/v1/clues?pageSize=20`, the cookie rotating over the kind's sample) one at a time after a
 * warm-up of as many; then per statement: calls per request, mean planning and execution ms, and PostgreSQL 18's
 * generic/custom plan counts of the named ones. With `--plans`, also the plans a pool's connection keeps per named
 * statement (pg_prepared_statements of one connection that served `--requests` readers of the kind).
 *
 *   npx tsx bench/clue-statements.ts [--dir=/tmp/clue-pg] [--kinds=group,office,county,leader] [--requests=200] [--path=/api/v1/clues?pageSize=20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../server/src/config';
import { SESSION_COOKIE } from '../server/src/modules/auth';
import { startServer } from '../server/src/server';
import type { SessionSample } from './generate';
import { arg, loadAverage, readSamples } from './kept-data-set';

const dir = arg('dir') ?? '/tmp/clue-pg';
const kinds = (arg('kinds') ?? 'group,office,county,leader').split(',');
const requests = Number(arg('requests') ?? 200);
const route = arg('path') ?? '/api/v1/clues?pageSize=20';
const samples = readSamples(dir);

const appDir = mkdtempSync(path.join(tmpdir(), 'clue-statements-'));
const server = await startServer(
  loadConfig({ ...process.env, DATABASE_URL: samples.url, DATA_DIR: appDir, PORT: arg('port') ?? '3471', DEMO: '0', LOG_LEVEL: 'warn' }),
  () => undefined,
);
const stats = new pg.Pool({ connectionString: samples.url, max: 1 });
await stats.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
console.log(`load average ${loadAverage()}; ${route}`);

async function hit(s: SessionSample): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${server.url}${route}`, { headers: { cookie: `${SESSION_COOKIE}=${s.token}` } });
  if (res.status !== 200) throw new Error(`${s.username}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return performance.now() - t0;
}

try {
  for (const kind of kinds) {
    const sample = samples[kind] ?? [];
    if (!sample.length) continue;
    for (let i = 0; i < requests; i++) await hit(sample[i % sample.length]!);
    await stats.query('SELECT pg_stat_statements_reset()');
    const walls: number[] = [];
    for (let i = 0; i < requests; i++) walls.push(await hit(sample[i % sample.length]!));
    const { rows } = await stats.query<{
      calls: number;
      plan: number;
      exec: number;
      plans: number;
      query: string;
    }>(
      `SELECT calls::int, total_plan_time / greatest(calls, 1) AS plan, total_exec_time / greatest(calls, 1) AS exec,
         plans::int AS plans, query
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%pgboss.%' ORDER BY (total_plan_time + total_exec_time) DESC`,
    );
    walls.sort((a, b) => a - b);
    const sum = rows.reduce((a, r) => a + r.calls * (r.plan + r.exec), 0);
    console.log(
      `\n${kind}: ${sample.length} accounts, ${requests} requests one at a time: wall p50 ${walls[Math.floor(requests / 2)]!.toFixed(1)} ms, p95 ${walls[Math.floor(requests * 0.95)]!.toFixed(1)} ms; PostgreSQL ${(sum / requests).toFixed(2)} ms and ${(rows.reduce((a, r) => a + r.calls, 0) / requests).toFixed(1)} statements per request`,
    );
    for (const r of rows) {
      console.log(
        `  ${(r.calls / requests).toFixed(2).padStart(5)}/req plan ${r.plan.toFixed(2).padStart(6)} exec ${r.exec.toFixed(2).padStart(6)} ms  planned ${r.plans}/${r.calls}  ${r.query.replace(/\s+/g, ' ').slice(0, 150)}`,
      );
    }
  }
} finally {
  await stats.end();
  await server.stop();
  rmSync(appDir, { recursive: true, force: true });
}
