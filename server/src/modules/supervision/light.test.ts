/** 督办灯 on the 2026 calendar: working days across holidays and 调休, today passed in (no clock mocking). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { lightDates, lightOf, lightSql } from './light';
import { sql } from 'kysely';
import type { ItemState } from '@liandong/domain/supervision/machine';

let t: TestApp;
let commissionId: string;
beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await t.db.selectFrom('commission').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('threshold = today + 3 working days (reminder.daysBefore)', () => {
  const table: [today: string, threshold: string, why: string][] = [
    ['2026-09-30', '2026-10-10', '国庆 1–7 off; 10-08, 10-09 work, 10-10 is a 调休 Saturday'],
    ['2026-09-18', '2026-09-22', '9-19 Saturday off, 9-20 Sunday is a 调休 working day'],
    ['2026-02-12', '2026-02-24', '2-14 调休 Saturday works; 春节 15–23 off'],
    ['2026-06-17', '2026-06-23', '端午 19–21 off'],
    ['2026-03-02', '2026-03-05', 'ordinary week'],
  ];
  for (const [today, threshold, why] of table) {
    it(`${today} → ${threshold} (${why})`, async () => {
      expect((await lightDates(t.db, commissionId, today)).threshold).toBe(threshold);
    });
  }
});

describe('lights in TypeScript and SQL agree', () => {
  const cases: [state: ItemState, due: string | null, light: string][] = [
    ['IN_PROGRESS', '2026-09-29', 'RED'],
    ['IN_PROGRESS', '2026-09-30', 'YELLOW'], // due today
    ['IN_PROGRESS', '2026-10-07', 'YELLOW'], // within the holiday, before the threshold
    ['IN_PROGRESS', '2026-10-10', 'YELLOW'], // the 调休 Saturday is the third working day
    ['IN_PROGRESS', '2026-10-11', 'GREEN'],
    ['APPROVED', '2026-10-08', 'YELLOW'],
    ['ADJUSTED', '2026-09-01', 'RED'],
    ['DRAFT', '2026-09-01', 'NONE'],
    ['CONSULTED', '2026-09-01', 'NONE'],
    ['IN_PROGRESS', null, 'NONE'],
    ['COMPLETED', '2026-09-01', 'DONE'],
    ['CLOSED', null, 'DONE'],
    ['CANCELLED', '2026-09-01', 'DONE'],
  ];
  for (const [state, due, light] of cases) {
    it(`${state} due ${due ?? '—'} on 2026-09-30 → ${light}`, async () => {
      const d = await lightDates(t.db, commissionId, '2026-09-30');
      expect(lightOf(state, due, d)).toBe(light);
      const { rows } = await sql<{ light: string }>`SELECT ${lightSql('x.state', 'x.due', d)} AS light
        FROM (SELECT ${state}::text AS state, ${due}::date AS due) x`.execute(t.db);
      expect(rows[0]!.light).toBe(light);
    });
  }
});
