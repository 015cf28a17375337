import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole, inOrgScope, recordVisible } from '../../platform/access';
import { CAMPAIGN_WIDE_ROLES, CAMPAIGN_SCOPED_ROLES, CAMPAIGN_READ_ROLES } from '@liandong/domain/access/role-sets';
export { CAMPAIGN_WIDE_ROLES, CAMPAIGN_SCOPED_ROLES, CAMPAIGN_READ_ROLES };

/**
 * Who sees which 专项整治 (domain.md b.5, d):
 * - the 书记, the leaders and the standing committee see every campaign of their commission;
 * - staff see a campaign when its lead office or one of its participants (offices, groups, counties,
 *   functional departments) is in their org scope;
 * - a member of the campaign's 专班 sees it for the membership's dates (and only the campaign's own
 *   objects through `campaignMemberArm`, never the participating orgs' other records);
 * - unit liaisons and the 三员 see none. On top: clearance ≥ classification and no recusal.
 */

/**
 * The actor is, today, a member of the 专班 of the campaign whose id is `campaignId` (an SQL expression):
 * the arm every campaign object's predicate adds (`OR (x.campaign_id IS NOT NULL AND <arm>)`). Evaluated
 * once per query as `= ANY(ARRAY(…))`, so it stays an index condition.
 */
export function campaignMemberArm(actor: Actor, campaignId: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${campaignId} = ANY(ARRAY(SELECT tf.campaign_id FROM task_force_member m
    JOIN task_force tf ON tf.id = m.task_force_id
    WHERE m.user_id = ${actor.userId}::uuid AND tf.campaign_id IS NOT NULL
      AND current_date BETWEEN m.valid_from AND m.valid_to)))`;
}

/** SQL predicate over a `campaign` row aliased `t` (default 'campaign'). */
export function campaignVisible(actor: Actor, t = 'campaign'): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  const same = sql<boolean>`(${col('commission_id')} = ${actor.commissionId}::uuid
    AND ${recordVisible(actor, { classification: `${t}.classification`, objectType: 'campaign', id: `${t}.id` })})`;
  if (hasAnyRole(actor, CAMPAIGN_WIDE_ROLES)) return same;
  const arms: RawBuilder<boolean>[] = [campaignMemberArm(actor, col('id'))];
  if (hasAnyRole(actor, CAMPAIGN_SCOPED_ROLES)) {
    arms.push(
      inOrgScope(actor, col('lead_org_id')),
      sql<boolean>`EXISTS (SELECT 1 FROM campaign_participant cp WHERE cp.campaign_id = ${col('id')} AND ${inOrgScope(actor, 'cp.org_id')})`,
    );
  }
  return sql<boolean>`(${same} AND (${sql.join(arms, sql` OR `)}))`;
}
