/** The item state machine as a table: every state × action (domain.md c.3). */
import { describe, expect, it } from 'vitest';
import { ITEM_ACTION_LABELS, ITEM_STATE_LABELS, ITEM_TRANSITIONS, type ItemAction, type ItemState, nextState } from './machine';

const STATES = Object.keys(ITEM_STATE_LABELS) as ItemState[];
const ACTIONS = Object.keys(ITEM_ACTION_LABELS) as ItemAction[];

/** Expected next state from each state for each action; absent = forbidden (null). */
const EXPECTED: Record<ItemState, Partial<Record<ItemAction, ItemState>>> = {
  DRAFT: { consult: 'CONSULTED', cancel: 'CANCELLED' },
  CONSULTED: { approve: 'APPROVED', cancel: 'CANCELLED' },
  APPROVED: { start: 'IN_PROGRESS', requestAdjust: 'ADJUSTED', cancel: 'CANCELLED' },
  IN_PROGRESS: { report: 'IN_PROGRESS', recordFinding: 'ISSUE_FOUND', complete: 'COMPLETED', requestAdjust: 'ADJUSTED', cancel: 'CANCELLED' },
  ISSUE_FOUND: { report: 'ISSUE_FOUND', recordFinding: 'ISSUE_FOUND', complete: 'COMPLETED', requestAdjust: 'ADJUSTED', cancel: 'CANCELLED' },
  COMPLETED: { close: 'CLOSED', reopen: 'IN_PROGRESS' },
  CLOSED: {},
  // from ADJUSTED the decision returns to the state before the request (here: IN_PROGRESS)
  ADJUSTED: { approveAdjust: 'IN_PROGRESS', rejectAdjust: 'IN_PROGRESS', cancel: 'CANCELLED' },
  CANCELLED: {},
};

describe('nextState over every state × action', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => {
        expect(nextState(state, action, state === 'ADJUSTED' ? 'IN_PROGRESS' : null)).toBe(expected);
      });
    }
  }

  it('returns to the previous state after an adjustment, whichever it was', () => {
    for (const prev of ['APPROVED', 'IN_PROGRESS', 'ISSUE_FOUND'] as const) {
      expect(nextState('ADJUSTED', 'approveAdjust', prev)).toBe(prev);
      expect(nextState('ADJUSTED', 'rejectAdjust', prev)).toBe(prev);
    }
    expect(nextState('ADJUSTED', 'approveAdjust', null)).toBeNull();
    expect(nextState('ADJUSTED', 'approveAdjust', 'ADJUSTED')).toBeNull();
  });

  it('finished states allow nothing but what the table says', () => {
    expect(ACTIONS.filter((a) => nextState('CLOSED', a, null) !== null)).toEqual([]);
    expect(ACTIONS.filter((a) => nextState('CANCELLED', a, null) !== null)).toEqual([]);
  });

  it('every action names at least one actor and comment-bearing actions are the refusing ones', () => {
    for (const a of ACTIONS) expect(ITEM_TRANSITIONS[a].who.length).toBeGreaterThan(0);
    expect(ACTIONS.filter((a) => ITEM_TRANSITIONS[a].needsComment).sort()).toEqual(['cancel', 'rejectAdjust', 'reopen', 'requestAdjust']);
  });
});
