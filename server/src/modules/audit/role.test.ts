import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { loadConfig } from '../../config';
import { APP_ROLE, userOf } from '../../db/app-role';
import { startServer } from '../../server';
import { readAnchors } from './anchors';

/**
 * The application connects as a role that can only append to the audit trail and the login log: a
 * compromised application (or SQL injection) cannot rewrite or remove history.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function asApp<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: t.appDatabaseUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('application database role', () => {
  it('is what the application and the tests run as', async () => {
    const r = await sql<{ u: string }>`SELECT current_user AS u`.execute(t.db);
    expect(r.rows[0]!.u).toBe(APP_ROLE);
  });

  it('cannot UPDATE, DELETE or TRUNCATE the audit trail or the login log, nor write audit checkpoints', async () => {
    const last = await t.owner.selectFrom('audit_event').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const statements = [
      `UPDATE audit_event SET payload = '{}' WHERE id = ${last.id}`,
      `DELETE FROM audit_event WHERE id = ${last.id}`,
      'TRUNCATE audit_event',
      "UPDATE login_log SET outcome = 'SUCCESS'",
      'DELETE FROM login_log',
      'TRUNCATE login_log',
      "INSERT INTO audit_checkpoint (kind, last_id, count, head, mac) VALUES ('ARCHIVE', 1, 1, 'x', 'y')",
      'DELETE FROM audit_checkpoint',
    ];
    for (const s of statements) {
      await expect(
        asApp((c) => c.query(s)),
        s,
      ).rejects.toMatchObject({ code: '42501' });
    }
    // It still appends and reads, and writes elsewhere as usual.
    const n = await asApp(async (c) => (await c.query('SELECT count(*)::int AS n FROM audit_event')).rows[0].n);
    expect(n).toBeGreaterThan(0);
    const id = (await t.db.selectFrom('app_user').select('id').where('username', '=', 'jc4.staff').executeTakeFirstOrThrow()).id;
    const u = (await t.request({ method: 'GET', url: `/api/v1/users/${id}`, as: 'sysadmin' })).json();
    const res = await t.request({ method: 'PATCH', url: `/api/v1/users/${id}`, as: 'sysadmin', payload: { version: u.version, displayName: '扈松岩丙' } });
    expect(res.statusCode).toBe(200);
    expect(await t.db.selectFrom('audit_event').select('id').where('type', '=', 'user.updated').where('object_id', '=', id).executeTakeFirst()).toBeTruthy();
    // The row is still there: the owner can see nothing was removed.
    expect(await t.owner.selectFrom('audit_event').select('id').where('id', '=', last.id).executeTakeFirst()).toBeTruthy();
  });

  it('is created by the server on the embedded PostgreSQL with a password kept in DATA_DIR (mode 600), and an anchor is written at shutdown', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ld-role-'));
    try {
      const config = {
        ...loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: '', DATABASE_OWNER_URL: '' }),
        port: 0,
        pgPort: 56000 + Math.floor(Math.random() * 3000),
        logLevel: 'silent',
      };
      const logs: string[] = [];
      const server = await startServer(config, (m) => logs.push(m));
      try {
        expect(userOf(server.databaseUrl)).toBe(APP_ROLE);
        expect(statSync(path.join(dir, 'pg-app-password')).mode & 0o777).toBe(0o600);
        const c = new pg.Client({ connectionString: server.databaseUrl });
        await c.connect();
        try {
          await expect(c.query('DELETE FROM audit_event')).rejects.toMatchObject({ code: '42501' });
          await expect(c.query('UPDATE audit_event SET payload = payload')).rejects.toMatchObject({ code: '42501' });
        } finally {
          await c.end();
        }
      } finally {
        await server.stop();
      }
      const { anchors, invalid } = readAnchors(dir, config.keys.auditKey);
      expect(invalid).toEqual([]);
      expect(anchors.length).toBeGreaterThan(0);
      expect(logs.some((l) => l.startsWith('audit anchor '))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
