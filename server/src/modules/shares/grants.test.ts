/**
 * 信息互通 as the grantee and as an attacker see it (issue 11, Done means): a request is approved by the
 * owner side's overseeing leader; the grant opens exactly the named objects to the grantee org — ledger,
 * detail, export, the share page — and nothing else; a summary grant withholds the content; every read
 * under a grant is audited with its id; the grant closes the day after it ends and at revocation.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { insertBareClue, orgIdOf } from '../../../test/fixtures';

let t: TestApp;
let named: string;
let other: string;
let sc8: string;
let shareId: string;
let today: string;
const plus = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp({ logLevel: process.env.TEST_LOG ? 'error' : 'silent' });
  today = (await sql<{ d: string }>`SELECT to_char(current_date, 'YYYY-MM-DD') AS d`.execute(t.db)).rows[0]!.d;
  sc8 = await orgIdOf(t.db, 'LZ-JW-SC8');
  named = await insertBareClue(t.db, { title: '共享测试线索甲', summary: '反映其违规收受购物卡的具体情节（内容）' });
  other = await insertBareClue(t.db, { title: '共享测试线索乙', summary: '不在共享范围内' });
});
afterAll(() => t.close());

async function ledgerIds(as: string): Promise<string[]> {
  const res = await t.request({ method: 'GET', url: '/api/v1/clues?pageSize=100', as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((c: { id: string }) => c.id);
}

async function shareReads(shareId: string): Promise<{ payload: { via: string; objectIds: string[] } }[]> {
  const { rows } = await sql<{ payload: { via: string; objectIds: string[] } }>`SELECT payload FROM audit_event
    WHERE type = 'share.read' AND object_id = ${shareId} ORDER BY id`.execute(t.db);
  return rows;
}

describe('a dispatched group asks 第八审查调查室 for 执纪审查 information', () => {
  it('before any grant the group sees neither clue', async () => {
    expect((await t.request({ method: 'GET', url: `/api/v1/clues/${named}`, as: 'fin.staff' })).statusCode).toBe(404);
    expect(await ledgerIds('fin.staff')).not.toContain(named);
  });

  it('bad requests are 400 with zh-CN field paths and write nothing', async () => {
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_share`.execute(t.db)).rows[0]!.n;
    const bad = [
      {
        body: { origin: 'REQUEST', kind: 'DISCIPLINARY_REVIEW', purpose: '核查需要', startsOn: today, endsOn: plus(10), categoryTypes: ['CLUE'] },
        path: 'ownerOrgId',
      },
      {
        body: {
          origin: 'REQUEST',
          kind: 'DISCIPLINARY_REVIEW',
          ownerOrgId: sc8,
          purpose: '核查需要',
          startsOn: today,
          endsOn: plus(10),
          categoryTypes: ['PERSON'],
        },
        path: 'categoryTypes.0',
      },
      {
        body: {
          origin: 'REQUEST',
          kind: 'DISCIPLINARY_REVIEW',
          ownerOrgId: sc8,
          purpose: '核查需要',
          startsOn: plus(5),
          endsOn: plus(1),
          categoryTypes: ['CLUE'],
        },
        path: 'endsOn',
      },
      {
        body: {
          origin: 'REQUEST',
          kind: 'DISCIPLINARY_REVIEW',
          ownerOrgId: sc8,
          purpose: '核查需要',
          startsOn: today,
          endsOn: plus(400),
          categoryTypes: ['CLUE'],
        },
        path: 'endsOn',
      },
      {
        body: {
          origin: 'REQUEST',
          kind: 'DISCIPLINARY_REVIEW',
          ownerOrgId: sc8,
          purpose: '核查需要',
          startsOn: today,
          endsOn: plus(5),
          objects: [{ type: 'CLUE', id: named }],
        },
        path: 'objects',
      },
    ];
    for (const b of bad) {
      const res = await t.request({ method: 'POST', url: '/api/v1/shares', as: 'fin.staff', payload: b.body });
      expect(res.statusCode, b.path).toBe(400);
      expect(JSON.stringify(res.json()), b.path).toContain(b.path);
      expect(JSON.stringify(res.json()), b.path).toMatch(/[\u4e00-\u9fa5]/);
    }
    const past = await t.request({
      method: 'POST',
      url: '/api/v1/shares',
      as: 'fin.staff',
      payload: {
        origin: 'REQUEST',
        kind: 'DISCIPLINARY_REVIEW',
        ownerOrgId: sc8,
        purpose: '核查需要',
        startsOn: plus(-1),
        endsOn: plus(5),
        categoryTypes: ['CLUE'],
      },
    });
    expect(past.statusCode).toBe(400);
    expect(JSON.stringify(past.json())).toContain('startsOn');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_share`.execute(t.db)).rows[0]!.n).toBe(before);
  });

  it('the request waits for the leader overseeing 第八审查调查室, and nobody outside learns of it', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/shares',
      as: 'fin.staff',
      payload: {
        origin: 'REQUEST',
        kind: 'DISCIPLINARY_REVIEW',
        ownerOrgId: sc8,
        purpose: '核查驻在单位干部问题线索需要',
        startsOn: today,
        endsOn: plus(30),
        categoryTypes: ['CLUE'],
      },
    });
    expect(res.statusCode).toBe(201);
    shareId = res.json().id;
    expect(res.json()).toMatchObject({ state: 'PENDING', effect: 'NONE', detail: 'SUMMARY', categoryTypes: ['CLUE'] });
    expect(res.json().abilities.actions).toEqual(['withdraw']);

    const box = await t.request({ method: 'GET', url: '/api/v1/shares?box=toApprove', as: 'cw3.member' });
    expect(box.json().items.map((s: { id: string }) => s.id)).toContain(shareId);
    expect(box.json().toApprove).toBeGreaterThan(0);
    const bell = await sql<{ n: number }>`SELECT count(*)::int AS n FROM inbox_message m JOIN app_user u ON u.id = m.user_id
      WHERE u.username = 'cw3.member' AND m.link = ${`/shares/${shareId}`}`.execute(t.db);
    expect(bell.rows[0]!.n).toBe(1);
    for (const as of ['fsj1.deputy', 'edu.group', 'jc3.staff', 'bank.liaison', 'auditadmin']) {
      expect((await t.request({ method: 'GET', url: `/api/v1/shares/${shareId}`, as })).statusCode, as).toBe(404);
    }
    // Still pending: the group reads nothing.
    expect((await t.request({ method: 'GET', url: `/api/v1/clues/${named}`, as: 'fin.staff' })).statusCode).toBe(404);
    // The group cannot approve its own request.
    const self = await t.request({ method: 'POST', url: `/api/v1/shares/${shareId}/actions`, as: 'fin.staff', payload: { action: 'approve', version: 1 } });
    expect(self.statusCode).toBe(403);
  });

  it('the leader narrows it to one named clue; the group then reads exactly that clue, summary only', async () => {
    const refuseless = await t.request({
      method: 'POST',
      url: `/api/v1/shares/${shareId}/actions`,
      as: 'cw3.member',
      payload: { action: 'refuse', version: 1 },
    });
    expect(refuseless.statusCode).toBe(400);
    const ok = await t.request({
      method: 'POST',
      url: `/api/v1/shares/${shareId}/actions`,
      as: 'cw3.member',
      payload: { action: 'approve', version: 1, objects: [{ type: 'CLUE', id: named }], detail: 'SUMMARY' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'APPROVED', effect: 'ACTIVE', categoryTypes: [], objectCount: 1 });

    const ids = await ledgerIds('fin.staff');
    expect(ids).toContain(named);
    expect(ids).not.toContain(other);
    const detail = await t.request({ method: 'GET', url: `/api/v1/clues/${named}`, as: 'fin.staff' });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().shared).toEqual({ shareIds: [shareId], detail: 'SUMMARY' });
    expect(detail.json().summary).toBe('');
    expect(detail.json().timeline).toEqual([]);
    expect(detail.json().abilities.actions).toEqual([]);
    expect(JSON.stringify(detail.json())).not.toContain('购物卡');
    expect((await t.request({ method: 'GET', url: `/api/v1/clues/${other}`, as: 'fin.staff' })).statusCode).toBe(404);
    // Another group, and the group's own liaison office, still see nothing.
    expect((await t.request({ method: 'GET', url: `/api/v1/clues/${named}`, as: 'edu.group' })).statusCode).toBe(404);

    const objects = await t.request({ method: 'GET', url: `/api/v1/shares/${shareId}/objects`, as: 'fin.staff' });
    expect(objects.json().items.map((o: { id: string }) => o.id)).toEqual([named]);
    expect(objects.json().items[0]).toMatchObject({ type: 'CLUE', title: '共享测试线索甲', link: `/clues/${named}` });

    const exported = await t.request({ method: 'GET', url: '/api/v1/clues/export.xlsx', as: 'fin.staff' });
    expect(exported.statusCode).toBe(200);

    const reads = await shareReads(shareId);
    expect(reads.map((r) => r.payload.via).sort()).toEqual(expect.arrayContaining(['list', 'detail', 'share', 'export']));
    expect(reads.every((r) => JSON.stringify(r.payload.objectIds).includes(named))).toBe(true);
    expect(reads.some((r) => JSON.stringify(r.payload.objectIds).includes(other))).toBe(false);
  });

  it('an owner reading its own clue leaves no grant trail', async () => {
    const before = (await shareReads(shareId)).length;
    expect((await t.request({ method: 'GET', url: `/api/v1/clues/${named}`, as: 'sc8.staff' })).statusCode).toBe(200);
    expect((await shareReads(shareId)).length).toBe(before);
  });

  it('the grant is in force through its last day and closed the day after', async () => {
    await sql`UPDATE information_share SET starts_on = current_date - 3, ends_on = current_date WHERE id = ${shareId}::uuid`.execute(t.owner);
    expect((await t.request({ method: 'GET', url: `/api/v1/clues/${named}`, as: 'fin.staff' })).statusCode).toBe(200);
    await sql`UPDATE information_share SET ends_on = current_date - 1 WHERE id = ${shareId}::uuid`.execute(t.owner);
    expect((await t.request({ method: 'GET', url: `/api/v1/clues/${named}`, as: 'fin.staff' })).statusCode).toBe(404);
    expect(await ledgerIds('fin.staff')).not.toContain(named);
    expect((await t.request({ method: 'GET', url: `/api/v1/shares/${shareId}/objects`, as: 'fin.staff' })).statusCode).toBe(404);
    const page = await t.request({ method: 'GET', url: `/api/v1/shares/${shareId}`, as: 'fin.staff' });
    expect(page.json()).toMatchObject({ state: 'APPROVED', effect: 'EXPIRED', objects: [] });
    await sql`UPDATE information_share SET ends_on = current_date + 10 WHERE id = ${shareId}::uuid`.execute(t.owner);
  });

  it('revocation by the owner side closes it at once', async () => {
    expect((await t.request({ method: 'GET', url: `/api/v1/clues/${named}`, as: 'fin.staff' })).statusCode).toBe(200);
    const v = (await t.request({ method: 'GET', url: `/api/v1/shares/${shareId}`, as: 'sc8.staff' })).json().version;
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/shares/${shareId}/actions`,
      as: 'sc8.staff',
      payload: { action: 'revoke', version: v, comment: '核查已结束' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'REVOKED', effect: 'NONE', revokeReason: '核查已结束' });
    expect((await t.request({ method: 'GET', url: `/api/v1/clues/${named}`, as: 'fin.staff' })).statusCode).toBe(404);
    expect(await ledgerIds('fin.staff')).not.toContain(named);
    const stale = await t.request({
      method: 'POST',
      url: `/api/v1/shares/${shareId}/actions`,
      as: 'sc8.staff',
      payload: { action: 'revoke', version: v, comment: '再次撤销' },
    });
    expect(stale.statusCode).toBe(409);
  });
});
