import type { Light } from '@liandong/domain/supervision/enums';
import type { ReportState } from '@liandong/domain/work-reports/enums';
import { REPORT_DONE_STATES } from '@liandong/domain/work-reports/machine';
import { addDays } from '@liandong/domain/work-reports/periods';
import { type RawBuilder, sql } from 'kysely';
import { todayIso } from '../../platform/calendar';
import type { LightDates } from '../supervision';

/*
 * 汇报灯 of a calendar slot, the supervision lists' lights (supervision/light.ts: DONE, RED, YELLOW, GREEN)
 * over the slot's due day and its report's state: DONE (grey) once the report is submitted to the 常委会 or
 * heard; RED when the due day has passed without that; YELLOW when it falls within 10 days; GREEN otherwise.
 * One SQL definition for the calendar, its filter, counts and export, and its TypeScript twin.
 */

export const SLOT_YELLOW_DAYS = 10;

export type SlotLight = Exclude<Light, 'NONE'>;

/** Today and the last day of the yellow window. */
export function slotLightDates(today: string = todayIso()): LightDates {
  return { today, threshold: addDays(today, SLOT_YELLOW_DAYS) };
}

export function slotLightOf(state: ReportState | null, dueOn: string, d: LightDates): SlotLight {
  if (state && REPORT_DONE_STATES.includes(state)) return 'DONE';
  if (dueOn < d.today) return 'RED';
  if (dueOn <= d.threshold) return 'YELLOW';
  return 'GREEN';
}

/** SQL: the light of the slot aliased `s` whose report (LEFT JOIN) is aliased `r`. */
export function slotLightSql(d: LightDates, s = 's', r = 'r'): RawBuilder<SlotLight> {
  return sql<SlotLight>`(CASE WHEN ${sql.ref(`${r}.state`)} IN ('SUBMITTED','HEARD') THEN 'DONE'
    WHEN ${sql.ref(`${s}.due_on`)} < ${d.today}::date THEN 'RED'
    WHEN ${sql.ref(`${s}.due_on`)} <= ${d.threshold}::date THEN 'YELLOW' ELSE 'GREEN' END)`;
}
