import type { Ctx } from '../../platform/context';
import { type Column, finishExport, newWorkbook, type SheetRow, watermark, writeSheet } from '../../platform/excel';
import { listCampaignRules } from './rules';
import { getCampaignKpis, getCampaignSeries } from './service';

/*
 * Excel of the cockpit (issue 10 "Excel export of every ledger"): the figures table (one row per figure,
 * plus a sheet of the monthly series) and the 建章立制 register; watermark line, audited.
 */

const UNIT: Record<string, string> = { COUNT: '件', PERSON: '人', YUAN: '元', PERCENT: '%' };

/** GET /api/v1/campaigns/:id/kpis/export.xlsx */
export async function exportCampaignKpis(ctx: Ctx, campaignId: string): Promise<Buffer> {
  const k = await getCampaignKpis(ctx, campaignId);
  const s = await getCampaignSeries(ctx, campaignId, {});
  const wb = await newWorkbook();
  const columns: Column[] = [
    { key: 'group', header: '类别', width: 22 },
    { key: 'figure', header: '指标', width: 26 },
    { key: 'value', header: '数值', width: 14 },
    { key: 'unit', header: '单位', width: 8 },
  ];
  const rows: SheetRow[] = k.groups.flatMap((g) => g.figures.map((f) => ({ group: g.label, figure: f.label, value: f.value, unit: UNIT[f.unit] ?? '' })));
  writeSheet(wb, '成效指标', columns, rows, `专项整治成效指标（截至${k.asOf}） ${watermark(ctx)}`);
  const seriesColumns: Column[] = [{ key: 'figure', header: '指标', width: 22 }, ...s.months.map((m) => ({ key: m, header: m, width: 10 }))];
  const seriesRows: SheetRow[] = s.series.map((x) => ({ figure: x.label, ...Object.fromEntries(s.months.map((m, i) => [m, x.values[i] ?? 0])) }));
  writeSheet(wb, '按月', seriesColumns, seriesRows, `专项整治成效指标（按月新增） ${watermark(ctx)}`);
  return finishExport(ctx, wb, { type: 'campaign.kpis_exported', objectType: 'campaign', objectId: campaignId, payload: { figures: rows.length } });
}

/** GET /api/v1/campaigns/:id/rules/export.xlsx */
export async function exportCampaignRules(ctx: Ctx, campaignId: string): Promise<Buffer> {
  const list = await listCampaignRules(ctx, campaignId);
  const wb = await newWorkbook();
  const columns: Column[] = [
    { key: 'no', header: '序号', width: 6 },
    { key: 'unit', header: '制定单位', width: 28 },
    { key: 'title', header: '制度名称', width: 48 },
    { key: 'issuedOn', header: '印发日期', width: 12 },
    { key: 'file', header: '附件', width: 28 },
  ];
  const rows: SheetRow[] = list.items.map((r, i) => ({
    no: i + 1,
    unit: r.unit.name,
    title: r.title,
    issuedOn: r.issuedOn,
    file: r.attachment?.filename ?? '',
  }));
  writeSheet(wb, '建章立制', columns, rows, `建章立制台账 ${watermark(ctx)}`);
  return finishExport(ctx, wb, { type: 'campaign.rules_exported', objectType: 'campaign', objectId: campaignId, payload: { rows: rows.length } });
}
