/**
 * "Today" in one zone (issue 9): at 2026-12-31T23:30:00Z it is already 2027-01-01 07:30 in Beijing. The
 * JS day and year, SQL `current_date` on every pool connection, and the year of a case number must all say
 * 2027-01-01 / 2027 — a server running in UTC used to number a clue or case received then 〔2026〕 and
 * start its deadlines a day early. Deterministic at any real time of day: JS runs on a fake clock and the
 * SQL checks convert fixed instants, not the wall clock.
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertBareClue, serviceCtx } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/app';
import { createDb, withSessionTimeZone } from '../db/pool';
import { openProposedCase } from '../modules/cases';
import { todayIso } from './calendar';
import { getOrgScope } from './scope-cache';
import { inTx } from './context';
import { COMMISSION_TIME_ZONE, currentYear, dateInZone, resolveTimeZone } from './zone';

/** 2027-01-01 07:30 in Beijing, still 2026-12-31 in UTC. */
const NEW_YEAR_MORNING = new Date('2026-12-31T23:30:00Z');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

describe('the commission zone in JS', () => {
  it('todayIso and currentYear give the Beijing day and year at 07:30 on New Year morning, not UTC', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NEW_YEAR_MORNING);
    expect(COMMISSION_TIME_ZONE).toBe('Asia/Shanghai');
    expect(todayIso()).toBe('2027-01-01');
    expect(currentYear()).toBe(2027);
    expect(dateInZone(new Date('2027-01-01T15:59:59Z'))).toBe('2027-01-01');
    expect(dateInZone(new Date('2027-01-01T16:00:00Z'))).toBe('2027-01-02');
  });

  it('a deployment zone is validated at start: a typo is refused, not silently UTC', () => {
    expect(resolveTimeZone(undefined)).toBe('Asia/Shanghai');
    expect(resolveTimeZone(' Asia/Urumqi ')).toBe('Asia/Urumqi');
    expect(() => resolveTimeZone('Asia/Shanghia')).toThrow(/COMMISSION_TIMEZONE「Asia\/Shanghia」不是有效的时区名称/);
    expect(() => resolveTimeZone("UTC' -c search_path=evil")).toThrow(/不是有效的时区名称/);
  });
});

describe('the scope cache day', () => {
  it('a scope cached before Beijing midnight is recomputed after it, and kept across UTC midnight', async () => {
    const u = await t.db.selectFrom('app_user').select(['id', 'commission_id']).where('username', '=', 'sc8.staff').executeTakeFirstOrThrow();
    const epoch = -7_000_001; // an epoch of this test alone: no other test's entry is hit
    const at = async (iso: string) => {
      vi.setSystemTime(new Date(iso));
      return getOrgScope(t.db, u.id, u.commission_id, epoch);
    };
    vi.useFakeTimers({ toFake: ['Date'] });
    // 23:59 on 31 December in Beijing, then 00:01 on 1 January: task-force memberships may have ended.
    const eve = await at('2026-12-31T15:59:00Z');
    const newYear = await at('2026-12-31T16:01:00Z');
    expect(newYear).not.toBe(eve);
    expect(newYear).toEqual(eve);
    // 07:30 and 08:30 on 1 January in Beijing: the same day, though UTC passed midnight in between.
    const morning = await at('2026-12-31T23:30:00Z');
    expect(morning).toBe(newYear);
    expect(await at('2027-01-01T00:30:00Z')).toBe(newYear);
  });
});

describe('the commission zone on every pool connection', () => {
  it('SQL current_date, ::date and extract(year) follow Beijing time on the app pool', async () => {
    const { rows } = await sql<{ zone: string; day: string; year: number; today_ok: boolean }>`
      SELECT current_setting('TimeZone') AS zone,
        (${NEW_YEAR_MORNING.toISOString()}::timestamptz)::date::text AS day,
        extract(year FROM ${NEW_YEAR_MORNING.toISOString()}::timestamptz)::int AS year,
        current_date = (now() AT TIME ZONE 'Asia/Shanghai')::date AS today_ok`.execute(t.db);
    expect(rows[0]).toEqual({ zone: 'Asia/Shanghai', day: '2027-01-01', year: 2027, today_ok: true });
  });

  it("keeps the URL's own startup options and the pool's time limits besides the zone", async () => {
    const url = new URL(t.appDatabaseUrl);
    url.searchParams.set('options', '-c work_mem=7MB');
    expect(withSessionTimeZone(url.toString()).options).toBe('-c work_mem=7MB -c TimeZone=Asia/Shanghai');
    const handle = createDb(url.toString(), 1);
    try {
      const { rows } = await sql<{ zone: string; work_mem: string; st: string; lt: string }>`
        SELECT current_setting('TimeZone') AS zone, current_setting('work_mem') AS work_mem,
          current_setting('statement_timeout') AS st, current_setting('lock_timeout') AS lt`.execute(handle.db);
      expect(rows[0]).toEqual({ zone: 'Asia/Shanghai', work_mem: '7MB', st: '3s', lt: '2500ms' });
    } finally {
      await handle.close();
    }
  });
});

describe('numbering years', () => {
  it('a case proposed at 07:30 Beijing on 1 January is numbered 〔2027〕, not 〔2026〕', async () => {
    const ctx = await serviceCtx(t.db, 'sj.secretary', ['SECRETARY']);
    const clueId = await insertBareClue(t.db, { received_on: '2026-12-30', title: '反映某局干部年末违规发放福利问题', propose_due: '2027-01-30' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NEW_YEAR_MORNING);
    const caseId = await t.db.transaction().execute((trx) => openProposedCase(inTx(ctx, trx), clueId));
    vi.useRealTimers();
    const row = await t.db.selectFrom('case_file').select(['year', 'case_no']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.year).toBe(2027);
    expect(row.case_no).toMatch(/^兰纪案〔2027〕\d+号$/);
  });
});
