/** The 党风廉政意见回复 machine as a table: every state × action, who may take it, guards. */
import { describe, expect, it } from 'vitest';
import { INTEGRITY_STATE_LABELS, type IntegrityState } from './enums';
import { INTEGRITY_ACTION_LABELS, INTEGRITY_MACHINE, type IntegrityAction } from './machine';

const STATES = Object.keys(INTEGRITY_STATE_LABELS) as IntegrityState[];
const ACTIONS = Object.keys(INTEGRITY_ACTION_LABELS) as IntegrityAction[];

/** Expected next state; absent = forbidden (409). */
const EXPECTED: Record<IntegrityState, Partial<Record<IntegrityAction, IntegrityState>>> = {
  DRAFT: { submit: 'SUBMITTED' },
  SUBMITTED: { returnDraft: 'RETURNED', approve: 'APPROVED' },
  RETURNED: { submit: 'SUBMITTED' },
  APPROVED: { issue: 'ISSUED' },
  ISSUED: {},
};

describe('integrity reply: INTEGRITY_MACHINE.next over every state × action', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => {
        expect(INTEGRITY_MACHINE.next(state, action)).toBe(expected);
      });
    }
  }

  it('the drafters submit and number, the leaders approve or return; ISSUED is the only end', () => {
    expect(Object.fromEntries(ACTIONS.map((a) => [a, INTEGRITY_MACHINE.table[a].who]))).toEqual({
      submit: ['DRAFTER'],
      returnDraft: ['APPROVER'],
      approve: ['APPROVER'],
      issue: ['DRAFTER'],
    });
    expect(INTEGRITY_MACHINE.terminal()).toEqual(['ISSUED']);
  });

  it('returning needs a reason; approving is four-eyes; submitting needs every conclusion', () => {
    expect(INTEGRITY_MACHINE.table.returnDraft.needsComment).toBe(true);
    expect(INTEGRITY_MACHINE.table.approve.guard).toBe('notDrafter');
    expect(INTEGRITY_MACHINE.table.submit.guard).toBe('allConcluded');
    expect(INTEGRITY_MACHINE.table.issue.guard).toBeUndefined();
  });

  it('abilities: a drafter never approves, an approver never numbers', () => {
    expect(INTEGRITY_MACHINE.abilities('SUBMITTED', ['DRAFTER'])).toEqual([]);
    expect(INTEGRITY_MACHINE.abilities('APPROVED', ['APPROVER'])).toEqual([]);
    expect(INTEGRITY_MACHINE.abilities('SUBMITTED', ['APPROVER'])).toEqual(['returnDraft', 'approve']);
  });
});
