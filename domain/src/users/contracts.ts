import { z } from 'zod';
import { ClassificationSchema, RoleSchema, UserStatusSchema } from '../access/enums';
import { PageQuerySchema, text, VersionSchema } from '../platform/common';

/**
 * 账号与角色 — account administration under the 三员 separation (architecture.md §4): the system
 * administrator creates and maintains accounts, the security administrator grants roles, unlocks and
 * resets credentials. Password hashes and TOTP secrets never appear in any of these shapes.
 */

/** 用户名: lower-case letters, digits, `_ . -`, 3–40 characters (the app_user check constraint). */
export const UsernameSchema = z
  .string('请输入用户名')
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{3,40}$/, '用户名须为3–40位小写字母、数字或 _ . -');

/** What the caller may do with one account; the UI shows buttons from these. */
export const UserAbilitiesSchema = z.object({
  update: z.boolean(),
  assignRoles: z.boolean(),
  unlock: z.boolean(),
  disable: z.boolean(),
  enable: z.boolean(),
  resetPassword: z.boolean(),
  resetTotp: z.boolean(),
  /** 涉密等级 belongs to the security administrator (三员). */
  setClearance: z.boolean(),
});

/** An account as administrators see it. */
export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  roles: z.array(RoleSchema),
  clearance: ClassificationSchema,
  status: UserStatusSchema,
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  /** Set while a lockout after failed sign-ins lasts (or lasted, until the next sign-in or unlock). */
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  version: z.number(),
  abilities: UserAbilitiesSchema,
});
export type User = z.infer<typeof UserSchema>;

/** GET /api/v1/users */
export const UserListQuerySchema = PageQuerySchema.extend({
  /** Matches username or name. */
  q: text(60).optional(),
  orgId: z.uuid('单位编号格式不正确').optional(),
  role: RoleSchema.optional(),
  status: UserStatusSchema.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;

export const UserListSchema = z.object({
  items: z.array(UserSchema),
  total: z.number(),
  abilities: z.object({ create: z.boolean() }),
});

/** POST /api/v1/users — creates the person and the account; the first sign-in must change the password. */
export const CreateUserBodySchema = z.object({
  username: UsernameSchema,
  /** 姓名 */
  displayName: text(40, 1),
  orgId: z.uuid('单位编号格式不正确'),
  /**
   * 涉密等级上限 (the platform is non-classified: at most 工作秘密). Set by the security administrator
   * afterwards; an account created by the system administrator starts at 公开, and only that is accepted.
   */
  clearance: ClassificationSchema.default('PUBLIC'),
  gender: z.enum(['M', 'F'], '性别取值为 M 或 F').optional(),
  /** 职务 */
  position: text(60).optional(),
  /** 初始密码, subject to the password policy. */
  initialPassword: z.string('请输入初始密码').min(1, '请输入初始密码').max(128, '不超过128位'),
});
export type CreateUserBody = z.infer<typeof CreateUserBodySchema>;

/** PATCH /api/v1/users/:id — name and org (system administrator); a changed clearance is refused here. */
export const UpdateUserBodySchema = z.object({
  version: VersionSchema,
  displayName: text(40, 1).optional(),
  orgId: z.uuid('单位编号格式不正确').optional(),
  clearance: ClassificationSchema.optional(),
});

/** PUT /api/v1/users/:id/clearance — the security administrator sets the clearance. */
export const SetClearanceBodySchema = z.object({ version: VersionSchema, clearance: ClassificationSchema });
export type SetClearanceBody = z.infer<typeof SetClearanceBodySchema>;

export const CREDENTIAL_RESET_KIND_LABELS = {
  PASSWORD: { zh: '重置密码', en: 'Password reset' },
  TOTP: { zh: '重置动态口令', en: 'TOTP reset' },
} as const;
export const CREDENTIAL_RESET_STATUS_LABELS = {
  PENDING: { zh: '待批准', en: 'Pending' },
  APPROVED: { zh: '已批准', en: 'Approved' },
  REJECTED: { zh: '已驳回', en: 'Rejected' },
  EXPIRED: { zh: '已过期', en: 'Expired' },
} as const;

/**
 * 凭据重置申请: resetting the password or TOTP of a leader or one of the 三员 waits for a second
 * administrator (security or system administrator, not the requester nor the account itself).
 */
export const CredentialResetSchema = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['PASSWORD', 'TOTP']),
  status: z.enum(['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED']),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  expiresAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  abilities: z.object({ approve: z.boolean(), reject: z.boolean() }),
});
export type CredentialReset = z.infer<typeof CredentialResetSchema>;
export const CredentialResetListSchema = z.object({ items: z.array(CredentialResetSchema) });
export type UpdateUserBody = z.infer<typeof UpdateUserBodySchema>;

/** PUT /api/v1/users/:id/roles — the full new role set. */
export const SetRolesBodySchema = z.object({
  version: VersionSchema,
  roles: z
    .array(RoleSchema)
    .max(14)
    .refine((r) => new Set(r).size === r.length, '角色不得重复'),
});
export type SetRolesBody = z.infer<typeof SetRolesBodySchema>;

/** POST /api/v1/users/:id/reset-password */
export const ResetPasswordBodySchema = z.object({
  version: VersionSchema,
  newPassword: z.string('请输入新密码').min(1, '请输入新密码').max(128, '不超过128位'),
});
