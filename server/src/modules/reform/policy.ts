import type { Role } from '@liandong/domain/access/enums';
import type { TaskAbilities } from '@liandong/domain/reform/contracts-reform';
import { TASK_ACTION_LABELS, TASK_MACHINE, type TaskAction, type TaskActor, type TaskState } from '@liandong/domain/reform/machine';
import type { RecordActor } from '@liandong/domain/reform/record-machine';
import { type Actor, hasAnyRole } from '../../platform/access';
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

/**
 * The sides the actor holds on a task (TASK_MACHINE's `who`): UNIT — a 单位联络人 of the task's unit;
 * SUPERVISOR — the supervisor (谁建议谁跟踪) or staff of the supervising org. Nobody holds the job's side.
 */
export function taskRoles(actor: Actor, t: Pick<TaskFacts, 'unit_org_id' | 'supervisor_user_id' | 'supervisor_org_id'>): TaskActor[] {
  const roles: TaskActor[] = [];
  if (hasAnyRole(actor, ['UNIT_LIAISON']) && actor.orgId === t.unit_org_id) roles.push('UNIT');
  if (actor.userId === t.supervisor_user_id || (hasAnyRole(actor, REFORM_STAFF_ROLES) && actor.orgId === t.supervisor_org_id)) roles.push('SUPERVISOR');
  return roles;
}

const TASK_ACTIONS = Object.keys(TASK_ACTION_LABELS) as TaskAction[];

/** What the actor may do on the task now: the machine's abilities for the actor's sides. */
export function taskAbilities(actor: Actor, t: TaskFacts): TaskAbilities {
  const allowed = new Set(TASK_MACHINE.abilities(t.state, taskRoles(actor, t)));
  return Object.fromEntries(TASK_ACTIONS.map((a) => [a, allowed.has(a)])) as TaskAbilities;
}

/**
 * Staff of one of the record's owner orgs — the lead or a co-owner of a jointly run 以案促改 — (or the
 * commission-wide roles) change a reform record: every owner works on it as the lead does.
 */
export function canEditRecord(actor: Actor, r: { owner_org_id: string; co_owner_org_ids: readonly string[] }): boolean {
  if (hasAnyRole(actor, REFORM_WIDE_ROLES)) return true;
  return hasAnyRole(actor, REFORM_STAFF_ROLES) && (actor.orgId === r.owner_org_id || r.co_owner_org_ids.includes(actor.orgId));
}

/**
 * Who sets the co-owner orgs: the lead owner org's staff and the commission-wide roles — a co-owner works
 * on the record but does not decide who else owns it (nor remove the others).
 */
export function canManageRecordOwners(actor: Actor, r: { owner_org_id: string }): boolean {
  return hasAnyRole(actor, REFORM_WIDE_ROLES) || (hasAnyRole(actor, REFORM_STAFF_ROLES) && actor.orgId === r.owner_org_id);
}

/** The sides the actor holds on a reform record (RECORD_MACHINE's `who`). */
export function recordRoles(actor: Actor, r: { owner_org_id: string; co_owner_org_ids: readonly string[] }): RecordActor[] {
  return canEditRecord(actor, r) ? ['OWNER'] : [];
}

export function canCreate(actor: Actor): boolean {
  return hasAnyRole(actor, REFORM_CREATE_ROLES);
}

/** Accountability records are changed by staff of their owner org or the commission-wide roles. */
export function canEditAccountability(actor: Actor, a: { owner_org_id: string }): boolean {
  return hasAnyRole(actor, REFORM_WIDE_ROLES) || (hasAnyRole(actor, REFORM_CREATE_ROLES) && actor.orgId === a.owner_org_id);
}
