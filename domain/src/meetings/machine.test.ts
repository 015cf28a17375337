/** The meeting and decision machines as tables: every state × action (issue 11). */
import { describe, expect, it } from 'vitest';
import { DECISION_STATE_LABELS, type DecisionState, MEETING_STATE_LABELS, type MeetingState } from './enums';
import { DECISION_ACTION_LABELS, DECISION_MACHINE, type DecisionAction, MEETING_ACTION_LABELS, MEETING_MACHINE, type MeetingAction } from './machine';

const M_STATES = Object.keys(MEETING_STATE_LABELS) as MeetingState[];
const M_ACTIONS = Object.keys(MEETING_ACTION_LABELS) as MeetingAction[];
const D_STATES = Object.keys(DECISION_STATE_LABELS) as DecisionState[];
const D_ACTIONS = Object.keys(DECISION_ACTION_LABELS) as DecisionAction[];

/** Expected next state of a meeting; absent = forbidden (409). */
const MEETING_EXPECTED: Record<MeetingState, Partial<Record<MeetingAction, MeetingState>>> = {
  PLANNED: { hold: 'HELD', cancel: 'CANCELLED' },
  HELD: { issueMinutes: 'MINUTES_ISSUED' },
  MINUTES_ISSUED: {},
  CANCELLED: {},
};

/** Expected next state of a decision; absent = forbidden. Progress reports keep the state (OVERDUE stays OVERDUE). */
const DECISION_EXPECTED: Record<DecisionState, Partial<Record<DecisionAction, DecisionState>>> = {
  ASSIGNED: { accept: 'IN_PROGRESS', markOverdue: 'OVERDUE' },
  IN_PROGRESS: { reportProgress: 'IN_PROGRESS', reportDone: 'DONE', markOverdue: 'OVERDUE' },
  OVERDUE: { reportProgress: 'OVERDUE', reportDone: 'DONE' },
  DONE: {},
};

describe('meeting: MEETING_MACHINE.next over every state × action', () => {
  for (const state of M_STATES) {
    for (const action of M_ACTIONS) {
      const expected = MEETING_EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => expect(MEETING_MACHINE.next(state, action)).toBe(expected));
    }
  }
  it('the chair or the organiser acts; cancelling needs a reason; the minutes need text', () => {
    for (const a of M_ACTIONS) expect([...MEETING_MACHINE.table[a].who].sort()).toEqual(['CHAIR', 'ORGANISER']);
    expect(MEETING_MACHINE.table.cancel.needsComment).toBe(true);
    expect(MEETING_MACHINE.table.issueMinutes.guard).toBe('hasMinutes');
    expect(MEETING_MACHINE.terminal().sort()).toEqual(['CANCELLED', 'MINUTES_ISSUED']);
    expect(MEETING_MACHINE.abilities('PLANNED', [])).toEqual([]);
  });
});

describe('decision: DECISION_MACHINE.next over every state × action', () => {
  for (const state of D_STATES) {
    for (const action of D_ACTIONS) {
      const expected = DECISION_EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => expect(DECISION_MACHINE.next(state, action)).toBe(expected));
    }
  }
  it('only the system marks overdue, and never twice; the owner org does the rest; DONE is terminal', () => {
    expect(DECISION_MACHINE.table.markOverdue.who).toEqual([]);
    expect(DECISION_MACHINE.next('OVERDUE', 'markOverdue')).toBeNull();
    for (const a of D_ACTIONS.filter((x) => x !== 'markOverdue')) expect(DECISION_MACHINE.table[a].who).toEqual(['OWNER']);
    expect(DECISION_MACHINE.abilities('OVERDUE', ['OWNER'])).toEqual(['reportProgress', 'reportDone']);
    expect(DECISION_MACHINE.terminal()).toEqual(['DONE']);
  });
});
