import type { Role } from '@liandong/domain/access/enums';
import type { ListType } from '@liandong/domain/supervision/enums';
import {
  ITEM_MACHINE,
  ITEM_TRANSITIONS,
  type ItemAction,
  type ItemActor,
  type ItemGuard,
  type ItemState,
  nextState,
} from '@liandong/domain/supervision/machine';
import { SUPERVISION_ROLES } from '@liandong/domain/access/role-sets';
export { SUPERVISION_ROLES };

/*
 * Who may do what with supervision lists and items (domain.md c.3, d). Pure functions over what the
 * server knows of the actor (ActorFacts) and the object; the routes call them to authorise, the
 * presenters attach their answers as `abilities`. Visibility (404) is the repositories' SQL scope.
 *
 * An actor's side on an item (ITEM_TRANSITIONS.actors) is resolved from organisations, not from
 * free-form roles: LEAD/ASSIST = the actor's org is the item's lead/assist org; GROUP = the list's
 * owner group; LIAISON = the list's liaison office (联系室); COORDINATOR = the 党风政风监督室;
 * LEADER = a 分管领导 whose current oversight includes the liaison office, or the 书记.
 */

/** What the server knows of the actor for supervision decisions (loaded once per request). */
export interface ActorFacts {
  userId: string;
  orgId: string;
  roles: readonly Role[];
  /** The commission's 党风政风监督室 (null if the structure has none). */
  coordinatorOfficeId: string | null;
  /** Offices the actor currently oversees as 分管领导 (empty for everyone else). */
  overseenOfficeIds: readonly string[];
  /** The actor's org currently liaises (联系) with at least one group or county. */
  orgIsLiaisonOffice: boolean;
}

export interface ListParties {
  ownerGroupId: string;
  liaisonOfficeId: string;
}

export interface ItemParties extends ListParties {
  leadOrgId: string;
  assistOrgId: string | null;
}

/** Why an action is refused: a missing right (403) or the object's state (409). null = allowed. */
export type Denial = null | { code: 'FORBIDDEN' | 'ILLEGAL_TRANSITION'; message: string };

const has = (f: ActorFacts, role: Role) => f.roles.includes(role);

/** Staff of the 党风政风监督室. */
export function isCoordinator(f: ActorFacts): boolean {
  return f.coordinatorOfficeId !== null && f.orgId === f.coordinatorOfficeId;
}

/** 分管领导 of the liaison office, or the 书记. */
export function isLeaderFor(f: ActorFacts, liaisonOfficeId: string): boolean {
  return has(f, 'SECRETARY') || (has(f, 'DEPUTY_OR_MEMBER') && f.overseenOfficeIds.includes(liaisonOfficeId));
}

/** The actor's sides on a list (GROUP, LIAISON, COORDINATOR, LEADER). */
export function listSides(f: ActorFacts, list: ListParties): Set<ItemActor> {
  const s = new Set<ItemActor>();
  if (f.orgId === list.ownerGroupId) s.add('GROUP');
  if (f.orgId === list.liaisonOfficeId) s.add('LIAISON');
  if (isCoordinator(f)) s.add('COORDINATOR');
  if (isLeaderFor(f, list.liaisonOfficeId)) s.add('LEADER');
  return s;
}

/** The actor's sides on an item: the list sides plus LEAD / ASSIST. */
export function itemSides(f: ActorFacts, item: ItemParties): Set<ItemActor> {
  const s = listSides(f, item);
  if (f.orgId === item.leadOrgId) s.add('LEAD');
  if (item.assistOrgId !== null && f.orgId === item.assistOrgId) s.add('ASSIST');
  return s;
}

const ACTION_ZH: Record<ItemAction, string> = {
  consult: '室组会商',
  approve: '审定',
  start: '启动',
  report: '报告进展',
  recordFinding: '记录发现问题',
  complete: '完成',
  close: '销号',
  reopen: '退回重办',
  requestAdjust: '申请调整',
  approveAdjust: '批准调整',
  rejectAdjust: '驳回调整',
  cancel: '取消',
};
const STATE_ZH: Record<ItemState, string> = {
  DRAFT: '草拟',
  CONSULTED: '已会商',
  APPROVED: '已审定',
  IN_PROGRESS: '推进中',
  ISSUE_FOUND: '发现问题',
  COMPLETED: '已完成',
  CLOSED: '已销号',
  ADJUSTED: '调整待批',
  CANCELLED: '已取消',
};
/** 409 message naming the state and the action. */
export function illegalTransitionMessage(state: ItemState, action: ItemAction): string {
  return `事项当前状态为“${STATE_ZH[state]}”，不能执行“${ACTION_ZH[action]}”`;
}

