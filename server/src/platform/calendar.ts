import {
  addWorkingDays,
  buildWorkCalendar,
  type CalendarDay,
  type IsoDay,
  isBeyondCalendar,
  isWorkingDay,
  type WorkCalendar,
  workingDaysBetween,
} from '@liandong/domain/calendar/calendar';
import type { Db } from '../db/pool';
import { dateInZone } from './zone';

/**
 * The working-day calendar of one commission (工作日历), for deadlines counted in 工作日. Built from the
 * stored exception days with the pure rules of domain/calendar; cached for a minute per commission and
 * dropped at once when an administrator edits a day (`invalidateWorkCalendar`).
 */
export interface CommissionCalendar {
  readonly calendar: WorkCalendar;
  /** The day a limit of `n` 工作日 counted from `day` expires (the day itself not counted). */
  addWorkingDays(day: IsoDay, n: number): IsoDay;
  /** Working days in (from, to]. */
  workingDaysBetween(from: IsoDay, to: IsoDay): number;
  isWorkingDay(day: IsoDay): boolean;
  /** The last year with a maintained holiday arrangement (null: none). */
  readonly lastMaintainedYear: number | null;
  /** True when a deadline on `day` lies past the maintained years (counted on plain weekends only). */
  beyond(day: IsoDay): boolean;
}

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; value: Promise<CommissionCalendar> }>();

async function build(db: Db, commissionId: string): Promise<CommissionCalendar> {
  const rows = await db.selectFrom('calendar_day').select(['day', 'kind', 'name_zh']).where('commission_id', '=', commissionId).execute();
  const calendar = buildWorkCalendar(rows.map((r): CalendarDay => ({ day: r.day, kind: r.kind as CalendarDay['kind'], nameZh: r.name_zh })));
  return {
    calendar,
    addWorkingDays: (day, n) => addWorkingDays(calendar, day, n),
    workingDaysBetween: (from, to) => workingDaysBetween(calendar, from, to),
    isWorkingDay: (day) => isWorkingDay(calendar, day),
    lastMaintainedYear: calendar.lastMaintainedYear,
    beyond: (day) => isBeyondCalendar(calendar, day),
  };
}

/** The commission's calendar (cached briefly; concurrent callers share one load). */
export function loadWorkCalendar(db: Db, commissionId: string): Promise<CommissionCalendar> {
  const hit = cache.get(commissionId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = build(db, commissionId);
  cache.set(commissionId, { at: Date.now(), value });
  value.catch(() => cache.delete(commissionId));
  return value;
}

/** Drops the cached calendar of a commission (after an edit), or all of them. */
export function invalidateWorkCalendar(commissionId?: string): void {
  if (commissionId) cache.delete(commissionId);
  else cache.clear();
}

/** Today's date in the commission's zone (its civil day, the same as SQL `current_date`), YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return dateInZone(now);
}
