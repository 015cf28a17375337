import { buildWorkCalendar, workingDaysBetween } from '@liandong/domain/calendar/calendar';
import { CN_CALENDAR_SEED } from '@liandong/domain/calendar/seed-cn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../../../test/fixtures';
import { loadWorkCalendar } from '../../platform/calendar';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (url: string, as = 'jc3.staff') => t.request({ method: 'GET', url, as });
const put = (day: string, payload: Record<string, unknown>, as = 'sysadmin') => t.request({ method: 'PUT', url: `/api/v1/calendar/days/${day}`, as, payload });

describe('reading the calendar', () => {
  it('shows the seeded State Council arrangements and the year’s working days to any signed-in user', async () => {
    const res = await get('/api/v1/calendar?year=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.abilities.edit).toBe(false);
    expect(body.days.find((d: { day: string }) => d.day === '2026-02-14')).toMatchObject({ kind: 'MAKEUP_WORKDAY', nameZh: '春节', version: 1 });
    const seed = buildWorkCalendar(CN_CALENDAR_SEED.filter((d) => d.day.startsWith('2026')));
    expect(body.workingDays).toBe(workingDaysBetween(seed, '2025-12-31', '2026-12-31'));
    expect(body.workingDays).toBeGreaterThan(240);
    expect((await get('/api/v1/calendar?year=2026', 'sysadmin')).json().abilities.edit).toBe(true);
  });

  it('counts and adds working days across holidays and 调休 make-up Saturdays', async () => {
    expect((await get('/api/v1/calendar/add?from=2026-02-13&days=1')).json().day).toBe('2026-02-14');
    expect((await get('/api/v1/calendar/add?from=2026-02-13&days=2')).json().day).toBe('2026-02-24');
    expect((await get('/api/v1/calendar/working-days?from=2026-09-30&to=2026-10-09')).json().count).toBe(2);
    expect((await get('/api/v1/calendar/working-days?from=2026-09-30&to=2026-10-10')).json().count).toBe(3);
    expect((await get('/api/v1/calendar/working-days?from=2026-10-10&to=2026-09-30')).json().count).toBe(-3);
  });

  it('refuses impossible dates and years outside the supported range with 400', async () => {
    for (const url of [
      '/api/v1/calendar/add?from=2026-02-30&days=1',
      '/api/v1/calendar/add?from=0050-01-01&days=1',
      '/api/v1/calendar/add?from=2026-01-01&days=-1',
      '/api/v1/calendar?year=99999',
    ]) {
      const res = await get(url);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(/输入有误/);
    }
  });
});

describe('editing the calendar (system administrator)', () => {
  it('adds a holiday on a weekday; deadlines move at once; clearing restores them', async () => {
    expect((await get('/api/v1/calendar/add?from=2026-03-06&days=1')).json().day).toBe('2026-03-09');
    const events = await auditCount(t.db, 'calendar.day_set');
    const res = await put('2026-03-09', { kind: 'HOLIDAY', nameZh: '临时休假' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ day: '2026-03-09', kind: 'HOLIDAY', nameZh: '临时休假', version: 1 });
    expect(await auditCount(t.db, 'calendar.day_set')).toBe(events + 1);
    expect((await get('/api/v1/calendar/add?from=2026-03-06&days=1')).json().day).toBe('2026-03-10');
    const renamed = await put('2026-03-09', { kind: 'HOLIDAY', nameZh: '调整', version: 1 });
    expect(renamed.json().version).toBe(2);
    expect((await put('2026-03-09', { kind: 'HOLIDAY', nameZh: '过期', version: 1 })).statusCode).toBe(409);
    expect((await t.request({ method: 'DELETE', url: '/api/v1/calendar/days/2026-03-09', as: 'sysadmin' })).statusCode).toBe(200);
    expect((await get('/api/v1/calendar/add?from=2026-03-06&days=1')).json().day).toBe('2026-03-09');
    const again = await t.request({ method: 'DELETE', url: '/api/v1/calendar/days/2026-03-09', as: 'sysadmin' });
    expect(again.statusCode).toBe(404);
  });

  it('allows a make-up workday only on a Saturday or Sunday', async () => {
    const weekday = await put('2026-03-11', { kind: 'MAKEUP_WORKDAY', nameZh: '调休' });
    expect(weekday.statusCode).toBe(422);
    expect(weekday.json().message).toContain('不是周六或周日');
    const saturday = await put('2026-03-14', { kind: 'MAKEUP_WORKDAY', nameZh: '调休' });
    expect(saturday.statusCode).toBe(200);
    const cal = await loadWorkCalendar(t.db, (await t.db.selectFrom('commission').select('id').executeTakeFirstOrThrow()).id);
    expect(cal.isWorkingDay('2026-03-14')).toBe(true);
    expect(cal.addWorkingDays('2026-03-13', 1)).toBe('2026-03-14');
    expect(cal.workingDaysBetween('2026-03-13', '2026-03-16')).toBe(2);
  });

  it('is refused to everyone but the system administrator', async () => {
    expect((await put('2026-03-12', { kind: 'HOLIDAY', nameZh: '假' }, 'jc3.director')).statusCode).toBe(403);
    expect((await put('2026-03-12', { kind: 'HOLIDAY', nameZh: '假' }, 'secadmin')).statusCode).toBe(403);
    expect((await t.request({ method: 'DELETE', url: '/api/v1/calendar/days/2026-02-14', as: 'sj.secretary' })).statusCode).toBe(403);
  });
});
