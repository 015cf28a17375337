import type { CalendarDay, CalendarDayKind } from '@liandong/domain/calendar/calendar';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from '@liandong/domain/calendar/contracts';
import type { FastifyRequest } from 'fastify';
import { invalidateWorkCalendar } from '../../platform/calendar';
import { AppError } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { cellAt, readXlsxSafely } from '../../platform/xlsx-safe';

/**
 * 节假日安排导入: the administrator loads next year's State Council arrangement (holidays and 调休
 * make-up workdays) from an Excel sheet or an ICS calendar file. The file is checked completely first;
 * any error rejects the whole file with one message per row (nothing written), otherwise every year the
 * file covers is replaced by the file's days in one transaction, audited.
 */

/** ICS files are small text (a year is ~20 events); anything larger is not an arrangement. */
export const ICS_MAX_BYTES = 256 * 1024;
const MAX_DAYS = 2 * 366;

export interface RowIssue {
  path: string;
  message: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function realDay(day: string): boolean {
  const m = ISO.exec(day);
  if (!m) return false;
  const d = new Date(`${day}T00:00:00Z`);
  const y = Number(m[1]);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day && y >= CALENDAR_MIN_YEAR && y <= CALENDAR_MAX_YEAR;
}
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
const addDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * MS_PER_DAY).toISOString().slice(0, 10);

/** A SUMMARY naming a worked day (补班, 上班, 调休上班, "春节（班）") is a make-up workday; anything else a holiday. */
function kindOfSummary(summary: string): { kind: CalendarDayKind; nameZh: string } {
  const worked = /补班|上班|[（(]班[)）]/.test(summary);
  const nameZh = summary
    .replace(/调休上班|补班|上班|[（(][休班][)）]|放假|休息/g, '')
    .trim()
    .slice(0, 40);
  return { kind: worked ? 'MAKEUP_WORKDAY' : 'HOLIDAY', nameZh: nameZh || summary.slice(0, 40) };
}

function icsDate(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * Strict ICS reader for all-day events: BEGIN:VCALENDAR … END:VCALENDAR, each VEVENT with a date-only
 * DTSTART (YYYYMMDD), optional DTEND (exclusive, as RFC 5545 has it) and a SUMMARY. Folded lines are
 * joined; timed events, missing fields and nesting errors are reported with their line number.
 */
export function parseIcs(text: string): { days: CalendarDay[]; issues: RowIssue[] } {
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const lines: { no: number; text: string }[] = [];
  raw.forEach((l, i) => {
    if (/^[ \t]/.test(l) && lines.length > 0) lines[lines.length - 1]!.text += l.slice(1);
    else if (l.trim() !== '') lines.push({ no: i + 1, text: l });
  });
  const issues: RowIssue[] = [];
  const days: CalendarDay[] = [];
  const err = (no: number, message: string) => issues.push({ path: `第${no}行`, message });
  if (lines[0]?.text.trim().toUpperCase() !== 'BEGIN:VCALENDAR') err(lines[0]?.no ?? 1, '文件须以 BEGIN:VCALENDAR 开头');
  if (lines.at(-1)?.text.trim().toUpperCase() !== 'END:VCALENDAR') err(lines.at(-1)?.no ?? 1, '文件须以 END:VCALENDAR 结尾');
  let event: { no: number; start?: string; end?: string; summary?: string } | null = null;
  for (const { no, text: line } of lines) {
    const colon = line.indexOf(':');
    if (colon < 1) {
      err(no, '不是 “名称:值” 格式的日历行');
      continue;
    }
    const [name, ...params] = line.slice(0, colon).split(';');
    const key = (name ?? '').toUpperCase();
    const value = line.slice(colon + 1);
    if (key === 'BEGIN' && value.trim().toUpperCase() === 'VEVENT') {
      if (event) err(no, 'VEVENT 未结束又开始新的 VEVENT');
      event = { no };
    } else if (key === 'END' && value.trim().toUpperCase() === 'VEVENT') {
      if (!event) {
        err(no, 'END:VEVENT 没有对应的 BEGIN:VEVENT');
        continue;
      }
      const { start, summary } = event;
      if (!start) err(event.no, '事件缺少 DTSTART（全天日期 YYYYMMDD）');
      if (!summary?.trim()) err(event.no, '事件缺少 SUMMARY（节日名称）');
      if (start && summary?.trim()) {
        const end = event.end ?? addDay(start, 1);
        if (end <= start) err(event.no, 'DTEND 须晚于 DTSTART');
        else if (Date.parse(end) - Date.parse(start) > 31 * MS_PER_DAY) err(event.no, '一个事件不超过31天');
        else {
          const { kind, nameZh } = kindOfSummary(summary.trim());
          for (let d = start; d < end; d = addDay(d, 1)) days.push({ day: d, kind, nameZh });
        }
      }
      event = null;
    } else if (event && (key === 'DTSTART' || key === 'DTEND')) {
      const timed = params.some((p) => p.toUpperCase() === 'VALUE=DATE-TIME') || /T/.test(value);
      const day = icsDate(value);
      if (timed || !day) err(no, `${key} 须为全天日期（YYYYMMDD），不接受带时刻的事件`);
      else if (!realDay(day)) err(no, `${key} 不是有效日期或超出支持的年份：${value.trim()}`);
      else if (key === 'DTSTART') event.start = day;
      else event.end = day;
    } else if (event && key === 'SUMMARY') {
      event.summary = value.replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, ' ');
    }
  }
  if (event) err(event.no, 'VEVENT 没有 END:VEVENT');
  return { days, issues };
}

