import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  buildWorkCalendar,
  CALENDAR_DAY_KIND_LABELS,
  CalendarDaySchema,
  calendarDaysBetween,
  calendarException,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
} from './calendar';
import { CN_CALENDAR_SEED, CN_CALENDAR_SEED_YEARS } from './seed-cn';

const cal = buildWorkCalendar(CN_CALENDAR_SEED);
const weekendsOnly = buildWorkCalendar([]);

describe('isWorkingDay', () => {
  it.each([
    ['2026-03-04', true, 'plain Wednesday'],
    ['2026-03-07', false, 'plain Saturday'],
    ['2026-03-08', false, 'plain Sunday'],
    ['2026-01-01', false, '元旦 on a Thursday'],
    ['2026-01-04', true, '元旦 调休 Sunday'],
    ['2026-02-14', true, '春节 调休 Saturday'],
    ['2026-02-16', false, '春节 Monday'],
    ['2026-02-23', false, 'last day of 春节 (Monday)'],
    ['2026-02-24', true, 'first working day after 春节'],
    ['2026-02-28', true, '春节 调休 Saturday after the break'],
    ['2026-09-20', true, '国庆 调休 Sunday'],
    ['2026-09-25', false, '中秋 Friday'],
    ['2026-10-07', false, '国庆 Wednesday'],
    ['2026-10-10', true, '国庆 调休 Saturday'],
    ['2026-10-11', false, 'Sunday after 国庆'],
    ['2025-10-06', false, '国庆节、中秋节 Monday (2025)'],
    ['2025-10-11', true, '2025 国庆 调休 Saturday'],
  ])('%s is working: %s (%s)', (day, expected) => {
    expect(isWorkingDay(cal, day)).toBe(expected);
  });

  it('without exceptions only weekends are rest days', () => {
    expect(isWorkingDay(weekendsOnly, '2026-10-01')).toBe(true);
    expect(isWorkingDay(weekendsOnly, '2026-10-10')).toBe(false);
  });
});

describe('addWorkingDays (the event day is not counted; the limit ends with the n-th working day)', () => {
  it.each([
    // 国庆 2026: 10-01…10-07 off, 10-10 (Sat) worked
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 2, '2026-10-09'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 4, '2026-10-12'],
    ['2026-09-30', 5, '2026-10-13'],
    ['2026-09-19', 1, '2026-09-20'],
    ['2026-09-24', 1, '2026-09-28'],
    // 春节 2026: 02-14 (Sat) worked, 02-15…02-23 off, 02-28 (Sat) worked
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-02-13', 6, '2026-02-28'],
    ['2026-02-13', 7, '2026-03-02'],
    ['2026-02-16', 1, '2026-02-24'],
    // 元旦 across the year end: 01-01…01-03 off, 01-04 (Sun) worked
    ['2025-12-31', 1, '2026-01-04'],
    ['2025-12-31', 2, '2026-01-05'],
    // 国庆节、中秋节 2025: 10-01…10-08 off, 10-11 (Sat) worked
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-30', 3, '2025-10-11'],
    ['2025-09-30', 4, '2025-10-13'],
    ['2025-09-27', 1, '2025-09-28'],
    // plain weeks
    ['2025-03-07', 1, '2025-03-10'],
    ['2025-03-07', 5, '2025-03-14'],
    ['2025-03-08', 1, '2025-03-10'],
    ['2025-03-03', 15, '2025-03-24'],
    // 2026-05-09 (Sat) is worked after 劳动节
    ['2026-05-08', 1, '2026-05-09'],
    ['2026-04-30', 1, '2026-05-06'],
  ])('%s + %i working days = %s', (day, n, expected) => {
    expect(addWorkingDays(cal, day, n)).toBe(expected);
  });

  it.each([
    ['2026-10-01', '2026-10-08', 'holiday rolls forward'],
    ['2026-10-10', '2026-10-10', 'make-up Saturday is itself working'],
    ['2026-10-11', '2026-10-12', 'Sunday rolls to Monday'],
    ['2026-03-04', '2026-03-04', 'working day stays'],
  ])('n = 0 from %s gives %s (%s)', (day, expected) => {
    expect(addWorkingDays(cal, day, 0)).toBe(expected);
  });

  it('ignores holidays in a calendar without exceptions', () => {
    expect(addWorkingDays(weekendsOnly, '2026-09-30', 1)).toBe('2026-10-01');
  });

  it.each([-1, 1.5, Number.NaN])('rejects n = %s', (n) => {
    expect(() => addWorkingDays(cal, '2026-01-05', n)).toThrow(RangeError);
  });
});

