/**
 * `npm run bench [-- --scale=small|full] [--connections=32] [--duration=S] [--warmup=S] [--skip-start] [--profile] [--only=name,…]`
 *
 * 1. Start times: `server/src/main.ts` on a fresh DATA_DIR (cold: initdb, migrations, demo data) and
 *    again on the same DATA_DIR (warm), each until GET /api/v1/health answers 200; then SIGINT and
 *    the time it takes to exit.
 * 2. A throwaway embedded PostgreSQL in a temp dir, migrated and filled by bench/generate.ts.
 * 3. The real server in a child process (bench/server-child.ts: RSS measured alone) and the bare
 *    baseline in another (bench/bare-child.ts).
 * 4. Per endpoint: warm-up, then a timed run at N connections over 127.0.0.1, the cookie (real) or
 *    `?u=` (bare) rotating over a sample of accounts so that each request has another scope.
 * 5. A table on stdout and bench/results/latest.json. Everything started is stopped and removed,
 *    also on error and on Ctrl-C.
 */
import { generateSupervision, SUPERVISION_SCALES } from './generate-supervision';
import { BENCH_SEARCH_Q } from './casework-query';
import { CLUE_SCALES, generateClues } from './generate-clues';
import { generateReform, issuedLetterOf, REFORM_SCALES } from './generate-reform';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type EmbeddedPg, startEmbeddedPg, withDatabase } from '../server/src/db/embedded';
import { migrate } from '../server/src/db/migrate';
import { SESSION_COOKIE } from '../server/src/modules/auth/session';
import { ensureDatabase } from '../server/src/server';
import { createSessions, generate, SCALES, type SessionSample } from './generate';
import { type Measured, measure } from './load';
import { type Output, printReport, type StartTimes } from './report';
import { sqlBreakdown } from './sql-breakdown';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench', 'results');

// ---------------------------------------------------------------------------------------------- options

function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  const hit = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(prefix));
  if (!hit) return undefined;
  return hit.startsWith(prefix) ? hit.slice(prefix.length) : 'true';
}

const scaleName = (arg('scale') ?? 'full') as 'small' | 'full';
if (!(scaleName in SCALES)) throw new Error(`--scale must be small or full, not ${scaleName}`);
const scale = SCALES[scaleName];
const connections = Number(arg('connections') ?? 32);
const warmupSeconds = Number(arg('warmup') ?? 3);
const durationSeconds = Number(arg('duration') ?? (scaleName === 'small' ? 5 : 10));
const skipStart = arg('skip-start') === 'true';
const sampleSize = Number(arg('sessions') ?? 200);
const logLevel = arg('log-level') ?? 'warn';
/** Write V8 CPU profiles of the real server's threads (whole run) to bench/results/CPU.*.cpuprofile. */
const profile = arg('profile') === 'true';
const MAX_REQUESTS_PER_RUN = 2_000_000;
/** `--only=a,b`: measure only the endpoints whose name contains one of these (case-insensitive); the data set is built in full. */
const only = (arg('only') ?? '')
  .split(',')
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);

const log = (m: string) => {
  if (!aborted) console.log(`[bench] ${m}`);
};

// ---------------------------------------------------------------------------------------------- cleanup

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
const databases = new Set<EmbeddedPg>();
let cleaning: Promise<void> | undefined;

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopChild(child: ChildProcess, graceful?: () => void): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    if (graceful && child.connected) graceful();
    else child.kill('SIGINT');
    if (!(await waitExit(child, 20_000))) {
      child.kill('SIGKILL');
      await waitExit(child, 5_000);
    }
  }
  children.delete(child);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A PostgreSQL left behind by a main.ts that did not stop cleanly: stop it by its own pid file. */
