import type { CampaignDetail, CampaignPage, CampaignQuery, CampaignSummary } from '@liandong/domain/campaigns/contracts';
import {
  type BulletinSchedule,
  CAMPAIGN_ACTIVE_STATES,
  type CampaignDomain,
  type CampaignState,
  type ParticipantKind,
  type PlanApproval,
} from '@liandong/domain/campaigns/enums';
import { CAMPAIGN_MACHINE, type CampaignAction } from '@liandong/domain/campaigns/machine';
import { sql } from 'kysely';
import { type Actor, hasAnyRole } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { campaignVisible, sourceProblems } from '../visibility';
import { CAMPAIGN_LEADER_ROLES, campaignSides, coLeads, oversees } from './policy';
import { type Q, taskForceCheck } from './repo';

/*
 * Reads of the register: the ledger (filters, paging; every campaign picker of the other modules reads
 * it) and the detail with participants, plan approval, 专班 co-leaders, timeline and abilities. Both are
 * filtered by campaignVisible: outside it a campaign does not exist (404).
 */

interface SummaryRow {
  id: string;
  name: string;
  year: number;
  domain: CampaignDomain;
  state: CampaignState;
  lead_org_id: string;
  lead_org_name: string;
  starts_on: string | null;
  ends_on: string | null;
  participant_count: number;
  plan_approval: PlanApproval | null;
  version: number;
}

const summaryOf = (r: SummaryRow): CampaignSummary => ({
  id: r.id,
  name: r.name,
  year: r.year,
  domain: r.domain,
  state: r.state,
  leadOrgId: r.lead_org_id,
  leadOrgName: r.lead_org_name,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  participantCount: Number(r.participant_count),
  planApproval: r.plan_approval,
  version: r.version,
});

const SUMMARY_COLUMNS = sql`c.id, c.name, c.year, c.domain, c.state, c.lead_org_id, lo.name_zh AS lead_org_name, c.starts_on, c.ends_on,
  (SELECT count(*)::int FROM campaign_participant cp WHERE cp.campaign_id = c.id) AS participant_count, c.plan_approval, c.version`;

/** The caller may register a campaign at all: the 书记, the leaders, or staff of an internal office. */
export function mayCreate(actor: Actor): boolean {
  return hasAnyRole(actor, CAMPAIGN_LEADER_ROLES) || hasAnyRole(actor, ['OFFICE_STAFF']);
}

/** GET /api/v1/campaigns — newest year first, then by start date and name. */
export async function listCampaigns(ctx: Ctx, q: CampaignQuery): Promise<CampaignPage> {
  const where = [sql`${campaignVisible(ctx.actor, 'c')}`];
  if (q.year !== undefined) where.push(sql`c.year = ${q.year}`);
  if (q.domain) where.push(sql`c.domain = ${q.domain}`);
  if (q.state) where.push(sql`c.state = ${q.state}`);
  if (q.leadOrgId) where.push(sql`c.lead_org_id = ${q.leadOrgId}::uuid`);
  if (q.active !== undefined) where.push(sql`(c.state = ANY(${[...CAMPAIGN_ACTIVE_STATES]}::text[])) = ${q.active}`);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(sql`(c.name ILIKE ${like} OR c.goal ILIKE ${like})`);
  }
  const cond = sql.join(where, sql` AND `);
  const { rows } = await sql<SummaryRow & { total: number }>`SELECT ${SUMMARY_COLUMNS}, count(*) OVER ()::int AS total
    FROM campaign c JOIN org lo ON lo.id = c.lead_org_id WHERE ${cond}
    ORDER BY c.year DESC, c.starts_on DESC NULLS FIRST, c.name, c.id
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(ctx.db);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && q.page > 1) {
    const { rows: n } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM campaign c WHERE ${cond}`.execute(ctx.db);
    total = n[0]?.n ?? 0;
  }
  return { items: rows.map(summaryOf), total, abilities: { create: mayCreate(ctx.actor) } };
}

