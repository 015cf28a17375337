import type { InspectionActionBody } from '@liandong/domain/inspections/contracts';
import { INSPECTION_ACTION_LABELS, INSPECTION_MACHINE, type InspectionAction, type InspectionActor } from '@liandong/domain/inspections/machine';
import type { InspectionState } from '@liandong/domain/inspections/enums';
import { sql } from 'kysely';
import { todayIso } from '../../platform/calendar';
import { AppError, businessRule } from '../../platform/errors';
import type { TransitionInput, Workflow } from '../../platform/workflow';
import { actorKinds, type Relations, relationColumns } from './relations';
import { inspectionVisible } from '../visibility';

/*
 * The check's workflow for the kernel (platform/workflow.ts): the lock inside `inspectionVisible` (a secret
 * check is a 404 to whoever may not see it), the caller's relations (四眼: never the check's own planner or
 * team as its approver), the guards (approve once; done only
 * when approved and on or after the visit date), the report and reason written with the state, the
 * timeline in inspection_event and notices to the team — only to who may open the check.
 */

export type InspectionInput = InspectionActionBody & TransitionInput<InspectionAction>;

export interface LockedInspection extends Relations {
  id: string;
  commission_id: string;
  campaign_id: string;
  title: string;
  visit_on: string;
  state: InspectionState;
  approved_by: string | null;
  created_by: string;
  version: number;
}

export const inspectionWorkflow: Workflow<LockedInspection, InspectionState, InspectionAction, InspectionActor, InspectionInput> = {
  machine: INSPECTION_MACHINE,
  table: 'inspection',
  objectType: 'inspection',
  scope: { alias: 'i', visible: (a) => inspectionVisible(a, 'i') },
  events: { table: 'inspection_event', key: 'inspection_id', payload: false },
  auditType: () => 'inspection.transitioned',
  async lock(ctx, id) {
    const { rows } = await sql<LockedInspection>`SELECT i.id, i.commission_id, i.campaign_id, i.title, to_char(i.visit_on, 'YYYY-MM-DD') AS visit_on,
        i.state, i.approved_by, i.created_by, i.version, ${relationColumns(ctx.actor)}
      FROM inspection i JOIN campaign c ON c.id = i.campaign_id
      WHERE i.id = ${id}::uuid AND ${inspectionVisible(ctx.actor, 'i')} FOR UPDATE OF i`.execute(ctx.trx);
    return rows[0];
  },
  roles: (_ctx, row, input) => actorKinds(row, input?.action),
  deniedMessage(action) {
    // 四眼: the planner and the team are refused with the same words as anyone else who may not approve.
    if (action === 'approve') return '检查计划须由计划人和检查组成员以外的书记、分管领导或专班组长审批';
    return `“${INSPECTION_ACTION_LABELS[action].zh}”须由检查组组长、牵头部门或专班组长办理`;
  },
  async guard(_ctx, row, input) {
    if (input.action === 'approve' && row.approved_by) throw new AppError('CONFLICT', '该检查计划已审批');
    if (input.action === 'complete') {
      if (!row.approved_by) throw businessRule('检查计划尚未审批，不能完成检查');
      if (row.visit_on > todayIso()) throw businessRule(`计划检查日期（${row.visit_on}）未到，不能完成检查`);
    }
  },
  async effects(ctx, _row, input) {
    if (input.action === 'approve') return { set: { approved_by: ctx.actor.userId, approved_at: sql`now()` } };
    if (input.action === 'complete') return { set: { report: input.report, done_on: todayIso() } };
    return { set: { cancel_reason: input.comment } };
  },
  notices: {
    kind: 'inspection',
    name: (row) => `检查“${row.title.length > 30 ? `${row.title.slice(0, 30)}…` : row.title}”`,
    link: (row) => `/campaigns/${row.campaign_id}/inspections?open=${row.id}`,
    async audiences(ctx, row) {
      const { rows } = await sql<{ user_id: string }>`SELECT user_id FROM inspection_team WHERE inspection_id = ${row.id}::uuid`.execute(ctx.trx);
      // The team and whoever planned the check (the kernel keeps only who may open it, never the actor).
      return [{ users: [...rows.map((r) => r.user_id), row.created_by] }];
    },
  },
};
