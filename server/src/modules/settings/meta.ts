import type { SettingKey } from '../../platform/settings';

/**
 * What each setting means, its unit and allowed range. Ranges keep the platform inside 等保 level 3
 * (complex passwords, rotation, lockout, session timeouts) while leaving each commission room to choose.
 * `security: true` keys belong to the security administrator, the rest to the system administrator.
 */
export interface SettingMeta {
  labelZh: string;
  labelEn: string;
  unit: string;
  /** number: an integer in [min, max]; text: a name of at most `max` characters (empty: derived); choice: one of `options`. */
  kind?: 'number' | 'text' | 'choice';
  options?: readonly { value: string; labelZh: string; labelEn: string }[];
  /** Explains an empty value of a text setting. */
  hintZh?: string;
  hintEn?: string;
  min: number;
  max: number;
  security: boolean;
}

const ORGAN_HINT = { hintZh: '留空则按委员会名称生成', hintEn: 'Empty: derived from the commission name' };

export const SETTING_META = {
  'password.minLength': { labelZh: '密码最小长度', labelEn: 'Minimum password length', unit: '位', min: 8, max: 64, security: true },
  'password.minClasses': { labelZh: '密码至少包含的字符类别数', labelEn: 'Character classes required', unit: '类', min: 2, max: 4, security: true },
  'password.historyCount': { labelZh: '不得重复使用的历史密码个数', labelEn: 'Password history', unit: '个', min: 0, max: 24, security: true },
  'password.maxAgeDays': { labelZh: '密码有效期', labelEn: 'Password maximum age', unit: '天', min: 7, max: 365, security: true },
  'lockout.maxAttempts': { labelZh: '连续登录失败锁定次数', labelEn: 'Failed sign-ins before lockout', unit: '次', min: 3, max: 10, security: true },
  'lockout.minutes': { labelZh: '锁定时长', labelEn: 'Lockout duration', unit: '分钟', min: 1, max: 1440, security: true },
  'session.idleMinutes': { labelZh: '会话空闲超时', labelEn: 'Session idle timeout', unit: '分钟', min: 5, max: 240, security: true },
  'session.absoluteHours': { labelZh: '会话最长有效期', labelEn: 'Session absolute lifetime', unit: '小时', min: 1, max: 24, security: true },
  'attachment.maxBytes': { labelZh: '附件大小上限', labelEn: 'Attachment size limit', unit: '字节', min: 1024, max: 25 * 1024 * 1024, security: false },
  'reminder.daysBefore': { labelZh: '到期提醒提前工作日数', labelEn: 'Reminder lead time', unit: '工作日', min: 0, max: 30, security: false },
  'supervision.escalateLiaisonDays': {
    labelZh: '监督事项逾期后报联系室的工作日数',
    labelEn: 'Overdue working days before escalation to the liaison office',
    unit: '工作日',
    min: 1,
    max: 60,
    security: false,
  },
  'supervision.escalateLeaderDays': {
    labelZh: '监督事项逾期后报分管领导的工作日数',
    labelEn: 'Overdue working days before escalation to the overseeing leader',
    unit: '工作日',
    min: 1,
    max: 120,
    security: false,
  },
  // The default of a new letter; a longer period is set on the letter itself with its stated reason.
  'letter.replyDays': { labelZh: '建议书书面回复期限', labelEn: 'Letter reply period', unit: '天', min: 1, max: 30, security: false },
  'letter.objectionPeriod': { labelZh: '建议书异议期限', labelEn: 'Letter objection period', unit: '', min: 1, max: 90, security: false },
  'letter.objectionUnit': {
    labelZh: '建议书异议期限的计算单位',
    labelEn: 'Unit of the letter objection period',
    unit: '',
    kind: 'choice',
    options: [
      { value: 'WORKING_DAYS', labelZh: '工作日（按本委工作日历）', labelEn: 'Working days (commission calendar)' },
      { value: 'CALENDAR_DAYS', labelZh: '自然日', labelEn: 'Calendar days' },
    ],
    min: 0,
    max: 0,
    security: false,
  },
  'doc.disciplineOrgan': {
    labelZh: '纪委规范简称（发文机关标志、署名）',
    labelEn: 'Discipline commission short name (organ mark, signature)',
    unit: '',
    kind: 'text',
    ...ORGAN_HINT,
    min: 0,
    max: 40,
    security: false,
  },
  'doc.supervisionOrgan': {
    labelZh: '监委规范简称（发文机关标志、署名）',
    labelEn: 'Supervision commission short name (organ mark, signature)',
    unit: '',
    kind: 'text',
    ...ORGAN_HINT,
    min: 0,
    max: 40,
    security: false,
  },
  'doc.officeName': {
    labelZh: '印发机关（办公室）',
    labelEn: 'Printing office (版记)',
    unit: '',
    kind: 'text',
    ...ORGAN_HINT,
    min: 0,
    max: 40,
    security: false,
  },
} as const satisfies Record<SettingKey, SettingMeta>;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_META, key);
}
