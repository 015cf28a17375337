import { addCalendarDays } from '@liandong/domain/calendar/calendar';
import type { LetterActionBody } from '@liandong/domain/reform/contracts-letters';
import {
  LETTER_ACTION_LABELS,
  LETTER_MACHINE,
  LETTER_REFERRAL_LABELS,
  LETTER_STATE_LABELS,
  type LetterAction,
  type LetterActor,
  type LetterState,
} from '@liandong/domain/reform/machine';
import { refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, validation } from '../../platform/errors';
import { type Effects, short, type Workflow } from '../../platform/workflow';
import { spawnTasksForLetter } from '../reform';
import { letterVisible } from '../visibility';
import { issueLetter } from './issue';
import { actorMessage, letterSides } from './policy';
import { findLetter, type LetterRow, usersWithRole } from './repo';

/*
 * The letter's workflow (建议书, c.6): what the kernel (platform/workflow.ts) needs to apply LETTER_MACHINE —
 * the scoped lock, the caller's sides, the guards (签发 before number, service date, 提请 date) and the
 * facts each action writes (签发, 发文字号 and DOCX, service and its windows, objection, the amended
 * letter's reissue, reply, evaluation, the 提请 to the 主管部门/上级机关), then the notices. The kernel is
 * the only writer of recommendation.state.
 */

/** The text an action carries into the timeline (comment, or the objection / answer / reply / 提请 …). */
function eventText(body: LetterActionBody, row: LetterRow, issuedNo: string | null): string | null {
  switch (body.action) {
    case 'serve':
      return body.comment?.trim() || `送达回证签收人：${body.receiptSignedBy}，送达日期：${body.servedOn}`;
    case 'object':
      return body.objection;
    case 'upholdObjection':
    case 'rejectObjection':
      return body.answer;
    case 'reissue':
      return `修改后重新签发印发，文号${issuedNo}（原文号${row.doc_no ?? '无'}作废）${body.comment?.trim() ? `：${body.comment.trim()}` : ''}`;
    case 'reply':
      return body.reply;
    case 'evaluate':
      return `${body.evaluation}（评分 ${body.score}）`;
    case 'escalate':
      return `提请${LETTER_REFERRAL_LABELS[body.referredToKind].zh}${body.referredTo}责令改正（${body.referredOn}）：${body.escalation}`;
    default:
      return body.comment?.trim() || null;
  }
}

const sidesOf = (ctx: Ctx, row: LetterRow) =>
  letterSides(ctx.actor, { draftingOrgId: row.drafting_org_id, recipientOrgId: row.recipient_org_id, createdBy: row.created_by, overseen: row.overseen });

