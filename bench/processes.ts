/**
 * The processes and folders `npm run bench` starts (servers, embedded PostgreSQL, temp dirs) and their
 * clean stop — at the end, on error and on Ctrl-C — plus the helpers that start and measure them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { EmbeddedPg } from '../server/src/db/embedded';

const ROOT = path.resolve(import.meta.dirname, '..');

export const log = (m: string) => {
  if (!aborted) console.log(`[bench] ${m}`);
};

// ---------------------------------------------------------------------------------------------- cleanup

export const children = new Set<ChildProcess>();
export const tempDirs = new Set<string>();
export const databases = new Set<EmbeddedPg>();
let cleaning: Promise<void> | undefined;

export function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function stopChild(child: ChildProcess, graceful?: () => void): Promise<void> {
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

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A PostgreSQL left behind by a main.ts that did not stop cleanly: stop it by its own pid file. */
export async function stopLeftoverPostgres(dataDir: string): Promise<void> {
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

export function cleanup(): Promise<void> {
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
/** Whether Ctrl-C (or SIGTERM) asked everything to stop. */
export const isAborted = () => aborted;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // Ctrl-C reaches us twice (from the terminal and relayed by the tsx CLI): act once.
  process.on(signal, () => {
    if (aborted) return;
    log(`${signal}: stopping everything the benchmark started…`);
    aborted = true;
    void cleanup().finally(() => process.exit(130));
  });
}

export function tempDir(label: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ld-bench-${label}-`));
  // The embedded PostgreSQL runs as the postgres user when we are root: it must reach the folder.
  chmodSync(dir, 0o755);
  tempDirs.add(dir);
  return dir;
}

export function freePort(): Promise<number> {
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
export function childEnv(extra: Record<string, string>, logLevel = 'warn'): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'PGPORT_EMBEDDED', 'DEMO', 'LOG_LEVEL']) delete env[k];
  return { ...env, HOST: '127.0.0.1', LOG_LEVEL: logLevel, ...extra };
}

// ---------------------------------------------------------------------------------------------- children

export interface Started {
  child: ChildProcess;
  url: string;
}

export function startChild(script: string, env: NodeJS.ProcessEnv, label: string, nodeFlags: string[] = []): Promise<Started> {
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

export function vmRssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

/** RSS of the server process after two GCs and a short idle pause (VmRSS from /proc, PostgreSQL not included). */
export async function serverMemory(child: ChildProcess): Promise<{ rss_mb: number; heap_used_mb: number; gc: boolean }> {
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
