/**
 * The processes `npm run bench` starts (bench/run.ts): the start-time measurement of `server/src/main.ts`, the three
 * servers of the figures (the real application, the bare baseline and the floor, side by side), the wait for
 * PostgreSQL to finish a run's leftover requests, and their stop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type pg from 'pg';
import { childEnv, children, freePort, log, type Started, startChild, stopChild, stopLeftoverPostgres, tempDir, waitExit } from './processes';
import type { StartTimes } from './report';
import { timed } from './steps';

const ROOT = path.resolve(import.meta.dirname, '..');

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
export async function measureStarts(logLevel: string): Promise<StartTimes> {
  const dataDir = tempDir('start');
  const times: Record<string, number> = {};
  for (const phase of ['cold', 'warm'] as const) {
    const port = await freePort();
    const pgPort = await freePort();
    let out = '';
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'src', 'main.ts')], {
      cwd: ROOT,
      env: childEnv({ DATA_DIR: dataDir, PORT: String(port), PGPORT_EMBEDDED: String(pgPort) }, logLevel),
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

// ---------------------------------------------------------------------------------------------- the three servers

export interface Servers {
  real: Started;
  bare: Started;
  floor: Started;
}

/**
 * The real server (server-child.ts), the bare baseline (bare-child.ts) and the floor (floor-child.ts) on the bench
 * database. The three start side by side (their start-up is CPU work: tsx, imports, migrations, pools).
 */
export async function startServers(o: {
  databaseUrl: string;
  appDir: string;
  commissionId: string;
  logLevel: string;
  profile: boolean;
  resultsDir: string;
}): Promise<Servers> {
  const [realPort, barePort, floorPort] = [await freePort(), await freePort(), await freePort()];
  const [real, bare, floor] = await timed('servers: start (three at once)', () =>
    Promise.all([
      startChild('server-child.ts', childEnv({ DATABASE_URL: o.databaseUrl, DATA_DIR: o.appDir, PORT: String(realPort), DEMO: '0' }, o.logLevel), 'server', [
        '--expose-gc',
        ...(o.profile ? ['--cpu-prof', `--cpu-prof-dir=${o.resultsDir}`] : []),
      ]),
      // The server's DATA_DIR: the bare letter DOCX opens the stored texts with the server's SM4 key (DATA_DIR/keys.json).
      startChild('bare-child.ts', childEnv({ DATABASE_URL: o.databaseUrl, DATA_DIR: o.appDir, PORT: String(barePort) }, o.logLevel), 'bare baseline'),
      startChild(
        'floor-child.ts',
        childEnv({ DATABASE_URL: o.databaseUrl, PORT: String(floorPort), FLOOR_COMMISSION_ID: o.commissionId }, o.logLevel),
        'floor',
      ),
    ]),
  );
  return { real, bare, floor };
}

/** Stops the floor, the bare baseline and the real server, each by its stop message. */
export async function stopServers({ real, bare, floor }: Servers): Promise<void> {
  await stopChild(floor.child, () => floor.child.send({ type: 'stop' }));
  await stopChild(bare.child, () => bare.child.send({ type: 'stop' }));
  await stopChild(real.child, () => real.child.send({ type: 'stop' }));
}

/**
 * Waits until the servers have no active statement on the bench database (two polls in a row, pg-boss's own polling
 * aside), at most `drainMs`; counts a wait that ran out in `drained.timeouts`.
 */
export async function drain(pool: pg.Pool, drainMs: number, drained: { timeouts: number }): Promise<void> {
  const until = Date.now() + drainMs;
  let idle = 0;
  while (Date.now() < until && idle < 2) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND backend_type = 'client backend' AND state = 'active' AND query NOT LIKE '%pgboss.%'`,
    );
    idle = rows[0]!.n === 0 ? idle + 1 : 0;
    if (idle < 2) await new Promise((r) => setTimeout(r, 25));
  }
  if (idle < 2) drained.timeouts++;
}
