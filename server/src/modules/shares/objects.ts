import { CASE_STATE_LABELS } from '@liandong/domain/cases/machine';
import { CLUE_STATE_LABELS } from '@liandong/domain/clues/machine';
import { INSPECTION_STATE_LABELS } from '@liandong/domain/inspections/enums';
import { INTEGRITY_STATE_LABELS } from '@liandong/domain/integrity/enums';
import type { Labelled } from '@liandong/domain/labels';
import type { SharedObject, ShareObjectRef } from '@liandong/domain/shares/contracts';
import { SHARE_KIND_OBJECT_TYPES, type ShareKind, type ShareObjectType } from '@liandong/domain/shares/enums';
import { ITEM_STATE_LABELS } from '@liandong/domain/supervision/machine';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/access';
import { integrityVisible } from '../integrity';
import { personVisible } from '../orgs';
import { itemVisible } from '../supervision';
import { caseVisible, clueVisible, grantsOf, inspectionVisible, SHARE_OWNER_COLUMNS, type SharedRead, sharedTo } from '../visibility';
import type { Db } from '../../db/pool';
import type { Q } from './repo';

/*
 * The object types a share may name (domain/src/shares/enums.ts SHARE_KIND_OBJECT_TYPES): for each, its
 * table, how it is shown in a share (编号, title, state, the page that opens it), who may name it (the
 * caller sees it in their own right) and who reads it (in their own right, or under a grant in force).
 */

interface TypeSpec {
  /** FROM clause with the object aliased `o` (and what its predicates need). */
  from: RawBuilder<unknown>;
  number: RawBuilder<string>;
  title: RawBuilder<string>;
  state: RawBuilder<string>;
  states: Labelled<string> | null;
  link: (id: string, row: { extra: string | null }) => string;
  extra?: RawBuilder<unknown>;
  /** The caller sees it in their own right (who may push it or name it at approval). */
  own: (a: Actor) => RawBuilder<boolean>;
  /** The caller reads it: own right or a grant in force (what the grantee's share page lists). */
  read: (a: Actor, shared: SharedRead) => RawBuilder<boolean>;
}

const TYPES: Readonly<Record<ShareObjectType, TypeSpec>> = {
  CLUE: {
    from: sql`clue o`,
    number: sql`coalesce(o.clue_no, '')`,
    title: sql`o.title`,
    state: sql`o.state`,
    states: CLUE_STATE_LABELS,
    link: (id) => `/clues/${id}`,
    own: (a) => clueVisible(a, 'o'),
    read: (a, shared) => clueVisible(a, 'o', { shared }),
  },
  CASE: {
    from: sql`case_file o`,
    number: sql`coalesce(o.case_no, '')`,
    title: sql`o.title`,
    state: sql`o.state`,
    states: CASE_STATE_LABELS,
    link: (id) => `/cases/${id}`,
    own: (a) => caseVisible(a, 'o'),
    read: (a, shared) => caseVisible(a, 'o', { shared }),
  },
  SUPERVISION_ITEM: {
    // itemVisible reads the item as `i` and its list as `l`.
    from: sql`supervision_item i JOIN supervision_list l ON l.id = i.list_id CROSS JOIN LATERAL (SELECT i.*) o`,
    number: sql`''`,
    title: sql`o.matter`,
    state: sql`o.state`,
    states: ITEM_STATE_LABELS,
    link: (id) => `/supervision/items/${id}`,
    own: (a) => itemVisible(a),
    read: (a, shared) => itemVisible(a, { shared }),
  },
  INSPECTION: {
    from: sql`inspection o`,
    number: sql`''`,
    title: sql`o.title`,
    state: sql`o.state`,
    states: INSPECTION_STATE_LABELS,
    extra: sql`o.campaign_id::text`,
    link: (id, r) => `/campaigns/${r.extra}/inspections?inspection=${id}`,
    own: (a) => inspectionVisible(a, 'o'),
    read: (a, shared) => inspectionVisible(a, 'o', { shared }),
  },
  PERSON: {
    from: sql`person o`,
    number: sql`''`,
    title: sql`o.name_zh || coalesce('（' || nullif(o.position, '') || '）', '')`,
    state: sql`''`,
    states: null,
    link: (id) => `/people?person=${id}`,
    own: (a) => sql<boolean>`(o.commission_id = ${a.commissionId}::uuid AND ${personVisible(a, 'o.unit_id')})`,
    read: (a, shared) => sql<boolean>`(o.commission_id = ${a.commissionId}::uuid AND (${personVisible(a, 'o.unit_id')} OR ${sharedTo('PERSON', 'o', shared)}))`,
  },
  INTEGRITY_REPLY: {
    from: sql`integrity_reply o`,
    number: sql`coalesce(o.doc_no, '')`,
    title: sql`'党风廉政意见回复（' || o.requesting_org || '）'`,
    state: sql`o.state`,
    states: INTEGRITY_STATE_LABELS,
    link: (id) => `/integrity/${id}`,
    own: (a) => integrityVisible(a, 'o'),
    read: (a, shared) => integrityVisible(a, 'o', { shared }),
  },
};

interface ObjRow {
  type: ShareObjectType;
  id: string;
  number: string;
  title: string;
  state: string;
  extra: string | null;
}

function present(r: ObjRow): SharedObject {
  const spec = TYPES[r.type];
  return {
    type: r.type,
    id: r.id,
    number: r.number,
    title: r.title,
    state: spec.states ? ((spec.states as Record<string, { zh: string }>)[r.state]?.zh ?? r.state) : '',
    link: spec.link(r.id, r),
  };
}

