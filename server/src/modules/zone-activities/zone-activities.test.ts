/** 片区协作 over HTTP: scope (404 outside), validation (400/422), writes with audit and optimistic locking. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, codeToId } from '../orgs/test-helpers';

let t: TestApp;
let ids: Map<string, string>;
let yzZone: string;
let zcZone: string;
let special: { id: string; version: number };

const get = (url: string, as: string) => t.request({ method: 'GET', url, as });
const post = (url: string, payload: Record<string, unknown>, as: string) => t.request({ method: 'POST', url, payload, as });

beforeAll(async () => {
  t = await createTestApp();
  ids = await codeToId(t);
  const zones = await t.db.selectFrom('work_zone').select(['id', 'name_zh']).execute();
  yzZone = zones.find((z) => z.name_zh === '榆中县第一片区')!.id;
  zcZone = zones.find((z) => z.name_zh === '中川片区')!.id;
});
afterAll(() => t.close());

const body = (over: Record<string, unknown> = {}) => ({
  zoneId: yzZone,
  mode: 'ROUTINE_JOINT',
  title: '第四季度日常联动监督（测试）',
  heldFrom: '2026-11-02',
  heldTo: '2026-11-06',
  participantOrgIds: [ids.get('LZ-YZ-JJ1'), ids.get('LZ-YZ-XGY')],
  summary: '联合检查村级财务公开情况。',
  outcomes: '发现问题2个。',
  ...over,
});

describe('zone activities: reading and scope', () => {
  it("shows 榆中县第一片区's demo activity to the zone's members with its finding count", async () => {
    const res = await get(`/api/v1/zone-activities?zoneId=${yzZone}&year=2026&mode=SPECIAL`, 'yz.jjs1');
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.abilities.create).toBe(true);
    expect(list.items).toHaveLength(1);
    const a = list.items[0];
    expect(a).toMatchObject({
      zoneName: '榆中县第一片区',
      countyName: '榆中县纪委监委',
      mode: 'SPECIAL',
      findingCount: 2,
      abilities: { update: true, addFinding: true },
    });
    expect(a.participants[0]).toMatchObject({ name: '榆中县纪委监委第一纪检监察室', kind: 'INTERNAL_OFFICE' });
    special = { id: a.id, version: a.version };
    const detail = (await get(`/api/v1/zone-activities/${a.id}`, 'yz.xgy')).json();
    expect(detail.findings.map((f: { disposition: string }) => f.disposition).sort()).toEqual(['CLUE', 'RECTIFY']);
  });

  it("hides 榆中县's activities from a 城关区 county user (404) and from the 三员 (403)", async () => {
    const list = (await get('/api/v1/zone-activities', 'cg.county')).json();
    expect(list.items).toEqual([]);
    expect(list.abilities.create).toBe(false);
    expect((await get(`/api/v1/zone-activities/${special.id}`, 'cg.county')).statusCode).toBe(404);
    expect(
      (await t.request({ method: 'PATCH', url: `/api/v1/zone-activities/${special.id}`, payload: { version: 1, title: 'x' }, as: 'cg.county' })).statusCode,
    ).toBe(404);
    expect((await post(`/api/v1/zone-activities/${special.id}/findings`, { description: 'x', disposition: 'NONE' }, 'cg.county')).statusCode).toBe(404);
    expect((await post('/api/v1/zone-activities', body(), 'cg.county')).statusCode).toBe(422);
    expect((await get('/api/v1/zone-activities', 'sysadmin')).statusCode).toBe(403);
    expect((await get(`/api/v1/zone-activities/${special.id}`, 'auditadmin')).statusCode).toBe(404);
  });

  it('lets the 新区 user see 中川片区 but not 榆中县', async () => {
    const items = (await get('/api/v1/zone-activities', 'xq.county')).json().items;
    expect(items.map((i: { zoneId: string }) => i.zoneId)).toEqual([zcZone]);
  });
});

describe('zone activities: writing', () => {
  it('creates an activity (township member) and writes the audit event', async () => {
    const before = await auditCount(t, 'zone.activity_created');
    const res = await post('/api/v1/zone-activities', body(), 'yz.xgy');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: '第四季度日常联动监督（测试）', heldTo: '2026-11-06', findingCount: 0, version: 1 });
    expect(await auditCount(t, 'zone.activity_created')).toBe(before + 1);
    // county staff of the county may write too
    expect((await post('/api/v1/zone-activities', body({ title: '县纪委监委统筹' }), 'yz.county')).statusCode).toBe(200);
  });

  it('refuses a mode the zone does not use, participants from outside, reversed dates (422) and bad input (400)', async () => {
    const mode = await post('/api/v1/zone-activities', body({ zoneId: zcZone, mode: 'MULTI_LEVEL', participantOrgIds: [ids.get('LZ-XQ-JJ1')] }), 'xq.county');
    expect(mode.statusCode).toBe(422);
    expect(mode.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['mode']);
    const outside = await post(
      '/api/v1/zone-activities',
      body({ participantOrgIds: [ids.get('LZ-YZ-JJ1'), ids.get('LZ-XQ-JJ1'), ids.get('LZ-JW-PZ-JYJ')] }),
      'yz.jjs1',
    );
    expect(outside.statusCode).toBe(422);
    expect(outside.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['participantOrgIds.1', 'participantOrgIds.2']);
    const dates = await post('/api/v1/zone-activities', body({ heldFrom: '2026-11-06', heldTo: '2026-11-02' }), 'yz.jjs1');
    expect(dates.statusCode).toBe(422);
    expect((await post('/api/v1/zone-activities', body({ title: '' }), 'yz.jjs1')).statusCode).toBe(400);
    expect((await post('/api/v1/zone-activities', body({ heldFrom: '2026-02-30' }), 'yz.jjs1')).statusCode).toBe(400);
  });

  it('refuses writes by users who only see the zone (403)', async () => {
    // 第四监督检查室 liaises with 榆中县: it sees the zone but is not part of it.
    expect((await get(`/api/v1/zone-activities/${special.id}`, 'jc4.staff')).statusCode).toBe(200);
    expect((await post('/api/v1/zone-activities', body(), 'jc4.staff')).statusCode).toBe(403);
  });

  it('updates with the version read (stale → 409) and audits', async () => {
    const before = await auditCount(t, 'zone.activity_updated');
    const ok = await t.request({
      method: 'PATCH',
      url: `/api/v1/zone-activities/${special.id}`,
      payload: { version: special.version, outcomes: '发现问题9个；提级线索1件。' },
      as: 'yz.jjs1',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ outcomes: '发现问题9个；提级线索1件。', version: special.version + 1 });
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/v1/zone-activities/${special.id}`,
      payload: { version: special.version, title: 'x' },
      as: 'yz.jjs1',
    });
    expect(stale.statusCode).toBe(409);
    expect(await auditCount(t, 'zone.activity_updated')).toBe(before + 1);
  });

  it('records a finding and audits it', async () => {
    const before = await auditCount(t, 'zone.finding_recorded');
    const res = await post(`/api/v1/zone-activities/${special.id}/findings`, { description: '村务公开栏信息更新不及时。', disposition: 'RECTIFY' }, 'yz.jjs2');
    expect(res.statusCode).toBe(200);
    expect(res.json().findingCount).toBe(3);
    expect(res.json().findings.at(-1)).toMatchObject({ description: '村务公开栏信息更新不及时。', disposition: 'RECTIFY', createdBy: { name: '俞晚晴' } });
    expect(await auditCount(t, 'zone.finding_recorded')).toBe(before + 1);
    expect((await post(`/api/v1/zone-activities/${special.id}/findings`, { description: 'x', disposition: 'BAD' }, 'yz.jjs2')).statusCode).toBe(400);
  });
});