export interface GuardFacts {
  hasConsultation: boolean;
  hasProgress: boolean;
  hasPendingAdjustment: boolean;
}

export function guardHolds(guard: ItemGuard | undefined, g: GuardFacts): boolean {
  if (guard === 'hasConsultation') return g.hasConsultation;
  if (guard === 'hasProgress') return g.hasProgress;
  if (guard === 'hasPendingAdjustment') return g.hasPendingAdjustment;
  return true;
}

export function guardMessage(guard: ItemGuard): string {
  return ITEM_MACHINE.guardMessage(guard);
}

/** Table (409) then side (403); guards are checked separately so the door can order its checks. */
export function whyNotAction(sides: Set<ItemActor>, item: { state: ItemState; previousState: ItemState | null }, action: ItemAction): Denial {
  if (nextState(item.state, action, item.previousState) === null) return { code: 'ILLEGAL_TRANSITION', message: illegalTransitionMessage(item.state, action) };
  if (!ITEM_TRANSITIONS[action].who.some((a) => sides.has(a))) return { code: 'FORBIDDEN', message: actorMessage(action) };
  return null;
}

/** The 403 message of an action: who may take it. */
export function actorMessage(action: ItemAction): string {
  return ITEM_MACHINE.deniedMessage(action);
}

/** Sides that write the planning of a list (items, edits, 会商 records). */
const PLANNERS: readonly ItemActor[] = ['GROUP', 'LIAISON', 'COORDINATOR'];
const isPlanner = (sides: Set<ItemActor>) => PLANNERS.some((a) => sides.has(a));

export function whyNotUpdateItem(sides: Set<ItemActor>, item: { state: ItemState }): Denial {
  if (!isPlanner(sides)) return { code: 'FORBIDDEN', message: '只有派驻组、联系室或党风政风监督室可以修改事项' };
  if (item.state !== 'DRAFT' && item.state !== 'CONSULTED')
    return { code: 'ILLEGAL_TRANSITION', message: `事项当前状态为“${STATE_ZH[item.state]}”，只能在草拟或已会商时修改` };
  return null;
}

export function whyNotUpdateList(sides: Set<ItemActor>): Denial {
  return isPlanner(sides) ? null : { code: 'FORBIDDEN', message: '只有派驻组、联系室或党风政风监督室可以修改清单' };
}

export function whyNotAddItem(sides: Set<ItemActor>, list: { hasApprovedItems: boolean }): Denial {
  if (!isPlanner(sides)) return { code: 'FORBIDDEN', message: '只有派驻组、联系室或党风政风监督室可以新增事项' };
  if (list.hasApprovedItems) return { code: 'ILLEGAL_TRANSITION', message: '清单已审定，年中新增事项请由分管领导点题派单' };
  return null;
}

export function whyNotRecordConsultation(sides: Set<ItemActor>): Denial {
  return isPlanner(sides) ? null : { code: 'FORBIDDEN', message: '只有派驻组、联系室或党风政风监督室可以记录室组会商' };
}

/** 点题派单: the leader overseeing the list's liaison office, or the 书记. */
export function whyNotOrder(sides: Set<ItemActor>): Denial {
  return sides.has('LEADER') ? null : { code: 'FORBIDDEN', message: '只有分管领导或书记可以点题派单' };
}

/** Who may create a list for a group: the coordinator, the group's liaison office, the group itself for its individual list. */
export function whyNotCreateList(f: ActorFacts, list: ListParties & { type: ListType }): Denial {
  if (isCoordinator(f) && has(f, 'OFFICE_STAFF')) return null;
  if (f.orgId === list.liaisonOfficeId && has(f, 'OFFICE_STAFF')) return null;
  if (f.orgId === list.ownerGroupId && has(f, 'GROUP_STAFF') && list.type === 'INDIVIDUAL') return null;
  return { code: 'FORBIDDEN', message: '只有党风政风监督室、联系室或派驻组（个性清单）可以建立监督清单' };
}

