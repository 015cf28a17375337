/** Creating, editing and retiring organisations: rules, optimistic locking, audit in the same transaction. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, codeToId } from './test-helpers';

let t: TestApp;
let ids: Map<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await codeToId(t);
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, as = 'sysadmin') => t.request({ method: 'POST', url, payload: payload as object, as });
const patch = (url: string, payload: unknown, as = 'sysadmin') => t.request({ method: 'PATCH', url, payload: payload as object, as });
const orgCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('org')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function create(body: Record<string, unknown>) {
  const res = await post('/api/v1/orgs', { shortName: body.nameZh, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('POST /orgs', () => {
  it('creates an office under the municipal commission and audits it in the same transaction', async () => {
    const before = await auditCount(t, 'org.created');
    const org = await create({
      code: 'LZ-JW-JC7X',
      nameZh: '第七监督检查室',
      kind: 'INTERNAL_OFFICE',
      officeKind: 'INSPECTION',
      ordinal: 7,
      parentId: ids.get('LZ-JW'),
      sortOrder: 5,
    });
    expect(org).toMatchObject({
      code: 'LZ-JW-JC7X',
      parentName: '兰州市纪委监委',
      officeKind: 'INSPECTION',
      ordinal: 7,
      version: 1,
      retired: false,
      abilities: { update: true, retire: true },
    });
    expect(await auditCount(t, 'org.created', org.id)).toBe(1);
    expect(await auditCount(t, 'org.created')).toBe(before + 1);
    const event = await t.db.selectFrom('audit_event').select(['actor_name', 'payload']).where('object_id', '=', org.id).executeTakeFirstOrThrow();
    expect(event.actor_name).toBe('蒲启明');
    expect(event.payload).toMatchObject({ code: 'LZ-JW-JC7X', kind: 'INTERNAL_OFFICE' });
  });

  it('is for the system administrator only', async () => {
    const body = { code: 'X-1', nameZh: '某单位', shortName: '某单位', kind: 'HOST_UNIT' };
    expect((await post('/api/v1/orgs', body, 'sj.secretary')).statusCode).toBe(403);
    expect((await post('/api/v1/orgs', body, 'secadmin')).statusCode).toBe(403);
  });

  it.each([
    ['an office kind on a host unit', { kind: 'HOST_UNIT', officeKind: 'INSPECTION' }, 'officeKind'],
    ['an internal office without office kind', { kind: 'INTERNAL_OFFICE', parentCode: 'LZ-JW' }, 'officeKind'],
    ['a dispatched group under a host unit', { kind: 'DISPATCHED_GROUP', parentCode: 'LZ-HU-JYJ' }, 'parentId'],
    ['a dispatched group without parent', { kind: 'DISPATCHED_GROUP' }, 'parentId'],
    ['a township under the municipal commission', { kind: 'TOWNSHIP_COMMISSION', parentCode: 'LZ-JW' }, 'parentId'],
    ['an office under a township', { kind: 'INTERNAL_OFFICE', officeKind: 'INSPECTION', parentCode: 'LZ-YZ-CGZ' }, 'parentId'],
    ['an ordinal on a county', { kind: 'COUNTY_COMMISSION', parentCode: 'LZ-JW', ordinal: 2 }, 'ordinal'],
    ['a second municipal commission', { kind: 'MUNICIPAL_COMMISSION' }, 'kind'],
  ])('refuses %s with 422 and the field path, writing nothing', async (_what, input, path) => {
    const { parentCode, ...rest } = input as Record<string, string>;
    const [orgs, events] = [await orgCount(), await auditCount(t, 'org.created')];
    const res = await post('/api/v1/orgs', {
      code: 'LZ-BAD-1',
      nameZh: '错误示例',
      shortName: '错误示例',
      ...rest,
      ...(parentCode ? { parentId: ids.get(parentCode) } : {}),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('BUSINESS_RULE');
    expect(res.json().details.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(await orgCount()).toBe(orgs);
    expect(await auditCount(t, 'org.created')).toBe(events);
  });

  it('refuses a duplicate code with 409, an unknown parent with 422 and bad input with 400', async () => {
    const dup = await post('/api/v1/orgs', { code: 'LZ-JW-JC3', nameZh: '重复', shortName: '重复', kind: 'HOST_UNIT' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', details: { issues: [{ path: 'code' }] } });
    const orphan = await post('/api/v1/orgs', {
      code: 'LZ-ORPHAN',
      nameZh: '孤儿',
      shortName: '孤儿',
      kind: 'HOST_UNIT',
      parentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(orphan.statusCode).toBe(422);
    const bad = await post('/api/v1/orgs', { code: '坏 编码', nameZh: '', kind: 'NOPE' });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['code', 'nameZh', 'kind', 'shortName']));
  });
});

describe('PATCH /orgs/:id', () => {
  it('updates with the current version, audits the changes and bumps the version', async () => {
    const org = await create({ code: 'LZ-HU-EDIT', nameZh: '示例单位甲', kind: 'HOST_UNIT' });
    const res = await patch(`/api/v1/orgs/${org.id}`, { version: 1, nameZh: '示例单位乙', kind: 'HOST_UNIT' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ nameZh: '示例单位乙', version: 2 });
    const event = await t.db
      .selectFrom('audit_event')
      .select('payload')
      .where('type', '=', 'org.updated')
      .where('object_id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ changes: { name_zh: ['示例单位甲', '示例单位乙'] } });
  });

  it('answers 409 STALE_VERSION on a stale version and changes nothing', async () => {
    const org = await create({ code: 'LZ-HU-STALE', nameZh: '示例单位丙', kind: 'HOST_UNIT' });
    expect((await patch(`/api/v1/orgs/${org.id}`, { version: 1, nameZh: '第一次修改' })).statusCode).toBe(200);
    const events = await auditCount(t, 'org.updated', org.id);
    const stale = await patch(`/api/v1/orgs/${org.id}`, { version: 1, nameZh: '覆盖他人的修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    const row = await t.db.selectFrom('org').select(['name_zh', 'version']).where('id', '=', org.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name_zh: '第一次修改', version: 2 });
    expect(await auditCount(t, 'org.updated', org.id)).toBe(events);
  });

  it('refuses a parent cycle (422) and a kind change', async () => {
    const a = await create({ code: 'LZ-HU-CA', nameZh: '循环甲', kind: 'HOST_UNIT' });
    const b = await create({ code: 'LZ-HU-CB', nameZh: '循环乙', kind: 'HOST_UNIT', parentId: a.id });
    const c = await create({ code: 'LZ-HU-CC', nameZh: '循环丙', kind: 'HOST_UNIT', parentId: b.id });
    const cycle = await patch(`/api/v1/orgs/${a.id}`, { version: 1, parentId: c.id });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().message).toContain('成环');
    expect(cycle.json().details.issues[0].path).toBe('parentId');
    expect((await patch(`/api/v1/orgs/${a.id}`, { version: 1, parentId: a.id })).statusCode).toBe(422);
    const row = await t.db.selectFrom('org').select(['parent_id', 'version']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ parent_id: null, version: 1 });
    const kind = await patch(`/api/v1/orgs/${a.id}`, { version: 1, kind: 'PARTY_COMMITTEE' });
    expect(kind.statusCode).toBe(422);
    expect(kind.json().details.issues[0].path).toBe('kind');
  });

  it('refuses a move under a retired parent and a duplicate code', async () => {
    const office = await t.request({ method: 'GET', url: `/api/v1/orgs/${ids.get('LZ-JW-JC5')}`, as: 'sysadmin' });
    const res = await patch(`/api/v1/orgs/${office.json().id}`, { version: office.json().version, code: 'LZ-JW-JC6' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DUPLICATE');
  });
});

describe('POST /orgs/:id/retire', () => {
  it('refuses while children, links, accounts or zones depend on the org, listing them', async () => {
    const parent = await create({ code: 'LZ-HU-RP', nameZh: '撤销测试上级', kind: 'HOST_UNIT' });
    await create({ code: 'LZ-HU-RC', nameZh: '撤销测试下级', kind: 'HOST_UNIT', parentId: parent.id });
    const events = await auditCount(t, 'org.retired');
    const res = await post(`/api/v1/orgs/${parent.id}/retire`, { version: 1, validTo: '2030-12-31' });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('下级机构1个');
    expect(res.json().details.dependents.children.map((c: { name: string }) => c.name)).toEqual(['撤销测试下级']);
    expect(await auditCount(t, 'org.retired')).toBe(events);

    const office = (await t.request({ method: 'GET', url: `/api/v1/orgs/${ids.get('LZ-JW-JC3')}`, as: 'sysadmin' })).json();
    const busy = await post(`/api/v1/orgs/${office.id}/retire`, { version: office.version, validTo: '2030-12-31' });
    expect(busy.statusCode).toBe(422);
    const deps = busy.json().details.dependents;
    expect(deps.links.length).toBeGreaterThanOrEqual(7); // 5 groups + 1 county + 分管
    expect(deps.accounts.length).toBe(2);
    const county = (await t.request({ method: 'GET', url: `/api/v1/orgs/${ids.get('LZ-XQ')}`, as: 'sysadmin' })).json();
    const zoned = (await post(`/api/v1/orgs/${county.id}/retire`, { version: county.version, validTo: '2030-12-31' })).json();
    expect(zoned.details.dependents.zones).toHaveLength(3);
  });

  it('retires a leaf, hides it from the default list and refuses later edits', async () => {
    const leaf = await create({ code: 'LZ-HU-LEAF', nameZh: '撤销测试单位', kind: 'HOST_UNIT', validFrom: '2025-01-01' });
    const early = await post(`/api/v1/orgs/${leaf.id}/retire`, { version: 1, validTo: '2024-12-31' });
    expect(early.statusCode).toBe(422);
    expect(early.json().details.issues[0].path).toBe('validTo');
    const res = await post(`/api/v1/orgs/${leaf.id}/retire`, { version: 1, validTo: '2026-06-30' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ retired: true, validTo: '2026-06-30', version: 2, abilities: { update: false, retire: false } });
    expect(await auditCount(t, 'org.retired', leaf.id)).toBe(1);
    const list = (await t.request({ method: 'GET', url: '/api/v1/orgs?q=LZ-HU-LEAF', as: 'sysadmin' })).json();
    expect(list.total).toBe(0);
    expect((await t.request({ method: 'GET', url: '/api/v1/orgs?q=LZ-HU-LEAF&includeRetired=true', as: 'sysadmin' })).json().total).toBe(1);
    const edit = await patch(`/api/v1/orgs/${leaf.id}`, { version: 2, nameZh: '改名' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('ILLEGAL_TRANSITION');
    const again = await post(`/api/v1/orgs/${leaf.id}/retire`, { version: 2, validTo: '2026-07-01' });
    expect(again.json().code).toBe('ILLEGAL_TRANSITION');
    const child = await post('/api/v1/orgs', { code: 'LZ-HU-UNDER', nameZh: '挂在已撤销单位下', shortName: '挂', kind: 'HOST_UNIT', parentId: leaf.id });
    expect(child.statusCode).toBe(422);
    expect(child.json().message).toContain('已撤销');
  });
});

describe('GET /orgs?directory=true (pickers that name a partner body)', () => {
  const names = async (as: string, query: string) =>
    ((await t.request({ method: 'GET', url: `/api/v1/orgs?${query}&pageSize=100`, as })).json() as { items: { nameZh: string; kind: string }[] }).items.map(
      (o) => o.nameZh,
    );

  it('lists any office, group or county commission of the commission to an investigation office outside its scope', async () => {
    const q = `q=${encodeURIComponent('第三监督检查室')}`;
    expect(await names('sc10.staff', q)).toEqual([]);
    expect(await names('sc10.staff', `${q}&directory=true`)).toEqual(['第三监督检查室']);
    expect(await names('sc10.staff', `q=${encodeURIComponent('驻市金融')}&directory=true`)).toContain('驻市金融工作部门纪检监察组');
  });

  it('never lists a supervised unit outside the scope, and gives a unit liaison its own scope only', async () => {
    const bank = `q=${encodeURIComponent('示例城市商业银行')}`;
    expect(await names('jc3.staff', `${bank}&directory=true`)).toEqual([]);
    const liaison = await names('bank.liaison', `q=${encodeURIComponent('监督检查室')}&directory=true`);
    expect(liaison).toEqual([]);
  });
});
