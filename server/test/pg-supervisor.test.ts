import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { superviseEmbeddedPg } from '../src/db/embedded';
import { createDb, REQUEST_TIMEOUTS, underGenericPlan } from '../src/db/pool';
import { eventually } from './outage-kit';

/**
 * Issue 8: the embedded PostgreSQL is supervised. A killed postmaster (stale postmaster.pid and all) is
 * restarted with back-off and the pool reconnects by itself; when restarts keep failing the supervisor
 * gives up so that the process can exit non-zero for its service manager.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-supervisor-'));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('restarts a killed postmaster with back-off, and gives up after repeated failures', async () => {
  const port = 49000 + Math.floor(Math.random() * 900);
  const logs: string[] = [];
  let gaveUp: Error | undefined;
  const pg = await superviseEmbeddedPg({
    dataDir: path.join(dir, 'pg'),
    port,
    log: (l) => logs.push(l),
    firstDelayMs: 200,
    maxDelayMs: 800,
    maxRestarts: 3,
    onGiveUp: (e) => (gaveUp = e),
  });
  // With a generic-plan pool (db/pool.ts createDb): its connections to the killed server are replaced too.
  const handle = createDb(pg.url, 2, REQUEST_TIMEOUTS, 1);
  let blocker: net.Server | undefined;
  try {
    const ping = async () =>
      (await sql<{ ok: number }>`SELECT 1 AS ok`.execute(handle.db)).rows[0]?.ok === 1 &&
      (await underGenericPlan(handle.db, async (conn) => (await sql<{ ok: number }>`SELECT 1 AS ok`.execute(conn)).rows[0]?.ok)) === 1;
    expect(await ping()).toBe(true);

    const first = pg.pid;
    process.kill(first, 'SIGKILL');
    await pg.exited;
    // kill -9 leaves the lock file behind, naming a dead process.
    expect(Number(readFileSync(path.join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])).toBe(first);
    // The supervisor's restart, then the pool: a pooled connection's backend of the killed postmaster may still answer
    // a ping until it notices its postmaster is gone (CI once saw the ping answered with the old pid still current).
    expect(await eventually(async () => pg.pid !== first && (await ping()), 30_000), 'the pool works again after the restart').toBe(true);
    expect(pg.pid).not.toBe(first);
    expect(logs.some((l) => /exited unexpectedly \(SIGKILL\)/.test(l))).toBe(true);
    expect(logs.some((l) => /restarting PostgreSQL in 0.2 s \(attempt 1 of 3\)/.test(l))).toBe(true);
    expect(gaveUp).toBeUndefined();

    // Now make every restart fail (the port is taken) and kill it again: the supervisor gives up.
    const second = pg.pid;
    process.kill(second, 'SIGKILL');
    await pg.exited;
    blocker = net.createServer();
    await new Promise<void>((r) => blocker?.listen(port, '127.0.0.1', () => r()));
    expect(await eventually(async () => gaveUp !== undefined, 30_000), 'the supervisor gives up').toBe(true);
    expect(logs.filter((l) => /PostgreSQL restart failed/.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(logs.some((l) => /giving up/.test(l))).toBe(true);
  } finally {
    blocker?.close();
    await handle.close();
    await pg.stop();
    const pidFile = path.join(dir, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        if (pid) process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
}, 60_000);
