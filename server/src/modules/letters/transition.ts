import { addCalendarDays } from '@liandong/domain/calendar/calendar';
import type { LetterActionBody } from '@liandong/domain/reform/contracts-letters';
import { nextRecState, REC_ACTION_LABELS, REC_STATE_LABELS, type RecAction, type RecState } from '@liandong/domain/reform/machine';
import { sql, type Transaction, type Updateable } from 'kysely';
import type { DB, Recommendation } from '../../db/types';
import { AppError, forbidden, staleVersion, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notify, whoMayOpen } from '../../platform/inbox';
import { letterVisible } from '../visibility';
import { spawnTasksForLetter } from '../reform';
import { issueLetter } from './issue';
import { actorMessage, letterSides, mayAct } from './policy';
import { type LetterRow, loadLetter, usersWithRole } from './repo';

/*
 * The one door through which recommendation.state changes (c.6). In the caller's transaction: lock
 * the row and check visibility (404), the version (409 STALE_VERSION), the table REC_TRANSITIONS
 * (409 ILLEGAL_TRANSITION), the actor's side (403); then write the state with the action's facts
 * (approval, 发文字号 and DOCX on issue, service dates, objection, reply, evaluation, escalation), the
 * rectification tasks on adopt, the recommendation_event, the audit events and the inbox notices.
 */

export interface TransitionResult {
  from: RecState;
  to: RecState;
}

/** The text an action carries into the timeline (comment, or the objection / answer / reply …). */
function eventText(body: LetterActionBody): string | null {
  switch (body.action) {
    case 'serve':
      return body.comment?.trim() || `送达回证签收人：${body.receiptSignedBy}，送达日期：${body.servedOn}`;
    case 'object':
      return body.objection;
    case 'upholdObjection':
    case 'rejectObjection':
      return body.answer;
    case 'reply':
      return body.reply;
    case 'evaluate':
      return `${body.evaluation}（评分 ${body.score}）`;
    case 'escalate':
      return body.escalation;
    default:
      return body.comment?.trim() || null;
  }
}

export async function transition(ctx: Ctx, trx: Transaction<DB>, letterId: string, body: LetterActionBody): Promise<TransitionResult> {
  const action: RecAction = body.action;
  const row = await loadLetter(trx, ctx.actor, letterId, true);
  if (row.version !== body.version) throw staleVersion();
  const to = nextRecState(row.state, action);
  if (to === null) {
    throw new AppError('ILLEGAL_TRANSITION', `建议书处于“${REC_STATE_LABELS[row.state].zh}”状态，不能“${REC_ACTION_LABELS[action].zh}”`, {
      state: row.state,
      action,
    });
  }
  const sides = letterSides(ctx.actor, { draftingOrgId: row.drafting_org_id, recipientOrgId: row.recipient_org_id, createdBy: row.created_by });
  if (!mayAct(sides, action)) throw forbidden(actorMessage(action));

  const today = row.today;
  const set: Updateable<Recommendation> = {};
  const payload: Record<string, unknown> = {};
  let issued: { docNo: string; attachmentId: string } | null = null;

  switch (body.action) {
    case 'approve':
      set.approved_by = ctx.actor.userId;
      set.approved_at = new Date();
      break;
    case 'returnDraft':
      // The reviewer's reason is kept as a REVIEW opinion (legal/trial review).
      if (sides.has('REVIEWER')) {
        const org = await trx.selectFrom('org').select('name_zh').where('id', '=', ctx.actor.orgId).executeTakeFirst();
        await trx
          .insertInto('recommendation_opinion')
          .values({
            commission_id: ctx.actor.commissionId,
            recommendation_id: row.id,
            kind: 'REVIEW',
            org_id: ctx.actor.orgId,
            org_name: org?.name_zh ?? '审核部门',
            opinion: body.comment,
            recorded_by: ctx.actor.userId,
          })
          .execute();
      }
      set.approved_by = null;
      set.approved_at = null;
      break;
    case 'issue': {
      // 发文字号, issued_on and the stored DOCX are written by issueLetter in this transaction.
      issued = await issueLetter(trx, ctx, row);
      payload.docNo = issued.docNo;
      break;
    }
    case 'serve': {
      if (row.issued_on && body.servedOn < row.issued_on) throw validation([{ path: 'servedOn', message: '送达日期不能早于印发日期' }]);
      if (body.servedOn > today) throw validation([{ path: 'servedOn', message: '送达日期不能晚于今天' }]);
      set.served_on = body.servedOn;
      set.receipt_signed_by = body.receiptSignedBy;
      set.objection_due = addCalendarDays(body.servedOn, row.objection_days);
      set.reply_due = addCalendarDays(body.servedOn, row.reply_days);
      Object.assign(payload, { servedOn: body.servedOn, objectionDue: set.objection_due, replyDue: set.reply_due });
      break;
    }
    case 'object':
      set.objection = body.objection;
      break;
    case 'upholdObjection':
    case 'rejectObjection':
      set.objection_answer = body.answer;
      break;
    case 'adopt':
      payload.taskIds = await spawnTasksForLetter(trx, ctx, row.id);
      break;
    case 'reply':
      set.reply = body.reply;
      set.replied_on = today;
      break;
    case 'evaluate':
      set.evaluation = body.evaluation;
      set.evaluation_score = body.score;
      set.evaluated_on = today;
      payload.score = body.score;
      break;
    case 'reopenRectification':
      set.evaluated_on = null;
      break;
    case 'close':
      set.closed_on = today;
      break;
    case 'escalate':
      set.escalation = body.escalation;
      break;
    default:
      break;
  }

  await trx
    .updateTable('recommendation')
    .set({ ...set, state: to, version: row.version + 1, updated_at: sql<Date>`now()` })
    .where('id', '=', row.id)
    .execute();
  const comment = eventText(body);
  await trx
    .insertInto('recommendation_event')
    .values({
      commission_id: ctx.actor.commissionId,
      recommendation_id: row.id,
      action,
      from_state: row.state,
      to_state: to,
      comment,
      actor_id: ctx.actor.userId,
    })
    .execute();
  await audit(trx, ctx, {
    type: 'letter.transitioned',
    objectType: 'recommendation',
    objectId: row.id,
    payload: refs({ action, from: row.state, to, comment, ...payload }),
  });
  if (issued) {
    await audit(trx, ctx, {
      type: 'letter.issued',
      objectType: 'recommendation',
      objectId: row.id,
      payload: refs({ docNo: issued.docNo, attachmentId: issued.attachmentId, recipientOrgId: row.recipient_org_id }),
    });
  }
  await sendNotices(ctx, trx, row, action, to, issued?.docNo ?? row.doc_no);
  return { from: row.state, to };
}

