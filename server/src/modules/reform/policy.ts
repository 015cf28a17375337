import type { Role } from '@liandong/domain/access/enums';
import type { TaskAbilities } from '@liandong/domain/reform/contracts-reform';
import { nextTaskState, TASK_ACTION_LABELS, TASK_TRANSITIONS, type TaskAction, type TaskState } from '@liandong/domain/reform/machine';
import { type Actor, hasAnyRole } from '../../platform/access';
import { AppError } from '../../platform/errors';
import { REFORM_SCOPED_ROLES, REFORM_STAFF_ROLES, REFORM_WIDE_ROLES } from '../visibility';

/*
 * Who may do what in 以案促改 (beyond seeing it, which modules/visibility/reform.ts decides):
 * - rectification tasks (c.5): UNIT actions only by a 单位联络人 (UNIT_LIAISON) of the task's unit;
 *   SUPERVISOR actions only by the supervisor (谁建议谁跟踪) or staff of the supervising org; SYSTEM
 *   actions (markOverdue) only by the daily job;
 * - creating tasks, reform records and accountability records: commission staff of the supervising
 *   roles (wide and scoped), never the liaison or the trial office;
 * - a reform record: changed by staff of its owner org; problems added by them and by the case team.
 */

/** Staff who open reform records, create tasks by hand and record accountability. */
export const REFORM_CREATE_ROLES: readonly Role[] = [...REFORM_WIDE_ROLES, ...REFORM_SCOPED_ROLES];

export interface TaskFacts {
  unit_org_id: string;
  supervisor_user_id: string;
  supervisor_org_id: string;
  state: TaskState;
}

export interface TaskSides {
  unit: boolean;
  supervisor: boolean;
}

export function taskSides(actor: Actor, t: Pick<TaskFacts, 'unit_org_id' | 'supervisor_user_id' | 'supervisor_org_id'>): TaskSides {
  return {
    unit: hasAnyRole(actor, ['UNIT_LIAISON']) && actor.orgId === t.unit_org_id,
    supervisor: actor.userId === t.supervisor_user_id || (hasAnyRole(actor, REFORM_STAFF_ROLES) && actor.orgId === t.supervisor_org_id),
  };
}

/** Why the actor may not take the action on the task now (null: allowed). Actor first (403), then the table (409). */
export function whyNotTaskAction(sides: TaskSides, state: TaskState, action: TaskAction): AppError | null {
  const t = TASK_TRANSITIONS[action];
  if (t.actor === 'SYSTEM') return new AppError('FORBIDDEN', '逾期由系统每日自动标记，不能手工操作');
  if (t.actor === 'UNIT' && !sides.unit) return new AppError('FORBIDDEN', `“${TASK_ACTION_LABELS[action].zh}”须由整改单位联络人办理`);
  if (t.actor === 'SUPERVISOR' && !sides.supervisor) {
    return new AppError('FORBIDDEN', `“${TASK_ACTION_LABELS[action].zh}”须由督办人或督办部门办理（谁建议谁跟踪）`);
  }
  if (nextTaskState(state, action) === null) {
    return new AppError('ILLEGAL_TRANSITION', `当前状态下不能“${TASK_ACTION_LABELS[action].zh}”`, { state, action });
  }
  return null;
}

export function taskAbilities(actor: Actor, t: TaskFacts): TaskAbilities {
  const sides = taskSides(actor, t);
  const can = (a: TaskAction) => whyNotTaskAction(sides, t.state, a) === null;
  return {
    submitPlan: can('submitPlan'),
    acceptPlan: can('acceptPlan'),
    returnPlan: can('returnPlan'),
    reportProgress: can('reportProgress'),
    reportDone: can('reportDone'),
    verify: can('verify'),
    returnWork: can('returnWork'),
    closeOut: can('closeOut'),
    markOverdue: false,
    escalate: can('escalate'),
  };
}

export function canCreate(actor: Actor): boolean {
  return hasAnyRole(actor, REFORM_CREATE_ROLES);
}

/** Staff of the record's owner org (or the commission-wide roles) change a reform record. */
export function canEditRecord(actor: Actor, r: { owner_org_id: string }): boolean {
  return hasAnyRole(actor, REFORM_WIDE_ROLES) || (hasAnyRole(actor, REFORM_STAFF_ROLES) && actor.orgId === r.owner_org_id);
}

/** Accountability records are changed by staff of their owner org or the commission-wide roles. */
export function canEditAccountability(actor: Actor, a: { owner_org_id: string }): boolean {
  return hasAnyRole(actor, REFORM_WIDE_ROLES) || (hasAnyRole(actor, REFORM_CREATE_ROLES) && actor.orgId === a.owner_org_id);
}
