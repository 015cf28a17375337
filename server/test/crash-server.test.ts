import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../src/db/pool';
import { SESSION_COOKIE } from '../src/modules/auth';
import { TEST_SM4_KEY } from './keys';
import { docCodeOf, type Outcome, purposeOf, retryAll, rowsPerKey, sessionToken } from './outage-kit';

/**
 * Issue 8, survival: the real server (`server/src/main.ts` → `startServer`) as a child process on its own
 * data folder with its embedded PostgreSQL, killed with SIGKILL in the middle of a burst of creates and
 * started again on the same folder (the orphaned PostgreSQL and its postmaster.pid are taken over).
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-crash-'));
chmodSync(dir, 0o755);
const port = 41000 + Math.floor(Math.random() * 3000);
const pgPort = 44000 + Math.floor(Math.random() * 1000);
const env = {
  ...process.env,
  DATA_DIR: dir,
  HOST: '127.0.0.1',
  PORT: String(port),
  PGPORT_EMBEDDED: String(pgPort),
  DEMO: '1',
  LOG_LEVEL: 'warn',
  LIANDONG_SESSION_SECRET: 'crash-test-session-secret-0123456789',
  LIANDONG_SM4_KEY: TEST_SM4_KEY.toString('hex'),
};
let server: ChildProcess | undefined;
let output = '';
let db: DbHandle | undefined;
let token: string;
let docCode: string;

/** Starts the server and resolves once it says it is running. */
function start(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'src', 'main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const onData = (c: Buffer) => {
      output += c.toString();
      if (output.includes('Liandong is running')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) during start:\n${output.slice(-3000)}`)));
  });
}

function stopped(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

beforeAll(async () => {
  server = await start(); // first start: initdb, migrations, demo commission
  const password = readFileSync(path.join(dir, 'pg-password'), 'utf8').trim();
  db = createDb(`postgres://postgres:${encodeURIComponent(password)}@localhost:${pgPort}/liandong?host=${encodeURIComponent(path.join(dir, 'pg'))}`, 4);
  token = await sessionToken(db.db, 'jc3.director');
  docCode = await docCodeOf(db.db);
}, 180_000);

afterAll(async () => {
  await db?.close();
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM'); // stops its PostgreSQL cleanly
    await Promise.race([stopped(server), new Promise((r) => setTimeout(r, 20_000))]);
  }
  const pidFile = path.join(dir, 'pg', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    try {
      if (pid) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const send = async (key: string): Promise<Outcome> => {
  const r = await fetch(`http://127.0.0.1:${port}/api/v1/doc-numbers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'liandong', 'idempotency-key': key, cookie: `${SESSION_COOKIE}=${token}` },
    body: JSON.stringify({ docCode, year: 2026, purpose: purposeOf(key) }),
    signal: AbortSignal.timeout(20_000),
  });
  return { key, status: r.status, body: await r.text() };
};

it('kill -9 of the server during a burst of creates: no acknowledged write lost, none doubled, every key retryable after a restart', async () => {
  const run = randomBytes(4).toString('hex');
  const keys = Array.from({ length: 100 }, (_, i) => `srvkill-${run}-${String(i).padStart(3, '0')}`);
  // Kill the server mid-way, the moment the 15th answer arrives: others are running or queued.
  const victim = server as ChildProcess;
  let settled = 0;
  const first = keys.map((k) =>
    send(k)
      .catch((e: Error) => ({ key: k, status: 0, body: e.message }))
      .finally(() => {
        if (++settled === 15) victim.kill('SIGKILL');
      }),
  );
  const firstRound = await Promise.all(first);
  await stopped(victim);
  const acked = firstRound.filter((r) => r.status >= 200 && r.status < 300);
  expect(acked.length).toBeGreaterThan(0);
  expect(acked.length, 'the crash hit creates in flight').toBeLessThan(keys.length);

  server = await start(); // same data folder: takes over the PostgreSQL left running by the killed process
  const final = await retryAll(send, keys, 30_000);
  const stuck = [...final.values()].filter((r) => r.status !== 201);
  expect(stuck, 'every key ends in a definitive 201 (none stays "in progress")').toEqual([]);
  for (const a of acked) expect(final.get(a.key)?.body, `acknowledged ${a.key} is replayed, not redone`).toBe(a.body);
  const counts = await rowsPerKey((db as DbHandle).db, keys);
  const wrong = [...counts].filter(([, n]) => n !== 1);
  expect(wrong, 'every key has exactly one document number').toEqual([]);
}, 90_000);
