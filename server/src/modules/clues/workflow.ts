import type { CluePatchBody, ClueRequestBody } from '@liandong/domain/clues/contracts';
import { APPROVER_LABELS } from '@liandong/domain/clues/enums';
import {
  type Approver,
  CLUE_ACTION_LABELS,
  CLUE_MACHINE,
  CLUE_STATE_LABELS,
  type ClueAction,
  type ClueActor,
  type ClueMachineAction,
  type ClueState,
} from '@liandong/domain/clues/machine';
import type { AuditEventType } from '@liandong/domain/platform/audit';
import { sql } from 'kysely';
import { type Actor, hasAnyRole } from '../../platform/access';
import type { TxCtx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { notify, whoMayOpen } from '../../platform/inbox';
import { isJob, type TransitionInput, type Workflow, type WorkflowCtx } from '../../platform/workflow';
import { actEffects, latestVerification } from './effects';
import { recordEffects, recordGuard } from './effects-records';
import { ACTOR_LABEL, actorKinds, INTAKE_ROLES, mayDecide } from './policy';
import { approverUsers, type ClueRow, findClueForUpdate, staffOfOrg } from './repo';
import { clueVisible } from '../visibility';

/*
 * The problem clue's workflow (c.1): what the kernel (platform/workflow.ts) needs to apply CLUE_MACHINE —
 * the scoped lock, the caller's kinds on the clue, the guards, the effects of each act and record, the
 * timeline row (its `request:` / `approve:` / `reject:` names) and the notices. The kernel is the only
 * writer of clue.state; an approved request applies its act here with `{ approved: true }`.
 */

export interface ClueInput extends TransitionInput<ClueMachineAction> {
  /** An act's data (propose: method; merge: targetId, kind; an approved request's payload). */
  payload?: Record<string, unknown>;
  /** Set when an approved request applies the act: its id and whether the 同级党委 approved. */
  approvedRequest?: { id: string; partyCommitteeApproved: boolean };
  /** request: the request filed. */
  request?: ClueRequestBody;
  /** decide: the step decided (not the last approval; that one applies the act). */
  step?: { requestId: string; action: ClueAction; step: number; kind: Approver; decision: 'APPROVED' | 'REJECTED'; next: Approver | null };
  /** acknowledge / feedback: the day (defaults to today). */
  on?: string;
  /** update: the edited intake. */
  patch?: CluePatchBody;
}

const RECORDS: readonly ClueMachineAction[] = ['request', 'decide', 'acknowledge', 'feedback', 'update'];
const AUDIT: Partial<Record<ClueMachineAction, AuditEventType>> = {
  merge: 'clue.merged',
  request: 'clue.requested',
  decide: 'clue.approval_decided',
  acknowledge: 'clue.updated',
  feedback: 'clue.updated',
  update: 'clue.updated',
};
const DENIED: Partial<Record<ClueMachineAction, string>> = {
  acknowledge: '受理告知和结果反馈由信访室办理',
  feedback: '受理告知和结果反馈由信访室办理',
  update: '只有受理部门或案管室可以修改线索',
  decide: '无权审批此事项',
};
const NOTIFY_UNDERTAKING: readonly ClueMachineAction[] = [
  'assign',
  'reopen',
  'approveTalkInquiry',
  'approvePrelim',
  'approveHold',
  'approveClose',
  'repeatTalkInquiry',
];

const tx = (ctx: WorkflowCtx): TxCtx => {
  if (isJob(ctx)) throw new AppError('FORBIDDEN', '问题线索没有系统作业');
  return ctx;
};

/** The clue's spec for the kernel: every change of clue.state and every clue timeline row after intake goes through it. */
export const clueWorkflow: Workflow<ClueRow, ClueState, ClueMachineAction, ClueActor, ClueInput> = {
  machine: CLUE_MACHINE,
  table: 'clue',
  objectType: 'clue',
  auditType: (action) => AUDIT[action] ?? 'clue.transitioned',
  events: {
    table: 'clue_event',
    key: 'clue_id',
    payload: true,
    // Requests and decisions keep the names the timeline reads: request:<act>, approve:<act>, reject:<act>.
    name: (action, { payload: p = {} }) =>
      action === 'request' ? `request:${p.action}` : action === 'decide' ? `${p.decision === 'REJECTED' ? 'reject' : 'approve'}:${p.action}` : action,
    data(action, { payload: p = {} }) {
      const { requestId, ...shown } = p;
      if (action === 'request') return { requestId, chain: p.chain };
      if (action === 'decide') return { requestId, step: p.step, approver: p.approver };
      return shown;
    },
  },

  lock: async (ctx, id) => (isJob(ctx) ? undefined : findClueForUpdate(ctx.trx, ctx.actor, id)),

  roles(ctx, clue, input) {
    const kinds = actorKinds(ctx.actor, { undertakingOrgId: clue.undertaking_org_id });
    if (ctx.actor.orgId === clue.receiving_org_id && hasAnyRole(ctx.actor, INTAKE_ROLES)) kinds.add('RECEIVER');
    // decide: the request's step was checked by decide() (kind, requester, distinct persons).
    if (input?.step && mayDecide(ctx.actor, input.step.kind)) kinds.add('APPROVER');
    return kinds;
  },

  deniedMessage: (action) =>
    DENIED[action] ??
    `“${CLUE_MACHINE.actions[action].zh}”由${CLUE_MACHINE.table[action].who.map((k) => ACTOR_LABEL[k]).join('或')}${action === 'request' ? '提请' : '办理'}`,

  async guard(wctx, clue, input) {
    const ctx = tx(wctx);
    if (RECORDS.includes(input.action)) return recordGuard(ctx, clue, input);
    if (input.action === 'merge' && input.payload?.targetId === clue.id) throw new AppError('ILLEGAL_TRANSITION', '不能并入线索本身', { guard: 'notSelf' });
    if (input.action === 'reportPrelim') {
      const v = await latestVerification(ctx, clue.id);
      if (!v) throw new AppError('ILLEGAL_TRANSITION', '没有初步核实记录', { guard: 'allTeamSigned' });
      const { rows } = await sql<{ active: number; unsigned: number }>`SELECT count(*)::int AS active,
          count(*) FILTER (WHERE signed_at IS NULL)::int AS unsigned
        FROM clue_team_member WHERE verification_id = ${v.id}::uuid AND left_on IS NULL`.execute(ctx.trx);
      const r = rows[0]!;
      if (!v.report || r.active === 0 || r.unsigned > 0) {
        throw new AppError('ILLEGAL_TRANSITION', '初核报告须经核查组全体成员签名后方可报送', { guard: 'allTeamSigned', unsigned: r.unsigned });
      }
    }
  },

  async effects(wctx, clue, input, to) {
    const ctx = tx(wctx);
    return RECORDS.includes(input.action) ? recordEffects(ctx, clue, input) : actEffects(ctx, clue, input, to);
  },

  async notices(wctx, clue, input, to, fx) {
    const ctx = tx(wctx);
    if (input.action === 'request')
      return notifyApprovers(ctx, clue, input.request!.action, fx.payload!.requestId as string, (fx.payload!.chain as Approver[])[0]!);
    if (input.action === 'decide' && input.step?.next) return notifyApprovers(ctx, clue, input.step.action, input.step.requestId, input.step.next);
    if (!NOTIFY_UNDERTAKING.includes(input.action)) return;
    const orgId = (fx.set?.undertaking_org_id as string | undefined) ?? clue.undertaking_org_id;
    if (!orgId) return;
    // Only the department's accounts that may open the clue (not recused, cleared, not an administrator).
    for (const userId of await whoMayOpen(ctx.trx, await staffOfOrg(ctx.trx, orgId), mayOpenClue(clue.id))) {
      if (userId === ctx.actor.userId) continue;
      await notify(ctx.trx, {
        commissionId: ctx.actor.commissionId,
        userId,
        kind: 'clue.transition',
        title: `问题线索“${short(clue.title)}”：${CLUE_MACHINE.actions[input.action].zh}`,
        body: `状态变为“${CLUE_STATE_LABELS[to].zh}”，操作人：${ctx.actor.displayName}`,
        link: `/clues/${clue.id}`,
      });
    }
  },
};

const short = (title: string) => (title.length > 30 ? `${title.slice(0, 30)}…` : title);

/** The clue's own predicate: a notice naming the clue reaches only who may open it. */
export const mayOpenClue = (clueId: string) => (a: Actor) => sql`SELECT 1 FROM clue n WHERE n.id = ${clueId}::uuid AND ${clueVisible(a, 'n')}`;

/** Tells the accounts of the next step's approver kind that a request waits for them. */
async function notifyApprovers(ctx: TxCtx, clue: Pick<ClueRow, 'id' | 'title'>, action: ClueAction, requestId: string, kind: Approver) {
  const approvers = await approverUsers(ctx.db, ctx.actor.commissionId, clue.id, kind);
  for (const userId of await whoMayOpen(ctx.trx, approvers, mayOpenClue(clue.id))) {
    if (userId === ctx.actor.userId) continue;
    await notify(ctx.trx, {
      commissionId: ctx.actor.commissionId,
      userId,
      kind: 'clue.approval',
      title: `待审批：问题线索“${short(clue.title)}”${CLUE_ACTION_LABELS[action].zh}`,
      body: `请以${APPROVER_LABELS[kind].zh}身份审批。提请人：${ctx.actor.displayName}`,
      link: `/clue-requests/${requestId}`,
    });
  }
}
