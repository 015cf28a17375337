import type { BatchCreateBody, BatchDetail, BatchRow, MemberAddBody, SecondmentTargetKind } from '@liandong/domain/secondments/contracts';
import { SECONDMENT_TARGET_LABELS } from '@liandong/domain/secondments/contracts';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { audit, refs } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { AppError, notFound, staleVersion, validation } from '../../platform/errors';
import { notify } from '../../platform/inbox';
import { caseVisible } from '../visibility';
import { batchVisible } from './access';

import { activeUser, STATE_SQL, targetName } from './service';

/*
 * Secondment batches (抽调批次): the ledger, a batch with its members, seconding a cadre through the team row that
 * grants the access, and the targets the batch form offers.
 */

interface BatchDbRow {
  id: string;
  name: string;
  purpose: string;
  target_kind: SecondmentTargetKind;
  target_id: string;
  target_name: string;
  planned_start: string;
  planned_end: string;
  state: 'PLANNED' | 'ACTIVE' | 'ENDED';
  members: number;
  version: number;
}

function batchQuery(db: Ctx['db'] | Transaction<DB>, ctx: Ctx, id?: string) {
  return sql<BatchDbRow>`
    SELECT b.id, b.name, b.purpose, b.target_kind, COALESCE(b.case_id, b.task_force_id) AS target_id,
      ${targetName(ctx)} AS target_name,
      to_char(b.planned_start, 'YYYY-MM-DD') AS planned_start, to_char(b.planned_end, 'YYYY-MM-DD') AS planned_end,
      ${STATE_SQL} AS state, (SELECT count(*)::int FROM secondment_member sm WHERE sm.batch_id = b.id) AS members, b.version
    FROM secondment_batch b LEFT JOIN case_file k ON k.id = b.case_id LEFT JOIN task_force tf ON tf.id = b.task_force_id
    WHERE ${batchVisible(ctx.actor)} ${id ? sql`AND b.id = ${id}::uuid` : sql``}
    ORDER BY b.planned_start DESC, b.created_at DESC
    LIMIT 1000`.execute(db);
}

const toBatch = (r: BatchDbRow): BatchRow => ({
  id: r.id,
  name: r.name,
  purpose: r.purpose,
  targetKind: r.target_kind,
  target: { id: r.target_id, name: r.target_name },
  plannedStart: r.planned_start,
  plannedEnd: r.planned_end,
  state: r.state,
  members: r.members,
  version: r.version,
});

export async function listBatches(ctx: Ctx): Promise<BatchRow[]> {
  return (await batchQuery(ctx.db, ctx)).rows.map(toBatch);
}

/** POST /api/v1/secondment-batches — the target must be a case or 专班 the caller sees. */
export async function createBatch(ctx: Ctx, body: BatchCreateBody): Promise<BatchDetail> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    let caseId: string | null = null;
    let taskForceId: string | null = null;
    if (body.targetKind === 'CASE') {
      const k = await trx
        .selectFrom('case_file')
        .select(['id', 'state'])
        .where('id', '=', body.targetId)
        .where(caseVisible(ctx.actor, 'case_file'))
        .executeTakeFirst();
      if (!k) throw validation([{ path: 'targetId', message: '案件不存在或无权访问' }]);
      caseId = k.id;
    } else {
      const tf = await trx
        .selectFrom('task_force')
        .select(['id', 'valid_from', 'valid_to'])
        .where('id', '=', body.targetId)
        .where('commission_id', '=', ctx.actor.commissionId)
        .executeTakeFirst();
      if (!tf) throw validation([{ path: 'targetId', message: `${SECONDMENT_TARGET_LABELS[body.targetKind].zh}专班不存在` }]);
      if (tf.valid_to && tf.valid_to < body.plannedEnd)
        throw validation([{ path: 'plannedEnd', message: `计划结束日期不得晚于专班结束日期（${tf.valid_to}）` }]);
      taskForceId = tf.id;
    }
    if (body.plannedEnd <= todayIso()) throw validation([{ path: 'plannedEnd', message: '计划结束日期须晚于今天' }]);
    const created = await trx
      .insertInto('secondment_batch')
      .values({
        commission_id: ctx.actor.commissionId,
        name: body.name,
        purpose: body.purpose,
        target_kind: body.targetKind,
        case_id: caseId,
        task_force_id: taskForceId,
        planned_start: body.plannedStart,
        planned_end: body.plannedEnd,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'secondment.batch_created',
      objectType: 'secondment_batch',
      objectId: created.id,
      payload: refs({ targetKind: body.targetKind, targetId: body.targetId, plannedStart: body.plannedStart, plannedEnd: body.plannedEnd }),
    });
    return created.id;
  });
  return getBatch(ctx, id);
}

