import type { Role } from '@liandong/domain/access/enums';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';
import { type Actor, hasAnyRole } from '../../platform/access';
import { notFound } from '../../platform/errors';
import { CAMPAIGN_READ_ROLES, campaignMemberArm, campaignVisible } from '../visibility';

/*
 * Who sees and does what of a campaign's 自查自纠 (issue 10; domain.md d):
 * - whoever sees the campaign (campaignVisible: leaders, the lead office and participants in scope, and the
 *   专班 members for their membership's dates) sees all of its self-inspection: checklist, rounds, matrix,
 *   answers, exports;
 * - the lead office's staff (app_user.org_id = campaign.lead_org_id) and the 专班's active co-leaders (双组长)
 *   manage it: checklist, target units and their import, rounds; they and every active 专班 member review;
 * - a unit contact (UNIT_LIAISON without a staff role) sees only the rounds and answers of their own unit and
 *   answers them; nothing of other units, not the matrix;
 * - everything else is 404 (never confirm that a campaign or an answer exists).
 */

/** Roles whose routes reach the campaign side (staff). */
export const SELF_STAFF_ROLES: readonly Role[] = CAMPAIGN_READ_ROLES;
/** Roles that reach the answer routes: staff and the unit contact. */
export const SELF_ANSWER_ROLES: readonly Role[] = [...CAMPAIGN_READ_ROLES, 'UNIT_LIAISON'];

/** A unit contact and nothing else: sees their own unit's answers only. */
export function isLiaisonOnly(actor: Actor): boolean {
  return hasAnyRole(actor, ['UNIT_LIAISON']) && !hasAnyRole(actor, SELF_STAFF_ROLES);
}

type Q = Db | Transaction<DB>;

/** SQL: the actor is today an active co-leader (组长) of the task force of the campaign `campaignId`. */
function coLeaderArm(actor: Actor, campaignId: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM task_force_member m JOIN task_force tf ON tf.id = m.task_force_id
    WHERE tf.campaign_id = ${campaignId} AND m.user_id = ${actor.userId}::uuid AND m.role = 'CO_LEADER'
      AND current_date BETWEEN m.valid_from AND m.valid_to)`;
}

export interface CampaignAccess {
  id: string;
  name: string;
  leadOrgId: string;
  /** Lead office staff or 专班 co-leader: checklist, units, rounds. */
  manage: boolean;
  /** Managers and 专班 members: return or accept answers. */
  review: boolean;
}

/** The campaign as the actor may reach it, or 404 (a unit contact never reaches the campaign side). */
export async function loadCampaign(db: Q, actor: Actor, campaignId: string): Promise<CampaignAccess> {
  if (isLiaisonOnly(actor) || !hasAnyRole(actor, SELF_STAFF_ROLES)) throw notFound('专项整治');
  const id = sql`c.id`;
  const { rows } = await sql<{ id: string; name: string; lead_org_id: string; manage: boolean; member: boolean }>`
    SELECT c.id, c.name, c.lead_org_id,
           (c.lead_org_id = ${actor.orgId}::uuid OR ${coLeaderArm(actor, id)}) AS manage,
           ${campaignMemberArm(actor, id)} AS member
      FROM campaign c
     WHERE c.id = ${campaignId}::uuid AND ${campaignVisible(actor, 'c')}`.execute(db);
  const c = rows[0];
  if (!c) throw notFound('专项整治');
  return { id: c.id, name: c.name, leadOrgId: c.lead_org_id, manage: c.manage, review: c.manage || c.member };
}

/** SQL predicate over a `self_inspection_response` row aliased `r`: the actor may open it. */
export function responseVisible(actor: Actor, r = 'r'): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${r}.${c}`);
  const same = sql<boolean>`${col('commission_id')} = ${actor.commissionId}::uuid`;
  if (isLiaisonOnly(actor)) return sql<boolean>`(${same} AND ${col('unit_id')} = ${actor.orgId}::uuid)`;
  if (!hasAnyRole(actor, SELF_STAFF_ROLES)) return sql<boolean>`false`;
  return sql<boolean>`(${same} AND ${col('campaign_id')} = ANY(ARRAY(SELECT c.id FROM campaign c WHERE ${campaignVisible(actor, 'c')})))`;
}

/** SQL: the actor manages / reviews the campaign whose id is `campaignId` (for abilities on many rows). */
export function reviewArm(actor: Actor, campaignId: RawBuilder<unknown>): RawBuilder<boolean> {
  if (isLiaisonOnly(actor)) return sql<boolean>`false`;
  return sql<boolean>`(EXISTS (SELECT 1 FROM campaign rc WHERE rc.id = ${campaignId} AND rc.lead_org_id = ${actor.orgId}::uuid)
    OR ${coLeaderArm(actor, campaignId)} OR ${campaignMemberArm(actor, campaignId)})`;
}
