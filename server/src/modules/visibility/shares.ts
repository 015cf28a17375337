import { STAFF_ROLES } from '@liandong/domain/access/enums';
import type { ShareObjectType } from '@liandong/domain/shares/enums';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool';
import { type Actor, hasAnyRole } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';

/*
 * 信息互通 grants in the visibility predicates (issue 11; domain.md d: "a share is an explicit, approved,
 * time-bounded grant"). An APPROVED information_share opens, to the staff of its grantee org and while
 * today is within its dates, the objects it names (information_share_object) or — a category grant —
 * every object of the named types that belongs to its owner org. The grant arm is opt-in: the reads that
 * show information (ledgers, detail pages, search, exports, dashboards) pass `shared`; acting on an object
 * (transitions, assignments, reminders, notices) never does, so a grant gives a reader, not a party.
 *
 * Both arms are `= ANY(ARRAY(SELECT …))`: init plans evaluated once per query over the partial index
 * information_share_grantee, so a predicate with grants stays an index condition whatever the number
 * of grants in the data set (bench: the clue ledger with 10,000 grants in force).
 */

/** Which grants a read honours: any grant (ledger rows, the summary of a detail page) or FULL ones only (content, documents). */
export type SharedUse = 'any' | 'full';

/** SQL: the grant aliased `s` is in force today for the actor's org (and FULL, when asked). */
function inForce(actor: Actor, use: SharedUse, s = 's'): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${s}.${c}`);
  const full = use === 'full' ? sql`AND ${col('detail')} = 'FULL'` : sql``;
  return sql<boolean>`(${col('grantee_org_id')} = ${actor.orgId}::uuid AND ${col('state')} = 'APPROVED'
    AND ${col('starts_on')} <= current_date AND ${col('ends_on')} >= current_date
    AND ${col('commission_id')} = ${actor.commissionId}::uuid ${full})`;
}

/**
 * SQL: the object of `type` whose id is in `idColumn` is open to the actor under a grant in force: named
 * by one, or (category grants) one of `ownerColumns` is the grant's owner org. Unit liaisons and the 三员
 * are never grantees.
 */
export function sharedArm(
  actor: Actor,
  type: ShareObjectType,
  idColumn: RawBuilder<unknown>,
  ownerColumns: readonly RawBuilder<unknown>[],
  use: SharedUse = 'any',
): RawBuilder<boolean> {
  if (!hasAnyRole(actor, STAFF_ROLES)) return sql<boolean>`false`;
  const named = sql<boolean>`${idColumn} = ANY(ARRAY(SELECT so.object_id FROM information_share s
    JOIN information_share_object so ON so.share_id = s.id AND so.object_type = ${type}
    WHERE ${inForce(actor, use)}))`;
  if (!ownerColumns.length) return named;
  const owners = sql`ARRAY(SELECT s.owner_org_id FROM information_share s WHERE ${inForce(actor, use)} AND ${type} = ANY(s.category_types))`;
  return sql<boolean>`(${named} OR ${sql.join(
    ownerColumns.map((c) => sql`${c} = ANY(${owners})`),
    sql` OR `,
  )})`;
}

/** The owner columns of each object type (what "belongs to the owner org" means for a category grant). */
export const SHARE_OWNER_COLUMNS: Readonly<Record<ShareObjectType, (alias: string) => RawBuilder<unknown>[]>> = {
  CLUE: (t) => [sql.ref(`${t}.undertaking_org_id`), sql.ref(`${t}.receiving_org_id`)],
  CASE: (t) => [sql.ref(`${t}.lead_org_id`)],
  SUPERVISION_ITEM: (t) => [sql.ref(`${t}.lead_org_id`), sql.ref(`${t}.assist_org_id`)],
  INSPECTION: (t) => [sql`(SELECT ic.lead_org_id FROM campaign ic WHERE ic.id = ${sql.ref(`${t}.campaign_id`)})`],
  // A person belongs to the org they work in, or to the dispatched group that covers their unit today.
  PERSON: (t) => [
    sql.ref(`${t}.unit_id`),
    sql`(SELECT dc.group_id FROM dispatch_coverage dc WHERE dc.host_unit_id = ${sql.ref(`${t}.unit_id`)}
      AND dc.valid_from <= current_date AND (dc.valid_to IS NULL OR dc.valid_to >= current_date) ORDER BY dc.role = 'RESIDENT' DESC LIMIT 1)`,
  ],
  INTEGRITY_REPLY: (t) => [sql.ref(`${t}.drafting_org_id`)],
};

/** The table behind each object type. */
export const SHARE_TABLES: Readonly<Record<ShareObjectType, string>> = {
  CLUE: 'clue',
  CASE: 'case_file',
  SUPERVISION_ITEM: 'supervision_item',
  INSPECTION: 'inspection',
  PERSON: 'person',
  INTEGRITY_REPLY: 'integrity_reply',
};

/** `sharedArm` for an object type, with its own owner columns. */
export function sharedTo(actor: Actor, type: ShareObjectType, alias: string, use: SharedUse = 'any'): RawBuilder<boolean> {
  return sharedArm(actor, type, sql.ref(`${alias}.id`), SHARE_OWNER_COLUMNS[type](alias), use);
}

/**
 * Of `ids` (objects of `type` the actor has just read), those the actor sees only under a grant, with the
 * grants that open each: `ownVisible` is the predicate without grants over the row aliased `o`. Empty
 * without a query when the actor's org holds no grant of the type today.
 */
export async function grantsBehind(
  db: Db,
  actor: Actor,
  type: ShareObjectType,
  ids: readonly string[],
  ownVisible: (alias: string) => RawBuilder<boolean>,
): Promise<Map<string, { shareId: string; detail: 'SUMMARY' | 'FULL' }[]>> {
  const out = new Map<string, { shareId: string; detail: 'SUMMARY' | 'FULL' }[]>();
  if (!ids.length || !hasAnyRole(actor, STAFF_ROLES)) return out;
  const owners = SHARE_OWNER_COLUMNS[type]('o');
  const { rows } = await sql<{ id: string; share_id: string; detail: 'SUMMARY' | 'FULL' }>`
    SELECT o.id, s.id AS share_id, s.detail FROM ${sql.table(SHARE_TABLES[type])} o
      JOIN information_share s ON ${inForce(actor, 'any')}
        AND (EXISTS (SELECT 1 FROM information_share_object so WHERE so.share_id = s.id AND so.object_type = ${type} AND so.object_id = o.id)
          OR (${type} = ANY(s.category_types) AND s.owner_org_id IN (${sql.join(owners)})))
    WHERE o.id = ANY(${[...ids]}::uuid[]) AND NOT coalesce(${ownVisible('o')}, false)
    ORDER BY o.id, s.detail DESC, s.id`.execute(db);
  for (const r of rows) {
    const list = out.get(r.id) ?? [];
    list.push({ shareId: r.share_id, detail: r.detail });
    out.set(r.id, list);
  }
  return out;
}

/** How the objects were read (the audit says which door). */
export type SharedReadVia = 'list' | 'detail' | 'search' | 'export' | 'share';

/**
 * Audits every read under a grant: one `share.read` entry per grant, naming the grant and the objects read
 * through it. Called by each read after its query, with the ids it returned; returns what `grantsBehind`
 * found so a detail page can tell whether only a summary grant opened it.
 */
export async function auditSharedReads(
  ctx: Ctx,
  type: ShareObjectType,
  ids: readonly string[],
  ownVisible: (alias: string) => RawBuilder<boolean>,
  via: SharedReadVia,
): Promise<Map<string, { shareId: string; detail: 'SUMMARY' | 'FULL' }[]>> {
  const behind = await grantsBehind(ctx.db, ctx.actor, type, ids, ownVisible);
  if (!behind.size) return behind;
  const byShare = new Map<string, string[]>();
  for (const [id, grants] of behind) {
    for (const g of grants) byShare.set(g.shareId, [...(byShare.get(g.shareId) ?? []), id]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (const [shareId, objectIds] of byShare) {
      await audit(trx, ctx, {
        type: 'share.read',
        objectType: 'information_share',
        objectId: shareId,
        payload: { objectType: type, objectIds: objectIds.slice(0, 200), count: objectIds.length, via },
      });
    }
  });
  return behind;
}
