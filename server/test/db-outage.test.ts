import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { type EmbeddedPg, superviseEmbeddedPg } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import { createDb, type DbHandle, MAINTENANCE_TIMEOUTS, REQUEST_TIMEOUTS } from '../src/db/pool';
import { loadDemo } from '../src/demo/load';
import { SESSION_COOKIE } from '../src/modules/auth';
import { configureAuditKey } from '../src/platform/audit';
import { FieldCipher } from '../src/platform/crypto';
import { testConfig } from './app';
import { TEST_AUDIT_KEY, TEST_SM4_KEY } from './keys';
import { docCodeOf, eventually, type Outcome, processTree, purposeOf, retryAll, rowsPerKey, sessionToken, signalAll, timed } from './outage-kit';

/**
 * Issue 8, survival: a dedicated embedded PostgreSQL under the supervisor, the app on top of it, and the
 * database frozen (SIGSTOP), stopped (killed) and killed in the middle of a burst of creates.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-outage-'));
chmodSync(dir, 0o755);
const logs: string[] = [];
let pg: EmbeddedPg;
let handle: DbHandle;
let app: FastifyInstance;
let token: string;
let docCode: string;
let gaveUp: Error | undefined;

beforeAll(async () => {
  const port = 45000 + Math.floor(Math.random() * 4000);
  // The first restart waits 2.5 s so that the "stopped" test sees the database really down.
  pg = await superviseEmbeddedPg({
    dataDir: path.join(dir, 'pg'),
    port,
    log: (l) => logs.push(l),
    firstDelayMs: 2500,
    maxDelayMs: 5000,
    onGiveUp: (e) => (gaveUp = e),
  });
  // The demo load writes audit events, which are keyed (HMAC-SM3).
  configureAuditKey(TEST_AUDIT_KEY);
  const setup = createDb(pg.url, 2, MAINTENANCE_TIMEOUTS);
  await migrate(setup.pool);
  await loadDemo(setup.db, new FieldCipher(TEST_SM4_KEY));
  token = await sessionToken(setup.db, 'jc3.director');
  docCode = await docCodeOf(setup.db);
  await setup.close();
  // The server's pools: the request pool and a generic-plan pool (the ledgers' reads).
  handle = createDb(pg.url, 10, REQUEST_TIMEOUTS, 2);
  app = await buildApp({ db: handle.db, config: testConfig() });
  await app.ready();
}, 180_000);

afterAll(async () => {
  await app?.close();
  await handle?.close();
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string) => app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: token } });
const health = () => app.inject({ method: 'GET', url: '/api/v1/health' });
const ledger = () => get('/api/v1/clues?pageSize=20');
const create = (key: string): Promise<LightMyRequestResponse> =>
  app.inject({
    method: 'POST',
    url: '/api/v1/doc-numbers',
    headers: { 'x-requested-with': 'liandong', 'idempotency-key': key },
    cookies: { [SESSION_COOKIE]: token },
    payload: { docCode, year: 2026, purpose: purposeOf(key) },
  });
const send = async (key: string): Promise<Outcome> => {
  const r = await create(key);
  return { key, status: r.statusCode, body: r.body };
};
/** The letter ledger as it opens: its page and count on the generic-plan pool (underGenericPlan). */
const genericLedger = () => get('/api/v1/letters?pageSize=20');
const up = async () => (await health()).statusCode === 200 && (await ledger()).statusCode === 200 && (await genericLedger()).statusCode === 200;

/** Health, a ledger read and a create, in parallel, each timed (capped at 15 s so a hang is measurable). */
async function sample() {
  const key = `probe-${randomBytes(6).toString('hex')}`;
  return Promise.all([timed(health, 15_000), timed(ledger, 15_000), timed(() => create(key), 15_000)]);
}

describe('database outages', () => {
  it('answers 503 within 5 s on every route while PostgreSQL is frozen, and recovers by itself after SIGCONT', async () => {
    expect(await up()).toBe(true);
    const pids = processTree(pg.pid);
    expect(pids.length).toBeGreaterThan(1); // the postmaster and its backends
    signalAll(pids, 'SIGSTOP');
    let answers: Awaited<ReturnType<typeof sample>>;
    try {
      answers = await sample();
    } finally {
      signalAll([...pids].reverse(), 'SIGCONT');
    }
    for (const a of answers) {
      expect(a.value?.statusCode, `a frozen database must give a prompt 503: ${a.value?.body}`).toBe(503);
      expect(a.ms).toBeLessThan(5000);
    }
    expect(answers[1].value?.json().code).toBe('DB_UNAVAILABLE');
    expect(answers[1].value?.json().message).toMatch(/数据库暂不可用/);
    expect(await eventually(up, 30_000)).toBe(true);
    expect((await send(`after-freeze-${randomBytes(4).toString('hex')}`)).status).toBe(201);
  }, 60_000);

  it('answers 503 within 5 s while PostgreSQL is stopped, and the supervisor brings it back', async () => {
    expect(await eventually(up, 30_000)).toBe(true);
    const killed = pg.pid;
    process.kill(killed, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    const answers = await sample();
    for (const a of answers) {
      expect(a.value?.statusCode, 'a stopped database must give a prompt 503').toBe(503);
      expect(a.ms).toBeLessThan(5000);
    }
    expect(await eventually(up, 45_000), 'the supervisor restarts PostgreSQL').toBe(true);
    expect(pg.pid).not.toBe(killed);
    expect(logs.some((l) => /restarting PostgreSQL in/.test(l))).toBe(true);
    expect((await send(`after-stop-${randomBytes(4).toString('hex')}`)).status).toBe(201);
    expect(gaveUp).toBeUndefined();
  }, 90_000);

  it('kill -9 of PostgreSQL during a burst of creates: no acknowledged write lost, none doubled, every key retryable', async () => {
    expect(await eventually(up, 30_000)).toBe(true);
    const run = randomBytes(4).toString('hex');
    const keys = Array.from({ length: 100 }, (_, i) => `pgkill-${run}-${String(i).padStart(3, '0')}`);
    // Kill the postmaster mid-way, the moment the 15th answer arrives: others are running or queued.
    let settled = 0;
    const victim = pg.pid;
    const first = keys.map((k) =>
      send(k)
        .catch((e: Error) => ({ key: k, status: 0, body: e.message }))
        .finally(() => {
          if (++settled === 15) process.kill(victim, 'SIGKILL');
        }),
    );
    const firstRound = await Promise.all(first);
    const acked = firstRound.filter((r) => r.status >= 200 && r.status < 300);
    expect(acked.length).toBeGreaterThan(0);
    expect(acked.length, 'the crash hit creates in flight').toBeLessThan(keys.length);
    expect(
      firstRound.every((r) => r.status < 500 || r.status === 503),
      'no 500 during the crash',
    ).toBe(true);

    expect(await eventually(up, 45_000), 'the supervisor restarts PostgreSQL').toBe(true);
    const final = await retryAll(send, keys, 30_000);
    const stuck = [...final.values()].filter((r) => r.status !== 201);
    expect(stuck, 'every key ends in a definitive 201 (none stays "in progress")').toEqual([]);
    for (const a of acked) expect(final.get(a.key)?.body, `acknowledged ${a.key} is replayed, not redone`).toBe(a.body);
    const counts = await rowsPerKey(handle.db, keys);
    const wrong = [...counts].filter(([, n]) => n !== 1);
    expect(wrong, 'every key has exactly one document number').toEqual([]);
    expect(gaveUp).toBeUndefined();
  }, 120_000);
});
