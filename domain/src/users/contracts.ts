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
  /** 涉密等级上限 (the platform is non-classified: at most 工作秘密). */
  clearance: ClassificationSchema,
  gender: z.enum(['M', 'F'], '性别取值为 M 或 F').optional(),
  /** 职务 */
  position: text(60).optional(),
  /** 初始密码, subject to the password policy. */
  initialPassword: z.string('请输入初始密码').min(1, '请输入初始密码').max(128, '不超过128位'),
});
export type CreateUserBody = z.infer<typeof CreateUserBodySchema>;

/** PATCH /api/v1/users/:id */
export const UpdateUserBodySchema = z.object({
  version: VersionSchema,
  displayName: text(40, 1).optional(),
  orgId: z.uuid('单位编号格式不正确').optional(),
  clearance: ClassificationSchema.optional(),
});
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
