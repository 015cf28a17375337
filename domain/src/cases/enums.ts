import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/** 审查调查组 / 审理组. */
export const CASE_TEAM_LABELS = {
  INVESTIGATION: { zh: '审查调查组', en: 'Investigation team' },
  TRIAL: { zh: '审理组', en: 'Trial team' },
} as const satisfies Labelled<string>;
export const CaseTeamSchema = z.enum(codesOf(CASE_TEAM_LABELS));
export type CaseTeam = z.infer<typeof CaseTeamSchema>;

export const TEAM_ROLE_LABELS = {
  LEAD: { zh: '组长', en: 'Lead' },
  DEPUTY_LEAD: { zh: '副组长', en: 'Deputy lead' },
  MEMBER: { zh: '组员', en: 'Member' },
} as const satisfies Labelled<string>;
export const TeamRoleSchema = z.enum(codesOf(TEAM_ROLE_LABELS));
export type TeamRole = z.infer<typeof TeamRoleSchema>;

/**
 * 审查调查措施 with their legal limits (监察法 2024): 留置 ≤ 3 months + one extension ≤ 3 months with the
 * upper commission's approval (arts. 47–48); 管护 7 days, + 1–3 days; 责令候查 and 强制到案
 * (arts. 20–22). 强制到案 is counted in hours: ≤ 12 hours, ≤ 24 hours when 管护 or 留置 follows (art. 22).
 * `hours`/`days`/`months` give the first period; null = no fixed limit, the team records an end date.
 */
export const MEASURE_KIND_LABELS = {
  DETENTION: { zh: '留置', en: 'Detention' },
  CUSTODY: { zh: '管护', en: 'Custody' },
  COMPELLED_APPEARANCE: { zh: '强制到案', en: 'Compelled appearance' },
  ORDERED_STANDBY: { zh: '责令候查', en: 'Ordered standby' },
  INTERROGATION: { zh: '讯问', en: 'Interrogation' },
  QUESTIONING: { zh: '询问', en: 'Questioning' },
  SEARCH: { zh: '搜查', en: 'Search' },
  SEIZURE: { zh: '查封、扣押', en: 'Seizure' },
  FREEZE: { zh: '查询、冻结', en: 'Inquiry and freeze' },
  EXIT_RESTRICTION: { zh: '限制出境', en: 'Exit restriction' },
} as const satisfies Labelled<string>;
export const MeasureKindSchema = z.enum(codesOf(MEASURE_KIND_LABELS));
export type MeasureKind = z.infer<typeof MeasureKindSchema>;

export interface MeasureLimit {
  months?: number;
  days?: number;
  /** Counted in hours from the start time (not calendar days). */
  hours?: number;
  extendMonths?: number;
  extendDays?: number;
  /** 强制到案: the extra hours when 管护 or 留置 follows (12 + 12 = 24, 监察法 2024, article number unverified). */
  extendHours?: number;
}

export const MEASURE_LIMITS: Readonly<Record<MeasureKind, MeasureLimit | null>> = {
  DETENTION: { months: 3, extendMonths: 3 },
  CUSTODY: { days: 7, extendDays: 3 },
  COMPELLED_APPEARANCE: { hours: 12, extendHours: 12 },
  ORDERED_STANDBY: { months: 12 },
  INTERROGATION: null,
  QUESTIONING: null,
  SEARCH: null,
  SEIZURE: null,
  FREEZE: null,
  EXIT_RESTRICTION: { months: 3, extendMonths: 3 },
};

