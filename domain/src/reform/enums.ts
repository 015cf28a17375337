import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/** 建议书类型 [C S18]: to a Party organisation, to the unit, or one combined letter. */
export const LETTER_TYPE_LABELS = {
  DISCIPLINE: { zh: '纪律检查建议书', en: 'Discipline inspection recommendation' },
  SUPERVISION: { zh: '监察建议书', en: 'Supervision recommendation' },
  COMBINED: { zh: '纪检监察建议书', en: 'Combined recommendation' },
} as const satisfies Labelled<string>;
export const LetterTypeSchema = z.enum(codesOf(LETTER_TYPE_LABELS));
export type LetterType = z.infer<typeof LetterTypeSchema>;

/** 机关代字 of each letter type (invented, like every 代字 of the demo commission). */
export const LETTER_DOC_CODES: Readonly<Record<LetterType, string>> = { DISCIPLINE: '兰纪建', SUPERVISION: '兰监建', COMBINED: '兰纪监建' };

export const LETTER_ORIGIN_LABELS = {
  CASE: { zh: '案件查办', en: 'Case' },
  SUPERVISION: { zh: '日常监督', en: 'Supervision' },
  CAMPAIGN: { zh: '专项整治', en: 'Campaign' },
  INSPECTION_TOUR: { zh: '巡视巡察', en: 'Inspection tour' },
  PETITION: { zh: '信访举报', en: 'Petition' },
} as const satisfies Labelled<string>;
export const LetterOriginSchema = z.enum(codesOf(LETTER_ORIGIN_LABELS));
export type LetterOrigin = z.infer<typeof LetterOriginSchema>;

/** 以案促改 record origin and state. */
export const REFORM_ORIGIN_LABELS = {
  CASE: { zh: '案件', en: 'Case' },
  FINDING: { zh: '监督发现问题', en: 'Supervision finding' },
  CAMPAIGN: { zh: '专项整治', en: 'Campaign' },
} as const satisfies Labelled<string>;
export const ReformOriginSchema = z.enum(codesOf(REFORM_ORIGIN_LABELS));

export const REFORM_STATE_LABELS = {
  COLLECTING: { zh: '问题收集中', en: 'Collecting problems' },
  ANALYSED: { zh: '已剖析原因', en: 'Causes analysed' },
  RECOMMENDED: { zh: '已提出建议', en: 'Recommended' },
  CLOSED: { zh: '已完成', en: 'Closed' },
} as const satisfies Labelled<string>;
export const ReformStateSchema = z.enum(codesOf(REFORM_STATE_LABELS));

/** 问题成因类别 for the root-cause analysis. */
export const CAUSE_CATEGORY_LABELS = {
  SYSTEM_GAP: { zh: '制度缺失或不完善', en: 'Gaps in rules' },
  OVERSIGHT_WEAKNESS: { zh: '监督制约不力', en: 'Weak oversight' },
  POWER_CONCENTRATION: { zh: '权力过于集中', en: 'Concentrated power' },
  RISK_CONTROL: { zh: '风险防控薄弱', en: 'Weak risk control' },
  EDUCATION: { zh: '教育管理缺位', en: 'Lack of education and management' },
  CULTURE: { zh: '政治生态和作风问题', en: 'Political culture and work style' },
  OTHER: { zh: '其他', en: 'Other' },
} as const satisfies Labelled<string>;
export const CauseCategorySchema = z.enum(codesOf(CAUSE_CATEGORY_LABELS));

/** 问责方式 (问责条例 art.8) [C S23]: Party organisation 检查/通报/改组; leader 通报/诫勉/组织调整或组织处理/纪律处分. */
export const ACCOUNTABILITY_TARGET_LABELS = {
  PARTY_ORG: { zh: '党组织', en: 'Party organisation' },
  LEADER: { zh: '领导干部', en: 'Leading cadre' },
} as const satisfies Labelled<string>;
export const AccountabilityTargetSchema = z.enum(codesOf(ACCOUNTABILITY_TARGET_LABELS));
export type AccountabilityTarget = z.infer<typeof AccountabilityTargetSchema>;

export const ACCOUNTABILITY_METHOD_LABELS = {
  INSPECTION: { zh: '检查', en: 'Self-examination' },
  BULLETIN: { zh: '通报', en: 'Bulletin' },
  REORGANISATION: { zh: '改组', en: 'Reorganisation' },
  ADMONITION: { zh: '诫勉', en: 'Admonition' },
  ORG_ADJUSTMENT: { zh: '组织调整或组织处理', en: 'Organisational adjustment' },
  DISCIPLINARY: { zh: '纪律处分', en: 'Disciplinary sanction' },
} as const satisfies Labelled<string>;
export const AccountabilityMethodSchema = z.enum(codesOf(ACCOUNTABILITY_METHOD_LABELS));
export type AccountabilityMethod = z.infer<typeof AccountabilityMethodSchema>;

/** Methods allowed per target (问责条例 art.8). */
export const METHODS_BY_TARGET: Readonly<Record<AccountabilityTarget, readonly AccountabilityMethod[]>> = {
  PARTY_ORG: ['INSPECTION', 'BULLETIN', 'REORGANISATION'],
  LEADER: ['BULLETIN', 'ADMONITION', 'ORG_ADJUSTMENT', 'DISCIPLINARY'],
};

export const TASK_SOURCE_LABELS = {
  RECOMMENDATION: { zh: '建议书', en: 'LetterTable' },
  FINDING: { zh: '监督发现问题', en: 'Supervision finding' },
  MANUAL: { zh: '手工交办', en: 'Manual' },
} as const satisfies Labelled<string>;
export const TaskSourceSchema = z.enum(codesOf(TASK_SOURCE_LABELS));

export const BULLETIN_TYPE_LABELS = {
  TYPICAL_CASES_EXPOSURE: { zh: '典型问题通报曝光', en: 'Typical cases' },
  CAMPAIGN_PROGRESS: { zh: '专项整治进展通报', en: 'Campaign progress' },
  INTERNAL: { zh: '内部情况通报', en: 'Internal' },
  ACCOUNTABILITY: { zh: '问责情况通报', en: 'Accountability' },
} as const satisfies Labelled<string>;
export const BulletinTypeSchema = z.enum(codesOf(BULLETIN_TYPE_LABELS));

export const BULLETIN_SCOPE_LABELS = {
  INTERNAL: { zh: '内部', en: 'Internal' },
  SYSTEM: { zh: '系统内', en: 'Within the system' },
  PUBLIC: { zh: '公开', en: 'Public' },
} as const satisfies Labelled<string>;
export const BulletinScopeSchema = z.enum(codesOf(BULLETIN_SCOPE_LABELS));
