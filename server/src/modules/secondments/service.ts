import type {
  BatchCreateBody,
  BatchDetail,
  BatchRow,
  CadreSkill,
  EvaluationBody,
  MemberAddBody,
  MemberPatchBody,
  PoolQuery,
  PoolRow,
  ProfileBody,
  SecondmentTargetKind,
} from '@liandong/domain/secondments/contracts';
import { SECONDMENT_TARGET_LABELS } from '@liandong/domain/secondments/contracts';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { audit, refs } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { AppError, notFound, staleVersion, validation } from '../../platform/errors';
import { notify } from '../../platform/inbox';
import { caseVisible } from '../visibility';
import { batchVisible, cadreInScope, managesSecondments } from './access';

/*
 * 抽调 / 传帮带 / 以干代训 (domain.md b.5). The pool is the commission's active business accounts with their
 * skills and history; a batch seconds cadres to a case's 审查调查组 (a case_team_member row with a planned
 * end) or to a 专班 (a task_force_member row ending the day before the planned end), so the access a
 * seconded cadre gets is exactly the team's, through the existing visibility predicates, and ends by job.
 */

const STATE_SQL = sql<'PLANNED' | 'ACTIVE' | 'ENDED'>`CASE WHEN b.planned_end <= current_date THEN 'ENDED'
  WHEN b.planned_start > current_date THEN 'PLANNED' ELSE 'ACTIVE' END`;

/** Business accounts only (administrators and unit liaisons are not cadres of the pool). */
const CADRE_SQL = sql<boolean>`u.status = 'ACTIVE' AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id
  AND r.role NOT IN ('SYS_ADMIN','SEC_ADMIN','AUDIT_ADMIN','UNIT_LIAISON'))`;

interface PoolDbRow {
  user_id: string;
  name: string;
  org_id: string;
  org_name: string;
  position: string | null;
  skills: string[] | null;
  note: string | null;
  version: number | null;
  secondments: number;
  active_batch_id: string | null;
  active_batch_name: string | null;
  latest_score: number | null;
  latest_on: string | null;
}

function poolQuery(ctx: Ctx, q: PoolQuery & { userId?: string }) {
  const a = ctx.actor;
  return sql<PoolDbRow>`
    SELECT u.id AS user_id, u.display_name AS name, o.id AS org_id, o.name_zh AS org_name, p.position,
      cp.skills, cp.note, cp.version,
      (SELECT count(*)::int FROM secondment_member sm WHERE sm.user_id = u.id) AS secondments,
      act.id AS active_batch_id, act.name AS active_batch_name,
      ev.score AS latest_score, to_char(ev.evaluated_on, 'YYYY-MM-DD') AS latest_on
    FROM app_user u
    JOIN org o ON o.id = u.org_id
    LEFT JOIN person p ON p.id = u.person_id
    LEFT JOIN cadre_profile cp ON cp.user_id = u.id
    LEFT JOIN LATERAL (SELECT b.id, b.name FROM secondment_member sm JOIN secondment_batch b ON b.id = sm.batch_id
      WHERE sm.user_id = u.id AND sm.ended_on IS NULL ORDER BY b.planned_start DESC LIMIT 1) act ON true
    LEFT JOIN LATERAL (SELECT e.score, e.evaluated_on FROM secondment_evaluation e JOIN secondment_member sm ON sm.id = e.member_id
      WHERE sm.user_id = u.id ORDER BY e.evaluated_on DESC, e.created_at DESC LIMIT 1) ev ON true
    WHERE ${cadreInScope(a)} AND ${CADRE_SQL}
      ${q.userId ? sql`AND u.id = ${q.userId}::uuid` : sql``}
      ${q.orgId ? sql`AND u.org_id = ${q.orgId}::uuid` : sql``}
      ${q.skill ? sql`AND ${q.skill} = ANY(cp.skills)` : sql``}
      ${q.q ? sql`AND (u.display_name LIKE ${`%${q.q}%`} OR o.name_zh LIKE ${`%${q.q}%`})` : sql``}
    ORDER BY o.name_zh, u.display_name
    LIMIT 2000`.execute(ctx.db);
}

const toPool = (r: PoolDbRow): PoolRow => ({
  userId: r.user_id,
  name: r.name,
  org: { id: r.org_id, name: r.org_name },
  position: r.position,
  skills: (r.skills ?? []) as CadreSkill[],
  note: r.note,
  version: r.version ?? 0,
  secondments: r.secondments,
  activeBatch: r.active_batch_id ? { id: r.active_batch_id, name: r.active_batch_name ?? '' } : null,
  latestScore: r.latest_score,
  latestEvaluatedOn: r.latest_on,
});

/** GET /api/v1/cadre-pool — 干部库 in the caller's scope. */
export async function listPool(ctx: Ctx, q: PoolQuery): Promise<PoolRow[]> {
  return (await poolQuery(ctx, q)).rows.map(toPool);
}

