import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';

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

const ACTIVE: readonly ItemState[] = ['APPROVED', 'IN_PROGRESS', 'ISSUE_FOUND'];

/** The item's machine: the kernel applies it, `abilities` come from it. */
export const ITEM_MACHINE = defineMachine<ItemState, ItemAction, ItemActor, ItemGuard>({
  noun: '监督事项',
  states: ITEM_STATE_LABELS,
  actions: ITEM_ACTION_LABELS,
  actors: { LEAD: '牵头方', ASSIST: '协助方', GROUP: '派驻组', LIAISON: '联系室', COORDINATOR: '党风政风监督室', LEADER: '分管领导或书记' },
  guards: {
    hasConsultation: '须先记录室组会商',
    hasProgress: '须至少报告一次进展',
    noOpenFinding: '尚有未处置的问题',
    hasPendingAdjustment: '没有待批准的调整内容',
  },
  table: {
    /** 室组会商: the group and its liaison office agree the draft (a consultation record must exist). */
    consult: { from: ['DRAFT'], to: 'CONSULTED', who: ['GROUP', 'LIAISON', 'COORDINATOR'], guard: 'hasConsultation' },
    /** 党风政风监督室汇总、分管领导审定. */
    approve: { from: ['CONSULTED'], to: 'APPROVED', who: ['LEADER'] },
    start: { from: ['APPROVED'], to: 'IN_PROGRESS', who: ['LEAD'] },
    /** Periodic progress report (监督重点任务清单报告表); the state does not change. */
    report: { from: ['IN_PROGRESS', 'ISSUE_FOUND'], to: 'stay', who: ['LEAD', 'ASSIST'] },
    recordFinding: { from: ['IN_PROGRESS', 'ISSUE_FOUND'], to: 'ISSUE_FOUND', who: ['LEAD', 'ASSIST'] },
    complete: { from: ['IN_PROGRESS', 'ISSUE_FOUND'], to: 'COMPLETED', who: ['LEAD'], guard: 'hasProgress' },
    /** 销号 by the liaison office or the coordinator after verification. */
    close: { from: ['COMPLETED'], to: 'CLOSED', who: ['LIAISON', 'COORDINATOR'] },
    reopen: { from: ['COMPLETED'], to: 'IN_PROGRESS', who: ['LIAISON', 'COORDINATOR'], needsComment: true },
    /** Mid-year adjustment (点题派单 changes, C S54): proposed by either side, approved by the leader. */
    requestAdjust: { from: ACTIVE, to: 'ADJUSTED', who: ['LEAD', 'LIAISON', 'COORDINATOR'], needsComment: true },
    approveAdjust: { from: ['ADJUSTED'], to: 'back', who: ['LEADER'], guard: 'hasPendingAdjustment' },
    rejectAdjust: { from: ['ADJUSTED'], to: 'back', who: ['LEADER'], needsComment: true },
    cancel: { from: ['DRAFT', 'CONSULTED', ...ACTIVE, 'ADJUSTED'], to: 'CANCELLED', who: ['LEADER'], needsComment: true },
  },
});
export const ITEM_TRANSITIONS = ITEM_MACHINE.table;

/** States in which the item is finished for 督办 purposes. */
export const DONE_STATES: readonly ItemState[] = ['COMPLETED', 'CLOSED', 'CANCELLED'];
/** States in which the deadline runs (lights and reminders apply). */
export const RUNNING_STATES: readonly ItemState[] = ['APPROVED', 'IN_PROGRESS', 'ISSUE_FOUND', 'ADJUSTED'];

/** Next state for an action from a state, or null when the table forbids it (→ 409). */
export function nextState(from: ItemState, action: ItemAction, previous: ItemState | null): ItemState | null {
  return ITEM_MACHINE.next(from, action, previous);
}
