/**
 * The 专项整治 register over HTTP (domain.md b.5, d): who sees which campaign (404 outside), the ledger's
 * filters and the pickers' contract, create / PATCH with field-level 400, 403 and 409, participants with
 * their 分工 validated by org kind, and the audit trail of every change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { orgIdOf } from '../../../test/fixtures';
import { auditsOf, newCampaign, req } from './test-helpers';

let t: TestApp;
let catering: string;
let grain: string;
beforeAll(async () => {
  t = await createTestApp();
  const rows = await t.db.selectFrom('campaign').select(['id', 'domain']).execute();
  catering = rows.find((r) => r.domain === 'SCHOOL_CATERING')!.id;
  grain = rows.find((r) => r.domain === 'GRAIN')!.id;
});
afterAll(() => t.close());

const names = async (as: string, query = '') => {
  const res = await req(t, 'GET', `/api/v1/campaigns${query}`, as);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { name: string }[]).map((i) => i.name);
};

describe('who sees which campaign', () => {
  it('the lead office and the 书记 see both demo campaigns, with the fields the pickers read', async () => {
    for (const as of ['dfzf.staff', 'sj.secretary']) {
      const res = await req(t, 'GET', '/api/v1/campaigns?pageSize=100', as);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBe(2);
      const c = body.items.find((i: { id: string }) => i.id === catering);
      expect(c).toMatchObject({ name: '校园餐突出问题专项整治', year: 2026, domain: 'SCHOOL_CATERING', state: 'CHECKING', leadOrgName: '党风政风监督室' });
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining(['id', 'name', 'year', 'domain', 'state', 'leadOrgId', 'leadOrgName', 'startsOn', 'endsOn', 'version']),
      );
    }
  });

  it('a participating office sees only its campaign; the other answers 404', async () => {
    expect(await names('jc6.staff')).toEqual(['校园餐突出问题专项整治']);
    expect((await req(t, 'GET', `/api/v1/campaigns/${grain}`, 'jc6.staff')).statusCode).toBe(404);
    expect(await names('jc1.staff')).toEqual(['粮食购销领域腐败问题专项整治']);
    expect((await req(t, 'GET', `/api/v1/campaigns/${catering}`, 'jc1.staff')).statusCode).toBe(404);
    // A county 派驻教育局组 taking part sees the catering campaign and its 分工.
    const yz = await req(t, 'GET', `/api/v1/campaigns/${catering}`, 'yz.jyj');
    expect(yz.statusCode).toBe(200);
    expect(yz.json().participants.map((p: { orgName: string }) => p.orgName)).toContain('驻榆中县教育局纪检监察组');
  });

  it('an unrelated office, the 干部监督室 and a unit liaison see no campaign (404 on the detail)', async () => {
    for (const as of ['jc2.staff', 'gbjd.staff']) {
      expect(await names(as), as).toEqual([]);
      expect((await req(t, 'GET', `/api/v1/campaigns/${catering}`, as)).statusCode, as).toBe(404);
    }
    expect((await req(t, 'GET', '/api/v1/campaigns', 'edu.liaison')).statusCode).toBe(403);
    expect((await req(t, 'GET', `/api/v1/campaigns/${catering}`, 'edu.liaison')).statusCode).toBe(404);
    expect((await req(t, 'GET', '/api/v1/campaigns/export.xlsx', 'edu.liaison')).statusCode).toBe(403);
  });
});

describe('整治领域 dictionary', () => {
  it('the domains are a system dictionary whose codes are the ones the register accepts', async () => {
    const res = await req(t, 'GET', '/api/v1/dictionaries', 'dfzf.staff');
    const dict = res.json().items.find((d: { code: string }) => d.code === 'CAMPAIGN_DOMAIN');
    expect(dict).toMatchObject({ nameZh: '专项整治领域', isSystem: true });
    expect(dict.items.map((i: { code: string; labelZh: string }) => [i.code, i.labelZh])).toEqual([
      ['GRAIN', '粮食购销'],
      ['RURAL_REVITALISATION', '乡村振兴'],
      ['FINANCE', '金融'],
      ['SCHOOL_CATERING', '校园餐'],
      ['OTHER', '其他'],
    ]);
  });
});

describe('the ledger filters', () => {
  it('filters by year, domain, state and keyword; pages stay within 100', async () => {
    expect(await names('sj.secretary', '?domain=GRAIN')).toEqual(['粮食购销领域腐败问题专项整治']);
    expect(await names('sj.secretary', '?state=CHECKING')).toEqual(['校园餐突出问题专项整治']);
    expect(await names('sj.secretary', `?q=${encodeURIComponent('校园餐')}`)).toEqual(['校园餐突出问题专项整治']);
    expect(await names('sj.secretary', '?year=2025')).toEqual([]);
    const bad = await req(t, 'GET', '/api/v1/campaigns?pageSize=101&domain=FOOD', 'sj.secretary');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('domain');
  });
});

describe('registering a campaign', () => {
  it('lead office staff register one: 党风政风监督室 leads by default, PLANNED, first timeline row, audited', async () => {
    const res = await req(t, 'POST', '/api/v1/campaigns', 'dfzf.staff', {
      name: '乡村振兴领域不正之风和腐败问题专项整治',
      domain: 'RURAL_REVITALISATION',
      year: 2026,
      goal: '演示目标',
      participants: [
        { orgId: await orgIdOf(t.db, 'LZ-JW-PZ-NYNC'), kind: 'GROUP', division: '督促市农业农村局自查' },
        { orgId: await orgIdOf(t.db, 'LZ-YZ'), kind: 'COUNTY', division: '榆中县排查' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ state: 'PLANNED', leadOrgName: '党风政风监督室', version: 1, planApproval: null, bulletinSchedule: 'MONTHLY' });
    expect(c.participants.map((p: { kind: string }) => p.kind)).toEqual(['GROUP', 'COUNTY']);
    expect(c.events.map((e: { action: string; toState: string }) => [e.action, e.toState])).toEqual([['create', 'PLANNED']]);
    // The launch is not offered before the plan is approved (its guard), editing is.
    expect(c.abilities).toMatchObject({ update: true, manageParticipants: true, actions: [] });
    expect(await auditsOf(t, 'campaign.created', c.id)).toHaveLength(1);
    // The county commission that takes part sees it now; an unrelated office does not.
    expect((await req(t, 'GET', `/api/v1/campaigns/${c.id}`, 'yz.county')).statusCode).toBe(200);
    expect((await req(t, 'GET', `/api/v1/campaigns/${c.id}`, 'jc2.staff')).statusCode).toBe(404);
  });

  it('another office cannot register one for 党风政风监督室 (403), nor can the 信访室; nothing is written', async () => {
    const before = await t.db.selectFrom('campaign').select('id').execute();
    for (const as of ['jc6.staff', 'xf.officer1']) {
      const res = await req(t, 'POST', '/api/v1/campaigns', as, { name: '越权登记的专项整治', domain: 'OTHER', year: 2026 });
      expect(res.statusCode, as).toBe(403);
    }
    expect(await t.db.selectFrom('campaign').select('id').execute()).toHaveLength(before.length);
  });

  it('an office may register a campaign it leads itself, and is then its lead side', async () => {
    const jc6 = await orgIdOf(t.db, 'LZ-JW-JC6');
    const res = await req(t, 'POST', '/api/v1/campaigns', 'jc6.staff', { name: '第六室牵头的专项整治', domain: 'OTHER', year: 2026, leadOrgId: jc6 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ leadOrgId: jc6, leadOrgName: '第六监督检查室', abilities: { update: true } });
    // A leader may name any internal office, but a dispatched group cannot lead (400 on the field).
    const group = await req(t, 'POST', '/api/v1/campaigns', 'sj.secretary', {
      name: '派驻组牵头的专项整治',
      domain: 'OTHER',
      year: 2026,
      leadOrgId: await orgIdOf(t.db, 'LZ-JW-PZ-JYJ'),
    });
    expect(group.statusCode).toBe(400);
    expect(group.json().details.issues).toEqual([{ path: 'leadOrgId', message: '牵头部门须为委机关内设室' }]);
  });

  it('bad input answers 400 with the field paths in zh-CN, and writes nothing', async () => {
    const before = (await t.db.selectFrom('campaign').select('id').execute()).length;
    const res = await req(t, 'POST', '/api/v1/campaigns', 'dfzf.staff', { name: '校', domain: 'FOOD', year: 1999 });
    expect(res.statusCode).toBe(400);
    const paths = res.json().details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'domain', 'year']));
    // A host unit listed as a dispatched group, the lead office as participant, an end before the start.
    const kinds = await req(t, 'POST', '/api/v1/campaigns', 'dfzf.staff', {
      name: '分工校验专项整治',
      domain: 'OTHER',
      year: 2026,
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
      participants: [
        { orgId: await orgIdOf(t.db, 'LZ-HU-JYJ'), kind: 'GROUP' },
        { orgId: await orgIdOf(t.db, 'LZ-JW-DFZF'), kind: 'OFFICE' },
      ],
    });
    expect(kinds.statusCode).toBe(400);
    expect(kinds.json().details.issues).toEqual([
      { path: 'endsOn', message: '结束日期不能早于开始日期' },
      { path: 'participants.0.orgId', message: '该单位不是派驻纪检监察组' },
      { path: 'participants.1.orgId', message: '牵头部门不必再列为参与单位' },
    ]);
    expect(kinds.json().message).toContain('participants.0.orgId');
    expect((await t.db.selectFrom('campaign').select('id').execute()).length).toBe(before);
  });

  it('the same name twice in a year is 409 on the name', async () => {
    const res = await req(t, 'POST', '/api/v1/campaigns', 'dfzf.director', { name: '校园餐突出问题专项整治', domain: 'SCHOOL_CATERING', year: 2026 });
    expect(res.statusCode).toBe(409);
    expect(res.json().details.issues[0].path).toBe('name');
  });
});

describe('editing while PLANNED', () => {
  it('PATCH changes the fields sent and bumps the version; a stale version is 409 and changes nothing', async () => {
    const c = await newCampaign(t);
    const ok = await req(t, 'PATCH', `/api/v1/campaigns/${c.id}`, 'dfzf.director', { version: c.version, goal: '新的目标', endsOn: '2026-12-31' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ goal: '新的目标', endsOn: '2026-12-31', version: c.version + 1 });
    const stale = await req(t, 'PATCH', `/api/v1/campaigns/${c.id}`, 'dfzf.staff', { version: c.version, goal: '过时的修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    expect((await req(t, 'GET', `/api/v1/campaigns/${c.id}`, 'dfzf.staff')).json().goal).toBe('新的目标');
    expect(await auditsOf(t, 'campaign.updated', c.id)).toHaveLength(1);
  });

  it('a participant office may read but not edit (403); an outsider gets 404; bad dates 400 on the field', async () => {
    const c = await newCampaign(t);
    const denied = await req(t, 'PATCH', `/api/v1/campaigns/${c.id}`, 'jc6.staff', { version: c.version, goal: '越权' });
    expect(denied.statusCode).toBe(403);
    expect((await req(t, 'PATCH', `/api/v1/campaigns/${c.id}`, 'jc2.staff', { version: c.version, goal: '越权' })).statusCode).toBe(404);
    const bad = await req(t, 'PATCH', `/api/v1/campaigns/${c.id}`, 'dfzf.staff', { version: c.version, startsOn: '2026-09-01', endsOn: '2026-03-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues).toEqual([{ path: 'endsOn', message: '结束日期不能早于开始日期' }]);
    const badVersion = await req(t, 'PATCH', `/api/v1/campaigns/${c.id}`, 'dfzf.staff', { version: 'x' });
    expect(badVersion.statusCode).toBe(400);
    expect(badVersion.json().message).toContain('version');
  });
});

describe('participants and 分工', () => {
  it('the lead office adds, changes and removes participants; kinds are checked; each change is audited', async () => {
    const c = await newCampaign(t);
    const gl = await orgIdOf(t.db, 'LZ-GL');
    const add = await req(t, 'PUT', `/api/v1/campaigns/${c.id}/participants/${gl}`, 'dfzf.staff', {
      version: c.version,
      kind: 'COUNTY',
      division: '皋兰县自查',
    });
    expect(add.statusCode, add.body).toBe(200);
    expect(add.json().participants).toContainEqual({ orgId: gl, orgName: '皋兰县纪委监委', kind: 'COUNTY', division: '皋兰县自查' });
    expect(add.json().version).toBe(c.version + 1);
    expect((await req(t, 'GET', `/api/v1/campaigns/${c.id}`, 'gl.county')).statusCode).toBe(200);

    const wrongKind = await req(t, 'PUT', `/api/v1/campaigns/${c.id}/participants/${gl}`, 'dfzf.staff', { version: c.version + 1, kind: 'OFFICE' });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().details.issues).toEqual([{ path: 'orgId', message: '该单位不是监督检查室' }]);

    const change = await req(t, 'PUT', `/api/v1/campaigns/${c.id}/participants/${gl}`, 'dfzf.staff', {
      version: c.version + 1,
      kind: 'COUNTY',
      division: '皋兰县全面排查',
    });
    expect(change.json().participants.find((p: { orgId: string }) => p.orgId === gl).division).toBe('皋兰县全面排查');

    const stale = await req(t, 'DELETE', `/api/v1/campaigns/${c.id}/participants/${gl}?version=${c.version}`, 'dfzf.staff');
    expect(stale.statusCode).toBe(409);
    expect((await req(t, 'PUT', `/api/v1/campaigns/${c.id}/participants/${gl}`, 'jc6.staff', { version: c.version + 2, kind: 'COUNTY' })).statusCode).toBe(403);

    const removed = await req(t, 'DELETE', `/api/v1/campaigns/${c.id}/participants/${gl}?version=${c.version + 2}`, 'dfzf.staff');
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().participants.map((p: { orgId: string }) => p.orgId)).not.toContain(gl);
    expect((await req(t, 'GET', `/api/v1/campaigns/${c.id}`, 'gl.county')).statusCode).toBe(404);
    expect(await auditsOf(t, 'campaign.participants_changed', c.id)).toHaveLength(3);
  });
});
