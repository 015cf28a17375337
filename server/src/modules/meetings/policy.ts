import type { Role } from '@liandong/domain/access/enums';
import type { DecisionActor, MeetingActor } from '@liandong/domain/meetings/machine';
import type { Actor } from '../../platform/access';

/*
 * Who does what to a meeting and its decisions (issue 11). Reading is the visibility predicates'
 * business (modules/visibility/meetings.ts); these are the roles an actor holds on one row.
 */

/** Who registers a meeting: the leaders and the offices that do the 会务 (办公室, 党风政风监督室 …). */
export const MEETING_CREATE_ROLES: readonly Role[] = ['SECRETARY', 'DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE', 'OFFICE_STAFF'];

/** The chair (主持人) and whoever registered the meeting run it: hold, edit, decide, issue the 纪要, cancel. */
export function meetingRoles(actor: Actor, m: { chair_user_id: string; created_by: string }): MeetingActor[] {
  const roles: MeetingActor[] = [];
  if (m.chair_user_id === actor.userId) roles.push('CHAIR');
  if (m.created_by === actor.userId) roles.push('ORGANISER');
  return roles;
}

/**
 * The staff of the decision's owner org (承办单位) report on it: the account's own org, not a wider scope
 * (a 分管领导 overseeing the org follows the decision but does not report in its name).
 */
export function decisionRoles(actor: Actor, d: { owner_org_id: string }): DecisionActor[] {
  const staff: readonly Role[] = ['OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF', 'CASE_MANAGER', 'PETITION_OFFICER', 'TRIAL_STAFF', 'CADRE_SUPERVISION'];
  return actor.orgId === d.owner_org_id && actor.roles.some((r) => staff.includes(r)) ? ['OWNER'] : [];
}
