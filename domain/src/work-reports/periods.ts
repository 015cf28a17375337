import type { Cadence } from './enums';

/*
 * The periods of a reporting cadence and their names (汇报计划, issue 11). Pure date arithmetic on
 * YYYY-MM-DD strings (UTC calendar days, no time zones involved).
 */

export interface Period {
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The periods of `year` for a cadence: one year, two halves or four quarters. */
export function periodsOf(cadence: Cadence, year: number): Period[] {
  const months = cadence === 'YEARLY' ? 12 : cadence === 'HALF_YEARLY' ? 6 : 3;
  const out: Period[] = [];
  for (let m = 1; m <= 12; m += months) {
    const endMonth = m + months - 1;
    out.push({ start: `${year}-${pad(m)}-01`, end: `${year}-${pad(endMonth)}-${pad(lastDay(year, endMonth))}` });
  }
  return out;
}

/** A day `days` after `day` (negative: before). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 2026年度 / 2026年上半年 / 2026年下半年 / 2026年第3季度. */
export function periodLabel(cadence: Cadence, start: string): string {
  const year = start.slice(0, 4);
  const month = Number(start.slice(5, 7));
  if (cadence === 'YEARLY') return `${year}年度`;
  if (cadence === 'HALF_YEARLY') return `${year}年${month <= 6 ? '上半年' : '下半年'}`;
  return `${year}年第${Math.ceil(month / 3)}季度`;
}
