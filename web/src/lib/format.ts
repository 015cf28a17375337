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
