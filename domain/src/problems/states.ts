import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/** The states of a problem (难点堵点 / 行业性 / 系统性问题); the machine is in ./machine.ts. */
export const PROBLEM_STATE_LABELS = {
  PROPOSED: { zh: '待确认', en: 'Proposed' },
  CONFIRMED: { zh: '已确认', en: 'Confirmed' },
  CONVERTED: { zh: '已转化', en: 'Converted' },
  DISMISSED: { zh: '不予认定', en: 'Dismissed' },
} as const satisfies Labelled<string>;
export type ProblemState = keyof typeof PROBLEM_STATE_LABELS;
export const ProblemStateSchema = z.enum(codesOf(PROBLEM_STATE_LABELS), '状态须为 PROPOSED、CONFIRMED、CONVERTED 或 DISMISSED');
