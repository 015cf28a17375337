import { LIGHT_LABELS } from '@liandong/domain/supervision/enums';
import type { SlotQuery } from '@liandong/domain/work-reports/contracts';
import { CADENCE_LABELS, REPORT_STATE_LABELS, REPORTER_KIND_LABELS } from '@liandong/domain/work-reports/enums';
import { periodLabel } from '@liandong/domain/work-reports/periods';
import type { Ctx } from '../../platform/context';
import { exportSheet } from '../../platform/excel';
import { slotFilter, slotRows } from './service-slots';

/*
 * Excel export of the reporting calendar (汇报计划台账, issue 11): the calendar's filters and visibility,
 * watermarked with the exporter and audited (platform/excel.ts). A report title shows only where the
 * exporter may read the report. At most 5,000 rows.
 */

const MAX_ROWS = 5000;

/** GET /report-slots/export.xlsx */
export async function exportSlots(ctx: Ctx, q: SlotQuery): Promise<Buffer> {
  const rows = await slotRows(ctx, slotFilter(ctx, q), { limit: MAX_ROWS, offset: 0 });
  return exportSheet(ctx, {
    sheet: '汇报计划台账',
    title: '向常委会汇报工作计划台账',
    columns: [
      { key: 'light', header: '汇报灯', width: 8 },
      { key: 'org', header: '汇报单位', width: 30 },
      { key: 'kind', header: '类别', width: 16 },
      { key: 'cadence', header: '汇报周期', width: 10 },
      { key: 'period', header: '汇报期间', width: 16 },
      { key: 'dueOn', header: '报送期限', width: 12 },
      { key: 'state', header: '报告状态', width: 10 },
      { key: 'title', header: '报告标题', width: 40 },
    ],
    rows: rows.map((r) => ({
      light: LIGHT_LABELS[r.light].zh,
      org: r.reporter_name,
      kind: REPORTER_KIND_LABELS[r.reporter_kind].zh,
      cadence: CADENCE_LABELS[r.cadence].zh,
      period: periodLabel(r.cadence, r.period_start),
      dueOn: r.due_on,
      state: r.report_state ? REPORT_STATE_LABELS[r.report_state].zh : '未起草',
      title: r.report_title ?? '',
    })),
    audit: {
      type: 'report.exported',
      objectType: 'report_slot',
      payload: { rows: rows.length, year: q.year ?? null, kind: q.kind ?? null, light: q.light ?? null },
    },
  });
}
