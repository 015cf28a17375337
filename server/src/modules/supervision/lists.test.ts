/** Lists and items over HTTP: creation rules, planning, 会商, whole-list actions, 点题派单, details. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { addItem, consult, createList, EDU, FIN, freshYear, getItem, JC3, orgIds } from './fixtures';

let t: TestApp;
let id: (code: string) => string;
beforeAll(async () => {
  t = await createTestApp();
  id = await orgIds(t);
});
afterAll(() => t.close());

describe('lists', () => {
  it('creates a list with derived liaison, coordinator and host units; duplicates are 409', async () => {
    const year = freshYear();
    const list = await createList(t, { year });
    expect(list.liaisonOfficeId).toBe(id(JC3));
    expect(list.coordinatorOfficeName).toBe('党风政风监督室');
    expect(list.hostUnits.map((h: { id: string }) => h.id).sort()).toEqual([id('LZ-HU-JYJ'), id('LZ-HU-TYJ')].sort());
    expect(list.title).toContain(`${year}年度个性监督清单`);
    expect(list.abilities).toMatchObject({ update: true, addItem: true, approve: false });
    const dup = await t.request({
      method: 'POST',
      url: '/api/v1/supervision/lists',
      as: 'jc3.staff',
      payload: { year, type: 'INDIVIDUAL', ownerGroupId: id(EDU), bases: [] },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses host units outside the coverage (422) and creators without a link (403)', async () => {
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/supervision/lists',
      as: 'jc3.staff',
      payload: { year: freshYear(), type: 'INDIVIDUAL', ownerGroupId: id(EDU), bases: [], hostUnitIds: [id('LZ-HU-CZJ')] },
    });
    expect(bad.statusCode).toBe(422);
    const other = await t.request({
      method: 'POST',
      url: '/api/v1/supervision/lists',
      as: 'jc3.staff',
      payload: { year: freshYear(), type: 'INDIVIDUAL', ownerGroupId: id(FIN), bases: [] },
    });
    expect(other.statusCode).toBe(403);
    const groupCommon = await t.request({
      method: 'POST',
      url: '/api/v1/supervision/lists',
      as: 'edu.group',
      payload: { year: freshYear(), type: 'COMMON', ownerGroupId: id(EDU), bases: [] },
    });
    expect(groupCommon.statusCode).toBe(403);
    const groupOwn = await t.request({
      method: 'POST',
      url: '/api/v1/supervision/lists',
      as: 'edu.group',
      payload: { year: freshYear(), type: 'INDIVIDUAL', ownerGroupId: id(EDU), bases: [] },
    });
    expect(groupOwn.statusCode).toBe(200);
  });

  it('validates item parties, responsible users and host units', async () => {
    const list = await createList(t);
    const base = { matter: '事项', bases: [], leadSide: 'GROUP', leadOrgId: id(EDU), methods: ['TALK'] };
    const post = (payload: object) => t.request({ method: 'POST', url: `/api/v1/supervision/lists/${list.id}/items`, as: 'jc3.staff', payload });
    expect((await post({ ...base, leadOrgId: id(FIN) })).statusCode).toBe(422);
    expect((await post({ ...base, assistSide: 'OFFICE', assistOrgId: id('LZ-JW-JC2') })).statusCode).toBe(422);
    expect((await post({ ...base, assistSide: 'OFFICE' })).statusCode).toBe(422);
    const finUser = await t.db.selectFrom('app_user').select('id').where('username', '=', 'fin.staff').executeTakeFirstOrThrow();
    expect((await post({ ...base, responsibleUserIds: [finUser.id] })).statusCode).toBe(422);
    expect((await post({ ...base, hostUnitIds: [id('LZ-HU-CZJ')] })).statusCode).toBe(422);
    const eduUser = await t.db.selectFrom('app_user').select('id').where('username', '=', 'edu.staff').executeTakeFirstOrThrow();
    const ok = await post({ ...base, leadSide: 'OFFICE', leadOrgId: id(JC3), assistSide: 'GROUP', assistOrgId: id(EDU), responsibleUserIds: [eduUser.id] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'DRAFT', light: 'NONE', seq: 1, responsibleUsers: [{ id: eduUser.id, name: '饶安琪' }] });
    // COMMON lists: the group leads and the liaison office assists
    const common = await createList(t, { type: 'COMMON' });
    const c = await t.request({
      method: 'POST',
      url: `/api/v1/supervision/lists/${common.id}/items`,
      as: 'jc3.staff',
      payload: { ...base, leadSide: 'OFFICE', leadOrgId: id(JC3) },
    });
    expect(c.statusCode).toBe(422);
  });

  it('consults and approves a whole list, then only 点题派单 adds items', async () => {
    const list = await createList(t);
    const a = await addItem(t, list.id);
    await addItem(t, list.id, { matter: '校园餐专项监督' });
    const noRecord = await t.request({
      method: 'POST',
      url: `/api/v1/supervision/lists/${list.id}/transitions`,
      as: 'jc3.staff',
      payload: { action: 'consult', version: list.version },
    });
    expect(noRecord.statusCode).toBe(409);
    const record = await consult(t, list.id);
    expect(record.participants[0]).toEqual({ orgId: null, orgName: null, name: '桑恪之', role: '主任' });
    const c = await t.request({
      method: 'POST',
      url: `/api/v1/supervision/lists/${list.id}/transitions`,
      as: 'jc3.staff',
      payload: { action: 'consult', version: list.version },
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().stateCounts.CONSULTED).toBe(2);
    const notLeader = await t.request({
      method: 'POST',
      url: `/api/v1/supervision/lists/${list.id}/transitions`,
      as: 'jc3.director',
      payload: { action: 'approve', version: c.json().version },
    });
    expect(notLeader.statusCode).toBe(403);
    const ap = await t.request({
      method: 'POST',
      url: `/api/v1/supervision/lists/${list.id}/transitions`,
      as: 'cw1.member',
      payload: { action: 'approve', version: c.json().version },
    });
    expect(ap.statusCode, ap.body).toBe(200);
    expect(ap.json()).toMatchObject({ approvedAt: expect.any(String), stateCounts: { APPROVED: 2 }, abilities: { addItem: false, order: true } });
    expect(ap.json().consultations).toHaveLength(1);
    const late = await t.request({
      method: 'POST',
      url: `/api/v1/supervision/lists/${list.id}/items`,
      as: 'jc3.staff',
      payload: { matter: 'x', bases: [], leadSide: 'GROUP', leadOrgId: id(EDU), methods: ['TALK'] },
    });
    expect(late.statusCode).toBe(409);
    const ordered = await t.request({
      method: 'POST',
      url: '/api/v1/supervision/items',
      as: 'cw1.member',
      payload: {
        listId: list.id,
        matter: '点题：招生入学监督',
        bases: ['ANNUAL_PRIORITY'],
        leadSide: 'OFFICE',
        leadOrgId: id(JC3),
        methods: ['FIELD_CHECK'],
        dueDate: '2026-10-31',
        comment: '请第三室牵头',
      },
    });
    expect(ordered.statusCode, ordered.body).toBe(200);
    expect(ordered.json()).toMatchObject({ state: 'APPROVED', seq: 3, orderedBy: { name: '邰书亭' } });
    const notice = await t.db
      .selectFrom('inbox_message as m')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .select('m.title')
      .where('u.username', '=', 'jc3.director')
      .where('m.kind', '=', 'supervision.ordered')
      .execute();
    expect(notice).toHaveLength(1);
    const byGroup = await t.request({
      method: 'POST',
      url: '/api/v1/supervision/items',
      as: 'edu.group',
      payload: { listId: list.id, matter: 'x', bases: [], leadSide: 'GROUP', leadOrgId: id(EDU), methods: ['TALK'], dueDate: '2026-10-31', comment: 'x' },
    });
    expect(byGroup.statusCode).toBe(403);
    const detail = await getItem(t, a.id);
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['create', 'consult', 'approve']);
  });

  it('edits items only while planning, with optimistic locking', async () => {
    const list = await createList(t);
    const item = await addItem(t, list.id);
    const patch = (payload: object, as = 'edu.group') => t.request({ method: 'PATCH', url: `/api/v1/supervision/items/${item.id}`, as, payload });
    const ok = await patch({ version: item.version, matter: '修改后的事项', dueDate: '2026-06-30' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ matter: '修改后的事项', dueDate: '2026-06-30', version: item.version + 1 });
    expect((await patch({ version: item.version, matter: '过期' })).statusCode).toBe(409);
    expect((await getItem(t, item.id)).matter).toBe('修改后的事项');
    const lp = await t.request({
      method: 'PATCH',
      url: `/api/v1/supervision/lists/${list.id}`,
      as: 'edu.group',
      payload: { version: list.version, title: '新标题' },
    });
    expect(lp.statusCode, lp.body).toBe(200);
    expect(lp.json().title).toBe('新标题');
  });

  it('lists by filters with counts and abilities', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/supervision/lists?groupId=${id(EDU)}`, as: 'edu.group' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
    expect(res.json().abilities.create).toBe(true);
    expect(res.json().items.every((l: { ownerGroupId: string }) => l.ownerGroupId === id(EDU))).toBe(true);
    const chart = await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${res.json().items[0].id}/progress-chart`, as: 'edu.group' });
    expect(chart.statusCode, chart.body).toBe(200);
  });
});
