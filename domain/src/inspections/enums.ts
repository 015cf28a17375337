import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/** 检查方式 (domain.md b.5 Inspection): 联合抽查, 明察暗访 (四不两直), 回头看. */
export const INSPECTION_TYPE_LABELS = {
  JOINT_SPOT_CHECK: { zh: '联合抽查', en: 'Joint spot check' },
  UNANNOUNCED: { zh: '明察暗访', en: 'Unannounced visit' },
  FOLLOW_UP: { zh: '回头看', en: 'Follow-up' },
} as const satisfies Labelled<string>;
export const InspectionTypeSchema = z.enum(codesOf(INSPECTION_TYPE_LABELS), '检查方式不正确');
export type InspectionType = z.infer<typeof InspectionTypeSchema>;

/** 检查状态: planned (secret until its date), done with its report, or cancelled with a reason. */
export const INSPECTION_STATE_LABELS = {
  PLANNED: { zh: '已计划', en: 'Planned' },
  DONE: { zh: '已完成', en: 'Done' },
  CANCELLED: { zh: '已取消', en: 'Cancelled' },
} as const satisfies Labelled<string>;
export const InspectionStateSchema = z.enum(codesOf(INSPECTION_STATE_LABELS));
export type InspectionState = z.infer<typeof InspectionStateSchema>;

/** 检查组角色: one 组长, any number of 组员. */
export const TEAM_ROLE_LABELS = {
  LEADER: { zh: '组长', en: 'Leader' },
  MEMBER: { zh: '组员', en: 'Member' },
} as const satisfies Labelled<string>;
export const TeamRoleSchema = z.enum(codesOf(TEAM_ROLE_LABELS), '检查组角色不正确');
export type TeamRole = z.infer<typeof TeamRoleSchema>;

/** 问题严重程度. */
export const SEVERITY_LABELS = {
  LOW: { zh: '一般', en: 'Low' },
  MEDIUM: { zh: '较重', en: 'Medium' },
  HIGH: { zh: '严重', en: 'High' },
} as const satisfies Labelled<string>;
export const SeveritySchema = z.enum(codesOf(SEVERITY_LABELS), '严重程度不正确');
export type Severity = z.infer<typeof SeveritySchema>;

/** 处置方式 of a finding: none yet, 督促整改, 移交问题线索, 追责问责. */
export const FINDING_DISPOSITION_LABELS = {
  NONE: { zh: '暂不处置', en: 'None' },
  RECTIFY: { zh: '督促整改', en: 'Rectify' },
  CLUE: { zh: '移交问题线索', en: 'Clue' },
  ACCOUNTABILITY: { zh: '追责问责', en: 'Accountability' },
} as const satisfies Labelled<string>;
export const FindingDispositionSchema = z.enum(codesOf(FINDING_DISPOSITION_LABELS), '处置方式不正确');
export type FindingDisposition = z.infer<typeof FindingDispositionSchema>;

/** What a finding was handed over to (the object type whose id it keeps). */
export const HANDED_OVER_LABELS = {
  clue: { zh: '问题线索', en: 'Clue' },
  rectification_task: { zh: '整改任务', en: 'Rectification task' },
  accountability: { zh: '问责记录', en: 'Accountability record' },
} as const satisfies Labelled<string>;
export const HandedOverTypeSchema = z.enum(codesOf(HANDED_OVER_LABELS));
export type HandedOverType = z.infer<typeof HandedOverTypeSchema>;
