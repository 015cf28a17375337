import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/**
 * Working-day calendar (工作日历) for time limits counted in 工作日.
 *
 * Only exceptions are stored (same as the `calendar_day` table): a weekday is a working day unless it is
 * a HOLIDAY, a Saturday or Sunday is a rest day unless it is a MAKEUP_WORKDAY (调休上班).
 *
 * Dates are ISO calendar days 'YYYY-MM-DD' without time or zone. All arithmetic runs on UTC day
 * numbers, so the result never depends on the server's time zone or on daylight saving.
 *
 * Counting convention (applies to every function here): the day of the event is not counted; a limit of
 * n 工作日 expires at the end of the n-th working day after it. This is how 期间 are counted in Chinese
 * rules generally (民法典 art. 201: 开始的当日不计入 [R]) and how 工作日 limits in the 纪检监察 rules are
 * applied in practice [I].
 */

/** 日历例外日类别 — kind of an exception day. */
export const CALENDAR_DAY_KIND_LABELS = {
  /** 法定节假日: a day off during a State Council holiday break (weekend days of the break included). */
  HOLIDAY: { zh: '法定节假日', en: 'Public holiday' },
  /** 调休上班日: a Saturday or Sunday that is worked to make up for a holiday break. */
  MAKEUP_WORKDAY: { zh: '调休上班日', en: 'Make-up workday' },
} as const satisfies Labelled<string>;
export const CalendarDayKindSchema = z.enum(codesOf(CALENDAR_DAY_KIND_LABELS));
export type CalendarDayKind = z.infer<typeof CalendarDayKindSchema>;

/** A calendar day 'YYYY-MM-DD' (a real date: 2025-02-30 is rejected). */
export const IsoDaySchema = z.iso.date();
export type IsoDay = string;

/** One exception day of the working-day calendar. */
export const CalendarDaySchema = z.object({
  /** The day, 'YYYY-MM-DD'. */
  day: IsoDaySchema,
  /** Whether the day is off (节假日) or a make-up workday (调休上班日). */
  kind: CalendarDayKindSchema,
  /** Name shown to users, e.g. 春节, 国庆节、中秋节. */
  nameZh: z.string().trim().min(1).max(40),
});
export type CalendarDay = z.infer<typeof CalendarDaySchema>;

/** A working-day calendar: the exception days indexed by UTC day number. Build it with `buildWorkCalendar`. */
export interface WorkCalendar {
  readonly exceptions: ReadonlyMap<number, CalendarDay>;
  /**
   * The last year whose holiday arrangement is maintained (the latest year holding a HOLIDAY day: every
   * year's 国务院 notice has at least 元旦 and 春节), or null when no year is. Beyond it only plain
   * weekends count, so a deadline there is unconfirmed.
   */
  readonly lastMaintainedYear: number | null;
}

const MS_PER_DAY = 86_400_000;
const ISO_DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO day; throws RangeError for anything that is not a real 'YYYY-MM-DD'. */
function toDayNumber(day: IsoDay): number {
  const m = ISO_DAY_PATTERN.exec(day);
  if (!m) throw new RangeError(`not an ISO day (YYYY-MM-DD): ${day}`);
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, date);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== date) {
    throw new RangeError(`not a calendar day: ${day}`);
  }
  // Date.UTC maps years 0–99 to 1900–1999; the round-trip check above rejects them.
  return ms / MS_PER_DAY;
}

function fromDayNumber(n: number): IsoDay {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Saturday or Sunday (1970-01-01, day 0, was a Thursday). */
function isWeekendNumber(n: number): boolean {
  const weekday = (((n + 4) % 7) + 7) % 7; // 0 = Sunday … 6 = Saturday
  return weekday === 0 || weekday === 6;
}

function isWorkingNumber(cal: WorkCalendar, n: number): boolean {
  const exception = cal.exceptions.get(n);
  if (exception) return exception.kind === 'MAKEUP_WORKDAY';
  return !isWeekendNumber(n);
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`working-day count must be an integer ≥ 0: ${n}`);
}

/**
 * Builds a calendar from its exception days. A day listed twice must have the same kind (names may
 * differ, the first wins); conflicting kinds throw, because a day cannot be both off and worked.
 */
