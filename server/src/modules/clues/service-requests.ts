import { APPROVER_LABELS } from '@liandong/domain/clues/enums';
import type { ClueDecisionBody, ClueRequest, ClueRequestBody, ClueRequestList, ClueRequestQuery } from '@liandong/domain/clues/contracts';
import { type Approver, approvalChain, CLUE_ACTION_LABELS, CLUE_STATE_LABELS, type ClueAction, nextClueState } from '@liandong/domain/clues/machine';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import { AppError, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notify, whoMayOpen } from '../../platform/inbox';
import { ACTOR_LABEL, mayDecide, mayPerform, needsDecisionComment, requesterKinds } from './policy';
import { loadRequests } from './present-requests';
import { approverUsers, type ClueRow, lockClue, orgLevel } from './repo';
import { transitionClue } from './transition';
import { clueVisible } from '../visibility';

/*
 * Requests for acts that need approval (domain.md c.1): the chain of approvalChain() by the subject's
 * cadre level and the undertaking org's level; each step decided by its approver; the last approval
 * applies the act through transitionClue() in the same transaction; a rejection closes the request.
 */

const UNDERTAKING_KINDS = ['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION', 'TOWNSHIP_COMMISSION'];

async function checkPayload(ctx: Ctx, trx: Transaction<DB>, b: ClueRequestBody) {
  if (b.action === 'assign') {
    const org = await trx
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
    const ids = [...new Set([b.payload.leadUserId, ...b.payload.teamUserIds])];
    const n = await trx
      .selectFrom('app_user')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('id', 'in', ids)
      .where('commission_id', '=', ctx.actor.commissionId)
      .where('status', '=', 'ACTIVE')
      .executeTakeFirstOrThrow();
    if (n.n !== ids.length) throw validation([{ path: 'payload.teamUserIds', message: '核查组成员须为本机关在用账号' }]);
  }
}

/** The clue's own predicate: a notice naming the clue reaches only who may open it. */
const mayOpenClue = (clueId: string) => (a: Actor) => sql`SELECT 1 FROM clue n WHERE n.id = ${clueId}::uuid AND ${clueVisible(a, 'n')}`;

async function notifyApprovers(ctx: Ctx, trx: Transaction<DB>, clue: Pick<ClueRow, 'id' | 'title'>, requestId: string, action: ClueAction, kind: Approver) {
  const title = clue.title.length > 30 ? `${clue.title.slice(0, 30)}…` : clue.title;
  const approvers = await approverUsers(ctx.db, ctx.actor.commissionId, clue.id, kind);
  for (const userId of await whoMayOpen(trx, approvers, mayOpenClue(clue.id))) {
    if (userId === ctx.actor.userId) continue;
    await notify(trx, {
      commissionId: ctx.actor.commissionId,
      userId,
      kind: 'clue.approval',
      title: `待审批：问题线索“${title}”${CLUE_ACTION_LABELS[action].zh}`,
      body: `请以${APPROVER_LABELS[kind].zh}身份审批。提请人：${ctx.actor.displayName}`,
      link: `/clue-requests/${requestId}`,
    });
  }
}

