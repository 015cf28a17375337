import type ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { type AuditInput, refs, audit } from './audit';
import type { Ctx } from './context';
import { stampOf } from './official-doc';

/*
 * The Excel exports of every module: one sheet laid out by writeSheet (row 1 the watermark line
 * "导出人 … 导出时间 …", row 2 the column headers, data from row 3), the workbook's creator the
 * exporter, and the export audited in the same step as the buffer is written.
 *
 * Ready to print and to reuse (issue 14): A4 landscape, fitted to one page wide, rows 1–2 repeated on
 * every printed page; dates (YYYY-MM-DD) and times (YYYY-MM-DD HH:mm, Beijing) as real Excel date cells
 * with a date format, not text; text that a spreadsheet would take for a formula (starting with = + - @,
 * a tab or a carriage return) kept as text with a quote prefix (formula injection, CWE-1236).
 */

let loading: Promise<typeof ExcelJS> | undefined;

/**
 * A new workbook. exceljs (about 20 MB resident) is loaded on the first export or import, not when the
 * server starts: most nodes sit idle most of the day (idle RSS, issue 12).
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  loading ??= import('exceljs').then((m) => m.default);
  const lib = await loading;
  return new lib.Workbook();
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Column {
  key: string;
  header: string;
  width: number;
  required?: boolean;
  /** `text`: never turned into a date cell (codes that look like dates); default: dates detected. */
  kind?: 'text';
}

export type SheetRow = Record<string, string | number | null>;

/** The watermark line: who exported and when (local time), and the confidentiality note. */
export const watermark = (ctx: Ctx) => `导出人 ${ctx.actor.displayName}（${ctx.actor.username}） 导出时间 ${stampOf()}  内部资料，注意保密`;

/** Number formats of date and time cells (Excel shows 2026-03-05 / 2026-03-05 14:30). */
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';
/** The built-in "Text" format; its cells get quotePrefix in styles.xml (quotePrefixed). */
const TEXT_FORMAT = '@';
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MINUTE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;
/** What a spreadsheet reads as the start of a formula (OWASP CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A real calendar date (no 2026-02-30), as the instant Excel stores for that wall-clock day and time. */
function wallClock(y: string, mo: string, d: string, h = '00', mi = '00'): Date | null {
  const at = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)));
  return at.getUTCFullYear() === Number(y) && at.getUTCMonth() === Number(mo) - 1 && at.getUTCDate() === Number(d) && Number(h) < 24 && Number(mi) < 60
    ? at
    : null;
}

/** A cell's value and number format: dates and times as date cells, formula-like text as quoted text. */
export function cellOf(v: string | number | null | undefined, kind?: 'text'): { value: ExcelJS.CellValue; numFmt?: string } {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'number') return { value: v };
  if (kind !== 'text') {
    const day = ISO_DAY.exec(v);
    const dayAt = day && wallClock(day[1]!, day[2]!, day[3]!);
    if (dayAt) return { value: dayAt, numFmt: DATE_FORMAT };
    const minute = ISO_MINUTE.exec(v);
    const minuteAt = minute && wallClock(minute[1]!, minute[2]!, minute[3]!, minute[4]!, minute[5]!);
    if (minuteAt) return { value: minuteAt, numFmt: DATETIME_FORMAT };
  }
  if (FORMULA_START.test(v)) return { value: v, numFmt: TEXT_FORMAT };
  return { value: v };
}

/** Print setup of an export sheet: A4 landscape, one page wide, the watermark and header rows on every page. */
export function printSetup(ws: ExcelJS.Worksheet, repeatRows = '1:2'): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: repeatRows,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter.oddFooter = '&C第 &P 页，共 &N 页';
}

/** Adds a sheet: header line (merged, grey), bold headers (required ones red with *), data rows, frozen header. */
export function writeSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: SheetRow[], headerLine: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  ws.getRow(1).getCell(1).value = headerLine;
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getRow(1).font = { italic: true, color: { argb: 'FF888888' } };
  const header = ws.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.required ? `${c.header}*` : c.header;
    cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  for (const r of rows) {
    const row = ws.addRow([]);
    columns.forEach((c, i) => {
      const { value, numFmt } = cellOf(r[c.key], c.kind);
      const cell = row.getCell(i + 1);
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
    });
  }
  ws.headerFooter.oddHeader = `&L${headerLine.replace(/&/g, '&&')}`;
  printSetup(ws);
  return ws;
}

/**
 * The workbook's bytes, with quotePrefix on every cell format that uses the Text format (exceljs cannot
 * write the attribute): Excel and WPS then keep "=1+1" as text even when the cell is edited again.
 */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  const raw = new Uint8Array(await wb.xlsx.writeBuffer());
  const files = unzipSync(raw);
  const styles = files['xl/styles.xml'];
  if (!styles) return Buffer.from(raw);
  const xml = strFromU8(styles);
  const quoted = xml.replace(/<xf ([^>]*?)numFmtId="49"([^>]*?)(\/?)>/g, (m, a: string, b: string, close: string) =>
    m.includes('quotePrefix') ? m : `<xf ${a}numFmtId="49"${b} quotePrefix="1"${close}>`,
  );
  if (quoted === xml) return Buffer.from(raw);
  files['xl/styles.xml'] = strToU8(quoted);
  return Buffer.from(zipSync(files, { level: 6 }));
}

type ExportAudit = Omit<AuditInput, 'commissionId' | 'actorId' | 'actorName' | 'requestId' | 'ip'>;

/** Writes the workbook (creator: the exporter) and audits the export. */
export async function finishExport(ctx: Ctx, wb: ExcelJS.Workbook, event: ExportAudit): Promise<Buffer> {
  wb.creator = `${ctx.actor.displayName}（${ctx.actor.username}）`;
  const body = await workbookBytes(wb);
  // Ledger filters may hold a keyword (a name): the trail keeps the filter's references only (三员).
  await ctx.db.transaction().execute((trx) => audit(trx, ctx, { ...event, payload: refs(event.payload ?? {}) }));
  return body;
}

export interface SheetExport {
  sheet: string;
  columns: Column[];
  rows: SheetRow[];
  /** What the watermark line starts with (the ledger's name). */
  title: string;
  audit: ExportAudit;
}

/** A one-sheet export: the sheet under "title 导出人 … 导出时间 …", written and audited. */
export async function exportSheet(ctx: Ctx, x: SheetExport): Promise<Buffer> {
  const wb = await newWorkbook();
  writeSheet(wb, x.sheet, x.columns, x.rows, `${x.title} ${watermark(ctx)}`);
  return finishExport(ctx, wb, x.audit);
}

/** Every page of a paged query, up to maxRows rows. */
export async function allPages<T>(
  fetch: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
  maxRows: number,
  pageSize: number,
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; items.length < maxRows; page++) {
    const r = await fetch(page, pageSize);
    items.push(...r.items);
    if (items.length >= r.total || r.items.length === 0) break;
  }
  return items.slice(0, maxRows);
}

/** The filters of a ledger query without its paging (for the audit payload). */
export function filtersOf<Q extends { page?: unknown; pageSize?: unknown }>(q: Q): Omit<Q, 'page' | 'pageSize'> {
  const { page: _p, pageSize: _s, ...filters } = q;
  return filters;
}
