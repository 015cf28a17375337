/**
 * 四不两直: a planned check (an unannounced visit above all) is secret until its visit date. Before it, an
 * account outside the team and the approvers finds nothing of it — not in the campaign's list or its count,
 * not its detail, findings, photos, export or KPIs, and no notice; from the date on, the campaign's readers
 * see it. The target unit's liaison never does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/app';
import { multipart } from '../../../test/fixtures';
import { cateringId, dayFromToday, moveVisit, orgId, PNG, userId } from './fixtures';

let t: TestApp;
let campaign: string;
let secret: string;
let finding: string;
let photo: string;
const TITLE = '某县学校食堂明察暗访（保密测试）';
/** See the campaign, but are neither on the team nor approvers. */
const OUTSIDERS = ['dfzf.staff', 'yz.jyj', 'cw1.member', 'ag.manager1'];
/** The team, the planner and the 书记 (approver). */
const INSIDERS = ['jc6.staff', 'edu.group', 'dfzf.director', 'sj.secretary'];

const get = (url: string, as: string) => t.request({ method: 'GET', url, as });
const listed = async (as: string) => {
  const res = await get(`/api/v1/campaigns/${campaign}/inspections`, as);
  expect(res.statusCode, `${as}: ${res.body}`).toBe(200);
  const body = res.json() as { items: { id: string; title: string }[]; total: number };
  return { has: body.items.some((i) => i.id === secret || i.title === TITLE), total: body.total };
};
const kpis = async (as: string) => (await get(`/api/v1/campaigns/${campaign}/inspections/kpis`, as)).json();
const exported = async (as: string) => {
  const res = await get(`/api/v1/campaigns/${campaign}/inspections/export.xlsx`, as);
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value)))));
  return cells.join('\n');
};

