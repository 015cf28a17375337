import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/**
 * 监督事项状态机 (domain.md c.3). The only code that writes `supervision_item.state` is the server's
 * `transition()`, which checks this table, the actor's side (policy) and the guard in one transaction.
 */
export const ITEM_STATE_LABELS = {
  DRAFT: { zh: '草拟', en: 'Draft' },
  CONSULTED: { zh: '已会商', en: 'Consulted' },
  APPROVED: { zh: '已审定', en: 'Approved' },
  IN_PROGRESS: { zh: '推进中', en: 'In progress' },
  ISSUE_FOUND: { zh: '发现问题', en: 'Issue found' },
  COMPLETED: { zh: '已完成', en: 'Completed' },
  CLOSED: { zh: '已销号', en: 'Closed' },
  ADJUSTED: { zh: '调整待批', en: 'Adjustment pending' },
  CANCELLED: { zh: '已取消', en: 'Cancelled' },
} as const satisfies Labelled<string>;
export const ItemStateSchema = z.enum(codesOf(ITEM_STATE_LABELS));
export type ItemState = z.infer<typeof ItemStateSchema>;

export const ITEM_ACTION_LABELS = {
  consult: { zh: '室组会商', en: 'Consult' },
  approve: { zh: '审定', en: 'Approve' },
  start: { zh: '启动', en: 'Start' },
  report: { zh: '报告进展', en: 'Report progress' },
  recordFinding: { zh: '记录发现问题', en: 'Record a finding' },
  complete: { zh: '完成', en: 'Complete' },
  close: { zh: '销号', en: 'Close out' },
  reopen: { zh: '退回重办', en: 'Return' },
  requestAdjust: { zh: '申请调整', en: 'Request adjustment' },
  approveAdjust: { zh: '批准调整', en: 'Approve adjustment' },
  rejectAdjust: { zh: '驳回调整', en: 'Reject adjustment' },
  cancel: { zh: '取消', en: 'Cancel' },
} as const satisfies Labelled<string>;
export const ItemActionSchema = z.enum(codesOf(ITEM_ACTION_LABELS));
export type ItemAction = z.infer<typeof ItemActionSchema>;

/**
 * Who may take an action, as roles relative to the item (resolved by the server's policy):
 * - LEAD / ASSIST: staff of the lead / assist org of the item;
 * - LIAISON: staff of the list's liaison office (联系室);
 * - COORDINATOR: staff of the 党风政风监督室;
 * - LEADER: the 分管领导 overseeing the liaison office, or the 书记.
 */
export type ItemActor = 'LEAD' | 'ASSIST' | 'LIAISON' | 'COORDINATOR' | 'LEADER' | 'GROUP';

/** Guard names the server evaluates (see supervision/service). */
export type ItemGuard = 'hasConsultation' | 'hasProgress' | 'noOpenFinding' | 'hasPendingAdjustment';

export interface ItemTransition {
  from: readonly ItemState[];
  to: ItemState | 'SAME' | 'PREVIOUS';
  actors: readonly ItemActor[];
  guard?: ItemGuard;
  /** A comment is required (returning work, refusing, cancelling must say why). */
  needsComment?: boolean;
}

const ACTIVE: readonly ItemState[] = ['APPROVED', 'IN_PROGRESS', 'ISSUE_FOUND'];

export const ITEM_TRANSITIONS: Readonly<Record<ItemAction, ItemTransition>> = {
  /** 室组会商: the group and its liaison office agree the draft (a consultation record must exist). */
  consult: { from: ['DRAFT'], to: 'CONSULTED', actors: ['GROUP', 'LIAISON', 'COORDINATOR'], guard: 'hasConsultation' },
  /** 党风政风监督室汇总、分管领导审定. */
  approve: { from: ['CONSULTED'], to: 'APPROVED', actors: ['LEADER'] },
  start: { from: ['APPROVED'], to: 'IN_PROGRESS', actors: ['LEAD'] },
  /** Periodic progress report (监督重点任务清单报告表); the state does not change. */
  report: { from: ['IN_PROGRESS', 'ISSUE_FOUND'], to: 'SAME', actors: ['LEAD', 'ASSIST'] },
  recordFinding: { from: ['IN_PROGRESS', 'ISSUE_FOUND'], to: 'ISSUE_FOUND', actors: ['LEAD', 'ASSIST'] },
  complete: { from: ['IN_PROGRESS', 'ISSUE_FOUND'], to: 'COMPLETED', actors: ['LEAD'], guard: 'hasProgress' },
  /** 销号 by the liaison office or the coordinator after verification. */
  close: { from: ['COMPLETED'], to: 'CLOSED', actors: ['LIAISON', 'COORDINATOR'] },
  reopen: { from: ['COMPLETED'], to: 'IN_PROGRESS', actors: ['LIAISON', 'COORDINATOR'], needsComment: true },
  /** Mid-year adjustment (点题派单 changes, C S54): proposed by either side, approved by the leader. */
  requestAdjust: { from: ACTIVE, to: 'ADJUSTED', actors: ['LEAD', 'LIAISON', 'COORDINATOR'], needsComment: true },
  approveAdjust: { from: ['ADJUSTED'], to: 'PREVIOUS', actors: ['LEADER'], guard: 'hasPendingAdjustment' },
  rejectAdjust: { from: ['ADJUSTED'], to: 'PREVIOUS', actors: ['LEADER'], needsComment: true },
  cancel: { from: ['DRAFT', 'CONSULTED', ...ACTIVE, 'ADJUSTED'], to: 'CANCELLED', actors: ['LEADER'], needsComment: true },
};

/** States in which the item is finished for 督办 purposes. */
export const DONE_STATES: readonly ItemState[] = ['COMPLETED', 'CLOSED', 'CANCELLED'];
/** States in which the deadline runs (lights and reminders apply). */
export const RUNNING_STATES: readonly ItemState[] = ['APPROVED', 'IN_PROGRESS', 'ISSUE_FOUND', 'ADJUSTED'];

/** Next state for an action from a state, or null when the table forbids it (→ 409). */
export function nextState(from: ItemState, action: ItemAction, previous: ItemState | null): ItemState | null {
  const t = ITEM_TRANSITIONS[action];
  if (!t.from.includes(from)) return null;
  if (t.to === 'SAME') return from;
  if (t.to === 'PREVIOUS') return previous && previous !== 'ADJUSTED' ? previous : null;
  return t.to;
}
