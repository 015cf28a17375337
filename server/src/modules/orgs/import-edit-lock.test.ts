/**
 * An org edit (PATCH, 撤销) while an import holds the org table: the import's SHARE ROW EXCLUSIVE lock and then its row
 * update, against an edit that has locked the same row — before, a deadlock (40P01) refused one of the two.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Waits until another backend of this database waits for a lock. */
async function someoneWaitsForALock(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`.execute(t.db);
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no backend came to wait for a lock');
}

async function hostUnit(code: string) {
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/orgs',
    as: 'sysadmin',
    payload: { code, nameZh: `导入期间编辑${code}`, shortName: code, kind: 'HOST_UNIT' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; version: number };
}

describe.each([
  ['PATCH', (id: string, version: number) => ({ method: 'PATCH' as const, url: `/api/v1/orgs/${id}`, payload: { version, nameZh: '编辑后的名称' } })],
  ['retire', (id: string, version: number) => ({ method: 'POST' as const, url: `/api/v1/orgs/${id}/retire`, payload: { version, validTo: '2026-12-31' } })],
])('an org %s while an import holds the org table', (_name, edit) => {
  it('waits for the import, which writes the same org: both finish, the edit answers 409 on the version the import moved', async () => {
    const org = await hostUnit(`LZ-HU-LK${_name.length}`);
    const { importWrote, answer } = await t.db.connection().execute(async (conn) => {
      await sql`BEGIN`.execute(conn);
      // What orgs/service-import.ts does before writing rows.
      await sql`LOCK TABLE org IN SHARE ROW EXCLUSIVE MODE`.execute(conn);
      const editing = t.request({ ...edit(org.id, org.version), as: 'sysadmin' });
      await someoneWaitsForALock();
      const wrote = await sql`UPDATE org SET name_zh = '导入的名称', version = version + 1, updated_at = now() WHERE id = ${org.id}`
        .execute(conn)
        .then(() => 'written')
        .catch((err: { code?: string }) => err.code ?? String(err));
      await sql`${sql.raw(wrote === 'written' ? 'COMMIT' : 'ROLLBACK')}`.execute(conn);
      return { importWrote: wrote, answer: await editing };
    });
    expect(importWrote).toBe('written');
    expect(answer.statusCode, answer.body).toBe(409);
    expect(answer.json().code).toBe('STALE_VERSION');
    const row = await t.db.selectFrom('org').select(['name_zh', 'version', 'valid_to']).where('id', '=', org.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name_zh: '导入的名称', version: org.version + 1, valid_to: null });
  });
});
