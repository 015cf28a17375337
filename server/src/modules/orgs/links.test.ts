/** Links (分管/联系/派驻/片区成员), leaders and zones: dangling and wrong-kind ends, duplicates, ending, locking. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, codeToId } from './test-helpers';

let t: TestApp;
let ids: Map<string, string>;
let newGroup: string;
let newUnit: string;
beforeAll(async () => {
  t = await createTestApp();
  ids = await codeToId(t);
  const g = await t.request({
    method: 'POST',
    url: '/api/v1/orgs',
    as: 'sysadmin',
    payload: { code: 'LZ-JW-PZ-TST', nameZh: '驻市测试局纪检监察组', shortName: '驻测试局组', kind: 'DISPATCHED_GROUP', parentId: ids.get('LZ-JW') },
  });
  const u = await t.request({
    method: 'POST',
    url: '/api/v1/orgs',
    as: 'sysadmin',
    payload: { code: 'LZ-HU-TST', nameZh: '市测试局', shortName: '市测试局', kind: 'HOST_UNIT' },
  });
  newGroup = g.json().id;
  newUnit = u.json().id;
  ids = await codeToId(t);
});
afterAll(() => t.close());

const post = (url: string, payload: object, as = 'sysadmin') => t.request({ method: 'POST', url, payload, as });
const id = (code: string) => ids.get(code)!;
const linkCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('org_link')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('POST /links', () => {
  it.each([
    ['a liaison from a non-inspection office', { type: 'LIAISON', from: 'LZ-JW-BGS', to: 'LZ-JW-PZ-TST' }, 'fromId'],
    ['a liaison to a host unit', { type: 'LIAISON', from: 'LZ-JW-JC1', to: 'LZ-HU-TST' }, 'toId'],
    ['a dispatch without role', { type: 'DISPATCH', from: 'LZ-JW-PZ-TST', to: 'LZ-HU-TST' }, 'role'],
    ['a dispatch from an office', { type: 'DISPATCH', from: 'LZ-JW-JC1', to: 'LZ-HU-TST', role: 'RESIDENT' }, 'fromId'],
    ['a role on a liaison', { type: 'LIAISON', from: 'LZ-JW-JC1', to: 'LZ-JW-PZ-TST', role: 'RESIDENT' }, 'role'],
    ['a dangling end', { type: 'LIAISON', from: 'LZ-JW-JC1', to: null }, 'toId'],
    ['oversight by a non-leader', { type: 'OVERSIGHT', from: 'LZ-JW-JC1', to: 'LZ-JW-BGS' }, 'fromId'],
  ])('refuses %s with 422 at the field path, writing nothing', async (_what, l, path) => {
    const before = await linkCount();
    const res = await post('/api/v1/links', {
      type: l.type,
      fromId: id(l.from),
      toId: l.to ? id(l.to) : '00000000-0000-4000-8000-000000000000',
      ...('role' in l ? { role: l.role } : {}),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().details.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(await linkCount()).toBe(before);
  });

  it('creates a liaison and a dispatch, audits them and refuses an active duplicate with 409', async () => {
    const liaison = await post('/api/v1/links', { type: 'LIAISON', fromId: id('LZ-JW-JC1'), toId: newGroup });
    expect(liaison.statusCode, liaison.body).toBe(200);
    expect(liaison.json()).toMatchObject({
      type: 'LIAISON',
      fromName: '第一监督检查室',
      toName: '驻市测试局纪检监察组',
      role: null,
      validTo: null,
      abilities: { end: true },
    });
    expect(await auditCount(t, 'link.created', liaison.json().id)).toBe(1);
    const dup = await post('/api/v1/links', { type: 'LIAISON', fromId: id('LZ-JW-JC1'), toId: newGroup, validFrom: '2026-01-01' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('DUPLICATE');
    const dispatch = await post('/api/v1/links', { type: 'DISPATCH', fromId: newGroup, toId: newUnit, role: 'COMPREHENSIVE' });
    expect(dispatch.json()).toMatchObject({ role: 'COMPREHENSIVE', toName: '市测试局' });
    // jc1.staff now sees the new group and, through it, the unit.
    const seen = (await t.request({ method: 'GET', url: '/api/v1/orgs?pageSize=200', as: 'jc1.staff' })).json().items.map((o: { code: string }) => o.code);
    expect(seen).toEqual(expect.arrayContaining(['LZ-JW-PZ-TST', 'LZ-HU-TST']));
    expect((await post('/api/v1/links', { type: 'DISPATCH', fromId: newGroup, toId: newUnit, role: 'RESIDENT' }, 'jc1.staff')).statusCode).toBe(403);
  });

  it('refuses links to a retired org', async () => {
    const gone = await post('/api/v1/orgs', { code: 'LZ-HU-GONE', nameZh: '已撤销单位', shortName: '已撤销', kind: 'HOST_UNIT', validFrom: '2025-01-01' });
    await post(`/api/v1/orgs/${gone.json().id}/retire`, { version: 1, validTo: '2025-06-30' });
    const res = await post('/api/v1/links', { type: 'DISPATCH', fromId: newGroup, toId: gone.json().id, role: 'RESIDENT' });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('已撤销');
  });
});

describe('POST /links/:type/:id/end', () => {
  it('checks version and dates, ends once, and keeps the ended link queryable', async () => {
    const link = (
      await post('/api/v1/links', { type: 'DISPATCH', fromId: id('LZ-JW-PZ-JYJ'), toId: newUnit, role: 'COMPREHENSIVE', validFrom: '2026-01-01' })
    ).json();
    const url = `/api/v1/links/DISPATCH/${link.id}/end`;
    expect((await post(url, { version: 99, validTo: '2026-02-01' })).json().code).toBe('STALE_VERSION');
    const early = await post(url, { version: 1, validTo: '2025-12-31' });
    expect(early.statusCode).toBe(422);
    expect(early.json().details.issues[0].path).toBe('validTo');
    expect((await post(url, { version: 1, validTo: '2026-02-01' }, 'edu.group')).statusCode).toBe(403);
    const ended = await post(url, { version: 1, validTo: '2026-02-01' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ validTo: '2026-02-01', version: 2, abilities: { end: false } });
    expect(await auditCount(t, 'link.ended', link.id)).toBe(1);
    const again = await post(url, { version: 2, validTo: '2026-02-02' });
    expect(again.json().code).toBe('ILLEGAL_TRANSITION');
    expect((await post(`/api/v1/links/LIAISON/${link.id}/end`, { version: 2, validTo: '2026-02-02' })).statusCode).toBe(404);
    const history = (await t.request({ method: 'GET', url: `/api/v1/links?orgId=${newUnit}&includeEnded=true`, as: 'sysadmin' })).json().items;
    expect(history.map((l: { id: string }) => l.id)).toContain(link.id);
  });

  it('answers 404 for a link outside the commission or unknown', async () => {
    expect((await post('/api/v1/links/LIAISON/00000000-0000-4000-8000-000000000000/end', { version: 1, validTo: '2026-01-01' })).statusCode).toBe(404);
    expect((await post('/api/v1/links/NOPE/00000000-0000-4000-8000-000000000000/end', { version: 1, validTo: '2026-01-01' })).statusCode).toBe(400);
  });
});

describe('leaders', () => {
  it('creates a leader with the person, adds 分管, and ending the leadership ends the 分管', async () => {
    const res = await post('/api/v1/leaders', { nameZh: '示例领导', title: 'STANDING_MEMBER', orgId: id('LZ-JW'), gender: 'F', validFrom: '2025-06-01' });
    expect(res.statusCode, res.body).toBe(200);
    const leader = res.json();
    expect(leader).toMatchObject({ nameZh: '示例领导', orgName: '兰州市纪委监委', oversees: [], abilities: { update: true } });
    const person = await t.db.selectFrom('person').select(['name_zh', 'unit_id']).where('id', '=', leader.personId).executeTakeFirstOrThrow();
    expect(person).toEqual({ name_zh: '示例领导', unit_id: id('LZ-JW') });
    const oversight = await post('/api/v1/links', { type: 'OVERSIGHT', fromId: leader.id, toId: id('LZ-JW-XCB'), validFrom: '2026-01-01' });
    expect(oversight.statusCode, oversight.body).toBe(200);
    const county = await post('/api/v1/links', { type: 'OVERSIGHT', fromId: leader.id, toId: id('LZ-YZ-JJ1') });
    expect(county.statusCode).toBe(422);
    expect(county.json().message).toContain('所在的纪委监委');
    const listed = (await t.request({ method: 'GET', url: '/api/v1/leaders', as: 'sysadmin' })).json().items.find((l: { id: string }) => l.id === leader.id);
    expect(listed.oversees.map((o: { officeName: string }) => o.officeName)).toEqual(['宣传部']);

    expect(
      (await t.request({ method: 'PATCH', url: `/api/v1/leaders/${leader.id}`, as: 'sysadmin', payload: { version: 9, title: 'DEPUTY_SECRETARY' } }))
        .statusCode,
    ).toBe(409);
    const ended = await t.request({
      method: 'PATCH',
      url: `/api/v1/leaders/${leader.id}`,
      as: 'sysadmin',
      payload: { version: 1, title: 'DEPUTY_SECRETARY', validTo: '2026-03-31' },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ title: 'DEPUTY_SECRETARY', validTo: '2026-03-31', version: 2, abilities: { update: false } });
    const row = await t.db.selectFrom('oversight').select('valid_to').where('id', '=', oversight.json().id).executeTakeFirstOrThrow();
    expect(row.valid_to).toBe('2026-03-31');
    expect(await auditCount(t, 'link.ended', oversight.json().id)).toBe(1);
    expect(await auditCount(t, 'leader.updated', leader.id)).toBe(1);
  });

  it('refuses a leader outside a commission and non-administrators', async () => {
    const res = await post('/api/v1/leaders', { nameZh: '错误', title: 'STANDING_MEMBER', orgId: id('LZ-HU-JYJ') });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.issues[0].path).toBe('orgId');
    expect((await post('/api/v1/leaders', { nameZh: '错误', title: 'STANDING_MEMBER', orgId: id('LZ-JW') }, 'sj.secretary')).statusCode).toBe(403);
  });
});

describe('zones', () => {
  it('a county group joins the zones of the office that starts liaising with it, and leaves them when the liaison ends', async () => {
    const g = await post('/api/v1/orgs', {
      code: 'LZ-YD-PZ-TST',
      nameZh: '驻永登县测试局纪检监察组',
      shortName: '驻县测试局组',
      kind: 'DISPATCHED_GROUP',
      parentId: id('LZ-YD'),
    });
    expect(g.statusCode, g.body).toBe(200);
    const group = g.json().id as string;
    const openZonesOf = async (orgId: string) =>
      (
        await t.db
          .selectFrom('work_zone_member')
          .select(['zone_id', 'valid_from', 'valid_to'])
          .where('org_id', '=', orgId)
          .where('valid_to', 'is', null)
          .orderBy('zone_id')
          .execute()
      ).map((m) => m.zone_id);
    const officeZones = await openZonesOf(id('LZ-YD-JJ1'));
    expect(officeZones.length).toBeGreaterThan(0);
    expect(await openZonesOf(group)).toEqual([]);

    const link = await post('/api/v1/links', { type: 'LIAISON', fromId: id('LZ-YD-JJ1'), toId: group, validFrom: '2026-11-01' });
    expect(link.statusCode, link.body).toBe(200);
    expect(await openZonesOf(group)).toEqual(officeZones);
    const joined = await t.db.selectFrom('work_zone_member').select(['id', 'valid_from']).where('org_id', '=', group).execute();
    expect(joined.map((m) => String(m.valid_from))).toEqual(officeZones.map(() => '2026-11-01'));
    for (const m of joined) expect(await auditCount(t, 'link.created', m.id)).toBe(1);

    const ended = await post(`/api/v1/links/LIAISON/${link.json().id}/end`, { version: 1, validTo: '2026-11-30' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(await openZonesOf(group)).toEqual([]);
    const left = await t.db.selectFrom('work_zone_member').select(['id', 'valid_to']).where('org_id', '=', group).execute();
    expect(left.map((m) => String(m.valid_to))).toEqual(officeZones.map(() => '2026-11-30'));
    for (const m of left) expect(await auditCount(t, 'link.ended', m.id)).toBe(1);
  });

  it('creates a zone with its lead as member, refuses members from another county and duplicate names', async () => {
    const body = { nameZh: '永登县第二片区', countyOrgId: id('LZ-YD'), leadOrgId: id('LZ-YD-JJ1'), modes: ['SPECIAL'], memberOrgIds: [id('LZ-YD-HCZ')] };
    const outside = await post('/api/v1/zones', { ...body, memberOrgIds: [id('LZ-YD-HCZ'), id('LZ-YZ-CGZ')] });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['memberOrgIds.1']);
    expect(await t.db.selectFrom('work_zone').select('id').where('name_zh', '=', '永登县第二片区').executeTakeFirst()).toBeUndefined();
    const dup = await post('/api/v1/zones', { ...body, nameZh: '永登县第一片区' });
    expect(dup.statusCode).toBe(409);
    const res = await post('/api/v1/zones', body);
    expect(res.statusCode, res.body).toBe(200);
    const zone = res.json();
    expect(zone).toMatchObject({ countyName: '永登县纪委监委', leadOrgName: '永登县纪委监委第一纪检监察室', modes: ['SPECIAL'] });
    expect(zone.members.map((m: { orgName: string }) => m.orgName)).toEqual(['永登县纪委监委第一纪检监察室', '永登县红城镇纪委']);
    expect(await auditCount(t, 'zone.created', zone.id)).toBe(1);

    const upd = await t.request({
      method: 'PATCH',
      url: `/api/v1/zones/${zone.id}`,
      as: 'sysadmin',
      payload: { version: 1, leadOrgId: id('LZ-YD-KSZ'), modes: ['SPECIAL', 'ROUTINE_JOINT'] },
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().members).toHaveLength(3);
    expect(upd.json().leadOrgName).toBe('永登县苦水镇纪委');
    expect((await t.request({ method: 'PATCH', url: `/api/v1/zones/${zone.id}`, as: 'sysadmin', payload: { version: 1, nameZh: '旧版本' } })).statusCode).toBe(
      409,
    );
    const member = await post('/api/v1/links', { type: 'ZONE_MEMBER', fromId: zone.id, toId: id('LZ-YZ-XGY') });
    expect(member.statusCode).toBe(422);
    expect((await post('/api/v1/links', { type: 'ZONE_MEMBER', fromId: zone.id, toId: id('LZ-YD-CGZ') })).statusCode).toBe(200);

    const closed = await t.request({ method: 'PATCH', url: `/api/v1/zones/${zone.id}`, as: 'sysadmin', payload: { version: 2, validTo: '2026-12-31' } });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ validTo: '2026-12-31', abilities: { update: false } });
    const open = await t.db.selectFrom('work_zone_member').select('id').where('zone_id', '=', zone.id).where('valid_to', 'is', null).execute();
    expect(open).toHaveLength(0);
  });
});
