/** The 专项整治 machine as a table: every state × action (domain.md c.4), its actors and guards. */
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_STATE_LABELS, type CampaignState } from './enums';
import { CAMPAIGN_ACTION_LABELS, CAMPAIGN_MACHINE, type CampaignAction, type CampaignActor } from './machine';

const STATES = Object.keys(CAMPAIGN_STATE_LABELS) as CampaignState[];
const ACTIONS = Object.keys(CAMPAIGN_ACTION_LABELS) as CampaignAction[];

/** Expected next state; absent = forbidden. approvePlan records the approval and stays in PLANNED. */
const EXPECTED: Record<CampaignState, Partial<Record<CampaignAction, CampaignState>>> = {
  PLANNED: { approvePlan: 'PLANNED', launch: 'LAUNCHED' },
  LAUNCHED: { startSelfInspection: 'SELF_INSPECTION' },
  SELF_INSPECTION: { startChecking: 'CHECKING' },
  CHECKING: { startHandling: 'CONCENTRATED_HANDLING' },
  CONCENTRATED_HANDLING: { startConsolidating: 'CONSOLIDATING' },
  CONSOLIDATING: { evaluate: 'EVALUATED' },
  EVALUATED: { close: 'CLOSED', normalise: 'NORMALISED' },
  CLOSED: {},
  NORMALISED: {},
};

describe('campaign: CAMPAIGN_MACHINE.next over every state × action', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => {
        expect(CAMPAIGN_MACHINE.next(state, action)).toBe(expected);
      });
    }
  }

  it('CLOSED and NORMALISED are the only terminal states', () => {
    expect([...CAMPAIGN_MACHINE.terminal()].sort()).toEqual(['CLOSED', 'NORMALISED']);
  });
});

describe('campaign: who acts and what guards the step', () => {
  it('the plan is approved by the approver only; launch by the lead office or the approver', () => {
    expect(CAMPAIGN_MACHINE.table.approvePlan.who).toEqual(['APPROVER']);
    expect([...CAMPAIGN_MACHINE.table.launch.who].sort()).toEqual(['APPROVER', 'LEAD']);
  });

  it('the phases are run by the lead office and the 专班 co-leaders; closing belongs to the approver', () => {
    for (const a of ['startSelfInspection', 'startChecking', 'startHandling', 'startConsolidating', 'evaluate'] as const) {
      expect([...CAMPAIGN_MACHINE.table[a].who].sort(), a).toEqual(['CO_LEADER', 'LEAD']);
    }
    expect(CAMPAIGN_MACHINE.table.close.who).toEqual(['APPROVER']);
    expect(CAMPAIGN_MACHINE.table.normalise.who).toEqual(['APPROVER']);
    expect(CAMPAIGN_MACHINE.table.normalise.needsComment).toBe(true);
  });

  it('launch needs the approved plan, self-inspection the 专班; no other step is guarded', () => {
    const guards = Object.fromEntries(ACTIONS.map((a) => [a, CAMPAIGN_MACHINE.table[a].guard ?? null]));
    expect(guards).toEqual({
      approvePlan: null,
      launch: 'planApproved',
      startSelfInspection: 'hasTaskForce',
      startChecking: null,
      startHandling: null,
      startConsolidating: null,
      evaluate: null,
      close: null,
      normalise: null,
    });
  });

  it('abilities follow the actor: a co-leader cannot approve or launch, the lead office cannot close', () => {
    const can = (state: CampaignState, who: CampaignActor[]) => CAMPAIGN_MACHINE.abilities(state, who);
    expect(can('PLANNED', ['CO_LEADER'])).toEqual([]);
    expect(can('PLANNED', ['LEAD'])).toEqual(['launch']);
    expect([...can('PLANNED', ['APPROVER'])].sort()).toEqual(['approvePlan', 'launch']);
    expect(can('EVALUATED', ['LEAD', 'CO_LEADER'])).toEqual([]);
    expect([...can('EVALUATED', ['APPROVER'])].sort()).toEqual(['close', 'normalise']);
    expect(can('CHECKING', ['CO_LEADER'])).toEqual(['startHandling']);
  });
});