/** Whether the "new list" button shows at all (the per-group rule is checked on submit). */
export function canCreateSomeList(f: ActorFacts): boolean {
  return (has(f, 'OFFICE_STAFF') && (isCoordinator(f) || f.orgIsLiaisonOffice)) || has(f, 'GROUP_STAFF');
}

/** 共性事项 are written and issued by the 党风政风监督室 only. */
export function canIssueCommonItems(f: ActorFacts): boolean {
  return isCoordinator(f) && has(f, 'OFFICE_STAFF');
}

/** The matrix of groups × common items: the coordinator, the leaders, the 书记. */
export function canReadMatrix(f: ActorFacts): boolean {
  return isCoordinator(f) || has(f, 'DEPUTY_OR_MEMBER') || has(f, 'SECRETARY');
}

export interface ItemForAbilities extends ItemParties {
  state: ItemState;
  previousState: ItemState | null;
  hasConsultation: boolean;
  lastProgressAt: unknown;
  pendingAdjustment: unknown;
}

const ACTIONS = Object.keys(ITEM_TRANSITIONS) as ItemAction[];

export function itemAbilities(f: ActorFacts, item: ItemForAbilities) {
  const sides = itemSides(f, item);
  const g: GuardFacts = {
    hasConsultation: item.hasConsultation,
    hasProgress: item.lastProgressAt != null,
    hasPendingAdjustment: item.pendingAdjustment != null,
  };
  const out = { update: whyNotUpdateItem(sides, item) === null } as Record<'update' | ItemAction, boolean>;
  for (const a of ACTIONS) out[a] = whyNotAction(sides, item, a) === null && guardHolds(ITEM_TRANSITIONS[a].guard, g);
  return out as { update: boolean } & Record<ItemAction, boolean>;
}

/** Whether every live (not cancelled) item of a list is at least APPROVED, and there is one. */
export function allLiveApproved(states: readonly ItemState[]): boolean {
  const live = states.filter((s) => s !== 'CANCELLED');
  return live.length > 0 && !live.some((s) => s === 'DRAFT' || s === 'CONSULTED');
}

/**
 * 印发 of a list as a 通知 (issue 14): by the staff of the list's coordinator office (党风政风监督室, set on the
 * list at creation) only — 403 for anyone else who sees the list; once (409); after approval (409).
 */
export function whyNotIssueList(f: ActorFacts, list: { coordinatorOfficeId: string; docNo: string | null; allApproved: boolean }): Denial {
  if (f.orgId !== list.coordinatorOfficeId || !has(f, 'OFFICE_STAFF')) return { code: 'FORBIDDEN', message: '只有党风政风监督室可以印发监督清单' };
  if (list.docNo) return { code: 'ILLEGAL_TRANSITION', message: `清单已印发（${list.docNo}），不能重复印发` };
  if (!list.allApproved) return { code: 'ILLEGAL_TRANSITION', message: '清单尚有未审定的事项，不能印发' };
  return null;
}

export interface ListForAbilities extends ListParties {
  coordinatorOfficeId: string;
  docNo: string | null;
  allApproved: boolean;
  approvedAt: unknown;
  hasApprovedItems: boolean;
  hasConsultation: boolean;
  draftCount: number;
  consultedCount: number;
}

export function listAbilities(f: ActorFacts, list: ListForAbilities) {
  const sides = listSides(f, list);
  return {
    update: whyNotUpdateList(sides) === null && list.docNo === null,
    addItem: whyNotAddItem(sides, list) === null,
    consult: list.draftCount > 0 && list.hasConsultation && ITEM_TRANSITIONS.consult.who.some((a) => sides.has(a)),
    approve: list.consultedCount > 0 && ITEM_TRANSITIONS.approve.who.some((a) => sides.has(a)),
    order: whyNotOrder(sides) === null,
    exportDocx: list.approvedAt != null,
    issue: whyNotIssueList(f, list) === null,
  };
}
