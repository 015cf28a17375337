import { addMonths, resultFeedbackDue } from '@liandong/domain/clues/deadlines';
import { CLUE_STATE_LABELS, type ClueState, nextClueState } from '@liandong/domain/clues/machine';
import { sql } from 'kysely';
import { loadWorkCalendar, todayIso } from '../../platform/calendar';
import type { TxCtx } from '../../platform/context';
import { AppError, businessRule } from '../../platform/errors';
import { allocateDocNumber } from '../../platform/numbering';
import { searchVector } from '../../platform/search';
import type { Effects } from '../../platform/workflow';
import { fileCaseForClue, openProposedCase } from '../cases';
import { type ClueRow, findClueForUpdate } from './repo';
import { checkTeamCandidates } from './team';
import type { ClueInput } from './workflow';

/*
 * What an act of c.1 writes besides the state (called only by the kernel through clueWorkflow, in its
 * transaction): the number, the undertaking department, 谈话函询 rounds, the 初核 with its 核查组, the
 * 暂存待查 review date, the closing dates, the hand-off to the case, and the withdrawal of a request the
 * new state makes moot.
 */

/** 逐件编号 代字 of problem clues: 兰纪线〔2026〕N号. */
export const CLUE_DOC_CODE = '兰纪线';

/** Registered 办结 states that start the 结果反馈 limit for a real-name complainant. */
const FEEDBACK_STATES: readonly ClueState[] = ['CLOSED', 'CLOSED_FIRST_FORM', 'TRANSFERRED_TO_PARTY_ORG', 'TRANSFERRED_OUT'];
const CLOSING_STATES: readonly ClueState[] = [...FEEDBACK_STATES, 'FALSE_ACCUSATION'];