async function stopLeftoverPostgres(dataDir: string): Promise<void> {
  const pointer = path.join(dataDir, 'pg.location');
  const cluster = existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : path.join(dataDir, 'pg');
  const pidFile = path.join(cluster, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !pidAlive(pid)) return;
  log(`stopping a PostgreSQL left running by main.ts (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 150 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all([...children].map((c) => stopChild(c, () => c.send({ type: 'stop' }))));
    for (const db of databases) await db.stop().catch(() => undefined);
    databases.clear();
    for (const dir of tempDirs) {
      await stopLeftoverPostgres(dir).catch(() => undefined);
      const pointer = path.join(dir, 'pg.location');
      if (existsSync(pointer)) rmSync(readFileSync(pointer, 'utf8').trim(), { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
    tempDirs.clear();
  })();
  return cleaning;
}

let aborted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // Ctrl-C reaches us twice (from the terminal and relayed by the tsx CLI): act once.
  process.on(signal, () => {
    if (aborted) return;
    log(`${signal}: stopping everything the benchmark started…`);
    aborted = true;
    void cleanup().finally(() => process.exit(130));
  });
}

function tempDir(label: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ld-bench-${label}-`));
  // The embedded PostgreSQL runs as the postgres user when we are root: it must reach the folder.
  chmodSync(dir, 0o755);
  tempDirs.add(dir);
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Environment for the processes we start: no inherited DATABASE_URL or keys unless given. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'PGPORT_EMBEDDED', 'DEMO', 'LOG_LEVEL']) delete env[k];
  return { ...env, HOST: '127.0.0.1', LOG_LEVEL: logLevel, ...extra };
}

// ---------------------------------------------------------------------------------------------- start times

async function waitHealthy(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited during start (${child.exitCode ?? child.signalCode}):\n${output().slice(-3000)}`);
    try {
      const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`server did not answer /api/v1/health within ${timeoutMs / 1000} s:\n${output().slice(-3000)}`);
}

/** `node --import tsx server/src/main.ts` until healthy, then SIGINT until it exits; twice on one DATA_DIR. */
async function measureStarts(): Promise<StartTimes> {
  const dataDir = tempDir('start');
  const times: Record<string, number> = {};
  for (const phase of ['cold', 'warm'] as const) {
    const port = await freePort();
    const pgPort = await freePort();
    let out = '';
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'src', 'main.ts')], {
      cwd: ROOT,
      env: childEnv({ DATA_DIR: dataDir, PORT: String(port), PGPORT_EMBEDDED: String(pgPort) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    child.stdout?.on('data', (c) => (out += c));
    child.stderr?.on('data', (c) => (out += c));
    await waitHealthy(`http://127.0.0.1:${port}`, child, () => out, 300_000);
    times[`${phase}_start_ms`] = Math.round(performance.now() - started);
    const stopping = performance.now();
    child.kill('SIGINT');
    if (!(await waitExit(child, 60_000))) throw new Error(`main.ts did not exit within 60 s of SIGINT:\n${out.slice(-2000)}`);
    times[`${phase}_stop_ms`] = Math.round(performance.now() - stopping);
    children.delete(child);
    if (child.exitCode !== 0) throw new Error(`main.ts exited with ${child.exitCode ?? child.signalCode} after SIGINT:\n${out.slice(-2000)}`);
    await stopLeftoverPostgres(dataDir);
    log(`${phase} start ${times[`${phase}_start_ms`]} ms, stop ${times[`${phase}_stop_ms`]} ms`);
  }
  return times as unknown as StartTimes;
}

// ---------------------------------------------------------------------------------------------- children

interface Started {
  child: ChildProcess;
  url: string;
}

function startChild(script: string, env: NodeJS.ProcessEnv, label: string, nodeFlags: string[] = []): Promise<Started> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', path.join(ROOT, 'bench', script)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.add(child);
  let out = '';
  const onOutput = (c: Buffer) => {
    out += c;
    if (out.length > 20000) out = out.slice(-10000);
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start within 120 s:\n${out.slice(-3000)}`)), 120_000);
    child.on('message', (m: { type: string; url?: string }) => {
      if (m.type === 'ready' && m.url) {
        clearTimeout(timer);
        resolve({ child, url: m.url });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code}):\n${out.slice(-3000)}`));
    });
  });
}

function vmRssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

/** RSS of the server process after two GCs and a short idle pause (VmRSS from /proc, PostgreSQL not included). */
async function serverMemory(child: ChildProcess): Promise<{ rss_mb: number; heap_used_mb: number; gc: boolean }> {
  const reply = new Promise<{ heapUsed: number; gc: boolean }>((resolve) => {
    const onMessage = (m: { type: string; heapUsed: number; gc: boolean }) => {
      if (m.type !== 'memory') return;
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
  });
  child.send({ type: 'memory' });
  const m = await reply;
  await new Promise((r) => setTimeout(r, 500));
  const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
  return { rss_mb: mb(vmRssBytes(child.pid!)), heap_used_mb: mb(m.heapUsed), gc: m.gc };
}

// ---------------------------------------------------------------------------------------------- figures

interface Endpoint {
  name: string;
  realPath: string;
  barePath: string;
  sample: 'group' | 'mixed' | 'coordinator' | 'office';
  /** Only the bare route exists (a reference the real endpoint is compared with). */
  bareOnly?: boolean;
  /** A path per account (`:letter` in realPath, `&id=` on the bare side: the account's own issued letter). */
  perLetter?: boolean;
  /** The answer is a file: rows = its size in KiB. */
  binary?: boolean;
  /** Rows the endpoint's main query returned, and the size of the account's scope, from a response body. */
  rows(body: unknown): { rows: number; scope: number };
}

interface MeBody {
  scope: { orgCount: number };
}
interface ListBody {
  items?: unknown[];
  total?: number;
}

const meRows = (body: unknown) => {
  const n = (body as MeBody).scope.orgCount;
  return { rows: n, scope: n };
};
const fileRows = (body: unknown) => ({ rows: Math.round(((body as ArrayBuffer).byteLength / 1024) * 10) / 10, scope: 0 });
const listRows = (body: unknown) => {
  const b = body as ListBody;
  const items = Array.isArray(body) ? body : (b.items ?? []);
  return { rows: items.length, scope: b.total ?? Number.NaN };
};

const ENDPOINTS: Endpoint[] = [
  { name: 'GET /api/v1/me', realPath: '/api/v1/me', barePath: '/bare/me', sample: 'group', rows: meRows },
  { name: 'GET /api/v1/orgs', realPath: '/api/v1/orgs?pageSize=50', barePath: '/bare/orgs', sample: 'group', rows: listRows },
  { name: 'GET /api/v1/orgs (mixed roles)', realPath: '/api/v1/orgs?pageSize=50', barePath: '/bare/orgs', sample: 'mixed', rows: listRows },
  {
    name: 'GET /api/v1/supervision/my-items',
    realPath: '/api/v1/supervision/my-items?role=all&pageSize=20',
    barePath: '/bare/my-items',
    sample: 'group',
    rows: listRows,
  },
  {
    name: 'GET /api/v1/supervision/matrix (one year)',
    realPath: '/api/v1/supervision/matrix?year=2026',
    barePath: '/bare/matrix',
    sample: 'coordinator',
    rows: (body: unknown) => ({ rows: (body as { cells: unknown[] }).cells.length, scope: 0 }),
  },
  // issue 4: the scoped clue ledger, full-text search against an unindexed ILIKE scan, the dashboard
  { name: 'GET /api/v1/clues (group staff)', realPath: '/api/v1/clues?pageSize=20', barePath: '/bare/clues', sample: 'group', rows: listRows },
  {
    name: 'GET /api/v1/casework/search (group staff)',
    realPath: `/api/v1/casework/search?q=${encodeURIComponent(BENCH_SEARCH_Q)}`,
    barePath: '/bare/search',
    sample: 'group',
    rows: listRows,
  },
  {
    name: 'GET /api/v1/casework/search (mixed roles)',
    realPath: `/api/v1/casework/search?q=${encodeURIComponent(BENCH_SEARCH_Q)}`,
    barePath: '/bare/search',
    sample: 'mixed',
    rows: listRows,
  },
  { name: 'search as ILIKE scan, no index (group staff)', realPath: '', barePath: '/bare/search-ilike', sample: 'group', bareOnly: true, rows: listRows },
  {
    name: 'GET /api/v1/casework/dashboard (mixed roles)',
    realPath: '/api/v1/casework/dashboard?year=2026',
    barePath: '/bare/casework-dashboard',
    sample: 'mixed',
    rows: (body: unknown) => {
      const n = (body as { intake: { total: number } }).intake.total;
      return { rows: n, scope: n };
    },
  },
  // issue 5: the issuing office's letter ledger, and a letter's DOCX rendered on demand (vs. the same bytes from memory)
  { name: 'GET /api/v1/recommendations (office staff)', realPath: '/api/v1/recommendations', barePath: '/bare/letters', sample: 'office', rows: listRows },
  {
    name: 'GET /api/v1/recommendations/:id/document.docx',
    realPath: '/api/v1/recommendations/:letter/document.docx',
    barePath: '/bare/letter-docx',
    sample: 'office',
    perLetter: true,
    binary: true,
    rows: fileRows,
  },
  {
    name: 'same DOCX served from memory (no SQL, no rendering)',
    realPath: '',
    barePath: '/bare/letter-docx-static',
    sample: 'office',
    perLetter: true,
    binary: true,
    bareOnly: true,
    rows: fileRows,
  },
];

/** The issued letter each account of the office sample exports (its own office's). */
const letterOf = new Map<string, string>();

/** One pass over the sample, sequentially: every account must get 200; returns mean rows/scope. */
interface Probe {
  status: number;
  body?: string;
  rows?: number;
  scope?: number;
  scopes?: Map<string, number>;
}

async function probe(
  baseUrl: string,
  sample: SessionSample[],
  request: (s: SessionSample) => { path: string; headers: Record<string, string> },
  rows: Endpoint['rows'],
  binary = false,
): Promise<Probe> {
  let sumRows = 0;
  let sumScope = 0;
  const scopes = new Map<string, number>();
  let failed: Probe | undefined;
  let next = 0;
  // Four at a time: quick enough at full scale, and a first look at the server under concurrency.
  const worker = async () => {
    while (!failed && next < sample.length) {
      const s = sample[next++]!;
      const r = request(s);
      const res = await fetch(`${baseUrl}${r.path}`, { headers: r.headers });
      if (res.status !== 200) {
        failed = { status: res.status, body: (await res.text()).slice(0, 500) };
        return;
      }
      const counted = rows(binary ? await res.arrayBuffer() : await res.json());
      sumRows += counted.rows;
      sumScope += counted.scope;
      scopes.set(s.userId, counted.scope);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  if (failed) return failed;
  const avg = (v: number) => Math.round((v / sample.length) * 10) / 10;
  return { status: 200, rows: avg(sumRows), scope: avg(sumScope), scopes };
}

// ---------------------------------------------------------------------------------------------- SQL alone

// ---------------------------------------------------------------------------------------------- main

async function main() {
  const startedAt = Date.now();
  const out: Output = {
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      memory_gb: Math.round(os.totalmem() / 1024 ** 3),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      load_avg_at_start: os.loadavg().map((v) => Math.round(v * 100) / 100),
    },
    at: new Date().toISOString(),
    scale: scaleName,
    connections,
    warmup_s: warmupSeconds,
    duration_s: durationSeconds,
    figures: [],
    server: {},
    goals: {},
    notes: [
      'Load generator (autocannon, in the orchestrator process), server, baseline and PostgreSQL share the same machine; figures are relative, not capacity planning.',
      `Server log level ${logLevel}${profile ? ', CPU profiling on (slower)' : ''}. p95 is computed from every 2xx response time; rps is 2xx responses per second of the measured run.`,
      'Bare baseline: plain Fastify calling listOrgs / getMe directly on a pool of 20 (same SQL by construction), account from ?u= resolved once (no session lookup, hooks, zod, helmet or presentation).',
    ],
  };
  log(`scale ${scaleName}: ${connections} connections, warm-up ${warmupSeconds} s, ${durationSeconds} s per run`);

  // 1. start times
  if (!skipStart) {
    try {
      Object.assign(out.server, await measureStarts());
    } catch (err) {
      out.server.start_error = (err as Error).message.split('\n')[0];
      log(`start-time measurement failed: ${(err as Error).message}`);
    }
  }

  // 2. data set in a throwaway database
  const work = tempDir('db');
  const pgPort = await freePort();
  const embedded = await startEmbeddedPg({ dataDir: path.join(work, 'pg'), port: pgPort, log: (l) => log(`postgres: ${l}`) });
  databases.add(embedded);
  await ensureDatabase(embedded.url, 'liandong_bench');
  const databaseUrl = withDatabase(embedded.url, 'liandong_bench');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', () => undefined);
  try {
    out.machine.postgres = (await pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v;
    await migrate(pool);
    const data = await generate(databaseUrl, scale, log);
    const samples = {
      group: await createSessions(pool, data.commissionId, 'group', sampleSize),
      mixed: await createSessions(pool, data.commissionId, 'mixed', sampleSize),
      coordinator: await createSessions(pool, data.commissionId, 'coordinator', 20),
      office: await createSessions(pool, data.commissionId, 'office', sampleSize),
    };
    out.supervision = await generateSupervision(pool, data.commissionId, SUPERVISION_SCALES[scaleName], log);
    out.clues = await generateClues(pool, data.commissionId, CLUE_SCALES[scaleName], log);
    out.reform = await generateReform(pool, data.commissionId, REFORM_SCALES[scaleName], log);
    for (const [u, l] of await issuedLetterOf(
      pool,
      data.commissionId,
      samples.office.map((s) => s.userId),
    ))
      letterOf.set(u, l);
    // The DOCX figures need an issued letter per account: keep the office accounts that have one.
    samples.office = samples.office.filter((s) => letterOf.has(s.userId));
    const { commissionId: _cid, ...counts } = data;
    out.dataset = { ...counts, sessions: { group: samples.group.length, mixed: samples.mixed.length, office: samples.office.length } };
    const mixRoles: Record<string, number> = {};
    for (const s of samples.mixed) mixRoles[s.role] = (mixRoles[s.role] ?? 0) + 1;
    log(`sessions: ${samples.group.length} group staff, ${samples.mixed.length} mixed (${JSON.stringify(mixRoles)})`);
    out.sql_accounts = 20;
    out.sql = { group: await sqlBreakdown(databaseUrl, samples.group), mixed: await sqlBreakdown(databaseUrl, samples.mixed) };

    // 3. the real server and the bare baseline
    const appDir = path.join(work, 'app');
    mkdirSync(appDir, { recursive: true });
    const real = await startChild(
      'server-child.ts',
      childEnv({ DATABASE_URL: databaseUrl, DATA_DIR: appDir, PORT: String(await freePort()), DEMO: '0' }),
      'server',
      ['--expose-gc', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${RESULTS}`] : [])],
    );
    log(`server ready at ${real.url} (pid ${real.child.pid})`);
    await new Promise((r) => setTimeout(r, 3000));
    const idle = await serverMemory(real.child);
    out.server.rss_idle_mb = idle.rss_mb;
    out.server.heap_used_idle_mb = idle.heap_used_mb;
    log(`server RSS at idle ${idle.rss_mb} MB (heap used ${idle.heap_used_mb} MB)`);
    const bare = await startChild('bare-child.ts', childEnv({ DATABASE_URL: databaseUrl, PORT: String(await freePort()) }), 'bare baseline');
    log(`bare baseline ready at ${bare.url}`);

    // 4. endpoints
    const loadOpts = { connections, warmupSeconds, durationSeconds, maxRequests: MAX_REQUESTS_PER_RUN };
    for (const ep of ENDPOINTS.filter((e) => !only.length || only.some((o) => e.name.toLowerCase().includes(o)))) {
      const sample = samples[ep.sample];
      const realPath = (s: SessionSample) => (ep.perLetter ? ep.realPath.replace(':letter', letterOf.get(s.userId)!) : ep.realPath);
      const realReq = (s: SessionSample) => ({ path: realPath(s), headers: { cookie: `${SESSION_COOKIE}=${s.token}` } });
      const bareReq = (s: SessionSample) => ({ path: `${ep.barePath}?u=${s.userId}${ep.perLetter ? `&id=${letterOf.get(s.userId)}` : ''}`, headers: {} });
      if (sample.length === 0) {
        out.notes.push(`${ep.name}: no account in the ${ep.sample} sample, not measured`);
        continue;
      }
      const bareProbe = await probe(bare.url, sample, bareReq, ep.rows, ep.binary);
      if (bareProbe.status !== 200) throw new Error(`${ep.barePath} answered ${bareProbe.status}: ${bareProbe.body}`);
      const realProbe = ep.bareOnly ? bareProbe : await probe(real.url, sample, realReq, ep.rows, ep.binary);
      const base = {
        name: ep.name,
        connections,
        sample: ep.sample,
        accounts: sample.length,
      };
      log(`${ep.name}: baseline…`);
      const b = await measure({ baseUrl: bare.url, path: (i) => bareReq(sample[i % sample.length]!).path }, loadOpts);
      if (ep.bareOnly) {
        out.figures.push({
          ...base,
          p50_ms: b.p50_ms,
          p95_ms: b.p95_ms,
          rps: b.rps,
          baseline_rps: b.rps,
          ratio: null,
          rows: bareProbe.rows ?? null,
          scope_avg: bareProbe.scope ?? null,
          p99_ms: b.p99_ms,
          baseline_p50_ms: b.p50_ms,
          baseline_p95_ms: b.p95_ms,
          requests: b.ok,
          baseline_requests: b.ok,
          non2xx: b.non2xx,
          errors: b.errors,
          note: 'reference only: the bare route, no real endpoint',
        });
        log(`${ep.name}: p50 ${b.p50_ms} ms, p95 ${b.p95_ms} ms, ${b.rps} req/s`);
        continue;
      }
      if (realProbe.status !== 200) {
        const note =
          realProbe.status === 404 && !existsSync(path.join(ROOT, 'server', 'src', 'modules', 'orgs'))
            ? `${ep.realPath} not present yet (server/src/modules/orgs missing): baseline only`
            : `${ep.realPath} answered ${realProbe.status}: ${realProbe.body}`;
        log(`${ep.name}: ${note}`);
        out.figures.push({
          ...base,
          p50_ms: null,
          p95_ms: null,
          rps: null,
          baseline_rps: b.rps,
          ratio: null,
          rows: null,
          scope_avg: bareProbe.scope ?? null,
          p99_ms: null,
          baseline_p50_ms: b.p50_ms,
          baseline_p95_ms: b.p95_ms,
          requests: null,
          baseline_requests: b.ok,
          non2xx: null,
          errors: null,
          note,
        });
        continue;
      }
      const mismatched = sample.filter((s) => realProbe.scopes?.get(s.userId) !== bareProbe.scopes?.get(s.userId)).length;
      if (mismatched) out.notes.push(`${ep.name}: scope size differs between real and bare for ${mismatched}/${sample.length} accounts`);
      log(`${ep.name}: real…`);
      const r: Measured = await measure(
        { baseUrl: real.url, path: (i) => realReq(sample[i % sample.length]!).path, headers: (i) => realReq(sample[i % sample.length]!).headers },
        loadOpts,
      );
      const ratio = b.rps > 0 ? Math.round((r.rps / b.rps) * 100) / 100 : null;
      out.figures.push({
        ...base,
        p50_ms: r.p50_ms,
        p95_ms: r.p95_ms,
        rps: r.rps,
        baseline_rps: b.rps,
        ratio,
        rows: realProbe.rows ?? null,
        scope_avg: realProbe.scope ?? null,
        p99_ms: r.p99_ms,
        baseline_p50_ms: b.p50_ms,
        baseline_p95_ms: b.p95_ms,
        requests: r.ok,
        baseline_requests: b.ok,
        non2xx: r.non2xx,
        errors: r.errors,
      });
      log(`${ep.name}: p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms, ${r.rps} req/s vs bare ${b.rps} req/s (ratio ${ratio})`);
      if (r.non2xx || r.errors) out.notes.push(`${ep.name}: ${r.non2xx} non-2xx responses, ${r.errors} errors during the run`);
    }

    await new Promise((r) => setTimeout(r, 2000));
    out.server.rss_after_load_mb = (await serverMemory(real.child)).rss_mb;
    await stopChild(bare.child, () => bare.child.send({ type: 'stop' }));
    await stopChild(real.child, () => real.child.send({ type: 'stop' }));
  } finally {
    await pool.end().catch(() => undefined);
  }

  // 5. report
  out.machine.load_avg_at_end = os.loadavg().map((v) => Math.round(v * 100) / 100);
  const busy = (out.machine.load_avg_at_start as number[])[0]!;
  if (busy > 1) out.notes.push(`the machine was already busy when the benchmark started (1-minute load average ${busy}): other processes compete for the CPUs`);
  const list = out.figures.find((f) => f.name === 'GET /api/v1/orgs');
  const fig = (name: string) => out.figures.find((f) => f.name === name);
  const ratioOf = (a: number | null | undefined, b: number | null | undefined) =>
    a === null || a === undefined || !b ? null : Math.round((a / b) * 1000) / 1000;
  const goal = (g: string, value: number | null | undefined, ok: (v: number) => boolean) => ({
    goal: g,
    value: value ?? null,
    met: value === null || value === undefined ? null : ok(value),
  });
  out.goals = {
    scoped_list_p95_ms: goal('≤ 20', list?.p95_ms, (v) => v <= 20),
    scoped_list_ratio: goal('≥ 0.5', list?.ratio, (v) => v >= 0.5),
    rss_idle_mb: goal('≤ 250', out.server.rss_idle_mb, (v) => v <= 250),
    clue_ledger_p95_ms: goal('≤ 30', fig('GET /api/v1/clues (group staff)')?.p95_ms, (v) => v <= 30),
    search_p95_ms: goal('≤ 50', fig('GET /api/v1/casework/search (group staff)')?.p95_ms, (v) => v <= 50),
    search_vs_ilike_p95: goal(
      '< 1 (search p95 / ILIKE-scan p95)',
      ratioOf(fig('GET /api/v1/casework/search (group staff)')?.p95_ms, fig('search as ILIKE scan, no index (group staff)')?.p95_ms),
      (v) => v < 1,
    ),
    casework_dashboard_p95_ms: goal('≤ 200', fig('GET /api/v1/casework/dashboard (mixed roles)')?.p95_ms, (v) => v <= 200),
    casework_dashboard_uncached_p95_ms: goal('≤ 200 (bare, no cache)', fig('GET /api/v1/casework/dashboard (mixed roles)')?.baseline_p95_ms, (v) => v <= 200),
    letter_ledger_p95_ms: goal('≤ 30', fig('GET /api/v1/recommendations (office staff)')?.p95_ms, (v) => v <= 30),
    letter_docx_p95_ms: goal('≤ 200', fig('GET /api/v1/recommendations/:id/document.docx')?.p95_ms, (v) => v <= 200),
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  printReport(out);
  log(`total ${((Date.now() - startedAt) / 1000).toFixed(0)} s; wrote bench/results/latest.json`);
}

try {
  await main();
} catch (err) {
  console.error(`[bench] failed: ${(err as Error).stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
// pg-boss / pool timers must not keep us alive once everything is stopped.
process.exit(process.exitCode ?? 0);
