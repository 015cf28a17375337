import type { CluePatchBody, ClueRequestBody } from '@liandong/domain/clues/contracts';
import { APPROVER_LABELS } from '@liandong/domain/clues/enums';
import { type Approver, CLUE_MACHINE, type ClueAction, type ClueMachineAction } from '@liandong/domain/clues/machine';
import { sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import type { TxCtx } from '../../platform/context';
import { on, openTo, orgStaff, short, type TransitionInput, type WorkflowOf } from '../../platform/workflow';
import { actEffects, latestVerification } from './effects';
import { recordEffects, recordGuard } from './effects-records';
import { actorKinds, INTAKE_ROLES, mayDecide } from './policy';
import { approverUsers, type ClueRow, findClueForUpdate } from './repo';
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
const NOTIFY_UNDERTAKING = ['assign', 'reopen', 'approveTalkInquiry', 'approvePrelim', 'approveHold', 'approveClose', 'repeatTalkInquiry'] as const;

/** The approvers of a step: told to decide the request, with a link to it. */
const approvers = async (ctx: TxCtx, clue: ClueRow, action: ClueAction, requestId: string, kind: Approver) => ({
  users: await approverUsers(ctx.db, ctx.actor.commissionId, clue.id, kind),
  kind: 'clue.approval',
  title: `待审批：问题线索“${short(clue.title)}”${CLUE_MACHINE.actions[action].zh}`,
  body: `请以${APPROVER_LABELS[kind].zh}身份审批。提请人：${ctx.actor.displayName}`,
  link: `/clue-requests/${requestId}`,
});

/** The clue's spec for the kernel: every change of clue.state and every clue timeline row after intake goes through it. */
export const clueWorkflow: WorkflowOf<typeof CLUE_MACHINE, ClueRow, ClueInput> = {
  machine: CLUE_MACHINE,
  table: 'clue',
  scope: { alias: 'n', visible: (a) => clueVisible(a, 'n') },
  audit: {
    default: 'clue.transitioned',
    merge: 'clue.merged',
    request: 'clue.requested',
    decide: 'clue.approval_decided',
    acknowledge: 'clue.updated',
    feedback: 'clue.updated',
    update: 'clue.updated',
  },
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

  lock: (ctx, id) => findClueForUpdate(ctx.trx, ctx.actor, id),

  roles(ctx, clue, input) {
    const kinds = actorKinds(ctx.actor, { undertakingOrgId: clue.undertaking_org_id });
    if (ctx.actor.orgId === clue.receiving_org_id && hasAnyRole(ctx.actor, INTAKE_ROLES)) kinds.add('RECEIVER');
    // decide: the request's step was checked by decide() (kind, requester, distinct persons).
    if (input?.step && mayDecide(ctx.actor, input.step.kind)) kinds.add('APPROVER');
    return kinds;
  },

  denied: {
    acknowledge: '受理告知和结果反馈由信访室办理',
    feedback: '受理告知和结果反馈由信访室办理',
    update: '只有受理部门或案管室可以修改线索',
    decide: '无权审批此事项',
  },

  guards: {
    notSelf: (_ctx, clue, input) => input.payload?.targetId !== clue.id,
    // The 初核报告 is written and signed by every active member of the latest verification team.
    async allTeamSigned(ctx, clue) {
      const v = await latestVerification(ctx, clue.id);
      if (!v?.report) return false;
      const { rows } = await sql<{ active: number; unsigned: number }>`SELECT count(*)::int AS active,
          count(*) FILTER (WHERE signed_at IS NULL)::int AS unsigned
        FROM clue_team_member WHERE verification_id = ${v.id}::uuid AND left_on IS NULL`.execute(ctx.trx);
      return rows[0]!.active > 0 && rows[0]!.unsigned === 0;
    },
  },
  guard: async (ctx, clue, input) => (RECORDS.includes(input.action) ? recordGuard(ctx, clue, input) : undefined),

  effects: (ctx, clue, input, to) => (RECORDS.includes(input.action) ? recordEffects(ctx, clue, input) : actEffects(ctx, clue, input, to)),

  notices: {
    kind: 'clue.transition',
    name: (clue) => `问题线索“${short(clue.title)}”`,
    link: (clue) => `/clues/${clue.id}`,
    to: {
      // The undertaking department's staff when the clue reaches or returns to it.
      ...on(NOTIFY_UNDERTAKING, orgStaff<ClueRow>('undertaking_org_id')),
      // A request waits for its first approver kind, a decided step for the next one.
      request: [
        (ctx, clue, input, _to, { payload: p = {} }) => approvers(ctx, clue, input.request!.action, p.requestId as string, (p.chain as Approver[])[0]!),
      ],
      decide: [(ctx, clue, { step }) => (step?.next ? approvers(ctx, clue, step.action, step.requestId, step.next) : [])],
    },
  },
};

/** The clue's own predicate: a notice naming the clue reaches only who may open it. */
export const mayOpenClue = (clueId: string) => openTo(clueWorkflow, clueId);
