import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { createTestApp, type TestApp, testConfig } from './app';

/**
 * Issue 8: the pool's connections carry statement_timeout and lock_timeout, and the error handler turns
 * them into 503 DB_UNAVAILABLE (never 500, never a request that hangs).
 */
let t: TestApp;
let app: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  app = await buildApp({
    db: t.db,
    config: testConfig(),
    extraRoutes: async (a) => {
      a.get('/api/v1/test/slow', { config: { access: { public: true } } }, async () => {
        await sql`SELECT pg_sleep(10)`.execute(t.db);
        return { done: true };
      });
      a.get('/api/v1/test/locked', { config: { access: { public: true } } }, async () => {
        await t.db.transaction().execute((trx) => sql`SELECT id FROM commission FOR UPDATE`.execute(trx));
        return { done: true };
      });
    },
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.close();
});

it('cuts a runaway statement and answers 503 DB_UNAVAILABLE within 5 s', async () => {
  const started = Date.now();
  const res = await app.inject({ method: 'GET', url: '/api/v1/test/slow' });
  expect(Date.now() - started).toBeLessThan(5000);
  expect(res.statusCode).toBe(503);
  expect(res.json().code).toBe('DB_UNAVAILABLE');
  expect(res.json().message).toBe('数据库暂不可用，请稍后重试');
});

it('gives up a lock held elsewhere and answers 503 within 5 s, then works once the lock is gone', async () => {
  const holder = new pg.Client({ connectionString: t.databaseUrl });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM commission FOR UPDATE');
    const started = Date.now();
    const res = await app.inject({ method: 'GET', url: '/api/v1/test/locked' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('DB_UNAVAILABLE');
    await holder.query('ROLLBACK');
    expect((await app.inject({ method: 'GET', url: '/api/v1/test/locked' })).statusCode).toBe(200);
  } finally {
    await holder.end();
  }
});
