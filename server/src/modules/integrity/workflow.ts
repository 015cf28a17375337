import { INTEGRITY_DOC_CODE, type IntegrityState } from '@liandong/domain/integrity/enums';
import { INTEGRITY_MACHINE, type IntegrityAction, type IntegrityActor } from '@liandong/domain/integrity/machine';
import type { Role } from '@liandong/domain/access/enums';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { refs } from '../../platform/audit';
import { businessRule } from '../../platform/errors';
import { allocateDocNumber } from '../../platform/numbering';
import { type Effects, short, type TransitionInput, type Workflow } from '../../platform/workflow';
import { integrityVisible, replyRoles } from './access';
import { findReply, type ReplyRow } from './repo';

/*
 * The reply's workflow on the kernel (platform/workflow.ts): the scoped lock, the roles, the guards
 * (every cadre concluded before submission; four eyes on the sign-off), the facts each action writes
 * (提交人, 签发人, the 发文字号 taken only at issue) and the notices. The kernel is the only writer of
 * integrity_reply.state.
 */

export type IntegrityInput = TransitionInput<IntegrityAction>;

const DENIED: Record<IntegrityAction, string> = {
  submit: '只有干部监督室可以提交党风廉政意见回复',
  returnDraft: '只有书记或分管干部监督室的委领导可以退回',
  approve: '只有书记或分管干部监督室的委领导可以审批签发',
  issue: '只有干部监督室可以编号印发',
};

/** Users holding a role in the commission (the notices' candidates; the kernel keeps who may open the reply). */
async function usersWithRole(trx: Transaction<DB>, commissionId: string, roles: Role[]) {
  const rows = await trx
    .selectFrom('app_user as u')
    .innerJoin('user_role as ur', 'ur.user_id', 'u.id')
    .select('u.id')
    .where('u.commission_id', '=', commissionId)
    .where('ur.role', 'in', roles)
    .where('u.status', '=', 'ACTIVE')
    .execute();
  return rows.map((r) => r.id);
}

export const integrityWorkflow: Workflow<ReplyRow, IntegrityState, IntegrityAction, IntegrityActor, IntegrityInput> = {
  machine: INTEGRITY_MACHINE,
  table: 'integrity_reply',
  objectType: 'integrity_reply',
  scope: { alias: 'r', visible: (a) => integrityVisible(a, 'r') },
  events: { table: 'integrity_reply_event', key: 'reply_id', payload: false },
  auditType: () => 'integrity.transitioned',

  lock: (ctx, id) => findReply(ctx.trx, ctx.actor, id, true),
  roles: (ctx, row) => replyRoles(ctx.actor, row),
  deniedMessage: (action) => DENIED[action],

  async guard(ctx, row, input) {
    const guard = INTEGRITY_MACHINE.table[input.action].guard;
    if (guard === 'allConcluded') {
      const open = await ctx.trx
        .selectFrom('integrity_cadre')
        .select('name_zh')
        .where('reply_id', '=', row.id)
        .where((eb) => eb.or([eb('conclusion', 'is', null), eb('opinion', '=', '')]))
        .orderBy('seq')
        .execute();
      if (open.length) throw businessRule(`以下干部尚未拟定回复意见：${open.map((c) => c.name_zh).join('、')}`, { cadres: open.length });
    }
    if (guard === 'notDrafter' && (row.created_by === ctx.actor.userId || row.submitted_by === ctx.actor.userId)) {
      throw businessRule('审批人不能是起草人或提交人（四眼原则），请由其他领导审批');
    }
  },

  async effects(ctx, row, input): Promise<Effects> {
    switch (input.action) {
      case 'submit':
        return { set: { submitted_by: ctx.actor.userId } };
      case 'returnDraft':
        return { set: { approved_by: null, approved_at: null } };
      case 'approve':
        return { set: { approved_by: ctx.actor.userId, approved_at: new Date() } };
      case 'issue': {
        const year = Number(row.today.slice(0, 4));
        const { no, text } = await allocateDocNumber(ctx.trx, {
          commissionId: ctx.actor.commissionId,
          docCode: INTEGRITY_DOC_CODE,
          year,
          objectType: 'integrity_reply',
          objectId: row.id,
          userId: ctx.actor.userId,
        });
        return {
          set: { doc_code: INTEGRITY_DOC_CODE, doc_year: year, doc_seq: no, doc_no: text, issued_on: row.today },
          payload: { docNo: text },
          comment: `编号印发，文号${text}`,
          audits: [{ type: 'integrity.issued', payload: refs({ docYear: year, docSeq: no }) }],
        };
      }
    }
  },

  notices: {
    kind: 'integrity',
    name: (row) => `党风廉政意见回复（${short(row.requesting_org, 20)}）`,
    link: (row) => `/integrity/${row.id}`,
    async audiences(ctx, row, input) {
      if (input.action === 'submit') return [{ users: await usersWithRole(ctx.trx, row.commission_id, ['SECRETARY', 'DEPUTY_OR_MEMBER']) }];
      return [{ users: [row.created_by, row.submitted_by] }];
    },
  },
};

/** The actions the caller may take on the reply as it stands (the detail's abilities). */
export function replyActions(row: ReplyRow, roles: Set<IntegrityActor>): IntegrityAction[] {
  return INTEGRITY_MACHINE.abilities(row.state, roles);
}
