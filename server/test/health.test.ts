import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { startEmbeddedPg } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import { createDb, MAINTENANCE_TIMEOUTS } from '../src/db/pool';
import { testConfig } from './app';

const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-health-'));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('answers 503 while the database is down and recovers without a restart', async () => {
  const port = 50000 + Math.floor(Math.random() * 4000);
  let pg = await startEmbeddedPg({ dataDir: path.join(dir, 'pg'), port, log: () => undefined });
  const setup = createDb(pg.url, 1, MAINTENANCE_TIMEOUTS);
  await migrate(setup.pool);
  await setup.close();
  const handle = createDb(pg.url, 4);
  const app = await buildApp({ db: handle.db, config: testConfig() });
  try {
    const up = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ status: 'ok', db: 'ok' });

    await pg.stop();
    const down = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json().db).toBe('unavailable');
    // A business request while the database is down is a 503 with a clear message, not a 500.
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-requested-with': 'liandong' },
      payload: { username: 'a.b', password: 'x' },
    });
    expect(login.statusCode).toBe(503);
    expect(login.json().code).toBe('DB_UNAVAILABLE');

    pg = await startEmbeddedPg({ dataDir: path.join(dir, 'pg'), port, log: () => undefined });
    const back = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(back.statusCode).toBe(200);
  } finally {
    await app.close();
    await handle.close();
    await pg.stop();
  }
});

it('refuses to start when a route has no access rule (deny by default)', async () => {
  const handle = createDb('postgres://nobody@127.0.0.1:1/none', 1);
  const app = buildApp({
    db: handle.db,
    config: testConfig(),
    extraRoutes: async (a) => {
      a.get('/api/v1/unguarded', async () => ({ leaked: true }));
    },
  });
  await expect(app).rejects.toThrow(/without an access rule.*GET \/api\/v1\/unguarded/);
  await handle.close();
});
