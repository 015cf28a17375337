import { addMonths, resultFeedbackDue } from '@liandong/domain/clues/deadlines';
import { CLUE_ACTION_LABELS, CLUE_STATE_LABELS, CLUE_TRANSITIONS, type ClueAction, type ClueState, nextClueState } from '@liandong/domain/clues/machine';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { loadWorkCalendar, todayIso } from '../../platform/calendar';
import { AppError, forbidden, staleVersion } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notify, whoMayOpen } from '../../platform/inbox';
import { allocateDocNumber } from '../../platform/numbering';
import { searchVector } from '../../platform/search';
import { fileCaseForClue, openProposedCase } from '../cases';
import { ACTOR_LABEL, mayPerform, requesterKinds } from './policy';
import { type ClueRow, lockClue, staffOfOrg } from './repo';
import { applyEffects } from './transition-effects';
import { clueVisible } from '../visibility';

/*
 * The one door through which clue.state changes (domain.md c.1). In the caller's transaction: lock the
 * row, check visibility (404), version (409), the machine table (409), the actor (403) — or, for an
 * approver act, that the request's chain is complete — and the guard; then write the state with the
 * action's effects, the clue event, the typed audit event, withdraw requests the new state makes moot,
 * and send the inbox notices.
 */

/** 逐件编号 代字 of problem clues: 兰纪线〔2026〕N号. */
export const CLUE_DOC_CODE = '兰纪线';

export interface ClueTransitionInput {
  /** The version the caller read (omitted when a request's version was checked instead). */
  version?: number;
  comment?: string | null;
  /** Action data (propose: method; merge: targetId, kind; request payloads). */
  payload?: Record<string, unknown>;
  /** Set when an approved request applies the act: its id and whether 同级党委 approved. */
  approved?: { requestId: string; partyCommitteeApproved: boolean };
}

export interface ClueTransitionResult {
  from: ClueState;
  to: ClueState;
  version: number;
}

/** Registered 办结 states that start the 结果反馈 limit for a real-name complainant. */
const FEEDBACK_STATES: readonly ClueState[] = ['CLOSED', 'CLOSED_FIRST_FORM', 'TRANSFERRED_TO_PARTY_ORG', 'TRANSFERRED_OUT'];
const CLOSING_STATES: readonly ClueState[] = [...FEEDBACK_STATES, 'FALSE_ACCUSATION'];

export async function transitionClue(
  ctx: Ctx,
  trx: Transaction<DB>,
  clueId: string,
  action: ClueAction,
  input: ClueTransitionInput,
): Promise<ClueTransitionResult> {
  const clue = await lockClue(trx, ctx.actor, clueId);
  if (input.version !== undefined && clue.version !== input.version) throw staleVersion();
  const to = nextClueState(clue.state, action);
  if (!to) {
    throw new AppError('ILLEGAL_TRANSITION', `线索当前状态“${CLUE_STATE_LABELS[clue.state].zh}”不能“${CLUE_ACTION_LABELS[action].zh}”`, {
      state: clue.state,
      action,
    });
  }
  const t = CLUE_TRANSITIONS[action];
  if (t.needsApproval && !input.approved) throw new AppError('ILLEGAL_TRANSITION', `“${CLUE_ACTION_LABELS[action].zh}”须经审批，请提请审批`);
  if (!input.approved && !mayPerform(ctx.actor, { undertakingOrgId: clue.undertaking_org_id }, action)) {
    throw forbidden(
      `“${CLUE_ACTION_LABELS[action].zh}”由${requesterKinds(action)
        .map((k) => ACTOR_LABEL[k])
        .join('或')}办理`,
    );
  }

  const today = todayIso();
  const cal = await loadWorkCalendar(ctx.db, ctx.actor.commissionId);
  const set: Record<string, unknown> = {};
  const payload = input.payload ?? {};

  switch (action) {
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
      Object.assign(set, await mergeTarget(ctx, trx, clue, payload));
      break;
    case 'proposeCase':
      await openProposedCase(trx, ctx, clue.id);
      break;
    case 'fileCase':
      await fileCaseForClue(trx, ctx, clue.id, { partyCommitteeApproved: input.approved?.partyCommitteeApproved ?? false });
      break;
    default:
      Object.assign(set, await applyEffects(ctx, trx, clue, action, payload));
  }
  if (CLOSING_STATES.includes(to)) {
    set.closed_on = today;
    if (action === 'approveClose') set.closed_kind = payload.closedKind;
    if (clue.real_name && FEEDBACK_STATES.includes(to)) set.feedback_due = resultFeedbackDue(cal.calendar, today);
  }
  if (to !== 'PENDING_HOLD') set.hold_review_due = null;
  if (to !== 'TALK_INQUIRY') Object.assign(set, { inquiry_reply_due: null, inquiry_report_due: null });

  const version = clue.version + 1;
  await trx
    .updateTable('clue')
    .set({ ...set, state: to, version, updated_at: sql`now()` })
    .where('id', '=', clue.id)
    .execute();
  // A request the new state makes moot is withdrawn (one open request per clue).
  await trx
    .updateTable('clue_request')
    .set((eb) => ({ status: 'WITHDRAWN', decided_at: sql`now()`, version: eb('version', '+', 1) }))
    .where('clue_id', '=', clue.id)
    .where('status', '=', 'PENDING')
    .execute();
  const comment = input.comment?.trim() || null;
  await trx
    .insertInto('clue_event')
    .values({
      commission_id: ctx.actor.commissionId,
      clue_id: clue.id,
      action,
      from_state: clue.state,
      to_state: to,
      comment,
      payload: JSON.stringify(publicPayload(action, payload)),
      actor_id: ctx.actor.userId,
    })
    .execute();
  await audit(trx, ctx, {
    type: action === 'merge' ? 'clue.merged' : 'clue.transitioned',
    objectType: 'clue',
    objectId: clue.id,
    payload: refs({ action, from: clue.state, to, comment, requestId: input.approved?.requestId ?? null, ...publicPayload(action, payload) }),
  });
  await sendNotices(ctx, trx, clue, action, to, set.undertaking_org_id as string | undefined);
  return { from: clue.state, to, version };
}

