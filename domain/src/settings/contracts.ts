import { z } from 'zod';

/**
 * 系统配置 — per-commission settings (password policy, lockout, timeouts, upload cap, reminders).
 * Security keys (password.*, lockout.*, session.*) belong to the security administrator, the others to
 * the system administrator (三员 separation).
 */

export const SettingItemSchema = z.object({
  key: z.string(),
  /** A number (limits, sizes), a name (text; empty: derived from the commission's name) or a choice's value. */
  value: z.union([z.number(), z.string()]),
  default: z.union([z.number(), z.string()]),
  kind: z.enum(['number', 'text', 'choice']),
  /** The allowed values of a choice. */
  options: z.array(z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() })).optional(),
  /** What an empty text value means. */
  hintZh: z.string().optional(),
  hintEn: z.string().optional(),
  labelZh: z.string(),
  labelEn: z.string(),
  /** Unit shown after the value (位, 次, 分钟, 字节 …). */
  unit: z.string(),
  /** Bounds of a number; of a text, its length. */
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
  /** A number key takes an integer, a text key a name, a choice key one of its options (checked per key). */
  value: z.union([z.number('取值须为整数').int('取值须为整数'), z.string().max(200, '不超过200个字符')], '取值须为整数或文本'),
  /** Version read (optional; when sent, a stale one is refused). */
  version: z.number().int().min(0).max(2_147_483_647).optional(),
});
