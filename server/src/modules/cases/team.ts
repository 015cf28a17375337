import { CASE_TEAM_LABELS, TEAM_ROLE_LABELS } from '@liandong/domain/cases/enums';
import type { TeamCandidate, TeamCandidatesQuery, TeamMemberBody } from '@liandong/domain/cases/contracts';
import { CASE_STATE_LABELS } from '@liandong/domain/cases/machine';
import { sql } from 'kysely';
import { AppError, businessRule, forbidden, notFound, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notify, whoMayOpen } from '../../platform/inbox';
import { FINAL_STATES, INVESTIGATOR_ROLES, mayManageTeam, TRIAL_TEAM_ROLES, TRIAL_TEAM_STATES } from './policy';
import { loadCase } from './repo';
import { caseVisible } from '../visibility';

/*
 * 室组联合办案: the 审查调查组 draws members from 审查调查室, 派驻组 and 县区 (the member's org is recorded);
 * members see the case while on the team. Leaving sets left_on and keeps the row, because having been
 * on the investigation team bars a person from the trial team for good (审查调查与审理分离) — and a
 * member of the trial team cannot be drawn into the investigation either.
 */

/** POST /api/v1/cases/:id/team */
export async function addTeamMember(ctx: Ctx, caseId: string, body: TeamMemberBody): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, facts } = await loadCase(trx, ctx.actor, caseId, true);
    if (!mayManageTeam(facts, body.team)) throw forbidden(body.team === 'TRIAL' ? '审理组由审理室或案管室组成' : '审查调查组由承办部门、组长或案管室调整');
    if (FINAL_STATES.includes(row.state) || (body.team === 'TRIAL' && !TRIAL_TEAM_STATES.includes(row.state)))
      throw new AppError('CONFLICT', `案件处于“${CASE_STATE_LABELS[row.state].zh}”状态，不能调整${CASE_TEAM_LABELS[body.team].zh}`);

    const user = await trx
      .selectFrom('app_user as u')
      .select(['u.id', 'u.display_name', 'u.org_id', 'u.status'])
      .select(sql<string[]>`ARRAY(SELECT r.role FROM user_role r WHERE r.user_id = u.id)`.as('roles'))
      .where('u.id', '=', body.userId)
      .where('u.commission_id', '=', ctx.actor.commissionId)
      .executeTakeFirst();
    if (user?.status !== 'ACTIVE') throw validation([{ path: 'userId', message: '人员不存在或账号不可用' }]);
    const history = await trx
      .selectFrom('case_team_member')
      .select(['team', 'role', 'left_on'])
      .where('case_id', '=', row.id)
      .where('user_id', '=', user.id)
      .execute();
    if (history.some((h) => h.team === body.team && h.left_on === null))
      throw new AppError('DUPLICATE', `${user.display_name}已是本案${CASE_TEAM_LABELS[body.team].zh}成员`);
    // 审查调查与审理分离, both directions: whoever was ever on the other team is barred.
    if (body.team === 'TRIAL' && history.some((h) => h.team === 'INVESTIGATION'))
      throw new AppError('TRIAL_TEAM_CONFLICT', `${user.display_name}曾是本案审查调查组成员，依照审查调查与审理分离的规定，不能担任本案审理组成员`, {
        userId: user.id,
        name: user.display_name,
      });
    if (body.team === 'INVESTIGATION' && history.some((h) => h.team === 'TRIAL'))
      throw new AppError('TRIAL_TEAM_CONFLICT', `${user.display_name}是本案审理组成员，依照审查调查与审理分离的规定，不能加入本案审查调查组`, {
        userId: user.id,
        name: user.display_name,
      });
    const eligible = body.team === 'TRIAL' ? TRIAL_TEAM_ROLES : INVESTIGATOR_ROLES;
    if (!user.roles.some((r) => eligible.includes(r as never)))
      throw businessRule(
        body.team === 'TRIAL'
          ? `${user.display_name}不是审理室人员，不能加入审理组`
          : `${user.display_name}不能加入审查调查组（须为审查调查室、派驻组、县区纪委监委或委机关干部）`,
      );

    if (body.role === 'LEAD') {
      const lead = await trx
        .selectFrom('case_team_member')
        .select('id')
        .where('case_id', '=', row.id)
        .where('team', '=', body.team)
        .where('role', '=', 'LEAD')
        .where('left_on', 'is', null)
        .executeTakeFirst();
      if (lead) throw new AppError('DUPLICATE', `本案${CASE_TEAM_LABELS[body.team].zh}已有组长，请先调整原组长`);
    }

    const created = await trx
      .insertInto('case_team_member')
      .values({
        commission_id: ctx.actor.commissionId,
        case_id: row.id,
        team: body.team,
        user_id: user.id,
        org_id: user.org_id,
        role: body.role,
        added_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const payload = { op: 'join', memberId: created.id, team: body.team, userId: user.id, name: user.display_name, orgId: user.org_id, role: body.role };
    await trx
      .insertInto('case_event')
      .values({
        commission_id: ctx.actor.commissionId,
        case_id: row.id,
        action: 'teamJoined',
        comment: `${user.display_name}加入${CASE_TEAM_LABELS[body.team].zh}（${TEAM_ROLE_LABELS[body.role].zh}）`,
        payload: JSON.stringify(payload),
        actor_id: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, { type: 'case.team_changed', objectType: 'case', objectId: row.id, payload: refs(payload) });
    const told = await whoMayOpen(trx, [user.id], (a) => sql`SELECT 1 FROM case_file k WHERE k.id = ${row.id}::uuid AND ${caseVisible(a, 'k')}`);
    if (user.id !== ctx.actor.userId && told.includes(user.id))
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId: user.id,
        kind: 'case.team',
        title: `您已加入案件${row.case_no}的${CASE_TEAM_LABELS[body.team].zh}`,
        body: `担任${TEAM_ROLE_LABELS[body.role].zh}，操作人：${ctx.actor.displayName}`,
        link: `/cases/${row.id}`,
      });
  });
}

