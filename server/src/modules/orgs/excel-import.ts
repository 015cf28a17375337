import type { ImportError } from '@liandong/domain/org/contracts';
import { COVERAGE_ROLE_LABELS, type CoverageRole, OFFICE_KIND_LABELS, type OfficeKind, ORG_KIND_LABELS, type OrgKind } from '@liandong/domain/org/enums';
import { cellAt, type PlainSheet, type PlainWorkbook, sheetNamed } from '../../platform/xlsx-safe';
import { type Column, DISPATCH_COLUMNS, LIAISON_COLUMNS, ORG_COLUMNS, parseDate, resolveEnum, SHEET } from './excel-sheets';

/*
 * Reading an uploaded structure workbook (plain text rows from platform/xlsx-safe.ts, which enforces the
 * size, zip and parse limits) into typed rows, with every cell-level problem reported by sheet, Excel
 * row number and column header. Nothing here touches the database; the import service
 * checks references and rules against the stored structure afterwards.
 */

/** Upper bound of data rows per sheet (a commission has a few thousand orgs). */
export const MAX_ROWS = 20_000;

export interface OrgInput {
  row: number;
  code: string;
  nameZh: string;
  shortName: string;
  kind: OrgKind;
  officeKind: OfficeKind | null;
  ordinal: number | null;
  parentCode: string | null;
  regionCode: string | null;
  docCode: string | null;
  /** null: keep the stored value (0 for a new org). */
  sortOrder: number | null;
  /** null: keep the stored value (today for a new org). */
  validFrom: string | null;
  validTo: string | null;
}

