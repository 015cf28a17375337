import { readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app';
import { TEST_AUDIT_KEY } from '../../../test/keys';
import { legacyChainHash } from '../../platform/audit';
import { createOtherCommission } from '../../../test/fixtures';
import { anchorPath, readAnchors, writeAnchors } from './anchors';
import { verifyChains } from './chain';
import { addEvents, appWithDataDir, burnId, demoCommission, quiet, verifyOwn } from './test-helpers';

/**
 * The keyed chain against someone with write access to the database (the owner role here): every kind
 * of tampering is found and named, per commission, including the truncation a plain chain accepts.
 */
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const verifyApi = async (app: TestApp) => {
  const res = await app.request({ method: 'GET', url: '/api/v1/audit/verify', as: 'auditadmin' });
  expect(res.statusCode).toBe(200);
  return res.json() as { ok: boolean; broken: { id: number; kind: string; reason: string }[]; chain: { lastId: number; count: number; anchor: unknown } };
};

describe('keyed audit chain', () => {
  it('verifies an intact chain and counts it', async () => {
    const s = await appWithDataDir();
    t = s.t;
    const c = await demoCommission(t);
    const ids = await addEvents(t, c, 3);
    const total = await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('commission_id', '=', c)
      .executeTakeFirstOrThrow();
    const v = await verifyApi(t);
    expect(v).toMatchObject({ ok: true, broken: [] });
    expect(v.chain.lastId).toBe(ids[2]);
    expect(v.chain.count).toBe(Number(total.n));
  });

  it('names a row edited in place, even when the editor recomputes the whole chain with plain SM3', async () => {
    const s = await appWithDataDir();
    t = s.t;
    const c = await demoCommission(t);
    const ids = await addEvents(t, c, 4);
    // What the old verifier accepted: edit a payload, then recompute every later SM3 link.
    const rows = await t.owner.selectFrom('audit_event').selectAll().where('commission_id', '=', c).where('id', '>=', ids[1]!).orderBy('id').execute();
    let prev = rows[0]!.prev_hash;
    for (const r of rows) {
      const payload = r.id === ids[1] ? { key: 'k1', to: 999 } : r.payload;
      const hash = legacyChainHash(prev, { ...r, payload });
      await sql`UPDATE audit_event SET payload = ${JSON.stringify(payload)}::jsonb, prev_hash = ${prev}, hash = ${hash} WHERE id = ${r.id}`.execute(t.owner);
      prev = hash;
    }
    const v = await verifyApi(t);
    expect(v.ok).toBe(false);
    expect(v.broken[0]).toMatchObject({ id: ids[1], kind: 'changed' });
    expect(v.broken[0]!.reason).toContain('篡改');
  });

  it('names a forged row inserted in the middle and only that row', async () => {
    const s = await appWithDataDir();
    t = s.t;
    const c = await demoCommission(t);
    const [a] = await addEvents(t, c, 1);
    const gap = await burnId(t);
    const [b] = await addEvents(t, c, 1);
    const before = await t.owner.selectFrom('audit_event').selectAll().where('id', '=', a!).executeTakeFirstOrThrow();
    const forged = { ...before, id: gap, at: new Date(before.at.getTime() + 1), payload: { key: 'forged', to: 1 } };
    await sql`INSERT INTO audit_event (id, at, commission_id, actor_name, type, object_type, object_id, payload, prev_hash, hash, chain_version)
      OVERRIDING SYSTEM VALUE VALUES (${gap}, ${forged.at}, ${c}, '测试', 'setting.changed', 'setting', 'forged', ${JSON.stringify(forged.payload)}::jsonb,
      ${before.hash}, ${legacyChainHash(before.hash, forged)}, 2)`.execute(t.owner);
    const v = await verifyApi(t);
    expect(v.broken).toEqual([expect.objectContaining({ id: gap, kind: 'inserted' })]);
    expect(b).toBeGreaterThan(gap);
  });

  it('names the successor of a row deleted in the middle', async () => {
    const s = await appWithDataDir();
    t = s.t;
    const c = await demoCommission(t);
    const ids = await addEvents(t, c, 3);
    await t.owner.deleteFrom('audit_event').where('id', '=', ids[1]!).execute();
    const v = await verifyApi(t);
    expect(v.broken).toEqual([expect.objectContaining({ id: ids[2], kind: 'deleted' })]);
    expect(v.broken[0]!.reason).toContain(`#${ids[0]} 与 #${ids[2]} 之间`);
  });

  it('detects the tail deleted after an anchor, and refuses to anchor the shortened chain', async () => {
    const s = await appWithDataDir();
    t = s.t;
    const c = await demoCommission(t);
    const ids = await addEvents(t, c, 4);
    const logged: string[] = [];
    const { written } = await writeAnchors(t.db, TEST_AUDIT_KEY, s.dir, (m) => logged.push(m));
    const mine = written.find((a) => a.commissionId === c)!;
    expect(mine.lastId).toBe(ids[3]);
    expect(logged.some((l) => l.includes(`"lastId":${ids[3]}`))).toBe(true);

    // Deleting the last two rows leaves a chain that is intact on its own: only the anchor knows.
    await t.owner.deleteFrom('audit_event').where('id', 'in', [ids[2]!, ids[3]!]).execute();
    expect((await verifyOwn(t, '/nonexistent', c)).ok).toBe(true);
    const v = await verifyApi(t);
    expect(v.ok).toBe(false);
    expect(v.broken).toEqual([expect.objectContaining({ id: ids[3], kind: 'truncated' })]);
    expect(v.broken[0]!.reason).toContain(`共 ${mine.count} 条`);
    expect(v.broken[0]!.reason).toContain(`共 ${mine.count - 2} 条`);

    const again = await writeAnchors(t.db, TEST_AUDIT_KEY, s.dir, (m) => logged.push(m));
    expect(again.written.filter((a) => a.commissionId === c)).toHaveLength(0);
    expect(again.refused.find((r) => r.commissionId === c)?.reasons[0]).toContain('已不存在');
    expect(logged.at(-1)).toContain('AUDIT CHAIN BROKEN');
  });

  it('rejects a forged anchor line and fails entirely under another key', async () => {
    const s = await appWithDataDir();
    t = s.t;
    const c = await demoCommission(t);
    await addEvents(t, c, 2);
    await writeAnchors(t.db, TEST_AUDIT_KEY, s.dir, quiet);
    // Someone raises the anchored count in the file by hand.
    const file = anchorPath(s.dir);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/"count":(\d+)/, (_m, n) => `"count":${Number(n) + 5}`),
    );
    const v = await verifyApi(t);
    expect(v.broken.some((b) => b.kind === 'anchor' && b.reason.includes('签名无效'))).toBe(true);

    const other = await verifyOwn(t, s.dir, c, Buffer.alloc(32, 7));
    expect(other.ok).toBe(false);
    expect(other.broken.filter((b) => b.kind === 'changed').length).toBe(other.checked);
  });

  it('keeps one chain per commission: a break in another commission is reported for that commission only', async () => {
    const s = await appWithDataDir();
    t = s.t;
    const c = await demoCommission(t);
    const other = await createOtherCommission(t.owner);
    await addEvents(t, c, 2);
    const theirs = await addEvents(t, other.commissionId, 3);
    await addEvents(t, c, 1);
    await t.owner.deleteFrom('audit_event').where('id', '=', theirs[1]!).execute();
    expect(await verifyApi(t)).toMatchObject({ ok: true, broken: [] });
    const all = await verifyChains(t.db, TEST_AUDIT_KEY, readAnchors(s.dir, TEST_AUDIT_KEY).anchors);
    expect(all.broken).toEqual([expect.objectContaining({ id: theirs[2], kind: 'deleted', commissionId: other.commissionId })]);
    expect(all.commissions.map((x) => x.commissionId)).toEqual(expect.arrayContaining([c, other.commissionId]));
  });
});
