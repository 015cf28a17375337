/** Periods of a reporting cadence (汇报计划) and their names. */
import { describe, expect, it } from 'vitest';
import { addDays, periodLabel, periodsOf } from './periods';

describe('periodsOf', () => {
  it('a year, two halves or four quarters, ending on the last day of the month (leap years too)', () => {
    expect(periodsOf('YEARLY', 2026)).toEqual([{ start: '2026-01-01', end: '2026-12-31' }]);
    expect(periodsOf('HALF_YEARLY', 2026)).toEqual([
      { start: '2026-01-01', end: '2026-06-30' },
      { start: '2026-07-01', end: '2026-12-31' },
    ]);
    expect(periodsOf('QUARTERLY', 2028).map((p) => p.end)).toEqual(['2028-03-31', '2028-06-30', '2028-09-30', '2028-12-31']);
  });
  it('names periods as the calendar shows them and shifts days across months and years', () => {
    expect(periodLabel('YEARLY', '2026-01-01')).toBe('2026年度');
    expect(periodLabel('HALF_YEARLY', '2026-07-01')).toBe('2026年下半年');
    expect(periodLabel('QUARTERLY', '2026-07-01')).toBe('2026年第3季度');
    expect(addDays('2026-12-31', 15)).toBe('2027-01-15');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
