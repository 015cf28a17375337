import type { Finding, InspectionDetail, InspectionSummary } from '@liandong/domain/inspections/contracts';
import type { FindingDisposition, HandedOverType, InspectionState, InspectionType, Severity, TeamRole } from '@liandong/domain/inspections/enums';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types';
import { auditRead } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { inspectionActions, mayRecordFindings, type Relations, relationColumns } from './relations';
import { auditSharedReads, campaignVisible, inspectionVisible, plannerOf, type SharedRead, sharedRead } from '../visibility';

/*
 * Reads of checks: a campaign's list, one check with its team, findings, photos and timeline. Every query
 * filters by `inspectionVisible`, so a secret check is absent from the list and its count and a 404 here.
 */

type Q = Kysely<DB>;

interface SummaryRow {
  id: string;
  campaign_id: string;
  type: InspectionType;
  title: string;
  visit_on: string;
  state: InspectionState;
  approved_by: string | null;
  targets: { id: string; name: string }[];
  findings: number;
  version: number;
}

const summarySelect = sql`i.id, i.campaign_id, i.type, i.title, to_char(i.visit_on, 'YYYY-MM-DD') AS visit_on, i.state, i.approved_by, i.version,
  COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name_zh) ORDER BY o.sort_order, o.name_zh)
    FROM inspection_target it JOIN org o ON o.id = it.org_id WHERE it.inspection_id = i.id), '[]'::json) AS targets,
  (SELECT count(*)::int FROM inspection_finding f WHERE f.inspection_id = i.id) AS findings`;

function presentSummary(r: SummaryRow): InspectionSummary {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    type: r.type,
    title: r.title,
    visitOn: r.visit_on,
    state: r.state,
    approved: r.approved_by !== null,
    targets: r.targets,
    findings: r.findings,
    version: r.version,
  };
}

/** The checks of a campaign the caller sees (the campaign itself must be visible or the caller plans/approves in it). */
export async function querySummaries(ctx: Ctx, campaignId: string, db: Q = ctx.db): Promise<SummaryRow[]> {
  const { rows } = await sql<SummaryRow>`SELECT ${summarySelect} FROM inspection i
    WHERE i.campaign_id = ${campaignId}::uuid AND ${inspectionVisible(ctx.actor, 'i')}
    ORDER BY i.visit_on DESC, i.created_at DESC LIMIT 1000`.execute(db);
  return rows;
}

/** GET /campaigns/:id/inspections */
export async function listInspections(ctx: Ctx, campaignId: string) {
  const { rows } = await sql<{ may_plan: boolean }>`SELECT ${plannerOf(ctx.actor, 'c')} AS may_plan FROM campaign c
    WHERE c.id = ${campaignId}::uuid AND (${campaignVisible(ctx.actor, 'c')}
      OR EXISTS (SELECT 1 FROM inspection i WHERE i.campaign_id = c.id AND ${inspectionVisible(ctx.actor, 'i')}))`.execute(ctx.db);
  if (!rows[0]) throw notFound('专项整治');
  const items = (await querySummaries(ctx, campaignId)).map(presentSummary);
  return { items, total: items.length, abilities: { plan: rows[0].may_plan } };
}

interface FindingRow {
  id: string;
  inspection_id: string;
  description: string;
  severity: Severity;
  unit_org_id: string;
  unit_name: string;
  disposition: FindingDisposition;
  handed_over_type: HandedOverType | null;
  handed_over_id: string | null;
  handed_over_at: Date | null;
  created_by: string;
  creator: string;
  created_at: Date;
  version: number;
  photos: { id: string; filename: string; mimeType: string; sizeBytes: number }[];
}

/** Findings of visible checks (one check's, or one finding), with their photo metadata. */
export async function queryFindings(
  ctx: Ctx,
  where: { inspectionId?: string; findingId?: string },
  db: Q = ctx.db,
  opts: { shared?: SharedRead } = {},
): Promise<FindingRow[]> {
  const { rows } = await sql<FindingRow>`SELECT f.id, f.inspection_id, f.description, f.severity, f.unit_org_id, o.name_zh AS unit_name, f.disposition,
      f.handed_over_type, f.handed_over_id, f.handed_over_at, f.created_by, u.display_name AS creator, f.created_at, f.version,
      COALESCE((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename, 'mimeType', a.mime_type, 'sizeBytes', a.size_bytes) ORDER BY a.created_at)
        FROM attachment a WHERE a.owner_type = 'inspection_finding' AND a.owner_id = f.id AND a.commission_id = f.commission_id), '[]'::json) AS photos
    FROM inspection_finding f JOIN inspection i ON i.id = f.inspection_id JOIN org o ON o.id = f.unit_org_id JOIN app_user u ON u.id = f.created_by
    WHERE ${inspectionVisible(ctx.actor, 'i', opts)}
      AND ${where.inspectionId ? sql`f.inspection_id = ${where.inspectionId}::uuid` : sql`true`}
      AND ${where.findingId ? sql`f.id = ${where.findingId}::uuid` : sql`true`}
    ORDER BY f.created_at, f.id`.execute(db);
  return rows;
}

