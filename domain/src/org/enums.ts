import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/** 组织类型 — kind of an organisation node (domain.md b.1). */
export const ORG_KIND_LABELS = {
  MUNICIPAL_COMMISSION: { zh: '市纪委监委', en: 'Municipal commission' },
  COUNTY_COMMISSION: { zh: '县区纪委监委', en: 'County/district commission' },
  NEW_AREA_COMMISSION: { zh: '新区纪工委监工委', en: 'New-area commission' },
  TOWNSHIP_COMMISSION: { zh: '乡镇（街道）纪委', en: 'Township commission' },
  INTERNAL_OFFICE: { zh: '内设机构', en: 'Internal office' },
  DISPATCHED_GROUP: { zh: '派驻纪检监察组', en: 'Dispatched group' },
  HOST_UNIT: { zh: '驻在（综合监督）单位', en: 'Host unit' },
  PARTY_COMMITTEE: { zh: '党委（党组）', en: 'Party committee' },
  EXTERNAL_AGENCY: { zh: '外部机关', en: 'External agency' },
} as const satisfies Labelled<string>;
export const OrgKindSchema = z.enum(codesOf(ORG_KIND_LABELS));
export type OrgKind = z.infer<typeof OrgKindSchema>;

/** Commission kinds: the nodes that are a 纪委监委 of their own. */
export const COMMISSION_KINDS: readonly OrgKind[] = ['MUNICIPAL_COMMISSION', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION', 'TOWNSHIP_COMMISSION'];

/** 内设机构类别 — kind of internal office (domain.md b.1). */
export const OFFICE_KIND_LABELS = {
  GENERAL_OFFICE: { zh: '办公室', en: 'General office' },
  ORGANISATION: { zh: '组织部', en: 'Organisation department' },
  PUBLICITY: { zh: '宣传部', en: 'Publicity department' },
  RESEARCH_LEGAL: { zh: '研究室（法规室）', en: 'Research and legal office' },
  PARTY_CONDUCT: { zh: '党风政风监督室', en: 'Party and government conduct office' },
  PETITION: { zh: '信访室（举报中心）', en: 'Petition office' },
  CASE_MANAGEMENT: { zh: '案件监督管理室', en: 'Case management office' },
  INSPECTION: { zh: '监督检查室', en: 'Inspection office' },
  INVESTIGATION: { zh: '审查调查室', en: 'Investigation office' },
  TRIAL: { zh: '案件审理室', en: 'Trial office' },
  CADRE_SUPERVISION: { zh: '干部监督室', en: 'Cadre supervision office' },
  TECH: { zh: '监督和审查调查技术室', en: 'Technical office' },
  INSPECTION_TOUR_OFFICE: { zh: '巡察办', en: 'Inspection tour office' },
  PARTY_ORGAN: { zh: '机关党委', en: 'Organ Party committee' },
} as const satisfies Labelled<string>;
export const OfficeKindSchema = z.enum(codesOf(OFFICE_KIND_LABELS));
export type OfficeKind = z.infer<typeof OfficeKindSchema>;

/** 联系/分管/派驻/片区 — the kinds of organisational link (domain.md b.1). */
export const LINK_TYPE_LABELS = {
  OVERSIGHT: { zh: '分管', en: 'Oversight' },
  LIAISON: { zh: '联系', en: 'Liaison' },
  DISPATCH: { zh: '派驻（综合监督）', en: 'Dispatch coverage' },
  ZONE_MEMBER: { zh: '片区成员', en: 'Zone membership' },
} as const satisfies Labelled<string>;
export const LinkTypeSchema = z.enum(codesOf(LINK_TYPE_LABELS));
export type LinkType = z.infer<typeof LinkTypeSchema>;

/** 驻在 / 综合监督 — how a dispatched group covers a host unit. */
export const COVERAGE_ROLE_LABELS = {
  RESIDENT: { zh: '驻在单位', en: 'Resident' },
  COMPREHENSIVE: { zh: '综合监督单位', en: 'Comprehensive supervision' },
} as const satisfies Labelled<string>;
export const CoverageRoleSchema = z.enum(codesOf(COVERAGE_ROLE_LABELS));
export type CoverageRole = z.infer<typeof CoverageRoleSchema>;

/** 片区协作模式 — modes a county work zone runs in (domain.md b.1, C S1). */
export const ZONE_MODE_LABELS = {
  ROUTINE_JOINT: { zh: '日常联动', en: 'Routine joint supervision' },
  SPECIAL: { zh: '专项监督', en: 'Special supervision' },
  MULTI_LEVEL: { zh: '多层级联动', en: 'Multi-level linkage' },
} as const satisfies Labelled<string>;
export const ZoneModeSchema = z.enum(codesOf(ZONE_MODE_LABELS));
export type ZoneMode = z.infer<typeof ZoneModeSchema>;

/** 委领导职务 — title of a leadership member (domain.md b.2). */
export const LEADER_TITLE_LABELS = {
  SECRETARY: { zh: '书记、主任', en: 'Secretary and director' },
  DEPUTY_SECRETARY: { zh: '副书记、副主任', en: 'Deputy secretary' },
  STANDING_MEMBER: { zh: '常委', en: 'Standing committee member' },
  COMMISSION_MEMBER: { zh: '监委委员', en: 'Commission member' },
} as const satisfies Labelled<string>;
export const LeaderTitleSchema = z.enum(codesOf(LEADER_TITLE_LABELS));
export type LeaderTitle = z.infer<typeof LeaderTitleSchema>;

/** 干部管理权限 — who manages the cadre; drives approval chains later. */
export const CADRE_MANAGEMENT_LABELS = {
  SAME_LEVEL_PARTY: { zh: '同级党委管理', en: 'Managed by same-level Party committee' },
  LOWER: { zh: '下级管理', en: 'Managed at lower level' },
  OTHER: { zh: '其他', en: 'Other' },
} as const satisfies Labelled<string>;
export const CadreManagementSchema = z.enum(codesOf(CADRE_MANAGEMENT_LABELS));
export type CadreManagement = z.infer<typeof CadreManagementSchema>;
