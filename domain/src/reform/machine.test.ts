/** Both 以案促改 machines as tables: every state × action (domain.md c.5, c.6). */
import { describe, expect, it } from 'vitest';
import {
  nextEscalationStep,
  nextLetterState,
  nextTaskState,
  LETTER_ACTION_LABELS,
  LETTER_EDITABLE_STATES,
  LETTER_MACHINE,
  LETTER_STATE_LABELS,
  type LetterAction,
  type LetterActor,
  type LetterState,
  TASK_ACTION_LABELS,
  TASK_MACHINE,
  TASK_STATE_LABELS,
  type TaskAction,
  type TaskState,
} from './machine';

const LETTER_STATES = Object.keys(LETTER_STATE_LABELS) as LetterState[];
const LETTER_ACTIONS = Object.keys(LETTER_ACTION_LABELS) as LetterAction[];

/** Expected next state of a letter; absent = forbidden. */
const LETTER_EXPECTED: Record<LetterState, Partial<Record<LetterAction, LetterState>>> = {
  DRAFTING: { consult: 'CONSULTING', submitReview: 'UNDER_REVIEW', withdraw: 'WITHDRAWN' },
  CONSULTING: { submitReview: 'UNDER_REVIEW', returnDraft: 'DRAFTING', withdraw: 'WITHDRAWN' },
  UNDER_REVIEW: { approve: 'APPROVED', returnDraft: 'DRAFTING', withdraw: 'WITHDRAWN' },
  APPROVED: { issue: 'ISSUED', returnDraft: 'DRAFTING', withdraw: 'WITHDRAWN' },
  ISSUED: { serve: 'SERVED' },
  SERVED: { object: 'OBJECTED', adopt: 'RECTIFYING', refuse: 'NON_COMPLIANT' },
  // c.6 OBJECTED → SERVED / AMENDED: an upheld objection amends the letter (issue 9), it is not merely withdrawn.
  OBJECTED: { upholdObjection: 'AMENDING', rejectObjection: 'SERVED' },
  // The amended letter is signed off and numbered again (reissue), or withdrawn when the objection holds in full.
  AMENDING: { reissue: 'ISSUED', withdraw: 'WITHDRAWN' },
  RECTIFYING: { reply: 'REPLIED', refuse: 'NON_COMPLIANT' },
  REPLIED: { evaluate: 'EVALUATED' },
  EVALUATED: { close: 'CLOSED', reopenRectification: 'RECTIFYING' },
  CLOSED: {},
  NON_COMPLIANT: { escalate: 'ESCALATED' },
  ESCALATED: {},
  WITHDRAWN: {},
};

describe('recommendation letter: nextLetterState over every state × action', () => {
  for (const state of LETTER_STATES) {
    for (const action of LETTER_ACTIONS) {
      const expected = LETTER_EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => {
        expect(nextLetterState(state, action)).toBe(expected);
        expect(LETTER_MACHINE.next(state, action)).toBe(expected);
      });
    }
  }
  it('issues only once: nothing leads back to APPROVED after issuing', () => {
    for (const state of LETTER_STATES.filter((s) => !['DRAFTING', 'CONSULTING', 'UNDER_REVIEW', 'APPROVED'].includes(s))) {
      for (const action of LETTER_ACTIONS) expect(nextLetterState(state, action)).not.toBe('APPROVED');
    }
  });
});

/** Who may take each letter action (the machine's `who`), with the rule each fixed row follows. */
const LETTER_WHO: Record<LetterAction, readonly LetterActor[]> = {
  consult: ['DRAFTER'],
  submitReview: ['DRAFTER'],
  returnDraft: ['REVIEWER', 'APPROVER'],
  // Issue 9: an outgoing document is numbered only after 签发 by the 书记 or the overseeing leader (分管领导).
  approve: ['APPROVER', 'SIGNER'],
  issue: ['DRAFTER'],
  serve: ['DRAFTER'],
  object: ['RECIPIENT'],
  upholdObjection: ['APPROVER'],
  rejectObjection: ['APPROVER'],
  // The amended letter (c.6 AMENDED) is a new outgoing document: 签发 again by the 书记 or the 分管领导.
  reissue: ['APPROVER', 'SIGNER'],
  adopt: ['RECIPIENT'],
  reply: ['RECIPIENT'],
  evaluate: ['DRAFTER'],
  close: ['DRAFTER'],
  reopenRectification: ['DRAFTER'],
  refuse: ['DRAFTER'],
  escalate: ['APPROVER'],
  withdraw: ['DRAFTER'],
};

describe('recommendation letter: who, guards and the rule fixes of issue 9', () => {
  for (const action of LETTER_ACTIONS) {
    it(`${action} is taken by ${LETTER_WHO[action].join(' / ')}`, () => {
      expect(LETTER_MACHINE.table[action].who).toEqual(LETTER_WHO[action]);
    });
  }
  it('签发 before number: the only numbering action without its own 签发 (issue) is guarded by a recorded 签发', () => {
    expect(LETTER_MACHINE.table.issue.guard).toBe('signed');
    const numbering: LetterAction[] = LETTER_ACTIONS.filter((a) => LETTER_MACHINE.table[a].to === 'ISSUED');
    expect(numbering.sort()).toEqual(['issue', 'reissue']);
    for (const a of numbering) {
      const signs = LETTER_WHO[a].includes('SIGNER') || LETTER_MACHINE.table[a].guard === 'signed';
      expect(signs, a).toBe(true);
    }
  });
  it('监察法 2024 art. 71: a refusal is referred (提请) to the 主管部门 or 上级机关, not ordered by the commission', () => {
    expect(LETTER_ACTION_LABELS.escalate).toEqual({ zh: '提请主管部门/上级机关责令改正', en: 'Refer to the supervising authority' });
    expect(LETTER_STATE_LABELS.ESCALATED.en).toBe('Referred to the supervising authority');
    expect(LETTER_STATE_LABELS.ESCALATED.zh).toContain('提请');
    const audit = LETTER_MACHINE.table.escalate.audit!;
    expect(audit.safeParse({ referredTo: '市教育局', referredToKind: 'SUPERIOR_ORGAN', referredOn: '2026-12-01' }).success).toBe(true);
    expect(audit.safeParse({ referredTo: '市教育局', referredToKind: 'SECRETARY', referredOn: '2026-12-01' }).success).toBe(false);
  });
  it('c.6 AMENDED: an upheld objection leads to a revisable text and a new issue, served again', () => {
    expect(nextLetterState('OBJECTED', 'upholdObjection')).toBe('AMENDING');
    expect(LETTER_EDITABLE_STATES).toContain('AMENDING');
    expect(nextLetterState('AMENDING', 'reissue')).toBe('ISSUED');
    expect(nextLetterState('ISSUED', 'serve')).toBe('SERVED');
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
