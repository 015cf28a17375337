import { z } from 'zod';

/**
 * 系统配置 — per-commission settings (password policy, lockout, timeouts, upload cap, reminders).
 * Security keys (password.*, lockout.*, session.*) belong to the security administrator, the others to
 * the system administrator (三员 separation).
 */

export const SettingItemSchema = z.object({
  key: z.string(),
  value: z.number(),
  default: z.number(),
  labelZh: z.string(),
  labelEn: z.string(),
  /** Unit shown after the value (位, 次, 分钟, 字节 …). */
  unit: z.string(),
  min: z.number(),
  max: z.number(),
  /** Whether the caller may change it. */
  editable: z.boolean(),
  /** 0 while the default applies. */
  version: z.number(),
});
export type SettingItem = z.infer<typeof SettingItemSchema>;

export const SettingListSchema = z.object({ items: z.array(SettingItemSchema) });

export const SettingParamsSchema = z.object({ key: z.string().max(60) });

/** PUT /api/v1/settings/:key */
export const SetSettingBodySchema = z.object({
  value: z.number('取值须为整数').int('取值须为整数'),
  /** Version read (optional; when sent, a stale one is refused). */
  version: z.number().int().min(0).max(2_147_483_647).optional(),
});
