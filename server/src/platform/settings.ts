import type { Db } from '../db/pool';

/**
 * Per-commission settings with their defaults. Limits fixed by rules live in code with their
 * citation; these are the ones each commission may set (password policy, timeouts, reminders).
 */
export const SETTING_DEFAULTS = {
  /** 等保 level 3: complexity and rotation of passwords. */
  'password.minLength': 10,
  'password.minClasses': 3,
  'password.historyCount': 5,
  'password.maxAgeDays': 90,
  /** 登录失败处理: lock after N consecutive failures for M minutes. */
  'lockout.maxAttempts': 5,
  'lockout.minutes': 30,
  /** 会话超时: idle and absolute. */
  'session.idleMinutes': 30,
  'session.absoluteHours': 12,
  /** Upload cap for attachments, bytes. */
  'attachment.maxBytes': 20 * 1024 * 1024,
  /** Working days before a deadline when reminders go out (used by later issues). */
  'reminder.daysBefore': 3,
  /** 督办: overdue working days after which the list's liaison office is alerted. */
  'supervision.escalateLiaisonDays': 3,
  /** 督办: overdue working days after which the 分管领导 overseeing the liaison office is alerted. */
  'supervision.escalateLeaderDays': 10,
  /** 建议书: calendar days from service within which the unit replies in writing (default of a new letter). */
  'letter.replyDays': 30,
} as const;
export type SettingKey = keyof typeof SETTING_DEFAULTS;
export type Settings = { [K in SettingKey]: number };

const cache = new Map<string, { at: number; value: Settings }>();
const TTL_MS = 5000;

/** Settings of a commission (defaults overlaid with stored values), cached for a few seconds. */
export async function getSettings(db: Db, commissionId: string): Promise<Settings> {
  const hit = cache.get(commissionId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const rows = await db.selectFrom('setting').select(['key', 'value']).where('commission_id', '=', commissionId).execute();
  const value: Settings = { ...SETTING_DEFAULTS };
  for (const r of rows) {
    if (r.key in SETTING_DEFAULTS && typeof r.value === 'number') (value as Record<string, number>)[r.key] = r.value;
  }
  cache.set(commissionId, { at: Date.now(), value });
  return value;
}

export function clearSettingsCache(): void {
  cache.clear();
}
