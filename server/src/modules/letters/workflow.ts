import { addCalendarDays } from '@liandong/domain/calendar/calendar';
import { type LetterActionBody, PERIOD_UNIT_LABELS } from '@liandong/domain/reform/contracts-letters';
import { LETTER_MACHINE, LETTER_REFERRAL_LABELS, type LetterAction } from '@liandong/domain/reform/machine';
import { refs } from '../../platform/audit';
import { loadWorkCalendar } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { validation } from '../../platform/errors';
import { ACTOR, type Effects, field, NOW, on, short, TODAY, users, type WorkflowOf, withRole } from '../../platform/workflow';
import { spawnTasksForLetter } from '../reform';
import { letterVisible } from '../visibility';
import { issueLetter } from './issue';
import { letterSides } from './policy';
import { findLetter, type LetterRow, usersWithRole } from './repo';

/*
 * The letter's workflow (建议书, c.6): what the kernel (platform/workflow.ts) needs to apply LETTER_MACHINE —
 * the scoped lock, the caller's sides, the guards (签发 before number, service date, 提请 date) and the
 * facts each action writes (签发, 发文字号 and DOCX, service and its windows, objection, the amended
 * letter's reissue, reply, evaluation, the 提请 to the 主管部门/上级机关), then the notices. The kernel is
 * the only writer of recommendation.state.
 */

/** The timeline text of the actions that compose it (the others write their comment, or `text`'s field). */
function eventText(body: LetterActionBody, row: LetterRow, issuedNo: string | null): string | undefined {
  switch (body.action) {
    case 'serve':
      return body.comment?.trim() || `送达回证签收人：${body.receiptSignedBy}，送达日期：${body.servedOn}`;
    case 'reissue':
      return `修改后重新签发印发，文号${issuedNo}（原文号${row.doc_no ?? '无'}作废）${body.comment?.trim() ? `：${body.comment.trim()}` : ''}`;
    case 'evaluate':
      return `${body.evaluation}（评分 ${body.score}）`;
    case 'escalate':
      return `提请${LETTER_REFERRAL_LABELS[body.referredToKind].zh}${body.referredTo}责令改正（${body.referredOn}）：${body.escalation}`;
    default:
      return undefined;
  }
}

const UNIT_HEARS: readonly LetterAction[] = ['serve', 'upholdObjection', 'rejectObjection', 'reopenRectification', 'refuse', 'escalate', 'close'];
const drafters = users<LetterRow>('created_by', 'supervisor_user_id');

const sidesOf = (ctx: Ctx, row: LetterRow) =>
  letterSides(ctx.actor, { draftingOrgId: row.drafting_org_id, recipientOrgId: row.recipient_org_id, createdBy: row.created_by, overseen: row.overseen });

export const letterWorkflow: WorkflowOf<typeof LETTER_MACHINE, LetterRow, LetterActionBody> = {
  machine: LETTER_MACHINE,
  table: 'letter',
  scope: { alias: 'nl', visible: (a) => letterVisible(a, 'nl') },
  events: { table: 'letter_event', key: 'letter_id', payload: false },
  audit: { default: 'letter.transitioned' },
  lock: (ctx, id) => findLetter(ctx.trx, ctx.actor, id, true),
  roles: (ctx, row) => sidesOf(ctx, row),
  guards: { signed: (_ctx, row) => row.approved_by !== null },

  // 签发 and its withdrawal, service, the unit's objection and reply, the evaluation, the 提请.
  columns: {
    approve: { approved_by: ACTOR, approved_at: NOW },
    returnDraft: { approved_by: null, approved_at: null },
    reissue: { approved_by: ACTOR, approved_at: NOW, served_on: null, receipt_signed_by: null, objection_due: null, reply_due: null },
    serve: { served_on: field('servedOn'), receipt_signed_by: field('receiptSignedBy') },
    object: { objection: field('objection') },
    upholdObjection: { objection_answer: field('answer') },
    rejectObjection: { objection_answer: field('answer') },
    reply: { reply: field('reply'), replied_on: TODAY },
    evaluate: { evaluation: field('evaluation'), evaluation_score: field('score'), evaluated_on: TODAY },
    reopenRectification: { evaluated_on: null },
    close: { closed_on: TODAY },
    escalate: {
      escalation: field('escalation'),
      referred_to: field('referredTo'),
      referred_to_kind: field('referredToKind'),
      referred_on: field('referredOn'),
    },
  },
  recorded: { evaluate: ['score'], escalate: ['referredTo', 'referredToKind', 'referredOn'] },
  text: { object: 'objection', upholdObjection: 'answer', rejectObjection: 'answer', reply: 'reply' },

  async guard(_ctx, row, body) {
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
        break;
      case 'issue':
      case 'reissue': {
        if (body.action === 'reissue') {
          // 签发 of the amended text by the actor (the kernel checked 书记 / 分管领导), then its own number.
          Object.assign(set, { amendment_no: row.amendment_no + 1, objection: null, objection_answer: null });
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
        // The objection window in the letter's unit: working days on the commission calendar (the same
        // calendar as every other limit), or calendar days for letters drafted before issue 14.
        set.objection_due =
          row.objection_unit === 'WORKING_DAYS'
            ? (await loadWorkCalendar(trx, ctx.actor.commissionId)).addWorkingDays(body.servedOn, row.objection_days)
            : addCalendarDays(body.servedOn, row.objection_days);
        set.reply_due = addCalendarDays(body.servedOn, row.reply_days);
        Object.assign(payload, { servedOn: body.servedOn, objectionDue: set.objection_due, replyDue: set.reply_due });
        break;
      case 'adopt':
        payload.taskIds = await spawnTasksForLetter(trx, ctx, row.id);
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
    // The 书记 (and trial staff) when it waits for them, the drafters when the unit or a reviewer acted.
    to: {
      submitReview: [withRole(['SECRETARY', 'TRIAL_STAFF'])],
      object: [drafters, withRole(['SECRETARY'])],
      refuse: [withRole(['SECRETARY'])],
      ...on(['approve', 'returnDraft', 'issue', 'upholdObjection', 'reissue', 'adopt', 'reply', 'withdraw'], drafters),
    },
    // The unit's contact persons when served and after decisions on them (on the portal).
    async audiences(ctx, row, { action }, to, fx) {
      if (!UNIT_HEARS.includes(action)) return [];
      const docNo = (fx.payload?.docNo as string | undefined) ?? row.doc_no;
      const unit = {
        users: await usersWithRole(ctx.trx, row.commission_id, ['UNIT_LIAISON'], row.recipient_org_id),
        kind: 'letter.recipient',
        title: `${docNo ?? '建议书'}“${short(row.title)}”：${LETTER_MACHINE.actions[action].zh}`,
        body:
          action === 'serve'
            ? `请于收到之日起${row.reply_days}日内书面回复采纳和整改情况；如有异议，请在${row.objection_days}${PERIOD_UNIT_LABELS[row.objection_unit].zh}内提出。`
            : action === 'upholdObjection'
              ? '异议成立，建议书将修改后重新签发印发并送达，回复和异议期限自重新送达之日起计算。'
              : `状态变为“${LETTER_MACHINE.states[to].zh}”`,
        link: `/portal/letters/${row.id}`,
      };
      return [unit];
    },
  },
};
