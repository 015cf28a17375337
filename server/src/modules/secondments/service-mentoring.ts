import type { BatchDetail, EvaluationBody, MemberPatchBody } from '@liandong/domain/secondments/contracts';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { audit, refs } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { notFound, staleVersion, validation } from '../../platform/errors';
import { notify } from '../../platform/inbox';
import { batchVisible } from './access';

import { activeUser } from './service';
import { getBatch } from './service-batches';

/*
 * 传帮带 / 以干代训: the 师徒 pair of a seconded cadre, the mentor's periodic evaluations (they feed the pool's
 * latest score) and the mentor's own pairs.
 */

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
