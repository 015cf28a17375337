import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, createOtherCommission, userIdOf } from '../../../test/fixtures';
import { TEST_AUDIT_KEY } from '../../../test/keys';

let t: TestApp;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'ld-cli-'));
  t = await createTestApp({ dataDir });
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A few audited changes by the administrators, so the chain has something to protect. */
async function makeChanges() {
  const id = await userIdOf(t.db, 'jc4.staff');
  const u = (await t.request({ method: 'GET', url: `/api/v1/users/${id}`, as: 'sysadmin' })).json();
  const r1 = await t.request({ method: 'PATCH', url: `/api/v1/users/${id}`, as: 'sysadmin', payload: { version: u.version, displayName: '扈松岩甲' } });
  const r2 = await t.request({ method: 'PATCH', url: `/api/v1/users/${id}`, as: 'sysadmin', payload: { version: r1.json().version, displayName: '扈松岩乙' } });
  await t.request({ method: 'PATCH', url: `/api/v1/users/${id}`, as: 'sysadmin', payload: { version: r2.json().version, displayName: '扈松岩' } });
  return id;
}

const verify = () => t.request({ method: 'GET', url: '/api/v1/audit/verify', as: 'auditadmin' });

/** `npm run audit:verify` against the test database, with the test's audit key and anchor folder. */
function runCli() {
  return spawnSync(path.resolve(import.meta.dirname, '../../../../node_modules/.bin/tsx'), [path.resolve(import.meta.dirname, '../../cli/audit-verify.ts')], {
    env: { ...process.env, DATABASE_URL: t.appDatabaseUrl, DATABASE_OWNER_URL: '', DATA_DIR: dataDir, LIANDONG_AUDIT_KEY: TEST_AUDIT_KEY.toString('hex') },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('audit search', () => {
  it('finds events by type, object and actor, newest first, and audits the search itself', async () => {
    const id = await makeChanges();
    const searched = await auditCount(t.db, 'audit.searched');
    const res = await t.request({
      method: 'GET',
      url: `/api/v1/audit/events?type=user.updated&objectType=user&objectId=${id}&actor=sysadmin`,
      as: 'auditadmin',
    });
    expect(res.statusCode).toBe(200);
    const { items, nextBefore } = res.json();
    expect(items).toHaveLength(3);
    expect(items[0].id).toBeGreaterThan(items[1].id);
    expect(items[0].payload.changes.displayName.to).toBe('扈松岩');
    expect(items[0].actorName).toBe('蒲启明');
    expect(nextBefore).toBeNull();
    expect(await auditCount(t.db, 'audit.searched')).toBe(searched + 1);
  });

  it('pages backwards by id with a keyset cursor and filters by prefix and time', async () => {
    const first = (await t.request({ method: 'GET', url: '/api/v1/audit/events?type=user.&limit=2', as: 'auditadmin' })).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextBefore).toBe(first.items[1].id);
    const second = (await t.request({ method: 'GET', url: `/api/v1/audit/events?type=user.&limit=2&before=${first.nextBefore}`, as: 'auditadmin' })).json();
    expect(second.items[0].id).toBeLessThan(first.nextBefore);
    const future = (await t.request({ method: 'GET', url: '/api/v1/audit/events?from=2199-01-01', as: 'auditadmin' })).json();
    expect(future.items).toHaveLength(0);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const todays = (await t.request({ method: 'GET', url: `/api/v1/audit/events?from=${today}&to=${today}&type=user.updated`, as: 'auditadmin' })).json();
    expect(todays.items.length).toBeGreaterThanOrEqual(3);
  });

  it("shows only the caller's commission", async () => {
    const other = await createOtherCommission(t.db);
    await t.db.transaction().execute(async (trx) => {
      const { writeAudit } = await import('../../platform/audit');
      await writeAudit(trx, { type: 'user.created', commissionId: other.commissionId, actorName: '外委', objectType: 'user', objectId: other.userId });
    });
    const res = await t.request({ method: 'GET', url: `/api/v1/audit/events?objectId=${other.userId}`, as: 'auditadmin' });
    expect(res.json().items).toHaveLength(0);
  });

  it('is for the audit administrator only', async () => {
    for (const as of ['sysadmin', 'secadmin', 'sj.secretary', 'gbjd.staff']) {
      expect((await t.request({ method: 'GET', url: '/api/v1/audit/events', as })).statusCode).toBe(403);
      expect((await t.request({ method: 'GET', url: '/api/v1/audit/verify', as })).statusCode).toBe(403);
    }
  });
});

describe('tamper detection', () => {
  it('reports an intact chain (API and CLI), then names the edited event, then the successor of a deleted one, per commission', async () => {
    await makeChanges();
    const clean = await verify();
    expect(clean.statusCode).toBe(200);
    expect(clean.json()).toMatchObject({ ok: true, broken: [] });
    expect(clean.json().checked).toBeGreaterThan(5);
    expect(await auditCount(t.db, 'audit.verified')).toBeGreaterThanOrEqual(1);
    const intact = runCli();
    expect(intact.stdout).toContain('审计链完整');
    expect(intact.status).toBe(0);

    // Someone with owner access to the database quietly rewrites what a change was.
    const target = await t.owner
      .selectFrom('audit_event')
      .select(['id', 'payload'])
      .where('type', '=', 'user.updated')
      .orderBy('id', 'desc')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`UPDATE audit_event SET payload = jsonb_set(payload, '{changes,displayName,to}', '"别人"') WHERE id = ${target.id}`.execute(t.owner);
    const edited = (await verify()).json();
    expect(edited.ok).toBe(false);
    expect(edited.broken).toEqual([expect.objectContaining({ id: target.id, kind: 'changed' })]);
    expect(edited.broken[0].reason).toContain('篡改');

    // Restore it, then delete a row instead: the next event no longer links to its predecessor.
    await sql`UPDATE audit_event SET payload = ${JSON.stringify(target.payload)}::jsonb WHERE id = ${target.id}`.execute(t.owner);
    expect((await verify()).json().ok).toBe(true);
    const rows = await t.owner.selectFrom('audit_event').select('id').where('type', '=', 'user.updated').orderBy('id', 'desc').limit(3).execute();
    const victim = rows[2]!.id;
    const successor = await t.owner.selectFrom('audit_event').select('id').where('id', '>', victim).orderBy('id').limit(1).executeTakeFirstOrThrow();
    await sql`DELETE FROM audit_event WHERE id = ${victim}`.execute(t.owner);
    const deleted = (await verify()).json();
    expect(deleted.ok).toBe(false);
    expect(deleted.broken).toEqual([expect.objectContaining({ id: successor.id, kind: 'deleted' })]);
    expect(deleted.broken[0].reason).toContain('前序哈希不连续');

    // The command-line verifier agrees, names the kind, and fails the run.
    const cli = runCli();
    expect(cli.stdout).toMatch(/已校验 checked: \d+/);
    expect(cli.stdout).toContain(`#${successor.id}  [deleted 中间删除]`);
    expect(cli.status).toBe(1);
  }, 120_000); // two CLI runs (tsx start-up) on a loaded machine
});
