import { DEFAULT_READ_DAYS, type FileRequestState, MAX_READ_DAYS } from '@liandong/domain/integrity-files/enums';
import type { RequestActionBody } from '@liandong/domain/integrity-files/contracts';
import { FILE_REQUEST_MACHINE, type FileRequestAction, type FileRequestActor } from '@liandong/domain/integrity-files/machine';
import { sql } from 'kysely';
import { todayIso } from '../../platform/calendar';
import type { TxCtx } from '../../platform/context';
import { validation } from '../../platform/errors';
import type { Effects, Workflow } from '../../platform/workflow';
import { decidesArm, requestRoles, requestVisible } from './access';

/*
 * The consultation request's workflow on the kernel (platform/workflow.ts): the scoped lock (404 outside
 * requestVisible), the roles (REQUESTER; APPROVER = the leader overseeing the custodian 干部监督室 today, never
 * the requester, never the cadre), the end date of an approval (today … today + 30 days; default 7 days), the
 * decision's facts and the notice to the requester. The kernel is the only writer of
 * integrity_file_request.state; a request's history is its audit trail.
 */

export interface RequestLockRow {
  id: string;
  commission_id: string;
  person_id: string;
  person_name: string;
  requester_id: string;
  custodian_org_id: string;
  state: FileRequestState;
  valid_until: string | null;
  version: number;
  overseen: boolean;
}

export const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The end date an approval takes: the leader's, else the requested one, else 7 days from today. */
export function approvedUntil(row: Pick<RequestLockRow, 'valid_until'>, input: Pick<RequestActionBody, 'validUntil'>, today = todayIso()): string {
  return input.validUntil ?? row.valid_until ?? plusDays(today, DEFAULT_READ_DAYS);
}

async function lockRequest(ctx: TxCtx, id: string): Promise<RequestLockRow | undefined> {
  const { rows } = await sql<RequestLockRow>`SELECT r.id, r.commission_id, r.person_id, p.name_zh AS person_name, r.requester_id,
      r.custodian_org_id, r.state, to_char(r.valid_until, 'YYYY-MM-DD') AS valid_until, r.version,
      ${decidesArm(ctx.actor, 'r')} AS overseen
    FROM integrity_file_request r JOIN person p ON p.id = r.person_id
    WHERE r.id = ${id}::uuid AND ${requestVisible(ctx.actor, 'r')} FOR UPDATE OF r`.execute(ctx.trx);
  return rows[0];
}

export const requestWorkflow: Workflow<RequestLockRow, FileRequestState, FileRequestAction, FileRequestActor, RequestActionBody> = {
  machine: FILE_REQUEST_MACHINE,
  table: 'integrity_file_request',
  scope: { alias: 'r', visible: (a) => requestVisible(a, 'r') },
  audit: { default: 'integrityfile.request_transitioned' },
  lock: lockRequest,
  roles: (ctx, row) => requestRoles(ctx.actor, row),

  async guard(_ctx, row, input) {
    if (input.action !== 'approve') return;
    const today = todayIso();
    const until = approvedUntil(row, input, today);
    if (until < today) throw validation([{ path: 'validUntil', message: '查阅截止日期不能早于今天' }], '不能批准');
    if (until > plusDays(today, MAX_READ_DAYS)) throw validation([{ path: 'validUntil', message: `查阅期限不超过${MAX_READ_DAYS}天` }], '不能批准');
  },

  async effects(ctx, row, input): Promise<Effects | undefined> {
    const comment = input.comment?.trim() || null;
    switch (input.action) {
      case 'approve': {
        const until = approvedUntil(row, input);
        return { set: { decided_by: ctx.actor.userId, decided_at: new Date(), decision_comment: comment, valid_until: until }, payload: { validUntil: until } };
      }
      case 'reject':
        return { set: { decided_by: ctx.actor.userId, decided_at: new Date(), decision_comment: comment } };
      case 'revoke':
        return { set: { decision_comment: comment } };
      case 'withdraw':
        return undefined;
    }
  },

  notices: {
    kind: 'integrity-file',
    name: (row) => `廉政档案查阅申请（${row.person_name}）`,
    link: (row) => `/integrity-files/requests?open=${row.id}`,
    to: { approve: [(_c, row) => [row.requester_id]], reject: [(_c, row) => [row.requester_id]], revoke: [(_c, row) => [row.requester_id]] },
  },
};
