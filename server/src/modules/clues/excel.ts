import type { ClueQuery } from '@liandong/domain/clues/contracts';
import { CLUE_SOURCE_LABELS, OVERDUE_KIND_LABELS } from '@liandong/domain/clues/enums';
import { CLUE_STATE_LABELS } from '@liandong/domain/clues/machine';
import { type Column, exportSheet, type SheetRow } from '../../platform/excel';
import type { Ctx } from '../../platform/context';
import { ledgerRows } from './service-ledger';
import { typologyLabels } from '../campaign-links';

/*
 * Excel of the clue ledger: the same query, filters and visibility as GET /clues (never any complainant
 * field), the watermark line "导出人 … 导出时间 …" on top, and the export audited (clue.exported).
 */

export const MAX_EXPORT_ROWS = 10_000;

const COLUMNS: Column[] = [
  { key: 'clueNo', header: '线索编号', width: 22 },
  { key: 'title', header: '标题', width: 36 },
  { key: 'subjectName', header: '被反映人', width: 12 },
  { key: 'subjectPosition', header: '职务', width: 24 },
  { key: 'subjectOrgName', header: '被反映人单位', width: 24 },
  { key: 'source', header: '线索来源', width: 14 },
  { key: 'campaignName', header: '所属专项整治', width: 26 },
  { key: 'typology', header: '典型问题类型', width: 22 },
  { key: 'sector', header: '行业领域', width: 14 },
  { key: 'receivedOn', header: '受理日期', width: 12 },
  { key: 'receivingOrgName', header: '受理部门', width: 18 },
  { key: 'undertakingOrgName', header: '承办部门', width: 22 },
  { key: 'state', header: '状态', width: 14 },
  { key: 'proposeDue', header: '处置建议期限', width: 14 },
  { key: 'flags', header: '到期提醒', width: 24 },
  { key: 'realName', header: '实名/匿名', width: 10 },
];

/** GET /clues/export.xlsx */
export async function exportClues(ctx: Ctx, q: ClueQuery): Promise<Buffer> {
  const [{ items, total }, typologyNames] = await Promise.all([
    ledgerRows(ctx, q, MAX_EXPORT_ROWS, 0, 'export'),
    typologyLabels(ctx.db, ctx.actor.commissionId),
  ]);
  const rows: SheetRow[] = items.map((c) => ({
    clueNo: c.clueNo ?? '（未编号）',
    title: c.title,
    subjectName: c.subjectName,
    subjectPosition: c.subjectPosition,
    subjectOrgName: c.subjectOrgName,
    source: CLUE_SOURCE_LABELS[c.source].zh,
    campaignName: c.campaignName,
    typology: c.typology.map((code) => typologyNames.get(code) ?? code).join('、'),
    sector: c.sectorLabel,
    receivedOn: c.receivedOn,
    receivingOrgName: c.receivingOrgName,
    undertakingOrgName: c.undertakingOrgName,
    state: CLUE_STATE_LABELS[c.state].zh,
    proposeDue: c.proposeDue,
    flags: c.flags.map((f) => OVERDUE_KIND_LABELS[f].zh).join('、'),
    realName: c.realName ? '实名' : '匿名',
  }));
  const more = total > items.length ? `（共${total}条，仅导出前${items.length}条）` : '';
  const filters = Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== undefined && k !== 'page' && k !== 'pageSize'));
  return exportSheet(ctx, {
    sheet: '问题线索台账',
    columns: COLUMNS,
    rows,
    title: `问题线索台账${more}`,
    audit: {
      type: 'clue.exported',
      objectType: 'commission',
      objectId: ctx.actor.commissionId,
      payload: { format: 'xlsx', rows: items.length, total, filters },
    },
  });
}
