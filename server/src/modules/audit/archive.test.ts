import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app';
import { TEST_AUDIT_KEY } from '../../../test/keys';
import { loadConfig } from '../../config';
import { GENESIS_HASH, legacyChainHash } from '../../platform/audit';
import { readAnchors } from './anchors';
import { archiveAudit, verifyArchiveFile } from './archive';
import { sealLegacyChain } from './seal';
import { addEvents, addEventsInLane, appWithDataDir, demoCommission, quiet, verifyOwn } from './test-helpers';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const DAY = 86_400_000;

describe('retention and archive (网络安全法第二十一条)', () => {
  it('refuses a retention window under 180 days', async () => {
    expect(() => loadConfig({ ...process.env, AUDIT_RETENTION_DAYS: '90' })).toThrow(/at least 180/);
    const s = await appWithDataDir();
    t = s.t;
    await expect(archiveAudit({ db: t.db, key: TEST_AUDIT_KEY, dataDir: s.dir, retentionDays: 179, log: quiet })).rejects.toThrow('不得少于 180 天');
  });

  it('exports old events to a signed file, deletes them only as the owner, and the rest of the chain still verifies', async () => {
    const s = await appWithDataDir();
    t = s.t;
    const c = await demoCommission(t);
    const [a, b] = await addEvents(t, c, 2);
    await new Promise((r) => setTimeout(r, 20));
    const [later] = await addEvents(t, c, 1);
    const bAt = (await t.db.selectFrom('audit_event').select('at').where('id', '=', b!).executeTakeFirstOrThrow()).at;
    await t.db.insertInto('login_log').values({ commission_id: c, username: 'jc4.staff', outcome: 'SUCCESS', ip: '127.0.0.1', at: bAt }).execute();
    // "Now" is 180 days after event b: everything up to b is past the retention window, `later` is not.
    const now = new Date(bAt.getTime() + 180 * DAY + 5);
    const before = await t.owner.selectFrom('audit_event').select('id').where('commission_id', '=', c).where('id', '<=', b!).execute();

    const exported = await archiveAudit({ db: t.db, key: TEST_AUDIT_KEY, dataDir: s.dir, retentionDays: 180, log: quiet, now });
    const file = exported.files.find((f) => f.includes(`audit-${c}-`))!;
    expect(file).toMatch(new RegExp(`-${b}\\.jsonl$`));
    expect(verifyArchiveFile(path.join(s.dir, file), TEST_AUDIT_KEY)).toEqual({ ok: true, rows: before.length });
    expect(exported.deleted).toBe(0);
    expect(readAnchors(s.dir, TEST_AUDIT_KEY).anchors.some((x) => x.kind === 'archive' && x.lastId === b && x.file === file)).toBe(true);

    // The application role cannot delete: nothing is half-done.
    await expect(archiveAudit({ db: t.db, owner: t.db, key: TEST_AUDIT_KEY, dataDir: s.dir, retentionDays: 180, log: quiet, now })).rejects.toMatchObject({
      code: '42501',
    });
    expect(await t.owner.selectFrom('audit_event').select('id').where('id', '=', a!).executeTakeFirst()).toBeTruthy();

    const done = await archiveAudit({ db: t.owner, owner: t.owner, key: TEST_AUDIT_KEY, dataDir: s.dir, retentionDays: 180, log: quiet, now });
    expect(done.deleted).toBeGreaterThanOrEqual(before.length);
    expect(done.loginDeleted).toBeGreaterThanOrEqual(1);
    expect(await t.owner.selectFrom('audit_event').select('id').where('commission_id', '=', c).where('id', '<=', b!).execute()).toEqual([]);
    expect(await t.owner.selectFrom('audit_event').select('id').where('id', '=', later!).executeTakeFirst()).toBeTruthy();
    const archived = await t.db
      .selectFrom('audit_event')
      .select('payload')
      .where('type', '=', 'audit.archived')
      .where('commission_id', '=', c)
      .executeTakeFirstOrThrow();
    expect(archived.payload).toMatchObject({ lastId: b, file });
    // The remaining chain starts at the signed ARCHIVE checkpoint, and new events continue it.
    await addEvents(t, c, 1);
    expect(await verifyOwn(t, s.dir, c)).toMatchObject({ ok: true, broken: [] });

    // Deleting the checkpoint does not let the shortened chain pass; editing the archive file is caught too.
    await t.owner.deleteFrom('audit_checkpoint').where('kind', '=', 'ARCHIVE').execute();
    const noBase = await verifyOwn(t, s.dir, c);
    expect(noBase.broken[0]).toMatchObject({ id: later, kind: 'deleted' });
    const full = path.join(s.dir, file);
    writeFileSync(full, readFileSync(full, 'utf8').replace('"to":0', '"to":7'));
    expect(verifyArchiveFile(full, TEST_AUDIT_KEY).ok).toBe(false);
  });
});

