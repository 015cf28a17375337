import type { ReformRecordQuery, ReformRecordSummary } from '@liandong/domain/reform/contracts-reform';
import { CAUSE_CATEGORY_LABELS, REFORM_ORIGIN_LABELS, REFORM_STATE_LABELS } from '@liandong/domain/reform/enums';
import { allPages, type Column, exportSheet, filtersOf, type SheetRow } from '../../platform/excel';
import type { Ctx } from '../../platform/context';
import { listRecords } from './service-records-read';
import { dateInZone } from '../../platform/zone';

/*
 * Excel of the 以案促改台账: the ledger's own query, filters and visibility, page by page; row 1 carries
 * the watermark "导出人 … 导出时间 …"; the export is audited with the filters and the row count.
 */

const MAX_ROWS = 20_000;
const PAGE = 100;

const COLUMNS: Column[] = [
  { key: 'no', header: '序号', width: 6 },
  { key: 'title', header: '名称', width: 36 },
  { key: 'origin', header: '来源', width: 12 },
  { key: 'source', header: '案件编号 / 专项整治', width: 24 },
  { key: 'campaign', header: '所属专项整治', width: 26 },
  { key: 'unit', header: '涉及单位', width: 24 },
  { key: 'ownerOrg', header: '承办部门', width: 22 },
  { key: 'sector', header: '行业领域', width: 14 },
  { key: 'state', header: '状态', width: 12 },
  { key: 'causes', header: '原因类别', width: 30 },
  { key: 'problems', header: '问题数', width: 8 },
  { key: 'letters', header: '建议书数', width: 9 },
  { key: 'tasks', header: '整改任务数', width: 10 },
  { key: 'createdAt', header: '建立日期', width: 12 },
];

function row(r: ReformRecordSummary, i: number): SheetRow {
  return {
    no: i + 1,
    title: r.title,
    origin: REFORM_ORIGIN_LABELS[r.origin].zh,
    source: r.case?.caseNo ?? r.campaignName ?? '',
    campaign: r.campaignName,
    unit: r.unit.name,
    ownerOrg: r.ownerOrgs.map((o) => o.name).join('、'),
    sector: r.sectorLabel,
    state: REFORM_STATE_LABELS[r.state].zh,
    causes: r.causeCategories.map((c) => CAUSE_CATEGORY_LABELS[c].zh).join('、'),
    problems: r.problemCount,
    letters: r.letterCount,
    tasks: r.taskCount,
    createdAt: dateInZone(new Date(r.createdAt)),
  };
}

/** GET /api/v1/reform-records/export.xlsx */
export async function exportRecords(ctx: Ctx, q: ReformRecordQuery): Promise<Buffer> {
  const items = await allPages((page, pageSize) => listRecords(ctx, { ...q, page, pageSize, exactTotal: true }), MAX_ROWS, PAGE);
  const rows = items.map(row);
  return exportSheet(ctx, {
    sheet: '以案促改台账',
    columns: COLUMNS,
    rows,
    title: '以案促改台账',
    audit: { type: 'reform.exported', objectType: 'reform_record', payload: { filters: filtersOf(q), rows: rows.length } },
  });
}