/** GET /api/v1/cadre-pool/:id — one cadre with past secondments and evaluations (404 outside scope). */
export async function getCadre(ctx: Ctx, userId: string) {
  const row = (await poolQuery(ctx, { userId })).rows[0];
  if (!row) throw notFound('干部');
  const { rows } = await sql<{
    member_id: string;
    batch_id: string;
    batch_name: string;
    target_kind: SecondmentTargetKind;
    target_name: string;
    planned_start: string;
    planned_end: string;
    ended_on: string | null;
    mentor_id: string | null;
    mentor_name: string | null;
    evaluations: { evaluatedOn: string; score: number; comment: string; by: { id: string; name: string } }[];
  }>`
    SELECT sm.id AS member_id, b.id AS batch_id, b.name AS batch_name, b.target_kind,
      ${targetName(ctx)} AS target_name,
      to_char(b.planned_start, 'YYYY-MM-DD') AS planned_start, to_char(b.planned_end, 'YYYY-MM-DD') AS planned_end,
      to_char(sm.ended_on, 'YYYY-MM-DD') AS ended_on, mu.id AS mentor_id, mu.display_name AS mentor_name,
      COALESCE((SELECT json_agg(json_build_object('evaluatedOn', to_char(e.evaluated_on, 'YYYY-MM-DD'), 'score', e.score,
        'comment', e.comment, 'by', json_build_object('id', bu.id, 'name', bu.display_name)) ORDER BY e.evaluated_on DESC)
        FROM secondment_evaluation e JOIN app_user bu ON bu.id = e.by_user WHERE e.member_id = sm.id), '[]') AS evaluations
    FROM secondment_member sm JOIN secondment_batch b ON b.id = sm.batch_id
    LEFT JOIN case_file k ON k.id = b.case_id LEFT JOIN task_force tf ON tf.id = b.task_force_id
    LEFT JOIN app_user mu ON mu.id = sm.mentor_id
    WHERE sm.user_id = ${userId}::uuid AND b.commission_id = ${ctx.actor.commissionId}::uuid
    ORDER BY b.planned_start DESC`.execute(ctx.db);
  await ctx.db.transaction().execute((trx) => audit(trx, ctx, { type: 'secondment.read', objectType: 'cadre', objectId: userId }));
  return {
    cadre: toPool(row),
    history: rows.map((h) => ({
      memberId: h.member_id,
      batch: { id: h.batch_id, name: h.batch_name },
      targetKind: h.target_kind,
      targetName: h.target_name,
      plannedStart: h.planned_start,
      plannedEnd: h.planned_end,
      endedOn: h.ended_on,
      mentor: h.mentor_id ? { id: h.mentor_id, name: h.mentor_name ?? '' } : null,
      evaluations: h.evaluations,
    })),
  };
}

/** PUT /api/v1/cadre-pool/:id — skills (dictionary) and note; version 0 creates the profile. */
export async function putProfile(ctx: Ctx, userId: string, body: ProfileBody): Promise<PoolRow> {
  await ctx.db.transaction().execute(async (trx) => {
    const u = await trx
      .selectFrom('app_user as u')
      .select('u.id')
      .where('u.id', '=', userId)
      .where(cadreInScope(ctx.actor))
      .where(CADRE_SQL)
      .executeTakeFirst();
    if (!u) throw notFound('干部');
    const cur = await trx.selectFrom('cadre_profile').select('version').where('user_id', '=', userId).forUpdate().executeTakeFirst();
    if ((cur?.version ?? 0) !== body.version) throw staleVersion();
    const skills = [...new Set(body.skills)];
    if (cur)
      await trx
        .updateTable('cadre_profile')
        .set({ skills, note: body.note ?? null, version: cur.version + 1, updated_by: ctx.actor.userId, updated_at: sql`now()` })
        .where('user_id', '=', userId)
        .execute();
    else
      await trx
        .insertInto('cadre_profile')
        .values({ user_id: userId, commission_id: ctx.actor.commissionId, skills, note: body.note ?? null, updated_by: ctx.actor.userId })
        .execute();
    await audit(trx, ctx, { type: 'secondment.profile_updated', objectType: 'cadre', objectId: userId, payload: refs({ skills, version: body.version + 1 }) });
  });
  return toPool((await poolQuery(ctx, { userId })).rows[0]!);
}

// ---- batches ----

/**
 * The target's name: a 专班's name, or the case number only for a viewer who sees the case (the 干部监督室
 * organises the people, not the case: a case it has no need to know stays 「专案」 to it).
 */
const targetName = (ctx: Ctx) =>
  sql<string>`CASE WHEN b.case_id IS NULL THEN COALESCE(tf.name_zh, '')
    WHEN EXISTS (SELECT 1 FROM case_file kv WHERE kv.id = b.case_id AND ${caseVisible(ctx.actor, 'kv')}) THEN k.case_no ELSE '专案' END`;

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

