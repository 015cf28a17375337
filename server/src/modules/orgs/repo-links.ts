import type { CoverageRole, LinkType } from '@liandong/domain/org/enums';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access';
import type { Q } from './repo-orgs';
import { linkVisible, notEnded } from './scope';

/** A link as read from the `org_link` view (migration 0002) with the to-end's name. */
export interface LinkRow {
  id: string;
  type: LinkType;
  from_id: string;
  from_name: string;
  to_id: string;
  to_name: string;
  role: CoverageRole | null;
  valid_from: string;
  valid_to: string | null;
  version: number;
}

function linkQuery(db: Q, actor: Actor) {
  return db
    .selectFrom('org_link as l')
    .innerJoin('org as t', 't.id', 'l.to_id')
    .select(['l.id', 'l.type', 'l.from_id', 'l.from_name', 'l.to_id', 't.name_zh as to_name', 'l.role', 'l.valid_from', 'l.valid_to', 'l.version'])
    .where('l.commission_id', '=', actor.commissionId)
    .where(linkVisible(actor, 'l'));
}

/** Visible links, optionally of one type and/or touching one org (or zone or leader) at either end. */
export async function listLinks(db: Q, actor: Actor, f: { type?: LinkType; orgId?: string; includeEnded: boolean }): Promise<LinkRow[]> {
  let q = linkQuery(db, actor);
  if (f.type) q = q.where('l.type', '=', f.type);
  if (f.orgId) {
    const orgId = f.orgId;
    q = q.where((eb) => eb.or([eb('l.from_id', '=', orgId), eb('l.to_id', '=', orgId)]));
  }
  if (!f.includeEnded) q = q.where(notEnded('l'));
  const rows = await q.orderBy('l.type').orderBy('l.from_name').orderBy('t.sort_order').orderBy('l.valid_from').execute();
  return rows as LinkRow[];
}

export async function findLink(db: Q, actor: Actor, type: LinkType, id: string): Promise<LinkRow | undefined> {
  return (await linkQuery(db, actor).where('l.type', '=', type).where('l.id', '=', id).executeTakeFirst()) as LinkRow | undefined;
}

/** The table and column names behind each link type. */
export const LINK_TABLES = {
  OVERSIGHT: { table: 'oversight', from: 'leader_id', to: 'office_id' },
  LIAISON: { table: 'liaison', from: 'office_id', to: 'target_id' },
  DISPATCH: { table: 'dispatch_coverage', from: 'group_id', to: 'host_unit_id' },
  ZONE_MEMBER: { table: 'work_zone_member', from: 'zone_id', to: 'org_id' },
} as const satisfies Record<LinkType, { table: string; from: string; to: string }>;

/** Locks one link row of the commission and returns its dates and version. */
export async function lockLink(db: Q, commissionId: string, type: LinkType, id: string) {
  const t = LINK_TABLES[type];
  const { rows } = await sql<{ id: string; from_id: string; to_id: string; valid_from: string; valid_to: string | null; version: number }>`
    SELECT id, ${sql.ref(t.from)} AS from_id, ${sql.ref(t.to)} AS to_id, valid_from, valid_to, version
      FROM ${sql.table(t.table)} WHERE id = ${id}::uuid AND commission_id = ${commissionId}::uuid FOR UPDATE`.execute(db);
  return rows[0];
}

/** Sets the last day of a link and bumps its version. */
export async function endLinkRow(db: Q, type: LinkType, id: string, validTo: string): Promise<void> {
  const t = LINK_TABLES[type];
  await sql`UPDATE ${sql.table(t.table)} SET valid_to = ${validTo}::date, version = version + 1 WHERE id = ${id}::uuid`.execute(db);
}

/**
 * An identical link that has not ended before `validFrom` (an overlapping duplicate). DISPATCH
 * pairs are identical whatever the role: a group covers a unit in one way at a time.
 */
export async function overlappingLink(db: Q, commissionId: string, type: LinkType, fromId: string, toId: string, validFrom: string) {
  const t = LINK_TABLES[type];
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM ${sql.table(t.table)} WHERE commission_id = ${commissionId}::uuid
       AND ${sql.ref(t.from)} = ${fromId}::uuid AND ${sql.ref(t.to)} = ${toId}::uuid
       AND (valid_to IS NULL OR valid_to >= ${validFrom}::date) LIMIT 1`.execute(db);
  return rows[0];
}

/** Inserts a link row; returns its id. */
export async function insertLink(
  db: Q,
  commissionId: string,
  l: { type: LinkType; fromId: string; toId: string; role: CoverageRole | null; validFrom: string },
): Promise<string> {
  const base = { commission_id: commissionId, valid_from: l.validFrom };
  switch (l.type) {
    case 'OVERSIGHT':
      return (
        await db
          .insertInto('oversight')
          .values({ ...base, leader_id: l.fromId, office_id: l.toId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    case 'LIAISON':
      return (
        await db
          .insertInto('liaison')
          .values({ ...base, office_id: l.fromId, target_id: l.toId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    case 'DISPATCH':
      return (
        await db
          .insertInto('dispatch_coverage')
          .values({ ...base, group_id: l.fromId, host_unit_id: l.toId, role: l.role ?? 'RESIDENT' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    case 'ZONE_MEMBER':
      return (
        await db
          .insertInto('work_zone_member')
          .values({ ...base, zone_id: l.fromId, org_id: l.toId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
  }
}

/** Today's date in the database's calendar (the same `current_date` every validity check uses). */
export async function today(db: Q): Promise<string> {
  const { rows } = await sql<{ d: string }>`SELECT current_date::text AS d`.execute(db);
  return rows[0]!.d;
}