export function presentFinding(f: FindingRow, rel: Relations, state: InspectionState): Finding {
  const editable = state !== 'CANCELLED' && f.handed_over_id === null && mayRecordFindings(rel);
  return {
    id: f.id,
    inspectionId: f.inspection_id,
    description: f.description,
    severity: f.severity,
    unit: { id: f.unit_org_id, name: f.unit_name },
    disposition: f.disposition,
    handedOver:
      f.handed_over_type && f.handed_over_id ? { type: f.handed_over_type, id: f.handed_over_id, at: new Date(f.handed_over_at ?? 0).toISOString() } : null,
    photos: f.photos,
    createdBy: { id: f.created_by, name: f.creator },
    createdAt: new Date(f.created_at).toISOString(),
    version: f.version,
    abilities: { update: editable, handOver: editable && (rel.is_planner || rel.is_team_leader) },
  };
}

interface DetailRow extends SummaryRow, Relations {
  campaign_name: string;
  approved_at: Date | null;
  approver: string | null;
  report: string | null;
  done_on: string | null;
  cancel_reason: string | null;
  created_by: string;
  creator: string;
  created_at: Date;
  team: { userId: string; name: string; orgName: string; role: TeamRole }[];
}

/** The check with the caller's relations to it (404 outside `inspectionVisible`). */
export async function loadDetailRow(ctx: Ctx, id: string, db: Q = ctx.db, opts: { shared?: SharedRead } = {}): Promise<DetailRow> {
  const { rows } = await sql<DetailRow>`SELECT ${summarySelect}, c.name AS campaign_name, i.approved_at, au.display_name AS approver, i.report,
      to_char(i.done_on, 'YYYY-MM-DD') AS done_on, i.cancel_reason, i.created_by, cu.display_name AS creator, i.created_at,
      COALESCE((SELECT json_agg(json_build_object('userId', tu.id, 'name', tu.display_name, 'orgName', tor.name_zh, 'role', tm.role)
          ORDER BY tm.role, tu.display_name)
        FROM inspection_team tm JOIN app_user tu ON tu.id = tm.user_id JOIN org tor ON tor.id = tu.org_id WHERE tm.inspection_id = i.id), '[]'::json) AS team,
      ${relationColumns(ctx.actor)}
    FROM inspection i JOIN campaign c ON c.id = i.campaign_id
      LEFT JOIN app_user au ON au.id = i.approved_by JOIN app_user cu ON cu.id = i.created_by
    WHERE i.id = ${id}::uuid AND ${inspectionVisible(ctx.actor, 'i', opts)}`.execute(db);
  if (!rows[0]) throw notFound('检查');
  return rows[0];
}

/** GET /inspections/:id */
export async function getInspection(ctx: Ctx, id: string, db: Q = ctx.db, opts: { shared?: SharedRead } = {}): Promise<InspectionDetail> {
  const r = await loadDetailRow(ctx, id, db, opts);
  const [findings, events] = await Promise.all([
    queryFindings(ctx, { inspectionId: id }, db, opts),
    sql<{ action: string; to_state: string | null; comment: string | null; actor: string | null; at: Date }>`SELECT e.action, e.to_state, e.comment,
        u.display_name AS actor, e.at FROM inspection_event e LEFT JOIN app_user u ON u.id = e.actor_id
      WHERE e.inspection_id = ${id}::uuid ORDER BY e.at, e.id`.execute(db),
  ]);
  return {
    ...presentSummary(r),
    campaignName: r.campaign_name,
    approvedBy: r.approved_by ? { id: r.approved_by, name: r.approver ?? '' } : null,
    approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
    report: r.report,
    doneOn: r.done_on,
    cancelReason: r.cancel_reason,
    team: r.team,
    createdBy: { id: r.created_by, name: r.creator },
    createdAt: new Date(r.created_at).toISOString(),
    findingList: findings.map((f) => presentFinding(f, r, r.state)),
    events: events.rows.map((e) => ({ action: e.action, toState: e.to_state, comment: e.comment, actor: e.actor, at: new Date(e.at).toISOString() })),
    shared: null,
    abilities: { actions: inspectionActions(r), addFinding: r.state !== 'CANCELLED' && r.visit_on <= todayIso() && mayRecordFindings(r) },
  };
}

/**
 * A check the caller reads only under 信息互通 grants (日常监督): read-only, audited per grant; a summary
 * grant withholds the report, the team, the findings and the timeline.
 */
async function sharedView(ctx: Ctx, d: InspectionDetail): Promise<InspectionDetail> {
  const grants = (await auditSharedReads(ctx, 'INSPECTION', [d.id], (o) => inspectionVisible(ctx.actor, o), 'detail')).get(d.id);
  if (!grants) return d;
  const full = grants.some((g) => g.detail === 'FULL');
  const readOnly = {
    ...d,
    findingList: d.findingList.map((f) => ({ ...f, abilities: { update: false, handOver: false } })),
    shared: { shareIds: grants.map((g) => g.shareId), detail: full ? ('FULL' as const) : ('SUMMARY' as const) },
    abilities: { actions: [], addFinding: false },
  };
  return full ? readOnly : { ...readOnly, report: null, team: [], findingList: [], events: [] };
}

/**
 * GET /inspections/:id for the caller: the detail, and the read recorded (inspection.read). A plan still
 * ahead of its visit date is secret (四不两直): `secret` marks a read of it, so the trail shows who knew
 * where and when the team would go. The write paths present the detail through `getInspection`.
 */
export async function readInspection(ctx: Ctx, id: string): Promise<InspectionDetail> {
  const detail = await sharedView(ctx, await getInspection(ctx, id, ctx.db, { shared: await sharedRead(ctx) }));
  await auditRead(ctx, {
    type: 'inspection.read',
    objectType: 'inspection',
    objectId: id,
    payload: { campaignId: detail.campaignId, type: detail.type, state: detail.state, secret: detail.visitOn > todayIso() },
  });
  return detail;
}
