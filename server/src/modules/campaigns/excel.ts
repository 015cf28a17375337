import type { CampaignQuery } from '@liandong/domain/campaigns/contracts';
import {
  CAMPAIGN_DOMAIN_LABELS,
  CAMPAIGN_STATE_LABELS,
  PARTICIPANT_KIND_LABELS,
  PLAN_APPROVAL_LABELS,
  type ParticipantKind,
} from '@liandong/domain/campaigns/enums';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { allPages, type Column, filtersOf, finishExport, newWorkbook, type SheetRow, watermark, writeSheet } from '../../platform/excel';
import { listCampaigns } from './read';

/*
 * Excel of the 专项整治台账: the register's own query, filters and visibility, page by page; a second
 * sheet lists every participant with its 分工. Row 1 of each sheet carries the watermark "导出人 … 导出时间
 * …"; the export is audited with the filters and the row count.
 */

const MAX_ROWS = 5_000;
const PAGE = 100;

const COLUMNS: Column[] = [
  { key: 'no', header: '序号', width: 6 },
  { key: 'name', header: '专项整治名称', width: 36 },
  { key: 'year', header: '年度', width: 8 },
  { key: 'domain', header: '整治领域', width: 12 },
  { key: 'lead', header: '牵头部门', width: 20 },
  { key: 'offices', header: '参与监督检查室', width: 28 },
  { key: 'groups', header: '参与派驻纪检监察组', width: 36 },
  { key: 'counties', header: '参与县区纪委监委', width: 28 },
  { key: 'departments', header: '协同职能部门', width: 28 },
  { key: 'state', header: '阶段', width: 14 },
  { key: 'approval', header: '方案审批', width: 30 },
  { key: 'startsOn', header: '开始日期', width: 12 },
  { key: 'endsOn', header: '结束日期', width: 12 },
];

const DIVISION_COLUMNS: Column[] = [
  { key: 'no', header: '序号', width: 6 },
  { key: 'campaign', header: '专项整治名称', width: 36 },
  { key: 'kind', header: '参与单位类别', width: 16 },
  { key: 'org', header: '参与单位', width: 30 },
  { key: 'division', header: '分工', width: 60 },
];

/** GET /api/v1/campaigns/export.xlsx */
export async function exportCampaigns(ctx: Ctx, q: CampaignQuery): Promise<Buffer> {
  const items = await allPages((page, pageSize) => listCampaigns(ctx, { ...q, page, pageSize }), MAX_ROWS, PAGE);
  const ids = items.map((c) => c.id);
  const { rows: parts } = ids.length
    ? await sql<{ campaign_id: string; kind: ParticipantKind; org: string; division: string }>`SELECT cp.campaign_id, cp.kind, o.name_zh AS org, cp.division
        FROM campaign_participant cp JOIN org o ON o.id = cp.org_id WHERE cp.campaign_id = ANY(${ids}::uuid[])
        ORDER BY array_position(ARRAY['OFFICE','GROUP','COUNTY','DEPARTMENT'], cp.kind), o.sort_order, o.name_zh`.execute(ctx.db)
    : { rows: [] };
  const { rows: approvals } = ids.length
    ? await sql<{ id: string; on: string | null; ref: string | null }>`SELECT id, plan_approved_on AS on, plan_decision_ref AS ref
        FROM campaign WHERE id = ANY(${ids}::uuid[])`.execute(ctx.db)
    : { rows: [] };
  const approvalOf = new Map(approvals.map((a) => [a.id, a]));
  const names = (id: string, kind: ParticipantKind) =>
    parts
      .filter((p) => p.campaign_id === id && p.kind === kind)
      .map((p) => p.org)
      .join('、');
  const rows: SheetRow[] = items.map((c, i) => {
    const a = approvalOf.get(c.id);
    return {
      no: i + 1,
      name: c.name,
      year: c.year,
      domain: CAMPAIGN_DOMAIN_LABELS[c.domain].zh,
      lead: c.leadOrgName,
      offices: names(c.id, 'OFFICE'),
      groups: names(c.id, 'GROUP'),
      counties: names(c.id, 'COUNTY'),
      departments: names(c.id, 'DEPARTMENT'),
      state: CAMPAIGN_STATE_LABELS[c.state].zh,
      approval: c.planApproval ? [PLAN_APPROVAL_LABELS[c.planApproval].zh, a?.ref, a?.on].filter(Boolean).join('，') : '待审批',
      startsOn: c.startsOn,
      endsOn: c.endsOn,
    };
  });
  const nameOf = new Map(items.map((c) => [c.id, c.name]));
  const order = new Map(ids.map((id, i) => [id, i]));
  const divisions: SheetRow[] = [...parts]
    .sort((x, y) => (order.get(x.campaign_id) ?? 0) - (order.get(y.campaign_id) ?? 0))
    .map((p, i) => ({ no: i + 1, campaign: nameOf.get(p.campaign_id) ?? '', kind: PARTICIPANT_KIND_LABELS[p.kind].zh, org: p.org, division: p.division }));
  const wb = await newWorkbook();
  writeSheet(wb, '专项整治台账', COLUMNS, rows, `专项整治台账 ${watermark(ctx)}`);
  writeSheet(wb, '参与单位与分工', DIVISION_COLUMNS, divisions, `参与单位与分工 ${watermark(ctx)}`);
  return finishExport(ctx, wb, {
    type: 'campaign.exported',
    objectType: 'campaign',
    objectId: ctx.actor.commissionId,
    payload: { filters: filtersOf(q), rows: rows.length },
  });
}
