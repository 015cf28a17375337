import type { Light } from '@liandong/domain/supervision/enums';
import { DONE_STATES, type ItemState } from '@liandong/domain/supervision/machine';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool';
import { loadWorkCalendar, todayIso } from '../../platform/calendar';
import { getSettings } from '../../platform/settings';

/*
 * 督办灯 (deadline lights). One definition, in SQL for queries (filters, counts, the matrix) and in
 * TypeScript for single objects and tests; both take `today` and the yellow `threshold` as inputs so
 * a test (or the reminder job) can evaluate any day without touching the clock.
 *
 * DONE when the item is finished; NONE when it has no due date or is not yet approved (the deadline
 * does not run); RED when the due date has passed; YELLOW when it falls within the reminder window of
 * N working days (setting `reminder.daysBefore`, counted on the commission's 工作日历 with 调休); GREEN otherwise.
 */

export interface LightDates {
  /** The day lights are evaluated for. */
  today: string;
  /** Last day of the yellow window: today + N working days. */
  threshold: string;
}

/** Today and the yellow threshold of a commission (calendar and settings are cached). */
export async function lightDates(db: Db, commissionId: string, today: string = todayIso()): Promise<LightDates> {
  const [calendar, settings] = await Promise.all([loadWorkCalendar(db, commissionId), getSettings(db, commissionId)]);
  return { today, threshold: calendar.addWorkingDays(today, settings['reminder.daysBefore']) };
}

const NOT_RUNNING: readonly ItemState[] = ['DRAFT', 'CONSULTED'];

/** The light of one item (TypeScript twin of `lightSql`). */
export function lightOf(state: ItemState, dueDate: string | null, d: LightDates): Light {
  if (DONE_STATES.includes(state)) return 'DONE';
  if (!dueDate || NOT_RUNNING.includes(state)) return 'NONE';
  if (dueDate < d.today) return 'RED';
  if (dueDate <= d.threshold) return 'YELLOW';
  return 'GREEN';
}

/** SQL expression of the light for the given state and due-date columns. */
export function lightSql(stateCol: string, dueCol: string, d: LightDates): RawBuilder<Light> {
  const state = sql.ref(stateCol);
  const due = sql.ref(dueCol);
  return sql<Light>`(CASE
    WHEN ${state} = ANY(${[...DONE_STATES]}::text[]) THEN 'DONE'
    WHEN ${due} IS NULL OR ${state} = ANY(${[...NOT_RUNNING]}::text[]) THEN 'NONE'
    WHEN ${due} < ${d.today}::date THEN 'RED'
    WHEN ${due} <= ${d.threshold}::date THEN 'YELLOW'
    ELSE 'GREEN' END)`;
}

/** SQL predicate: the item has the given light (index-friendly on due_date for RED/YELLOW/GREEN). */
export function lightIs(stateCol: string, dueCol: string, light: Light, d: LightDates): RawBuilder<boolean> {
  const state = sql.ref(stateCol);
  const due = sql.ref(dueCol);
  const running = sql`${state} <> ALL(${[...DONE_STATES, ...NOT_RUNNING]}::text[]) AND ${due} IS NOT NULL`;
  switch (light) {
    case 'DONE':
      return sql<boolean>`${state} = ANY(${[...DONE_STATES]}::text[])`;
    case 'NONE':
      return sql<boolean>`(${state} = ANY(${[...NOT_RUNNING]}::text[]) OR (${due} IS NULL AND ${state} <> ALL(${[...DONE_STATES]}::text[])))`;
    case 'RED':
      return sql<boolean>`(${running} AND ${due} < ${d.today}::date)`;
    case 'YELLOW':
      return sql<boolean>`(${running} AND ${due} >= ${d.today}::date AND ${due} <= ${d.threshold}::date)`;
    case 'GREEN':
      return sql<boolean>`(${running} AND ${due} > ${d.threshold}::date)`;
  }
}
