import type { Light, ListType } from '@liandong/domain/supervision/enums';
import type { ItemState } from '@liandong/domain/supervision/machine';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import { type Db, prepared } from '../../db/pool';
import type { DB } from '../../db/types';
import { type Actor, inOrgScope, recordVisible } from '../../platform/access';
import type { KeyedArms } from '../../platform/keyed-page';
import { whoMayOpen } from '../../platform/inbox';
import { type SharedRead, sharedTo } from '../visibility';
import { type LightDates, lightSql } from './light';
import type { ActorFacts } from './policy';

/*
 * Reads of supervision lists and items. Every read takes the actor and adds the visibility clause:
 * a list is visible when its owner group or its liaison office is in the actor's org scope; an item
 * when its list is visible or its lead / assist org is in scope (domain.md d; deny by default → 404).
 * On top of the scope, as for clues: clearance ≥ the list's classification (an item carries its list's)
 * and no recusal (回避) from the list or the item.
 */

export type Q = Db | Transaction<DB>;

/**
 * SQL: the list's own attributes admit the actor — clearance ≥ its classification, not recused from it.
 * Separate from the scope so that the lists, items, my-items and the matrix share the one rule.
 */
function listOwnVisible(actor: Actor, l = 'l'): RawBuilder<boolean> {
  return recordVisible(actor, { classification: `${l}.classification`, objectType: 'supervision_list', id: `${l}.id` });
}

/**
 * SQL: the item `i` of the list `l` admits the actor by its own attributes — the list's classification
 * and recusal, and no recusal from the item itself (an item has no classification of its own). Used
 * where the scope is implied by the query (my items: the actor's org leads or assists it).
 */
export function itemOwnVisible(actor: Actor, i = 'i', l = 'l'): RawBuilder<boolean> {
  return sql<boolean>`(${listOwnVisible(actor, l)}
    AND ${recordVisible(actor, { classification: `${l}.classification`, objectType: 'supervision_item', id: `${i}.id` })})`;
}

/** SQL: the list aliased `l` is visible to the actor. */
export function listVisible(actor: Actor): RawBuilder<boolean> {
  return sql<boolean>`(l.commission_id = ${actor.commissionId}::uuid AND (${inOrgScope(actor, 'l.owner_group_id')} OR ${inOrgScope(actor, 'l.liaison_office_id')})
    AND ${listOwnVisible(actor)})`;
}

/**
 * SQL: the item aliased `i` (with its list `l`) is visible to the actor. With `shared` (the reads that show
 * information: item page, exports), also to the staff of an org holding a 信息互通 grant in force on it.
 */
export function itemVisible(actor: Actor, opts: { shared?: SharedRead } = {}): RawBuilder<boolean> {
  const shared = sharedTo('SUPERVISION_ITEM', 'i', opts.shared);
  return sql<boolean>`(i.commission_id = ${actor.commissionId}::uuid AND (${inOrgScope(actor, 'l.owner_group_id')} OR ${inOrgScope(actor, 'l.liaison_office_id')}
    OR ${inOrgScope(actor, 'i.lead_org_id')} OR ${inOrgScope(actor, 'i.assist_org_id')} OR ${shared}) AND ${itemOwnVisible(actor)})`;
}

/**
 * `itemVisible` without grants, in parts for a ledger that pages arm by arm (issue 12, platform/keyed-page.ts):
 * `itemVisibleSame` (commission, the list's classification and recusal, recusal from the item: the item's list `l`
 * joined by its key) and `itemScopeArms`, the arms of the scope OR — the lead org and the assist org keyed per org of the
 * scope, the lists whose owner group or liaison office is in the scope keyed per list (gathered by the database, once).
 * A scope of the whole commission is the whole book under its OR. `itemVisible(actor)` is
 * `same AND (owner OR liaison OR lead OR assist)`.
 */
export function itemVisibleSame(actor: Actor, i = 'i', l = 'l'): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${i}.commission_id`)} = ${actor.commissionId}::uuid AND ${itemOwnVisible(actor, i, l)})`;
}

