/** The work report machine as a table: every state × action (issue 11). */
import { describe, expect, it } from 'vitest';
import { REPORT_STATE_LABELS, type ReportState } from './enums';
import { REPORT_ACTION_LABELS, REPORT_MACHINE, type ReportAction } from './machine';

const STATES = Object.keys(REPORT_STATE_LABELS) as ReportState[];
const ACTIONS = Object.keys(REPORT_ACTION_LABELS) as ReportAction[];

/** Expected next state; absent = forbidden (409). */
const EXPECTED: Record<ReportState, Partial<Record<ReportAction, ReportState>>> = {
  DRAFT: { submit: 'PENDING_APPROVAL' },
  PENDING_APPROVAL: { approve: 'APPROVED', returnDraft: 'RETURNED' },
  RETURNED: { submit: 'PENDING_APPROVAL' },
  APPROVED: { submitToCommittee: 'SUBMITTED' },
  SUBMITTED: { hear: 'HEARD' },
  HEARD: {},
};

describe('work report: REPORT_MACHINE.next over every state × action', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => expect(REPORT_MACHINE.next(state, action)).toBe(expected));
    }
  }
  it('the reporter org drafts and submits, its head approves or returns with a reason, only a held meeting hears', () => {
    expect(REPORT_MACHINE.table.submit.who).toEqual(['DRAFTER']);
    expect(REPORT_MACHINE.table.submitToCommittee.who).toEqual(['DRAFTER']);
    expect(REPORT_MACHINE.table.approve.who).toEqual(['HEAD']);
    expect(REPORT_MACHINE.table.approve.guard).toBe('notDrafter');
    expect(REPORT_MACHINE.table.returnDraft.who).toEqual(['HEAD']);
    expect(REPORT_MACHINE.table.returnDraft.needsComment).toBe(true);
    expect(REPORT_MACHINE.table.hear.who).toEqual([]);
    expect(REPORT_MACHINE.terminal()).toEqual(['HEARD']);
    expect(REPORT_MACHINE.abilities('PENDING_APPROVAL', ['DRAFTER'])).toEqual([]);
    expect(REPORT_MACHINE.abilities('PENDING_APPROVAL', ['HEAD'])).toEqual(['approve', 'returnDraft']);
    expect(REPORT_MACHINE.abilities('SUBMITTED', ['DRAFTER', 'HEAD'])).toEqual([]);
  });
});
