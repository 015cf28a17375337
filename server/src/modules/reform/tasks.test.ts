/**
 * Rectification tasks: created by hand or from a supervision finding (once: a second hand-over is 409),
 * the board with lights and filters, the Excel export, and the unit contact's narrow door.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { BANK, commissionId, daysFromToday, EDU, FIN_GROUP, makeTask, orgId, userId } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A finding recorded on an item of the given group's supervision list (demo data). */
async function finding(disposition = 'RECTIFY', group = FIN_GROUP, host = BANK): Promise<string> {
  const item = await t.db
    .selectFrom('supervision_item as i')
    .innerJoin('supervision_list as l', 'l.id', 'i.list_id')
    .select(['i.id', 'i.commission_id', 'i.lead_org_id'])
    .where('l.owner_group_id', '=', await orgId(t, group))
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('supervision_finding')
    .values({
      commission_id: item.commission_id,
      item_id: item.id,
      org_id: item.lead_org_id,
      description: '演示数据：贷后管理流于形式，部分贷款资金被挪用',
      disposition,
      host_unit_id: await orgId(t, host),
      created_by: await userId(t, 'fin.staff'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('POST /rectification-tasks', () => {
  it('creates a task by hand, supervised by the caller, and tells the unit’s contact person', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/rectification-tasks',
      as: 'fin.staff',
      payload: { unitOrgId: await orgId(t, BANK), issue: '演示数据：关联交易审查不严', deadline: daysFromToday(90), responsiblePerson: '演示人员丙' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const task = res.json();
    expect(task).toMatchObject({ source: 'MANUAL', state: 'ASSIGNED', light: 'GREEN', supervisor: { id: await userId(t, 'fin.staff') } });
    expect(task.planDue).not.toBeNull();
    expect(task.updates).toHaveLength(1);
    const notices = await t.db.selectFrom('inbox_message').select('user_id').where('link', '=', `/portal/tasks/${task.id}`).execute();
    expect(notices.map((n) => n.user_id)).toEqual([await userId(t, 'bank.liaison')]);
  });

  it('refuses the liaison (403) and answers 400 for a past deadline or a missing unit', async () => {
    const base = { issue: '演示数据', deadline: daysFromToday(30) };
    expect((await t.request({ method: 'POST', url: '/api/v1/rectification-tasks', as: 'bank.liaison', payload: base })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: '/api/v1/rectification-tasks', as: 'fin.staff', payload: base })).statusCode).toBe(400);
    const past = await t.request({
      method: 'POST',
      url: '/api/v1/rectification-tasks',
      as: 'fin.staff',
      payload: { ...base, unitOrgId: await orgId(t, BANK), deadline: '2020-01-01' },
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toContain('deadline');
  });

  it('hands a finding over once: marks it, and a second hand-over answers 409', async () => {
    const f = await finding();
    const payload = { findingId: f, issue: '演示数据：贷后管理流于形式', deadline: daysFromToday(60) };
    const first = await t.request({ method: 'POST', url: '/api/v1/rectification-tasks', as: 'fin.staff', payload });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ source: 'FINDING', findingId: f, unit: { id: await orgId(t, BANK) } });
    const row = await t.db.selectFrom('supervision_finding').selectAll().where('id', '=', f).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ handed_over_type: 'rectification', handed_over_id: first.json().id });
    expect(row.handed_over_at).not.toBeNull();
    const second = await t.request({ method: 'POST', url: '/api/v1/rectification-tasks', as: 'fin.staff', payload });
    expect(second.statusCode).toBe(409);
    expect(await t.db.selectFrom('rectification_task').select('id').where('finding_id', '=', f).execute()).toHaveLength(1);
  });

  it('a finding to be handed over as a clue is not a rectification (422); an unseen finding is 404', async () => {
    const f = await finding('CLUE');
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/rectification-tasks',
      as: 'fin.staff',
      payload: { findingId: f, issue: 'x', deadline: daysFromToday(9) },
    });
    expect(res.statusCode).toBe(422);
    const hidden = await finding('RECTIFY', 'LZ-JW-PZ-JYJ', EDU);
    const res2 = await t.request({
      method: 'POST',
      url: '/api/v1/rectification-tasks',
      as: 'fin.staff',
      payload: { findingId: hidden, issue: 'x', deadline: daysFromToday(9) },
    });
    expect(res2.statusCode).toBe(404);
  });
});

