import type { InspectionState } from '@liandong/domain/inspections/enums';
import { INSPECTION_MACHINE, type InspectionAction, InspectionActionSchema, type InspectionActor } from '@liandong/domain/inspections/machine';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access';
import { approverOf, onTeam, plannerOf } from '../visibility';

/*
 * The caller's relations to a check, computed in SQL beside the row (PLANNER, APPROVER, TEAM_LEADER, plain
 * team membership, and whether the caller planned this very check): what the machine's `who`, the
 * findings' rights and the abilities read.
 */

export interface Relations {
  is_planner: boolean;
  is_approver: boolean;
  is_team_leader: boolean;
  is_team: boolean;
  /** The caller planned this check (inspection.created_by). */
  is_creator: boolean;
}

/** SQL select list of the relations of the actor to `inspection i` joined with `campaign c`. */
export const relationColumns = (actor: Actor) => sql`${plannerOf(actor, 'c')} AS is_planner, ${approverOf(actor, 'c')} AS is_approver,
  EXISTS (SELECT 1 FROM inspection_team tl WHERE tl.inspection_id = i.id AND tl.user_id = ${actor.userId}::uuid AND tl.role = 'LEADER') AS is_team_leader,
  ${onTeam(actor, 'i')} AS is_team, i.created_by = ${actor.userId}::uuid AS is_creator`;

/**
 * 四眼原则: whoever planned the check or sits on its team may not approve it — approval is the check of an
 * independent leader on the plan (who goes where, when, unannounced), so a 专班 co-leader or a 书记 who
 * planned it or joins it would be approving his own plan.
 */
export const isOwnPlan = (r: Pick<Relations, 'is_creator' | 'is_team'>) => r.is_creator || r.is_team;

/**
 * The machine's actor kinds the caller holds on the check for `action`. APPROVER is withheld from the
 * check's own planner and team for `approve`: they may still stop (cancel) a plan they could otherwise
 * approve. Without an action (an ability list not asked per action) it is withheld too — deny by default;
 * `inspectionActions` asks per action.
 */
export function actorKinds(r: Relations, action?: InspectionAction): InspectionActor[] {
  const kinds: InspectionActor[] = [];
  if (r.is_planner) kinds.push('PLANNER');
  if (r.is_approver && (!isOwnPlan(r) || (action !== undefined && action !== 'approve'))) kinds.push('APPROVER');
  if (r.is_team_leader) kinds.push('TEAM_LEADER');
  return kinds;
}

/** The check's `abilities.actions` for the caller: the machine's answer per action (approve once, 四眼). */
export function inspectionActions(r: Relations & { state: InspectionState; approved_by: string | null }): InspectionAction[] {
  return InspectionActionSchema.options.filter(
    (a) => INSPECTION_MACHINE.abilities(r.state, actorKinds(r, a)).includes(a) && (a !== 'approve' || r.approved_by === null),
  );
}

/** Findings are recorded by the team and the planners (the approvers read them). */
export const mayRecordFindings = (r: Relations) => r.is_team || r.is_planner;
