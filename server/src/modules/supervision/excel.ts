import type { Labelled } from '@liandong/domain/labels';
import { BASIS_LABELS, FREQUENCY_LABELS, LIGHT_LABELS, LIST_TYPE_LABELS, METHOD_LABELS, SIDE_LABELS } from '@liandong/domain/supervision/enums';
import { ITEM_STATE_LABELS } from '@liandong/domain/supervision/machine';
import type { Item, ListQuery, MyItemsRole } from '@liandong/domain/supervision/contracts';
import { allPages, type Column, exportSheet, newWorkbook, type SheetRow, writeSheet } from '../../platform/excel';
import type { Ctx } from '../../platform/context';
import { matrix } from './service-common';
import { getList, listLists } from './service-lists';
import { myItems } from './service-my';
import { dateInZone } from '../../platform/zone';

/*
 * Excel of supervision lists: the import template (same columns the import reads), and exports of the
 * list views (a list, my items, the coordinator's matrix). Exports go through the same services as the
 * screens, so they carry exactly the same access scope; each sheet starts with the watermark line
 * "导出人 … 导出时间 …" and the export is audited.
 */

export const ITEM_SHEET = '监督事项';
export const HELP_SHEET = '说明';

/** Columns of the template and of the list export (the export adds read-only columns after these). */
export const ITEM_COLUMNS: Column[] = [
  { key: 'seq', header: '序号', width: 6 },
  { key: 'matter', header: '监督事项', width: 40, required: true },
  { key: 'bases', header: '依据', width: 24 },
  { key: 'leadSide', header: '牵头方', width: 12, required: true },
  { key: 'leadOrgCode', header: '牵头单位编码', width: 18, required: true },
  { key: 'assistSide', header: '协助方', width: 12 },
  { key: 'assistOrgCode', header: '协助单位编码', width: 18 },
  { key: 'methods', header: '监督方式', width: 24, required: true },
  { key: 'frequency', header: '频次', width: 10 },
  { key: 'dueDate', header: '完成时限', width: 12 },
  { key: 'hostUnitCodes', header: '驻在单位编码', width: 22 },
];

const EXPORT_EXTRA: Column[] = [
  { key: 'leadOrgName', header: '牵头单位', width: 24 },
  { key: 'assistOrgName', header: '协助单位', width: 24 },
  { key: 'state', header: '状态', width: 10 },
  { key: 'light', header: '督办灯', width: 8 },
  { key: 'responsible', header: '责任人', width: 16 },
];

export const SEPARATOR = /[、,，;；\n]+/;
const zh = <T extends string>(labels: Labelled<T>, codes: readonly T[]) => codes.map((c) => labels[c].zh).join('、');

