import type { AuditSearchQuery } from '@liandong/domain/audit/contracts';
import type { AuditEvent, AuditVerifyResult } from '@liandong/domain/platform/audit';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { readAnchors } from './anchors';
import { verifyChains } from './chain';

/** 安全审计 — the audit administrator searches the commission's trail and verifies the hash chain. Both are audited themselves. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A bare day is read in China Standard Time (the commission's day, not the server's). */
const CST = '+08:00';

function instant(value: string, endOfDay: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = new Date(`${value}T00:00:00${CST}`);
    return endOfDay ? new Date(start.getTime() + 86_400_000) : start;
  }
  return new Date(value);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchAuditEvents(ctx: Ctx, q: AuditSearchQuery): Promise<{ items: AuditEvent[]; nextBefore: number | null }> {
  let query = ctx.db.selectFrom('audit_event').selectAll().where('commission_id', '=', ctx.actor.commissionId);
  if (q.actor) {
    const actor = q.actor;
    if (UUID.test(actor)) query = query.where('actor_id', '=', actor);
    else {
      query = query.where((eb) =>
        eb.or([
          eb('actor_name', 'ilike', `%${escapeLike(actor)}%`),
          eb(
            'actor_id',
            'in',
            eb
              .selectFrom('app_user as au')
              .select('au.id')
              .where('au.username', '=', actor.toLowerCase())
              .where('au.commission_id', '=', ctx.actor.commissionId),
          ),
        ]),
      );
    }
  }
  if (q.type) query = q.type.endsWith('.') ? query.where('type', 'like', `${escapeLike(q.type)}%`) : query.where('type', '=', q.type);
  if (q.objectType) query = query.where('object_type', '=', q.objectType);
  if (q.objectId) query = query.where('object_id', '=', q.objectId);
  if (q.from) query = query.where('at', '>=', instant(q.from, false));
  if (q.to) query = query.where('at', /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? '<' : '<=', instant(q.to, true));
  if (q.before) query = query.where('id', '<', q.before);
  const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
  const items = rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    type: r.type,
    objectType: r.object_type,
    objectId: r.object_id,
    payload: (r.payload ?? {}) as Record<string, unknown>,
    requestId: r.request_id,
    ip: r.ip,
    hash: r.hash,
  }));
  const nextBefore = rows.length === q.limit ? rows[rows.length - 1]!.id : null;
  const { limit, ...filters } = q;
  await ctx.db
    .transaction()
    .execute((trx) => audit(trx, ctx, { type: 'audit.searched', objectType: 'audit', payload: { filters, limit, returned: items.length } }));
  return { items, nextBefore };
}

/**
 * Verifies the caller's commission chain with the audit key against its signed checkpoints and the latest
 * anchor in DATA_DIR/audit-anchors.jsonl; names each break and its kind (changed, inserted, deleted,
 * truncated). Anchor lines whose signature fails are reported too: the anchor file is evidence.
 */
export async function verifyChain(ctx: Ctx): Promise<AuditVerifyResult> {
  const key = ctx.config.keys.auditKey;
  const { anchors, invalid } = readAnchors(ctx.config.dataDir, key);
  const result = await verifyChains(ctx.db, key, anchors, ctx.actor.commissionId);
  const broken = [
    ...result.broken.map(({ id, kind, reason }) => ({ id, kind, reason })),
    ...invalid.map((line) => ({ id: 0, kind: 'anchor' as const, reason: `锚点文件第 ${line} 行签名无效（被篡改或密钥不同）` })),
  ];
  const mine = result.commissions[0];
  const out: AuditVerifyResult = {
    ok: broken.length === 0,
    checked: result.checked,
    broken,
    chain: mine ? { lastId: mine.lastId, count: mine.count, anchor: mine.anchor } : null,
  };
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx, {
      type: 'audit.verified',
      objectType: 'audit',
      payload: { ok: out.ok, checked: out.checked, broken: broken.map((b) => ({ id: b.id, kind: b.kind })) },
    }),
  );
  return out;
}
