import type { PeriodUnit } from '@liandong/domain/reform/contracts-letters';
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
  /**
   * 建议书: calendar days from service within which the unit replies in writing (default of a new letter,
   * at most 30: a longer period is set on the letter with its stated reason).
   */
  'letter.replyDays': 30,
  /**
   * 建议书: the period within which the unit may object (异议期限), counted from service, and its unit:
   * working days on the commission's calendar like every other limit of the platform (domain.md c.6, f.2:
   * the letter states period and manner). Defaults of a new letter, which keeps them once drafted.
   */
  'letter.objectionPeriod': 15,
  'letter.objectionUnit': 'WORKING_DAYS',
  /**
   * 发文机关标志 and 署名: the organs' formal short names (中共××市纪委, ××市监委); empty: derived from the
   * commission's root organisation (××市纪委监委). 印发机关 of the 版记: the commission's 办公室.
   */
  'doc.disciplineOrgan': '',
  'doc.supervisionOrgan': '',
  'doc.officeName': '',
} as const;
export type SettingKey = keyof typeof SETTING_DEFAULTS;
type Widen<T> = T extends number ? number : string;
export type Settings = { [K in SettingKey]: Widen<(typeof SETTING_DEFAULTS)[K]> };
/** The unit of a period setting (工作日 on the commission's calendar, or 自然日); anything else: working days. */
export const asPeriodUnit = (v: string): PeriodUnit => (v === 'CALENDAR_DAYS' ? 'CALENDAR_DAYS' : 'WORKING_DAYS');

const cache = new Map<string, { at: number; value: Settings }>();
const TTL_MS = 5000;

/** Settings of a commission (defaults overlaid with stored values), cached for a few seconds. */
export async function getSettings(db: Db, commissionId: string): Promise<Settings> {
  const hit = cache.get(commissionId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const rows = await db.selectFrom('setting').select(['key', 'value']).where('commission_id', '=', commissionId).execute();
  const value: Settings = { ...SETTING_DEFAULTS };
  for (const r of rows) {
    if (!Object.hasOwn(SETTING_DEFAULTS, r.key)) continue;
    // A stored value counts only with the type of its default (a number key never turns into text).
    if (typeof r.value === typeof SETTING_DEFAULTS[r.key as SettingKey]) (value as Record<string, unknown>)[r.key] = r.value;
  }
  cache.set(commissionId, { at: Date.now(), value });
  return value;
}

export function clearSettingsCache(): void {
  cache.clear();
}