/** GET /supervision/import-template.xlsx */
export async function supervisionTemplate(): Promise<Buffer> {
  const wb = await newWorkbook();
  writeSheet(
    wb,
    ITEM_SHEET,
    ITEM_COLUMNS,
    [],
    '填写说明：第2行为表头（带*为必填），从第3行起每行一个监督事项；依据、监督方式、驻在单位编码可填多项，用顿号分隔；日期格式 YYYY-MM-DD。',
  );
  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [
    { header: '栏目', key: 'col', width: 16 },
    { header: '可填写的值', key: 'values', width: 90 },
  ];
  const rows: [string, string][] = [
    [
      '依据',
      Object.values(BASIS_LABELS)
        .map((l) => l.zh)
        .join('、'),
    ],
    [
      '牵头方 / 协助方',
      Object.values(SIDE_LABELS)
        .map((l) => l.zh)
        .join('、'),
    ],
    [
      '监督方式',
      Object.values(METHOD_LABELS)
        .map((l) => l.zh)
        .join('、'),
    ],
    [
      '频次',
      Object.values(FREQUENCY_LABELS)
        .map((l) => l.zh)
        .join('、'),
    ],
    ['牵头单位编码', '派驻组一方填本清单所属派驻组编码；监督检查室一方填本清单联系室编码；县区一方填县区纪委监委编码'],
    ['驻在单位编码', '须为本清单的驻在（综合监督）单位'],
    ['完成时限', 'YYYY-MM-DD，如 2026-06-30'],
    ['其他', '导入时全部校验，任一行有错则不写入任何数据；导入的事项为“草拟”状态'],
  ];
  for (const [col, values] of rows) help.addRow({ col, values });
  help.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function codesOf(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await ctx.db
    .selectFrom('org')
    .select(['id', 'code'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

async function itemRows(ctx: Ctx, items: Item[]): Promise<SheetRow[]> {
  const code = await codesOf(
    ctx,
    items.flatMap((i) => [i.leadOrgId, ...(i.assistOrgId ? [i.assistOrgId] : []), ...i.hostUnits.map((h) => h.id)]),
  );
  return items.map((i) => ({
    seq: i.seq,
    matter: i.matter,
    bases: zh(BASIS_LABELS, i.bases),
    leadSide: SIDE_LABELS[i.leadSide].zh,
    leadOrgCode: code.get(i.leadOrgId) ?? '',
    assistSide: i.assistSide ? SIDE_LABELS[i.assistSide].zh : null,
    assistOrgCode: i.assistOrgId ? (code.get(i.assistOrgId) ?? '') : null,
    methods: zh(METHOD_LABELS, i.methods),
    frequency: i.frequency ? FREQUENCY_LABELS[i.frequency].zh : null,
    dueDate: i.dueDate,
    hostUnitCodes: i.hostUnits.map((h) => code.get(h.id) ?? '').join('、'),
    leadOrgName: i.leadOrgName,
    assistOrgName: i.assistOrgName,
    state: ITEM_STATE_LABELS[i.state].zh,
    light: LIGHT_LABELS[i.light].zh,
    responsible: i.responsibleUsers.map((u) => u.name).join('、'),
    listTitle: i.listTitle,
  }));
}

const exported = (objectType: string, objectId: string, payload: Record<string, unknown>) =>
  ({ type: 'supervision.list_exported', objectType, objectId, payload }) as const;

/** GET /supervision/lists/:id/export.xlsx — the list (visibility of getList: 404 outside scope). */
export async function exportList(ctx: Ctx, id: string): Promise<{ filename: string; body: Buffer }> {
  const list = await getList(ctx, id);
  const body = await exportSheet(ctx, {
    sheet: ITEM_SHEET,
    columns: [...ITEM_COLUMNS, ...EXPORT_EXTRA],
    rows: await itemRows(ctx, list.items),
    title: `${list.title}（${LIST_TYPE_LABELS[list.type].zh}）`,
    audit: exported('supervision_list', id, { format: 'xlsx', items: list.items.length }),
  });
  return { filename: `${list.title}.xlsx`, body };
}

/** GET /supervision/my-items/export.xlsx — all pages of "my items". */
export async function exportMyItems(ctx: Ctx, q: { role: MyItemsRole; year?: number }): Promise<Buffer> {
  const items = await allPages(
    (page, pageSize) => myItems(ctx, { role: q.role, ...(q.year !== undefined ? { year: q.year } : {}), page, pageSize, exactTotal: true }),
    20_000,
    200,
  );
  return exportSheet(ctx, {
    sheet: ITEM_SHEET,
    columns: [{ key: 'listTitle', header: '所属清单', width: 36 }, ...ITEM_COLUMNS, ...EXPORT_EXTRA],
    rows: await itemRows(ctx, items),
    title: '我的监督事项',
    audit: exported('user', ctx.actor.userId, { format: 'xlsx', view: 'my-items', role: q.role, year: q.year ?? null, items: items.length }),
  });
}

/** GET /supervision/matrix/export.xlsx — groups × common items (matrix access: coordinator, leaders, 书记). */
export async function exportMatrix(ctx: Ctx, year: number): Promise<Buffer> {
  const m = await matrix(ctx, year);
  const columns: Column[] = [
    { key: 'group', header: '派驻组', width: 28 },
    { key: 'liaison', header: '联系室', width: 18 },
    ...m.commonItems.map((c) => ({ key: c.id, header: `${c.seq}. ${c.matter}`, width: 16 })),
    { key: 'rate', header: '完成率', width: 10 },
  ];
  const cell = new Map(m.cells.map((c) => [`${c.groupId}:${c.commonItemId}`, c]));
  const rows: SheetRow[] = m.groups.map((g) => {
    const row: SheetRow = { group: g.name, liaison: g.liaisonOfficeName, rate: `${Math.round((m.completion.byGroup[g.id] ?? 0) * 100)}%` };
    for (const c of m.commonItems) {
      const x = cell.get(`${g.id}:${c.id}`);
      row[c.id] = x ? `${ITEM_STATE_LABELS[x.state].zh}（${LIGHT_LABELS[x.light].zh}）` : '—';
    }
    return row;
  });
  return exportSheet(ctx, {
    sheet: `${year}年共性事项`,
    columns,
    rows,
    title: `${year}年度共性监督事项完成情况`,
    audit: exported('commission', ctx.actor.commissionId, { format: 'xlsx', view: 'matrix', year, groups: rows.length }),
  });
}

/** GET /supervision/lists/export.xlsx — the lists view (same filters and visibility as GET /supervision/lists). */
export async function exportLists(ctx: Ctx, q: ListQuery): Promise<Buffer> {
  const { items } = await listLists(ctx, q);
  const columns: Column[] = [
    { key: 'year', header: '年度', width: 8 },
    { key: 'title', header: '清单名称', width: 40 },
    { key: 'type', header: '类型', width: 10 },
    { key: 'group', header: '派驻组', width: 28 },
    { key: 'liaison', header: '联系室', width: 18 },
    { key: 'items', header: '事项数', width: 8 },
    { key: 'done', header: '已完成', width: 8 },
    { key: 'rate', header: '完成率', width: 9 },
    { key: 'red', header: '逾期', width: 7 },
    { key: 'yellow', header: '临期', width: 7 },
    { key: 'approved', header: '审定时间', width: 12 },
  ];
  const rows: SheetRow[] = items.map((l) => ({
    year: String(l.year),
    title: l.title,
    type: LIST_TYPE_LABELS[l.type].zh,
    group: l.ownerGroupName,
    liaison: l.liaisonOfficeName,
    items: String(l.itemCount),
    done: String(l.doneCount),
    rate: `${Math.round(l.completionRate * 100)}%`,
    red: String(l.lights.RED),
    yellow: String(l.lights.YELLOW),
    approved: l.approvedAt ? dateInZone(new Date(l.approvedAt)) : '',
  }));
  return exportSheet(ctx, {
    sheet: '监督清单',
    columns,
    rows,
    title: '年度监督清单',
    audit: exported('commission', ctx.actor.commissionId, { format: 'xlsx', view: 'lists', ...q, lists: rows.length }),
  });
}