/** Inbox notices: the unit's liaisons when served and after decisions on them; the drafter when the unit acts; the 书记 when submitted. */
async function sendNotices(ctx: Ctx, trx: Transaction<DB>, row: LetterRow, action: RecAction, to: RecState, docNo: string | null) {
  const drafters = [row.created_by, row.supervisor_user_id].filter((u): u is string => u !== null);
  // Only who may open the letter as it now stands (state, clearance, recusal) hears of it.
  const mayOpen = (ids: string[]) => whoMayOpen(trx, ids, (a) => sql`SELECT 1 FROM recommendation l WHERE l.id = ${row.id}::uuid AND ${letterVisible(a, 'l')}`);
  let recipients: string[] = [];
  switch (action) {
    case 'submitReview':
      recipients = await usersWithRole(trx, row.commission_id, ['SECRETARY', 'TRIAL_STAFF']);
      break;
    case 'object':
      recipients = [...drafters, ...(await usersWithRole(trx, row.commission_id, ['SECRETARY']))];
      break;
    case 'refuse':
      recipients = await usersWithRole(trx, row.commission_id, ['SECRETARY']);
      break;
    case 'approve':
    case 'returnDraft':
    case 'issue':
    case 'adopt':
    case 'reply':
    case 'withdraw':
      recipients = drafters;
      break;
    default:
      break;
  }
  if (['serve', 'upholdObjection', 'rejectObjection', 'reopenRectification', 'refuse', 'escalate', 'close'].includes(action)) {
    const liaisons = await mayOpen(await usersWithRole(trx, row.commission_id, ['UNIT_LIAISON'], row.recipient_org_id));
    for (const userId of liaisons) {
      await notify(trx, {
        commissionId: row.commission_id,
        userId,
        kind: 'letter.recipient',
        title: `${docNo ?? '建议书'}“${short(row.title)}”：${REC_ACTION_LABELS[action].zh}`,
        body:
          action === 'serve'
            ? `请于收到之日起${row.reply_days}日内书面回复采纳和整改情况；如有异议，请在${row.objection_days}日内提出。`
            : `状态变为“${REC_STATE_LABELS[to].zh}”`,
        link: `/portal/letters/${row.id}`,
      });
    }
  }
  for (const userId of await mayOpen(recipients)) {
    if (userId === ctx.actor.userId) continue;
    await notify(trx, {
      commissionId: row.commission_id,
      userId,
      kind: 'letter',
      title: `建议书“${short(row.title)}”：${REC_ACTION_LABELS[action].zh}`,
      body: `状态变为“${REC_STATE_LABELS[to].zh}”，操作人：${ctx.actor.displayName}`,
      link: `/letters/${row.id}`,
    });
  }
}

const short = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);
