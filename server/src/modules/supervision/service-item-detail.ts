import type { ItemDetail } from '@liandong/domain/supervision/contracts';
import type { ItemState } from '@liandong/domain/supervision/machine';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { fileOwnVisible } from '../../platform/attachments/evidence';
import { auditSharedReads, sharedRead } from '../visibility';
import { itemVisible } from './repo';
import { presentItemById } from './service-items';

/** The item as `i` with its list `l` (what itemVisible reads), and its owner columns as `o` (the grant check). */
const ITEM_JOIN = sql`supervision_item i JOIN supervision_list l ON l.id = i.list_id
  CROSS JOIN LATERAL (SELECT i.id, i.lead_org_id, i.assist_org_id) o`;

/**
 * GET /supervision/items/:id — the item with its timeline, progress reports and findings. A report names
 * only the files the reader may open themselves (their 密级, 知悉范围 and recusal).
 */
export async function getItem(ctx: Ctx, id: string): Promise<ItemDetail> {
  const item = await presentItemById(ctx, id, ctx.db, { shared: await sharedRead(ctx) });
  // Opened under 信息互通 grants only: read-only; a summary grant withholds progress, findings and timeline.
  const grants = (await auditSharedReads(ctx, 'SUPERVISION_ITEM', [id], () => itemVisible(ctx.actor), 'detail', ITEM_JOIN)).get(id);
  if (grants) {
    const full = grants.some((g) => g.detail === 'FULL');
    const shared = { shareIds: grants.map((g) => g.shareId), detail: full ? ('FULL' as const) : ('SUMMARY' as const) };
    const readOnly = { ...item, abilities: Object.fromEntries(Object.keys(item.abilities).map((k) => [k, false])) as ItemDetail['abilities'] };
    if (!full) return { ...readOnly, events: [], progress: [], findings: [], shared };
    return { ...(await itemRecord(ctx, id)), ...readOnly, shared };
  }
  return { ...(await itemRecord(ctx, id)), ...item, shared: null };
}

/** The item's timeline, progress reports and findings. */
async function itemRecord(ctx: Ctx, id: string): Promise<Pick<ItemDetail, 'events' | 'progress' | 'findings'>> {
  const [events, progress, findings] = await Promise.all([
    sql<{
      id: number;
      action: string;
      from_state: ItemState | null;
      to_state: ItemState;
      comment: string | null;
      actor_id: string | null;
      actor_name: string | null;
      at: Date;
    }>`
      SELECT e.id, e.action, e.from_state, e.to_state, e.comment, e.actor_id, u.display_name AS actor_name, e.at
      FROM supervision_item_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.item_id = ${id}::uuid ORDER BY e.id`.execute(ctx.db),
    sql<{
      id: string;
      period: string | null;
      content: string;
      attachments: { id: string; filename: string }[];
      reported_by: string | null;
      reporter: string | null;
      reported_at: Date;
    }>`
      SELECT p.id, p.period, p.content, p.reported_by, u.display_name AS reporter, p.reported_at,
        COALESCE((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename) ORDER BY array_position(p.attachment_ids, a.id))
          FROM attachment a WHERE a.id = ANY(p.attachment_ids) AND ${fileOwnVisible(ctx.actor)}), '[]'::json) AS attachments
      FROM item_progress p LEFT JOIN app_user u ON u.id = p.reported_by WHERE p.item_id = ${id}::uuid ORDER BY p.reported_at DESC, p.id`.execute(ctx.db),
    sql<{
      id: string;
      description: string;
      disposition: string;
      host_unit_id: string | null;
      host_unit_name: string | null;
      handed_over_type: string | null;
      handed_over_id: string | null;
      handed_over_at: Date | null;
      created_by: string | null;
      creator: string | null;
      created_at: Date;
    }>`
      SELECT f.id, f.description, f.disposition, f.host_unit_id, h.name_zh AS host_unit_name, f.handed_over_type, f.handed_over_id,
        f.handed_over_at, f.created_by, u.display_name AS creator, f.created_at
      FROM supervision_finding f LEFT JOIN org h ON h.id = f.host_unit_id LEFT JOIN app_user u ON u.id = f.created_by
      WHERE f.item_id = ${id}::uuid ORDER BY f.created_at, f.id`.execute(ctx.db),
  ]);
  return {
    events: events.rows.map((e) => ({
      id: e.id,
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      comment: e.comment,
      actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
      at: new Date(e.at).toISOString(),
    })),
    progress: progress.rows.map((p) => ({
      id: p.id,
      period: p.period,
      content: p.content,
      attachments: p.attachments,
      reportedBy: { id: p.reported_by ?? '', name: p.reporter ?? '' },
      reportedAt: new Date(p.reported_at).toISOString(),
    })),
    findings: findings.rows.map((f) => ({
      id: f.id,
      description: f.description,
      disposition: f.disposition as ItemDetail['findings'][number]['disposition'],
      hostUnit: f.host_unit_id ? { id: f.host_unit_id, name: f.host_unit_name ?? '' } : null,
      handedOver:
        f.handed_over_type && f.handed_over_id && f.handed_over_at
          ? { type: f.handed_over_type, id: f.handed_over_id, at: new Date(f.handed_over_at).toISOString() }
          : null,
      createdBy: { id: f.created_by ?? '', name: f.creator ?? '' },
      createdAt: new Date(f.created_at).toISOString(),
    })),
  };
}
