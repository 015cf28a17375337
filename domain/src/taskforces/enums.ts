import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/** 专班类型 (domain.md b.5): a 专班 serves a campaign, a case or a theme. */
export const TASK_FORCE_PURPOSE_LABELS = {
  CAMPAIGN: { zh: '专项整治', en: 'Campaign' },
  CASE: { zh: '案件查办', en: 'Case' },
  THEME: { zh: '专题工作', en: 'Theme' },
} as const satisfies Labelled<string>;
export const TaskForcePurposeSchema = z.enum(codesOf(TASK_FORCE_PURPOSE_LABELS));
export type TaskForcePurpose = z.infer<typeof TaskForcePurposeSchema>;

/** 专班成员角色: the two co-leaders (双组长) and the members. */
export const TASK_FORCE_ROLE_LABELS = {
  CO_LEADER: { zh: '组长', en: 'Co-leader' },
  MEMBER: { zh: '成员', en: 'Member' },
} as const satisfies Labelled<string>;
export const TaskForceRoleSchema = z.enum(codesOf(TASK_FORCE_ROLE_LABELS));
export type TaskForceRole = z.infer<typeof TaskForceRoleSchema>;
