import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import './provided';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../src/app';
import type { Config } from '../src/config';
import { APP_ROLE, withCredentials } from '../src/db/app-role';
import { withDatabase } from '../src/db/embedded';
import { createDb, type Db, type DbHandle, REQUEST_TIMEOUTS } from '../src/db/pool';
import { createSession, SESSION_COOKIE } from '../src/modules/auth';
import { TEST_APP_ROLE_PASSWORD, TEST_AUDIT_KEY, TEST_SM4_KEY } from './keys';

export const TEMPLATE_DB = 'ld_template';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  handle: DbHandle;
  /** The owner's (superuser's) connection URL of this test database. */
  databaseUrl: string;
  /** The application role's URL: `db`, `handle` and the app connect with it. */
  appDatabaseUrl: string;
  /** An owner connection, for what the application role may not do (e.g. tampering with the audit trail). */
  owner: Db;
  /** A session cookie for a demo account, created directly (no password/TOTP round trip). */
  sessionFor(username: string): Promise<string>;
  /** app.inject with the CSRF header set and an optional session cookie. */
  request(opts: InjectOptions & { as?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * A data folder of its own for each test configuration (audit anchors are written there). It holds the
 * test password of the application role, so that a test that starts the whole server on the shared test
 * cluster keeps the role's password as every other test file connects with it (the role is
 * cluster-wide; a fresh random password would lock them out).
 */
export function testDataDir(): string {
  const dir = mkdtempSync(path.join(inject('testDataRoot'), 'data-'));
  writeFileSync(path.join(dir, 'pg-app-password'), TEST_APP_ROLE_PASSWORD, { mode: 0o600 });
  return dir;
}

export function testConfig(): Config {
  return {
    databaseUrl: undefined,
    host: '127.0.0.1',
    port: 0,
    dataDir: testDataDir(),
    demo: true,
    logLevel: 'silent',
    pgPort: 0,
    keys: { sessionSecret: 'test-session-secret-0123456789abcdef', sm4Key: TEST_SM4_KEY, auditKey: TEST_AUDIT_KEY },
    webDist: '/nonexistent',
    secureCookies: false,
    sessionCacheMs: 0,
    databaseOwnerUrl: undefined,
    auditRetentionDays: 180,
  };
}

/** A fresh database cloned from the migrated, demo-loaded template, and the app on top of it. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const serverUrl = inject('pgServerUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  const databaseUrl = withDatabase(serverUrl, name);
  const appDatabaseUrl = withCredentials(databaseUrl, APP_ROLE, TEST_APP_ROLE_PASSWORD);
  // As the server: a generic-plan pool beside the request pool (underGenericPlan's reads, db/pool.ts createDb).
  const handle = createDb(appDatabaseUrl, 10, REQUEST_TIMEOUTS, 2);
  const owner = createDb(databaseUrl, 2);
  const app = await buildApp({ db: handle.db, config: { ...testConfig(), ...overrides } });
  await app.ready();
  const cookies = new Map<string, string>();
  const sessionFor = async (username: string) => {
    const hit = cookies.get(username);
    if (hit) return hit;
    const u = await handle.db.selectFrom('app_user').select(['id', 'commission_id']).where('username', '=', username).executeTakeFirstOrThrow();
    const s = await createSession(handle.db, {
      userId: u.id,
      commissionId: u.commission_id,
      ip: '127.0.0.1',
      userAgent: 'vitest',
      absoluteHours: 12,
      restriction: null,
    });
    cookies.set(username, s.token);
    return s.token;
  };
  return {
    app,
    db: handle.db,
    handle,
    databaseUrl,
    appDatabaseUrl,
    owner: owner.db,
    sessionFor,
    async request(opts) {
      const { as, ...rest } = opts;
      const headers: Record<string, string> = { 'x-requested-with': 'liandong', ...(rest.headers as Record<string, string> | undefined) };
      const cookiesOut = { ...(rest.cookies ?? {}) } as Record<string, string>;
      if (as) cookiesOut[SESSION_COOKIE] = await sessionFor(as);
      return app.inject({ ...rest, headers, cookies: cookiesOut });
    },
    async close() {
      await app.close();
      await handle.close();
      await owner.close();
      const c = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
