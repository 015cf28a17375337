/**
 * Where one ledger request's CPU goes (issue 12): on a kept data set (bench/kept-data-set.ts), the real server in its
 * own process (server-child.ts) answers `--requests` requests of each `reader:ledger` one at a time (cookies rotating
 * over the reader's sample, after a warm-up of as many). Per request: wall p50/p95, the server process's CPU
 * (/proc/<pid>/stat utime+stime), the CPU of the server's PostgreSQL backends (the same from /proc, every client
 * backend of the bench database but this tool's own), PostgreSQL's planning + execution ms (pg_stat_statements,
 * planning tracked) and the statements sent. Backend CPU minus plan+exec is what PostgreSQL spends outside both
 * (parse, bind, protocol, sending rows); server CPU is Node's (routing, session, JSON, audit, the driver); the bytes
 * the server wrote per request (/proc/<pid>/io wchar: the statements' parameters sent to PostgreSQL and the answer).
 *
 *   npx tsx bench/ledger-cpu.ts --dir=/tmp/x-pg --port=55701 [--cases=office:letters,leader:letters,office:records,office:clues]
 *     [--requests=200] [--rounds=1] [--cpu-prof=<dir>]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SESSION_COOKIE } from '../server/src/modules/auth';
import type { LedgerKey } from './endpoints';
import type { SessionSample } from './generate';
import { arg, loadAverage, openKeptDataSet } from './kept-data-set';
import { ledgerPathFor } from './ledger-statements';
import { childEnv, startChild, stopChild } from './processes';

const TICK_MS = 1000 / 100; // USER_HZ

/** utime + stime of a process in ms. */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Bytes a process wrote (write/send syscalls: sockets included), from /proc/<pid>/io. */
function wcharBytes(pid: number): number {
  const m = /wchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
  return m ? Number(m[1]) : Number.NaN;
}

const dir = arg('dir') ?? '/tmp/prof-pg';
const dataSet = await openKeptDataSet(dir, Number(arg('port') ?? 55701), { sessions: true });
await dataSet.pool.end();
const { samples } = dataSet;
const appDir = mkdtempSync(path.join(tmpdir(), 'ledger-cpu-'));
const prof = arg('cpu-prof');
const server = await startChild(
  'server-child.ts',
  childEnv({ DATABASE_URL: samples.url, DATA_DIR: appDir, PORT: arg('server-port') ?? '3701', DEMO: '0' }),
  'server',
  prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [],
);
const stats = new pg.Pool({ connectionString: samples.url, max: 1 });
await stats.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
const ownPid = (await stats.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;

async function backendsCpu(): Promise<number> {
  const { rows } = await stats.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> $1`,
    [ownPid],
  );
  return rows.reduce((a, r) => a + cpuMs(r.pid), 0);
}

async function hit(route: string, s: SessionSample): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${server.url}${route}`, { headers: { cookie: `${SESSION_COOKIE}=${s.token}` } });
  if (res.status !== 200) throw new Error(`${s.username} ${route}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return performance.now() - t0;
}

const requests = Number(arg('requests') ?? 200);
const cases = (arg('cases') ?? 'office:letters,leader:letters,office:records,office:clues').split(',');
try {
  for (let round = 0; round < Number(arg('rounds') ?? 1); round++) {
    for (const c of cases) {
      const [kind, ledger] = c.split(':') as [string, LedgerKey];
      const sample = samples[kind] ?? [];
      const route = ledgerPathFor(ledger, kind);
      for (let i = 0; i < requests; i++) await hit(route, sample[i % sample.length]!);
      await stats.query('SELECT pg_stat_statements_reset()');
      const pgCpu0 = await backendsCpu();
      const nodeCpu0 = cpuMs(server.child.pid!);
      const written0 = wcharBytes(server.child.pid!);
      const walls: number[] = [];
      for (let i = 0; i < requests; i++) walls.push(await hit(route, sample[i % sample.length]!));
      const nodeCpu = cpuMs(server.child.pid!) - nodeCpu0;
      const written = wcharBytes(server.child.pid!) - written0;
      const pgCpu = (await backendsCpu()) - pgCpu0;
      const { rows } = await stats.query<{ calls: number; ms: number; plan: number }>(
        `SELECT sum(calls)::float8 AS calls, sum(total_plan_time + total_exec_time)::float8 AS ms, sum(total_plan_time)::float8 AS plan
           FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%pg_stat_activity%' AND query NOT ILIKE '%pgboss.%'`,
      );
      walls.sort((a, b) => a - b);
      const per = (x: number) => (x / requests).toFixed(2);
      console.log(
        `${c.padEnd(15)} load ${loadAverage()}  wall p50 ${walls[Math.floor(requests / 2)]!.toFixed(1)} p95 ${walls[Math.floor(requests * 0.95)]!.toFixed(1)} ms | node cpu ${per(nodeCpu)} | pg backend cpu ${per(pgCpu)} | pg plan+exec ${per(rows[0]!.ms)} (plan ${per(rows[0]!.plan)}) | statements ${per(rows[0]!.calls)} | node wrote ${(written / requests / 1024).toFixed(1)} KiB`,
      );
    }
  }
} catch (e) {
  // dataSet.stop() exits the process: the error is told before it.
  console.error(e);
  process.exitCode = 1;
} finally {
  await stats.end();
  await stopChild(server.child, () => server.child.send({ type: 'stop' }));
  rmSync(appDir, { recursive: true, force: true });
  await dataSet.stop();
}
