/** Both 以案促改 machines as tables: every state × action (domain.md c.5, c.6). */
import { describe, expect, it } from 'vitest';
import {
  nextEscalationStep,
  nextRecState,
  nextTaskState,
  REC_ACTION_LABELS,
  REC_STATE_LABELS,
  type RecAction,
  type RecState,
  TASK_ACTION_LABELS,
  TASK_MACHINE,
  TASK_STATE_LABELS,
  type TaskAction,
  type TaskState,
} from './machine';

const REC_STATES = Object.keys(REC_STATE_LABELS) as RecState[];
const REC_ACTIONS = Object.keys(REC_ACTION_LABELS) as RecAction[];

/** Expected next state of a letter; absent = forbidden. */
const REC_EXPECTED: Record<RecState, Partial<Record<RecAction, RecState>>> = {
  DRAFTING: { consult: 'CONSULTING', submitReview: 'UNDER_REVIEW', withdraw: 'WITHDRAWN' },
  CONSULTING: { submitReview: 'UNDER_REVIEW', returnDraft: 'DRAFTING', withdraw: 'WITHDRAWN' },
  UNDER_REVIEW: { approve: 'APPROVED', returnDraft: 'DRAFTING', withdraw: 'WITHDRAWN' },
  APPROVED: { issue: 'ISSUED', returnDraft: 'DRAFTING', withdraw: 'WITHDRAWN' },
  ISSUED: { serve: 'SERVED' },
  SERVED: { object: 'OBJECTED', adopt: 'RECTIFYING', refuse: 'NON_COMPLIANT' },
  OBJECTED: { upholdObjection: 'WITHDRAWN', rejectObjection: 'SERVED' },
  RECTIFYING: { reply: 'REPLIED', refuse: 'NON_COMPLIANT' },
  REPLIED: { evaluate: 'EVALUATED' },
  EVALUATED: { close: 'CLOSED', reopenRectification: 'RECTIFYING' },
  CLOSED: {},
  NON_COMPLIANT: { escalate: 'ESCALATED' },
  ESCALATED: {},
  WITHDRAWN: {},
};

describe('recommendation letter: nextRecState over every state × action', () => {
  for (const state of REC_STATES) {
    for (const action of REC_ACTIONS) {
      const expected = REC_EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => {
        expect(nextRecState(state, action)).toBe(expected);
      });
    }
  }
  it('issues only once: nothing leads back to APPROVED after issuing', () => {
    for (const state of REC_STATES.filter((s) => !['DRAFTING', 'CONSULTING', 'UNDER_REVIEW', 'APPROVED'].includes(s))) {
      for (const action of REC_ACTIONS) expect(nextRecState(state, action)).not.toBe('APPROVED');
    }
  });
});

const TASK_STATES = Object.keys(TASK_STATE_LABELS) as TaskState[];
const TASK_ACTIONS = Object.keys(TASK_ACTION_LABELS) as TaskAction[];

const TASK_EXPECTED: Record<TaskState, Partial<Record<TaskAction, TaskState>>> = {
  ASSIGNED: { submitPlan: 'PLAN_SUBMITTED', markOverdue: 'OVERDUE' },
  PLAN_SUBMITTED: { submitPlan: 'PLAN_SUBMITTED', acceptPlan: 'IN_PROGRESS', returnPlan: 'ASSIGNED', markOverdue: 'OVERDUE' },
  IN_PROGRESS: { reportProgress: 'IN_PROGRESS', reportDone: 'REPORTED_DONE', markOverdue: 'OVERDUE' },
  REPORTED_DONE: { verify: 'VERIFIED', returnWork: 'RETURNED' },
  RETURNED: { reportProgress: 'RETURNED', reportDone: 'REPORTED_DONE', markOverdue: 'OVERDUE' },
  VERIFIED: { closeOut: 'CLOSED' },
  CLOSED: {},
  OVERDUE: { submitPlan: 'PLAN_SUBMITTED', reportProgress: 'OVERDUE', reportDone: 'REPORTED_DONE', escalate: 'ESCALATED' },
  ESCALATED: { submitPlan: 'PLAN_SUBMITTED', reportProgress: 'ESCALATED', reportDone: 'REPORTED_DONE', escalate: 'ESCALATED' },
};

describe('rectification task: nextTaskState over every state × action', () => {
  for (const state of TASK_STATES) {
    for (const action of TASK_ACTIONS) {
      const expected = TASK_EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => {
        expect(nextTaskState(state, action)).toBe(expected);
      });
    }
  }
});

describe('rectification task: who takes each action (c.5: the unit reports, the supervisor follows up, the job marks overdue)', () => {
  it('unit actions by the unit, 督办 actions by the supervisor side, markOverdue by nobody by hand', () => {
    const who = Object.fromEntries(TASK_ACTIONS.map((a) => [a, TASK_MACHINE.table[a].who]));
    expect(who).toEqual({
      submitPlan: ['UNIT'],
      acceptPlan: ['SUPERVISOR'],
      returnPlan: ['SUPERVISOR'],
      reportProgress: ['UNIT'],
      reportDone: ['UNIT'],
      verify: ['SUPERVISOR'],
      returnWork: ['SUPERVISOR'],
      closeOut: ['SUPERVISOR'],
      markOverdue: [],
      escalate: ['SUPERVISOR'],
    });
  });

  it('abilities: nobody holding every side may mark a task overdue; CLOSED is the only terminal state', () => {
    for (const s of TASK_STATES) expect(TASK_MACHINE.abilities(s, ['UNIT', 'SUPERVISOR'])).not.toContain('markOverdue');
    expect(TASK_MACHINE.abilities('OVERDUE', ['UNIT'])).toEqual(['submitPlan', 'reportProgress', 'reportDone']);
    expect(TASK_MACHINE.terminal()).toEqual(['CLOSED']);
  });
});

describe('escalation ladder', () => {
  it('climbs 催办 → 约谈 → 通报 → 问责 and stays at 问责', () => {
    expect(nextEscalationStep(null)).toBe('URGE');
    expect(nextEscalationStep('URGE')).toBe('TALK');
    expect(nextEscalationStep('TALK')).toBe('BULLETIN');
    expect(nextEscalationStep('BULLETIN')).toBe('ACCOUNTABILITY');
    expect(nextEscalationStep('ACCOUNTABILITY')).toBe('ACCOUNTABILITY');
  });
});
