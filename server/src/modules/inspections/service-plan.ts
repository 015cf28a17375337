import { type Classification, classificationRank } from '@liandong/domain/access/enums';
import type { InspectionPlanBody } from '@liandong/domain/inspections/contracts';
import type { FieldIssue } from '@liandong/domain/platform/errors';
import { sql } from 'kysely';
import { audit, refs } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { forbidden, notFound, validation } from '../../platform/errors';
import { notify, whoMayOpen } from '../../platform/inbox';
import { campaignVisible, INSPECTION_ROLES, inspectionVisible, plannerOf } from '../visibility';

/*
 * 制定检查计划: staff of the campaign's lead office or its 专班 co-leaders plan a check with its team and
 * target units. The team are active accounts of the commission that can reach campaign work (never a unit
 * liaison or one of the 三员), with exactly one 组长; the targets are 驻在单位 (HOST_UNIT) orgs. Everything is
 * checked before anything is written (400 with field paths), then written in one transaction.
 */

/** The campaign as the planner sees it (404 when it is not visible, 403 when the caller may not plan in it). */
async function plannableCampaign(ctx: Ctx, campaignId: string): Promise<{ id: string; name: string; classification: string }> {
  const { rows } = await sql<{ id: string; name: string; classification: string; may_plan: boolean }>`SELECT c.id, c.name, c.classification,
      ${plannerOf(ctx.actor, 'c')} AS may_plan
    FROM campaign c WHERE c.id = ${campaignId}::uuid AND ${campaignVisible(ctx.actor, 'c')}`.execute(ctx.db);
  const c = rows[0];
  if (!c) throw notFound('专项整治');
  if (!c.may_plan) throw forbidden('检查计划由专项整治牵头部门或专班组长制定');
  return c;
}

async function checkPlan(ctx: Ctx, b: InspectionPlanBody, classification: string): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (b.visitOn < todayIso()) issues.push({ path: 'visitOn', message: '计划检查日期不能早于今天' });
  const leaders = b.team.filter((m) => m.role === 'LEADER').length;
  if (leaders !== 1) issues.push({ path: 'team', message: leaders === 0 ? '请指定一名检查组组长' : '检查组只能有一名组长' });
  const seen = new Set<string>();
  const userIds = b.team.map((m) => m.userId);
  const { rows: users } = await sql<{ id: string; clearance: Classification }>`SELECT u.id, u.clearance FROM app_user u WHERE u.id = ANY(${userIds}::uuid[])
      AND u.commission_id = ${ctx.actor.commissionId}::uuid AND u.status = 'ACTIVE'
      AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = ANY(${[...INSPECTION_ROLES]}::text[]))`.execute(ctx.db);
  const ok = new Set(users.map((u) => u.id));
  // A member below the check's classification could not open it: refused here, not discovered later.
  const cleared = new Set(users.filter((u) => classificationRank(u.clearance) >= classificationRank(classification as Classification)).map((u) => u.id));
  b.team.forEach((m, i) => {
    if (seen.has(m.userId)) issues.push({ path: `team.${i}.userId`, message: '检查组成员重复' });
    else if (!ok.has(m.userId)) issues.push({ path: `team.${i}.userId`, message: '人员不存在、已停用或不能参加检查' });
    else if (!cleared.has(m.userId)) issues.push({ path: `team.${i}.userId`, message: '人员涉密等级低于检查的密级' });
    seen.add(m.userId);
  });
  const { rows: orgs } = await sql<{ id: string }>`SELECT o.id FROM org o WHERE o.id = ANY(${b.targetOrgIds}::uuid[])
      AND o.commission_id = ${ctx.actor.commissionId}::uuid AND o.kind = 'HOST_UNIT'`.execute(ctx.db);
  const hosts = new Set(orgs.map((o) => o.id));
  const targets = new Set<string>();
  b.targetOrgIds.forEach((id, i) => {
    if (targets.has(id)) issues.push({ path: `targetOrgIds.${i}`, message: '被检查单位重复' });
    else if (!hosts.has(id)) issues.push({ path: `targetOrgIds.${i}`, message: '被检查单位须为驻在（综合监督）单位' });
    targets.add(id);
  });
  return issues;
}

/** POST /campaigns/:id/inspections — the check, its team and targets; the team hears of it in the inbox. */
export async function planInspection(ctx: Ctx, campaignId: string, b: InspectionPlanBody): Promise<{ id: string; version: number }> {
  const campaign = await plannableCampaign(ctx, campaignId);
  const issues = await checkPlan(ctx, b, campaign.classification);
  if (issues.length) throw validation(issues, '检查计划有误');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('inspection')
      .values({
        commission_id: ctx.actor.commissionId,
        campaign_id: campaign.id,
        type: b.type,
        title: b.title,
        visit_on: b.visitOn,
        state: 'PLANNED',
        classification: campaign.classification,
        created_by: ctx.actor.userId,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('inspection_team')
      .values(b.team.map((m) => ({ inspection_id: row.id, user_id: m.userId, role: m.role })))
      .execute();
    await trx
      .insertInto('inspection_target')
      .values(b.targetOrgIds.map((org_id) => ({ inspection_id: row.id, org_id })))
      .execute();
    await trx
      .insertInto('inspection_event')
      .values({
        commission_id: ctx.actor.commissionId,
        inspection_id: row.id,
        action: 'plan',
        from_state: null,
        to_state: 'PLANNED',
        actor_id: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, {
      type: 'inspection.planned',
      objectType: 'inspection',
      objectId: row.id,
      payload: refs({ campaignId: campaign.id, type: b.type, visitOn: b.visitOn, team: b.team.length, targets: b.targetOrgIds.length }),
    });
    const visible = (a: Parameters<typeof inspectionVisible>[0]) =>
      sql`SELECT 1 FROM inspection i WHERE i.id = ${row.id}::uuid AND ${inspectionVisible(a, 'i')}`;
    for (const userId of await whoMayOpen(
      trx,
      b.team.map((m) => m.userId),
      visible,
    )) {
      if (userId === ctx.actor.userId) continue;
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId,
        kind: 'inspection.planned',
        title: `检查任务：${b.title.length > 30 ? `${b.title.slice(0, 30)}…` : b.title}`,
        body: `${ctx.actor.displayName}将您编入检查组，计划检查日期${b.visitOn}。请严格保密，不得提前透露。`,
        link: `/campaigns/${campaign.id}/inspections?open=${row.id}`,
      });
    }
    return row;
  });
}

/** GET /inspection-staff?q= — active accounts that can be put on a check team (name or org contains q). */
export async function listInspectionStaff(ctx: Ctx, q: string | undefined) {
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await sql<{ id: string; name: string; org_name: string }>`SELECT u.id, u.display_name AS name, o.name_zh AS org_name
    FROM app_user u JOIN org o ON o.id = u.org_id
    WHERE u.commission_id = ${ctx.actor.commissionId}::uuid AND u.status = 'ACTIVE'
      AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = ANY(${[...INSPECTION_ROLES]}::text[]))
      AND (${like}::text IS NULL OR u.display_name ILIKE ${like} OR o.name_zh ILIKE ${like} OR u.username ILIKE ${like})
    ORDER BY o.sort_order, u.display_name LIMIT 50`.execute(ctx.db);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, orgName: r.org_name })) };
}
