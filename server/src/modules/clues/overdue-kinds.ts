import type { OverdueKind } from '@liandong/domain/clues/enums';
import { CLUE_TERMINAL } from '@liandong/domain/clues/machine';
import { type RawBuilder, sql } from 'kysely';

/*
 * The clue kinds of 到期提醒 (domain.md g.4 scenario 6): for each, the due-date column of `clue` and the
 * condition under which that limit still runs. One definition serves the ledger flags and filter, the
 * overdue board and the daily reminders.
 */

export type ClueOverdueKind = Extract<
  OverdueKind,
  'PROPOSAL_DUE' | 'ACKNOWLEDGE_DUE' | 'INQUIRY_REPLY_DUE' | 'INQUIRY_REPORT_DUE' | 'HOLD_REVIEW_DUE' | 'ASSIGNED_CASE_DUE' | 'FEEDBACK_DUE'
>;

interface KindDef {
  column: string;
  /** SQL over the clue alias: the limit is running. */
  running: (t: string) => RawBuilder<boolean>;
}

const ref = (t: string, c: string) => sql.ref(`${t}.${c}`);
const PRE_PROPOSAL = ['RECEIVED', 'REGISTERED', 'ASSIGNED', 'UNDER_ANALYSIS', 'REOPENED'];

export const CLUE_OVERDUE_KINDS: Record<ClueOverdueKind, KindDef> = {
  PROPOSAL_DUE: { column: 'propose_due', running: (t) => sql<boolean>`${ref(t, 'state')} = ANY(${PRE_PROPOSAL}::text[])` },
  ACKNOWLEDGE_DUE: {
    column: 'acknowledge_due',
    running: (t) => sql<boolean>`(${ref(t, 'acknowledged_on')} IS NULL AND ${ref(t, 'state')} NOT IN ('MERGED','TRANSFERRED_OUT'))`,
  },
  INQUIRY_REPLY_DUE: { column: 'inquiry_reply_due', running: (t) => sql<boolean>`${ref(t, 'state')} = 'TALK_INQUIRY'` },
  INQUIRY_REPORT_DUE: { column: 'inquiry_report_due', running: (t) => sql<boolean>`${ref(t, 'state')} = 'TALK_INQUIRY'` },
  HOLD_REVIEW_DUE: { column: 'hold_review_due', running: (t) => sql<boolean>`${ref(t, 'state')} = 'PENDING_HOLD'` },
  ASSIGNED_CASE_DUE: { column: 'assigned_case_due', running: (t) => sql<boolean>`NOT (${ref(t, 'state')} = ANY(${[...CLUE_TERMINAL]}::text[]))` },
  FEEDBACK_DUE: { column: 'feedback_due', running: (t) => sql<boolean>`${ref(t, 'feedback_on')} IS NULL` },
};
export const CLUE_OVERDUE_KIND_LIST = Object.keys(CLUE_OVERDUE_KINDS) as ClueOverdueKind[];

export function isClueOverdueKind(k: OverdueKind): k is ClueOverdueKind {
  return k in CLUE_OVERDUE_KINDS;
}

/** SQL: the limit of `kind` runs and falls on or before `day`. */
export function dueBy(kind: ClueOverdueKind, day: string, t = 'c'): RawBuilder<boolean> {
  const d = CLUE_OVERDUE_KINDS[kind];
  return sql<boolean>`(${ref(t, d.column)} IS NOT NULL AND ${ref(t, d.column)} <= ${day}::date AND ${d.running(t)})`;
}

/** SQL text[]: the kinds overdue (due today or past) on `today`. */
export function flagsSql(today: string, t = 'c'): RawBuilder<string[]> {
  const parts = CLUE_OVERDUE_KIND_LIST.map((k) => sql`CASE WHEN ${dueBy(k, today, t)} THEN ${k} END`);
  return sql<string[]>`array_remove(ARRAY[${sql.join(parts)}]::text[], NULL)`;
}
