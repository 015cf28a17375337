import type { InspectionActor } from '@liandong/domain/inspections/machine';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access';
import { approverOf, onTeam, plannerOf } from '../visibility';

/*
 * The caller's relations to a check, computed in SQL beside the row (PLANNER, APPROVER, TEAM_LEADER and
 * plain team membership): what the machine's `who`, the findings' rights and the abilities read.
 */

export interface Relations {
  is_planner: boolean;
  is_approver: boolean;
  is_team_leader: boolean;
  is_team: boolean;
}

/** SQL select list of the relations of the actor to `inspection i` joined with `campaign c`. */
export const relationColumns = (actor: Actor) => sql`${plannerOf(actor, 'c')} AS is_planner, ${approverOf(actor, 'c')} AS is_approver,
  EXISTS (SELECT 1 FROM inspection_team tl WHERE tl.inspection_id = i.id AND tl.user_id = ${actor.userId}::uuid AND tl.role = 'LEADER') AS is_team_leader,
  ${onTeam(actor, 'i')} AS is_team`;

/** The machine's actor kinds the caller holds on the check. */
export function actorKinds(r: Relations): InspectionActor[] {
  const kinds: InspectionActor[] = [];
  if (r.is_planner) kinds.push('PLANNER');
  if (r.is_approver) kinds.push('APPROVER');
  if (r.is_team_leader) kinds.push('TEAM_LEADER');
  return kinds;
}

/** Findings are recorded by the team and the planners (the approvers read them). */
export const mayRecordFindings = (r: Relations) => r.is_team || r.is_planner;