beforeAll(async () => {
  t = await createTestApp();
  campaign = await cateringId(t);
  const res = await t.request({
    method: 'POST',
    url: `/api/v1/campaigns/${campaign}/inspections`,
    as: 'dfzf.director',
    payload: {
      type: 'UNANNOUNCED',
      title: TITLE,
      visitOn: await dayFromToday(t, 10),
      team: [
        { userId: await userId(t, 'jc6.staff'), role: 'LEADER' },
        { userId: await userId(t, 'edu.group'), role: 'MEMBER' },
      ],
      targetOrgIds: [await orgId(t, 'LZ-HU-JYJ')],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  secret = res.json().id;
});
afterAll(() => t.close());

describe('before the visit date', () => {
  it('outsiders who read the campaign do not find the check in the list, its count, its detail, the KPIs or the export', async () => {
    for (const as of OUTSIDERS) {
      const l = await listed(as);
      expect(l.has, as).toBe(false);
      expect((await get(`/api/v1/inspections/${secret}`, as)).statusCode, as).toBe(404);
      expect(await exported(as), as).not.toContain(TITLE);
    }
    // The count is the same as if the check did not exist: the 书记 sees one more.
    expect((await listed('sj.secretary')).total).toBe((await listed('dfzf.staff')).total + 1);
    expect(await kpis('dfzf.staff')).toEqual(await kpis('sj.secretary'));
  });

  it('the team, the planner and the 书记 see it; the target unit’s liaison never does', async () => {
    for (const as of INSIDERS) {
      expect((await listed(as)).has, as).toBe(true);
      expect((await get(`/api/v1/inspections/${secret}`, as)).statusCode, as).toBe(200);
    }
    expect(await exported('jc6.staff')).toContain(TITLE);
    expect((await get(`/api/v1/inspections/${secret}`, 'edu.liaison')).statusCode).toBe(404);
    expect((await get(`/api/v1/campaigns/${campaign}/inspections`, 'edu.liaison')).statusCode).toBe(404);
  });

  it('only the team heard of it in the inbox (the planner is not notified of his own plan)', async () => {
    const rows = await t.db
      .selectFrom('inbox_message as m')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .select('u.username')
      .where('m.kind', '=', 'inspection.planned')
      .where('m.link', 'like', `%${secret}`)
      .execute();
    expect(rows.map((r) => r.username).sort()).toEqual(['edu.group', 'jc6.staff']);
  });

  it('a finding and its photo on a check still ahead stay hidden: detail, photo, file list, edit and hand-over are 404', async () => {
    const approved = await t.request({
      method: 'POST',
      url: `/api/v1/inspections/${secret}/actions`,
      as: 'sj.secretary',
      payload: { action: 'approve', version: 1 },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    // The team records on the day; then the check is moved ahead again (a second visit, still secret).
    await moveVisit(t, secret, 0);
    const added = await t.request({
      method: 'POST',
      url: `/api/v1/inspections/${secret}/findings`,
      as: 'jc6.staff',
      payload: { description: '食堂后厨存放过期食材（保密测试）', severity: 'HIGH', unitOrgId: await orgId(t, 'LZ-HU-JYJ') },
    });
    expect(added.statusCode, added.body).toBe(201);
    finding = added.json().findingList[0].id;
    const mp = multipart({}, { filename: '后厨.png', content: PNG });
    const up = await t.request({
      method: 'POST',
      url: `/api/v1/inspection-findings/${finding}/photos`,
      as: 'jc6.staff',
      payload: mp.payload,
      headers: mp.headers,
    });
    expect(up.statusCode, up.body).toBe(201);
    photo = up.json().id;
    await moveVisit(t, secret, 5);

    for (const as of OUTSIDERS) {
      expect((await get(`/api/v1/attachments/${photo}/content`, as)).statusCode, as).toBe(404);
      expect((await get(`/api/v1/attachments/${photo}`, as)).statusCode, as).toBe(404);
      const files = (await get('/api/v1/attachments?ownerType=inspection_finding', as)).json().items.map((i: { id: string }) => i.id);
      expect(files, as).not.toContain(photo);
      const patch = await t.request({ method: 'PATCH', url: `/api/v1/inspection-findings/${finding}`, as, payload: { version: 1, severity: 'LOW' } });
      expect(patch.statusCode, as).toBe(404);
      const hand = await t.request({ method: 'POST', url: `/api/v1/inspection-findings/${finding}/hand-over`, as, payload: { to: 'clue', version: 1 } });
      expect(hand.statusCode, as).toBe(404);
      expect(await exported(as), as).not.toContain('保密测试');
    }
    expect(await kpis('dfzf.staff')).toEqual(await kpis('sj.secretary'));
    expect((await get(`/api/v1/attachments/${photo}/content`, 'edu.group')).statusCode).toBe(200);
  });
});

describe('from the visit date on', () => {
  it('the campaign’s readers see the check, its finding and its photo, and the KPIs count it; the liaison still does not', async () => {
    const before = await kpis('dfzf.staff');
    await moveVisit(t, secret, -1);
    for (const as of OUTSIDERS) {
      expect((await listed(as)).has, as).toBe(true);
      const d = await get(`/api/v1/inspections/${secret}`, as);
      expect(d.statusCode, as).toBe(200);
      expect(d.json().findingList.map((f: { id: string }) => f.id)).toEqual([finding]);
      expect((await get(`/api/v1/attachments/${photo}/content`, as)).statusCode, as).toBe(200);
      expect(await exported(as), as).toContain(TITLE);
    }
    expect(await kpis('dfzf.staff')).toEqual({
      ...before,
      checks: before.checks + 1,
      unannouncedVisits: before.unannouncedVisits + 1,
      findings: before.findings + 1,
    });
    expect((await get(`/api/v1/inspections/${secret}`, 'edu.liaison')).statusCode).toBe(404);
    expect((await get(`/api/v1/attachments/${photo}/content`, 'edu.liaison')).statusCode).toBe(404);
  });
});

describe('approvers and the 专班', () => {
  it('before the date: the leader overseeing the lead office and the 专班 co-leaders see the plan, a 专班 member does not; from the date on the member does', async () => {
    const cid = (await t.db.selectFrom('campaign').select('commission_id').where('id', '=', campaign).executeTakeFirstOrThrow()).commission_id;
    const existing = await t.db.selectFrom('task_force').select('id').where('campaign_id', '=', campaign).executeTakeFirst();
    const force =
      existing?.id ??
      (
        await t.db
          .insertInto('task_force')
          .values({ commission_id: cid, name_zh: '校园餐专项整治工作专班（测试）', campaign_id: campaign, purpose: 'CAMPAIGN' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const member = async (username: string, role: 'CO_LEADER' | 'MEMBER') =>
      t.db
        .insertInto('task_force_member')
        .values({ commission_id: cid, task_force_id: force, user_id: await userId(t, username), role, valid_from: '2026-01-01', valid_to: '2099-12-31' })
        .execute();
    // gl.county (皋兰县) takes no part in the campaign: it sees the campaign only through the 专班.
    await member('qlh.county', 'CO_LEADER');
    await member('gl.county', 'MEMBER');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${campaign}/inspections`,
      as: 'dfzf.director',
      payload: {
        type: 'UNANNOUNCED',
        title: '专班保密测试',
        visitOn: await dayFromToday(t, 7),
        team: [{ userId: await userId(t, 'jc6.staff'), role: 'LEADER' }],
        targetOrgIds: [await orgId(t, 'LZ-YZ-HU-JYJ')],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    expect((await get(`/api/v1/inspections/${id}`, 'fsj2.deputy')).statusCode).toBe(200);
    expect((await get(`/api/v1/inspections/${id}`, 'qlh.county')).statusCode).toBe(200);
    expect((await get(`/api/v1/inspections/${id}`, 'gl.county')).statusCode).toBe(404);
    expect((await get(`/api/v1/inspections/${id}`, 'fsj3.deputy')).statusCode).toBe(404);
    // The co-leader may approve it; the 专班 member may not even find it.
    const approve = await t.request({ method: 'POST', url: `/api/v1/inspections/${id}/actions`, as: 'qlh.county', payload: { action: 'approve', version: 1 } });
    expect(approve.statusCode, approve.body).toBe(200);
    await moveVisit(t, id, 0);
    expect((await get(`/api/v1/inspections/${id}`, 'gl.county')).statusCode).toBe(200);
    expect((await get(`/api/v1/inspections/${id}`, 'fsj3.deputy')).statusCode).toBe(200);
  });
});
