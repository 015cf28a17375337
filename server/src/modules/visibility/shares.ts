import { STAFF_ROLES } from '@liandong/domain/access/enums';
import type { ShareObjectType } from '@liandong/domain/shares/enums';
import { type RawBuilder, sql } from 'kysely';
import { type Db, prepared } from '../../db/pool';
import { type Actor, hasAnyRole } from '../../platform/access';
import { executeArraysOnce } from '../../platform/arrays-once';
import { audit } from '../../platform/audit';
import { type Ctx, isRequestCtx } from '../../platform/context';

/*
 * 信息互通 grants in the visibility predicates (issue 11; domain.md d: "a share is an explicit, approved,
 * time-bounded grant"). An APPROVED information_share opens, to the staff of its grantee org and while
 * today is within its dates, the objects it names (information_share_object) or — a category grant —
 * every object of the named types that belongs to its owner org. The grant arm is opt-in: the reads that
 * show information (ledgers, detail pages, search, exports, dashboards) pass `shared`; acting on an object
 * (transitions, assignments, reminders, notices) never does, so a grant gives a reader, not a party.
 *
 * The grants are read once per org and day (grantsOf, cached by the 'shares' epoch) and enter the SQL as
 * literal arrays, so a read without grants has no extra arm at all.
 */

/** Which grants a read honours: any grant (ledger rows, the summary of a detail page) or FULL ones only (content, full-text search). */
export type SharedUse = 'any' | 'full';

/** The grants in force today for one org, by object type: the named ids and the owner orgs of category grants. */
/** One grant behind an object: its id and detail level. */
export interface GrantRef {
  shareId: string;
  detail: 'SUMMARY' | 'FULL';
}

export interface Grants {
  byType: Partial<
    Record<
      ShareObjectType,
      {
        ids: string[];
        fullIds: string[];
        owners: string[];
        fullOwners: string[];
        /** The grants naming each object, and the category grants of each owner org. */
        byId: Map<string, GrantRef[]>;
        byOwner: Map<string, GrantRef[]>;
      }
    >
  >;
  /** `id:version` of every grant in force, sorted: the part of a cache key the grants decide ('' without any). */
  fingerprint: string;
}

/** What a read passes to a predicate to honour grants: the caller's grants and which of them count. */
export interface SharedRead {
  use: SharedUse;
  grants: Grants;
}

const NO_GRANTS: Grants = { byType: {}, fingerprint: '' };
const grantCaches = new WeakMap<object, Map<string, { key: string; grants: Grants }>>();

/**
 * The grants in force today for the actor's org, from a per-node cache keyed by the 'shares' data epoch
 * (bumped by triggers on information_share and its objects in the writing transaction — migration 0035)
 * and the day (a grant ends by its date, without a write). One indexed query on a miss. The predicates
 * then carry the grants as literal arrays: no arm at all without grants, and with them arrays of known
 * size, so the planner keeps the scope arms as index conditions (bench: the clue ledger with 10,000
 * grants in the data set).
 */
