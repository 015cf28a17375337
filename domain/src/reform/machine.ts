import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';

/**
 * 建议书状态机 (domain.md c.6): drafting → consulting → legal/trial review → 签发 by the 书记 or the
 * drafting office's 分管领导 → issued in the commission's name with a 发文字号 → served with a signed
 * receipt → objection window → rectifying → written reply → evaluated (回头看) → closed.
 *
 * - 发文字号 only after 签发: `issue` needs the recorded 签发 (guard `signed`); nothing numbers a letter before.
 * - An upheld objection (异议成立) sends the letter back to its drafter (`AMENDING`): the text is revised and
 *   the 书记 or the 分管领导 `reissue`s it — 签发 and a NEW 发文字号 in one act (each outgoing document has its
 *   own number, GB/T 9704; the superseded number stays registered to this letter in `doc_number` and is named
 *   in the reissue event), a new DOCX and issue date, the service cleared: served again, the objection and
 *   reply windows run afresh from the new service. An objection upheld in full may end in `withdraw` instead.
 * - Refusal without good reason (无正当理由拒不采纳) → NON_COMPLIANT → `escalate`: the commission 提请s the
 *   unit's 主管部门 or 上级机关 to order correction (监察法 2024 art. 71: 由其主管部门、上级机关责令改正) —
 *   the commission does not order the unit itself.
 */
export const LETTER_STATE_LABELS = {
  DRAFTING: { zh: '起草中', en: 'Drafting' },
  CONSULTING: { zh: '征求意见', en: 'Consulting' },
  UNDER_REVIEW: { zh: '审核中', en: 'Under review' },
  APPROVED: { zh: '已签发', en: 'Signed off' },
  ISSUED: { zh: '已印发', en: 'Issued' },
  SERVED: { zh: '已送达', en: 'Served' },
  OBJECTED: { zh: '异议处理中', en: 'Objected' },
  AMENDING: { zh: '异议成立，修改中', en: 'Amending' },
  RECTIFYING: { zh: '整改中', en: 'Rectifying' },
  REPLIED: { zh: '已书面回复', en: 'Replied' },
  EVALUATED: { zh: '已回头看', en: 'Evaluated' },
  CLOSED: { zh: '已办结', en: 'Closed' },
  NON_COMPLIANT: { zh: '无正当理由拒不采纳', en: 'Non-compliant' },
  ESCALATED: { zh: '已提请主管部门/上级机关责令改正', en: 'Referred to the supervising authority' },
  WITHDRAWN: { zh: '已撤回', en: 'Withdrawn' },
} as const satisfies Labelled<string>;
export const LetterStateSchema = z.enum(codesOf(LETTER_STATE_LABELS));
export type LetterState = z.infer<typeof LetterStateSchema>;

/**
 * Who acts on a letter: the drafting department, the reviewer (审理室/案管室), the approver (书记), the
 * signer (the 分管领导 overseeing the drafting office, who may 签发 like the 书记), the recipient unit.
 */
export type LetterActor = 'DRAFTER' | 'REVIEWER' | 'APPROVER' | 'SIGNER' | 'RECIPIENT';
/** `signed`: the letter carries a recorded 签发 (approved_by) — the 发文字号 comes only after it. */
export type LetterGuard = 'signed';

