/** The reporting calendar over HTTP: schedules, lights, scope, export, pulled statistics and the daily reminders. */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { todayIso } from '../../platform/calendar';
import { auditCount } from '../orgs/test-helpers';
import { runWorkReportsDaily } from './daily';
import { orgId, slotsOf } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const slotCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('report_slot')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const day = (n: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('the demo calendar', () => {
  it('the coordinating office sees every reporter with lights: two heard and one submitted (done), one overdue, a draft', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/report-slots?pageSize=200', as: 'dfzf.staff' });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.abilities.manage).toBe(true);
    const byOrg = new Map<string, { light: string; report: { state: string } | null; cadence: string }>(
      page.items.map((s: { reporterOrg: { name: string } }) => [s.reporterOrg.name, s]),
    );
    expect(byOrg.get('驻市教育局纪检监察组')).toMatchObject({ light: 'DONE', cadence: 'YEARLY', report: { state: 'HEARD' } });
    expect(byOrg.get('驻市金融工作部门纪检监察组')).toMatchObject({ light: 'DONE', report: { state: 'HEARD' } });
    expect(byOrg.get('驻市财政局纪检监察组')).toMatchObject({ light: 'RED', report: null });
    expect(byOrg.get('驻市发展和改革委员会纪检监察组')?.report?.state).toBe('DRAFT');
    expect(byOrg.get('榆中县纪委监委')?.cadence).toBe('HALF_YEARLY');
    expect(byOrg.get('驻市卫生健康委员会纪检监察组')).toMatchObject({ light: 'DONE', report: { state: 'SUBMITTED' } });
    expect(page.counts.DONE).toBe(3);
    expect(page.counts.RED).toBe(1);
    const red = await t.request({ method: 'GET', url: '/api/v1/report-slots?light=RED', as: 'dfzf.staff' });
    expect(red.json().items.map((s: { reporterOrg: { name: string } }) => s.reporterOrg.name)).toEqual(['驻市财政局纪检监察组']);
  });

  it('a group sees only its own slots; another office none; a unit liaison is refused', async () => {
    const own = (await t.request({ method: 'GET', url: '/api/v1/report-slots?pageSize=200', as: 'edu.group' })).json();
    expect(new Set(own.items.map((s: { reporterOrg: { name: string } }) => s.reporterOrg.name))).toEqual(new Set(['驻市教育局纪检监察组']));
    expect(own.abilities.manage).toBe(false);
    expect((await t.request({ method: 'GET', url: '/api/v1/report-slots', as: 'jc2.staff' })).json().items).toEqual([]);
    expect((await t.request({ method: 'GET', url: '/api/v1/report-slots', as: 'bank.liaison' })).statusCode).toBe(403);
    // The standing committee member reads the whole calendar.
    expect((await t.request({ method: 'GET', url: '/api/v1/report-slots?pageSize=200', as: 'cw5.member' })).json().items.length).toBe(
      (await t.request({ method: 'GET', url: '/api/v1/report-slots?pageSize=200', as: 'dfzf.staff' })).json().items.length,
    );
  });

  it('exports the calendar to Excel with the exporter’s watermark, audited', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/report-slots/export.xlsx?light=DONE', as: 'dfzf.staff' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toContain('导出人 甄若葵（dfzf.staff）');
    const rows = [3, 4, 5].map((i) => [String(ws.getRow(i).getCell(2).value), String(ws.getRow(i).getCell(7).value)]);
    expect(rows.sort()).toEqual(
      [
        ['驻市教育局纪检监察组', '已听取'],
        ['驻市金融工作部门纪检监察组', '已听取'],
        ['驻市卫生健康委员会纪检监察组', '已报送'],
      ].sort(),
    );
    expect(ws.getRow(6).getCell(2).value).toBeNull();
    expect(await auditCount(t, 'report.exported')).toBe(1);
  });
});

