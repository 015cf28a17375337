import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/** 角色 — roles of the access model (domain.md d). */
export const ROLE_LABELS = {
  SECRETARY: { zh: '书记、主任', en: 'Secretary' },
  DEPUTY_OR_MEMBER: { zh: '分管领导', en: 'Overseeing leader' },
  STANDING_COMMITTEE: { zh: '常委会成员', en: 'Standing committee' },
  PETITION_OFFICER: { zh: '信访室干部', en: 'Petition officer' },
  CASE_MANAGER: { zh: '案管室干部', en: 'Case manager' },
  OFFICE_STAFF: { zh: '纪检监察室干部', en: 'Office staff' },
  GROUP_STAFF: { zh: '派驻组干部', en: 'Dispatched-group staff' },
  COUNTY_STAFF: { zh: '县区纪委监委干部', en: 'County commission staff' },
  TRIAL_STAFF: { zh: '审理室干部', en: 'Trial staff' },
  CADRE_SUPERVISION: { zh: '干部监督室干部', en: 'Cadre supervision' },
  UNIT_LIAISON: { zh: '被监督单位联络人', en: 'Unit liaison' },
  SYS_ADMIN: { zh: '系统管理员', en: 'System administrator' },
  SEC_ADMIN: { zh: '安全管理员', en: 'Security administrator' },
  AUDIT_ADMIN: { zh: '安全审计员', en: 'Audit administrator' },
} as const satisfies Labelled<string>;
export const RoleSchema = z.enum(codesOf(ROLE_LABELS));
export type Role = z.infer<typeof RoleSchema>;

/** 三员 — the separated administrators; none of them may read business content. */
export const ADMIN_ROLES: readonly Role[] = ['SYS_ADMIN', 'SEC_ADMIN', 'AUDIT_ADMIN'];

/** Roles that may read business content at all (everything but the 三员). */
export const BUSINESS_ROLES: readonly Role[] = (Object.keys(ROLE_LABELS) as Role[]).filter((r) => !ADMIN_ROLES.includes(r));
/** The commission's own staff and leaders: every business role but the supervised unit's contact person. */
export const STAFF_ROLES: readonly Role[] = BUSINESS_ROLES.filter((r) => r !== 'UNIT_LIAISON');

/**
 * Roles for which a TOTP second factor is mandatory (等保 level 3): administrators, leadership, and the
 * commission-wide offices that read complainants' identities and every clue (信访室, 案管室).
 */
export const MFA_REQUIRED_ROLES: readonly Role[] = [
  'SECRETARY',
  'DEPUTY_OR_MEMBER',
  'STANDING_COMMITTEE',
  'CASE_MANAGER',
  'PETITION_OFFICER',
  'SYS_ADMIN',
  'SEC_ADMIN',
  'AUDIT_ADMIN',
];

/** Roles whose business scope is the whole commission. */
export const COMMISSION_WIDE_ROLES: readonly Role[] = ['SECRETARY', 'STANDING_COMMITTEE', 'CASE_MANAGER', 'PETITION_OFFICER', 'CADRE_SUPERVISION'];

/** 密级 — classification of a record and clearance of an account (domain.md b.2, e.1). Ordered. */
export const CLASSIFICATION_LABELS = {
  PUBLIC: { zh: '公开', en: 'Public' },
  WORK_SECRET: { zh: '工作秘密', en: 'Work secret' },
  SECRET: { zh: '秘密', en: 'Secret' },
  CONFIDENTIAL: { zh: '机密', en: 'Confidential' },
  TOP_SECRET: { zh: '绝密', en: 'Top secret' },
} as const satisfies Labelled<string>;
export const ClassificationSchema = z.enum(codesOf(CLASSIFICATION_LABELS));
export type Classification = z.infer<typeof ClassificationSchema>;

/** Numeric rank of a classification; clearance must be ≥ the record's rank. */
export function classificationRank(c: Classification): number {
  return ClassificationSchema.options.indexOf(c);
}

/**
 * The platform is a non-classified system (domain.md e.1): it refuses SECRET and above.
 * This is the highest classification a record may carry here.
 */
export const SYSTEM_MAX_CLASSIFICATION: Classification = 'WORK_SECRET';

/** 账号状态 */
export const USER_STATUS_LABELS = {
  ACTIVE: { zh: '正常', en: 'Active' },
  LOCKED: { zh: '已锁定', en: 'Locked' },
  DISABLED: { zh: '已停用', en: 'Disabled' },
} as const satisfies Labelled<string>;
export const UserStatusSchema = z.enum(codesOf(USER_STATUS_LABELS));
export type UserStatus = z.infer<typeof UserStatusSchema>;