/** Payload fields safe for the timeline and the audit trail (never free text of the complainant). */
function publicPayload(action: ClueAction, payload: Record<string, unknown>): Record<string, unknown> {
  if (action === 'reopen') return { newEvidence: payload.newEvidence };
  return payload;
}

/** 并案: not into itself, into an open clue the actor sees. */
async function mergeTarget(ctx: Ctx, trx: Transaction<DB>, clue: ClueRow, payload: Record<string, unknown>) {
  const targetId = String(payload.targetId ?? '');
  if (targetId === clue.id) throw new AppError('ILLEGAL_TRANSITION', '不能并入线索本身', { guard: 'notSelf' });
  const target = await lockClue(trx, ctx.actor, targetId).catch(() => {
    throw new AppError('NOT_FOUND', '并入的目标线索不存在或无权访问');
  });
  if (target.state === 'MERGED' || !nextClueState(target.state, 'merge')) {
    throw new AppError('ILLEGAL_TRANSITION', `目标线索状态为“${CLUE_STATE_LABELS[target.state].zh}”，不能并入已办结的线索`);
  }
  return { merged_into_id: target.id, merge_kind: payload.kind };
}

async function sendNotices(ctx: Ctx, trx: Transaction<DB>, clue: ClueRow, action: ClueAction, to: ClueState, newUndertaking?: string) {
  const orgId = newUndertaking ?? clue.undertaking_org_id;
  if (!orgId || !['assign', 'reopen', 'approveTalkInquiry', 'approvePrelim', 'approveHold', 'approveClose', 'repeatTalkInquiry'].includes(action)) return;
  const title = clue.title.length > 30 ? `${clue.title.slice(0, 30)}…` : clue.title;
  const staff = await staffOfOrg(trx, orgId);
  // Only the department's accounts that may open the clue (not recused, cleared, not an administrator).
  for (const userId of await whoMayOpen(trx, staff, (a) => sql`SELECT 1 FROM clue n WHERE n.id = ${clue.id}::uuid AND ${clueVisible(a, 'n')}`)) {
    if (userId === ctx.actor.userId) continue;
    await notify(trx, {
      commissionId: ctx.actor.commissionId,
      userId,
      kind: 'clue.transition',
      title: `问题线索“${title}”：${CLUE_ACTION_LABELS[action].zh}`,
      body: `状态变为“${CLUE_STATE_LABELS[to].zh}”，操作人：${ctx.actor.displayName}`,
      link: `/clues/${clue.id}`,
    });
  }
}