/** POST /clues/:id/requests */
export async function createRequest(ctx: Ctx, clueId: string, b: ClueRequestBody): Promise<ClueRequest> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const clue = await lockClue(trx, ctx.actor, clueId);
    if (clue.version !== b.version) throw staleVersion();
    if (!nextClueState(clue.state, b.action)) {
      throw new AppError('ILLEGAL_TRANSITION', `线索当前状态“${CLUE_STATE_LABELS[clue.state].zh}”不能提请“${CLUE_ACTION_LABELS[b.action].zh}”`, {
        state: clue.state,
        action: b.action,
      });
    }
    if (!mayPerform(ctx.actor, { undertakingOrgId: clue.undertaking_org_id }, b.action)) {
      throw forbidden(
        `“${CLUE_ACTION_LABELS[b.action].zh}”由${requesterKinds(b.action)
          .map((k) => ACTOR_LABEL[k])
          .join('或')}提请`,
      );
    }
    if (clue.pending_request) throw new AppError('CONFLICT', '该线索已有待审批的事项，请待其办结后再提请');
    await checkPayload(ctx, trx, b);
    const level = await orgLevel(trx, b.action === 'assign' ? b.payload.undertakingOrgId : clue.undertaking_org_id);
    const chain = approvalChain(b.action, { cadreManagement: clue.cadre_management, isSubordinateTopLeader: clue.is_subordinate_top_leader }, level);
    const payload = (b.payload ?? {}) as Record<string, unknown>;
    const req = await trx
      .insertInto('clue_request')
      .values({
        commission_id: ctx.actor.commissionId,
        clue_id: clue.id,
        action: b.action,
        payload: JSON.stringify(payload),
        rationale: b.rationale,
        chain,
        requested_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('clue')
      .set({ version: clue.version + 1, updated_at: sql`now()` })
      .where('id', '=', clue.id)
      .execute();
    await trx
      .insertInto('clue_event')
      .values({
        commission_id: ctx.actor.commissionId,
        clue_id: clue.id,
        action: `request:${b.action}`,
        from_state: clue.state,
        to_state: clue.state,
        comment: b.rationale,
        payload: JSON.stringify({ requestId: req.id, chain }),
        actor_id: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, {
      type: 'clue.requested',
      objectType: 'clue',
      objectId: clue.id,
      payload: refs({ requestId: req.id, action: b.action, chain, level }),
    });
    await notifyApprovers(ctx, trx, clue, req.id, b.action, chain[0]!);
    return req.id;
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
  clue_title: string;
  visible: boolean;
}

/** POST /clue-requests/:id/decisions — one step; two approvers at once: one wins, the other 409. */
export async function decide(ctx: Ctx, requestId: string, b: ClueDecisionBody): Promise<ClueRequest> {
  await ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<LockedRequest>`SELECT r.id, r.clue_id, r.action, r.payload, r.chain, r.next_step, r.status, r.version, r.requested_by,
        c.title AS clue_title, ${clueVisible(ctx.actor, 'c')} AS visible
      FROM clue_request r JOIN clue c ON c.id = r.clue_id
      WHERE r.id = ${requestId}::uuid AND r.commission_id = ${ctx.actor.commissionId}::uuid
      FOR UPDATE OF r`.execute(trx);
    const r = rows[0];
    if (!r?.visible) throw notFound('审批事项');
    if (r.version !== b.version) throw staleVersion();
    if (r.status !== 'PENDING') throw new AppError('CONFLICT', '该事项已审批完毕');
    const kind = r.chain[r.next_step]!;
    if (!mayDecide(ctx.actor, kind)) throw forbidden(`此步须由${APPROVER_LABELS[kind].zh}审批`);
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
    await audit(trx, ctx, {
      type: 'clue.approval_decided',
      objectType: 'clue',
      objectId: r.clue_id,
      payload: refs({ requestId: r.id, action: r.action, step: r.next_step, approver: kind, decision: b.decision, comment }),
    });
    if (status === 'APPROVED') {
      await transitionClue(ctx, trx, r.clue_id, r.action, {
        comment,
        payload: r.payload,
        approved: { requestId: r.id, partyCommitteeApproved: r.chain.includes('PARTY_COMMITTEE_SECRETARY') },
      });
    } else {
      await trx
        .insertInto('clue_event')
        .values({
          commission_id: ctx.actor.commissionId,
          clue_id: r.clue_id,
          action: `${b.decision === 'REJECTED' ? 'reject' : 'approve'}:${r.action}`,
          comment: comment || null,
          payload: JSON.stringify({ requestId: r.id, step: r.next_step, approver: kind }),
          actor_id: ctx.actor.userId,
        })
        .execute();
      await trx
        .updateTable('clue')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: sql`now()` }))
        .where('id', '=', r.clue_id)
        .execute();
      if (status === 'PENDING') await notifyApprovers(ctx, trx, { id: r.clue_id, title: r.clue_title }, r.id, r.action, r.chain[r.next_step + 1]!);
    }
    if (r.requested_by && r.requested_by !== ctx.actor.userId && (await whoMayOpen(trx, [r.requested_by], mayOpenClue(r.clue_id))).length > 0) {
      const verdict = status === 'REJECTED' ? '未获批准' : status === 'APPROVED' ? '已批准' : `${APPROVER_LABELS[kind].zh}已同意，待下一步审批`;
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId: r.requested_by,
        kind: 'clue.approval',
        title: `问题线索“${r.clue_title.slice(0, 30)}”${CLUE_ACTION_LABELS[r.action].zh}：${verdict}`,
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
