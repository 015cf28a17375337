import type { ProblemQuery, ProblemSummary } from '@liandong/domain/problems/contracts';
import { PROBLEM_STATE_LABELS } from '@liandong/domain/problems/contracts';
import type { Ctx } from '../../platform/context';
import { allPages, type Column, exportSheet, filtersOf, type SheetRow } from '../../platform/excel';
import { listProblems } from './service';

/** Excel of the problem register: the ledger's own query and visibility, watermarked, audited. */

const COLUMNS: Column[] = [
  { key: 'no', header: '序号', width: 6 },
  { key: 'title', header: '问题', width: 40 },
  { key: 'sector', header: '行业领域', width: 14 },
  { key: 'type', header: '问题类型', width: 14 },
  { key: 'state', header: '状态', width: 10 },
  { key: 'owner', header: '牵头部门', width: 22 },
  { key: 'units', header: '涉及单位', width: 36 },
  { key: 'evidence', header: '证据数', width: 8 },
  { key: 'createdAt', header: '登记日期', width: 12 },
];

function row(p: ProblemSummary, i: number): SheetRow {
  return {
    no: i + 1,
    title: p.title,
    sector: p.sectorLabel,
    type: p.typeLabel,
    state: PROBLEM_STATE_LABELS[p.state].zh,
    owner: p.ownerOrg.name,
    units: p.units.map((u) => u.name).join('、'),
    evidence: p.evidenceCount,
    createdAt: p.createdAt.slice(0, 10),
  };
}

/** GET /api/v1/problems/export.xlsx */
export async function exportProblems(ctx: Ctx, q: ProblemQuery): Promise<Buffer> {
  const items = await allPages((page, pageSize) => listProblems(ctx, { ...q, page, pageSize }), 20_000, 100);
  const rows = items.map(row);
  return exportSheet(ctx, {
    sheet: '问题台账',
    columns: COLUMNS,
    rows,
    title: '行业性系统性问题台账',
    audit: { type: 'problem.exported', objectType: 'problem', payload: { filters: filtersOf(q), rows: rows.length } },
  });
}
