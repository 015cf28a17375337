import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole, inOrgScope, recordVisible } from '../../platform/access';
import { campaignMemberArm } from './campaigns';
import { type SharedRead, sharedTo } from './shares';
import { CASE_BOOK_ROLES, CASE_SCOPED_ROLES, CASE_READ_ROLES } from '@liandong/domain/access/role-sets';
export { CASE_BOOK_ROLES, CASE_SCOPED_ROLES, CASE_READ_ROLES };

/**
 * Who sees which case (domain.md d, issue 4): the one definition every case query uses.
 *
 * - The 书记 and the 案管室 see every case of their commission (the 案管室 oversees the process).
 * - 分管领导, county staff and dispatched-group staff see the cases their scope leads (lead_org_id in
 *   scope): what a leader oversees, a county's own cases, a group's own cases.
 * - 审查调查室 and other office staff see case content only while on its team (室组联合办案: members drawn
 *   from offices, groups and counties see the case for as long as they are on the team).
 * - 审理室 staff see cases once transferred to trial — never one whose investigation team they were on.
 * - A member of a campaign's 工作专班 sees, for the membership's dates, the cases filed on the campaign's
 *   clues (issue 10: a case belongs to a campaign through the clue it was filed on).
 * - With `shared` (ledger, detail, search, export, dashboard): the staff of an org holding a 信息互通 grant
 *   in force on the case or on its lead org's cases (visibility/shares.ts).
 * - Standing committee: aggregates only; unit liaisons and the 三员: nothing.
 */

/** States from the transfer to trial on: what 审理室 staff may see. */
export const TRIAL_VISIBLE_STATES = [
  'IN_TRIAL',
  'SUPPLEMENT_REQUESTED',
  'TRIAL_DELIBERATED',
  'DECIDED',
  'PROSECUTION_TRANSFERRED',
  'SANCTION_ANNOUNCED',
  'EXECUTED',
  'ARCHIVED',
] as const;

/** SQL predicate over a `case_file` row aliased `t` (default 'case_file'). */
export function caseVisible(actor: Actor, t = 'case_file', opts: { shared?: SharedRead } = {}): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  const sameCommission = sql<boolean>`${col('commission_id')} = ${actor.commissionId}::uuid`;
  const record = recordVisible(actor, { classification: `${t}.classification`, objectType: 'case', id: `${t}.id` });
  if (hasAnyRole(actor, CASE_BOOK_ROLES)) return sql<boolean>`(${sameCommission} AND ${record})`;

  // As `= ANY(ARRAY(SELECT …))` (an init plan evaluated once) so the scope arm stays an index condition.
  const onTeam = sql<boolean>`${col('id')} = ANY(ARRAY(SELECT ktm.case_id FROM case_team_member ktm
    WHERE ktm.user_id = ${actor.userId}::uuid AND ktm.left_on IS NULL))`;
  let byScope = sql<boolean>`false`;
  if (hasAnyRole(actor, CASE_SCOPED_ROLES) && !actor.scope.wide) byScope = inOrgScope(actor, col('lead_org_id'));
  let asTrial = sql<boolean>`false`;
  if (hasAnyRole(actor, ['TRIAL_STAFF'])) {
    asTrial = sql<boolean>`(${col('state')} = ANY(${[...TRIAL_VISIBLE_STATES]}::text[])
      AND NOT EXISTS (SELECT 1 FROM case_team_member inv WHERE inv.case_id = ${col('id')}
        AND inv.user_id = ${actor.userId}::uuid AND inv.team = 'INVESTIGATION'))`;
  }
  // Also an init plan: the cases filed on clues of the campaigns the actor is today a 专班 member of.
  const inCampaign = sql<boolean>`${col('id')} = ANY(ARRAY(SELECT cc.case_id FROM clue cc
    WHERE cc.case_id IS NOT NULL AND cc.campaign_id IS NOT NULL AND ${campaignMemberArm(actor, sql.ref('cc.campaign_id'))}))`;
  const shared = sharedTo('CASE', t, opts.shared);
  return sql<boolean>`(${sameCommission} AND (${byScope} OR ${onTeam} OR ${asTrial} OR ${inCampaign} OR ${shared}) AND ${record})`;
}
