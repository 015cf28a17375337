import { COMMISSION_TIME_ZONE } from './zone';

/* The wording official documents print: dates (Beijing time), Chinese ordinals and the issuing organ's name. */

/** 2026年2月10日 — Arabic numerals, year in full, no leading zeros (a Date in Beijing time). */
export function officialDate(d: Date): string {
  const [y, m, day] = new Intl.DateTimeFormat('en-CA', { timeZone: COMMISSION_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(d)
    .split('-')
    .map(Number);
  return `${y}年${m}月${day}日`;
}

/** 2026年3月5日 from an ISO calendar date (YYYY-MM-DD). */
export function officialDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The watermark's formatter, made once: a new Intl.DateTimeFormat per export was the largest single cost of a letter
 * DOCX export in the server's CPU profile (issue 12; the same options, the same text).
 */
const STAMP_FORMAT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: COMMISSION_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** yyyy-MM-dd HH:mm in Beijing time, for watermarks. */
export function stampOf(d = new Date()): string {
  return STAMP_FORMAT.format(d).replace(/\//g, '-');
}

/** The organ's printed name from the commission's stored name (without the 演示数据 label), and whether it is the demo. */
export function organOfCommission(nameZh: string): { organ: string; isDemo: boolean } {
  return { organ: nameZh.replace(/[（(]演示数据[）)]/g, '').trim(), isDemo: nameZh.includes('演示数据') };
}

const ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99). */
export function zhOrdinal(n: number): string {
  if (n < 10) return ZH[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : ZH[tens]}十${ones ? ZH[ones] : ''}`;
}