describe('workingDaysBetween counts working days in (from, to]', () => {
  it.each([
    ['2026-09-30', '2026-10-13', 5],
    ['2026-10-13', '2026-09-30', -5],
    ['2026-10-01', '2026-10-07', 0],
    ['2026-10-07', '2026-10-01', 0],
    ['2026-10-08', '2026-10-08', 0],
    ['2026-02-13', '2026-03-02', 7],
    ['2026-03-02', '2026-02-13', -7],
    ['2025-12-31', '2026-01-05', 2],
    ['2025-03-07', '2025-03-10', 1],
    ['2025-03-08', '2025-03-09', 0],
    ['2025-03-09', '2025-03-08', 0],
    ['2025-03-10', '2025-03-07', -1],
    ['2024-12-31', '2025-12-31', 248],
    ['2025-12-31', '2026-12-31', 248],
  ])('(%s, %s] has %i working days', (from, to, expected) => {
    expect(workingDaysBetween(cal, from, to)).toBe(expected);
  });

  it('is the inverse of addWorkingDays and antisymmetric', () => {
    const day = fc.integer({ min: 0, max: 729 }).map((n) => addCalendarDays('2025-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), (from, n) => {
        const due = addWorkingDays(cal, from, n);
        expect(isWorkingDay(cal, due)).toBe(true);
        expect(workingDaysBetween(cal, from, due)).toBe(n);
        expect(workingDaysBetween(cal, due, from)).toBe(-n);
        // the day before the deadline has one working day less
        expect(workingDaysBetween(cal, from, addCalendarDays(due, -1))).toBe(n - 1);
      }),
    );
  });
});

describe('calendarDaysBetween counts natural days', () => {
  it.each([
    ['2026-02-27', '2026-03-02', 3],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-12-31', '2027-01-01', 1],
    ['2026-05-10', '2026-05-10', 0],
    ['2026-05-10', '2026-05-03', -7],
  ])('from %s to %s: %i', (from, to, n) => {
    expect(calendarDaysBetween(from, to)).toBe(n);
  });

  it('is the inverse of addCalendarDays', () => {
    fc.assert(fc.property(fc.integer({ min: -4000, max: 4000 }), (n) => calendarDaysBetween('2026-01-15', addCalendarDays('2026-01-15', n)) === n));
  });
});

describe('nextWorkingDay and helpers', () => {
  it.each([
    ['2026-09-30', '2026-10-08'],
    ['2026-10-09', '2026-10-10'],
    ['2026-10-10', '2026-10-12'],
    ['2026-02-13', '2026-02-14'],
    ['2026-02-14', '2026-02-24'],
    ['2025-12-31', '2026-01-04'],
  ])('after %s comes %s', (day, expected) => {
    expect(nextWorkingDay(cal, day)).toBe(expected);
  });

  it('adds calendar days across month and year ends, both ways', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('finds the exception entry of a day', () => {
    expect(calendarException(cal, '2026-10-10')).toEqual({
      day: '2026-10-10',
      kind: 'MAKEUP_WORKDAY',
      nameZh: '国庆节',
    });
    expect(calendarException(cal, '2026-03-04')).toBeUndefined();
  });

  it.each(['2025-02-30', '2025-2-3', '20250203', '', '2025-13-01', '0099-01-01'])('rejects the day "%s"', (day) => {
    expect(() => isWorkingDay(cal, day)).toThrow(RangeError);
  });

  it('rejects a day listed as both holiday and make-up workday', () => {
    expect(() =>
      buildWorkCalendar([
        { day: '2026-10-10', kind: 'MAKEUP_WORKDAY', nameZh: '国庆节' },
        { day: '2026-10-10', kind: 'HOLIDAY', nameZh: '国庆节' },
      ]),
    ).toThrow(RangeError);
  });

  it('labels both kinds in Chinese', () => {
    expect(CALENDAR_DAY_KIND_LABELS.HOLIDAY.zh).toBe('法定节假日');
    expect(CALENDAR_DAY_KIND_LABELS.MAKEUP_WORKDAY.zh).toBe('调休上班日');
  });
});

describe('CN_CALENDAR_SEED (国务院办公厅 节假日安排 2025–2026)', () => {
  const makeups = CN_CALENDAR_SEED.filter((d) => d.kind === 'MAKEUP_WORKDAY').map((d) => d.day);

  it('covers 2025 and 2026', () => {
    expect(CN_CALENDAR_SEED_YEARS).toEqual([2025, 2026]);
  });

  it('contains exactly the published 调休 make-up workdays', () => {
    expect(makeups).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('has valid, sorted, unique entries; make-up days fall on weekends', () => {
    for (const d of CN_CALENDAR_SEED) expect(CalendarDaySchema.parse(d)).toEqual(d);
    const days = CN_CALENDAR_SEED.map((d) => d.day);
    expect([...days].sort()).toEqual(days);
    expect(new Set(days).size).toBe(days.length);
    for (const day of makeups) expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
  });

  it.each([
    ['2025', '元旦', 1],
    ['2025', '春节', 8],
    ['2025', '国庆节、中秋节', 8],
    ['2026', '春节', 9],
    ['2026', '中秋节', 3],
    ['2026', '国庆节', 7],
  ])('%s %s break lasts %i days', (year, name, length) => {
    const days = CN_CALENDAR_SEED.filter((d) => d.kind === 'HOLIDAY' && d.day.startsWith(year) && d.nameZh === name);
    expect(days).toHaveLength(length);
  });
});
