/** 共性事项: fan-out to N groups in one transaction, all-or-nothing refusal, the matrix. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createList, EDU, FIN, orgIds } from './fixtures';

let t: TestApp;
let id: (code: string) => string;
beforeAll(async () => {
  t = await createTestApp();
  id = await orgIds(t);
});
afterAll(() => t.close());

const counts = async () => ({
  lists: Number(
    (
      await t.db
        .selectFrom('supervision_list')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  items: Number(
    (
      await t.db
        .selectFrom('supervision_item')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  commons: Number(
    (
      await t.db
        .selectFrom('common_item')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});
const issue = (payload: object, as = 'dfzf.staff') => t.request({ method: 'POST', url: '/api/v1/supervision/common-items', as, payload });
// 2029: the demo already issues a 2027 common item (the 校园餐 problem converted, demo/problems.ts)
const body = {
  year: 2029,
  matter: '监督落实中央八项规定精神情况',
  bases: ['CENTRAL_DECISION'],
  methods: ['DOCUMENT_REVIEW'],
  frequency: 'QUARTERLY',
  dueDate: '2026-12-31',
};

describe('common items', () => {
  it('issues to every active group: one item each, COMMON lists created when absent, existing ones reused', async () => {
    const groups = await t.db.selectFrom('org').select('id').where('kind', '=', 'DISPATCHED_GROUP').where('valid_to', 'is', null).execute();
    const existing = await createList(t, { as: 'dfzf.staff', type: 'COMMON', year: 2029 });
    const before = await counts();
    const res = await issue(body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ issued: groups.length, commonItem: { seq: 1, issuedTo: groups.length, completed: 0 } });
    const after = await counts();
    expect(after.items - before.items).toBe(groups.length);
    expect(after.lists - before.lists).toBe(groups.length - 1);
    const items = await t.db.selectFrom('supervision_item').selectAll().where('common_item_id', '=', res.json().commonItem.id).execute();
    expect(items.every((i) => i.state === 'DRAFT' && i.lead_side === 'GROUP' && i.assist_side === 'OFFICE')).toBe(true);
    const eduItem = items.find((i) => i.lead_org_id === id(EDU))!;
    expect(eduItem.list_id).toBe(existing.id);
    expect(eduItem.assist_org_id).toBe(id('LZ-JW-JC3'));
    const finList = await t.db
      .selectFrom('supervision_list')
      .select('title')
      .where('owner_group_id', '=', id(FIN))
      .where('year', '=', 2029)
      .executeTakeFirstOrThrow();
    expect(finList.title).toMatch(/2029年度共性监督清单$/);
    const second = await issue({ ...body, matter: '巡察整改监督', groupIds: [id(EDU), id(FIN)] });
    expect(second.json()).toMatchObject({ issued: 2, commonItem: { seq: 2 } });
    const list = await t.request({ method: 'GET', url: '/api/v1/supervision/common-items?year=2029', as: 'edu.group' });
    expect(list.json()).toMatchObject({ abilities: { create: false } });
    expect(list.json().items.map((c: { issuedTo: number }) => c.issuedTo)).toEqual([groups.length, 2]);
  });

  it('a group without a liaison office: 422 naming it, nothing written', async () => {
    const g = await t.request({
      method: 'POST',
      url: '/api/v1/orgs',
      as: 'sysadmin',
      payload: { code: 'LZ-JW-PZ-NEW', nameZh: '驻市新设局纪检监察组', shortName: '驻新设局组', kind: 'DISPATCHED_GROUP', parentId: id('LZ-JW') },
    });
    expect(g.statusCode, g.body).toBe(200);
    const before = await counts();
    const res = await issue({ ...body, matter: '新事项' });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('驻市新设局纪检监察组');
    expect(await counts()).toEqual(before);
  });

  it('only the coordinator issues', async () => {
    expect((await issue(body, 'jc3.staff')).statusCode).toBe(403);
    expect((await issue(body, 'sysadmin')).statusCode).toBe(403);
  });

  it('the matrix: coordinator, leaders and the secretary; others 403', async () => {
    const m = await t.request({ method: 'GET', url: '/api/v1/supervision/matrix?year=2029', as: 'dfzf.staff' });
    expect(m.statusCode, m.body).toBe(200);
    const j = m.json();
    expect(j.commonItems.map((c: { seq: number }) => c.seq)).toEqual([1, 2]);
    expect(j.cells.filter((c: { groupId: string }) => c.groupId === id(EDU))).toHaveLength(2);
    expect(j.cells.every((c: { light: string }) => c.light === 'NONE')).toBe(true);
    expect(j.completion.overall).toBe(0);
    expect(j.groups.find((g: { id: string }) => g.id === id(EDU)).liaisonOfficeName).toBe('第三监督检查室');
    expect((await t.request({ method: 'GET', url: '/api/v1/supervision/matrix?year=2029', as: 'sj.secretary' })).statusCode).toBe(200);
    const leader = await t.request({ method: 'GET', url: '/api/v1/supervision/matrix?year=2029', as: 'cw1.member' });
    expect(leader.statusCode).toBe(200);
    expect(leader.json().groups.length).toBeLessThan(j.groups.length); // only what his offices cover
    expect((await t.request({ method: 'GET', url: '/api/v1/supervision/matrix?year=2029', as: 'edu.group' })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/supervision/matrix?year=2029', as: 'sysadmin' })).statusCode).toBe(403);
  });
});
