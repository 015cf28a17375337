import { stepRefusal } from '@liandong/domain/clues/approvals';
import type { ClueDecisionBody, ClueRequest, ClueRequestBody, ClueRequestList, ClueRequestQuery } from '@liandong/domain/clues/contracts';
import { APPROVER_LABELS } from '@liandong/domain/clues/enums';
import { type Approver, CLUE_ACTION_LABELS, type ClueAction } from '@liandong/domain/clues/machine';
import { sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import { audit, refs } from '../../platform/audit';
import { type Ctx, inTx } from '../../platform/context';
import { AppError, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { notify, whoMayOpen } from '../../platform/inbox';
import { transition } from '../../platform/workflow';
import { mayDecide, needsDecisionComment } from './policy';
import { loadRequests } from './present-requests';
import { clueVisible } from '../visibility';
import { clueWorkflow, mayOpenClue } from './workflow';

/*
 * Requests for acts that need approval (domain.md c.1): the chain of approvalChain() by the subject's
 * cadre level, the undertaking org's level and the state it is asked from; each step decided by its
 * approver, each by a different person; the last approval applies the act through the workflow kernel
 * in the same transaction; a rejection closes the request.
 */

/** POST /clues/:id/requests — the `request` record of the machine (its guard checks the requested act). */
export async function createRequest(ctx: Ctx, clueId: string, b: ClueRequestBody): Promise<ClueRequest> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const r = await transition(inTx(ctx, trx), clueWorkflow, clueId, { action: 'request', version: b.version, comment: b.rationale, request: b });
    return r.payload.requestId as string;
  });
  return getRequest(ctx, id);
}

interface LockedRequest {
  id: string;
  clue_id: string;
  action: ClueAction;
  payload: Record<string, unknown>;
  chain: Approver[];
  next_step: number;
  status: string;
  version: number;
  requested_by: string | null;
  decided_by: string[];
  visible: boolean;
}

/**
 * POST /clue-requests/:id/decisions — one step; two approvers at once: one wins, the other 409. The
 * step's approver kind, then who (stepRefusal: never the requester, each step a different person, the
 * 书记 not a whole chain alone) are checked before anything is written. The last approval applies the
 * act through the kernel; an earlier step or a rejection is the machine's `decide` record.
 */
export async function decide(ctx: Ctx, requestId: string, b: ClueDecisionBody): Promise<ClueRequest> {
  await ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<LockedRequest>`SELECT r.id, r.clue_id, r.action, r.payload, r.chain, r.next_step, r.status, r.version, r.requested_by,
        ARRAY(SELECT a.decided_by FROM clue_approval a WHERE a.request_id = r.id ORDER BY a.step) AS decided_by,
        ${clueVisible(ctx.actor, 'c')} AS visible
      FROM clue_request r JOIN clue c ON c.id = r.clue_id
      WHERE r.id = ${requestId}::uuid AND r.commission_id = ${ctx.actor.commissionId}::uuid
      FOR UPDATE OF r`.execute(trx);
    const r = rows[0];
    if (!r?.visible) throw notFound('审批事项');
    if (r.version !== b.version) throw staleVersion();
    if (r.status !== 'PENDING') throw new AppError('CONFLICT', '该事项已审批完毕');
    const kind = r.chain[r.next_step]!;
    if (!mayDecide(ctx.actor, kind)) throw forbidden(`此步须由${APPROVER_LABELS[kind].zh}审批`);
    const refusal = stepRefusal({
      userId: ctx.actor.userId,
      isSecretary: hasAnyRole(ctx.actor, ['SECRETARY']),
      requestedBy: r.requested_by,
      decidedBy: r.decided_by,
      chain: r.chain,
      step: r.next_step,
    });
    if (refusal) throw forbidden(refusal);
    const comment = b.comment.trim();
    if (needsDecisionComment(kind) && !comment) throw validation([{ path: 'comment', message: `请填写${APPROVER_LABELS[kind].zh}的批示或文号` }]);
    await trx
      .insertInto('clue_approval')
      .values({
        commission_id: ctx.actor.commissionId,
        request_id: r.id,
        step: r.next_step,
        approver_kind: kind,
        decision: b.decision,
        comment,
        decided_by: ctx.actor.userId,
      })
      .execute();
    const last = r.next_step + 1 >= r.chain.length;
    const status = b.decision === 'REJECTED' ? 'REJECTED' : last ? 'APPROVED' : 'PENDING';
    await trx
      .updateTable('clue_request')
      .set({
        status,
        next_step: b.decision === 'APPROVED' ? r.next_step + 1 : r.next_step,
        version: r.version + 1,
        ...(status === 'PENDING' ? {} : { decided_at: sql`now()` }),
      })
      .where('id', '=', r.id)
      .execute();
    const tctx = inTx(ctx, trx);
    const decision = { requestId: r.id, action: r.action, step: r.next_step, approver: kind, decision: b.decision, comment };
    if (status === 'APPROVED') {
      await audit(trx, ctx, { type: 'clue.approval_decided', objectType: 'clue', objectId: r.clue_id, payload: refs(decision) });
      const partyCommitteeApproved = r.chain.includes('PARTY_COMMITTEE_SECRETARY');
      await transition(
        tctx,
        clueWorkflow,
        r.clue_id,
        { action: r.action, comment, payload: r.payload, approvedRequest: { id: r.id, partyCommitteeApproved } },
        { approved: true },
      );
    } else {
      const next = status === 'PENDING' ? r.chain[r.next_step + 1]! : null;
      await transition(tctx, clueWorkflow, r.clue_id, {
        action: 'decide',
        comment,
        step: { requestId: r.id, action: r.action, step: r.next_step, kind, decision: b.decision, next },
      });
    }
    const title = (await trx.selectFrom('clue').select('title').where('id', '=', r.clue_id).executeTakeFirstOrThrow()).title;
    if (r.requested_by && r.requested_by !== ctx.actor.userId && (await whoMayOpen(trx, [r.requested_by], mayOpenClue(r.clue_id))).length > 0) {
      const verdict = status === 'REJECTED' ? '未获批准' : status === 'APPROVED' ? '已批准' : `${APPROVER_LABELS[kind].zh}已同意，待下一步审批`;
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId: r.requested_by,
        kind: 'clue.approval',
        title: `问题线索“${title.slice(0, 30)}”${CLUE_ACTION_LABELS[r.action].zh}：${verdict}`,
        body: comment ? `批示：${comment}` : '',
        link: `/clues/${r.clue_id}`,
      });
    }
  });
  return getRequest(ctx, requestId);
}

export async function getRequest(ctx: Ctx, id: string): Promise<ClueRequest> {
  const { items } = await loadRequests(ctx, { requestId: id, status: null, page: 1, pageSize: 1 });
  if (!items[0]) throw notFound('审批事项');
  return items[0];
}

/** GET /clue-requests — pending requests I can decide (mine) or all visible ones. */
export async function listRequests(ctx: Ctx, q: ClueRequestQuery): Promise<ClueRequestList> {
  const mine = q.mine === 'true' || q.mine === '1';
  return loadRequests(ctx, { status: q.status, mine, page: q.page, pageSize: q.pageSize });
}
