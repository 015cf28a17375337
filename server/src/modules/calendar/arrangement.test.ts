/**
 * 节假日安排超出维护年份: deadlines counted into a year without a holiday arrangement are flagged, the
 * administrator imports the next year's arrangement (ICS or Excel, all or nothing, audited), and the
 * system and security administrators are warned daily from 1 November of the last maintained year.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, multipart } from '../../../test/fixtures';
import { seedClue } from '../clues/fixtures';
import { makeTask } from '../reform/fixtures';
import { runCalendarWarning } from './warning';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const addUrl = '/api/v1/calendar/add?from=2026-12-20&days=15';
const add = async () => (await t.request({ method: 'GET', url: addUrl, as: 'jc3.staff' })).json();
const calendarDays = async () =>
  Number(
    (
      await t.db
        .selectFrom('calendar_day')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

function upload(format: 'ics' | 'xlsx', content: Buffer, as = 'sysadmin') {
  const { payload, headers } = multipart({}, { filename: `2027.${format}`, content });
  return t.request({ method: 'POST', url: `/api/v1/calendar/import?format=${format}`, as, payload, headers });
}

const ICS_2027 = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//CN holidays//ZH',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270101',
  'DTEND;VALUE=DATE:20270104',
  'SUMMARY:元旦',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270206',
  'DTEND;VALUE=DATE:20270214',
  'SUMMARY:春节',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270214',
  'SUMMARY:春节 补班',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

async function xlsx(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('节假日安排');
  ws.addRow(['日期', '类别', '名称']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('deadlines past the maintained years', () => {
  it('flags 2026-12-20 + 15 working days (into 2027, no arrangement) as unconfirmed', async () => {
    // Without 2027 data 2027-01-01 (a Friday) counts as a working day.
    expect(await add()).toEqual({ day: '2027-01-08', calendarUnconfirmed: true });
    expect((await t.request({ method: 'GET', url: '/api/v1/calendar/add?from=2026-11-02&days=10', as: 'jc3.staff' })).json().calendarUnconfirmed).toBe(false);
  });

  it('marks the clue deadlines that fall into 2027 in the clue detail', async () => {
    const clue = await seedClue(t, { state: 'UNDER_ANALYSIS', title: '期限跨入2027年的线索' });
    await t.db.updateTable('clue').set({ propose_due: '2027-01-08' }).where('id', '=', clue.id).execute();
    const res = await t.request({ method: 'GET', url: `/api/v1/clues/${clue.id}`, as: 'jc3.staff' });
    expect(res.statusCode).toBe(200);
    expect(res.json().deadlines.calendarUnconfirmed).toEqual(['proposeDue']);
  });

  it('marks a rectification task whose 方案 due day (工作日) falls into 2027', async () => {
    const task = await makeTask(t, { issue: '方案期限跨年' });
    await t.db.updateTable('rectification_task').set({ plan_due: '2027-01-08' }).where('id', '=', task).execute();
    const res = await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/${task}`, as: 'bank.liaison' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ planDue: '2027-01-08', planDueUnconfirmed: true });
  });

  it('shows the maintenance banner to the system administrator on the calendar screen', async () => {
    const body = (await t.request({ method: 'GET', url: '/api/v1/calendar?year=2027', as: 'sysadmin' })).json();
    expect(body.lastMaintainedYear).toBe(2026);
    expect(body.maintenanceWarning).toMatch(/只维护到2026年/);
  });
});

describe('importing an arrangement', () => {
  it('rejects a malformed ICS with per-line zh-CN errors and writes nothing', async () => {
    const before = await calendarDays();
    const audits = await auditCount(t.db, 'calendar.imported');
    const bad = ICS_2027.replace('DTSTART;VALUE=DATE:20270206', 'DTSTART:20270206T090000').replace('SUMMARY:元旦', 'X-NOTE:无名称');
    const res = await upload('ics', Buffer.from(bad));
    expect(res.statusCode).toBe(400);
    const issues = res.json().details.issues as { path: string; message: string }[];
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: '第4行', message: '事件缺少 SUMMARY（节日名称）' },
        { path: '第10行', message: 'DTSTART 须为全天日期（YYYYMMDD），不接受带时刻的事件' },
      ]),
    );
    expect(await calendarDays()).toBe(before);
    expect(await auditCount(t.db, 'calendar.imported')).toBe(audits);
    expect((await add()).calendarUnconfirmed).toBe(true);
  });

  it('rejects a malformed Excel sheet with per-row errors and writes nothing', async () => {
    const before = await calendarDays();
    const file = await xlsx([
      ['2027-01-01', '节假日', '元旦'],
      ['2027-02-30', '节假日', '春节'],
      ['2027-02-10', '调休上班日', '春节'],
      ['2027-02-11', '休息', ''],
    ]);
    const res = await upload('xlsx', file);
    expect(res.statusCode).toBe(400);
    const issues = res.json().details.issues as { path: string; message: string }[];
    expect(issues.map((i) => i.path)).toEqual(['第3行A列', '第5行B列', '第5行C列']);
    expect(await calendarDays()).toBe(before);
    // The cross-row check (调休 on a weekday) also refuses the file once the rows are well-formed.
    const weekday = await upload(
      'xlsx',
      await xlsx([
        ['2027-01-01', '节假日', '元旦'],
        ['2027-02-10', '调休上班日', '春节'],
      ]),
    );
    expect(weekday.statusCode).toBe(400);
    expect(weekday.json().details.issues[0].message).toMatch(/不是周六或周日/);
    expect(await calendarDays()).toBe(before);
  });

  it('is for the system administrator only', async () => {
    expect((await upload('ics', Buffer.from(ICS_2027), 'jc3.staff')).statusCode).toBe(403);
  });

  it('after an ICS import of 2027 the flag is gone and the deadline skips 元旦', async () => {
    const audits = await auditCount(t.db, 'calendar.imported');
    const res = await upload('ics', Buffer.from(ICS_2027));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ years: [2027], days: 12 });
    expect(await add()).toEqual({ day: '2027-01-11', calendarUnconfirmed: false });
    expect(await auditCount(t.db, 'calendar.imported')).toBe(audits + 1);
    const year = (await t.request({ method: 'GET', url: '/api/v1/calendar?year=2027', as: 'sysadmin' })).json();
    expect(year.days.find((d: { day: string }) => d.day === '2027-02-14')).toMatchObject({ kind: 'MAKEUP_WORKDAY', nameZh: '春节' });
    expect(year.maintenanceWarning).toBeNull();
  });

  it('an Excel import replaces the year: a holiday on 2027-01-04 moves the deadline again', async () => {
    const file = await xlsx([
      ['2027-01-01', '节假日', '元旦'],
      ['2027-01-04', '节假日', '元旦'],
      ['2027-02-14', '调休上班日', '春节'],
    ]);
    const res = await upload('xlsx', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ years: [2027], days: 3 });
    expect(await add()).toEqual({ day: '2027-01-12', calendarUnconfirmed: false });
    const year = (await t.request({ method: 'GET', url: '/api/v1/calendar?year=2027', as: 'jc3.staff' })).json();
    expect(year.days.map((d: { day: string }) => d.day)).toEqual(['2027-01-01', '2027-01-04', '2027-02-14']);
  });
});

describe('maintenance warning job', () => {
  const notices = async () =>
    t.db
      .selectFrom('inbox_message as m')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .select(['u.username', 'm.dedupe_key'])
      .where('m.kind', '=', 'CALENDAR_UNMAINTAINED')
      .orderBy('u.username')
      .execute();

  it('is silent before 1 November of the last maintained year, then notifies SYS/SEC admins once a day', async () => {
    // The imports above made 2027 the last maintained year.
    expect(await runCalendarWarning(t.db, '2027-10-31')).toBe(0);
    expect(await notices()).toEqual([]);
    const first = await runCalendarWarning(t.db, '2027-11-01');
    expect(first).toBeGreaterThanOrEqual(2);
    const got = await notices();
    expect(got.map((n) => n.username)).toEqual(expect.arrayContaining(['secadmin', 'sysadmin']));
    expect(got.map((n) => n.username)).not.toContain('auditadmin');
    expect(got.map((n) => n.username)).not.toContain('jc3.staff');
    expect(await runCalendarWarning(t.db, '2027-11-01')).toBe(0); // rerun the same day: nothing twice
    expect(await runCalendarWarning(t.db, '2027-11-02')).toBe(first); // next day: again
  });
});
