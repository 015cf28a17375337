import { describe, expect, it } from 'vitest';
import {
  ADMIN_SANCTION_MONTHS,
  CASE_ACTION_LABELS,
  CASE_MACHINE,
  CASE_STATE_LABELS,
  type CaseAction,
  type CaseOutcome,
  type CaseState,
  fourFormOf,
  nextCaseState,
  trialTeamConflicts,
} from './machine';

const STATES = Object.keys(CASE_STATE_LABELS) as CaseState[];
const ACTIONS = Object.keys(CASE_ACTION_LABELS) as CaseAction[];

/** Allowed pairs written out from domain.md c.2; everything else is refused. */
const ALLOWED: Record<string, CaseState> = {
  'FILING_PROPOSED:approveFiling': 'FILED',
  'FILED:approvePlan': 'PLAN_APPROVED',
  'PLAN_APPROVED:announce': 'ANNOUNCED',
  'ANNOUNCED:startInvestigation': 'INVESTIGATING',
  'INVESTIGATING:confirmFacts': 'FACTS_CONFIRMED',
  'FACTS_CONFIRMED:reportInvestigation': 'INVESTIGATION_REPORTED',
  'INVESTIGATION_REPORTED:transferToTrial': 'IN_TRIAL',
  'IN_TRIAL:requestSupplement': 'SUPPLEMENT_REQUESTED',
  'SUPPLEMENT_REQUESTED:returnSupplement': 'IN_TRIAL',
  'IN_TRIAL:deliberate': 'TRIAL_DELIBERATED',
  'TRIAL_DELIBERATED:decide': 'DECIDED',
  'DECIDED:transferToProcuratorate': 'PROSECUTION_TRANSFERRED',
  'DECIDED:announceDecision': 'SANCTION_ANNOUNCED',
  'PROSECUTION_TRANSFERRED:announceDecision': 'SANCTION_ANNOUNCED',
  'SANCTION_ANNOUNCED:reportExecution': 'EXECUTED',
  'EXECUTED:archive': 'ARCHIVED',
  'REVOKED:archive': 'ARCHIVED',
};
for (const s of [
  'FILING_PROPOSED',
  'FILED',
  'PLAN_APPROVED',
  'ANNOUNCED',
  'INVESTIGATING',
  'FACTS_CONFIRMED',
  'INVESTIGATION_REPORTED',
  'IN_TRIAL',
  'SUPPLEMENT_REQUESTED',
  'TRIAL_DELIBERATED',
] as const)
  ALLOWED[`${s}:revoke`] = 'REVOKED';

describe('case state machine: every state × action', () => {
  const pairs = STATES.flatMap((s) => ACTIONS.map((a) => [s, a] as const));
  it.each(pairs)('%s × %s', (state, action) => {
    expect(nextCaseState(state, action)).toBe(ALLOWED[`${state}:${action}`] ?? null);
  });

  it("approveFiling is in nobody's abilities: it is applied by the clue's approved 立案 only", () => {
    expect(CASE_MACHINE.table.approveFiling).toMatchObject({ who: [], needsApproval: true });
    const all = ['SECRETARY', 'CASE_MANAGER', 'INVESTIGATION', 'INV_MEMBER', 'TRIAL', 'LEAD_SIDE'] as const;
    expect(CASE_MACHINE.abilities('FILING_PROPOSED', all)).toEqual(['revoke']);
  });

  it('cannot revoke a decided case, and nothing leaves the archive', () => {
    expect(nextCaseState('DECIDED', 'revoke')).toBeNull();
    expect(ACTIONS.filter((a) => nextCaseState('ARCHIVED', a))).toEqual([]);
  });
});

describe('who takes each action (c.2; unchanged by the move to the kernel)', () => {
  const WHO: Record<CaseAction, readonly string[]> = {
    approveFiling: [],
    approvePlan: ['SECRETARY'],
    announce: ['INVESTIGATION'],
    startInvestigation: ['INVESTIGATION'],
    confirmFacts: ['INVESTIGATION'],
    reportInvestigation: ['INVESTIGATION'],
    transferToTrial: ['INVESTIGATION'],
    requestSupplement: ['TRIAL'],
    returnSupplement: ['TRIAL', 'INV_MEMBER'],
    deliberate: ['TRIAL'],
    decide: ['SECRETARY'],
    transferToProcuratorate: ['LEAD_SIDE'],
    announceDecision: ['LEAD_SIDE'],
    reportExecution: ['LEAD_SIDE'],
    archive: ['CASE_MANAGER'],
    revoke: ['SECRETARY'],
  };
  it.each(ACTIONS)('%s', (action) => {
    expect(CASE_MACHINE.table[action].who).toEqual(WHO[action]);
  });
});

describe('审查与审理分离', () => {
  it('names everyone who was on the investigation team and is proposed for the trial team', () => {
    expect(trialTeamConflicts(['a', 'b', 'c'], ['d', 'b', 'e', 'b'])).toEqual(['b']);
    expect(trialTeamConflicts(['a'], ['d', 'e'])).toEqual([]);
  });
});

describe('四种形态', () => {
  it.each([
    [{ kind: 'FIRST_FORM_MEASURE' }, 'FIRST'],
    [{ kind: 'PARTY_SANCTION', sanction: 'WARNING' }, 'SECOND'],
    [{ kind: 'PARTY_SANCTION', sanction: 'SERIOUS_WARNING' }, 'SECOND'],
    [{ kind: 'PARTY_SANCTION', sanction: 'REMOVAL_FROM_PARTY_POST' }, 'THIRD'],
    [{ kind: 'PARTY_SANCTION', sanction: 'PROBATION' }, 'THIRD'],
    [{ kind: 'PARTY_SANCTION', sanction: 'EXPULSION' }, 'THIRD'],
    [{ kind: 'ADMIN_SANCTION', sanction: 'MAJOR_DEMERIT' }, 'SECOND'],
    [{ kind: 'ADMIN_SANCTION', sanction: 'DISMISSAL_FROM_POST' }, 'THIRD'],
    [{ kind: 'ORGANISATIONAL_MEASURE', major: false }, 'SECOND'],
    [{ kind: 'ORGANISATIONAL_MEASURE', major: true }, 'THIRD'],
    [{ kind: 'PROSECUTION' }, 'FOURTH'],
  ] as [CaseOutcome, string][])('%o is the %s form', (outcome, form) => {
    expect(fourFormOf(outcome)).toBe(form);
  });

  it('keeps the 政务处分 periods of the law', () => {
    expect(ADMIN_SANCTION_MONTHS).toEqual({ WARNING: 6, DEMERIT: 12, MAJOR_DEMERIT: 18, DEMOTION: 24, DISMISSAL_FROM_POST: 24, DISCHARGE: null });
  });
});
