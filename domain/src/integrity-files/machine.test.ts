/** The consultation-request machine as a table: every state × action, and who may take each. */
import { describe, expect, it } from 'vitest';
import { FILE_REQUEST_STATE_LABELS, type FileRequestState } from './enums';
import { FILE_REQUEST_ACTION_LABELS, FILE_REQUEST_MACHINE, type FileRequestAction } from './machine';

const STATES = Object.keys(FILE_REQUEST_STATE_LABELS) as FileRequestState[];
const ACTIONS = Object.keys(FILE_REQUEST_ACTION_LABELS) as FileRequestAction[];

/** Expected next state; absent = forbidden (409). */
const EXPECTED: Record<FileRequestState, Partial<Record<FileRequestAction, FileRequestState>>> = {
  PENDING: { approve: 'APPROVED', reject: 'REJECTED', withdraw: 'WITHDRAWN' },
  APPROVED: { revoke: 'REVOKED' },
  REJECTED: {},
  WITHDRAWN: {},
  REVOKED: {},
};

describe('integrity-file request: FILE_REQUEST_MACHINE.next over every state × action', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => {
        expect(FILE_REQUEST_MACHINE.next(state, action)).toBe(expected);
      });
    }
  }

  it('the overseeing leader decides, the requester only withdraws; refusals and revocations say why', () => {
    expect(Object.fromEntries(ACTIONS.map((a) => [a, FILE_REQUEST_MACHINE.table[a].who]))).toEqual({
      approve: ['APPROVER'],
      reject: ['APPROVER'],
      withdraw: ['REQUESTER'],
      revoke: ['APPROVER'],
    });
    expect(ACTIONS.filter((a) => FILE_REQUEST_MACHINE.table[a].needsComment)).toEqual(['reject', 'revoke']);
    expect(FILE_REQUEST_MACHINE.terminal().sort()).toEqual(['REJECTED', 'REVOKED', 'WITHDRAWN']);
    expect(FILE_REQUEST_MACHINE.deniedMessage('approve')).toContain('分管干部监督室的委领导');
  });

  it('abilities: a requester never approves their own request', () => {
    expect(FILE_REQUEST_MACHINE.abilities('PENDING', ['REQUESTER'])).toEqual(['withdraw']);
    expect(FILE_REQUEST_MACHINE.abilities('PENDING', ['APPROVER'])).toEqual(['approve', 'reject']);
    expect(FILE_REQUEST_MACHINE.abilities('APPROVED', ['REQUESTER'])).toEqual([]);
  });
});
