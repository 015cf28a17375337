import {
  FINDING_DISPOSITION_LABELS,
  HANDED_OVER_LABELS,
  INSPECTION_STATE_LABELS,
  INSPECTION_TYPE_LABELS,
  SEVERITY_LABELS,
} from '@liandong/domain/inspections/enums';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { finishExport, newWorkbook, watermark, writeSheet } from '../../platform/excel';
import { listInspections } from './service-read';
import { inspectionVisible } from '../visibility';

/*
 * 检查台账 export: one workbook with the campaign's checks and their findings — only what the caller sees
 * (inspectionVisible), watermarked with the exporter and audited.
 */

interface FindingExportRow {
  title: string;
  visit_on: string;
  description: string;
  severity: keyof typeof SEVERITY_LABELS;
  unit_name: string;
  disposition: keyof typeof FINDING_DISPOSITION_LABELS;
  handed_over_type: keyof typeof HANDED_OVER_LABELS | null;
  photos: number;
}

/** GET /campaigns/:id/inspections/export */
export async function exportInspections(ctx: Ctx, campaignId: string): Promise<Buffer> {
  const list = await listInspections(ctx, campaignId);
  const { rows } = await sql<FindingExportRow>`SELECT i.title, to_char(i.visit_on, 'YYYY-MM-DD') AS visit_on, f.description, f.severity,
      o.name_zh AS unit_name, f.disposition, f.handed_over_type,
      (SELECT count(*)::int FROM attachment a WHERE a.owner_type = 'inspection_finding' AND a.owner_id = f.id) AS photos
    FROM inspection_finding f JOIN inspection i ON i.id = f.inspection_id JOIN org o ON o.id = f.unit_org_id
    WHERE i.campaign_id = ${campaignId}::uuid AND ${inspectionVisible(ctx.actor, 'i')}
    ORDER BY i.visit_on DESC, f.created_at`.execute(ctx.db);
  const wb = await newWorkbook();
  const mark = watermark(ctx);
  writeSheet(
    wb,
    '检查台账',
    [
      { key: 'title', header: '检查名称', width: 36 },
      { key: 'type', header: '检查方式', width: 12 },
      { key: 'visitOn', header: '检查日期', width: 12 },
      { key: 'state', header: '状态', width: 10 },
      { key: 'targets', header: '被检查单位', width: 40 },
      { key: 'findings', header: '发现问题数', width: 10 },
    ],
    list.items.map((i) => ({
      title: i.title,
      type: INSPECTION_TYPE_LABELS[i.type].zh,
      visitOn: i.visitOn,
      state: INSPECTION_STATE_LABELS[i.state].zh,
      targets: i.targets.map((t) => t.name).join('、'),
      findings: i.findings,
    })),
    `检查台账 ${mark}`,
  );
  writeSheet(
    wb,
    '发现问题',
    [
      { key: 'title', header: '检查名称', width: 36 },
      { key: 'visitOn', header: '检查日期', width: 12 },
      { key: 'unit', header: '问题所在单位', width: 24 },
      { key: 'description', header: '问题描述', width: 60 },
      { key: 'severity', header: '严重程度', width: 10 },
      { key: 'disposition', header: '处置方式', width: 14 },
      { key: 'handedOver', header: '移交情况', width: 14 },
      { key: 'photos', header: '照片数', width: 8 },
    ],
    rows.map((f) => ({
      title: f.title,
      visitOn: f.visit_on,
      unit: f.unit_name,
      description: f.description,
      severity: SEVERITY_LABELS[f.severity].zh,
      disposition: FINDING_DISPOSITION_LABELS[f.disposition].zh,
      handedOver: f.handed_over_type ? `已移交${HANDED_OVER_LABELS[f.handed_over_type].zh}` : '未移交',
      photos: f.photos,
    })),
    `检查发现问题 ${mark}`,
  );
  return finishExport(ctx, wb, {
    type: 'inspection.exported',
    objectType: 'campaign',
    objectId: campaignId,
    payload: { inspections: list.items.length, findings: rows.length },
  });
}
