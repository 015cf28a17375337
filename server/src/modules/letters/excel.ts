import { LETTER_REPLY_STATUS_LABELS, type LetterListItem, type LetterListQuery } from '@liandong/domain/reform/contracts-letters';
import { REC_ORIGIN_LABELS, REC_TYPE_LABELS } from '@liandong/domain/reform/enums';
import { REC_STATE_LABELS } from '@liandong/domain/reform/machine';
import ExcelJS from 'exceljs';
import { audit, type Ctx } from '../../platform/http';
import { stampOf } from '../../platform/official-doc';
import { type Column, type SheetRow, writeSheet } from '../orgs/excel-sheets';
import { listLetters } from './service-ledger';

/*
 * Excel of the 建议书台账: the same query and scope as GET /recommendations (letterVisible), every filter
 * applied; the sheet starts with the watermark line "导出人 … 导出时间 …"; the export is audited
 * (letter.exported, ledger) with the filters and the row count.
 */

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_ROWS = 20_000;

const COLUMNS: Column[] = [
  { key: 'docNo', header: '发文字号', width: 20 },
  { key: 'type', header: '类型', width: 16 },
  { key: 'title', header: '标题', width: 40 },
  { key: 'recipientName', header: '主送单位', width: 26 },
  { key: 'draftingOrg', header: '起草部门', width: 22 },
  { key: 'origin', header: '来源', width: 12 },
  { key: 'state', header: '状态', width: 16 },
  { key: 'itemCount', header: '建议条数', width: 10 },
  { key: 'issuedOn', header: '印发日期', width: 12 },
  { key: 'servedOn', header: '送达日期', width: 12 },
  { key: 'objectionDue', header: '异议期限', width: 12 },
  { key: 'replyDue', header: '回复期限', width: 12 },
  { key: 'repliedOn', header: '回复日期', width: 12 },
  { key: 'replyStatus', header: '回复情况', width: 12 },
];

function sheetRow(l: LetterListItem): SheetRow {
  return {
    docNo: l.docNo ?? '（未编号）',
    type: REC_TYPE_LABELS[l.type].zh,
    title: l.title,
    recipientName: l.recipientName,
    draftingOrg: l.draftingOrg.name,
    origin: REC_ORIGIN_LABELS[l.origin].zh,
    state: REC_STATE_LABELS[l.state].zh,
    itemCount: l.itemCount,
    issuedOn: l.issuedOn,
    servedOn: l.servedOn,
    objectionDue: l.objectionDue,
    replyDue: l.replyDue,
    repliedOn: l.repliedOn,
    replyStatus: LETTER_REPLY_STATUS_LABELS[l.replyStatus].zh,
  };
}

/** GET /api/v1/recommendations/export.xlsx */
export async function exportLetters(ctx: Ctx, q: LetterListQuery): Promise<Buffer> {
  const items: LetterListItem[] = [];
  for (let page = 1; items.length < MAX_ROWS; page++) {
    const r = await listLetters(ctx, { ...q, page, pageSize: 500 });
    items.push(...r.items);
    if (items.length >= r.total || r.items.length === 0) break;
  }
  const rows = items.slice(0, MAX_ROWS);
  const wb = new ExcelJS.Workbook();
  wb.creator = `${ctx.actor.displayName}（${ctx.actor.username}）`;
  writeSheet(
    wb,
    '建议书台账',
    COLUMNS,
    rows.map(sheetRow),
    `建议书台账 导出人 ${ctx.actor.displayName}（${ctx.actor.username}） 导出时间 ${stampOf()}  内部资料，注意保密`,
  );
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  const { page: _p, pageSize: _s, ...filters } = q;
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx, {
      type: 'letter.exported',
      objectType: 'recommendation',
      objectId: ctx.actor.commissionId,
      payload: { ledger: true, format: 'xlsx', filters, rows: rows.length },
    }),
  );
  return body;
}