export function buildWorkCalendar(days: readonly CalendarDay[]): WorkCalendar {
  const exceptions = new Map<number, CalendarDay>();
  for (const d of days) {
    const n = toDayNumber(d.day);
    const existing = exceptions.get(n);
    if (existing && existing.kind !== d.kind) {
      throw new RangeError(`calendar day ${d.day} is listed both as ${existing.kind} and ${d.kind}`);
    }
    if (!existing) exceptions.set(n, d);
  }
  let lastMaintainedYear: number | null = null;
  for (const d of exceptions.values()) {
    const year = Number(d.day.slice(0, 4));
    if (d.kind === 'HOLIDAY' && (lastMaintainedYear === null || year > lastMaintainedYear)) lastMaintainedYear = year;
  }
  return { exceptions, lastMaintainedYear };
}

/**
 * Whether a deadline on `day` was counted through days the calendar has no holiday arrangement for
 * (its year is after the last maintained year): such a date is provisional and must be shown as such
 * ("节假日安排未维护，按常规周末计算") until the administrator enters that year.
 */
export function isBeyondCalendar(cal: WorkCalendar, day: IsoDay): boolean {
  const year = Number(day.slice(0, 4));
  return cal.lastMaintainedYear === null || year > cal.lastMaintainedYear;
}

/** The exception entry for a day (holiday name or make-up workday), if any. */
export function calendarException(cal: WorkCalendar, day: IsoDay): CalendarDay | undefined {
  return cal.exceptions.get(toDayNumber(day));
}

/** Whether `day` is a working day: weekday and not a HOLIDAY, or a weekend MAKEUP_WORKDAY (调休上班). */
export function isWorkingDay(cal: WorkCalendar, day: IsoDay): boolean {
  return isWorkingNumber(cal, toDayNumber(day));
}

/** Adds `n` natural days (自然日); n may be negative. For limits counted in calendar days, not 工作日. */
export function addCalendarDays(day: IsoDay, n: number): IsoDay {
  if (!Number.isSafeInteger(n)) throw new RangeError(`day count must be an integer: ${n}`);
  return fromDayNumber(toDayNumber(day) + n);
}

/** The natural days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: IsoDay, to: IsoDay): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Adds calendar months: a month limit ends on the same day of the following month, or on its last day
 * when that day does not exist (1-31 → 2-28/29).
 */
export function addMonths(day: IsoDay, months: number): IsoDay {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The first working day strictly after `day`. */
export function nextWorkingDay(cal: WorkCalendar, day: IsoDay): IsoDay {
  let n = toDayNumber(day) + 1;
  while (!isWorkingNumber(cal, n)) n += 1;
  return fromDayNumber(n);
}

/**
 * The day on which a limit of `n` 工作日 counted from `day` expires (at its end).
 *
 * - n ≥ 1: the n-th working day after `day`; `day` itself is never counted, even when it is a working
 *   day (an event on Friday with a 1-工作日 limit expires on Monday).
 * - n = 0: `day` itself if it is a working day, else the next working day ("当日办结"; a deadline that
 *   falls on a rest day moves to the next working day).
 *
 * Inverse of `workingDaysBetween`: for n ≥ 1, workingDaysBetween(cal, day, addWorkingDays(cal, day, n)) === n.
 */
export function addWorkingDays(cal: WorkCalendar, day: IsoDay, n: number): IsoDay {
  assertCount(n);
  let current = toDayNumber(day);
  if (n === 0) {
    while (!isWorkingNumber(cal, current)) current += 1;
    return fromDayNumber(current);
  }
  let remaining = n;
  while (remaining > 0) {
    current += 1;
    if (isWorkingNumber(cal, current)) remaining -= 1;
  }
  return fromDayNumber(current);
}

/**
 * Number of working days in the half-open range (from, to]: how many 工作日 of a limit counted from
 * `from` have been used up by the end of `to`. Negative when `to` is before `from`
 * (workingDaysBetween(cal, a, b) === -workingDaysBetween(cal, b, a)); 0 when they are equal.
 */
export function workingDaysBetween(cal: WorkCalendar, from: IsoDay, to: IsoDay): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let n = lo + 1; n <= hi; n += 1) {
    if (isWorkingNumber(cal, n)) count += 1;
  }
  return count === 0 ? 0 : sign * count;
}
