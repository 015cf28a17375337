import { LETTER_REPLY_STATUS_LABELS, type LetterListItem, type LetterListQuery } from '@liandong/domain/reform/contracts-letters';
import { LETTER_ORIGIN_LABELS, LETTER_TYPE_LABELS } from '@liandong/domain/reform/enums';
import { LETTER_STATE_LABELS } from '@liandong/domain/reform/machine';
import { allPages, type Column, exportSheet, filtersOf, type SheetRow } from '../../platform/excel';
import type { Ctx } from '../../platform/context';
import { listLetters } from './service-ledger';

/*
 * Excel of the 建议书台账: the same query and scope as GET /recommendations (letterVisible), every filter
 * applied; the sheet starts with the watermark line "导出人 … 导出时间 …"; the export is audited
 * (letter.exported, ledger) with the filters and the row count.
 */

const MAX_ROWS = 20_000;

const COLUMNS: Column[] = [
  { key: 'docNo', header: '发文字号', width: 20 },
  { key: 'type', header: '类型', width: 16 },
  { key: 'title', header: '标题', width: 40 },
  { key: 'recipientName', header: '主送单位', width: 26 },
  { key: 'draftingOrg', header: '起草部门', width: 22 },
  { key: 'origin', header: '来源', width: 12 },
  { key: 'campaign', header: '所属专项整治', width: 26 },
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
    type: LETTER_TYPE_LABELS[l.type].zh,
    title: l.title,
    recipientName: l.recipientName,
    draftingOrg: l.draftingOrg.name,
    origin: LETTER_ORIGIN_LABELS[l.origin].zh,
    campaign: l.campaignName,
    state: LETTER_STATE_LABELS[l.state].zh,
    itemCount: l.itemCount,
    issuedOn: l.issuedOn,
    servedOn: l.servedOn,
    objectionDue: l.objectionDue,
    replyDue: l.replyDue,
    repliedOn: l.repliedOn,
    replyStatus: LETTER_REPLY_STATUS_LABELS[l.replyStatus].zh,
  };
}

/** GET /api/v1/letters/export.xlsx */
export async function exportLetters(ctx: Ctx, q: LetterListQuery): Promise<Buffer> {
  const rows = await allPages((page, pageSize) => listLetters(ctx, { ...q, page, pageSize, exactTotal: true }), MAX_ROWS, 500);
  return exportSheet(ctx, {
    sheet: '建议书台账',
    columns: COLUMNS,
    rows: rows.map(sheetRow),
    title: '建议书台账',
    audit: {
      type: 'letter.exported',
      objectType: 'letter',
      objectId: ctx.actor.commissionId,
      payload: { ledger: true, format: 'xlsx', filters: filtersOf(q), rows: rows.length },
    },
  });
}