/** Above this many orgs `itemScopeArms` with `hashedLists` finds the scope's lists through a hashed set of its orgs. */
export const LIST_HASH_ORGS = 50;

/**
 * The arms of `itemVisible`'s scope OR under `itemVisibleSame` (see there). `hashedLists`: for a named statement (the
 * ledger as it opens), a scope of more than LIST_HASH_ORGS orgs finds its lists by testing every list of the commission
 * against its orgs hashed once — its generic plan otherwise searches the parameter array linearly per list (issue 12:
 * 30 ms of a 分管领导's 34 ms my-items page went to 4,000 lists × 782 orgs). The same lists either way. `listYear`: only
 * the lists of that year, for a reader of one year's items (an item carries its list's year, which never changes:
 * migration 0007), found by the year's index — the cockpit's (issue 15: an office's scope owns or liaises 580 lists
 * of every year, ~100 of the year).
 */
export function itemScopeArms(actor: Actor, i = 'i', l = 'l', opts: { hashedLists?: boolean; listYear?: number } = {}): KeyedArms {
  const same = itemVisibleSame(actor, i, l);
  if (actor.scope.wide) {
    const columns = [`${l}.owner_group_id`, `${l}.liaison_office_id`, `${i}.lead_org_id`, `${i}.assist_org_id`];
    return {
      book: true,
      scope: sql<boolean>`(${same} AND (${sql.join(
        columns.map((c) => inOrgScope(actor, c)),
        sql` OR `,
      )}))`,
      keyed: [],
      rest: [],
    };
  }
  const orgs = [...actor.scope.orgIds];
  const ofYear = opts.listYear === undefined ? sql`` : sql`AND ls.year = ${opts.listYear}::int`;
  return {
    book: false,
    scope: same,
    keyed: [
      { column: 'lead_org_id', orgIds: orgs },
      { column: 'assist_org_id', orgIds: orgs },
    ],
    // Not a per-org arm on a list column: the planner would walk the items in ledger order and test each one's list.
    keyedBy: orgs.length
      ? [
          {
            column: 'list_id',
            keys:
              opts.hashedLists && orgs.length > LIST_HASH_ORGS
                ? sql`ARRAY(SELECT ls.id FROM supervision_list ls WHERE ls.commission_id = ${actor.commissionId}::uuid ${ofYear}
                    AND (ls.owner_group_id IN (SELECT unnest(${[...new Set(orgs)]}::uuid[])) OR ls.liaison_office_id IN (SELECT unnest(${[...new Set(orgs)]}::uuid[]))))`
                : sql`ARRAY(SELECT ls.id FROM supervision_list ls WHERE ls.owner_group_id = ANY(${orgs}::uuid[]) ${ofYear}
              UNION SELECT ls.id FROM supervision_list ls WHERE ls.liaison_office_id = ANY(${orgs}::uuid[]) ${ofYear})`,
          },
        ]
      : [],
    rest: [],
  };
}

/** Of `userIds`, who may open the item (its notices go to them only; never the 三员). */
export function whoMayOpenItem(db: Q, userIds: Iterable<string | null | undefined>, itemId: string): Promise<string[]> {
  return whoMayOpen(
    db,
    userIds,
    (a) => sql`SELECT 1 FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id
    WHERE i.id = ${itemId}::uuid AND ${itemVisible(a)}`,
  );
}

/** Of `userIds`, who may open the list (its notices go to them only; never the 三员). */
export function whoMayOpenList(db: Q, userIds: Iterable<string | null | undefined>, listId: string): Promise<string[]> {
  return whoMayOpen(db, userIds, (a) => sql`SELECT 1 FROM supervision_list l WHERE l.id = ${listId}::uuid AND ${listVisible(a)}`);
}

