import { CN_CALENDAR_SEED_YEARS } from '@liandong/domain/calendar/seed-cn';
import { describe, expect, it } from 'vitest';
import { packageYears } from './gen-calendar-seed';

describe('calendar seed generator', () => {
  it('takes every year the chinese-days package publishes (a new 2027.json is picked up), none before 2025', () => {
    expect(packageYears(['2024.json', '2025.json', '2026.json', '2026.ics', '2027.en.ics', '2027.json', 'index.json'])).toEqual([2025, 2026, 2027]);
  });

  it('the committed seed covers exactly the years of the installed package', () => {
    expect([...CN_CALENDAR_SEED_YEARS]).toEqual(packageYears());
  });
});
