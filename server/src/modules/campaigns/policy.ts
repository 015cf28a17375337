import type { Role } from '@liandong/domain/access/enums';
import { CAMPAIGN_ACTION_LABELS, CAMPAIGN_MACHINE, type CampaignAction, type CampaignActor } from '@liandong/domain/campaigns/machine';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole } from '../../platform/access';

/*
 * Who acts on a 专项整治 (domain.md c.4, d). Visibility (404) is campaignVisible in SQL; these decide the
 * caller's sides on a visible campaign (CAMPAIGN_MACHINE's `who`):
 * - LEAD: staff of the lead office (牵头部门, 党风政风监督室 by default) — drafts the plan, runs the phases;
 * - APPROVER: the 书记, or a 分管领导 who oversees the lead office today — approves the plan, closes;
 * - CO_LEADER: an active CO_LEADER member of the campaign's 专班 (task_force.campaign_id).
 */

/** Staff roles that belong to an org and can therefore be its LEAD side. */
export const LEAD_STAFF_ROLES: readonly Role[] = ['OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF'];
/** Leaders who may register a campaign for any internal office. */
export const CAMPAIGN_LEADER_ROLES: readonly Role[] = ['SECRETARY', 'DEPUTY_OR_MEMBER'];

/**
 * SQL: the actor is a 分管领导 who oversees the org today — the office itself, or the office that liaises
 * with the group / county. Why: the plan of a campaign is approved by the 书记 or by the leader who
 * oversees the department that drafted it, not by any leader who can see it. (Same rule as the 签发 of
 * an outgoing letter; kept here because a module reads another only through its face.)
 */
export function oversees(actor: Actor, orgColumn: string): RawBuilder<boolean> {
  if (!hasAnyRole(actor, ['DEPUTY_OR_MEMBER'])) return sql<boolean>`false`;
  const org = sql.ref(orgColumn);
  return sql<boolean>`EXISTS (SELECT 1 FROM oversight ov JOIN leadership_member lm ON lm.id = ov.leader_id
    WHERE lm.person_id = ${actor.personId}::uuid AND ov.commission_id = ${actor.commissionId}::uuid
      AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)
      AND (lm.valid_to IS NULL OR lm.valid_to >= current_date)
      AND (ov.office_id = ${org} OR ov.office_id IN (SELECT li.office_id FROM liaison li WHERE li.target_id = ${org}
        AND li.valid_from <= current_date AND (li.valid_to IS NULL OR li.valid_to >= current_date))))`;
}

/** SQL: the actor is today an active CO_LEADER member of the 专班 of the campaign whose id is `campaignColumn`. */
export function coLeads(actor: Actor, campaignColumn: string): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM task_force tf JOIN task_force_member m ON m.task_force_id = tf.id
    WHERE tf.campaign_id = ${sql.ref(campaignColumn)} AND m.user_id = ${actor.userId}::uuid AND m.role = 'CO_LEADER'
      AND current_date BETWEEN m.valid_from AND m.valid_to)`;
}

/** The facts of a campaign row the sides are computed from (oversees / coLeads evaluated with the row). */
export interface CampaignParties {
  lead_org_id: string;
  overseen: boolean;
  co_leader: boolean;
}

/** The caller's sides on a visible campaign. */
export function campaignSides(actor: Actor, c: CampaignParties): Set<CampaignActor> {
  const s = new Set<CampaignActor>();
  if (hasAnyRole(actor, LEAD_STAFF_ROLES) && actor.orgId === c.lead_org_id) s.add('LEAD');
  if (hasAnyRole(actor, ['SECRETARY']) || c.overseen) s.add('APPROVER');
  if (c.co_leader) s.add('CO_LEADER');
  return s;
}

const ACTOR_ZH: Record<CampaignActor, string> = {
  LEAD: '牵头部门',
  CO_LEADER: '专班组长',
  APPROVER: '书记或分管领导',
};

/** 403 message of an action the caller's sides do not allow. */
export function actorMessage(action: CampaignAction): string {
  return `“${CAMPAIGN_ACTION_LABELS[action].zh}”由${CAMPAIGN_MACHINE.table[action].who.map((a) => ACTOR_ZH[a]).join('或')}办理`;
}

/** May the caller register a campaign led by `leadOrgId`? Staff of that office, or the 书记 / leaders. */
export function canCreateFor(actor: Actor, leadOrgId: string): boolean {
  return hasAnyRole(actor, CAMPAIGN_LEADER_ROLES) || (hasAnyRole(actor, ['OFFICE_STAFF']) && actor.orgId === leadOrgId);
}