/** The commission's 党风政风监督室 (the coordinator office). */
export async function coordinatorOfficeOf(db: Q, commissionId: string): Promise<{ id: string; name: string } | null> {
  const { rows } = await sql<{ id: string; name: string }>`SELECT o.id, o.name_zh AS name FROM org o
    LEFT JOIN org p ON p.id = o.parent_id
    WHERE o.commission_id = ${commissionId}::uuid AND o.kind = 'INTERNAL_OFFICE' AND o.office_kind = 'PARTY_CONDUCT'
      AND (o.valid_to IS NULL OR o.valid_to >= current_date)
    ORDER BY (p.kind = 'MUNICIPAL_COMMISSION') DESC NULLS LAST, o.sort_order, o.id LIMIT 1`.execute(db);
  return rows[0] ?? null;
}

const factsCache = new WeakMap<object, Map<string, { at: number; value: Promise<ActorFacts> }>>();
const FACTS_TTL_MS = 3000;

async function buildFacts(db: Q, actor: Actor): Promise<ActorFacts> {
  // A named statement (its text is fixed): every /me and every supervision page runs it (issue 12).
  const { rows } = await prepared(sql<{ coordinator: string | null; overseen: string[] | null; liaises: boolean }>`SELECT
      (SELECT o.id FROM org o LEFT JOIN org p ON p.id = o.parent_id
        WHERE o.commission_id = ${actor.commissionId}::uuid AND o.kind = 'INTERNAL_OFFICE' AND o.office_kind = 'PARTY_CONDUCT'
          AND (o.valid_to IS NULL OR o.valid_to >= current_date)
        ORDER BY (p.kind = 'MUNICIPAL_COMMISSION') DESC NULLS LAST, o.sort_order, o.id LIMIT 1) AS coordinator,
      (SELECT array_agg(DISTINCT ov.office_id) FROM oversight ov
        JOIN leadership_member lm ON lm.id = ov.leader_id
        JOIN app_user u ON u.person_id = lm.person_id
        WHERE u.id = ${actor.userId}::uuid AND ov.commission_id = ${actor.commissionId}::uuid
          AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)
          AND lm.valid_from <= current_date AND (lm.valid_to IS NULL OR lm.valid_to >= current_date)) AS overseen,
      EXISTS (SELECT 1 FROM liaison li WHERE li.office_id = ${actor.orgId}::uuid
          AND li.valid_from <= current_date AND (li.valid_to IS NULL OR li.valid_to >= current_date)) AS liaises`).execute(db);
  const r = rows[0]!;
  return {
    userId: actor.userId,
    orgId: actor.orgId,
    roles: actor.roles,
    coordinatorOfficeId: r.coordinator,
    overseenOfficeIds: r.overseen ?? [],
    orgIsLiaisonOffice: r.liaises,
  };
}