describe('the board', () => {
  it('lights: red overdue, yellow within 5 working days, green later, done when closed; filters by light, state, unit, supervisor org', async () => {
    const red = await makeTask(t, { deadline: daysFromToday(-3), state: 'IN_PROGRESS', issue: '灯测试-红' });
    const yellow = await makeTask(t, { deadline: daysFromToday(1), state: 'IN_PROGRESS', issue: '灯测试-黄' });
    const green = await makeTask(t, { deadline: daysFromToday(40), issue: '灯测试-绿' });
    const done = await makeTask(t, { deadline: daysFromToday(-3), state: 'CLOSED', issue: '灯测试-销号' });
    const board = async (qs: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/rectification-tasks?q=${encodeURIComponent('灯测试')}&${qs}`, as: 'fin.staff' })).json();
    const all = await board('pageSize=100');
    const light = Object.fromEntries(all.items.map((i: { id: string; light: string }) => [i.id, i.light]));
    expect(light).toEqual({ [red]: 'RED', [yellow]: 'YELLOW', [green]: 'GREEN', [done]: 'DONE' });
    expect(all.lights).toEqual({ RED: 1, YELLOW: 1, GREEN: 1, DONE: 1 });
    expect((await board('light=RED')).items.map((i: { id: string }) => i.id)).toEqual([red]);
    expect((await board('state=CLOSED')).items.map((i: { id: string }) => i.id)).toEqual([done]);
    expect((await board(`unitOrgId=${await orgId(t, EDU)}`)).total).toBe(0);
    expect((await board(`supervisorOrgId=${await orgId(t, FIN_GROUP)}`)).total).toBe(4);
  });

  it('exports the board as Excel with the watermark, audited', async () => {
    await makeTask(t, { issue: '导出测试任务' });
    const res = await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/export.xlsx?q=${encodeURIComponent('导出测试')}`, as: 'fin.staff' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('导出人');
    expect(ws.rowCount).toBe(3);
    const audit = await t.db.selectFrom('audit_event').select('type').where('type', '=', 'rectification.exported').execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});

describe('the unit contact’s portal (bank.liaison)', () => {
  it('sees only the bank’s tasks; 404 for another unit’s task; 403 on reform and accountability collections, 404 on their objects', async () => {
    const mine = await makeTask(t, { issue: '门户隔离-本单位' });
    const theirs = await makeTask(t, { unit: EDU, supervisor: 'edu.staff', issue: '门户隔离-他单位' });
    const list = (await t.request({ method: 'GET', url: '/api/v1/rectification-tasks?pageSize=100', as: 'bank.liaison' })).json();
    const bank = await orgId(t, BANK);
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i: { unit: { id: string } }) => i.unit.id === bank)).toBe(true);
    expect(list.items.map((i: { id: string }) => i.id)).toContain(mine);
    expect((await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/${mine}`, as: 'bank.liaison' })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/${theirs}`, as: 'bank.liaison' })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/${theirs}`, as: 'edu.liaison' })).statusCode).toBe(200);
    for (const url of ['/api/v1/reform-records', '/api/v1/accountabilities', '/api/v1/accountabilities/stats']) {
      expect((await t.request({ method: 'GET', url, as: 'bank.liaison' })).statusCode, url).toBe(403);
    }
    const record = await t.db
      .insertInto('reform_record')
      .values({
        commission_id: await commissionId(t),
        origin: 'CAMPAIGN',
        campaign_id: (await t.db.selectFrom('campaign').select('id').executeTakeFirstOrThrow()).id,
        title: '演示',
        unit_org_id: bank,
        owner_org_id: await orgId(t, FIN_GROUP),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const acc = await t.db
      .insertInto('accountability')
      .values({
        commission_id: await commissionId(t),
        target_kind: 'PARTY_ORG',
        target_name: '示例城市商业银行党委',
        target_org_id: bank,
        method: 'INSPECTION',
        basis: '演示',
        deciding_body: '市纪委监委',
        decided_on: '2026-03-01',
        owner_org_id: await orgId(t, FIN_GROUP),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await t.request({ method: 'GET', url: `/api/v1/reform-records/${record.id}`, as: 'bank.liaison' })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/accountabilities/${acc.id}`, as: 'bank.liaison' })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/reform-records/${record.id}`, as: 'fin.staff' })).statusCode).toBe(200);
  });

  it('the liaison exports only its unit’s tasks', async () => {
    await makeTask(t, { unit: EDU, supervisor: 'edu.staff', issue: '导出隔离-他单位' });
    const res = await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/export.xlsx?q=${encodeURIComponent('导出隔离')}`, as: 'bank.liaison' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(2);
  });
});
