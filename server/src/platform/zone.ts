/**
 * The commission's time zone: the one zone in which "today" and "this year" are computed, in JS and in
 * SQL (the pool sets it as every connection's `TimeZone`, so `current_date` agrees with `todayIso()`).
 * Without it a server running in UTC turns 00:00–08:00 Beijing time into yesterday: a clue received at
 * 2027-01-01 07:00 would be numbered 〔2026〕 and its deadlines would start a day early (issue 9).
 *
 * Per deployment (env `COMMISSION_TIMEZONE`, an IANA name, default Asia/Shanghai); one zone for the whole
 * database, not a per-commission setting.
 */
export const DEFAULT_COMMISSION_TIME_ZONE = 'Asia/Shanghai';

/** Validates an IANA zone name; a typo must stop the start, not silently fall back to UTC. */
export function resolveTimeZone(raw: string | undefined): string {
  const zone = raw?.trim() || DEFAULT_COMMISSION_TIME_ZONE;
  // Only names PostgreSQL also accepts as a bare `-c TimeZone=…` value (no spaces or quotes).
  if (!/^[A-Za-z0-9_+\-/]+$/.test(zone)) throw new Error(`COMMISSION_TIMEZONE「${zone}」不是有效的时区名称（例如 Asia/Shanghai）`);
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
  } catch {
    throw new Error(`COMMISSION_TIMEZONE「${zone}」不是有效的时区名称（例如 Asia/Shanghai）`);
  }
  return zone;
}

/** The zone of this deployment, read once at start. */
export const COMMISSION_TIME_ZONE = resolveTimeZone(process.env.COMMISSION_TIMEZONE);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

/** The calendar date (YYYY-MM-DD) of an instant in the commission's zone: what `::date` gives in SQL. */
export function dateInZone(at: Date, zone: string = COMMISSION_TIME_ZONE): string {
  return formatter(zone).format(at);
}

/** The current year in the commission's zone: the year of case numbers, document numbers and statistics. */
export function currentYear(now: Date = new Date(), zone: string = COMMISSION_TIME_ZONE): number {
  return Number(dateInZone(now, zone).slice(0, 4));
}