/** The actor's facts for policy decisions (cached for a few seconds per account). */
export function loadActorFacts(db: Q, actor: Actor): Promise<ActorFacts> {
  let cache = factsCache.get(db);
  if (!cache) {
    cache = new Map();
    factsCache.set(db, cache);
  }
  const key = `${actor.userId}:${actor.orgId}:${actor.roles.join(',')}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < FACTS_TTL_MS) return hit.value;
  const value = buildFacts(db, actor);
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}

// ---------------------------------------------------------------- items

export interface ItemRow {
  id: string;
  list_id: string;
  list_title: string;
  list_type: ListType;
  year: number;
  seq: number;
  matter: string;
  bases: string[];
  lead_side: string;
  lead_org_id: string;
  lead_org_name: string;
  assist_side: string | null;
  assist_org_id: string | null;
  assist_org_name: string | null;
  responsible_users: { id: string; name: string }[];
  host_units: { id: string; name: string }[];
  methods: string[];
  frequency: string | null;
  due_date: string | null;
  state: ItemState;
  previous_state: ItemState | null;
  light: Light;
  common_item_id: string | null;
  ordered_by_id: string | null;
  ordered_by_name: string | null;
  last_progress_at: Date | null;
  pending_adjustment: Record<string, unknown> | null;
  version: number;
  owner_group_id: string;
  liaison_office_id: string;
  has_consultation: boolean;
  total?: number;
}

/** Select list of an item row (aliases: i item, l list). Names are resolved in the same statement. */
export function itemColumns(d: LightDates): RawBuilder<unknown> {
  return sql`i.id, i.list_id, l.title AS list_title, l.type AS list_type, l.year, i.seq, i.matter, i.bases,
    i.lead_side, i.lead_org_id, lo.name_zh AS lead_org_name, i.assist_side, i.assist_org_id, ao.name_zh AS assist_org_name,
    COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.display_name) ORDER BY array_position(i.responsible_user_ids, u.id))
      FROM app_user u WHERE u.id = ANY(i.responsible_user_ids)), '[]'::json) AS responsible_users,
    COALESCE((SELECT json_agg(json_build_object('id', h.id, 'name', h.name_zh) ORDER BY array_position(i.host_unit_ids, h.id))
      FROM org h WHERE h.id = ANY(i.host_unit_ids)), '[]'::json) AS host_units,
    i.methods, i.frequency, i.due_date, i.state, i.previous_state, ${lightSql('i.state', 'i.due_date', d)} AS light,
    i.common_item_id, i.ordered_by AS ordered_by_id, ob.display_name AS ordered_by_name, i.last_progress_at,
    i.pending_adjustment, i.version, l.owner_group_id, l.liaison_office_id,
    EXISTS (SELECT 1 FROM list_consultation lc WHERE lc.list_id = i.list_id) AS has_consultation`;
}

/** FROM clause matching itemColumns. */
export const ITEM_FROM = sql`supervision_item i JOIN supervision_list l ON l.id = i.list_id
  JOIN org lo ON lo.id = i.lead_org_id LEFT JOIN org ao ON ao.id = i.assist_org_id
  LEFT JOIN app_user ob ON ob.id = i.ordered_by`;

/** One visible item, or undefined. */
export async function findItem(db: Q, actor: Actor, d: LightDates, id: string, opts: { shared?: SharedRead } = {}): Promise<ItemRow | undefined> {
  const { rows } = await sql<ItemRow>`SELECT ${itemColumns(d)} FROM ${ITEM_FROM} WHERE i.id = ${id}::uuid AND ${itemVisible(actor, opts)}`.execute(db);
  return rows[0];
}

/** Items of a list (the list's visibility is checked by the caller), less those the actor is recused from. */
export async function itemsOfList(db: Q, actor: Actor, d: LightDates, listId: string): Promise<ItemRow[]> {
  const { rows } = await sql<ItemRow>`SELECT ${itemColumns(d)} FROM ${ITEM_FROM} WHERE i.list_id = ${listId}::uuid AND ${itemOwnVisible(actor)}
    ORDER BY i.seq`.execute(db);
  return rows;
}

// ---------------------------------------------------------------- lists

export interface ListRow {
  id: string;
  year: number;
  type: ListType;
  title: string;
  owner_group_id: string;
  owner_group_name: string;
  liaison_office_id: string;
  liaison_office_name: string;
  coordinator_office_id: string;
  coordinator_office_name: string;
  host_unit_ids: string[];
  host_units: { id: string; name: string }[];
  bases: string[];
  approved_at: Date | null;
  doc_no: string | null;
  issued_on: string | null;
  version: number;
  has_consultation: boolean;
}

const LIST_COLUMNS = sql`l.id, l.year, l.type, l.title, l.owner_group_id, g.name_zh AS owner_group_name, l.liaison_office_id,
  lo.name_zh AS liaison_office_name, l.coordinator_office_id, co.name_zh AS coordinator_office_name, l.host_unit_ids,
  COALESCE((SELECT json_agg(json_build_object('id', h.id, 'name', h.name_zh) ORDER BY array_position(l.host_unit_ids, h.id))
    FROM org h WHERE h.id = ANY(l.host_unit_ids)), '[]'::json) AS host_units,
  l.bases, l.approved_at, l.doc_no, l.issued_on::text AS issued_on, l.version,
  EXISTS (SELECT 1 FROM list_consultation lc WHERE lc.list_id = l.id) AS has_consultation`;
const LIST_FROM = sql`supervision_list l JOIN org g ON g.id = l.owner_group_id JOIN org lo ON lo.id = l.liaison_office_id
  JOIN org co ON co.id = l.coordinator_office_id`;

export async function findList(db: Q, actor: Actor, id: string): Promise<ListRow | undefined> {
  const { rows } = await sql<ListRow>`SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE l.id = ${id}::uuid AND ${listVisible(actor)}`.execute(db);
  return rows[0];
}

export interface ListFilter {
  year?: number;
  type?: ListType;
  groupId?: string;
  liaisonOfficeId?: string;
}

export async function findLists(db: Q, actor: Actor, f: ListFilter): Promise<ListRow[]> {
  const conds = [listVisible(actor)];
  if (f.year !== undefined) conds.push(sql<boolean>`l.year = ${f.year}`);
  if (f.type) conds.push(sql<boolean>`l.type = ${f.type}`);
  if (f.groupId) conds.push(sql<boolean>`l.owner_group_id = ${f.groupId}::uuid`);
  if (f.liaisonOfficeId) conds.push(sql<boolean>`l.liaison_office_id = ${f.liaisonOfficeId}::uuid`);
  const { rows } = await sql<ListRow>`SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY l.year DESC, g.sort_order, g.name_zh, l.type LIMIT 2000`.execute(db);
  return rows;
}

export interface ListCounts {
  list_id: string;
  state: ItemState;
  light: Light;
  n: number;
}

/** Items of the lists counted by state and light. */
export async function countsOfLists(db: Q, d: LightDates, listIds: string[]): Promise<ListCounts[]> {
  if (listIds.length === 0) return [];
  const { rows } = await sql<ListCounts>`SELECT i.list_id, i.state, ${lightSql('i.state', 'i.due_date', d)} AS light, count(*)::int AS n
    FROM supervision_item i WHERE i.list_id = ANY(${listIds}::uuid[]) GROUP BY 1, 2, 3`.execute(db);
  return rows;
}

/** States beyond planning: the list is approved once an item reached them. */
export const APPROVED_OR_LATER: readonly ItemState[] = ['APPROVED', 'IN_PROGRESS', 'ISSUE_FOUND', 'COMPLETED', 'CLOSED', 'ADJUSTED'];

/** Org ids a group currently covers (派驻 / 综合监督). */
export async function coverageOf(db: Q, groupId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT host_unit_id AS id FROM dispatch_coverage WHERE group_id = ${groupId}::uuid
    AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date) ORDER BY valid_from, host_unit_id`.execute(db);
  return [...new Set(rows.map((r) => r.id))];
}

