/** The check machine as a table: every state × action, who takes each, and the abilities a screen shows. */
import { describe, expect, it } from 'vitest';
import { INSPECTION_STATE_LABELS, type InspectionState } from './enums';
import { INSPECTION_ACTION_LABELS, INSPECTION_MACHINE, type InspectionAction } from './machine';

const STATES = Object.keys(INSPECTION_STATE_LABELS) as InspectionState[];
const ACTIONS = Object.keys(INSPECTION_ACTION_LABELS) as InspectionAction[];

/** Expected next state; absent = forbidden. Approval keeps the plan PLANNED; DONE and CANCELLED are final. */
const EXPECTED: Record<InspectionState, Partial<Record<InspectionAction, InspectionState>>> = {
  PLANNED: { approve: 'PLANNED', complete: 'DONE', cancel: 'CANCELLED' },
  DONE: {},
  CANCELLED: {},
};

describe('INSPECTION_MACHINE.next over every state × action', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => {
        expect(INSPECTION_MACHINE.next(state, action)).toBe(expected);
      });
    }
  }

  it('the approvers approve; the team leader or the planners mark done; cancelling needs a reason', () => {
    expect(INSPECTION_MACHINE.table.approve.who).toEqual(['APPROVER']);
    expect(INSPECTION_MACHINE.table.complete.who).toEqual(['TEAM_LEADER', 'PLANNER']);
    expect(INSPECTION_MACHINE.table.complete.guard).toBe('approvedAndDue');
    expect(INSPECTION_MACHINE.table.cancel.needsComment).toBe(true);
    expect(INSPECTION_MACHINE.terminal().sort()).toEqual(['CANCELLED', 'DONE']);
  });

  it('a team leader alone can only mark a planned check done; nobody acts on a done one', () => {
    expect(INSPECTION_MACHINE.abilities('PLANNED', ['TEAM_LEADER'])).toEqual(['complete']);
    expect(INSPECTION_MACHINE.abilities('PLANNED', ['APPROVER'])).toEqual(['approve', 'cancel']);
    expect(INSPECTION_MACHINE.abilities('DONE', ['APPROVER', 'PLANNER', 'TEAM_LEADER'])).toEqual([]);
  });
});