export interface LinkInput {
  sheet: string;
  row: number;
  type: 'LIAISON' | 'DISPATCH';
  fromCode: string;
  toCode: string;
  role: CoverageRole | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface ParsedWorkbook {
  orgs: OrgInput[];
  links: LinkInput[];
  errors: ImportError[];
}

const headerKey = (text: string) => text.replace(/\*/g, '').replace(/\s+/g, '');

interface SheetReader {
  rows: { row: number; get(key: string): string }[];
}

/** Locates the header row (within the first 5 rows) and maps columns by header text. */
function readSheet(ws: PlainSheet, columns: Column[], errors: ImportError[]): SheetReader | null {
  let headerRow = 0;
  const index = new Map<string, number>();
  for (const candidate of ws.rows.filter((r) => r.row <= 5)) {
    const found = new Map<string, number>();
    candidate.cells.forEach((text, i) => {
      const key = headerKey(text);
      const column = columns.find((c) => c.header === key);
      if (column && !found.has(column.key)) found.set(column.key, i + 1);
    });
    if (columns.filter((c) => c.required).some((c) => found.has(c.key))) {
      headerRow = candidate.row;
      for (const [k, v] of found) index.set(k, v);
      break;
    }
  }
  if (!headerRow) {
    errors.push({
      sheet: ws.name,
      row: 1,
      column: '',
      message: `未找到表头（应包含：${columns
        .filter((c) => c.required)
        .map((c) => c.header)
        .join('、')}）`,
    });
    return null;
  }
  const missing = columns.filter((c) => c.required && !index.has(c.key));
  for (const c of missing) errors.push({ sheet: ws.name, row: headerRow, column: c.header, message: '缺少必填列' });
  if (missing.length) return null;
  const rows: SheetReader['rows'] = [];
  for (const row of ws.rows) {
    if (row.row <= headerRow) continue;
    const get = (key: string) => {
      const col = index.get(key);
      return col ? cellAt(row, col) : '';
    };
    if (columns.every((c) => get(c.key) === '')) continue;
    rows.push({ row: row.row, get });
  }
  if (rows.length > MAX_ROWS) {
    errors.push({ sheet: ws.name, row: headerRow, column: '', message: `数据行超过${MAX_ROWS}行，请分批导入` });
    return null;
  }
  return { rows };
}

const headerOf = (columns: Column[], key: string) => columns.find((c) => c.key === key)!.header;

/** Parses the importable sheets; 组织机构 is required, 联系 and 派驻 optional, other sheets ignored. */
export function parseWorkbook(wb: PlainWorkbook): ParsedWorkbook {
  const errors: ImportError[] = [];
  const out: ParsedWorkbook = { orgs: [], links: [], errors };
  const orgSheet = sheetNamed(wb, SHEET.orgs);
  if (!orgSheet) {
    errors.push({ sheet: SHEET.orgs, row: 0, column: '', message: `缺少工作表“${SHEET.orgs}”，请使用导入模板` });
    return out;
  }
  const orgRows = readSheet(orgSheet, ORG_COLUMNS, errors);
  for (const r of orgRows?.rows ?? []) {
    const err = (key: string, message: string) => errors.push({ sheet: SHEET.orgs, row: r.row, column: headerOf(ORG_COLUMNS, key), message });
    const text = (key: string) => r.get(key) || null;
    const code = r.get('code');
    if (!code) err('code', '必填');
    else if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(code)) err('code', '编码只能包含字母、数字、点、下划线和连字符，不超过40个字符');
    const nameZh = r.get('nameZh');
    if (!nameZh) err('nameZh', '必填');
    else if (nameZh.length > 100) err('nameZh', '不超过100个字符');
    const shortName = r.get('shortName');
    if (!shortName) err('shortName', '必填');
    else if (shortName.length > 50) err('shortName', '不超过50个字符');
    const kindText = r.get('kind');
    const kind = kindText ? resolveEnum(ORG_KIND_LABELS, kindText) : null;
    if (!kindText) err('kind', '必填');
    else if (!kind) err('kind', `无法识别的类型“${kindText}”`);
    const officeText = r.get('officeKind');
    const officeKind = officeText ? resolveEnum(OFFICE_KIND_LABELS, officeText) : null;
    if (officeText && !officeKind) err('officeKind', `无法识别的内设机构类别“${officeText}”`);
    const int = (key: string, min: number, max: number) => {
      const t = r.get(key);
      if (!t) return null;
      const n = Number(t);
      if (!Number.isInteger(n) || n < min || n > max) {
        err(key, `应为${min}至${max}之间的整数`);
        return null;
      }
      return n;
    };
    const ordinal = int('ordinal', 1, 99);
    const sortOrder = int('sortOrder', -1_000_000, 1_000_000);
    const regionCode = text('regionCode');
    if (regionCode && !/^\d{6}$/.test(regionCode)) err('regionCode', '行政区划代码为6位数字');
    const docCode = text('docCode');
    if (docCode && docCode.length > 20) err('docCode', '不超过20个字符');
    const date = (key: string) => {
      const t = r.get(key);
      if (!t) return null;
      const d = parseDate(t);
      if (!d) err(key, `日期“${t}”格式应为 YYYY-MM-DD`);
      return d;
    };
    const validFrom = date('validFrom');
    const validTo = date('validTo');
    if (validFrom && validTo && validTo < validFrom) err('validTo', '失效日期早于生效日期');
    if (code && nameZh && shortName && kind) {
      out.orgs.push({
        row: r.row,
        code,
        nameZh,
        shortName,
        kind,
        officeKind,
        ordinal,
        parentCode: text('parentCode'),
        regionCode,
        docCode,
        sortOrder,
        validFrom,
        validTo,
      });
    }
  }
  parseLinks(wb, SHEET.liaison, 'LIAISON', LIAISON_COLUMNS, out);
  parseLinks(wb, SHEET.dispatch, 'DISPATCH', DISPATCH_COLUMNS, out);
  return out;
}

function parseLinks(wb: PlainWorkbook, sheet: string, type: LinkInput['type'], columns: Column[], out: ParsedWorkbook) {
  const ws = sheetNamed(wb, sheet);
  if (!ws) return;
  const reader = readSheet(ws, columns, out.errors);
  for (const r of reader?.rows ?? []) {
    const err = (key: string, message: string) => out.errors.push({ sheet, row: r.row, column: headerOf(columns, key), message });
    const fromCode = r.get('fromCode');
    const toCode = r.get('toCode');
    if (!fromCode) err('fromCode', '必填');
    if (!toCode) err('toCode', '必填');
    let role: CoverageRole | null = null;
    if (type === 'DISPATCH') {
      const t = r.get('role');
      role = t ? resolveEnum(COVERAGE_ROLE_LABELS, t) : null;
      if (!t) err('role', '必填（驻在单位或综合监督单位）');
      else if (!role) err('role', `无法识别的监督方式“${t}”`);
    }
    const date = (key: string) => {
      const t = r.get(key);
      if (!t) return null;
      const d = parseDate(t);
      if (!d) err(key, `日期“${t}”格式应为 YYYY-MM-DD`);
      return d;
    };
    const validFrom = date('validFrom');
    const validTo = date('validTo');
    if (fromCode && toCode && (type !== 'DISPATCH' || role)) out.links.push({ sheet, row: r.row, type, fromCode, toCode, role, validFrom, validTo });
  }
}
