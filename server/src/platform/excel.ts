import ExcelJS from 'exceljs';
import { type AuditInput, refs, audit } from './audit';
import type { Ctx } from './context';
import { stampOf } from './official-doc';

/*
 * The Excel exports of every module: one sheet laid out by writeSheet (row 1 the watermark line
 * "导出人 … 导出时间 …", row 2 the column headers, data from row 3), the workbook's creator the
 * exporter, and the export audited in the same step as the buffer is written.
 */

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Column {
  key: string;
  header: string;
  width: number;
  required?: boolean;
}

export type SheetRow = Record<string, string | number | null>;

/** The watermark line: who exported and when (local time), and the confidentiality note. */
export const watermark = (ctx: Ctx) => `导出人 ${ctx.actor.displayName}（${ctx.actor.username}） 导出时间 ${stampOf()}  内部资料，注意保密`;

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
  for (const r of rows) ws.addRow(columns.map((c) => r[c.key] ?? null));
  ws.headerFooter.oddHeader = `&L${headerLine.replace(/&/g, '&&')}`;
  return ws;
}

type ExportAudit = Omit<AuditInput, 'commissionId' | 'actorId' | 'actorName' | 'requestId' | 'ip'>;

/** Writes the workbook (creator: the exporter) and audits the export. */
export async function finishExport(ctx: Ctx, wb: ExcelJS.Workbook, event: ExportAudit): Promise<Buffer> {
  wb.creator = `${ctx.actor.displayName}（${ctx.actor.username}）`;
  const body = Buffer.from(await wb.xlsx.writeBuffer());
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
export function exportSheet(ctx: Ctx, x: SheetExport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
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
