/** The 信息共享 machine as a table: every state × action, who may take it, guards. */
import { describe, expect, it } from 'vitest';
import { SHARE_KIND_LABELS, SHARE_KIND_OBJECT_TYPES, SHARE_OBJECT_TYPE_LABELS, SHARE_STATE_LABELS, type ShareState } from './enums';
import { SHARE_ACTION_LABELS, SHARE_MACHINE, type ShareAction } from './machine';

const STATES = Object.keys(SHARE_STATE_LABELS) as ShareState[];
const ACTIONS = Object.keys(SHARE_ACTION_LABELS) as ShareAction[];

/** Expected next state; absent = forbidden (409). */
const EXPECTED: Record<ShareState, Partial<Record<ShareAction, ShareState>>> = {
  PENDING: { approve: 'APPROVED', refuse: 'REFUSED', withdraw: 'WITHDRAWN' },
  APPROVED: { revoke: 'REVOKED' },
  REFUSED: {},
  WITHDRAWN: {},
  REVOKED: {},
};

describe('share: SHARE_MACHINE.next over every state × action', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => {
        expect(SHARE_MACHINE.next(state, action)).toBe(expected);
      });
    }
  }

  it('only the approver decides, the starter withdraws, the owner side or the approver revokes', () => {
    expect(Object.fromEntries(ACTIONS.map((a) => [a, SHARE_MACHINE.table[a].who]))).toEqual({
      approve: ['APPROVER'],
      refuse: ['APPROVER'],
      withdraw: ['STARTER'],
      revoke: ['APPROVER', 'OWNER'],
    });
    expect(SHARE_MACHINE.terminal().sort()).toEqual(['REFUSED', 'REVOKED', 'WITHDRAWN']);
    expect(SHARE_MACHINE.table.approve.guard).toBe('notStarter');
    expect(SHARE_MACHINE.table.refuse.needsComment).toBe(true);
    expect(SHARE_MACHINE.table.revoke.needsComment).toBe(true);
  });

  it('each object type belongs to exactly one kind', () => {
    const covered = Object.keys(SHARE_KIND_LABELS).flatMap((k) => SHARE_KIND_OBJECT_TYPES[k as keyof typeof SHARE_KIND_LABELS]);
    expect(covered.sort()).toEqual(Object.keys(SHARE_OBJECT_TYPE_LABELS).sort());
  });
});
