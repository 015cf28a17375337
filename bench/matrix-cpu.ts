/**
 * Where the supervision matrix's CPU goes (issue 12: GET /api/v1/supervision/matrix, one year, p95 ≤ 200 ms at 32
 * connections): on a kept data set (bench/kept-data-set.ts), the real server in its own process (server-child.ts)
 * answers the coordinator sample's matrix one request at a time (`--requests`, after as many as warm-up), then under
 * `--connections` for `--duration` seconds (autocannon, after a warm-up of 2 s). Per request: the server process's CPU
 * (/proc/<pid>/stat utime+stime) and the bytes it wrote; latency p50/p95 and req/s; the load average with each line.
 *
 *   npx tsx bench/matrix-cpu.ts --dir=/tmp/x-pg --port=55711 [--requests=200] [--connections=32] [--duration=10]
 *     [--rounds=1] [--cpu-prof=<dir>]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SESSION_COOKIE } from '../server/src/modules/auth';
import { createSessions } from './generate';
import { arg, loadAverage, openKeptDataSet } from './kept-data-set';
import { measure } from './load';
import { childEnv, startChild, stopChild } from './processes';

const TICK_MS = 1000 / 100; // USER_HZ

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}
const wcharBytes = (pid: number) => Number(/wchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? Number.NaN);

const ROUTE = `/api/v1/supervision/matrix?year=${arg('year') ?? '2026'}`;
const dataSet = await openKeptDataSet(arg('dir') ?? '/tmp/matrix-pg', Number(arg('port') ?? 55711), { sessions: true });
// A kept set filled without the coordinator sample gets its 20 sessions here (as the bench makes them).
const sample = dataSet.samples.coordinator ?? (await createSessions(dataSet.pool, dataSet.samples.commissionId, 'coordinator', 20));
await dataSet.pool.end();
if (sample.length === 0) {
  await dataSet.stop();
  throw new Error('no coordinator sample');
}
const appDir = mkdtempSync(path.join(tmpdir(), 'matrix-cpu-'));
const prof = arg('cpu-prof');
const server = await startChild(
  'server-child.ts',
  childEnv({ DATABASE_URL: dataSet.samples.url, DATA_DIR: appDir, PORT: arg('server-port') ?? '3711', DEMO: '0' }),
  'server',
  prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [],
);
const pid = server.child.pid!;
const headers = (i: number) => ({ cookie: `${SESSION_COOKIE}=${sample[i % sample.length]!.token}` });

async function hit(i: number): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${server.url}${ROUTE}`, { headers: headers(i) });
  if (res.status !== 200) throw new Error(`${ROUTE}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return performance.now() - t0;
}

const requests = Number(arg('requests') ?? 200);
const connections = Number(arg('connections') ?? 32);
const duration = Number(arg('duration') ?? 10);
try {
  for (let round = 0; round < Number(arg('rounds') ?? 1); round++) {
    for (let i = 0; i < requests; i++) await hit(i);
    let cpu0 = cpuMs(pid);
    let w0 = wcharBytes(pid);
    const walls: number[] = [];
    for (let i = 0; i < requests; i++) walls.push(await hit(i));
    walls.sort((a, b) => a - b);
    const per = (x: number, n: number) => (x / n).toFixed(2);
    console.log(
      `1 conn   load ${loadAverage()}  p50 ${walls[Math.floor(requests / 2)]!.toFixed(2)} p95 ${walls[Math.floor(requests * 0.95)]!.toFixed(2)} ms | node cpu ${per(cpuMs(pid) - cpu0, requests)} ms/req | wrote ${((wcharBytes(pid) - w0) / requests / 1024).toFixed(1)} KiB/req`,
    );
    const target = { baseUrl: server.url, path: () => ROUTE, headers };
    const m = await measure(
      target,
      { connections, warmupSeconds: 2, durationSeconds: duration, maxRequests: 1e9 },
      {
        start: async () => {
          cpu0 = cpuMs(pid);
          w0 = wcharBytes(pid);
        },
        end: async (n) => {
          console.log(
            `${connections} conns load ${loadAverage()}  node cpu ${per(cpuMs(pid) - cpu0, n)} ms/req | wrote ${((wcharBytes(pid) - w0) / n / 1024).toFixed(1)} KiB/req`,
          );
        },
      },
    );
    console.log(`${connections} conns ${m.rps} req/s  p50 ${m.p50_ms} p95 ${m.p95_ms} p99 ${m.p99_ms} ms  non2xx ${m.non2xx} errors ${m.errors}`);
  }
} finally {
  await stopChild(server.child, () => server.child.send({ type: 'stop' }));
  rmSync(appDir, { recursive: true, force: true });
  await dataSet.stop();
}
