import { SHARE_KIND_LABELS, type ShareState } from '@liandong/domain/shares/enums';
import type { ShareActionBody } from '@liandong/domain/shares/contracts';
import { SHARE_MACHINE, type ShareAction, type ShareActor } from '@liandong/domain/shares/machine';
import { sql } from 'kysely';
import { businessRule, validation } from '../../platform/errors';
import { type Effects, short, type TransitionInput, type Workflow } from '../../platform/workflow';
import { shareRoles, shareVisible } from './access';
import { unnameable } from './objects';
import { approversOf, findShare, type ShareRow, staffOfOrg } from './repo';

/*
 * The share's workflow on the kernel (platform/workflow.ts): the scoped lock, the roles, four eyes on the
 * approval, what approving writes (the approver, the narrowed objects, the detail level, a shorter end) and
 * the notices. The kernel is the only writer of information_share.state.
 */

export type ShareInput = TransitionInput<ShareAction> & Omit<ShareActionBody, 'action' | 'version' | 'comment'>;

const DENIED: Record<ShareAction, string> = {
  approve: '只有书记或分管被共享单位的委领导可以审批信息共享',
  refuse: '只有书记或分管被共享单位的委领导可以审批信息共享',
  withdraw: '只有发起单位可以撤回共享申请',
  revoke: '只有被共享单位或审批领导可以撤销共享',
};

export const shareWorkflow: Workflow<ShareRow, ShareState, ShareAction, ShareActor, ShareInput> = {
  machine: SHARE_MACHINE,
  table: 'information_share',
  objectType: 'information_share',
  scope: { alias: 's', visible: (a) => shareVisible(a, 's') },
  events: { table: 'information_share_event', key: 'share_id', payload: true },
  auditType: () => 'share.transitioned',

  lock: (ctx, id) => findShare(ctx.trx, ctx.actor, id, true),
  roles: (ctx, row) => shareRoles(ctx.actor, row),
  deniedMessage: (action) => DENIED[action],

  async guard(ctx, row, input) {
    if (input.action === 'approve' && row.started_by === ctx.actor.userId) {
      throw businessRule('审批人不能是共享的发起人（四眼原则），请由其他领导审批');
    }
    if (input.action !== 'approve' && (input.objects || input.detail || input.endsOn)) {
      throw validation([{ path: 'action', message: '只有批准时可以确定共享事项、程度和期限' }]);
    }
    if (input.action !== 'approve') return;
    if (input.endsOn && (input.endsOn > row.ends_on || input.endsOn < row.starts_on)) {
      throw validation([{ path: 'endsOn', message: `截止日期只能缩短，须在${row.starts_on}至${row.ends_on}之间` }]);
    }
    if (input.objects) {
      const bad = await unnameable(ctx.trx, ctx.actor, row.kind, row.owner_org_id, input.objects);
      if (bad.length) throw validation(bad.map((i) => ({ path: `objects.${i}.id`, message: '该事项不属于被共享单位或无权共享' })));
    }
  },

  async effects(ctx, row, input): Promise<Effects> {
    const now = new Date();
    switch (input.action) {
      case 'approve': {
        if (input.objects) {
          // Narrowed to named objects: the category gives way to the list the approver chose.
          await sql`DELETE FROM information_share_object WHERE share_id = ${row.id}::uuid`.execute(ctx.trx);
          await ctx.trx
            .insertInto('information_share_object')
            .values(input.objects.map((o) => ({ share_id: row.id, object_type: o.type, object_id: o.id })))
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        return {
          set: {
            approver_id: ctx.actor.userId,
            decided_at: now,
            decision_comment: input.comment ?? null,
            ...(input.objects ? { category_types: [] } : {}),
            ...(input.detail ? { detail: input.detail } : {}),
            ...(input.endsOn ? { ends_on: input.endsOn } : {}),
          },
          payload: { objects: input.objects?.length ?? null, detail: input.detail ?? row.detail, endsOn: input.endsOn ?? row.ends_on },
        };
      }
      case 'refuse':
        return { set: { approver_id: ctx.actor.userId, decided_at: now, decision_comment: input.comment ?? null } };
      case 'withdraw':
        return {};
      case 'revoke':
        return { set: { revoked_by: ctx.actor.userId, revoked_at: now, revoke_reason: input.comment ?? null } };
    }
  },

  notices: {
    kind: 'share',
    name: (row) => `${SHARE_KIND_LABELS[row.kind].zh}共享（${short(row.owner_name, 16)} → ${short(row.grantee_name, 16)}）`,
    link: (row) => `/shares/${row.id}`,
    async audiences(ctx, row, input) {
      const starter = await staffOfOrg(ctx.trx, row.started_org_id);
      switch (input.action) {
        case 'approve':
          return [{ users: [...starter, ...(await staffOfOrg(ctx.trx, row.grantee_org_id)), ...(await staffOfOrg(ctx.trx, row.owner_org_id))] }];
        case 'refuse':
          return [{ users: starter }];
        case 'withdraw':
          return [{ users: await approversOf(ctx.trx, row.commission_id, row.owner_org_id) }];
        case 'revoke':
          return [{ users: [...(await staffOfOrg(ctx.trx, row.grantee_org_id)), ...(await staffOfOrg(ctx.trx, row.owner_org_id))] }];
      }
    },
  },
};
