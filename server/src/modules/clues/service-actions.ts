import type { ClueActionBody, ClueCreated } from '@liandong/domain/clues/contracts';
import { sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import { AppError, forbidden, staleVersion, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { todayIso } from '../../platform/calendar';
import { lockClue } from './repo';
import { transitionClue } from './transition';

/*
 * POST /clues/:id/actions: the direct acts of the machine go through transitionClue(); 受理告知 and
 * 结果反馈 are records of the 信访室 that change no state.
 */

export async function clueAction(ctx: Ctx, id: string, b: ClueActionBody): Promise<ClueCreated> {
  if (b.action === 'acknowledge' || b.action === 'feedback') return recordContact(ctx, id, b);
  const payload: Record<string, unknown> = b.action === 'propose' ? { method: b.method } : b.action === 'merge' ? { targetId: b.targetId, kind: b.kind } : {};
  const comment = b.action === 'propose' ? b.rationale : (b.comment ?? null);
  const result = await ctx.db
    .transaction()
    .execute((trx) => transitionClue(ctx, trx, id, b.action as Exclude<typeof b.action, 'acknowledge' | 'feedback'>, { version: b.version, comment, payload }));
  return { id, version: result.version };
}

/** 受理告知 (real-name petitions, within 15 working days) and 结果反馈 (after 办结). */
async function recordContact(ctx: Ctx, id: string, b: Extract<ClueActionBody, { action: 'acknowledge' | 'feedback' }>): Promise<ClueCreated> {
  return ctx.db.transaction().execute(async (trx) => {
    const clue = await lockClue(trx, ctx.actor, id);
    if (!hasAnyRole(ctx.actor, ['PETITION_OFFICER'])) throw forbidden('受理告知和结果反馈由信访室办理');
    if (clue.version !== b.version) throw staleVersion();
    const on = b.on ?? todayIso();
    if (on > todayIso()) throw validation([{ path: 'on', message: '日期不能晚于今天' }]);
    if (on < clue.received_on) throw validation([{ path: 'on', message: '日期不能早于受理日期' }]);
    if (b.action === 'acknowledge') {
      if (!clue.acknowledge_due) throw new AppError('BUSINESS_RULE', '只有实名检举控告需要受理告知');
      if (clue.acknowledged_on) throw new AppError('CONFLICT', '已登记受理告知');
    } else {
      if (!clue.feedback_due) throw new AppError('BUSINESS_RULE', '线索尚未办结或不是实名检举控告，无需结果反馈');
      if (clue.feedback_on) throw new AppError('CONFLICT', '已登记结果反馈');
    }
    const column = b.action === 'acknowledge' ? 'acknowledged_on' : 'feedback_on';
    await trx
      .updateTable('clue')
      .set({ [column]: on, version: clue.version + 1, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('clue_event')
      .values({
        commission_id: ctx.actor.commissionId,
        clue_id: id,
        action: b.action,
        from_state: clue.state,
        to_state: clue.state,
        comment: b.comment ?? null,
        payload: JSON.stringify({ on }),
        actor_id: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, { type: 'clue.updated', objectType: 'clue', objectId: id, payload: refs({ action: b.action, on }) });
    return { id, version: clue.version + 1 };
  });
}