describe('archive of a chain in lanes', () => {
  it('archives each lane to its own file from its own signed checkpoint; the lane continues and a checkpoint moved to another lane is caught', async () => {
    const s = await appWithDataDir();
    t = s.t;
    const c = await demoCommission(t);
    const [, b] = await addEventsInLane(t, c, 2, 2);
    await new Promise((r) => setTimeout(r, 20));
    const [later] = await addEventsInLane(t, c, 2, 1);
    const bAt = (await t.db.selectFrom('audit_event').select('at').where('id', '=', b!).executeTakeFirstOrThrow()).at;
    const now = new Date(bAt.getTime() + 180 * DAY + 5);

    const done = await archiveAudit({ db: t.owner, owner: t.owner, key: TEST_AUDIT_KEY, dataDir: s.dir, retentionDays: 180, log: quiet, now });
    const file = done.files.find((f) => f.includes(`audit-${c}-l2-`))!;
    expect(file).toMatch(new RegExp(`-${b}\\.jsonl$`));
    expect(verifyArchiveFile(path.join(s.dir, file), TEST_AUDIT_KEY)).toEqual({ ok: true, rows: 2 });
    expect(await t.owner.selectFrom('audit_event').select('id').where('lane', '=', 2).where('commission_id', '=', c).execute()).toEqual([{ id: later }]);
    const cp = await t.owner.selectFrom('audit_checkpoint').selectAll().where('kind', '=', 'ARCHIVE').where('lane', '=', 2).executeTakeFirstOrThrow();
    expect(cp).toMatchObject({ commission_id: c, last_id: b, count: 2 });
    expect(readAnchors(s.dir, TEST_AUDIT_KEY).anchors.some((x) => x.kind === 'archive' && x.lane === 2 && x.lastId === b)).toBe(true);
    // The lane goes on from its checkpoint.
    await addEventsInLane(t, c, 2, 1);
    expect(await verifyOwn(t, s.dir, c)).toMatchObject({ ok: true, broken: [] });

    // A checkpoint moved to another lane no longer carries a valid signature, and lane 2 no longer has a base.
    await t.owner.updateTable('audit_checkpoint').set({ lane: 5 }).where('id', '=', cp.id).execute();
    const moved = await verifyOwn(t, s.dir, c);
    expect(moved.broken).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: later, kind: 'deleted', lane: 2 }),
        expect.objectContaining({ id: b, kind: 'checkpoint', lane: 5 }),
      ]),
    );
  });
});

describe('re-seal of the legacy SM3 chain', () => {
  it('keys every old row, keeps a break found before the switch on record, and anchors each chain', async () => {
    const s = await appWithDataDir();
    t = s.t;
    const c = await demoCommission(t);
    // Turn the test database back into a pre-issue-8 one: a global plain SM3 chain, version 1.
    const rows = await t.owner.selectFrom('audit_event').selectAll().orderBy('id').execute();
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const hash = legacyChainHash(prev, r);
      await sql`UPDATE audit_event SET prev_hash = ${prev}, hash = ${hash}, chain_version = 1 WHERE id = ${r.id}`.execute(t.owner);
      prev = hash;
    }
    const victim = rows[Math.floor(rows.length / 2)]!;
    await sql`UPDATE audit_event SET actor_name = '别人' WHERE id = ${victim.id}`.execute(t.owner);
    const logs: string[] = [];
    const r = await sealLegacyChain(t.owner, TEST_AUDIT_KEY, s.dir, (m) => logs.push(m));
    expect(r).toEqual({ sealed: rows.length, broken: 1 });
    expect(logs[0]).toContain(`ALREADY BROKEN at #${victim.id}`);
    expect(await sealLegacyChain(t.owner, TEST_AUDIT_KEY, s.dir, quiet)).toEqual({ sealed: 0, broken: 0 });
    const sealed = await t.db.selectFrom('audit_event').select('payload').where('type', '=', 'audit.sealed').executeTakeFirstOrThrow();
    expect(sealed.payload).toMatchObject({ legacyEvents: rows.length, legacyBroken: [victim.id] });

    const v = await verifyOwn(t, s.dir, victim.commission_id);
    expect(v.broken).toEqual([expect.objectContaining({ id: victim.id, kind: 'legacy' })]);
    expect(readAnchors(s.dir, TEST_AUDIT_KEY).anchors.some((x) => x.kind === 'seal' && x.commissionId === c)).toBe(true);
    // New events continue the re-sealed chain.
    await addEvents(t, c, 2);
    expect((await verifyOwn(t, s.dir, c)).broken.filter((b) => b.kind !== 'legacy')).toEqual([]);
  });
});
