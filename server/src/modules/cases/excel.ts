import { CASE_STAGE_LABELS, type CaseListItem, type CaseListQuery } from '@liandong/domain/cases/contracts';
import { CASE_STATE_LABELS, FOUR_FORMS_LABELS, type FourForm } from '@liandong/domain/cases/machine';
import { OVERDUE_KIND_LABELS } from '@liandong/domain/clues/enums';
import { allPages, type Column, exportSheet, filtersOf, type SheetRow } from '../../platform/excel';
import type { Ctx } from '../../platform/context';
import { listCases } from './service-ledger';

/*
 * Excel of the 案件台账: the same query and access scope as GET /cases (caseVisible), every filter
 * applied; the sheet starts with the watermark line "导出人 … 导出时间 …"; the export is audited
 * (case.exported) with the filters and the row count.
 */

/** At most this many rows per export (the ledger pages through them). */
const MAX_ROWS = 20_000;

const COLUMNS: Column[] = [
  { key: 'caseNo', header: '案件编号', width: 20 },
  { key: 'title', header: '案件名称', width: 36 },
  { key: 'subjectName', header: '被审查调查人', width: 14 },
  { key: 'subjectPosition', header: '职务', width: 24 },
  { key: 'subjectOrgName', header: '所在单位', width: 24 },
  { key: 'leadOrgName', header: '承办部门', width: 24 },
  { key: 'sector', header: '行业领域', width: 14 },
  { key: 'stage', header: '阶段', width: 14 },
  { key: 'state', header: '状态', width: 18 },
  { key: 'filedOn', header: '立案日期', width: 12 },
  { key: 'trialDue', header: '审理期限', width: 12 },
  { key: 'decisionAnnounceDue', header: '处分宣布期限', width: 14 },
  { key: 'executionReportDue', header: '执行报告期限', width: 14 },
  { key: 'fourForms', header: '四种形态', width: 20 },
  { key: 'flags', header: '到期提醒', width: 24 },
];

function sheetRow(c: CaseListItem): SheetRow {
  return {
    caseNo: c.caseNo,
    title: c.title,
    subjectName: c.subjectName,
    subjectPosition: c.subjectPosition,
    subjectOrgName: c.subjectOrgName,
    leadOrgName: c.leadOrgName,
    sector: c.sectorLabel,
    stage: CASE_STAGE_LABELS[c.stage].zh,
    state: CASE_STATE_LABELS[c.state].zh,
    filedOn: c.filedOn,
    trialDue: c.trialDue,
    decisionAnnounceDue: c.decisionAnnounceDue,
    executionReportDue: c.executionReportDue,
    fourForms: c.fourForms.map((f) => FOUR_FORMS_LABELS[f as FourForm].zh).join('、'),
    flags: c.flags.map((f) => OVERDUE_KIND_LABELS[f].zh).join('、'),
  };
}

/** GET /api/v1/cases/export.xlsx */
export async function exportCases(ctx: Ctx, q: CaseListQuery): Promise<Buffer> {
  const items = await allPages((page, pageSize) => listCases(ctx, { ...q, page, pageSize }, 'export'), MAX_ROWS, 500);
  return exportSheet(ctx, {
    sheet: '案件台账',
    columns: COLUMNS,
    rows: items.map(sheetRow),
    title: '案件台账',
    audit: { type: 'case.exported', objectType: 'case', objectId: ctx.actor.commissionId, payload: { filters: filtersOf(q), rows: items.length } },
  });
}
