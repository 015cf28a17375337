import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole, inOrgScope, recordVisible } from '../../platform/access';
import { campaignMemberArm } from './campaigns';
import { type SharedRead, sharedTo } from './shares';
import { CLUE_BOOK_ROLES, CLUE_SCOPED_ROLES, CLUE_READ_ROLES } from '@liandong/domain/access/role-sets';
export { CLUE_BOOK_ROLES, CLUE_SCOPED_ROLES, CLUE_READ_ROLES };

/**
 * Who sees which clue (domain.md d): the one definition every clue query uses — ledger, detail,
 * search, dashboard, overdue lists, reminders.
 *
 * - 信访室 (receives), 案管室 (registers and oversees) and the 书记 (approves) see the whole clue book of
 *   their commission. Only the 信访室 ever sees the complainant (a separate, audited endpoint).
 * - Leaders, offices, dispatched groups, counties and the 干部监督室 see a clue when the department that
 *   received it, the undertaking department or the subject's unit is in their org scope: a group sees its
 *   host units' clues, a county its own, an office what it liaises with, a 分管领导 what they oversee.
 *   A commission-wide coordinator (党风政风监督室, 干部监督室) is not thereby wide for clues: it sees the
 *   clues its own org received or undertakes.
 * - Anyone on the clue's 核查组 or on the 审查调查组/审理组 of the case filed on it sees it while on the team.
 * - A member of the 工作专班 of the campaign the clue is tagged with sees it for the membership's dates
 *   (issue 10: the campaign's own clues, not the rest of the participating orgs' clue books).
 * - With `shared` (the reads that show information: ledger, detail, search, export, dashboard): the staff of
 *   an org holding a 信息互通 grant in force that names the clue or its owner org's clues (visibility/shares.ts).
 * - Everyone else — standing committee (aggregates only), trial staff, unit liaisons, the 三员 — sees none.
 * On top: clearance ≥ classification and no recusal (回避).
 */

/** SQL predicate over a `clue` row aliased `t` (default 'clue'). */
export function clueVisible(actor: Actor, t = 'clue', opts: { shared?: SharedRead } = {}): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  const sameCommission = sql<boolean>`${col('commission_id')} = ${actor.commissionId}::uuid`;
  const record = recordVisible(actor, { classification: `${t}.classification`, objectType: 'clue', id: `${t}.id` });
  if (hasAnyRole(actor, CLUE_BOOK_ROLES)) return sql<boolean>`(${sameCommission} AND ${record})`;

  // Team arms as `= ANY(ARRAY(SELECT …))`: evaluated once per query (an init plan), so every arm of the
  // OR stays an index condition (migration 0009; an EXISTS here forces a sequential scan of the book).
  const onTeam = sql<boolean>`(${col('id')} = ANY(ARRAY(SELECT ctm.clue_id FROM clue_team_member ctm
      WHERE ctm.user_id = ${actor.userId}::uuid AND ctm.left_on IS NULL))
    OR ${col('case_id')} = ANY(ARRAY(SELECT ktm.case_id FROM case_team_member ktm
      WHERE ktm.user_id = ${actor.userId}::uuid AND ktm.left_on IS NULL)))`;
  let byScope = sql<boolean>`false`;
  if (hasAnyRole(actor, CLUE_SCOPED_ROLES)) {
    byScope = actor.scope.wide
      ? sql<boolean>`(${col('receiving_org_id')} = ${actor.orgId}::uuid OR ${col('undertaking_org_id')} = ${actor.orgId}::uuid)`
      : sql<boolean>`(${inOrgScope(actor, col('receiving_org_id'))} OR ${inOrgScope(actor, col('undertaking_org_id'))}
          OR ${inOrgScope(actor, col('subject_org_id'))})`;
  }
  const inCampaign = sql<boolean>`(${col('campaign_id')} IS NOT NULL AND ${campaignMemberArm(actor, col('campaign_id'))})`;
  const shared = sharedTo('CLUE', t, opts.shared);
  return sql<boolean>`(${sameCommission} AND (${byScope} OR ${onTeam} OR ${inCampaign} OR ${shared}) AND ${record})`;
}

/** The complainant's sealed identity: the 信访室 only (domain.md d). */
export function canReadComplainant(actor: Actor): boolean {
  return hasAnyRole(actor, ['PETITION_OFFICER']);
}
