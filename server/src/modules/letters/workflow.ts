import { addCalendarDays } from '@liandong/domain/calendar/calendar';
import { type LetterActionBody, PERIOD_UNIT_LABELS } from '@liandong/domain/reform/contracts-letters';
import { LETTER_MACHINE, LETTER_REFERRAL_LABELS, type LetterAction } from '@liandong/domain/reform/machine';
import { refs } from '../../platform/audit';
import { loadWorkCalendar } from '../../platform/calendar';
import type { Ctx, TxCtx } from '../../platform/context';
import { ACTOR, addRow, type Effects, field, NOW, notAfter, notBefore, on, short, TODAY, users, type WorkflowOf, withRole } from '../../platform/workflow';
import { spawnTasksForLetter } from '../reform';
import { letterVisible } from '../visibility';
import { issueLetter } from './issue';
import { letterSides } from './policy';
import { findLetter, type LetterRow, usersWithRole } from './repo';

/*
 * The letter's workflow (建议书, c.6) for the kernel (platform/workflow.ts), the only writer of letter.state:
 * LETTER_MACHINE with the caller's sides, the 签发 before the number, the days of service and 提请, and the
 * facts each action writes (签发, 发文字号 and DOCX, service and its windows, objection, the amended letter's
 * reissue, reply, evaluation, the 提请 to the 主管部门/上级机关), then the notices.
 */

const UNIT_HEARS: readonly LetterAction[] = ['serve', 'upholdObjection', 'rejectObjection', 'reopenRectification', 'refuse', 'escalate', 'close'];
const drafters = users<LetterRow>('created_by', 'supervisor_user_id');

const sidesOf = (ctx: Ctx, row: LetterRow) =>
  letterSides(ctx.actor, { draftingOrgId: row.drafting_org_id, recipientOrgId: row.recipient_org_id, createdBy: row.created_by, overseen: row.overseen });

/** 签发 gives the letter its 发文字号 and DOCX (an amended letter: a new number, the old one void), audited as letter.issued. */
async function issued(ctx: TxCtx, row: LetterRow, amended: { previousDocNo?: string | null; amendmentNo?: number }): Promise<Effects> {
  const { docNo, attachmentId, set } = await issueLetter(ctx.trx, ctx, row);
  const amend = amended.amendmentNo ? { amendment_no: amended.amendmentNo, objection: null, objection_answer: null } : {};
  return {
    set: { ...amend, ...set },
    payload: { ...amended, docNo },
    audits: [{ type: 'letter.issued', payload: refs({ docNo, attachmentId, recipientOrgId: row.recipient_org_id, ...amended }) }],
  };
}

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
  // The timeline text: an input field, or composed (the receipt, the amended letter's number, the score, the 提请).
  text: {
    object: 'objection',
    upholdObjection: 'answer',
    rejectObjection: 'answer',
    reply: 'reply',
    serve: (b) => b.comment?.trim() || `送达回证签收人：${b.receiptSignedBy}，送达日期：${b.servedOn}`,
    reissue: (b, row, fx) =>
      `修改后重新签发印发，文号${fx.payload?.docNo}（原文号${row.doc_no ?? '无'}作废）${b.comment?.trim() ? `：${b.comment.trim()}` : ''}`,
    evaluate: (b) => `${b.evaluation}（评分 ${b.score}）`,
    escalate: (b) => `提请${LETTER_REFERRAL_LABELS[b.referredToKind].zh}${b.referredTo}责令改正（${b.referredOn}）：${b.escalation}`,
  },

  // The days given: service not before the issue, the 提请 not before the service, neither after today.
  checks: {
    serve: [notBefore('servedOn', 'issued_on', '送达日期不能早于印发日期'), notAfter('servedOn', 'today', '送达日期不能晚于今天')],
    escalate: [notAfter('referredOn', 'today', '提请日期不能晚于今天'), notBefore('referredOn', 'served_on', '提请日期不能早于送达日期')],
  },

  effects: {
    // The reviewer's reason is kept as a REVIEW opinion (legal/trial review).
    async returnDraft(ctx, row, body) {
      if (!sidesOf(ctx, row).has('REVIEWER')) return;
      const org = await ctx.trx.selectFrom('org').select('name_zh').where('id', '=', ctx.actor.orgId).executeTakeFirst();
      const opinion = { letter_id: row.id, kind: 'REVIEW', org_id: ctx.actor.orgId, org_name: org?.name_zh ?? '审核部门', opinion: body.comment };
      await addRow(ctx, 'letter_opinion', 'recorded_by', opinion);
    },
    issue: (ctx, row) => issued(ctx, row, {}),
    // 签发 of the amended text by the actor (the kernel checked 书记 / 分管领导), then its own number.
    reissue: (ctx, row) => issued(ctx, row, { previousDocNo: row.doc_no, amendmentNo: row.amendment_no + 1 }),
    // The objection window in the letter's unit: working days on the commission calendar (the same
    // calendar as every other limit), or calendar days for letters drafted before issue 14.
    async serve(ctx, row, body) {
      const objectionDue =
        row.objection_unit === 'WORKING_DAYS'
          ? (await loadWorkCalendar(ctx.trx, ctx.actor.commissionId)).addWorkingDays(body.servedOn, row.objection_days)
          : addCalendarDays(body.servedOn, row.objection_days);
      const replyDue = addCalendarDays(body.servedOn, row.reply_days);
      return { set: { objection_due: objectionDue, reply_due: replyDue }, payload: { servedOn: body.servedOn, objectionDue, replyDue } };
    },
    adopt: async (ctx, row) => ({ payload: { taskIds: await spawnTasksForLetter(ctx.trx, ctx, row.id) } }),
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
