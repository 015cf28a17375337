/**
 * 自查自纠 on the demo 校园餐 campaign over HTTP: a unit contact answers only its own unit (404 elsewhere),
 * drafts and submits; the 专班 returns (comment required) or accepts; the matrix lights and counts; the
 * Excel exports; the KPI function; and the daily job marking overdue once with one notice per unit.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../../../test/fixtures';
import { todayIso } from '../../platform/calendar';
import { runSelfInspectionDaily } from './daily';
import { selfInspectionKpis } from './kpis';

let t: TestApp;
let catering: string;
let round1: string;
const orgs = new Map<string, string>();
beforeAll(async () => {
  t = await createTestApp();
  catering = (await t.db.selectFrom('campaign').select('id').where('domain', '=', 'SCHOOL_CATERING').executeTakeFirstOrThrow()).id;
  round1 = (await t.db.selectFrom('self_inspection_round').select('id').where('campaign_id', '=', catering).where('seq', '=', 1).executeTakeFirstOrThrow()).id;
  for (const o of await t.db.selectFrom('org').select(['id', 'code']).execute()) orgs.set(o.code, o.id);
});
afterAll(() => t.close());

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const responseOf = async (orgCode: string, roundSeq: number, aspect = 'FUNDS') =>
  t.db
    .selectFrom('self_inspection_response as r')
    .innerJoin('self_inspection_round as rd', 'rd.id', 'r.round_id')
    .innerJoin('self_inspection_aspect as a', 'a.id', 'r.aspect_id')
    .select(['r.id', 'r.state as status', 'r.version'])
    .where('rd.campaign_id', '=', catering)
    .where('rd.seq', '=', roundSeq)
    .where('r.unit_id', '=', orgs.get(orgCode)!)
    .where('a.code', '=', aspect)
    .executeTakeFirstOrThrow();
const url = (id: string) => `/api/v1/self-inspection/responses/${id}`;
const answer = { problemsText: '伙食费未按月公示', problemsCount: 2, correctedCount: 1, correctedText: '已公示三月份', plan: '' };

describe('the unit contact answers its own unit only', () => {
  it('sees its rounds in the portal and gets 404 on another unit’s answer (read, save, submit)', async () => {
    const portal = await t.request({ method: 'GET', url: '/api/v1/portal/self-inspection', as: 'yzcg.liaison' });
    expect(portal.statusCode).toBe(200);
    expect(portal.json().items.map((r: { seq: number; unitName: string; overdue: boolean }) => [r.seq, r.unitName, r.overdue])).toEqual([
      [2, '榆中县示例城关小学', false],
      [1, '榆中县示例城关小学', true],
    ]);
    const other = await responseOf('LZ-YZ-HU-JYJ-S001', 2);
    expect((await t.request({ method: 'GET', url: url(other.id), as: 'yzcg.liaison' })).statusCode).toBe(404);
    const put = await t.request({ method: 'PUT', url: url(other.id), as: 'yzcg.liaison', payload: { ...answer, version: other.version } });
    expect(put.statusCode).toBe(404);
    const act = await t.request({ method: 'POST', url: `${url(other.id)}/actions`, as: 'yzcg.liaison', payload: { action: 'submit', version: other.version } });
    expect(act.statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/self-inspection/responses?roundId=${round1}`, as: 'yzcg.liaison' })).json().items).toHaveLength(8);
    expect((await t.request({ method: 'GET', url: `/api/v1/campaigns/${catering}/self-inspection/matrix`, as: 'yzcg.liaison' })).statusCode).toBe(404);
    expect((await responseOf('LZ-YZ-HU-JYJ-S001', 2)).version).toBe(other.version);
    // A staff account outside the campaign learns nothing either.
    expect((await t.request({ method: 'GET', url: url(other.id), as: 'gl.county' })).statusCode).toBe(404);
  });

  it('saves a draft, refuses to submit with problems left uncorrected and no plan (422), then submits', async () => {
    const r = await responseOf('LZ-YZ-HU-JYJ-S002', 2, 'MEAL_FUNDS');
    const bad = await t.request({ method: 'PUT', url: url(r.id), as: 'yzcg.liaison', payload: { ...answer, correctedCount: 3, version: r.version } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].path).toBe('correctedCount');
    const saved = await t.request({ method: 'PUT', url: url(r.id), as: 'yzcg.liaison', payload: { ...answer, version: r.version } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'DRAFT', light: 'YELLOW', problemsCount: 2, abilities: { answer: true, submit: true, review: false } });
    const early = await t.request({
      method: 'POST',
      url: `${url(r.id)}/actions`,
      as: 'yzcg.liaison',
      payload: { action: 'submit', version: saved.json().version },
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toContain('整改计划');
    const planned = await t.request({
      method: 'PUT',
      url: url(r.id),
      as: 'yzcg.liaison',
      payload: { ...answer, plan: '下月起按月公示', version: saved.json().version },
    });
    const sub = await t.request({
      method: 'POST',
      url: `${url(r.id)}/actions`,
      as: 'yzcg.liaison',
      payload: { action: 'submit', version: planned.json().version },
    });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'SUBMITTED', light: 'BLUE', abilities: { answer: false, submit: false } });
    // The contact cannot accept its own answer.
    const self = await t.request({
      method: 'POST',
      url: `${url(r.id)}/actions`,
      as: 'yzcg.liaison',
      payload: { action: 'accept', version: sub.json().version },
    });
    expect(self.statusCode).toBe(403);
  });
});

describe('the 专班 reviews', () => {
  it('return needs a comment (400); return with one notifies the contact; accept by the lead office; a mere reader may not (403)', async () => {
    const r = await responseOf('LZ-XQ-HU-JYJ-S001', 1, 'TENDERING');
    expect(r.status).toBe('SUBMITTED');
    const path = `${url(r.id)}/actions`;
    const bare = await t.request({ method: 'POST', url: path, as: 'dfzf.director', payload: { action: 'return', version: r.version } });
    expect(bare.statusCode).toBe(400);
    const blank = await t.request({ method: 'POST', url: path, as: 'dfzf.director', payload: { action: 'return', version: r.version, comment: '  ' } });
    expect(blank.statusCode).toBe(400);
    expect((await t.request({ method: 'POST', url: path, as: 'sj.secretary', payload: { action: 'accept', version: r.version } })).statusCode).toBe(403);
    expect((await responseOf('LZ-XQ-HU-JYJ-S001', 1, 'TENDERING')).status).toBe('SUBMITTED');
    const before = await auditCount(t.db, 'self_inspection.response_transitioned');
    const ret = await t.request({
      method: 'POST',
      url: path,
      as: 'dfzf.director',
      payload: { action: 'return', version: r.version, comment: '请补充招标文件' },
    });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'RETURNED', reviewComment: '请补充招标文件', light: 'RED' });
    expect(await auditCount(t.db, 'self_inspection.response_transitioned')).toBe(before + 1);
    const inbox = await t.request({ method: 'GET', url: '/api/v1/inbox', as: 'xqsy.liaison' });
    expect(JSON.stringify(inbox.json())).toContain('自查情况被退回');
    const stale = await t.request({ method: 'POST', url: path, as: 'dfzf.director', payload: { action: 'accept', version: r.version } });
    expect(stale.statusCode).toBe(409);
    const other = await responseOf('LZ-XQ-HU-JYJ-S001', 1, 'FUNDS');
    const acc = await t.request({
      method: 'POST',
      url: `${url(other.id)}/actions`,
      as: 'dfzf.director',
      payload: { action: 'accept', version: other.version },
    });
    expect(acc.statusCode).toBe(200);
    expect(acc.json()).toMatchObject({ status: 'ACCEPTED', light: 'GREEN', reviewedBy: expect.any(String) });
  });
});

describe('matrix, exports and KPIs', () => {
  it('round 1 of the demo: 8 units × 8 aspects with the lights and counts of the seeded answers', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/campaigns/${catering}/self-inspection/matrix?roundId=${round1}&pageSize=5`, as: 'edu.group' });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.aspects).toHaveLength(8);
    expect(m.total).toBe(8);
    expect(m.items).toHaveLength(5);
    const all = Object.values(m.counts as Record<string, number>).reduce((s, n) => s + n, 0);
    expect(all).toBe(64);
    // Seeded: 38 accepted, 8 submitted (新区实验学校), 18 overdue (城关小学 8, 永登二中 8, 新区教育局 2 returned);
    // the review test above returned one of the submitted answers and accepted another.
    expect(m.counts).toEqual({ GREEN: 39, BLUE: 6, YELLOW: 0, RED: 19, GREY: 0 });
    const red = await t.request({
      method: 'GET',
      url: `/api/v1/campaigns/${catering}/self-inspection/matrix?roundId=${round1}&light=RED`,
      as: 'dfzf.director',
    });
    expect(
      red
        .json()
        .items.map((i: { unitName: string }) => i.unitName)
        .sort(),
    ).toEqual(['兰州新区教育局', '兰州新区示例实验学校', '榆中县示例城关小学', '永登县示例第二中学'].sort());
    const cg = red.json().items.find((i: { unitName: string }) => i.unitName === '榆中县示例城关小学');
    expect(cg.cells.map((c: { light: string }) => c.light)).toEqual(Array(8).fill('RED'));
  });

  it('exports the matrix and every answer with the watermark line, and audits both', async () => {
    const before = await auditCount(t.db, 'self_inspection.exported');
    const res = await t.request({ method: 'GET', url: `/api/v1/campaigns/${catering}/self-inspection/matrix.xlsx?roundId=${round1}`, as: 'dfzf.director' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/自查自纠矩阵 第1批.*导出人/);
    expect(ws.getRow(2).getCell(2).value).toBe('资金使用');
    const rows = [];
    for (let i = 3; i <= ws.rowCount; i++) rows.push(ws.getRow(i));
    expect(rows).toHaveLength(8);
    const cg = rows.find((r) => r.getCell(1).value === '榆中县示例城关小学')!;
    expect(cg.getCell(2).value).toBe('逾期未报（未填报）');
    const all = await t.request({ method: 'GET', url: `/api/v1/campaigns/${catering}/self-inspection/responses.xlsx`, as: 'dfzf.director' });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(all.rawPayload as unknown as ArrayBuffer);
    const total = Number(
      (
        await t.db
          .selectFrom('self_inspection_response')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('campaign_id', '=', catering)
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(wb2.worksheets[0]!.rowCount).toBe(total + 2);
    expect(await auditCount(t.db, 'self_inspection.exported')).toBe(before + 2);
    expect((await t.request({ method: 'GET', url: `/api/v1/campaigns/${catering}/self-inspection/responses.xlsx`, as: 'gl.county' })).statusCode).toBe(404);
  });

  it('the KPI function matches the answers counted by hand', async () => {
    const rows = await t.db.selectFrom('self_inspection_response').selectAll().where('campaign_id', '=', catering).execute();
    const today = todayIso();
    const reported = rows.filter((r) => r.state === 'SUBMITTED' || r.state === 'ACCEPTED');
    const units = new Set(rows.map((r) => r.unit_id));
    const responded = new Set(reported.map((r) => r.unit_id));
    const overdue = new Set(rows.filter((r) => ['PENDING', 'DRAFT', 'RETURNED'].includes(r.state) && String(r.due_on) < today).map((r) => r.unit_id));
    const k = await selfInspectionKpis(t.db, catering);
    expect(k).toEqual({
      targetUnits: units.size,
      respondedUnits: responded.size,
      coverage: responded.size / units.size,
      problemsFound: reported.reduce((s, r) => s + r.problems_count, 0),
      problemsCorrected: reported.reduce((s, r) => s + r.corrected_count, 0),
      overdueUnits: overdue.size,
    });
    // The demo as seeded (6 units reported something, 3 late) after the tests above: 城关小学 submitted one
    // answer of round 2, and 新区实验学校 had one answer returned past the due date.
    expect([k.targetUnits, k.respondedUnits, k.overdueUnits]).toEqual([8, 7, 4]);
    expect(k.problemsFound).toBeGreaterThan(0);
  });
});

describe('the daily overdue job', () => {
  it('marks a round’s unanswered answers overdue once and sends one reminder per unit and one summary', async () => {
    const today = todayIso();
    const units = [orgs.get('LZ-YZ-HU-JYJ')!, orgs.get('LZ-YD-HU-JYJ-S001')!];
    const sent = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${catering}/self-inspection/rounds`,
      as: 'dfzf.director',
      payload: { title: '第三批：专项复查', dueOn: today, unitIds: units },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const roundId = sent.json().id as string;
    // One aspect answered and submitted in time: not marked.
    const one = await t.db
      .selectFrom('self_inspection_response')
      .select(['id', 'version'])
      .where('round_id', '=', roundId)
      .where('unit_id', '=', units[0]!)
      .limit(1)
      .executeTakeFirstOrThrow();
    const saved = await t.request({
      method: 'PUT',
      url: url(one.id),
      as: 'yzjyj.liaison',
      payload: { problemsText: '', problemsCount: 0, correctedCount: 0, version: one.version },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await t.request({
      method: 'POST',
      url: `${url(one.id)}/actions`,
      as: 'yzjyj.liaison',
      payload: { action: 'submit', version: saved.json().version },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    const notices = async () =>
      Number(
        (
          await t.db
            .selectFrom('inbox_message')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('dedupe_key', 'like', `si:${roundId}:%overdue%`)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const first = await runSelfInspectionDaily(t.db, addDays(today, 1));
    // This round: 8 + 7 unanswered. Also round 1's answer returned in the review test above (past due, never marked).
    expect(first.markedOverdue).toBe(8 + 7 + 1);
    expect(first.unitReminders).toBe(2 + 1); // yzjyj.liaison and yd2z.liaison; xqsy.liaison for round 1
    const office = await t.db
      .selectFrom('app_user')
      .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
      .select('app_user.id')
      .where('app_user.org_id', '=', orgs.get('LZ-JW-DFZF')!)
      .where('user_role.role', '=', 'OFFICE_STAFF')
      .execute();
    expect(first.summaries).toBe(2 * office.length);
    expect(await notices()).toBe(2 + office.length);
    const marks = await t.db
      .selectFrom('self_inspection_response')
      .select(['id', 'overdue_marked_at'])
      .where('round_id', '=', roundId)
      .where('overdue_marked_at', 'is not', null)
      .execute();
    expect(marks).toHaveLength(15);
    const auditBefore = await auditCount(t.db, 'self_inspection.overdue_marked');

    const second = await runSelfInspectionDaily(t.db, addDays(today, 2));
    expect(second).toEqual({ markedOverdue: 0, unitReminders: 0, summaries: 0 });
    expect(await notices()).toBe(2 + office.length);
    expect(await auditCount(t.db, 'self_inspection.overdue_marked')).toBe(auditBefore);
    const again = await t.db
      .selectFrom('self_inspection_response')
      .select(['id', 'overdue_marked_at'])
      .where('round_id', '=', roundId)
      .where('overdue_marked_at', 'is not', null)
      .execute();
    expect(again.map((r) => [r.id, r.overdue_marked_at?.toISOString()]).sort()).toEqual(marks.map((r) => [r.id, r.overdue_marked_at?.toISOString()]).sort());
    const inbox = await t.request({ method: 'GET', url: '/api/v1/inbox', as: 'yd2z.liaison' });
    expect(JSON.stringify(inbox.json())).toContain('逾期未报送');
  });
});
