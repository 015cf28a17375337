import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';
import { FILE_REQUEST_STATE_LABELS, type FileRequestState } from './enums';

/**
 * 廉政档案查阅申请的状态机 (domain.md b.6, d: approval by the 分管领导 for every consultation [C S64]):
 * PENDING → APPROVED | REJECTED | WITHDRAWN; APPROVED → REVOKED. Only the workflow kernel writes
 * integrity_file_request.state.
 * - APPROVER: the leader who oversees (分管) the custodian 干部监督室 today — never the requester, never the
 *   cadre whose file it is (回避); when that leader is the cadre, the 书记 stands in. The server resolves the role.
 * - REQUESTER: who filed the request; may withdraw it while it waits.
 * An approval lets the requester read the requested sections until `validUntil` (inclusive); after that
 * the request stays APPROVED but grants nothing (已过期).
 */
export const FILE_REQUEST_ACTION_LABELS = {
  approve: { zh: '批准查阅', en: 'Approve' },
  reject: { zh: '不予批准', en: 'Reject' },
  withdraw: { zh: '撤回申请', en: 'Withdraw' },
  revoke: { zh: '收回查阅权限', en: 'Revoke' },
} as const satisfies Labelled<string>;
export const FileRequestActionSchema = z.enum(codesOf(FILE_REQUEST_ACTION_LABELS), '操作类型须为 approve、reject、withdraw 或 revoke');
export type FileRequestAction = z.infer<typeof FileRequestActionSchema>;

/** Roles on a request, resolved by the server's policy. */
export type FileRequestActor = 'APPROVER' | 'REQUESTER';

export const FILE_REQUEST_MACHINE = defineMachine<FileRequestState, FileRequestAction, FileRequestActor>({
  noun: '廉政档案查阅申请',
  states: FILE_REQUEST_STATE_LABELS,
  actions: FILE_REQUEST_ACTION_LABELS,
  actors: { APPROVER: '分管干部监督室的委领导', REQUESTER: '申请人' },
  table: {
    approve: { from: ['PENDING'], to: 'APPROVED', who: ['APPROVER'] },
    reject: { from: ['PENDING'], to: 'REJECTED', who: ['APPROVER'], needsComment: true },
    withdraw: { from: ['PENDING'], to: 'WITHDRAWN', who: ['REQUESTER'] },
    revoke: { from: ['APPROVED'], to: 'REVOKED', who: ['APPROVER'], needsComment: true },
  },
});
