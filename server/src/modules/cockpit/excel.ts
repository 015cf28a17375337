import {
  COCKPIT_AREA_LABELS,
  COCKPIT_DIMENSION_LABELS,
  COCKPIT_METRIC_AREA,
  COCKPIT_METRIC_LABELS,
  COCKPIT_METRICS,
  type Cockpit,
  type CockpitCells,
  type CockpitQuery,
} from '@liandong/domain/cockpit/contracts';
import type { Ctx } from '../../platform/context';
import { type Column, finishExport, newWorkbook, type SheetRow, watermark, writeSheet } from '../../platform/excel';
import { cockpitOf } from './cache';

/*
 * Excel of the 监督质效 cockpit: the table of the chosen dimension with its 合计 row (the figures the screen
 * shows, the caller's scope), and the monthly series; landscape A4, headers repeated (platform printSetup),
 * watermark "导出人 … 导出时间 …" on row 1, the export audited with its parameters.
 */

const columnsOf = (c: Cockpit): Column[] => [
  { key: 'name', header: COCKPIT_DIMENSION_LABELS[c.dimension].zh, width: 24 },
  ...COCKPIT_METRICS.map((m) => ({ key: m, header: `${COCKPIT_AREA_LABELS[COCKPIT_METRIC_AREA[m]].zh}·${COCKPIT_METRIC_LABELS[m].zh}`, width: 12 })),
];

const rowOf = (name: string, cells: CockpitCells): SheetRow => {
  const r: SheetRow = { name };
  for (const m of COCKPIT_METRICS) r[m] = cells[m].value;
  return r;
};

/** The cockpit's figures as a workbook (already audited). */
export async function exportCockpitExcel(ctx: Ctx, q: CockpitQuery): Promise<Buffer> {
  const c = await cockpitOf(ctx, q);
  const wb = await newWorkbook();
  const title = `${c.year}年监督质效汇总（按${COCKPIT_DIMENSION_LABELS[c.dimension].zh}）`;
  const rows = [...c.rows.map((r) => rowOf(r.name, r.cells)), rowOf('合计', c.total)];
  const ws = writeSheet(wb, '监督质效汇总', columnsOf(c), rows, `${title} ${watermark(ctx)}`);
  ws.pageSetup.orientation = 'landscape';
  ws.pageSetup.fitToPage = true;
  ws.pageSetup.fitToWidth = 1;
  ws.pageSetup.fitToHeight = 0;
  ws.getRow(rows.length + 2).font = { bold: true };
  const months = Array.from({ length: 12 }, (_, i) => ({ key: `m${i + 1}`, header: `${i + 1}月`, width: 8 }));
  const seriesRows: SheetRow[] = c.series.map((s) => {
    const r: SheetRow = { name: s.label, total: s.values.reduce((a, b) => a + b, 0) };
    s.values.forEach((v, i) => {
      r[`m${i + 1}`] = v;
    });
    return r;
  });
  writeSheet(
    wb,
    '月度走势',
    [{ key: 'name', header: '指标', width: 18 }, ...months, { key: 'total', header: '全年', width: 10 }],
    seriesRows,
    `${c.year}年月度走势 ${watermark(ctx)}`,
  );
  return finishExport(ctx, wb, {
    type: 'cockpit.exported',
    objectType: 'commission',
    objectId: ctx.actor.commissionId,
    payload: { year: c.year, dimension: c.dimension, orgId: c.orgId, sector: c.sector, rows: c.rows.length },
  });
}