/** The office currently liaising with a group or county (联系), if any. */
export async function liaisonOfficeOf(db: Q, targetId: string): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`SELECT office_id AS id FROM liaison WHERE target_id = ${targetId}::uuid
    AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date) ORDER BY valid_from DESC LIMIT 1`.execute(db);
  return rows[0]?.id ?? null;
}

export interface OrgFact {
  id: string;
  name_zh: string;
  short_name: string;
  kind: string;
  retired: boolean;
}

export async function orgsById(db: Q, commissionId: string, ids: string[]): Promise<Map<string, OrgFact>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<OrgFact>`SELECT id, name_zh, short_name, kind, (valid_to IS NOT NULL AND valid_to < current_date) AS retired
    FROM org WHERE commission_id = ${commissionId}::uuid AND id = ANY(${ids}::uuid[])`.execute(db);
  return new Map(rows.map((r) => [r.id, r]));
}

/** Active users of the given orgs (for inbox notices). */
export async function usersOfOrg(db: Q, orgId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM app_user WHERE org_id = ${orgId}::uuid AND status = 'ACTIVE'`.execute(db);
  return rows.map((r) => r.id);
}

/** Accounts of the leaders currently overseeing an office (分管领导). */
export async function leadersOverseeing(db: Q, officeId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM oversight ov JOIN leadership_member lm ON lm.id = ov.leader_id
    JOIN app_user u ON u.person_id = lm.person_id
    WHERE ov.office_id = ${officeId}::uuid AND u.status = 'ACTIVE'
      AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)
      AND (lm.valid_to IS NULL OR lm.valid_to >= current_date)`.execute(db);
  return rows.map((r) => r.id);
}
