import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';
import { PROBLEM_STATE_LABELS, type ProblemState } from './states';

/**
 * 行业性 / 系统性问题状态机: PROPOSED → CONFIRMED → CONVERTED, with DISMISSED (不予认定) from PROPOSED or
 * CONFIRMED. Only the workflow kernel writes problem.state. A confirmed problem is converted once, into one
 * of three things (a second conversion is refused: CONVERTED is an end):
 * - `convert`: next year's common supervision item, by the 党风政风监督室 (COORDINATOR), who issues the
 *   共性事项 (利用案件查办反向提高监督检查能力);
 * - `toLetter`: a draft recommendation letter (建议书) to a unit, drafted by a party (PARTY: the owner org's or
 *   a joint-analysis org's staff — 谁建议谁跟踪);
 * - `toCampaign`: a planned 专项整治 led by the 党风政风监督室 (COORDINATOR).
 * - The owner org's staff or the staff of an org in the joint analysis (PARTY) confirm or dismiss.
 */
export const PROBLEM_ACTION_LABELS = {
  confirm: { zh: '确认', en: 'Confirm' },
  dismiss: { zh: '不予认定', en: 'Dismiss' },
  convert: { zh: '转化为监督事项', en: 'Convert to supervision item' },
  toLetter: { zh: '转化为建议书', en: 'Convert to recommendation letter' },
  toCampaign: { zh: '转化为专项整治', en: 'Convert to campaign' },
} as const satisfies Labelled<string>;
export const ProblemActionSchema = z.enum(codesOf(PROBLEM_ACTION_LABELS), '操作类型须为 confirm、dismiss、convert、toLetter 或 toCampaign');
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
    toLetter: {
      from: ['CONFIRMED'],
      to: 'CONVERTED',
      who: ['PARTY'],
      audit: z.object({ letterId: z.string(), recipientOrgId: z.string(), items: z.number().int() }),
    },
    toCampaign: {
      from: ['CONFIRMED'],
      to: 'CONVERTED',
      who: ['COORDINATOR'],
      audit: z.object({ campaignId: z.string(), year: z.number().int(), domain: z.string() }),
    },
  },
});

/** States in which the problem, its analysis and evidence may still be edited. */
export const PROBLEM_OPEN_STATES: readonly ProblemState[] = ['PROPOSED', 'CONFIRMED'];
