import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';
import { INSPECTION_STATE_LABELS, type InspectionState } from './enums';

/**
 * 检查状态机: a planned check is approved by the 书记 or the leader overseeing the campaign's lead office
 * (approval does not change the state), done on or after its visit date with the visit report, or
 * cancelled with a reason. Only the server's workflow kernel writes inspection.state.
 */
export const INSPECTION_ACTION_LABELS = {
  approve: { zh: '审批检查计划', en: 'Approve' },
  complete: { zh: '完成检查', en: 'Mark done' },
  cancel: { zh: '取消检查', en: 'Cancel' },
} as const satisfies Labelled<string>;
export const InspectionActionSchema = z.enum(codesOf(INSPECTION_ACTION_LABELS));
export type InspectionAction = z.infer<typeof InspectionActionSchema>;

/**
 * Who acts on a check, relative to it: PLANNER (staff of the campaign's lead office, the 专班 co-leaders),
 * APPROVER (the 书记, the leader overseeing the lead office, the 专班 co-leaders — for `approve` never the
 * check's own planner or a member of its team: 四眼), TEAM_LEADER (the check team's 组长).
 */
export type InspectionActor = 'PLANNER' | 'APPROVER' | 'TEAM_LEADER';

/** notApproved: approve once; approvedAndDue: done only when approved and the visit date has come. */
export type InspectionGuard = 'notApproved' | 'approvedAndDue';

export const INSPECTION_MACHINE = defineMachine<InspectionState, InspectionAction, InspectionActor, InspectionGuard>({
  noun: '检查',
  states: INSPECTION_STATE_LABELS,
  actions: INSPECTION_ACTION_LABELS,
  table: {
    approve: { from: ['PLANNED'], to: 'stay', who: ['APPROVER'], guard: 'notApproved' },
    complete: { from: ['PLANNED'], to: 'DONE', who: ['TEAM_LEADER', 'PLANNER'], guard: 'approvedAndDue' },
    cancel: { from: ['PLANNED'], to: 'CANCELLED', who: ['PLANNER', 'APPROVER'], needsComment: true },
  },
});
