import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';
import { SHARE_STATE_LABELS, type ShareState } from './enums';

/**
 * 信息共享状态机: PENDING → APPROVED | REFUSED | WITHDRAWN; APPROVED → REVOKED. Only the workflow kernel
 * writes information_share.state. Expiry is not a state: a grant is in force while today is within its
 * dates, so it closes by itself the day after endsOn without any job.
 * - APPROVER: the leader who oversees the owner org today (for a group or county: the leader overseeing
 *   its liaison office), or the 书记. Never the person who started the share (four eyes: `notStarter`).
 * - STARTER: staff of the org that started it (the grantee for a request, the owner for a push); may
 *   withdraw while pending.
 * - OWNER: staff of the owner org, who may revoke a grant on their information at any time, as may the
 *   approver.
 */
export const SHARE_ACTION_LABELS = {
  approve: { zh: '批准', en: 'Approve' },
  refuse: { zh: '不予批准', en: 'Refuse' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  revoke: { zh: '撤销共享', en: 'Revoke' },
} as const satisfies Labelled<string>;
export const ShareActionSchema = z.enum(codesOf(SHARE_ACTION_LABELS), '操作类型不正确');
export type ShareAction = z.infer<typeof ShareActionSchema>;

export type ShareActor = 'APPROVER' | 'STARTER' | 'OWNER';
/** notStarter: four eyes on the approval. */
export type ShareGuard = 'notStarter';

export const SHARE_MACHINE = defineMachine<ShareState, ShareAction, ShareActor, ShareGuard>({
  noun: '信息共享',
  states: SHARE_STATE_LABELS,
  actions: SHARE_ACTION_LABELS,
  table: {
    approve: { from: ['PENDING'], to: 'APPROVED', who: ['APPROVER'], guard: 'notStarter' },
    refuse: { from: ['PENDING'], to: 'REFUSED', who: ['APPROVER'], needsComment: true },
    withdraw: { from: ['PENDING'], to: 'WITHDRAWN', who: ['STARTER'] },
    revoke: { from: ['APPROVED'], to: 'REVOKED', who: ['APPROVER', 'OWNER'], needsComment: true },
  },
});