/** 处理结果 kinds (监察法 art.52, 党纪处分条例, 政务处分法, 问责条例). */
export const OUTCOME_KIND_LABELS = {
  FIRST_FORM_MEASURE: { zh: '第一种形态处理', en: 'First-form measure' },
  PARTY_SANCTION: { zh: '党纪处分', en: 'Party sanction' },
  ADMIN_SANCTION: { zh: '政务处分', en: 'Administrative sanction' },
  ORGANISATIONAL_MEASURE: { zh: '组织处理', en: 'Organisational measure' },
  ACCOUNTABILITY: { zh: '问责', en: 'Accountability' },
  PROSECUTION: { zh: '移送检察机关审查起诉', en: 'Transfer for prosecution' },
  RECOMMENDATION: { zh: '监察建议', en: 'LetterTable' },
  REVOCATION: { zh: '撤销案件', en: 'Revocation' },
} as const satisfies Labelled<string>;
export const OutcomeKindSchema = z.enum(codesOf(OUTCOME_KIND_LABELS));
export type OutcomeKind = z.infer<typeof OutcomeKindSchema>;

/** 党纪处分 (党纪处分条例 2024 art.8). */
export const PARTY_SANCTION_LABELS = {
  WARNING: { zh: '警告', en: 'Warning' },
  SERIOUS_WARNING: { zh: '严重警告', en: 'Serious warning' },
  REMOVAL_FROM_PARTY_POST: { zh: '撤销党内职务', en: 'Removal from Party post' },
  PROBATION: { zh: '留党察看', en: 'Probation' },
  EXPULSION: { zh: '开除党籍', en: 'Expulsion' },
} as const satisfies Labelled<string>;
export const PartySanctionSchema = z.enum(codesOf(PARTY_SANCTION_LABELS));

/** 政务处分 (政务处分法 art.7). */
export const ADMIN_SANCTION_LABELS = {
  WARNING: { zh: '警告', en: 'Warning' },
  DEMERIT: { zh: '记过', en: 'Demerit' },
  MAJOR_DEMERIT: { zh: '记大过', en: 'Major demerit' },
  DEMOTION: { zh: '降级', en: 'Demotion' },
  DISMISSAL_FROM_POST: { zh: '撤职', en: 'Dismissal from post' },
  DISCHARGE: { zh: '开除', en: 'Discharge' },
} as const satisfies Labelled<string>;
export const AdminSanctionSchema = z.enum(codesOf(ADMIN_SANCTION_LABELS));

/** 组织处理 [C S73, S21]; the last three are 重大职务调整 (third form). */
export const ORG_MEASURE_LABELS = {
  SUSPENSION_FOR_REVIEW: { zh: '停职检查', en: 'Suspension for review' },
  POST_ADJUSTMENT: { zh: '调整职务', en: 'Post adjustment' },
  ORDERED_RESIGNATION: { zh: '责令辞职', en: 'Ordered resignation' },
  DEMOTION: { zh: '降职', en: 'Demotion' },
  REMOVAL: { zh: '免职', en: 'Removal' },
} as const satisfies Labelled<string>;
export const OrgMeasureSchema = z.enum(codesOf(ORG_MEASURE_LABELS));
export const MAJOR_ORG_MEASURES: readonly string[] = ['ORDERED_RESIGNATION', 'DEMOTION', 'REMOVAL'];

/** 打听案情、说情干预登记 kinds and channels. */
export const INTERFERENCE_KIND_LABELS = {
  ENQUIRY: { zh: '打听案情', en: 'Enquiry about a case' },
  INTERCESSION: { zh: '说情', en: 'Intercession' },
  INTERFERENCE: { zh: '干预', en: 'Interference' },
} as const satisfies Labelled<string>;
export const InterferenceKindSchema = z.enum(codesOf(INTERFERENCE_KIND_LABELS));

export const INTERFERENCE_CHANNEL_LABELS = {
  IN_PERSON: { zh: '当面', en: 'In person' },
  PHONE: { zh: '电话', en: 'Phone' },
  MESSAGE: { zh: '短信、微信等', en: 'Message' },
  LETTER: { zh: '书信', en: 'Letter' },
  OTHER: { zh: '其他', en: 'Other' },
} as const satisfies Labelled<string>;
export const InterferenceChannelSchema = z.enum(codesOf(INTERFERENCE_CHANNEL_LABELS));
