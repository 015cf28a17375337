import type { Approver } from './machine';

/** The facts of one decision on a clue request's chain. */
export interface StepFacts {
  /** Who is deciding now. */
  userId: string;
  /** The deciding account holds the 书记 role (it may act for several approver kinds). */
  isSecretary: boolean;
  /** Who filed the request (null: the account was removed). */
  requestedBy: string | null;
  /** Who decided each earlier step of this request, in order. */
  decidedBy: readonly string[];
  chain: readonly Approver[];
  /** The step being decided (index into chain). */
  step: number;
}

/**
 * Why this person may not decide this step (a zh-CN message), or null when they may.
 *
 * An approval is a check by someone else: the requester never approves their own request, and each
 * step of a multi-step chain is decided by a different person (监督执纪工作规则 art. 35: the 初核报告 goes
 * from the 承办部门 through the 分管领导 to the 主要负责人 — two checks, not one person twice). The 书记
 * may stand in for a 分管领导 and also records external approvals, so holding several approver kinds
 * must not let one person satisfy a whole chain: the 书记 decides at most one step, and does not take a
 * 分管领导 step when a later step is the 主要负责人's (nobody else could then decide it).
 */
export function stepRefusal(f: StepFacts): string | null {
  if (f.requestedBy !== null && f.userId === f.requestedBy) return '提请人不能审批本人提请的事项，请由其他审批人审批';
  const earlier = f.decidedBy.indexOf(f.userId);
  if (earlier >= 0) return `同一事项的各审批步骤须由不同的人审批，您已审批第${earlier + 1}步`;
  const kind = f.chain[f.step];
  if (f.isSecretary && kind === 'OVERSEEING_LEADER' && f.chain.slice(f.step + 1).includes('PRINCIPAL_LEADER')) {
    return '此事项后续须由主要负责人审批，书记不能同时代行分管领导审批，请由分管领导审批此步';
  }
  return null;
}