export async function grantsOf(db: Db, actor: Actor): Promise<Grants> {
  if (!hasAnyRole(actor, STAFF_ROLES)) return NO_GRANTS;
  // Named (planned once per connection): every read that honours grants asks it, some twice a request.
  const meta = (
    await prepared(
      sql<{ epoch: string; today: string }>`SELECT (SELECT epoch::text FROM data_epoch WHERE area = 'shares') AS epoch,
      to_char(current_date, 'YYYY-MM-DD') AS today`,
    ).execute(db)
  ).rows[0];
  const key = `${meta?.epoch ?? '0'}:${meta?.today ?? ''}`;
  let cache = grantCaches.get(db);
  if (!cache) {
    cache = new Map();
    grantCaches.set(db, cache);
  }
  const hit = cache.get(actor.orgId);
  if (hit?.key === key) return hit.grants;
  const { rows } = await sql<{
    id: string;
    version: number;
    detail: 'SUMMARY' | 'FULL';
    owner_org_id: string;
    category_types: ShareObjectType[];
    objects: string[];
  }>`
    SELECT s.id, s.version, s.detail, s.owner_org_id, s.category_types,
      coalesce(array_agg(so.object_type || ':' || so.object_id) FILTER (WHERE so.object_id IS NOT NULL), '{}') AS objects
    FROM information_share s LEFT JOIN information_share_object so ON so.share_id = s.id
    WHERE ${inForce(actor, 's')} GROUP BY s.id ORDER BY s.id`.execute(db);
  const grants: Grants = { byType: {}, fingerprint: rows.map((r) => `${r.id}:${r.version}`).join(',') };
  const slot = (t: ShareObjectType) => {
    grants.byType[t] ??= { ids: [], fullIds: [], owners: [], fullOwners: [], byId: new Map(), byOwner: new Map() };
    return grants.byType[t];
  };
  const add = (m: Map<string, GrantRef[]>, key: string, ref: GrantRef) => m.set(key, [...(m.get(key) ?? []), ref]);
  for (const r of rows) {
    const ref: GrantRef = { shareId: r.id, detail: r.detail };
    for (const o of r.objects) {
      const [t, id] = o.split(':') as [ShareObjectType, string];
      const g = slot(t);
      if (!g.byId.has(id)) g.ids.push(id);
      if (r.detail === 'FULL' && !g.byId.get(id)?.some((x) => x.detail === 'FULL')) g.fullIds.push(id);
      add(g.byId, id, ref);
    }
    for (const t of r.category_types) {
      const g = slot(t);
      if (!g.byOwner.has(r.owner_org_id)) g.owners.push(r.owner_org_id);
      if (r.detail === 'FULL' && !g.byOwner.get(r.owner_org_id)?.some((x) => x.detail === 'FULL')) g.fullOwners.push(r.owner_org_id);
      add(g.byOwner, r.owner_org_id, ref);
    }
  }
  if (cache.size >= 1000) cache.clear();
  cache.set(actor.orgId, { key, grants });
  return grants;
}

const requestGrants = new WeakMap<object, Promise<Grants>>();

/**
 * The caller's grants (grantsOf), asked once per request: a ledger's page, its shared-read audit and the cache key of a
 * figure each want them, and each asking cost a round trip for the epoch (issue 12). Only a request's own context
 * (ctxOf) keeps them — a context lives for one handler call, so the next request asks afresh and sees a grant approved
 * in between; a job's, a test's or a transaction's context asks every time.
 */
export function grantsFor(ctx: Pick<Ctx, 'db' | 'actor'>): Promise<Grants> {
  if (!isRequestCtx(ctx)) return grantsOf(ctx.db, ctx.actor);
  let grants = requestGrants.get(ctx);
  if (!grants) {
    grants = grantsOf(ctx.db, ctx.actor);
    requestGrants.set(ctx, grants);
    // A failed lookup is not kept: a later ask in the same request tries again.
    grants.catch(() => requestGrants.delete(ctx));
  }
  return grants;
}

/** The caller's grants for a read that honours them (`use`: any grant, or FULL grants only). */
export async function sharedRead(ctx: Pick<Ctx, 'db' | 'actor'>, use: SharedUse = 'any'): Promise<SharedRead> {
  return { use, grants: await grantsFor(ctx) };
}

