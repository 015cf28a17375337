import type { TaskState } from '@liandong/domain/reform/machine';
import type { Light } from '@liandong/domain/supervision/enums';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool';
import { loadWorkCalendar } from '../../platform/calendar';
import type { LightDates } from '../supervision';
import { todayIso } from '../../platform/calendar';

/*
 * 督办灯 of rectification tasks, in the style of supervision/light.ts: one definition in SQL (board,
 * filters, counts) and its TypeScript twin (one task). DONE once verified or closed (销号); RED when the
 * deadline has passed; YELLOW when it falls within 5 working days on the commission's 工作日历; GREEN
 * otherwise. A task always has a deadline, so there is no NONE.
 */

/** Yellow window of a task: deadline within this many working days. */
export const TASK_YELLOW_WORKING_DAYS = 5;
export const TASK_DONE_STATES: readonly TaskState[] = ['VERIFIED', 'CLOSED'];
/** States in which the deadline runs and the daily job may mark the task overdue (c.5 markOverdue). */
export const TASK_OPEN_STATES: readonly TaskState[] = ['ASSIGNED', 'PLAN_SUBMITTED', 'IN_PROGRESS', 'RETURNED'];

export type TaskLight = Exclude<Light, 'NONE'>;

export async function taskLightDates(db: Db, commissionId: string, today: string = todayIso()): Promise<LightDates> {
  const calendar = await loadWorkCalendar(db, commissionId);
  return { today, threshold: calendar.addWorkingDays(today, TASK_YELLOW_WORKING_DAYS) };
}

export function taskLightOf(state: TaskState, deadline: string, d: LightDates): TaskLight {
  if (TASK_DONE_STATES.includes(state)) return 'DONE';
  if (deadline < d.today) return 'RED';
  if (deadline <= d.threshold) return 'YELLOW';
  return 'GREEN';
}

export function taskLightSql(stateCol: string, dueCol: string, d: LightDates): RawBuilder<TaskLight> {
  const state = sql.ref(stateCol);
  const due = sql.ref(dueCol);
  return sql<TaskLight>`(CASE
    WHEN ${state} = ANY(${[...TASK_DONE_STATES]}::text[]) THEN 'DONE'
    WHEN ${due} < ${d.today}::date THEN 'RED'
    WHEN ${due} <= ${d.threshold}::date THEN 'YELLOW'
    ELSE 'GREEN' END)`;
}

/**
 * The done states as a constant of the statement's text (they are the code's, never input): a named statement's generic
 * plan can then use the partial indexes of the running tasks (`WHERE state NOT IN ('VERIFIED', 'CLOSED')`, 0055/0063),
 * which a parameter would hide from it (issue 12: a board's RED count read every closed task past its deadline).
 */
const DONE_STATES_SQL = sql.raw(`ARRAY[${TASK_DONE_STATES.map((s) => `'${s}'`).join(', ')}]::text[]`);

/** SQL predicate: the task has the given light (NONE matches nothing). */
export function taskLightIs(stateCol: string, dueCol: string, light: Light, d: LightDates): RawBuilder<boolean> {
  const state = sql.ref(stateCol);
  const due = sql.ref(dueCol);
  const running = sql`${state} <> ALL(${DONE_STATES_SQL})`;
  switch (light) {
    case 'DONE':
      return sql<boolean>`${state} = ANY(${DONE_STATES_SQL})`;
    case 'NONE':
      return sql<boolean>`false`;
    case 'RED':
      return sql<boolean>`(${running} AND ${due} < ${d.today}::date)`;
    case 'YELLOW':
      return sql<boolean>`(${running} AND ${due} >= ${d.today}::date AND ${due} <= ${d.threshold}::date)`;
    case 'GREEN':
      return sql<boolean>`(${running} AND ${due} > ${d.threshold}::date)`;
  }
}
