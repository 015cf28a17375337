import { z } from 'zod';
import { text } from '../platform/common';
import { CalendarDayKindSchema } from './calendar';

/**
 * HTTP contracts of the working-day calendar (工作日历). The pure counting rules are in calendar.ts;
 * the server keeps one editable calendar per commission, seeded with the State Council arrangements.
 */

/** Years the calendar accepts: wide enough for any deadline, narrow enough that counting stays cheap. */
export const CALENDAR_MIN_YEAR = 1950;
export const CALENDAR_MAX_YEAR = 2199;

/** A day 'YYYY-MM-DD' within the supported years. */
export const CalendarDateSchema = z.iso.date('日期格式须为 YYYY-MM-DD').refine((d) => {
  const y = Number(d.slice(0, 4));
  return y >= CALENDAR_MIN_YEAR && y <= CALENDAR_MAX_YEAR;
}, `年份须在${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}之间`);

export const CalendarYearSchema = z.coerce
  .number('年份须为整数')
  .int('年份须为整数')
  .min(CALENDAR_MIN_YEAR, `年份不早于${CALENDAR_MIN_YEAR}`)
  .max(CALENDAR_MAX_YEAR, `年份不晚于${CALENDAR_MAX_YEAR}`);

/** One stored exception day. */
export const CalendarEntrySchema = z.object({
  day: z.string(),
  kind: CalendarDayKindSchema,
  nameZh: z.string(),
  version: z.number(),
});
export type CalendarEntry = z.infer<typeof CalendarEntrySchema>;

/** GET /api/v1/calendar?year= */
export const CalendarYearResultSchema = z.object({
  year: z.number(),
  days: z.array(CalendarEntrySchema),
  /** Working days in the year (weekdays minus holidays plus make-up workdays). */
  workingDays: z.number(),
  /** The last year with a maintained holiday arrangement (null: none); later deadlines count weekends only. */
  lastMaintainedYear: z.number().nullable(),
  /** Banner for the administrator from 1 November of the last maintained year (null: nothing to do). */
  maintenanceWarning: z.string().nullable(),
  abilities: z.object({ edit: z.boolean() }),
});

/** POST /api/v1/calendar/import?format= — replaces each year the file covers (all or nothing). */
export const CalendarImportQuerySchema = z.object({ format: z.enum(['ics', 'xlsx'], '格式须为 ics 或 xlsx') });
export const CalendarImportResultSchema = z.object({ years: z.array(z.number()), days: z.number() });

/** GET /api/v1/calendar/add result: the expiry day, flagged when it lies past the maintained years. */
export const AddWorkingDaysResultSchema = z.object({
  day: z.string(),
  /** True: the count ran into a year without a holiday arrangement (节假日安排未维护，按常规周末计算). */
  calendarUnconfirmed: z.boolean(),
});

/** PUT /api/v1/calendar/days/:day */
export const SetCalendarDayBodySchema = z.object({
  kind: CalendarDayKindSchema,
  nameZh: text(40, 1),
  /** Version read, when changing an existing entry. */
  version: z.number().int().min(1).max(2_147_483_647).optional(),
});

export const CalendarDayParamsSchema = z.object({ day: CalendarDateSchema });

/** GET /api/v1/calendar/working-days?from=&to= — working days in (from, to]. */
export const WorkingDaysQuerySchema = z.object({ from: CalendarDateSchema, to: CalendarDateSchema });

/** GET /api/v1/calendar/add?from=&days= — the day a limit of `days` 工作日 from `from` expires. */
export const AddWorkingDaysQuerySchema = z.object({
  from: CalendarDateSchema,
  days: z.coerce.number('天数须为整数').int('天数须为整数').min(0, '天数不能为负').max(3650, '天数不超过3650'),
});