function selectOf(type: ShareObjectType): RawBuilder<unknown> {
  const t = TYPES[type];
  return sql`${type}::text AS type, o.id, ${t.number} AS number, ${t.title} AS title, ${t.state}::text AS state, ${t.extra ?? sql`NULL`}::text AS extra`;
}

/** SQL: the object `o` of `type` belongs to the org (category grants and the naming check use the same owners). */
function ownedBy(type: ShareObjectType, orgId: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(
    SHARE_OWNER_COLUMNS[type]('o').map((c) => sql`${c} = ${orgId}::uuid`),
    sql` OR `,
  )})`;
}

function search(type: ShareObjectType, q: string | undefined): RawBuilder<boolean> {
  if (!q) return sql<boolean>`true`;
  const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return sql<boolean>`(${TYPES[type].title} ILIKE ${like} OR ${TYPES[type].number} ILIKE ${like})`;
}

/**
 * Objects the caller may name for `kind` on behalf of `ownerOrgId`: of the kind's types, seen by the caller in
 * their own right and belonging to the owner org. 50 at most, newest first by title match.
 */
export async function candidates(db: Q, actor: Actor, kind: ShareKind, ownerOrgId: string, q?: string): Promise<SharedObject[]> {
  const parts = SHARE_KIND_OBJECT_TYPES[kind].map(
    (type) => sql`(SELECT ${selectOf(type)} FROM ${TYPES[type].from}
      WHERE ${TYPES[type].own(actor)} AND ${ownedBy(type, ownerOrgId)} AND ${search(type, q)} ORDER BY 4 LIMIT 50)`,
  );
  const { rows } = await sql<ObjRow>`SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) x ORDER BY type, number DESC, title LIMIT 50`.execute(db);
  return rows.map(present);
}

/**
 * The indexes of `objects` the caller may not name for the owner org: not of the kind, not seen by the
 * caller, not the owner's, or not there at all — one answer for all, so naming reveals nothing.
 */
export async function unnameable(db: Q, actor: Actor, kind: ShareKind, ownerOrgId: string, objects: readonly ShareObjectRef[]): Promise<number[]> {
  const bad: number[] = [];
  const allowed = SHARE_KIND_OBJECT_TYPES[kind];
  const byType = new Map<ShareObjectType, string[]>();
  for (const o of objects) if (allowed.includes(o.type)) byType.set(o.type, [...(byType.get(o.type) ?? []), o.id]);
  const ok = new Set<string>();
  for (const [type, ids] of byType) {
    const { rows } = await sql<{ id: string }>`SELECT o.id FROM ${TYPES[type].from}
      WHERE o.id = ANY(${ids}::uuid[]) AND ${TYPES[type].own(actor)} AND ${ownedBy(type, ownerOrgId)}`.execute(db);
    for (const r of rows) ok.add(`${type}:${r.id}`);
  }
  objects.forEach((o, i) => {
    if (!ok.has(`${o.type}:${o.id}`)) bad.push(i);
  });
  return bad;
}

/**
 * What a share opens, as the caller reads it: its named objects, or for a category grant the owner org's
 * objects of those types — each filtered by the caller's own read predicate (clearance, recusal, the grant
 * in force), paged.
 */
export async function sharedObjects(
  db: Q,
  actor: Actor,
  share: { id: string; owner_org_id: string; category_types: ShareObjectType[]; kind: ShareKind },
  page: { limit: number; offset: number; q?: string },
): Promise<{ items: SharedObject[]; total: number }> {
  const shared: SharedRead = { use: 'any', grants: await grantsOf(db as Db, actor) };
  const parts = SHARE_KIND_OBJECT_TYPES[share.kind].map((type) => {
    const scope = share.category_types.includes(type)
      ? ownedBy(type, share.owner_org_id)
      : sql<boolean>`o.id IN (SELECT so.object_id FROM information_share_object so WHERE so.share_id = ${share.id}::uuid AND so.object_type = ${type})`;
    return sql`(SELECT ${selectOf(type)} FROM ${TYPES[type].from} WHERE ${scope} AND ${TYPES[type].read(actor, shared)} AND ${search(type, page.q)})`;
  });
  const { rows } = await sql<ObjRow & { total: number }>`SELECT *, count(*) OVER ()::int AS total FROM (${sql.join(parts, sql` UNION ALL `)}) x
    ORDER BY type, number DESC, title, id LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return { items: rows.map(present), total: rows[0]?.total ?? 0 };
}

/** The named objects of a share as shown on its page to who may see the share (owner side, approver, grantee). */
export async function namedObjects(db: Q, shareId: string): Promise<SharedObject[]> {
  const { rows: refs } = await sql<{ object_type: ShareObjectType; object_id: string }>`SELECT object_type, object_id
    FROM information_share_object WHERE share_id = ${shareId}::uuid`.execute(db);
  const out: SharedObject[] = [];
  const types = [...new Set(refs.map((r) => r.object_type))];
  for (const type of types) {
    const ids = refs.filter((r) => r.object_type === type).map((r) => r.object_id);
    const { rows } = await sql<ObjRow>`SELECT ${selectOf(type)} FROM ${TYPES[type].from} WHERE o.id = ANY(${ids}::uuid[])`.execute(db);
    out.push(...rows.map(present));
  }
  return out.sort((a, b) => a.type.localeCompare(b.type) || b.number.localeCompare(a.number) || a.title.localeCompare(b.title));
}
