import type {
  ShareActionBody,
  ShareCreateBody,
  ShareDetailResponse,
  SharedObjectsPage,
  SharePage,
  ShareQuery,
  ShareSummary,
} from '@liandong/domain/shares/contracts';
import { SHARE_KIND_OBJECT_TYPES, type ShareKind } from '@liandong/domain/shares/enums';
import { SHARE_MACHINE } from '@liandong/domain/shares/machine';
import { type RawBuilder, sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import { audit, auditRead, refs } from '../../platform/audit';
import { type Ctx, inTx } from '../../platform/context';
import { forbidden, notFound, validation } from '../../platform/errors';
import { notify } from '../../platform/inbox';
import { transition } from '../../platform/workflow';
import { approvesFor, SHARE_ROLES, shareRoles, shareVisible } from './access';
import { candidates, namedObjects, sharedObjects, unnameable } from './objects';
import { approversOf, findShare, presentShare, SHARE_FROM, type ShareRow, shareSelect } from './repo';
import { shareWorkflow } from './workflow';

/*
 * 信息互通 (issue 11): start a request or a push, decide it through the kernel, list the four boxes, read
 * one share, and read what an approved share opens (audited per grant). Everything a caller may not see
 * answers 404.
 */

/** Orgs that take part in sharing: the offices, dispatched groups and county-level commissions of the commission. */
const SHARE_ORG_KINDS = ['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'];

export async function shareOrgs(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('org')
    .select(['id', 'name_zh as name', 'kind'])
    .where('commission_id', '=', ctx.actor.commissionId)
    .where('kind', 'in', SHARE_ORG_KINDS)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', sql<string>`current_date`)]))
    .orderBy('kind')
    .orderBy('sort_order')
    .orderBy('name_zh')
    .execute();
  return { items: rows };
}

function boxFilter(ctx: Ctx, box: ShareQuery['box']): RawBuilder<boolean> {
  const org = sql`${ctx.actor.orgId}::uuid`;
  switch (box) {
    case 'mine':
      return sql<boolean>`s.started_org_id = ${org}`;
    case 'toApprove':
      return sql<boolean>`(s.state = 'PENDING' AND s.started_by <> ${ctx.actor.userId}::uuid AND ${approvesFor(ctx.actor, sql.ref('s.owner_org_id'))})`;
    case 'grantedToMe':
      return sql<boolean>`(s.grantee_org_id = ${org} AND s.state IN ('APPROVED', 'REVOKED'))`;
    case 'grantedByMe':
      return sql<boolean>`(s.owner_org_id = ${org} AND s.state IN ('APPROVED', 'REVOKED'))`;
  }
}

async function pageOf(ctx: Ctx, q: ShareQuery, limit: number, offset: number): Promise<{ items: ShareSummary[]; total: number }> {
  const where = [sql<boolean>`s.commission_id = ${ctx.actor.commissionId}::uuid`, shareVisible(ctx.actor, 's'), boxFilter(ctx, q.box)];
  if (q.kind) where.push(sql<boolean>`s.kind = ${q.kind}`);
  if (q.state) where.push(sql<boolean>`s.state = ${q.state}`);
  const filter = sql.join(where, sql` AND `);
  const [rows, count] = await Promise.all([
    sql<ShareRow>`SELECT ${shareSelect(ctx.actor)} FROM ${SHARE_FROM} WHERE ${filter}
      ORDER BY s.created_at DESC, s.id LIMIT ${limit} OFFSET ${offset}`.execute(ctx.db),
    sql<{ total: number }>`SELECT count(*)::int AS total FROM information_share s WHERE ${filter}`.execute(ctx.db),
  ]);
  return { items: rows.rows.map(presentShare), total: count.rows[0]?.total ?? 0 };
}

/** GET /shares — one of the four boxes, with the count of shares waiting for the caller's approval. */
export async function listShares(ctx: Ctx, q: ShareQuery): Promise<SharePage> {
  const [page, waiting] = await Promise.all([
    pageOf(ctx, q, q.pageSize, (q.page - 1) * q.pageSize),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM information_share s WHERE s.commission_id = ${ctx.actor.commissionId}::uuid
      AND ${boxFilter(ctx, 'toApprove')}`.execute(ctx.db),
  ]);
  return { ...page, toApprove: waiting.rows[0]?.n ?? 0, abilities: { create: hasAnyRole(ctx.actor, SHARE_ROLES) } };
}

/** Rows of a box for the export (up to 5,000). */
export function exportRows(ctx: Ctx, q: ShareQuery) {
  return pageOf(ctx, q, 5000, 0);
}

/** The caller is on the receiving side only (not the owner side, not an approver), whoever started it. */
function granteeOnly(ctx: Ctx, row: ShareRow): boolean {
  return row.grantee_org_id === ctx.actor.orgId && row.owner_org_id !== ctx.actor.orgId && !row.approver;
}

/** GET /shares/:id */
export async function getShare(ctx: Ctx, id: string): Promise<ShareDetailResponse> {
  const row = await findShare(ctx.db, ctx.actor, id, false);
  if (!row) throw notFound('信息共享');
  // The receiving side learns what was shared only while the grant is in force (a title is information too).
  const hideObjects = granteeOnly(ctx, row) && row.effect !== 'ACTIVE';
  const [objects, timeline] = await Promise.all([
    hideObjects ? Promise.resolve([]) : namedObjects(ctx.db, id),
    sql<{ action: string; from_state: string | null; to_state: string | null; comment: string | null; actor: string | null; at: Date }>`
      SELECT e.action, e.from_state, e.to_state, e.comment, u.display_name AS actor, e.at FROM information_share_event e
        LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.share_id = ${id}::uuid ORDER BY e.at, e.id`.execute(ctx.db),
  ]);
  const roles = shareRoles(ctx.actor, row);
  if (row.started_by === ctx.actor.userId) roles.delete('APPROVER');
  return {
    ...presentShare(row),
    objects,
    decisionComment: row.decision_comment,
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
    revokeReason: row.revoke_reason,
    timeline: timeline.rows.map((e) => ({
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      comment: e.comment,
      actor: e.actor,
      at: e.at.toISOString(),
    })),
    abilities: { actions: SHARE_MACHINE.abilities(row.state, roles) },
  };
}

async function orgOfCommission(ctx: Ctx, id: string, path: string) {
  const org = await ctx.db
    .selectFrom('org')
    .select(['id', 'name_zh'])
    .where('id', '=', id)
    .where('commission_id', '=', ctx.actor.commissionId)
    .where('kind', 'in', SHARE_ORG_KINDS)
    .executeTakeFirst();
  if (!org) throw validation([{ path, message: '请选择本机关的室、派驻组或县区纪委监委' }]);
  return org;
}

/** POST /shares — a request (the caller's org asks the owner) or a push (the caller's org offers its own). */
export async function createShare(ctx: Ctx, b: ShareCreateBody): Promise<ShareDetailResponse> {
  if (!hasAnyRole(ctx.actor, SHARE_ROLES)) throw forbidden('无权发起信息共享');
  const today = (await sql<{ d: string }>`SELECT to_char(current_date, 'YYYY-MM-DD') AS d`.execute(ctx.db)).rows[0]!.d;
  if (b.startsOn < today) throw validation([{ path: 'startsOn', message: '开始日期不得早于今天' }]);
  const ownerOrgId = b.origin === 'REQUEST' ? b.ownerOrgId! : ctx.actor.orgId;
  const granteeOrgId = b.origin === 'REQUEST' ? ctx.actor.orgId : b.granteeOrgId!;
  if (ownerOrgId === granteeOrgId) {
    throw validation([{ path: b.origin === 'REQUEST' ? 'ownerOrgId' : 'granteeOrgId', message: '不能与本单位共享' }]);
  }
  await orgOfCommission(ctx, ownerOrgId, b.origin === 'REQUEST' ? 'ownerOrgId' : 'ownerOrgId');
  await orgOfCommission(ctx, granteeOrgId, b.origin === 'REQUEST' ? 'granteeOrgId' : 'granteeOrgId');
  if (b.objects) {
    const bad = await unnameable(ctx.db, ctx.actor, b.kind, ownerOrgId, b.objects);
    if (bad.length) throw validation(bad.map((i) => ({ path: `objects.${i}.id`, message: '该事项不属于本单位或无权共享' })));
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const s = await trx
      .insertInto('information_share')
      .values({
        commission_id: ctx.actor.commissionId,
        origin: b.origin,
        kind: b.kind,
        owner_org_id: ownerOrgId,
        grantee_org_id: granteeOrgId,
        started_by: ctx.actor.userId,
        started_org_id: ctx.actor.orgId,
        purpose: b.purpose,
        detail: b.detail,
        starts_on: b.startsOn,
        ends_on: b.endsOn,
        category_types: b.categoryTypes ?? [],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (b.objects) {
      await trx
        .insertInto('information_share_object')
        .values(b.objects.map((o) => ({ share_id: s.id, object_type: o.type, object_id: o.id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await trx
      .insertInto('information_share_event')
      .values({ commission_id: ctx.actor.commissionId, share_id: s.id, action: 'create', to_state: 'PENDING', actor_id: ctx.actor.userId, comment: b.purpose })
      .execute();
    await audit(trx, ctx, {
      type: 'share.created',
      objectType: 'information_share',
      objectId: s.id,
      payload: refs({ origin: b.origin, kind: b.kind, ownerOrgId, granteeOrgId, objects: b.objects?.length ?? 0, categoryTypes: b.categoryTypes ?? [] }),
    });
    const approvers = (await approversOf(trx, ctx.actor.commissionId, ownerOrgId)).filter((u) => u !== ctx.actor.userId);
    for (const userId of approvers) {
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId,
        kind: 'share',
        title: `信息共享待审批：${b.origin === 'REQUEST' ? '申请共享' : '主动推送'}`,
        body: b.purpose.slice(0, 120),
        link: `/shares/${s.id}`,
        dedupeKey: `share:${s.id}:pending`,
      });
    }
    return s.id;
  });
  return getShare(ctx, id);
}

/** POST /shares/:id/actions */
export async function actOnShare(ctx: Ctx, id: string, b: ShareActionBody): Promise<ShareDetailResponse> {
  await ctx.db.transaction().execute((trx) =>
    transition(inTx(ctx, trx), shareWorkflow, id, {
      action: b.action,
      version: b.version,
      comment: b.comment,
      objects: b.objects,
      detail: b.detail,
      endsOn: b.endsOn,
    }),
  );
  return getShare(ctx, id);
}

/**
 * GET /shares/:id/objects — what the share opens, as the caller reads it. The receiving side reads only
 * while the grant is in force (404 otherwise), and each page it reads is audited with the grant id.
 */
export async function readSharedObjects(ctx: Ctx, id: string, q: { page: number; pageSize: number; q?: string }): Promise<SharedObjectsPage> {
  const row = await findShare(ctx.db, ctx.actor, id, false);
  if (row?.state !== 'APPROVED') throw notFound('信息共享');
  const receiving = row.grantee_org_id === ctx.actor.orgId;
  if (receiving && row.effect !== 'ACTIVE') throw notFound('信息共享');
  const page = await sharedObjects(ctx.db, ctx.actor, row, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize, q: q.q });
  if (receiving && page.items.length) {
    await auditRead(ctx, {
      type: 'share.read',
      objectType: 'information_share',
      objectId: row.id,
      payload: { via: 'share', objectIds: page.items.map((o) => `${o.type}:${o.id}`), count: page.items.length },
    });
  }
  return page;
}

/** GET /shares/candidates — what the caller may name for a push (own org) or an approval (the owner org). */
export async function shareCandidates(ctx: Ctx, q: { kind: ShareKind; ownerOrgId?: string; q?: string }) {
  const owner = q.ownerOrgId ?? ctx.actor.orgId;
  if (!SHARE_KIND_OBJECT_TYPES[q.kind].length) return { items: [] };
  return { items: await candidates(ctx.db, ctx.actor, q.kind, owner, q.q) };
}