async function nextRound(ctx: TxCtx, table: 'clue_inquiry' | 'clue_verification', clueId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT COALESCE(max(round), 0) + 1 AS n FROM ${sql.table(table)} WHERE clue_id = ${clueId}::uuid`.execute(ctx.trx);
  return rows[0]!.n;
}

async function latestInquiry(ctx: TxCtx, clueId: string) {
  return ctx.trx.selectFrom('clue_inquiry').selectAll().where('clue_id', '=', clueId).orderBy('round', 'desc').limit(1).executeTakeFirst();
}

/** The latest 初核 round of a clue. */
export async function latestVerification(ctx: TxCtx, clueId: string) {
  return ctx.trx.selectFrom('clue_verification').selectAll().where('clue_id', '=', clueId).orderBy('round', 'desc').limit(1).executeTakeFirst();
}

/** The 核查组: lead plus members, each checked (active, no trial staff, not recused) before anything is written. */
async function insertTeam(ctx: TxCtx, clueId: string, verificationId: string, userIds: string[], leadUserId: string) {
  await checkTeamCandidates(ctx, clueId, [
    { userId: leadUserId, path: 'payload.leadUserId' },
    ...userIds.map((userId, i) => ({ userId, path: `payload.teamUserIds.${i}` })),
  ]);
  for (const userId of [...new Set([leadUserId, ...userIds])]) {
    await ctx.trx
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

/** 并案: into an open clue the actor sees (not into itself: the guard). */
async function mergeTarget(ctx: TxCtx, payload: Record<string, unknown>) {
  const target = await findClueForUpdate(ctx.trx, ctx.actor, String(payload.targetId ?? ''));
  if (!target) throw new AppError('NOT_FOUND', '并入的目标线索不存在或无权访问');
  if (target.state === 'MERGED' || !nextClueState(target.state, 'merge')) {
    throw new AppError('ILLEGAL_TRANSITION', `目标线索状态为“${CLUE_STATE_LABELS[target.state].zh}”，不能并入已办结的线索`);
  }
  return { merged_into_id: target.id, merge_kind: payload.kind };
}

/** The columns and records of one act of c.1 (input.action is a ClueAction here). */
export async function actEffects(ctx: TxCtx, clue: ClueRow, input: ClueInput, to: ClueState): Promise<Effects> {
  const { trx } = ctx;
  const today = todayIso();
  const payload = input.payload ?? {};
  const set: Record<string, unknown> = {};
  switch (input.action) {
    case 'register': {
      const { no, text } = await allocateDocNumber(trx, {
        commissionId: ctx.actor.commissionId,
        docCode: CLUE_DOC_CODE,
        year: clue.year,
        objectType: 'clue',
        objectId: clue.id,
        userId: ctx.actor.userId,
      });
      Object.assign(set, {
        seq: no,
        clue_no: text,
        registered_at: sql`now()`,
        search_tsv: searchVector([text, clue.title, clue.summary, clue.subject_name, clue.subject_position]),
      });
      break;
    }
    case 'assign':
      set.undertaking_org_id = payload.undertakingOrgId;
      break;
    case 'propose':
      set.proposed_method = payload.method;
      break;
    case 'reopen':
      Object.assign(set, {
        closed_kind: null,
        closed_on: null,
        feedback_due: null,
        feedback_on: null,
        proposed_method: null,
        propose_due: addMonths(today, 1),
      });
      break;
    case 'merge':
      Object.assign(set, await mergeTarget(ctx, payload));
      break;
    case 'proposeCase':
      await openProposedCase(ctx, clue.id);
      break;
    case 'fileCase':
      await fileCaseForClue(ctx, clue.id, { partyCommitteeApproved: input.approvedRequest?.partyCommitteeApproved ?? false });
      break;
    case 'approveTalkInquiry':
    case 'repeatTalkInquiry': {
      const previous = await latestInquiry(ctx, clue.id);
      const form = (payload.form as string | undefined) ?? previous?.form ?? 'TALK';
      await trx
        .insertInto('clue_inquiry')
        .values({
          commission_id: ctx.actor.commissionId,
          clue_id: clue.id,
          round: await nextRound(ctx, 'clue_inquiry', clue.id),
          form,
          created_by: ctx.actor.userId,
        })
        .execute();
      Object.assign(set, { inquiry_reply_due: null, inquiry_report_due: null, proposed_method: 'TALK_INQUIRY' });
      break;
    }
    case 'reportTalkInquiry': {
      const round = await latestInquiry(ctx, clue.id);
      if (!round?.report?.trim()) throw businessRule('请先登记谈话函询情况报告（clue-inquiries 的 report）');
      await trx
        .updateTable('clue_inquiry')
        .set((eb) => ({ reported_on: today, version: eb('version', '+', 1) }))
        .where('id', '=', round.id)
        .execute();
      break;
    }
    case 'approvePrelim': {
      const v = await trx
        .insertInto('clue_verification')
        .values({
          commission_id: ctx.actor.commissionId,
          clue_id: clue.id,
          round: await nextRound(ctx, 'clue_verification', clue.id),
          plan: String(payload.plan ?? ''),
          measures: (payload.measures as string[] | undefined) ?? [],
          started_on: today,
          target_due: (payload.targetDue as string | undefined) ?? null,
          created_by: ctx.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await insertTeam(ctx, clue.id, v.id, (payload.teamUserIds as string[] | undefined) ?? [], String(payload.leadUserId));
      set.proposed_method = 'PRELIM_VERIFICATION';
      break;
    }
    case 'reportPrelim': {
      const v = (await latestVerification(ctx, clue.id))!;
      await trx
        .updateTable('clue_verification')
        .set((eb) => ({ reported_on: today, proposal: (v.report as { proposal?: string } | null)?.proposal ?? null, version: eb('version', '+', 1) }))
        .where('id', '=', v.id)
        .execute();
      break;
    }
    case 'approveHold': {
      const reviewDue = String(payload.reviewDue);
      if (reviewDue <= today)
        throw new AppError('VALIDATION', '复查日期须晚于今天', { issues: [{ path: 'payload.reviewDue', message: '复查日期须晚于今天' }] });
      Object.assign(set, { hold_review_due: reviewDue, proposed_method: 'PENDING_HOLD' });
      break;
    }
    case 'closeFirstForm': {
      const round = await latestInquiry(ctx, clue.id);
      if (round && clue.state === 'TALK_INQUIRY_REPORTED') {
        await trx
          .updateTable('clue_inquiry')
          .set((eb) => ({ outcome: 'FIRST_FORM', first_form_measure: String(payload.measure), version: eb('version', '+', 1) }))
          .where('id', '=', round.id)
          .execute();
      }
      break;
    }
  }
  if (CLOSING_STATES.includes(to)) {
    set.closed_on = today;
    if (input.action === 'approveClose') set.closed_kind = payload.closedKind;
    if (clue.real_name && FEEDBACK_STATES.includes(to))
      set.feedback_due = resultFeedbackDue((await loadWorkCalendar(ctx.db, ctx.actor.commissionId)).calendar, today);
  }
  if (to !== 'PENDING_HOLD') set.hold_review_due = null;
  if (to !== 'TALK_INQUIRY') Object.assign(set, { inquiry_reply_due: null, inquiry_report_due: null });
  // A request the new state makes moot is withdrawn (one open request per clue).
  await trx
    .updateTable('clue_request')
    .set((eb) => ({ status: 'WITHDRAWN', decided_at: sql`now()`, version: eb('version', '+', 1) }))
    .where('clue_id', '=', clue.id)
    .where('status', '=', 'PENDING')
    .execute();
  // Payload fields safe for the timeline and the audit trail (never free text of the complainant).
  const shown = input.action === 'reopen' ? { newEvidence: payload.newEvidence } : payload;
  return { set, payload: { ...(input.approvedRequest ? { requestId: input.approvedRequest.id } : {}), ...shown } };
}
