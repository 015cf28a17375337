import { sql } from 'kysely';
import type { Actor } from '../../platform/access';
import type { ZoneRow } from './present';
import type { Q } from './repo-orgs';
import { notEnded, zoneVisible } from './scope';

/** 片区 with county, lead and today's members (JSON array built in the same statement). */
function zoneQuery(db: Q, actor: Actor) {
  return db
    .selectFrom('work_zone as z')
    .innerJoin('org as c', 'c.id', 'z.county_org_id')
    .leftJoin('org as lo', 'lo.id', 'z.lead_org_id')
    .select([
      'z.id',
      'z.name_zh',
      'z.county_org_id',
      'c.name_zh as county_name',
      'z.lead_org_id',
      'lo.name_zh as lead_org_name',
      'z.modes',
      'z.valid_from',
      'z.valid_to',
      'z.version',
      sql<ZoneRow['members']>`COALESCE((
        SELECT json_agg(json_build_object('linkId', m.id, 'orgId', m.org_id, 'orgName', mo.name_zh, 'kind', mo.kind) ORDER BY mo.sort_order, mo.code)
          FROM work_zone_member m JOIN org mo ON mo.id = m.org_id
         WHERE m.zone_id = z.id AND (m.valid_to IS NULL OR m.valid_to >= current_date)), '[]'::json)`.as('members'),
    ])
    .where('z.commission_id', '=', actor.commissionId)
    .where(zoneVisible(actor, 'z'));
}

export async function listZones(db: Q, actor: Actor, includeEnded: boolean): Promise<ZoneRow[]> {
  let q = zoneQuery(db, actor);
  if (!includeEnded) q = q.where(notEnded('z'));
  return (await q.orderBy('c.sort_order').orderBy('z.name_zh').execute()) as ZoneRow[];
}

export async function findZone(db: Q, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<ZoneRow | undefined> {
  let q = zoneQuery(db, actor).where('z.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('z');
  return (await q.executeTakeFirst()) as ZoneRow | undefined;
}
