import dayjs from 'dayjs';

const EMPTY = '—';

/** 2026-03-01 14:05 */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : EMPTY;
}

/** 2026-03-01 14:05:09, for logs and audit. */
export function formatTimestamp(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : EMPTY;
}

/** 2026-03-01 */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : EMPTY;
}

/** A dayjs value as the server's calendar day 'YYYY-MM-DD'. */
export function toIsoDay(value: dayjs.Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}

export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? EMPTY : String(value);
}

/** Today as 'YYYY-MM-DD' (for watermarks and default dates). */
export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

/**
 * A decimal amount of 元 sent as a string ("86000.5", "1234567.00") with thousands separators and two
 * places ("86,000.50"), worked on the digits so that sums beyond a double's precision keep their cents.
 */
export function formatYuan(amount: string | null | undefined): string {
  const m = amount ? /^(-?)(\d+)(?:\.(\d*))?$/.exec(amount.trim()) : null;
  if (!m) return amount ? amount : EMPTY;
  const whole = m[2]!.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${m[1]}${whole}.${(m[3] ?? '').padEnd(2, '0').slice(0, 2)}`;
}