/** GET /api/v1/campaigns/:id — 404 outside campaignVisible. */
export async function getCampaign(ctx: Ctx, id: string, db: Q = ctx.db): Promise<CampaignDetail> {
  const { rows } = await sql<
    SummaryRow & {
      goal: string;
      plan: string;
      plan_approved_by: string | null;
      approver_name: string | null;
      plan_approved_on: string | null;
      plan_decision_ref: string | null;
      bulletin_schedule: BulletinSchedule;
      created_by: string | null;
      creator_name: string | null;
      created_at: Date;
      updated_at: Date;
      overseen: boolean;
      co_leader: boolean;
    }
  >`SELECT ${SUMMARY_COLUMNS}, c.goal, c.plan, c.plan_approved_by, ap.display_name AS approver_name, c.plan_approved_on,
      c.plan_decision_ref, c.bulletin_schedule, c.created_by, cr.display_name AS creator_name, c.created_at, c.updated_at,
      ${oversees(ctx.actor, 'c.lead_org_id')} AS overseen, ${coLeads(ctx.actor, 'c.id')} AS co_leader
    FROM campaign c JOIN org lo ON lo.id = c.lead_org_id
      LEFT JOIN app_user ap ON ap.id = c.plan_approved_by LEFT JOIN app_user cr ON cr.id = c.created_by
    WHERE c.id = ${id}::uuid AND ${campaignVisible(ctx.actor, 'c')}`.execute(db);
  const r = rows[0];
  if (!r) throw notFound('专项整治');
  const participants = await db
    .selectFrom('campaign_participant as cp')
    .innerJoin('org as o', 'o.id', 'cp.org_id')
    .select(['cp.org_id', 'o.name_zh', 'cp.kind', 'cp.division'])
    .where('cp.campaign_id', '=', id)
    .orderBy(sql`array_position(ARRAY['OFFICE','GROUP','COUNTY','DEPARTMENT'], cp.kind)`)
    .orderBy('o.sort_order')
    .orderBy('o.name_zh')
    .execute();
  const { rows: events } = await sql<{
    id: string;
    action: string;
    from_state: CampaignState | null;
    to_state: CampaignState | null;
    comment: string | null;
    actor_id: string | null;
    actor_name: string | null;
    at: Date;
  }>`SELECT e.id, e.action, e.from_state, e.to_state, e.comment, e.actor_id, u.display_name AS actor_name, e.at
    FROM campaign_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.campaign_id = ${id}::uuid ORDER BY e.at, e.id`.execute(db);
  const { rows: tf } = await sql<{ id: string; name: string; leaders: { id: string; name: string }[] }>`SELECT tf.id, tf.name_zh AS name,
      COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.display_name) ORDER BY u.display_name)
        FROM task_force_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.task_force_id = tf.id AND m.role = 'CO_LEADER' AND current_date BETWEEN m.valid_from AND m.valid_to), '[]') AS leaders
    FROM task_force tf WHERE tf.campaign_id = ${id}::uuid`.execute(db);
  const sides = campaignSides(ctx.actor, r);
  // The machine's actions for the caller's sides, less those whose guard does not hold today (the kernel
  // checks the guards again): no launch before the plan's approval, no self-inspection without the 双组长.
  const actions: CampaignAction[] = [];
  for (const a of CAMPAIGN_MACHINE.abilities(r.state, sides)) {
    const g = CAMPAIGN_MACHINE.table[a].guard;
    if (g === 'planApproved' && !r.plan_approval) continue;
    if (g === 'hasTaskForce' && (await taskForceCheck(db, id)) !== null) continue;
    actions.push(a);
  }
  const open = !CAMPAIGN_MACHINE.terminal().includes(r.state);
  const runs = sides.has('LEAD') || sides.has('APPROVER');
  return {
    ...summaryOf(r),
    sourceProblems: (await sourceProblems(db, ctx.actor, 'campaign', id)).map((p) => ({ id: p.id, name: p.title })),
    goal: r.goal,
    plan: r.plan,
    planApprovedBy: r.plan_approved_by ? { id: r.plan_approved_by, name: r.approver_name ?? '' } : null,
    planApprovedOn: r.plan_approved_on,
    planDecisionRef: r.plan_decision_ref,
    bulletinSchedule: r.bulletin_schedule,
    createdBy: r.created_by ? { id: r.created_by, name: r.creator_name ?? '' } : null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    participants: participants.map((p) => ({ orgId: p.org_id, orgName: p.name_zh, kind: p.kind as ParticipantKind, division: p.division })),
    taskForce: tf[0] ? { id: tf[0].id, name: tf[0].name, coLeaders: tf[0].leaders } : null,
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      comment: e.comment,
      actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
      at: e.at.toISOString(),
    })),
    abilities: {
      actions,
      update: r.state === 'PLANNED' && runs,
      manageParticipants: open && runs,
      attach: open && (runs || sides.has('CO_LEADER')),
    },
  };
}
