import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';
import { INTEGRITY_STATE_LABELS, type IntegrityState } from './enums';

/**
 * 党风廉政意见回复状态机: DRAFT → SUBMITTED → APPROVED → ISSUED, with SUBMITTED → RETURNED → SUBMITTED
 * for a reply the leader sends back. Only the workflow kernel writes integrity_reply.state.
 * - The 干部监督室 (DRAFTER) submits once every cadre has a conclusion, and numbers the approved reply.
 * - The 书记 or the leader overseeing the 干部监督室 (APPROVER) approves (签发) or returns it with a
 *   reason; four eyes: never the one who drafted or submitted it (guard `notDrafter`).
 * - The 发文字号 is taken only by `issue`, after 签发 — never on a draft.
 */
export const INTEGRITY_ACTION_LABELS = {
  submit: { zh: '提交审批', en: 'Submit' },
  returnDraft: { zh: '退回修改', en: 'Return' },
  approve: { zh: '审批签发', en: 'Approve' },
  issue: { zh: '编号印发', en: 'Issue' },
} as const satisfies Labelled<string>;
export const IntegrityActionSchema = z.enum(codesOf(INTEGRITY_ACTION_LABELS), '操作类型不正确');
export type IntegrityAction = z.infer<typeof IntegrityActionSchema>;

/** Roles on a reply, resolved by the server's policy. */
export type IntegrityActor = 'DRAFTER' | 'APPROVER';

/** allConcluded: every cadre has a conclusion and its text; notDrafter: four-eyes on the sign-off. */
export type IntegrityGuard = 'allConcluded' | 'notDrafter';

export const INTEGRITY_MACHINE = defineMachine<IntegrityState, IntegrityAction, IntegrityActor, IntegrityGuard>({
  noun: '党风廉政意见回复',
  states: INTEGRITY_STATE_LABELS,
  actions: INTEGRITY_ACTION_LABELS,
  table: {
    submit: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED', who: ['DRAFTER'], guard: 'allConcluded' },
    returnDraft: { from: ['SUBMITTED'], to: 'RETURNED', who: ['APPROVER'], needsComment: true },
    approve: { from: ['SUBMITTED'], to: 'APPROVED', who: ['APPROVER'], guard: 'notDrafter' },
    issue: { from: ['APPROVED'], to: 'ISSUED', who: ['DRAFTER'] },
  },
});

/** States in which the drafters may still edit cadres, conclusions and collect evidence. */
export const INTEGRITY_EDITABLE_STATES: readonly IntegrityState[] = ['DRAFT', 'RETURNED'];
