/** The problem machine as a table: every state × action, who may take it (issue 9: one kernel for every machine). */
import { describe, expect, it } from 'vitest';
import { PROBLEM_ACTION_LABELS, PROBLEM_MACHINE, type ProblemAction } from './machine';
import { PROBLEM_STATE_LABELS, type ProblemState } from './states';

const STATES = Object.keys(PROBLEM_STATE_LABELS) as ProblemState[];
const ACTIONS = Object.keys(PROBLEM_ACTION_LABELS) as ProblemAction[];

/** Expected next state; absent = forbidden (409). */
const PROBLEM_EXPECTED: Record<ProblemState, Partial<Record<ProblemAction, ProblemState>>> = {
  PROPOSED: { confirm: 'CONFIRMED', dismiss: 'DISMISSED' },
  CONFIRMED: { dismiss: 'DISMISSED', convert: 'CONVERTED', toLetter: 'CONVERTED', toCampaign: 'CONVERTED' },
  CONVERTED: {},
  DISMISSED: {},
};

describe('problem: PROBLEM_MACHINE.next over every state × action', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const expected = PROBLEM_EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => {
        expect(PROBLEM_MACHINE.next(state, action)).toBe(expected);
      });
    }
  }

  it('the parties confirm, dismiss and draft the letter; the 党风政风监督室 issues the item and plans the campaign; CONVERTED and DISMISSED are the ends', () => {
    expect(Object.fromEntries(ACTIONS.map((a) => [a, PROBLEM_MACHINE.table[a].who]))).toEqual({
      confirm: ['PARTY'],
      dismiss: ['PARTY'],
      convert: ['COORDINATOR'],
      toLetter: ['PARTY'],
      toCampaign: ['COORDINATOR'],
    });
    expect(PROBLEM_MACHINE.terminal().sort()).toEqual(['CONVERTED', 'DISMISSED']);
    expect(PROBLEM_MACHINE.deniedMessage('convert')).toContain('党风政风监督室');
    expect(PROBLEM_MACHINE.deniedMessage('toCampaign')).toContain('党风政风监督室');
    // one conversion per problem: a converted problem is converted no more (409 on a second conversion)
    for (const a of ['convert', 'toLetter', 'toCampaign'] as const) expect(PROBLEM_MACHINE.next('CONVERTED', a)).toBeNull();
  });

  it('abilities: a party never issues items nor plans campaigns, the coordinator alone neither confirms, dismisses nor drafts', () => {
    expect(PROBLEM_MACHINE.abilities('CONFIRMED', ['PARTY'])).toEqual(['dismiss', 'toLetter']);
    expect(PROBLEM_MACHINE.abilities('CONFIRMED', ['COORDINATOR'])).toEqual(['convert', 'toCampaign']);
    expect(PROBLEM_MACHINE.abilities('PROPOSED', ['COORDINATOR'])).toEqual([]);
    expect(PROBLEM_MACHINE.abilities('PROPOSED', ['PARTY', 'COORDINATOR'])).toEqual(['confirm', 'dismiss']);
  });
});
