import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';
import { DECISION_STATE_LABELS, type DecisionState, MEETING_STATE_LABELS, type MeetingState } from './enums';

/*
 * The two machines of issue 11's meetings, applied only by the server's workflow kernel:
 *  - a meeting: PLANNED → HELD → MINUTES_ISSUED (纪要印发), or PLANNED → CANCELLED with a reason;
 *  - a decision (议定事项 → 督办): ASSIGNED → IN_PROGRESS (the owner org 签收) → DONE; progress reports keep
 *    the state; the daily job marks a running decision past its deadline OVERDUE (once: who is empty, nobody
 *    does it by hand); an overdue decision stays OVERDUE while it receives reports and is finished as DONE.
 */

export const MEETING_ACTION_LABELS = {
  hold: { zh: '确认已召开', en: 'Mark held' },
  issueMinutes: { zh: '印发纪要', en: 'Issue minutes' },
  cancel: { zh: '取消会议', en: 'Cancel' },
} as const satisfies Labelled<string>;
export const MeetingActionSchema = z.enum(codesOf(MEETING_ACTION_LABELS), '操作不正确');
export type MeetingAction = z.infer<typeof MeetingActionSchema>;

/** Who acts on a meeting: its chair (主持人) or whoever registered it (会务). */
export type MeetingActor = 'CHAIR' | 'ORGANISER';
/** issueMinutes needs the minutes text (422 otherwise). */
export type MeetingGuard = 'hasMinutes';

export const MEETING_MACHINE = defineMachine<MeetingState, MeetingAction, MeetingActor, MeetingGuard>({
  noun: '会议',
  states: MEETING_STATE_LABELS,
  actions: MEETING_ACTION_LABELS,
  table: {
    hold: { from: ['PLANNED'], to: 'HELD', who: ['CHAIR', 'ORGANISER'] },
    issueMinutes: { from: ['HELD'], to: 'MINUTES_ISSUED', who: ['CHAIR', 'ORGANISER'], guard: 'hasMinutes' },
    cancel: { from: ['PLANNED'], to: 'CANCELLED', who: ['CHAIR', 'ORGANISER'], needsComment: true },
  },
});

/** States in which the meeting's agenda, attendance and minutes may still be edited. */
export const MEETING_EDITABLE_STATES: readonly MeetingState[] = ['PLANNED', 'HELD'];

export const DECISION_ACTION_LABELS = {
  accept: { zh: '签收办理', en: 'Accept' },
  reportProgress: { zh: '报告进展', en: 'Report progress' },
  reportDone: { zh: '报告办结', en: 'Report done' },
  markOverdue: { zh: '标记逾期', en: 'Mark overdue' },
} as const satisfies Labelled<string>;
export const DecisionActionSchema = z.enum(codesOf(DECISION_ACTION_LABELS), '操作不正确');
export type DecisionAction = z.infer<typeof DecisionActionSchema>;

/** Who acts on a decision: staff of its owner org (承办单位). The chair follows it on the board. */
export type DecisionActor = 'OWNER';

export const DECISION_MACHINE = defineMachine<DecisionState, DecisionAction, DecisionActor>({
  noun: '议定事项',
  states: DECISION_STATE_LABELS,
  actions: DECISION_ACTION_LABELS,
  table: {
    accept: { from: ['ASSIGNED'], to: 'IN_PROGRESS', who: ['OWNER'] },
    reportProgress: { from: ['IN_PROGRESS', 'OVERDUE'], to: 'stay', who: ['OWNER'], needsComment: true },
    reportDone: { from: ['IN_PROGRESS', 'OVERDUE'], to: 'DONE', who: ['OWNER'], needsComment: true },
    markOverdue: { from: ['ASSIGNED', 'IN_PROGRESS'], to: 'OVERDUE', who: [] },
  },
});

/** States in which a decision's deadline runs (the daily job may mark it overdue). */
export const DECISION_RUNNING_STATES: readonly DecisionState[] = ['ASSIGNED', 'IN_PROGRESS'];
