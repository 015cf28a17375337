import type { DecisionState } from '@liandong/domain/meetings/enums';
import type { Light } from '@liandong/domain/supervision/enums';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool';
import { loadWorkCalendar, todayIso } from '../../platform/calendar';
import type { LightDates } from '../supervision';

/*
 * 督办灯 of meeting decisions, the same lights as the supervision lists and rectification tasks (supervision/
 * light.ts): DONE once finished; RED past the deadline; YELLOW when the deadline falls within 5 working days
 * on the commission's 工作日历; GREEN otherwise. One SQL definition (board, filter, counts) and its twin.
 */

export const DECISION_YELLOW_WORKING_DAYS = 5;
/** Overdue for this many working days → the 书记 is told (escalation, once per decision and deadline). */
export const DECISION_ESCALATE_WORKING_DAYS = 10;

export type DecisionLight = Exclude<Light, 'NONE'>;

export async function decisionLightDates(db: Db, commissionId: string, today: string = todayIso()): Promise<LightDates> {
  const calendar = await loadWorkCalendar(db, commissionId);
  return { today, threshold: calendar.addWorkingDays(today, DECISION_YELLOW_WORKING_DAYS) };
}

export function decisionLightOf(state: DecisionState, deadline: string, d: LightDates): DecisionLight {
  if (state === 'DONE') return 'DONE';
  if (deadline < d.today) return 'RED';
  if (deadline <= d.threshold) return 'YELLOW';
  return 'GREEN';
}

/** SQL: the light of the decision aliased `d`. */
export function decisionLightSql(d: LightDates, t = 'd'): RawBuilder<DecisionLight> {
  return sql<DecisionLight>`(CASE WHEN ${sql.ref(`${t}.state`)} = 'DONE' THEN 'DONE'
    WHEN ${sql.ref(`${t}.deadline`)} < ${d.today}::date THEN 'RED'
    WHEN ${sql.ref(`${t}.deadline`)} <= ${d.threshold}::date THEN 'YELLOW' ELSE 'GREEN' END)`;
}

/** SQL predicate: the decision aliased `d` shows `light` (the board's filter). */
export function decisionLightIs(dates: LightDates, light: Light): RawBuilder<boolean> {
  return sql<boolean>`${decisionLightSql(dates)} = ${light}`;
}
