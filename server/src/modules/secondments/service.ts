import type { CadreSkill, PoolQuery, PoolRow, ProfileBody, SecondmentTargetKind } from '@liandong/domain/secondments/contracts';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notFound, staleVersion, validation } from '../../platform/errors';
import { caseVisible } from '../visibility';
import { cadreInScope, managesSecondments } from './access';

/*
 * 抽调 / 传帮带 / 以干代训 (domain.md b.5). The pool is the commission's active business accounts with their
 * skills and history; a batch seconds cadres to a case's 审查调查组 (a case_team_member row with a planned
 * end) or to a 专班 (a task_force_member row ending the day before the planned end), so the access a
 * seconded cadre gets is exactly the team's, through the existing visibility predicates, and ends by job.
 */

export const STATE_SQL = sql<'PLANNED' | 'ACTIVE' | 'ENDED'>`CASE WHEN b.planned_end <= current_date THEN 'ENDED'
  WHEN b.planned_start > current_date THEN 'PLANNED' ELSE 'ACTIVE' END`;

/** Business accounts only (administrators and unit liaisons are not cadres of the pool). */
export const CADRE_SQL = sql<boolean>`u.status = 'ACTIVE' AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id
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

/**
 * The target's name: a 专班's name, or the case number only for a viewer who sees the case (the 干部监督室
 * organises the people, not the case: a case it has no need to know stays 「专案」 to it).
 */
export const targetName = (ctx: Ctx) =>
  sql<string>`CASE WHEN b.case_id IS NULL THEN COALESCE(tf.name_zh, '')
    WHEN EXISTS (SELECT 1 FROM case_file kv WHERE kv.id = b.case_id AND ${caseVisible(ctx.actor, 'kv')}) THEN k.case_no ELSE '专案' END`;

/** An active business account of the commission, or a 400 on `path`. */
export async function activeUser(trx: Transaction<DB>, ctx: Ctx, id: string, path: string) {
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

export const canManage = managesSecondments;
