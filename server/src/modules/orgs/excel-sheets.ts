import type { Labelled } from '@liandong/domain/labels';
import type { Column } from '../../platform/excel';

export { type Column, type SheetRow, writeSheet } from '../../platform/excel';

/*
 * The workbook layout shared by export, template and import. Every sheet: row 1 a header line
 * (exporter and time — the watermark of architecture.md §4 — or filling instructions), row 2 the
 * column headers, data from row 3. Import finds the header row by its headers, so a user may delete
 * the first line. Codes are the keys; name columns are for reading only.
 */

export const SHEET = {
  orgs: '组织机构',
  leaders: '委领导',
  oversight: '分管',
  liaison: '联系',
  dispatch: '派驻',
  zones: '片区',
  zoneMembers: '片区成员',
  help: '填写说明',
} as const;

const VALID_FROM: Column = { key: 'validFrom', header: '生效日期', width: 12 };
const VALID_TO: Column = { key: 'validTo', header: '失效日期', width: 12 };

export const ORG_COLUMNS: Column[] = [
  { key: 'code', header: '编码', width: 22, required: true },
  { key: 'nameZh', header: '名称', width: 32, required: true },
  { key: 'shortName', header: '简称', width: 18, required: true },
  { key: 'kind', header: '类型', width: 18, required: true },
  { key: 'officeKind', header: '内设机构类别', width: 18 },
  { key: 'ordinal', header: '序号', width: 8 },
  { key: 'parentCode', header: '上级编码', width: 22 },
  { key: 'regionCode', header: '行政区划代码', width: 14 },
  { key: 'docCode', header: '机关代字', width: 12 },
  { key: 'sortOrder', header: '排序', width: 8 },
  VALID_FROM,
  VALID_TO,
];

export const LIAISON_COLUMNS: Column[] = [
  { key: 'fromCode', header: '联系室编码', width: 22, required: true },
  { key: 'fromName', header: '联系室', width: 20 },
  { key: 'toCode', header: '联系对象编码', width: 22, required: true },
  { key: 'toName', header: '联系对象', width: 30 },
  VALID_FROM,
  VALID_TO,
];

export const DISPATCH_COLUMNS: Column[] = [
  { key: 'fromCode', header: '派驻组编码', width: 22, required: true },
  { key: 'fromName', header: '派驻组', width: 28 },
  { key: 'toCode', header: '监督单位编码', width: 22, required: true },
  { key: 'toName', header: '监督单位', width: 30 },
  { key: 'role', header: '监督方式', width: 14, required: true },
  VALID_FROM,
  VALID_TO,
];

export const LEADER_COLUMNS: Column[] = [
  { key: 'nameZh', header: '姓名', width: 12 },
  { key: 'title', header: '职务', width: 16 },
  { key: 'orgCode', header: '所在单位编码', width: 16 },
  { key: 'orgName', header: '所在单位', width: 24 },
  VALID_FROM,
  VALID_TO,
];

export const OVERSIGHT_COLUMNS: Column[] = [
  { key: 'leaderName', header: '委领导', width: 12 },
  { key: 'officeCode', header: '分管机构编码', width: 22 },
  { key: 'officeName', header: '分管机构', width: 24 },
  VALID_FROM,
  VALID_TO,
];

export const ZONE_COLUMNS: Column[] = [
  { key: 'nameZh', header: '片区名称', width: 20 },
  { key: 'countyCode', header: '所属县区编码', width: 16 },
  { key: 'countyName', header: '所属县区', width: 24 },
  { key: 'leadCode', header: '牵头单位编码', width: 18 },
  { key: 'leadName', header: '牵头单位', width: 28 },
  { key: 'modes', header: '协作模式', width: 30 },
  VALID_FROM,
  VALID_TO,
];

export const ZONE_MEMBER_COLUMNS: Column[] = [
  { key: 'zoneName', header: '片区名称', width: 20 },
  { key: 'countyCode', header: '所属县区编码', width: 16 },
  { key: 'orgCode', header: '成员编码', width: 22 },
  { key: 'orgName', header: '成员名称', width: 28 },
  VALID_FROM,
  VALID_TO,
];

/** YYYY-MM-DD from 2025-01-01, 2025/1/1 or 2025.1.1; null when it is not a real date. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const norm = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '').toUpperCase();

/** Code of an enum value given as its code or its zh label (full- or half-width brackets). */
export function resolveEnum<T extends string>(labels: Labelled<T>, text: string): T | null {
  const n = norm(text);
  for (const [code, l] of Object.entries(labels) as [T, { zh: string }][]) {
    if (norm(code) === n || norm(l.zh) === n) return code;
  }
  return null;
}