export const letterWorkflow: Workflow<LetterRow, LetterState, LetterAction, LetterActor, LetterActionBody> = {
  machine: LETTER_MACHINE,
  table: 'letter',
  objectType: 'letter',
  scope: { alias: 'nl', visible: (a) => letterVisible(a, 'nl') },
  events: { table: 'letter_event', key: 'letter_id', payload: false },
  auditType: () => 'letter.transitioned',

  lock: (ctx, id) => findLetter(ctx.trx, ctx.actor, id, true),

  roles: (ctx, row) => sidesOf(ctx, row),

  deniedMessage: actorMessage,

  async guard(_ctx, row, body) {
    if (LETTER_MACHINE.table[body.action].guard === 'signed' && !row.approved_by)
      throw new AppError('ILLEGAL_TRANSITION', '建议书尚未经书记或分管领导签发，不能编号印发', { guard: 'signed' });
    if (body.action === 'serve') {
      if (row.issued_on && body.servedOn < row.issued_on) throw validation([{ path: 'servedOn', message: '送达日期不能早于印发日期' }]);
      if (body.servedOn > row.today) throw validation([{ path: 'servedOn', message: '送达日期不能晚于今天' }]);
    }
    if (body.action === 'escalate') {
      if (body.referredOn > row.today) throw validation([{ path: 'referredOn', message: '提请日期不能晚于今天' }]);
      if (row.served_on && body.referredOn < row.served_on) throw validation([{ path: 'referredOn', message: '提请日期不能早于送达日期' }]);
    }
  },

  async effects(ctx, row, body) {
    const { trx } = ctx;
    const set: Record<string, unknown> = {};
    const payload: Record<string, unknown> = {};
    const audits: NonNullable<Effects['audits']> = [];
    let issuedNo: string | null = null;
    switch (body.action) {
      case 'approve':
        set.approved_by = ctx.actor.userId;
        set.approved_at = new Date();
        break;
      case 'returnDraft':
        // The reviewer's reason is kept as a REVIEW opinion (legal/trial review).
        if (sidesOf(ctx, row).has('REVIEWER')) {
          const org = await trx.selectFrom('org').select('name_zh').where('id', '=', ctx.actor.orgId).executeTakeFirst();
          await trx
            .insertInto('letter_opinion')
            .values({
              commission_id: ctx.actor.commissionId,
              letter_id: row.id,
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
      case 'issue':
      case 'reissue': {
        if (body.action === 'reissue') {
          // 签发 of the amended text by the actor (the kernel checked 书记 / 分管领导), then its own number.
          Object.assign(set, { approved_by: ctx.actor.userId, approved_at: new Date(), amendment_no: row.amendment_no + 1 });
          Object.assign(set, { served_on: null, receipt_signed_by: null, objection_due: null, reply_due: null, objection: null, objection_answer: null });
          payload.previousDocNo = row.doc_no;
          payload.amendmentNo = row.amendment_no + 1;
        }
        const issued = await issueLetter(trx, ctx, row);
        Object.assign(set, issued.set);
        payload.docNo = issued.docNo;
        issuedNo = issued.docNo;
        audits.push({
          type: 'letter.issued',
          objectType: 'letter',
          objectId: row.id,
          payload: refs({
            docNo: issued.docNo,
            attachmentId: issued.attachmentId,
            recipientOrgId: row.recipient_org_id,
            ...(body.action === 'reissue' ? { previousDocNo: row.doc_no, amendmentNo: row.amendment_no + 1 } : {}),
          }),
        });
        break;
      }
      case 'serve':
        set.served_on = body.servedOn;
        set.receipt_signed_by = body.receiptSignedBy;
        set.objection_due = addCalendarDays(body.servedOn, row.objection_days);
        set.reply_due = addCalendarDays(body.servedOn, row.reply_days);
        Object.assign(payload, { servedOn: body.servedOn, objectionDue: set.objection_due, replyDue: set.reply_due });
        break;
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
        set.replied_on = row.today;
        break;
      case 'evaluate':
        Object.assign(set, { evaluation: body.evaluation, evaluation_score: body.score, evaluated_on: row.today });
        payload.score = body.score;
        break;
      case 'reopenRectification':
        set.evaluated_on = null;
        break;
      case 'close':
        set.closed_on = row.today;
        break;
      case 'escalate':
        Object.assign(set, { escalation: body.escalation, referred_to: body.referredTo, referred_to_kind: body.referredToKind, referred_on: body.referredOn });
        Object.assign(payload, { referredTo: body.referredTo, referredToKind: body.referredToKind, referredOn: body.referredOn });
        break;
      default:
        break;
    }
    return { set, payload, comment: eventText(body, row, issuedNo), audits };
  },

  notices: {
    kind: 'letter',
    name: (row) => `建议书“${short(row.title)}”`,
    link: (row) => `/letters/${row.id}`,
    async audiences(ctx, row, { action }, to, fx) {
      const docNo = (fx.payload?.docNo as string | undefined) ?? row.doc_no;
      const roles = (rs: string[]) => usersWithRole(ctx.trx, row.commission_id, rs);
      const drafters = [row.created_by, row.supervisor_user_id];
      // The unit's contact persons when served and after decisions on them (on the portal).
      const unit = UNIT_HEARS.includes(action) && {
        users: await usersWithRole(ctx.trx, row.commission_id, ['UNIT_LIAISON'], row.recipient_org_id),
        kind: 'letter.recipient',
        title: `${docNo ?? '建议书'}“${short(row.title)}”：${LETTER_ACTION_LABELS[action].zh}`,
        body:
          action === 'serve'
            ? `请于收到之日起${row.reply_days}日内书面回复采纳和整改情况；如有异议，请在${row.objection_days}日内提出。`
            : action === 'upholdObjection'
              ? '异议成立，建议书将修改后重新签发印发并送达，回复和异议期限自重新送达之日起计算。'
              : `状态变为“${LETTER_STATE_LABELS[to].zh}”`,
        link: `/portal/letters/${row.id}`,
      };
      // The 书记 (and trial staff) when it waits for them, the drafters when the unit or a reviewer acted.
      const users =
        action === 'submitReview'
          ? await roles(['SECRETARY', 'TRIAL_STAFF'])
          : action === 'object'
            ? [...drafters, ...(await roles(['SECRETARY']))]
            : action === 'refuse'
              ? await roles(['SECRETARY'])
              : DRAFTERS_HEAR.includes(action)
                ? drafters
                : [];
      return [...(unit ? [unit] : []), { users }];
    },
  },
};

const UNIT_HEARS: readonly LetterAction[] = ['serve', 'upholdObjection', 'rejectObjection', 'reopenRectification', 'refuse', 'escalate', 'close'];
const DRAFTERS_HEAR: readonly LetterAction[] = ['approve', 'returnDraft', 'issue', 'upholdObjection', 'reissue', 'adopt', 'reply', 'withdraw'];