/** GET /api/v1/secondment-batches/:id — 404 outside the caller's reach. */
export async function getBatch(ctx: Ctx, id: string): Promise<BatchDetail> {
  const row = (await batchQuery(ctx.db, ctx, id)).rows[0];
  if (!row) throw notFound('抽调批次');
  const { rows } = await sql<{
    id: string;
    user_id: string;
    user_name: string;
    org_id: string;
    org_name: string;
    role: string;
    mentor_id: string | null;
    mentor_name: string | null;
    goals: string | null;
    ended_on: string | null;
    version: number;
    evaluations: BatchDetail['members'][number]['evaluations'];
  }>`
    SELECT sm.id, u.id AS user_id, u.display_name AS user_name, o.id AS org_id, o.name_zh AS org_name, sm.role,
      mu.id AS mentor_id, mu.display_name AS mentor_name, sm.goals, to_char(sm.ended_on, 'YYYY-MM-DD') AS ended_on, sm.version,
      COALESCE((SELECT json_agg(json_build_object('id', e.id, 'evaluatedOn', to_char(e.evaluated_on, 'YYYY-MM-DD'), 'score', e.score,
        'comment', e.comment, 'by', json_build_object('id', bu.id, 'name', bu.display_name)) ORDER BY e.evaluated_on DESC)
        FROM secondment_evaluation e JOIN app_user bu ON bu.id = e.by_user WHERE e.member_id = sm.id), '[]') AS evaluations
    FROM secondment_member sm JOIN app_user u ON u.id = sm.user_id JOIN org o ON o.id = sm.from_org_id
    LEFT JOIN app_user mu ON mu.id = sm.mentor_id
    WHERE sm.batch_id = ${id}::uuid ORDER BY sm.created_at`.execute(ctx.db);
  return {
    ...toBatch(row),
    memberCount: row.members,
    members: rows.map((m) => ({
      id: m.id,
      user: { id: m.user_id, name: m.user_name },
      fromOrg: { id: m.org_id, name: m.org_name },
      role: m.role,
      mentor: m.mentor_id ? { id: m.mentor_id, name: m.mentor_name ?? '' } : null,
      goals: m.goals,
      endedOn: m.ended_on,
      version: m.version,
      evaluations: m.evaluations,
    })),
  };
}

/**
 * POST /api/v1/secondment-batches/:id/members — seconds a cadre: the team row that grants the access
 * (审查调查组 with the planned end, or 专班 membership ending the day before), the 师徒 pair, a notice.
 */