const KIND_WORDS: Readonly<Record<string, CalendarDayKind>> = {
  节假日: 'HOLIDAY',
  法定节假日: 'HOLIDAY',
  放假: 'HOLIDAY',
  HOLIDAY: 'HOLIDAY',
  调休上班日: 'MAKEUP_WORKDAY',
  调休上班: 'MAKEUP_WORKDAY',
  补班: 'MAKEUP_WORKDAY',
  MAKEUP_WORKDAY: 'MAKEUP_WORKDAY',
};

/** Excel: first sheet, header row, then 日期 (YYYY-MM-DD) | 类别 (节假日 / 调休上班日) | 名称. */
export async function parseXlsx(buffer: Buffer): Promise<{ days: CalendarDay[]; issues: RowIssue[] }> {
  const wb = await readXlsxSafely(buffer);
  const sheet = wb.sheets[0];
  const issues: RowIssue[] = [];
  const days: CalendarDay[] = [];
  if (!sheet || sheet.rows.length < 2) return { days, issues: [{ path: '工作表', message: '工作表为空：第1行为表头（日期、类别、名称），自第2行起每行一天' }] };
  for (const row of sheet.rows.slice(1)) {
    const day = cellAt(row, 1).trim().slice(0, 10);
    const kindText = cellAt(row, 2).trim();
    const nameZh = cellAt(row, 3).trim();
    const at = (col: string) => `第${row.row}行${col}列`;
    const before = issues.length;
    if (!realDay(day)) issues.push({ path: at('A'), message: `日期须为 YYYY-MM-DD 的有效日期：${cellAt(row, 1)}` });
    const kind = KIND_WORDS[kindText];
    if (!kind) issues.push({ path: at('B'), message: `类别须为“节假日”或“调休上班日”：${kindText}` });
    if (!nameZh || nameZh.length > 40) issues.push({ path: at('C'), message: '名称必填，不超过40字' });
    if (issues.length === before && kind) days.push({ day, kind, nameZh });
  }
  return { days, issues };
}

/** Cross-row checks: 调休 only on weekends, no day twice, bounded size. */
function checkDays(days: CalendarDay[], issues: RowIssue[]): void {
  if (days.length > MAX_DAYS) issues.push({ path: '文件', message: `一次最多导入${MAX_DAYS}天` });
  const seen = new Map<string, CalendarDay>();
  for (const d of days) {
    if (d.kind === 'MAKEUP_WORKDAY' && !isWeekend(d.day)) issues.push({ path: d.day, message: `${d.day} 不是周六或周日，不能设为调休上班日` });
    const prior = seen.get(d.day);
    if (prior) issues.push({ path: d.day, message: `${d.day} 重复出现（${prior.nameZh}、${d.nameZh}）` });
    seen.set(d.day, d);
  }
  if (days.length === 0 && issues.length === 0) issues.push({ path: '文件', message: '文件中没有任何节假日或调休上班日' });
  const years = new Set(days.map((d) => d.day.slice(0, 4)));
  for (const y of years) {
    if (!days.some((d) => d.day.startsWith(y) && d.kind === 'HOLIDAY')) issues.push({ path: y, message: `${y}年没有任何节假日，不是完整的节假日安排` });
  }
}

/** Reads the multipart field `file` with the cap of its format (413 past it). */
export async function readCalendarUpload(req: FastifyRequest, format: 'ics' | 'xlsx'): Promise<Buffer> {
  const cap = format === 'ics' ? ICS_MAX_BYTES : 16 * 1024 * 1024;
  const file = await req.file({ limits: { fileSize: cap, files: 1 } });
  if (!file) throw new AppError('BAD_REQUEST', '请上传文件（表单字段 file）');
  if (file.fieldname !== 'file') throw new AppError('BAD_REQUEST', `请使用表单字段 file 上传文件（收到 ${file.fieldname}）`);
  const buffer = await file.toBuffer();
  if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', `文件超过${Math.round(cap / 1024)}KB`);
  return buffer;
}

/** POST /calendar/import — validates everything, then replaces the covered years in one transaction. */
export async function importArrangement(ctx: Ctx, format: 'ics' | 'xlsx', buffer: Buffer) {
  let parsed: { days: CalendarDay[]; issues: RowIssue[] };
  if (format === 'ics') {
    const text = buffer.toString('utf8');
    if (text.includes('\uFFFD') || text.includes('\0')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'ICS 文件须为 UTF-8 文本');
    parsed = parseIcs(text);
  } else parsed = await parseXlsx(buffer);
  const { days, issues } = parsed;
  if (issues.length === 0) checkDays(days, issues);
  if (issues.length > 0) {
    throw new AppError('VALIDATION', `节假日安排有${issues.length}处错误，未导入任何数据`, { issues: issues.slice(0, 200) });
  }
  const years = [...new Set(days.map((d) => Number(d.day.slice(0, 4))))].sort();
  await ctx.db.transaction().execute(async (trx) => {
    for (const y of years) {
      await trx
        .deleteFrom('calendar_day')
        .where('commission_id', '=', ctx.actor.commissionId)
        .where('day', '>=', `${y}-01-01`)
        .where('day', '<=', `${y}-12-31`)
        .execute();
    }
    await trx
      .insertInto('calendar_day')
      .values(days.map((d) => ({ commission_id: ctx.actor.commissionId, day: d.day, kind: d.kind, name_zh: d.nameZh })))
      .execute();
    await audit(trx, ctx, {
      type: 'calendar.imported',
      objectType: 'calendar_year',
      objectId: years.join(','),
      payload: {
        format,
        years,
        holidays: days.filter((d) => d.kind === 'HOLIDAY').length,
        makeupWorkdays: days.filter((d) => d.kind === 'MAKEUP_WORKDAY').length,
      },
    });
  });
  invalidateWorkCalendar(ctx.actor.commissionId);
  return { years, days: days.length };
}