async function activeUser(trx: Transaction<DB>, ctx: Ctx, id: string, path: string) {
  const u = await trx
    .selectFrom('app_user as u')
    .select(['u.id', 'u.display_name', 'u.org_id'])
    .where('u.id', '=', id)
    .where('u.commission_id', '=', ctx.actor.commissionId)
    .where(CADRE_SQL)
    .executeTakeFirst();
  if (!u) throw validation([{ path, message: '人员不存在或账号不可用' }]);
  return u;
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

/** The member with its batch, if the caller manages the batch (or, with `mentorToo`, mentors the member). */
async function reachMember(trx: Transaction<DB>, ctx: Ctx, memberId: string, mentorToo: boolean) {
  const m = await trx
    .selectFrom('secondment_member as sm')
    .innerJoin('secondment_batch as b', 'b.id', 'sm.batch_id')
    .select(['sm.id', 'sm.batch_id', 'sm.user_id', 'sm.mentor_id', 'sm.version', 'sm.ended_on'])
    .where('sm.id', '=', memberId)
    .where('sm.commission_id', '=', ctx.actor.commissionId)
    .where(mentorToo ? sql<boolean>`(${batchVisible(ctx.actor)} OR sm.mentor_id = ${ctx.actor.userId}::uuid)` : batchVisible(ctx.actor))
    .executeTakeFirst();
  if (!m) throw notFound('抽调人员');
  return m;
}

/** PATCH /api/v1/secondment-members/:id — 师徒结对: mentor and goals (managers only). */
export async function patchMember(ctx: Ctx, memberId: string, body: MemberPatchBody): Promise<BatchDetail> {
  const batchId = await ctx.db.transaction().execute(async (trx) => {
    const m = await reachMember(trx, ctx, memberId, false);
    const locked = await trx.selectFrom('secondment_member').select('version').where('id', '=', m.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.version !== body.version) throw staleVersion();
    const mentor = body.mentorId ? await activeUser(trx, ctx, body.mentorId, 'mentorId') : null;
    if (mentor?.id === m.user_id) throw validation([{ path: 'mentorId', message: '导师不能是抽调干部本人' }]);
    await trx
      .updateTable('secondment_member')
      .set({ mentor_id: mentor?.id ?? null, goals: body.goals, version: locked.version + 1 })
      .where('id', '=', m.id)
      .execute();
    await audit(trx, ctx, {
      type: 'secondment.member_updated',
      objectType: 'secondment_batch',
      objectId: m.batch_id,
      payload: refs({ memberId: m.id, mentorId: mentor?.id ?? null, goals: body.goals ?? '', version: locked.version + 1 }),
    });
    if (mentor && mentor.id !== m.mentor_id)
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId: mentor.id,
        kind: 'secondment.mentor',
        title: '您已被确定为抽调干部的导师（传帮带）',
        body: `操作人：${ctx.actor.displayName}`,
        link: '/mentees',
      });
    return m.batch_id;
  });
  return getBatch(ctx, batchId);
}

/** POST /api/v1/secondment-members/:id/evaluations — by the mentor or a manager; feeds the pool. */
export async function addEvaluation(ctx: Ctx, memberId: string, body: EvaluationBody): Promise<{ id: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await reachMember(trx, ctx, memberId, true);
    if (body.evaluatedOn > todayIso()) throw validation([{ path: 'evaluatedOn', message: '评价日期不能晚于今天' }]);
    const e = await trx
      .insertInto('secondment_evaluation')
      .values({
        commission_id: ctx.actor.commissionId,
        member_id: m.id,
        evaluated_on: body.evaluatedOn,
        score: body.score,
        comment: body.comment,
        by_user: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'secondment.evaluated',
      objectType: 'secondment_batch',
      objectId: m.batch_id,
      payload: refs({ memberId: m.id, evaluationId: e.id, score: body.score, evaluatedOn: body.evaluatedOn }),
    });
    return { id: e.id };
  });
}

/** Batches whose members a mentor evaluates — the mentor's own pairs (for the 传帮带 screen). */
export async function myMentees(ctx: Ctx) {
  const { rows } = await sql<{ id: string; user_name: string; batch_id: string; batch_name: string; goals: string | null }>`
    SELECT sm.id, u.display_name AS user_name, b.id AS batch_id, b.name AS batch_name, sm.goals
    FROM secondment_member sm JOIN app_user u ON u.id = sm.user_id JOIN secondment_batch b ON b.id = sm.batch_id
    WHERE sm.mentor_id = ${ctx.actor.userId}::uuid AND sm.commission_id = ${ctx.actor.commissionId}::uuid AND sm.ended_on IS NULL
    ORDER BY b.planned_start DESC`.execute(ctx.db);
  return rows.map((r) => ({ memberId: r.id, name: r.user_name, batch: { id: r.batch_id, name: r.batch_name }, goals: r.goals }));
}

export const canManage = managesSecondments;

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