export async function addMember(ctx: Ctx, batchId: string, body: MemberAddBody): Promise<BatchDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const b = (await batchQuery(trx, ctx, batchId)).rows[0];
    if (!b) throw notFound('抽调批次');
    const locked = await trx.selectFrom('secondment_batch').selectAll().where('id', '=', batchId).forUpdate().executeTakeFirstOrThrow();
    if (locked.version !== body.version) throw staleVersion();
    if (b.state === 'ENDED') throw new AppError('CONFLICT', '抽调批次已到计划结束日期，不能再增加人员');
    const user = await activeUser(trx, ctx, body.userId, 'userId');
    const mentor = body.mentorId ? await activeUser(trx, ctx, body.mentorId, 'mentorId') : null;
    if (mentor?.id === user.id) throw validation([{ path: 'mentorId', message: '导师不能是抽调干部本人' }]);
    const dup = await trx.selectFrom('secondment_member').select('id').where('batch_id', '=', batchId).where('user_id', '=', user.id).executeTakeFirst();
    if (dup) throw new AppError('DUPLICATE', `${user.display_name}已在本批次中`);

    let caseTeamMemberId: string | null = null;
    let taskForceMemberId: string | null = null;
    if (locked.case_id) {
      const k = await trx.selectFrom('case_file').select(['id', 'case_no', 'state']).where('id', '=', locked.case_id).executeTakeFirstOrThrow();
      const history = await trx.selectFrom('case_team_member').select(['team', 'left_on']).where('case_id', '=', k.id).where('user_id', '=', user.id).execute();
      if (history.some((h) => h.team === 'TRIAL'))
        throw new AppError('TRIAL_TEAM_CONFLICT', `${user.display_name}是本案审理组成员，依照审查调查与审理分离的规定，不能抽调到本案审查调查组`);
      if (history.some((h) => h.team === 'INVESTIGATION' && h.left_on === null)) throw new AppError('DUPLICATE', `${user.display_name}已是本案审查调查组成员`);
      const m = await trx
        .insertInto('case_team_member')
        .values({
          commission_id: ctx.actor.commissionId,
          case_id: k.id,
          team: 'INVESTIGATION',
          user_id: user.id,
          org_id: user.org_id,
          role: 'MEMBER',
          planned_end_on: locked.planned_end,
          added_by: ctx.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      caseTeamMemberId = m.id;
      const payload = { op: 'join', memberId: m.id, team: 'INVESTIGATION', userId: user.id, orgId: user.org_id, role: 'MEMBER', secondmentBatchId: batchId };
      await trx
        .insertInto('case_event')
        .values({
          commission_id: ctx.actor.commissionId,
          case_id: k.id,
          action: 'teamJoined',
          comment: `${user.display_name}经抽调加入审查调查组（至${locked.planned_end}）`,
          payload: JSON.stringify(payload),
          actor_id: ctx.actor.userId,
        })
        .execute();
      await audit(trx, ctx, { type: 'case.team_changed', objectType: 'case', objectId: k.id, payload: refs(payload) });
    } else {
      const today = todayIso();
      const from = [today, locked.planned_start].sort()[1]!;
      const to = sql<string>`(${locked.planned_end}::date - 1)`;
      const overlap = await trx
        .selectFrom('task_force_member')
        .select('id')
        .where('task_force_id', '=', locked.task_force_id!)
        .where('user_id', '=', user.id)
        .where('valid_to', '>=', from)
        .executeTakeFirst();
      if (overlap) throw new AppError('DUPLICATE', `${user.display_name}已是该专班成员`);
      const m = await trx
        .insertInto('task_force_member')
        .values({
          commission_id: ctx.actor.commissionId,
          task_force_id: locked.task_force_id!,
          user_id: user.id,
          role: 'MEMBER',
          valid_from: from,
          valid_to: to,
          from_org_id: user.org_id,
          added_by: ctx.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      taskForceMemberId = m.id;
    }
    const created = await trx
      .insertInto('secondment_member')
      .values({
        commission_id: ctx.actor.commissionId,
        batch_id: batchId,
        user_id: user.id,
        from_org_id: user.org_id,
        role: body.role,
        mentor_id: mentor?.id ?? null,
        goals: body.goals ?? null,
        case_team_member_id: caseTeamMemberId,
        task_force_member_id: taskForceMemberId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('secondment_batch')
      .set({ version: locked.version + 1 })
      .where('id', '=', batchId)
      .execute();
    await audit(trx, ctx, {
      type: 'secondment.member_added',
      objectType: 'secondment_batch',
      objectId: batchId,
      payload: refs({ memberId: created.id, userId: user.id, fromOrgId: user.org_id, mentorId: mentor?.id ?? null, caseTeamMemberId, taskForceMemberId }),
    });
    await notify(trx, {
      commissionId: ctx.actor.commissionId,
      userId: user.id,
      kind: 'secondment.joined',
      title: `您已被抽调参加“${locked.name}”`,
      body: `${SECONDMENT_TARGET_LABELS[locked.target_kind as SecondmentTargetKind].zh}，${locked.planned_start}至${locked.planned_end}${mentor ? `，导师：${mentor.display_name}` : ''}`,
      link: locked.case_id ? `/cases/${locked.case_id}` : undefined,
    });
    if (mentor)
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId: mentor.id,
        kind: 'secondment.mentor',
        title: `您已被确定为${user.display_name}的导师（传帮带）`,
        body: `抽调批次：${locked.name}，${locked.planned_start}至${locked.planned_end}`,
        link: '/mentees',
      });
  });
  return getBatch(ctx, batchId);
}

/** GET /api/v1/secondment-targets — cases the caller sees, or the commission's current 专班, for the batch form. */
export async function listTargets(ctx: Ctx, kind: SecondmentTargetKind, q: string | undefined): Promise<{ id: string; name: string }[]> {
  const like = q ? `%${q}%` : null;
  if (kind === 'CASE') {
    const { rows } = await sql<{ id: string; name: string }>`
      SELECT k.id, k.case_no || ' ' || k.title AS name FROM case_file k
       WHERE ${caseVisible(ctx.actor, 'k')} AND k.state <> ALL(ARRAY['ARCHIVED','REVOKED']::text[])
         ${like ? sql`AND (k.case_no LIKE ${like} OR k.title LIKE ${like})` : sql``}
       ORDER BY k.filed_on DESC NULLS LAST LIMIT 50`.execute(ctx.db);
    return rows;
  }
  const { rows } = await sql<{ id: string; name: string }>`
    SELECT tf.id, tf.name_zh AS name FROM task_force tf
     WHERE tf.commission_id = ${ctx.actor.commissionId}::uuid AND (tf.valid_to IS NULL OR tf.valid_to >= current_date)
       ${like ? sql`AND tf.name_zh LIKE ${like}` : sql``}
     ORDER BY tf.valid_from DESC LIMIT 50`.execute(ctx.db);
  return rows;
}
