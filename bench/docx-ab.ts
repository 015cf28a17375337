/**
 * The letter DOCX figure alone on a kept data set (issue 12), old and new code alternated on the same data:
 *
 *   npx tsx bench/docx-ab.ts --dir=/tmp/docx-pg --port=55703 --http-port=3703 --roots=/tmp/docx-old,. --rounds=2
 *
 * Opens the kept data set (bench/kept-data-set.ts), refreshes its sessions, gives the 审查调查室 staff (sample
 * `issuer`, created once and kept in samples.json) each an issued letter of their own office (issuedLetterOf), then,
 * per round and per code root (`--roots`, a checkout of other code with node_modules linked), starts that root's real
 * server (bench/server-child.ts, DATA_DIR `--app-dir`, the same for every root so the kept texts open), keeps the
 * issued texts once (their first export renders), and measures `GET /api/v1/letters/:id/document.docx` at
 * `--connections` (32) after a warm-up, then on one connection; pg_stat_statements is reset before the timed run and
 * read after it: PostgreSQL ms per request (planning + execution) and its statements, heaviest first, and the server
 * process's CPU ms per request (/proc, user + system). `--profile-dir=<dir>`: V8 CPU profiles of the servers there. Prints one line
 * per run with the load average.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SESSION_COOKIE } from '../server/src/modules/auth';
import { createSessions, type SessionSample } from './generate';
import { issuedLetterOf, keepIssuedTexts } from './generate-reform';
import { arg, loadAverage, log, openKeptDataSet } from './kept-data-set';
import { measure, measureSequential, type Target } from './load';

const dir = arg('dir') ?? '/tmp/docx-pg';
const port = Number(arg('port') ?? 55703);
const httpPort = Number(arg('http-port') ?? 3703);
const appDir = arg('app-dir') ?? '/tmp/docx-app';
const roots = (arg('roots') ?? '.').split(',').map((r) => path.resolve(r));
const rounds = Number(arg('rounds') ?? 1);
const connections = Number(arg('connections') ?? 32);
const warmup = Number(arg('warmup') ?? 2);
const duration = Number(arg('duration') ?? 5);
const top = Number(arg('top') ?? 8);

const ds = await openKeptDataSet(dir, port, { sessions: true });
const { pool, samples } = ds;
if (!samples.issuer) {
  samples.issuer = await createSessions(pool, samples.commissionId, 'issuer', 200);
  writeFileSync(path.join(dir, 'samples.json'), JSON.stringify(samples));
}
const letterOf = await issuedLetterOf(
  pool,
  samples.commissionId,
  samples.issuer.map((s) => s.userId),
);
const sample: SessionSample[] = samples.issuer.filter((s) => letterOf.has(s.userId));
log(`${sample.length} issuers with a letter`);
await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
const dbid = (await pool.query<{ oid: number }>('SELECT oid FROM pg_database WHERE datname = current_database()')).rows[0]!.oid;
mkdirSync(appDir, { recursive: true });

/** User + system CPU ms of a process so far (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

function startServer(root: string): Promise<{ child: ChildProcess; url: string }> {
  const env = { ...process.env, DATABASE_URL: ds.url, DATA_DIR: appDir, PORT: String(httpPort), DEMO: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const prof = arg('profile-dir');
  const flags = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', path.join(root, 'bench', 'server-child.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  child.stdout?.on('data', (c) => (out += c));
  child.stderr?.on('data', (c) => (out += c));
  return new Promise((resolve, reject) => {
    child.on('message', (m: { type: string; url?: string }) => {
      if (m.type === 'ready') resolve({ child, url: m.url!.replace('localhost', '127.0.0.1') });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out.slice(-3000)}`)));
  });
}

const target = (url: string): Target => ({
  baseUrl: url,
  path: (i) => `/api/v1/letters/${letterOf.get(sample[i % sample.length]!.userId)}/document.docx`,
  headers: (i) => ({ cookie: `${SESSION_COOKIE}=${sample[i % sample.length]!.token}` }),
});

let kept = false;
for (let round = 1; round <= rounds; round++) {
  for (const root of roots) {
    const server = await startServer(root);
    if (!kept) {
      const k = await keepIssuedTexts(server.url, SESSION_COOKIE, sample, letterOf);
      log(`kept ${k.letters} issued texts in ${k.ms} ms`);
      kept = true;
    }
    // Every account once, four at a time: its session and scope are cached before the warm-up, as in a server that
    // has been up (a fresh server computes each reader's scope at its first request).
    let next = 0;
    const warmOne = async () => {
      while (next < sample.length) {
        const i = next++;
        const res = await fetch(`${server.url}${target(server.url).path(i)}`, { headers: target(server.url).headers!(i) });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`warming: the export answered ${res.status}`);
      }
    };
    await Promise.all([warmOne(), warmOne(), warmOne(), warmOne()]);
    let stmts: { query: string; calls: number; ms: number; plan_ms: number }[] = [];
    let answered = 0;
    let cpu0 = 0;
    let cpu1 = 0;
    const m = await measure(
      target(server.url),
      { connections, warmupSeconds: warmup, durationSeconds: duration, maxRequests: 1e7 },
      {
        start: async () => {
          await pool.query('SELECT pg_stat_statements_reset()');
          cpu0 = cpuMs(server.child.pid!);
        },
        end: async (n) => {
          cpu1 = cpuMs(server.child.pid!);
          answered = n;
          const { rows } = await pool.query<{ query: string; calls: number; ms: number; plan_ms: number }>(
            `SELECT query, calls::float8 AS calls, (total_exec_time + total_plan_time)::float8 AS ms, total_plan_time::float8 AS plan_ms
               FROM pg_stat_statements(true) WHERE dbid = $1 AND query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE '%pgboss.%'
              ORDER BY 3 DESC`,
            [dbid],
          );
          stmts = rows;
        },
      },
    );
    const load32 = loadAverage();
    const one = await measureSequential(target(server.url), 3);
    const pgMs = stmts.reduce((a, s) => a + s.ms, 0) / Math.max(answered, 1);
    const calls = stmts.reduce((a, s) => a + s.calls, 0) / Math.max(answered, 1);
    console.log(
      `round ${round} ${path.basename(root)}: 32 conns p95 ${m.p95_ms} ms, ${m.rps} req/s (non2xx ${m.non2xx}), PG ${pgMs.toFixed(2)} ms/req in ${calls.toFixed(1)} statements, server CPU ${((cpu1 - cpu0) / Math.max(answered, 1)).toFixed(2)} ms/req; one conn p95 ${one.p95_ms} ms; load ${load32}`,
    );
    for (const s of stmts.slice(0, top))
      console.log(
        `   ${(s.ms / Math.max(answered, 1)).toFixed(3)} ms/req (plan ${(s.plan_ms / Math.max(answered, 1)).toFixed(3)}), ${(s.calls / Math.max(answered, 1)).toFixed(2)}/req: ${s.query.replace(/\s+/g, ' ').slice(0, 160)}`,
      );
    server.child.removeAllListeners('exit');
    server.child.send({ type: 'stop' });
    await new Promise((r) => server.child.once('exit', r));
  }
}
await pool.end();
await ds.stop();