describe('setting a schedule', () => {
  it('generates the year’s slots once; a year is not re-planned under another cadence; bad input writes nothing', async () => {
    const county = await orgId(t, 'LZ-CG');
    const set = (as: string, payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/report-slots/schedules', as, payload });
    const first = await set('dfzf.staff', { reporterOrgId: county, cadence: 'HALF_YEARLY', year: 2030, dueOffsetDays: 20 });
    expect(first.json()).toMatchObject({ created: 2, slots: 2 });
    expect((await set('sj.secretary', { reporterOrgId: county, cadence: 'HALF_YEARLY', year: 2030 })).json()).toMatchObject({ created: 0 });
    const slots = (await t.request({ method: 'GET', url: `/api/v1/report-slots?year=2030&reporterOrgId=${county}`, as: 'dfzf.staff' })).json().items;
    expect(slots.map((s: { periodLabel: string; dueOn: string }) => [s.periodLabel, s.dueOn])).toEqual([
      ['2030年上半年', '2030-07-20'],
      ['2030年下半年', '2031-01-20'],
    ]);
    const clash = await set('dfzf.staff', { reporterOrgId: county, cadence: 'QUARTERLY', year: 2030 });
    expect(clash.statusCode).toBe(422);
    expect(clash.json().message).toContain('已按“每半年”生成汇报计划');
    expect(await auditCount(t, 'report.schedule_set')).toBe(2);

    const before = await slotCount();
    const office = await orgId(t, 'LZ-JW-JC1');
    const bad: [Record<string, unknown>, string, string][] = [
      [{ reporterOrgId: county, cadence: 'MONTHLY', year: 2030 }, 'cadence', '汇报周期须为每年、每半年或每季度'],
      [{ reporterOrgId: county, cadence: 'YEARLY', year: 1999 }, 'year', '年度须在2000至2100之间'],
      [{ reporterOrgId: county, cadence: 'YEARLY', year: 2034, dueOffsetDays: 365 }, 'dueOffsetDays', '不超过180天'],
      [{ reporterOrgId: office, cadence: 'YEARLY', year: 2034 }, 'reporterOrgId', '汇报单位须为本机关的县区纪委监委或派驻纪检监察组'],
    ];
    for (const [payload, path, message] of bad) {
      const res = await set('dfzf.staff', payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details.issues.find((i: { path: string }) => i.path === path)?.message, res.body).toContain(message);
    }
    // Only the coordinating office and the 书记 keep the calendar.
    for (const who of ['jc1.staff', 'cw5.member', 'cg.county'])
      expect((await set(who, { reporterOrgId: county, cadence: 'YEARLY', year: 2035 })).statusCode, who).toBe(403);
    expect(await slotCount()).toBe(before);
  });
});

describe('pulled statistics', () => {
  it('count what the database holds for the org inside the period, not outside it nor for another org', async () => {
    const cg = await orgId(t, 'LZ-CG');
    const qlh = await orgId(t, 'LZ-QLH');
    const [h1] = await slotsOf(t, 'LZ-CG', 'HALF_YEARLY', 2036);
    const cid = (await t.db.selectFrom('org').select('commission_id').where('id', '=', cg).executeTakeFirstOrThrow()).commission_id;
    const clue = (org: string, received: string) =>
      sql`INSERT INTO clue (commission_id, year, source, received_on, receiving_org_id, title, summary, subject_name, propose_due)
        VALUES (${cid}::uuid, 2036, 'OTHER', ${received}::date, ${org}::uuid, '测试线索', '摘要', '张某', ${received}::date + 15)`.execute(t.owner);
    await clue(cg, '2036-03-01'); // inside
    await clue(cg, '2036-07-02'); // outside (second half)
    await clue(qlh, '2036-03-01'); // another county
    const kase = async (org: string, filed: string, seq: number) => {
      const { rows } = await sql<{ id: string }>`INSERT INTO case_file (commission_id, year, seq, case_no, title, subject_name, lead_org_id, state, filed_on)
        VALUES (${cid}::uuid, 2036, ${seq}, ${`测案〔2036〕${seq}号`}, '测试案件', '李某', ${org}::uuid, 'FILED', ${filed}::date) RETURNING id`.execute(
        t.owner,
      );
      return rows[0]!.id;
    };
    const inside = await kase(cg, '2036-04-10', 9001);
    await kase(cg, '2035-12-30', 9002); // before the period
    await sql`INSERT INTO case_outcome (commission_id, case_id, kind, four_form, decided_on) VALUES
      (${cid}::uuid, ${inside}::uuid, 'PARTY_SANCTION', 'SECOND', '2036-06-01'), (${cid}::uuid, ${inside}::uuid, 'FIRST_FORM_MEASURE', 'FIRST', '2036-08-01')`.execute(
      t.owner,
    );

    const res = await t.request({ method: 'GET', url: `/api/v1/report-slots/${h1!.id}/stats`, as: 'cg.county' });
    expect(res.statusCode, res.body).toBe(200);
    const v = Object.fromEntries(res.json().items.map((i: { key: string; value: number }) => [i.key, i.value]));
    expect(v).toMatchObject({ cluesReceived: 1, casesFiled: 1, formSecond: 1, formFirst: 0, cluesDisposed: 0 });
    // The same figures straight from the tables.
    const db = await sql<{ clues: number; cases: number }>`SELECT
      (SELECT count(*)::int FROM clue WHERE receiving_org_id = ${cg}::uuid AND received_on BETWEEN '2036-01-01' AND '2036-06-30') AS clues,
      (SELECT count(*)::int FROM case_file WHERE lead_org_id = ${cg}::uuid AND filed_on BETWEEN '2036-01-01' AND '2036-06-30') AS cases`.execute(t.db);
    expect([v.cluesReceived, v.casesFiled]).toEqual([db.rows[0]!.clues, db.rows[0]!.cases]);
    // Another county may not read this slot's figures.
    expect((await t.request({ method: 'GET', url: `/api/v1/report-slots/${h1!.id}/stats`, as: 'qlh.county' })).statusCode).toBe(404);
  });
});

describe('the daily job', () => {
  it('reminds the group before the due day and the group and the coordinating office once overdue — once, however often it runs', async () => {
    const zjj = await orgId(t, 'LZ-JW-PZ-ZJJ');
    await sql`UPDATE report_slot SET due_on = ${day(1)}::date WHERE reporter_org_id = ${zjj}::uuid`.execute(t.owner);
    const first = await runWorkReportsDaily(t.db, todayIso());
    const second = await runWorkReportsDaily(t.db, todayIso());
    expect(first.reminders).toBeGreaterThanOrEqual(1);
    expect(first.overdue).toBeGreaterThanOrEqual(1);
    expect(second).toEqual({ reminders: 0, overdue: 0 });
    const notices = await t.db
      .selectFrom('inbox_message as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.kind', 'n.title'])
      .where('n.kind', 'in', ['work_report.due', 'work_report.overdue'])
      .execute();
    const of = (kind: string, words: string) =>
      notices
        .filter((n) => n.kind === kind && n.title.includes(words))
        .map((n) => n.username)
        .sort();
    expect(of('work_report.due', '驻市住房和城乡建设局')).toEqual(['zjj.group']);
    expect(of('work_report.overdue', '驻市财政局')).toEqual(['czj.group', 'dfzf.director', 'dfzf.staff']);
    // Heard reports are not chased.
    expect(notices.filter((n) => n.title.includes('驻市教育局'))).toEqual([]);
  });
});