/** DELETE /api/v1/cases/:id/team/:memberId — the member leaves (left_on); the row stays. */
export async function removeTeamMember(ctx: Ctx, caseId: string, memberId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, facts } = await loadCase(trx, ctx.actor, caseId, true);
    const m = await trx
      .selectFrom('case_team_member as m')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .select(['m.id', 'm.team', 'm.user_id', 'm.left_on', 'u.display_name'])
      .where('m.id', '=', memberId)
      .where('m.case_id', '=', row.id)
      .executeTakeFirst();
    if (!m) throw notFound('办案组成员');
    const team = m.team as 'INVESTIGATION' | 'TRIAL';
    if (!mayManageTeam(facts, team)) throw forbidden(team === 'TRIAL' ? '审理组由审理室或案管室调整' : '审查调查组由承办部门、组长或案管室调整');
    if (FINAL_STATES.includes(row.state)) throw new AppError('CONFLICT', `案件处于“${CASE_STATE_LABELS[row.state].zh}”状态，不能调整办案组`);
    if (m.left_on !== null) throw new AppError('CONFLICT', `${m.display_name}已离开${CASE_TEAM_LABELS[team].zh}`);
    await trx.updateTable('case_team_member').set({ left_on: sql<string>`current_date` }).where('id', '=', m.id).execute();
    const payload = { op: 'leave', memberId: m.id, team, userId: m.user_id, name: m.display_name };
    await trx
      .insertInto('case_event')
      .values({
        commission_id: ctx.actor.commissionId,
        case_id: row.id,
        action: 'teamLeft',
        comment: `${m.display_name}离开${CASE_TEAM_LABELS[team].zh}`,
        payload: JSON.stringify(payload),
        actor_id: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, { type: 'case.team_changed', objectType: 'case', objectId: row.id, payload: refs(payload) });
  });
}

/** GET /api/v1/cases/:id/team-candidates — eligible accounts not on the team and not barred by the other team. */
export async function teamCandidates(ctx: Ctx, caseId: string, q: TeamCandidatesQuery): Promise<TeamCandidate[]> {
  const { row, facts } = await loadCase(ctx.db, ctx.actor, caseId, false);
  if (!mayManageTeam(facts, q.team)) throw forbidden(q.team === 'TRIAL' ? '审理组由审理室或案管室组成' : '审查调查组由承办部门、组长或案管室调整');
  const eligible = q.team === 'TRIAL' ? TRIAL_TEAM_ROLES : INVESTIGATOR_ROLES;
  const other = q.team === 'TRIAL' ? 'INVESTIGATION' : 'TRIAL';
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await sql<{
    id: string;
    name: string;
    org_id: string;
    org_name: string;
  }>`SELECT u.id, u.display_name AS name, o.id AS org_id, o.name_zh AS org_name
    FROM app_user u JOIN org o ON o.id = u.org_id
    WHERE u.commission_id = ${ctx.actor.commissionId}::uuid AND u.status = 'ACTIVE'
      AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = ANY(${[...eligible]}::text[]))
      AND NOT EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = ${row.id}::uuid AND m.user_id = u.id
        AND (m.team = ${other} OR (m.team = ${q.team} AND m.left_on IS NULL)))
      ${like ? sql`AND (u.display_name ILIKE ${like} OR o.name_zh ILIKE ${like} OR o.short_name ILIKE ${like})` : sql``}
    ORDER BY (u.org_id = ${row.lead_org_id}::uuid) DESC, o.sort_order, o.name_zh, u.display_name
    LIMIT 50`.execute(ctx.db);
  return rows.map((r) => ({ id: r.id, name: r.name, org: { id: r.org_id, name: r.org_name } }));
}
