import type { ClueRequestBody } from '@liandong/domain/clues/contracts';
import { approvalChain, CLUE_ACTION_LABELS, CLUE_STATE_LABELS, CLUE_TRANSITIONS, nextClueState } from '@liandong/domain/clues/machine';
import { todayIso } from '../../platform/calendar';
import type { TxCtx } from '../../platform/context';
import { AppError, forbidden, validation } from '../../platform/errors';
import type { Effects } from '../../platform/workflow';
import { ACTOR_LABEL, actorKinds, canIntake } from './policy';
import { type ClueRow, orgLevel } from './repo';
import { intakePatch } from './service-intake';
import { checkTeamCandidates } from './team';
import type { ClueInput } from './workflow';

/*
 * The records of the clue's machine that leave its state (called only through clueWorkflow): filing a
 * request for approval, 受理告知 / 结果反馈 of the 信访室, and edits of the intake. Guards first (they
 * throw before anything is written), then the effects.
 */

const UNDERTAKING_KINDS = ['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION', 'TOWNSHIP_COMMISSION'];

/** The checks of a record action beyond the table and the actor's kind. */
export async function recordGuard(ctx: TxCtx, clue: ClueRow, input: ClueInput): Promise<void> {
  if (input.action === 'request') {
    const b = input.request!;
    if (!nextClueState(clue.state, b.action)) {
      throw new AppError('ILLEGAL_TRANSITION', `线索当前状态“${CLUE_STATE_LABELS[clue.state].zh}”不能提请“${CLUE_ACTION_LABELS[b.action].zh}”`, {
        state: clue.state,
        action: b.action,
      });
    }
    const held = actorKinds(ctx.actor, { undertakingOrgId: clue.undertaking_org_id });
    const who = CLUE_TRANSITIONS[b.action].who;
    if (!who.some((k) => held.has(k))) throw forbidden(`“${CLUE_ACTION_LABELS[b.action].zh}”由${who.map((k) => ACTOR_LABEL[k]).join('或')}提请`);
    if (clue.pending_request) throw new AppError('CONFLICT', '该线索已有待审批的事项，请待其办结后再提请');
    await checkPayload(ctx, clue, b);
  } else if (input.action === 'acknowledge' || input.action === 'feedback') {
    const on = input.on ?? todayIso();
    if (on > todayIso()) throw validation([{ path: 'on', message: '日期不能晚于今天' }]);
    if (on < clue.received_on) throw validation([{ path: 'on', message: '日期不能早于受理日期' }]);
    if (input.action === 'acknowledge') {
      if (!clue.acknowledge_due) throw new AppError('BUSINESS_RULE', '只有实名检举控告需要受理告知');
      if (clue.acknowledged_on) throw new AppError('CONFLICT', '已登记受理告知');
    } else {
      if (!clue.feedback_due) throw new AppError('BUSINESS_RULE', '线索尚未办结或不是实名检举控告，无需结果反馈');
      if (clue.feedback_on) throw new AppError('CONFLICT', '已登记结果反馈');
    }
  } else if (input.action === 'update') {
    const source = input.patch?.source;
    if (source && source !== clue.source && !canIntake(ctx.actor, source)) throw forbidden('无权将线索改为此来源');
  }
}

/** A request's payload: the undertaking department must be one; the 核查组 is checked like a case team. */
async function checkPayload(ctx: TxCtx, clue: ClueRow, b: ClueRequestBody) {
  if (b.action === 'assign') {
    const org = await ctx.trx
      .selectFrom('org')
      .select(['id', 'kind', 'office_kind'])
      .where('id', '=', b.payload.undertakingOrgId)
      .where('commission_id', '=', ctx.actor.commissionId)
      .executeTakeFirst();
    if (!org || !UNDERTAKING_KINDS.includes(org.kind) || ['PETITION', 'CASE_MANAGEMENT', 'TRIAL'].includes(org.office_kind ?? '')) {
      throw validation([{ path: 'payload.undertakingOrgId', message: '承办部门须为监督检查室、审查调查室、派驻纪检监察组或县区纪委监委' }]);
    }
  }
  if (b.action === 'approvePrelim') {
    await checkTeamCandidates(ctx, clue.id, [
      { userId: b.payload.leadUserId, path: 'payload.leadUserId' },
      ...b.payload.teamUserIds.map((userId, i) => ({ userId, path: `payload.teamUserIds.${i}` })),
    ]);
  }
}

/** What a record writes: the request row, the contact date, the edited intake. */
export async function recordEffects(ctx: TxCtx, clue: ClueRow, input: ClueInput): Promise<Effects> {
  switch (input.action) {
    case 'request': {
      const b = input.request!;
      const level = await orgLevel(ctx.trx, b.action === 'assign' ? b.payload.undertakingOrgId : clue.undertaking_org_id);
      const subject = { cadreManagement: clue.cadre_management, isSubordinateTopLeader: clue.is_subordinate_top_leader };
      const chain = approvalChain(b.action, subject, level, clue.state);
      const req = await ctx.trx
        .insertInto('clue_request')
        .values({
          commission_id: ctx.actor.commissionId,
          clue_id: clue.id,
          action: b.action,
          payload: JSON.stringify(b.payload ?? {}),
          rationale: b.rationale,
          chain,
          requested_by: ctx.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { payload: { requestId: req.id, action: b.action, chain, level } };
    }
    case 'decide': {
      const s = input.step!;
      return { payload: { requestId: s.requestId, action: s.action, step: s.step, approver: s.kind, decision: s.decision } };
    }
    case 'acknowledge':
    case 'feedback': {
      const on = input.on ?? todayIso();
      return { set: { [input.action === 'acknowledge' ? 'acknowledged_on' : 'feedback_on']: on }, payload: { on } };
    }
    case 'update': {
      const { set, changed } = await intakePatch(ctx, clue, input.patch!);
      return { set, payload: { changed } };
    }
    default:
      return {};
  }
}
