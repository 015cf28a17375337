/**
 * 工作专班 over HTTP: forming a campaign's 专班 with its 双组长 (every invalid pair → 422 with the field
 * path), who may form and change it (403) and who may not even learn of it (404), the optimistic lock (409),
 * members added with their origin and dates, ended (never deleted, history kept), notices, audit, 我的专班.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount } from '../../../test/fixtures';
import { createTestApp, type TestApp } from '../../../test/app';
import { addMember, day, formTaskForce, newCampaign, orgId, userId } from './fixtures';

let t: TestApp;
let campaign: string;
let hidden: string;
beforeAll(async () => {
  t = await createTestApp();
  campaign = await newCampaign(t, '专班规则测试专项整治', { 'LZ-JW-JC3': 'OFFICE', 'LZ-JW-PZ-JYJ': 'GROUP', 'LZ-YZ-PZ-JYJ': 'GROUP' });
  hidden = await newCampaign(t, '专班不可见测试专项整治', { 'LZ-JW-JC1': 'OFFICE', 'LZ-JW-PZ-FGW': 'GROUP' });
});
afterAll(() => t.close());

const url = (c: string) => `/api/v1/campaigns/${c}/task-force`;
type Leader = string | { username: string; fromOrg: string };

async function propose(leaders: Leader[], as = 'dfzf.director', c = campaign) {
  const coLeaders = [];
  for (const l of leaders) {
    if (typeof l === 'string') coLeaders.push({ userId: await userId(t, l) });
    else coLeaders.push({ userId: await userId(t, l.username), fromOrgId: await orgId(t, l.fromOrg) });
  }
  return t.request({
    method: 'POST',
    url: url(c),
    as,
    payload: { name: '校园餐专项整治工作专班（测试）', validFrom: await day(t, -30), validTo: await day(t, 150), coLeaders },
  });
}

describe('双组长: exactly two co-leaders, an office director and a group or county leader, two persons, two orgs', () => {
  it.each<[string, Leader[], string]>([
    ['only one co-leader', ['jc3.director'], 'coLeaders'],
    ['three co-leaders', ['jc3.director', 'edu.group', 'yz.jyj'], 'coLeaders'],
    ['the same person twice', ['jc3.director', 'jc3.director'], 'coLeaders.1.userId'],
    ['two office directors', ['jc3.director', 'dfzf.director'], 'coLeaders.1.fromOrgId'],
    ['two group leaders', ['edu.group', 'yz.jyj'], 'coLeaders.1.fromOrgId'],
    ['office staff who is not the director', ['jc3.staff', 'edu.group'], 'coLeaders.0.userId'],
    ['group staff who is not its leader', ['jc3.director', 'edu.staff'], 'coLeaders.1.userId'],
    ['a unit liaison', ['jc3.director', 'edu.liaison'], 'coLeaders.1.userId'],
    ['an administrator', ['sysadmin', 'edu.group'], 'coLeaders.0.userId'],
    ['an origin that is not the leader’s org or above it', ['jc3.director', { username: 'edu.group', fromOrg: 'LZ-JW-JC3' }], 'coLeaders.1.fromOrgId'],
    [
      'both sent from the same org (the municipal commission)',
      [
        { username: 'jc3.director', fromOrg: 'LZ-JW' },
        { username: 'edu.group', fromOrg: 'LZ-JW' },
      ],
      'coLeaders.1.fromOrgId',
    ],
  ])('%s → 422', async (_name, leaders, path) => {
    const res = await propose(leaders);
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(body.message).toMatch(/组长|单位|账号/);
    expect(await t.db.selectFrom('task_force').select('id').where('campaign_id', '=', campaign).execute()).toHaveLength(0);
  });

  it('an end before the start → 422 on validTo', async () => {
    const res = await t.request({
      method: 'POST',
      url: url(campaign),
      as: 'dfzf.director',
      payload: {
        name: '日期错误的专班',
        validFrom: await day(t, 10),
        validTo: await day(t, 1),
        coLeaders: [{ userId: await userId(t, 'jc3.director') }, { userId: await userId(t, 'edu.group') }],
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.issues[0].path).toBe('validTo');
  });
});

describe('forming and changing the 专班', () => {
  it('a participant office that does not lead the campaign may read but not form it (403); an outsider gets 404', async () => {
    const seen = await t.request({ method: 'GET', url: url(campaign), as: 'jc3.staff' });
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ taskForce: null, abilities: { create: false } });
    expect((await propose(['jc3.director', 'edu.group'], 'jc3.staff')).statusCode).toBe(403);
    // 驻市金融工作部门纪检监察组 takes no part: the campaign and its 专班 do not exist for it.
    expect((await t.request({ method: 'GET', url: url(campaign), as: 'fin.group' })).statusCode).toBe(404);
    expect((await propose(['jc3.director', 'edu.group'], 'fin.group')).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: url(hidden), as: 'yz.jyj' })).statusCode).toBe(404);
  });

  it('the lead office forms it with a valid pair; the co-leaders serve for its dates, are told, and it is audited', async () => {
    const before = await auditCount(t.db, 'taskforce.created');
    const res = await propose(['jc3.director', 'edu.group']);
    expect(res.statusCode, res.body).toBe(200);
    const tf = res.json().taskForce;
    expect(tf).toMatchObject({ purpose: 'CAMPAIGN', validFrom: await day(t, -30), validTo: await day(t, 150), version: 1 });
    expect(tf.members.map((m: { role: string; user: { username: string }; fromOrg: { kind: string } }) => [m.role, m.user.username, m.fromOrg.kind])).toEqual([
      ['CO_LEADER', 'jc3.director', 'INTERNAL_OFFICE'],
      ['CO_LEADER', 'edu.group', 'DISPATCHED_GROUP'],
    ]);
    expect(res.json().abilities).toMatchObject({ create: false, update: true, addMember: true });
    expect(await auditCount(t.db, 'taskforce.created')).toBe(before + 1);
    const notice = await t.db
      .selectFrom('inbox_message')
      .select(['title', 'link'])
      .where('user_id', '=', await userId(t, 'edu.group'))
      .where('kind', '=', 'taskforce.member')
      .execute();
    expect(notice).toEqual([{ title: '您已加入校园餐专项整治工作专班（测试）', link: `/campaigns/${campaign}/task-force` }]);
    // One 专班 per campaign.
    expect((await propose(['jc3.director', 'edu.group'])).statusCode).toBe(409);
    // The campaign 专班 adds no org to anyone's scope (task_force_org stays empty for it).
    expect(await t.db.selectFrom('task_force_org').selectAll().where('task_force_id', '=', tf.id).execute()).toEqual([]);
  });

  it('the leader overseeing the lead office (分管) may change it; a leader who does not oversee it may not', async () => {
    const view = (await t.request({ method: 'GET', url: url(campaign), as: 'fsj2.deputy' })).json();
    expect(view.abilities).toMatchObject({ update: true, addMember: true });
    const other = await t.request({ method: 'GET', url: url(campaign), as: 'cw2.member' });
    expect(other.statusCode).toBe(200);
    expect(other.json().abilities).toMatchObject({ update: false, addMember: false });
    const refused = await t.request({ method: 'PATCH', url: url(campaign), as: 'cw2.member', payload: { version: view.taskForce.version, note: '无权修改' } });
    expect(refused.statusCode).toBe(403);
  });

  it('PATCH with a stale version → 409 and nothing changes; with the current one it renames and replaces a co-leader', async () => {
    const view = (await t.request({ method: 'GET', url: url(campaign), as: 'sj.secretary' })).json();
    const v = view.taskForce.version;
    const stale = await t.request({ method: 'PATCH', url: url(campaign), as: 'dfzf.director', payload: { version: v - 1 + 5, name: '改名失败' } });
    expect(stale.statusCode).toBe(409);
    expect((await t.request({ method: 'GET', url: url(campaign), as: 'dfzf.director' })).json().taskForce.name).toBe(view.taskForce.name);

    // An invalid replacement pair is refused with its path (two group leaders).
    const bad = await t.request({
      method: 'PATCH',
      url: url(campaign),
      as: 'sj.secretary',
      payload: { version: v, coLeaders: [{ userId: await userId(t, 'edu.group') }, { userId: await userId(t, 'yz.jyj') }] },
    });
    expect(bad.statusCode).toBe(422);

    const ok = await t.request({
      method: 'PATCH',
      url: url(campaign),
      as: 'sj.secretary',
      payload: { version: v, name: '校园餐专项整治工作专班', coLeaders: [{ userId: await userId(t, 'jc3.director') }, { userId: await userId(t, 'yz.jyj') }] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const tf = ok.json().taskForce;
    expect(tf).toMatchObject({ name: '校园餐专项整治工作专班', version: v + 1 });
    const edu = tf.members.find((m: { user: { username: string } }) => m.user.username === 'edu.group');
    // The leaving co-leader's membership ends yesterday and stays in the history.
    expect(edu).toMatchObject({ role: 'CO_LEADER', validTo: await day(t, -1), ended: true, active: false });
    const yz = tf.members.find((m: { user: { username: string } }) => m.user.username === 'yz.jyj');
    expect(yz).toMatchObject({ role: 'CO_LEADER', validFrom: await day(t, 0), validTo: await day(t, 150), active: true });
    expect(await auditCount(t.db, 'taskforce.co_leaders_changed')).toBe(1);
  });
});

describe('an expired 专班', () => {
  it('keeps its pair: saving it unchanged works, a new co-leader is refused with 422, never a 500', async () => {
    const c = await newCampaign(t, '已结束专班测试专项整治', { 'LZ-JW-PZ-JYJ': 'GROUP' });
    const formed = await t.request({
      method: 'POST',
      url: url(c),
      as: 'dfzf.director',
      payload: {
        name: '已结束的专班',
        validFrom: await day(t, -60),
        validTo: await day(t, -1),
        coLeaders: [{ userId: await userId(t, 'jc3.director') }, { userId: await userId(t, 'edu.group') }],
      },
    });
    expect(formed.statusCode, formed.body).toBe(200);
    const tf = formed.json().taskForce;
    const same = await t.request({
      method: 'PATCH',
      url: url(c),
      as: 'dfzf.director',
      payload: { version: tf.version, note: '总结', coLeaders: [{ userId: await userId(t, 'jc3.director') }, { userId: await userId(t, 'edu.group') }] },
    });
    expect(same.statusCode, same.body).toBe(200);
    const swap = await t.request({
      method: 'PATCH',
      url: url(c),
      as: 'dfzf.director',
      payload: { version: tf.version + 1, coLeaders: [{ userId: await userId(t, 'jc3.director') }, { userId: await userId(t, 'yz.jyj') }] },
    });
    expect(swap.statusCode).toBe(422);
    expect(swap.json().details.issues[0].path).toBe('coLeaders');
  });
});

describe('ending the 专班 early', () => {
  it('clips every running membership to the new end (access stops with it), and refuses an end before a member’s start', async () => {
    const c = await newCampaign(t, '提前结束专班测试专项整治', { 'LZ-JW-PZ-JYJ': 'GROUP', 'LZ-XQ-PZ-JYJ': 'GROUP' });
    await formTaskForce(t, c, ['jc3.director', 'edu.group']);
    await addMember(t, c, 'xq.jyj', { validFrom: await day(t, -10) });
    await addMember(t, c, 'yd.jyj', { validFrom: await day(t, 5) });
    const v = (await t.request({ method: 'GET', url: url(c), as: 'dfzf.director' })).json().taskForce.version;
    const tooEarly = await t.request({ method: 'PATCH', url: url(c), as: 'dfzf.director', payload: { version: v, validTo: await day(t, 2) } });
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['validTo']);
    // An end on or after every member's start: each running membership now ends with the 专班.
    const res = await t.request({ method: 'PATCH', url: url(c), as: 'dfzf.director', payload: { version: v, validTo: await day(t, 6) } });
    expect(res.statusCode, res.body).toBe(200);
    const members = res.json().taskForce.members as { user: { username: string }; validTo: string }[];
    for (const m of members) expect(m.validTo <= (await day(t, 6)), m.user.username).toBe(true);
    expect(members.find((m) => m.user.username === 'xq.jyj')?.validTo).toBe(await day(t, 6));
  });
});

describe('members', () => {
  it('adds a member from their own org by default, within the 专班 dates, never twice at once', async () => {
    const memberId = await addMember(t, campaign, 'yd.jyj');
    const view = (await t.request({ method: 'GET', url: url(campaign), as: 'yd.jyj' })).json();
    const m = view.taskForce.members.find((x: { id: string }) => x.id === memberId);
    expect(m).toMatchObject({
      role: 'MEMBER',
      fromOrg: { id: await orgId(t, 'LZ-YD-PZ-JYJ') },
      validFrom: await day(t, 0),
      validTo: await day(t, 150),
      active: true,
    });
    expect(
      await t.db
        .selectFrom('inbox_message')
        .select('id')
        .where('user_id', '=', await userId(t, 'yd.jyj'))
        .where('kind', '=', 'taskforce.member')
        .execute(),
    ).toHaveLength(1);

    const add = async (payload: Record<string, unknown>) => {
      const v = (await t.request({ method: 'GET', url: url(campaign), as: 'dfzf.director' })).json().taskForce.version;
      return t.request({ method: 'POST', url: `${url(campaign)}/members`, as: 'dfzf.director', payload: { version: v, ...payload } });
    };
    const twice = await add({ userId: await userId(t, 'yd.jyj') });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().details.issues[0].path).toBe('userId');
    const early = await add({ userId: await userId(t, 'xq.jyj'), validFrom: await day(t, -31) });
    expect(early.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['validFrom']);
    const late = await add({ userId: await userId(t, 'xq.jyj'), validTo: await day(t, 151) });
    expect(late.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['validTo']);
    const foreign = await add({ userId: await userId(t, 'xq.jyj'), fromOrgId: await orgId(t, 'LZ-YD-PZ-JYJ') });
    expect(foreign.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['fromOrgId']);
    const liaison = await add({ userId: await userId(t, 'edu.liaison') });
    expect(liaison.statusCode).toBe(422);
    // A participant office's staff cannot add anyone.
    const v = (await t.request({ method: 'GET', url: url(campaign), as: 'jc3.staff' })).json().taskForce.version;
    const res = await t.request({
      method: 'POST',
      url: `${url(campaign)}/members`,
      as: 'jc3.staff',
      payload: { version: v, userId: await userId(t, 'xq.jyj') },
    });
    expect(res.statusCode).toBe(403);
  });

  it('ends a membership on a date, keeps the row, refuses a co-leader, a rewrite of history and a second end', async () => {
    const memberId = await addMember(t, campaign, 'xq.jyj', { fromOrgId: await orgId(t, 'LZ-XQ-PZ-JYJ'), validFrom: await day(t, -10) });
    const end = async (id: string, validTo: string, version?: number) => {
      const v = version ?? (await t.request({ method: 'GET', url: url(campaign), as: 'dfzf.director' })).json().taskForce.version;
      return t.request({ method: 'POST', url: `${url(campaign)}/members/${id}/end`, as: 'dfzf.director', payload: { version: v, validTo } });
    };
    const view = (await t.request({ method: 'GET', url: url(campaign), as: 'dfzf.director' })).json();
    const leader = view.taskForce.members.find((m: { role: string; ended: boolean }) => m.role === 'CO_LEADER' && !m.ended);
    expect((await end(leader.id, await day(t, 5))).json().details.issues[0].path).toBe('memberId');
    expect((await end(memberId, await day(t, 3), view.taskForce.version - 1)).statusCode).toBe(409);
    expect((await end(memberId, await day(t, -2))).json().details.issues[0].path).toBe('validTo');
    expect((await end(memberId, await day(t, 151))).statusCode).toBe(422);

    const before = await auditCount(t.db, 'taskforce.member_ended');
    const ok = await end(memberId, await day(t, -1));
    expect(ok.statusCode, ok.body).toBe(200);
    const m = ok.json().taskForce.members.find((x: { id: string }) => x.id === memberId);
    expect(m).toMatchObject({ validTo: await day(t, -1), ended: true, active: false, endedBy: { name: '濮致和' } });
    expect(await auditCount(t.db, 'taskforce.member_ended')).toBe(before + 1);
    expect((await end(memberId, await day(t, -1))).statusCode).toBe(409);
    expect((await end('00000000-0000-4000-8000-000000000000', await day(t, 1))).statusCode).toBe(404);
  });

  it('exports the roster (co-leaders first, ended terms kept) with the watermark line, audited; 404 outside', async () => {
    const before = await auditCount(t.db, 'taskforce.exported');
    const res = await t.request({ method: 'GET', url: `${url(campaign)}/export.xlsx`, as: 'dfzf.director' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/成员名册.*导出人/);
    const rows = [];
    for (let i = 3; i <= ws.rowCount; i++) rows.push(ws.getRow(i).values as unknown[]);
    const view = (await t.request({ method: 'GET', url: url(campaign), as: 'dfzf.director' })).json();
    expect(rows).toHaveLength(view.taskForce.members.length);
    expect(rows.slice(0, 2).map((r) => r[4])).toEqual(['组长', '组长']);
    expect(rows.some((r) => r[8] === '已结束任期')).toBe(true);
    expect(await auditCount(t.db, 'taskforce.exported')).toBe(before + 1);
    expect((await t.request({ method: 'GET', url: `${url(hidden)}/export.xlsx`, as: 'dfzf.director' })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `${url(campaign)}/export.xlsx`, as: 'gl.county' })).statusCode).toBe(404);
  });

  it('我的专班 lists the caller’s memberships, the ended one as inactive', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/task-forces/mine', as: 'xq.jyj' });
    expect(res.statusCode).toBe(200);
    const mine = res.json().items.filter((i: { campaign: { id: string } | null }) => i.campaign?.id === campaign);
    expect(mine).toEqual([
      expect.objectContaining({
        role: 'MEMBER',
        active: false,
        validTo: await day(t, -1),
        fromOrg: expect.objectContaining({ name: '驻兰州新区教育局纪检监察组' }),
      }),
    ]);
    expect((await t.request({ method: 'GET', url: '/api/v1/task-forces/mine', as: 'bank.liaison' })).statusCode).toBe(403);
  });

  it('the pickers list business staff with their post and the orgs they may come from', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/task-forces/candidates?q=%E4%B8%BB%E4%BB%BB', as: 'dfzf.director' });
    expect(res.statusCode).toBe(200);
    const jc3 = res.json().items.find((i: { username: string }) => i.username === 'jc3.director');
    expect(jc3).toMatchObject({ position: '第三监督检查室主任', org: { kind: 'INTERNAL_OFFICE' } });
    expect(jc3.orgChain.map((o: { kind: string }) => o.kind)).toEqual(['INTERNAL_OFFICE', 'MUNICIPAL_COMMISSION']);
    expect(res.json().items.some((i: { username: string }) => ['sysadmin', 'edu.liaison'].includes(i.username))).toBe(false);
  });
});
