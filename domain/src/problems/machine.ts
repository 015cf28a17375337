import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';
import { PROBLEM_STATE_LABELS, type ProblemState } from './states';

/**
 * 行业性 / 系统性问题状态机: PROPOSED → CONFIRMED → CONVERTED, with DISMISSED (不予认定) from PROPOSED or
 * CONFIRMED. Only the workflow kernel writes problem.state.
 * - The owner org's staff or the staff of an org in the joint analysis (PARTY) confirm or dismiss.
 * - Only the 党风政风监督室 (COORDINATOR) converts a confirmed problem into next year's common supervision
 *   item: it issues the 共性事项 (利用案件查办反向提高监督检查能力).
 */
export const PROBLEM_ACTION_LABELS = {
  confirm: { zh: '确认', en: 'Confirm' },
  dismiss: { zh: '不予认定', en: 'Dismiss' },
  convert: { zh: '转化为监督事项', en: 'Convert to supervision item' },
} as const satisfies Labelled<string>;
export const ProblemActionSchema = z.enum(codesOf(PROBLEM_ACTION_LABELS), '操作类型须为 confirm、dismiss 或 convert');
export type ProblemAction = z.infer<typeof ProblemActionSchema>;

/** Roles on a problem, resolved by the server's policy. */
export type ProblemActor = 'PARTY' | 'COORDINATOR';

export const PROBLEM_MACHINE = defineMachine<ProblemState, ProblemAction, ProblemActor>({
  noun: '问题',
  states: PROBLEM_STATE_LABELS,
  actions: PROBLEM_ACTION_LABELS,
  actors: { PARTY: '牵头部门或参与联合剖析的部门', COORDINATOR: '党风政风监督室' },
  table: {
    confirm: { from: ['PROPOSED'], to: 'CONFIRMED', who: ['PARTY'] },
    dismiss: { from: ['PROPOSED', 'CONFIRMED'], to: 'DISMISSED', who: ['PARTY'] },
    convert: {
      from: ['CONFIRMED'],
      to: 'CONVERTED',
      who: ['COORDINATOR'],
      audit: z.object({ commonItemId: z.string(), year: z.number().int(), issued: z.number().int() }),
    },
  },
});

/** States in which the problem, its analysis and evidence may still be edited. */
export const PROBLEM_OPEN_STATES: readonly ProblemState[] = ['PROPOSED', 'CONFIRMED'];