/** SQL: the grant aliased `s` is in force today for the actor's org. */
function inForce(actor: Actor, s = 's'): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${s}.${c}`);
  return sql<boolean>`(${col('grantee_org_id')} = ${actor.orgId}::uuid AND ${col('state')} = 'APPROVED'
    AND ${col('starts_on')} <= current_date AND ${col('ends_on')} >= current_date
    AND ${col('commission_id')} = ${actor.commissionId}::uuid)`;
}

/**
 * SQL: the object of `type` whose id is in `idColumn` is open to the actor under a grant in force: named
 * by one, or (category grants) one of `ownerColumns` is the grant's owner org. `false` — no arm — when the
 * read honours no grant or the actor's org holds none of the type. Unit liaisons and the 三员 are never
 * grantees (grantsOf gives them none).
 */
export function sharedArm(
  type: ShareObjectType,
  idColumn: RawBuilder<unknown>,
  ownerColumns: readonly RawBuilder<unknown>[],
  read: SharedRead | undefined,
): RawBuilder<boolean> {
  const g = read?.grants.byType[type];
  if (!read || !g) return sql<boolean>`false`;
  const ids = read.use === 'full' ? g.fullIds : g.ids;
  const owners = read.use === 'full' ? g.fullOwners : g.owners;
  const arms: RawBuilder<boolean>[] = [];
  if (ids.length) arms.push(sql<boolean>`${idColumn} = ANY(${ids}::uuid[])`);
  if (owners.length) for (const c of ownerColumns) arms.push(sql<boolean>`${c} = ANY(${owners}::uuid[])`);
  return arms.length ? sql<boolean>`(${sql.join(arms, sql` OR `)})` : sql<boolean>`false`;
}

/**
 * The parts of `sharedArm` (issue 12, the keyed ledger page): the ids the read's grants name and the owner
 * orgs of its category grants (empty without grants of the type).
 */
export function sharedParts(type: ShareObjectType, read: SharedRead | undefined): { ids: string[]; owners: string[] } {
  const g = read?.grants.byType[type];
  if (!read || !g) return { ids: [], owners: [] };
  return read.use === 'full' ? { ids: g.fullIds, owners: g.fullOwners } : { ids: g.ids, owners: g.owners };
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

/** `sharedArm` for an object type aliased `alias`, with its own owner columns. */
export function sharedTo(type: ShareObjectType, alias: string, read: SharedRead | undefined): RawBuilder<boolean> {
  return sharedArm(type, sql.ref(`${alias}.id`), SHARE_OWNER_COLUMNS[type](alias), read);
}

/**
 * Of `ids` (objects of `type` the actor has just read), those the actor sees only under a grant, with the
 * grants that open each: `ownVisible` is the predicate without grants over the row aliased `o` (`from`
 * gives the FROM clause when the predicate needs other aliases, with the object's columns as `o`). Empty
 * without a query when the actor's org holds no grant of the type today.
 */
export async function grantsBehind(
  ctx: Pick<Ctx, 'db' | 'actor'>,
  type: ShareObjectType,
  ids: readonly string[],
  ownVisible: (alias: string) => RawBuilder<boolean>,
  from?: RawBuilder<unknown>,
): Promise<Map<string, GrantRef[]>> {
  const out = new Map<string, GrantRef[]>();
  const g = ids.length ? (await grantsFor(ctx)).byType[type] : undefined;
  const { db } = ctx;
  if (!g) return out;
  const table = from ?? sql`${sql.table(SHARE_TABLES[type])} o`;
  // Candidates from the grants in hand: named objects by id; category grants by the rows' owner orgs.
  const candidates = new Map<string, GrantRef[]>();
  for (const id of ids) {
    const named = g.byId.get(id);
    if (named) candidates.set(id, [...named]);
  }
  if (g.byOwner.size) {
    // Named: planned once per connection (a page's ids by their key).
    const { rows } = await prepared(
      sql<{ id: string; owners: (string | null)[] }>`SELECT o.id, ARRAY[${sql.join(SHARE_OWNER_COLUMNS[type]('o'))}]::text[] AS owners
      FROM ${table} WHERE o.id = ANY(${[...ids]}::uuid[])`,
    ).execute(db);
    for (const r of rows) {
      for (const owner of new Set(r.owners)) {
        const refs = owner ? g.byOwner.get(owner) : undefined;
        if (refs) candidates.set(r.id, [...(candidates.get(r.id) ?? []), ...refs]);
      }
    }
  }
  if (!candidates.size) return out;
  // Of those, the ones the actor does not see in their own right: only the grant opened them.
  // Named too: its text depends on the reader's kind alone (a scope's org lists are parameters), and a custom plan of a
  // wide scope's predicate cost 1.4 ms of planning per page (issue 12: an office's clue ledger) for 0.2 ms of execution.
  // The predicate names the scope's org lists in several arms: each sent once (arrays-once.ts; an office's clue page
  // wrote 144 KiB per request with three copies, 122 with one).
  const { rows } = await executeArraysOnce(
    db,
    prepared(
      sql<{ id: string }>`SELECT o.id FROM ${table}
    WHERE o.id = ANY(${[...candidates.keys()]}::uuid[]) AND NOT coalesce(${ownVisible('o')}, false)`,
    ),
  );
  for (const r of rows) {
    const refs = candidates.get(r.id)!;
    const unique = [...new Map(refs.map((x) => [x.shareId, x])).values()].sort((a, b) =>
      a.detail === b.detail ? a.shareId.localeCompare(b.shareId) : a.detail === 'FULL' ? -1 : 1,
    );
    out.set(r.id, unique);
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
  from?: RawBuilder<unknown>,
): Promise<Map<string, GrantRef[]>> {
  const behind = await grantsBehind(ctx, type, ids, ownVisible, from);
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
