import { z } from 'zod';
import { ClassificationSchema, RoleSchema, UserStatusSchema } from '../access/enums';
import { OrgKindSchema } from '../org/enums';

/** POST /api/v1/auth/login */
export const LoginBodySchema = z.object({
  /** 用户名 */
  username: z.string().trim().min(1, '请输入用户名').max(40),
  /** 密码 */
  password: z.string().min(1, '请输入密码').max(200),
  /** 动态口令 (6 digits) when the account has TOTP enrolled. */
  totp: z
    .string()
    .regex(/^\d{6}$/, '动态口令为6位数字')
    .optional(),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

/** Summary of the caller's need-to-know scope for the home page. */
export const ScopeSummarySchema = z.object({
  /** Whole commission (书记, 案管, 信访, 党风政风监督室 …). */
  commissionWide: z.boolean(),
  /** Number of organisations in scope. */
  orgCount: z.number(),
  /** Counts by organisation kind. */
  byKind: z.record(z.string(), z.number()),
  /** A few named orgs in scope (own org first). */
  sample: z.array(z.object({ id: z.string(), nameZh: z.string(), kind: OrgKindSchema })),
  /** Reasons the scope has (own org, 分管, 联系, 派驻, 片区, 专班). */
  reasons: z.array(z.string()),
});

/** GET /api/v1/me */
export const MeSchema = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(RoleSchema),
    clearance: ClassificationSchema,
    org: z.object({ id: z.string(), nameZh: z.string(), kind: OrgKindSchema }),
    commission: z.object({ id: z.string(), nameZh: z.string() }),
    totpEnabled: z.boolean(),
    passwordExpiresAt: z.string(),
    /** 上次登录: the sign-in before the one that opened this session (null on the first). */
    previousLoginAt: z.string().nullable(),
  }),
  /** Non-null while the session is restricted to TOTP enrolment or a password change. */
  restriction: z.enum(['TOTP_ENROLMENT', 'PASSWORD_CHANGE']).nullable(),
  scope: ScopeSummarySchema,
  unreadInbox: z.number(),
  /** Whether the caller may read business content at all (false for the 三员). */
  business: z.boolean(),
  /**
   * Screens the server opens by org rather than by role, answered by the same predicates the routes use, so
   * that the menu offers them only to whom they answer (issue 13; domain/access/screens.ts).
   */
  abilities: z.object({
    /** 共性事项完成矩阵: the 党风政风监督室, the 分管领导 and the 书记 (supervision canReadMatrix). */
    supervisionMatrix: z.boolean(),
    /** 党风廉政意见回复台账: the 干部监督室, the 书记 and the leader overseeing it (404 for everyone else). */
    integrity: z.boolean(),
    /** 廉政档案台账 and 查阅记录: the staff of the custodian 干部监督室. */
    integrityFiles: z.boolean(),
    /** 廉政档案查阅审批: the leader overseeing the 干部监督室 today, and the 书记 (who stands in when that leader is the cadre). */
    integrityFileApprovals: z.boolean(),
  }),
});
export type Me = z.infer<typeof MeSchema>;

export const ChangePasswordBodySchema = z.object({
  oldPassword: z.string().min(1, '请输入原密码').max(200),
  newPassword: z.string().min(1, '请输入新密码').max(200),
});

export const TotpEnrolmentSchema = z.object({
  /** Base32 secret for manual entry. */
  secret: z.string(),
  /** otpauth:// URI for authenticator apps. */
  uri: z.string(),
  /** QR code of the URI as a data: URL (PNG). */
  qrDataUrl: z.string(),
});
export const TotpConfirmBodySchema = z.object({ code: z.string().regex(/^\d{6}$/, '动态口令为6位数字') });

/**
 * POST /auth/totp/enrol. Binding a new authenticator to an account that already has one (换绑) takes
 * the password and a current code of the old authenticator: a stolen session alone cannot move the
 * second factor. A first binding needs neither (an empty object; no body or JSON null is malformed).
 */
export const TotpEnrolBodySchema = z.strictObject({
  password: z.string().min(1, '请输入密码').max(200).optional(),
  code: z
    .string()
    .regex(/^\d{6}$/, '动态口令为6位数字')
    .optional(),
});
export type TotpEnrolBody = z.infer<typeof TotpEnrolBodySchema>;

export const SessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type Session = z.infer<typeof SessionSchema>;

export const LoginLogEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  username: z.string(),
  userId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  outcome: z.string(),
  detail: z.string().nullable(),
});

export const UserStatus = UserStatusSchema;
