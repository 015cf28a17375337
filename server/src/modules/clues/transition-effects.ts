import type { ClueAction } from '@liandong/domain/clues/machine';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { AppError, businessRule } from '../../platform/errors';
import type { Ctx } from '../../platform/context';
import { todayIso } from '../../platform/calendar';
import type { ClueRow } from './repo';

/*
 * What an action writes besides the state (called only by transitionClue, in its transaction):
 * 谈话函询 rounds, the 初核 with its 核查组, the 暂存待查 review date, the reports' dates. Returns the
 * clue columns to set with the state.
 */

async function nextRound(trx: Transaction<DB>, table: 'clue_inquiry' | 'clue_verification', clueId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT COALESCE(max(round), 0) + 1 AS n FROM ${sql.table(table)} WHERE clue_id = ${clueId}::uuid`.execute(trx);
  return rows[0]!.n;
}

async function latestInquiry(trx: Transaction<DB>, clueId: string) {
  return trx.selectFrom('clue_inquiry').selectAll().where('clue_id', '=', clueId).orderBy('round', 'desc').limit(1).executeTakeFirst();
}

async function latestVerification(trx: Transaction<DB>, clueId: string) {
  return trx.selectFrom('clue_verification').selectAll().where('clue_id', '=', clueId).orderBy('round', 'desc').limit(1).executeTakeFirst();
}

/** The 核查组: lead plus members, each an active account of the commission. */
async function insertTeam(ctx: Ctx, trx: Transaction<DB>, clueId: string, verificationId: string, userIds: string[], leadUserId: string) {
  const ids = [...new Set([leadUserId, ...userIds])];
  const found = await trx
    .selectFrom('app_user')
    .select('id')
    .where('id', 'in', ids)
    .where('commission_id', '=', ctx.actor.commissionId)
    .where('status', '=', 'ACTIVE')
    .execute();
  if (found.length !== ids.length) {
    const ok = new Set(found.map((f) => f.id));
    const bad = ids.findIndex((id) => !ok.has(id));
    throw new AppError('VALIDATION', '核查组成员须为本机关在用账号', { issues: [{ path: `payload.teamUserIds.${bad}`, message: '账号不存在或已停用' }] });
  }
  for (const userId of ids) {
    await trx
      .insertInto('clue_team_member')
      .values({
        commission_id: ctx.actor.commissionId,
        clue_id: clueId,
        verification_id: verificationId,
        user_id: userId,
        role: userId === leadUserId ? 'LEAD' : 'MEMBER',
      })
      .execute();
  }
}

export async function applyEffects(
  ctx: Ctx,
  trx: Transaction<DB>,
  clue: ClueRow,
  action: ClueAction,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const today = todayIso();
  switch (action) {
    case 'approveTalkInquiry':
    case 'repeatTalkInquiry': {
      const previous = await latestInquiry(trx, clue.id);
      const form = (payload.form as string | undefined) ?? previous?.form ?? 'TALK';
      await trx
        .insertInto('clue_inquiry')
        .values({
          commission_id: ctx.actor.commissionId,
          clue_id: clue.id,
          round: await nextRound(trx, 'clue_inquiry', clue.id),
          form,
          created_by: ctx.actor.userId,
        })
        .execute();
      return { inquiry_reply_due: null, inquiry_report_due: null, proposed_method: 'TALK_INQUIRY' };
    }
    case 'reportTalkInquiry': {
      const round = await latestInquiry(trx, clue.id);
      if (!round?.report?.trim()) throw businessRule('请先登记谈话函询情况报告（clue-inquiries 的 report）');
      await trx
        .updateTable('clue_inquiry')
        .set((eb) => ({ reported_on: today, version: eb('version', '+', 1) }))
        .where('id', '=', round.id)
        .execute();
      return {};
    }
    case 'approvePrelim': {
      const v = await trx
        .insertInto('clue_verification')
        .values({
          commission_id: ctx.actor.commissionId,
          clue_id: clue.id,
          round: await nextRound(trx, 'clue_verification', clue.id),
          plan: String(payload.plan ?? ''),
          measures: (payload.measures as string[] | undefined) ?? [],
          started_on: today,
          target_due: (payload.targetDue as string | undefined) ?? null,
          created_by: ctx.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await insertTeam(ctx, trx, clue.id, v.id, (payload.teamUserIds as string[] | undefined) ?? [], String(payload.leadUserId));
      return { proposed_method: 'PRELIM_VERIFICATION' };
    }
    case 'reportPrelim': {
      const v = await latestVerification(trx, clue.id);
      if (!v) throw new AppError('ILLEGAL_TRANSITION', '没有初步核实记录', { guard: 'allTeamSigned' });
      const { rows } = await sql<{ active: number; unsigned: number }>`SELECT count(*)::int AS active,
          count(*) FILTER (WHERE signed_at IS NULL)::int AS unsigned
        FROM clue_team_member WHERE verification_id = ${v.id}::uuid AND left_on IS NULL`.execute(trx);
      const r = rows[0]!;
      if (!v.report || r.active === 0 || r.unsigned > 0) {
        throw new AppError('ILLEGAL_TRANSITION', '初核报告须经核查组全体成员签名后方可报送', { guard: 'allTeamSigned', unsigned: r.unsigned });
      }
      await trx
        .updateTable('clue_verification')
        .set((eb) => ({ reported_on: today, proposal: (v.report as { proposal?: string }).proposal ?? null, version: eb('version', '+', 1) }))
        .where('id', '=', v.id)
        .execute();
      return {};
    }
    case 'approveHold': {
      const reviewDue = String(payload.reviewDue);
      if (reviewDue <= today)
        throw new AppError('VALIDATION', '复查日期须晚于今天', { issues: [{ path: 'payload.reviewDue', message: '复查日期须晚于今天' }] });
      return { hold_review_due: reviewDue, proposed_method: 'PENDING_HOLD' };
    }
    case 'closeFirstForm': {
      const round = await latestInquiry(trx, clue.id);
      if (round && clue.state === 'TALK_INQUIRY_REPORTED') {
        await trx
          .updateTable('clue_inquiry')
          .set((eb) => ({ outcome: 'FIRST_FORM', first_form_measure: String(payload.measure), version: eb('version', '+', 1) }))
          .where('id', '=', round.id)
          .execute();
      }
      return {};
    }
    default:
      return {};
  }
}