export const LETTER_ACTION_LABELS = {
  consult: { zh: '征求意见', en: 'Seek opinions' },
  submitReview: { zh: '提交审核', en: 'Submit for review' },
  returnDraft: { zh: '退回修改', en: 'Return for revision' },
  approve: { zh: '签发', en: 'Sign off' },
  issue: { zh: '编号印发', en: 'Issue' },
  serve: { zh: '送达（签收回执）', en: 'Serve' },
  object: { zh: '提出异议', en: 'Object' },
  upholdObjection: { zh: '异议成立，修改建议书', en: 'Uphold objection and amend' },
  rejectObjection: { zh: '异议不成立，维持', en: 'Reject objection' },
  reissue: { zh: '签发修改后的建议书并重新编号印发', en: 'Sign off and re-issue amended letter' },
  adopt: { zh: '采纳并开始整改', en: 'Adopt and rectify' },
  reply: { zh: '书面回复整改情况', en: 'Reply' },
  evaluate: { zh: '回头看评估', en: 'Evaluate' },
  close: { zh: '办结', en: 'Close' },
  reopenRectification: { zh: '评估不合格，继续整改', en: 'Reopen rectification' },
  refuse: { zh: '认定拒不采纳', en: 'Find non-compliance' },
  escalate: { zh: '提请主管部门/上级机关责令改正', en: 'Refer to the supervising authority' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
} as const satisfies Labelled<string>;
export const LetterActionSchema = z.enum(codesOf(LETTER_ACTION_LABELS));
export type LetterAction = z.infer<typeof LetterActionSchema>;

/** To whom a refusal is referred (监察法 2024 art. 71): the unit's 主管部门 or its 上级机关. */
export const LETTER_REFERRAL_LABELS = {
  COMPETENT_DEPARTMENT: { zh: '主管部门', en: 'Supervising department' },
  SUPERIOR_ORGAN: { zh: '上级机关', en: 'Superior organ' },
} as const satisfies Labelled<string>;
export const LetterReferralSchema = z.enum(codesOf(LETTER_REFERRAL_LABELS), '提请对象须为主管部门或上级机关');
export type LetterReferral = z.infer<typeof LetterReferralSchema>;

export const LETTER_MACHINE = defineMachine<LetterState, LetterAction, LetterActor, LetterGuard>({
  noun: '建议书',
  states: LETTER_STATE_LABELS,
  actions: LETTER_ACTION_LABELS,
  actors: { DRAFTER: '起草部门', REVIEWER: '审理室或案管室', APPROVER: '书记', SIGNER: '起草部门的分管领导', RECIPIENT: '收文单位联络人' },
  guards: { signed: '建议书尚未经书记或分管领导签发，不能编号印发' },
  table: {
    consult: { from: ['DRAFTING'], to: 'CONSULTING', who: ['DRAFTER'] },
    /** Legal/trial review before 签发 (Enshi practice: the trial office reviews) [C S35]. */
    submitReview: { from: ['DRAFTING', 'CONSULTING'], to: 'UNDER_REVIEW', who: ['DRAFTER'] },
    /** The reviewer, or the 书记 (docs/reform-api.md), returns a draft with the reason. */
    returnDraft: { from: ['CONSULTING', 'UNDER_REVIEW', 'APPROVED'], to: 'DRAFTING', who: ['REVIEWER', 'APPROVER'], needsComment: true },
    /** 签发 by the 书记 or the 分管领导 of the drafting office (issue 9: an outgoing document is numbered only after 签发). */
    approve: { from: ['UNDER_REVIEW'], to: 'APPROVED', who: ['APPROVER', 'SIGNER'] },
    /** Unified numbering in the commission's name; the 发文字号 is allocated in this transaction, only after 签发 [C S34]. */
    issue: { from: ['APPROVED'], to: 'ISSUED', who: ['DRAFTER'], guard: 'signed' },
    serve: { from: ['ISSUED'], to: 'SERVED', who: ['DRAFTER'] },
    object: { from: ['SERVED'], to: 'OBJECTED', who: ['RECIPIENT'] },
    /** 异议成立 → the letter is amended (c.6 OBJECTED → AMENDED), not merely withdrawn. */
    upholdObjection: { from: ['OBJECTED'], to: 'AMENDING', who: ['APPROVER'] },
    rejectObjection: { from: ['OBJECTED'], to: 'SERVED', who: ['APPROVER'] },
    /** The amended letter: 签发 and a new 发文字号 in one act, by the 书记 or the 分管领导 (c.6 AMENDED). */
    reissue: { from: ['AMENDING'], to: 'ISSUED', who: ['APPROVER', 'SIGNER'] },
    adopt: { from: ['SERVED'], to: 'RECTIFYING', who: ['RECIPIENT'] },
    reply: { from: ['RECTIFYING'], to: 'REPLIED', who: ['RECIPIENT'] },
    evaluate: { from: ['REPLIED'], to: 'EVALUATED', who: ['DRAFTER'] },
    close: { from: ['EVALUATED'], to: 'CLOSED', who: ['DRAFTER'] },
    reopenRectification: { from: ['EVALUATED'], to: 'RECTIFYING', who: ['DRAFTER'], needsComment: true },
    /** 无正当理由拒不采纳 (监察法 2024 art. 71). */
    refuse: { from: ['SERVED', 'RECTIFYING'], to: 'NON_COMPLIANT', who: ['DRAFTER'], needsComment: true },
    /** 提请 the unit's 主管部门 or 上级机关 to order correction (监察法 2024 art. 71), with organ, date and text. */
    escalate: {
      from: ['NON_COMPLIANT'],
      to: 'ESCALATED',
      who: ['APPROVER'],
      audit: z.object({ referredTo: z.string(), referredToKind: LetterReferralSchema, referredOn: z.string() }),
    },
    withdraw: { from: ['DRAFTING', 'CONSULTING', 'UNDER_REVIEW', 'APPROVED', 'AMENDING'], to: 'WITHDRAWN', who: ['DRAFTER'], needsComment: true },
  },
});

/** The old table shape (`actor`: the first side of `who`), kept for the demo loader and older callers. */
export interface LetterTransition {
  from: readonly LetterState[];
  to: LetterState;
  actor: LetterActor;
}
export const LETTER_TRANSITIONS: Readonly<Record<LetterAction, LetterTransition>> = Object.fromEntries(
  LetterActionSchema.options.map((a) => {
    const t = LETTER_MACHINE.table[a];
    return [a, { from: t.from, to: t.to as LetterState, actor: t.who[0]! }];
  }),
) as Record<LetterAction, LetterTransition>;

export function nextLetterState(from: LetterState, action: LetterAction): LetterState | null {
  return LETTER_MACHINE.next(from, action);
}

/** A letter has a number in these states (AMENDING keeps the superseded one until reissue). */
export const LETTER_ISSUED_STATES: readonly LetterState[] = [
  'ISSUED',
  'SERVED',
  'OBJECTED',
  'AMENDING',
  'RECTIFYING',
  'REPLIED',
  'EVALUATED',
  'CLOSED',
  'NON_COMPLIANT',
  'ESCALATED',
];
/** The text may change only while drafting/consulting, and while amending after an upheld objection; it is frozen otherwise. */
export const LETTER_EDITABLE_STATES: readonly LetterState[] = ['DRAFTING', 'CONSULTING', 'AMENDING'];

/**
 * 整改任务状态机 (domain.md c.5): the unit submits a plan (任务图、时间表), the supervisor (谁建议谁跟踪)
 * accepts it, the unit reports done with evidence, the supervisor verifies or returns it, 销号 closes it.
 * At the deadline the system marks it overdue; the supervisor escalates (催办 → 约谈 → 通报 → 问责).
 */
export const TASK_STATE_LABELS = {
  ASSIGNED: { zh: '已交办', en: 'Assigned' },
  PLAN_SUBMITTED: { zh: '方案已报送', en: 'Plan submitted' },
  IN_PROGRESS: { zh: '整改中', en: 'In progress' },
  REPORTED_DONE: { zh: '已报告完成', en: 'Reported done' },
  RETURNED: { zh: '已退回', en: 'Returned' },
  VERIFIED: { zh: '已核验', en: 'Verified' },
  CLOSED: { zh: '已销号', en: 'Closed' },
  OVERDUE: { zh: '已逾期', en: 'Overdue' },
  ESCALATED: { zh: '已升级督办', en: 'Escalated' },
} as const satisfies Labelled<string>;
export const TaskStateSchema = z.enum(codesOf(TASK_STATE_LABELS));
export type TaskState = z.infer<typeof TaskStateSchema>;

/**
 * Who acts on a task, relative to it (resolved by the server's policy): the unit's 单位联络人 (UNIT) or
 * the supervisor / staff of the supervising org (SUPERVISOR, 谁建议谁跟踪). An action with no one
 * (`who: []`) is taken by the daily job only (markOverdue).
 */
export type TaskActor = 'UNIT' | 'SUPERVISOR';

export const TASK_ACTION_LABELS = {
  submitPlan: { zh: '报送整改方案', en: 'Submit plan' },
  acceptPlan: { zh: '认可整改方案', en: 'Accept plan' },
  returnPlan: { zh: '退回整改方案', en: 'Return plan' },
  reportProgress: { zh: '报告整改进展', en: 'Report progress' },
  reportDone: { zh: '报告整改完成', en: 'Report done' },
  verify: { zh: '核验通过', en: 'Verify' },
  returnWork: { zh: '核验不通过，退回', en: 'Return' },
  closeOut: { zh: '销号', en: 'Close out' },
  markOverdue: { zh: '逾期', en: 'Mark overdue' },
  escalate: { zh: '升级督办', en: 'Escalate' },
} as const satisfies Labelled<string>;
export const TaskActionSchema = z.enum(codesOf(TASK_ACTION_LABELS));
export type TaskAction = z.infer<typeof TaskActionSchema>;

const OPEN_WORK: readonly TaskState[] = ['IN_PROGRESS', 'RETURNED', 'OVERDUE', 'ESCALATED'];

/** The task's machine: the kernel applies it, `abilities` come from it. */
export const TASK_MACHINE = defineMachine<TaskState, TaskAction, TaskActor>({
  noun: '整改任务',
  states: TASK_STATE_LABELS,
  actions: TASK_ACTION_LABELS,
  actors: { UNIT: '整改单位联络人', SUPERVISOR: '督办人或督办部门（谁建议谁跟踪）' },
  table: {
    submitPlan: { from: ['ASSIGNED', 'PLAN_SUBMITTED', 'OVERDUE', 'ESCALATED'], to: 'PLAN_SUBMITTED', who: ['UNIT'] },
    acceptPlan: { from: ['PLAN_SUBMITTED'], to: 'IN_PROGRESS', who: ['SUPERVISOR'] },
    returnPlan: { from: ['PLAN_SUBMITTED'], to: 'ASSIGNED', who: ['SUPERVISOR'] },
    /** A progress report: the state does not change. */
    reportProgress: { from: OPEN_WORK, to: 'stay', who: ['UNIT'] },
    reportDone: { from: OPEN_WORK, to: 'REPORTED_DONE', who: ['UNIT'] },
    verify: { from: ['REPORTED_DONE'], to: 'VERIFIED', who: ['SUPERVISOR'] },
    returnWork: { from: ['REPORTED_DONE'], to: 'RETURNED', who: ['SUPERVISOR'] },
    closeOut: { from: ['VERIFIED'], to: 'CLOSED', who: ['SUPERVISOR'] },
    /** Only the daily job, at the deadline (nobody by hand). */
    markOverdue: { from: ['ASSIGNED', 'PLAN_SUBMITTED', 'IN_PROGRESS', 'RETURNED'], to: 'OVERDUE', who: [] },
    escalate: { from: ['OVERDUE', 'ESCALATED'], to: 'ESCALATED', who: ['SUPERVISOR'] },
  },
});
export const TASK_TRANSITIONS = TASK_MACHINE.table;

/** Next state of a task for an action, or null when the table forbids it (→ 409). */
export function nextTaskState(from: TaskState, action: TaskAction): TaskState | null {
  return TASK_MACHINE.next(from, action);
}

/** 督办 escalation ladder: 催办 → 约谈 → 通报 → 问责 ("整改走过场、落实打折扣的严肃问责" [C S40]). */
export const ESCALATION_STEP_LABELS = {
  URGE: { zh: '催办', en: 'Urge' },
  TALK: { zh: '约谈', en: 'Summon for a talk' },
  BULLETIN: { zh: '通报', en: 'Bulletin' },
  ACCOUNTABILITY: { zh: '问责', en: 'Accountability' },
} as const satisfies Labelled<string>;
export const EscalationStepSchema = z.enum(codesOf(ESCALATION_STEP_LABELS));
export type EscalationStep = z.infer<typeof EscalationStepSchema>;
const LADDER = EscalationStepSchema.options;

/** The next rung after `current` (null = none yet → 催办); stays at 问责 once reached. */
export function nextEscalationStep(current: EscalationStep | null): EscalationStep {
  if (current === null) return 'URGE';
  return LADDER[Math.min(LADDER.indexOf(current) + 1, LADDER.length - 1)]!;
}
