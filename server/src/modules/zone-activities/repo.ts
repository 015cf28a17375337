import type { ZoneMode } from '@liandong/domain/org/enums';
import type { ZoneActivity } from '@liandong/domain/zone-activities/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool';
import { type Actor, hasAnyRole } from '../../platform/access';
import { zoneVisible } from '../orgs';

/*
 * 片区协作 in SQL. Visibility follows the zone (orgs/scope.ts zoneVisible: its county, its lead or one of
 * today's members in the actor's scope). Writes: staff of the zone's lead or member orgs, and county
 * staff of the zone's county (the county commission itself or its offices and township commissions).
 */

/** Roles that read zone activities (business roles; the unit liaison has no part in them). */
export const ZONE_ACTIVITY_ROLES = [
  'SECRETARY',
  'DEPUTY_OR_MEMBER',
  'STANDING_COMMITTEE',
  'PETITION_OFFICER',
  'CASE_MANAGER',
  'OFFICE_STAFF',
  'GROUP_STAFF',
  'COUNTY_STAFF',
  'TRIAL_STAFF',
  'CADRE_SUPERVISION',
] as const;

/** SQL: the actor may write activities of the zone (alias of work_zone). */
export function zoneWritable(actor: Actor, alias: string): RawBuilder<boolean> {
  const me = actor.orgId;
  const county = hasAnyRole(actor, ['COUNTY_STAFF'])
    ? sql`OR ${sql.ref(`${alias}.county_org_id`)} = ${me}::uuid
          OR EXISTS (SELECT 1 FROM org mo WHERE mo.id = ${me}::uuid AND mo.parent_id = ${sql.ref(`${alias}.county_org_id`)})`
    : sql``;
  return sql<boolean>`(${sql.ref(`${alias}.lead_org_id`)} = ${me}::uuid
    OR EXISTS (SELECT 1 FROM work_zone_member wm WHERE wm.zone_id = ${sql.ref(`${alias}.id`)}
      AND (wm.valid_to IS NULL OR wm.valid_to >= current_date) AND wm.org_id = ${me}::uuid) ${county})`;
}

export interface ZoneRow {
  id: string;
  commission_id: string;
  county_org_id: string;
  lead_org_id: string;
  modes: ZoneMode[];
  valid_to: string | null;
  writable: boolean;
}

/** A zone the actor sees (with whether they may write its activities), or undefined. */
export async function findVisibleZone(db: Db, actor: Actor, zoneId: string): Promise<ZoneRow | undefined> {
  const r = await sql<ZoneRow>`SELECT z.id, z.commission_id, z.county_org_id, z.lead_org_id, z.modes, z.valid_to::text AS valid_to,
      ${zoneWritable(actor, 'z')} AS writable
    FROM work_zone z WHERE z.id = ${zoneId}::uuid AND z.commission_id = ${actor.commissionId}::uuid AND ${zoneVisible(actor, 'z')}`.execute(db);
  return r.rows[0];
}

/** Whether the actor may write the activities of at least one zone. */
export async function writesAnyZone(db: Db, actor: Actor): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM work_zone z WHERE z.commission_id = ${actor.commissionId}::uuid
    AND z.valid_to IS NULL AND ${zoneWritable(actor, 'z')}) AS ok`.execute(db);
  return r.rows[0]!.ok;
}

type ActivityRow = Omit<ZoneActivity, 'abilities' | 'createdAt'> & { createdAt: Date; writable: boolean };

export interface ActivityFilter {
  id?: string;
  zoneId?: string;
  year?: number;
  mode?: ZoneMode;
}

/** Activities the actor sees, newest first. */
export async function listActivities(db: Db, actor: Actor, f: ActivityFilter): Promise<ActivityRow[]> {
  const r = await sql<ActivityRow>`
    SELECT a.id, a.zone_id AS "zoneId", z.name_zh AS "zoneName", c.name_zh AS "countyName", a.mode, a.title,
           a.held_from::text AS "heldFrom", a.held_to::text AS "heldTo", a.summary, a.outcomes, a.version, a.created_at AS "createdAt",
           (SELECT COALESCE(json_agg(json_build_object('id', o.id, 'name', o.name_zh, 'kind', o.kind)
                   ORDER BY array_position(a.participant_org_ids, o.id)), '[]'::json)
              FROM org o WHERE o.id = ANY(a.participant_org_ids)) AS participants,
           (SELECT count(*)::int FROM supervision_finding f WHERE f.zone_activity_id = a.id) AS "findingCount",
           json_build_object('id', COALESCE(u.id::text, ''), 'name', COALESCE(u.display_name, '系统')) AS "createdBy",
           ${zoneWritable(actor, 'z')} AS writable
      FROM zone_activity a
      JOIN work_zone z ON z.id = a.zone_id
      JOIN org c ON c.id = z.county_org_id
      LEFT JOIN app_user u ON u.id = a.created_by
     WHERE a.commission_id = ${actor.commissionId}::uuid AND ${zoneVisible(actor, 'z')}
       ${f.id ? sql`AND a.id = ${f.id}::uuid` : sql``}
       ${f.zoneId ? sql`AND a.zone_id = ${f.zoneId}::uuid` : sql``}
       ${f.year ? sql`AND a.held_from >= make_date(${f.year}::int, 1, 1) AND a.held_from < make_date(${f.year}::int + 1, 1, 1)` : sql``}
       ${f.mode ? sql`AND a.mode = ${f.mode}` : sql``}
     ORDER BY a.held_from DESC, a.created_at DESC
     LIMIT 500`.execute(db);
  return r.rows;
}

export async function listFindings(db: Db, activityId: string) {
  const r = await sql<{
    id: string;
    description: string;
    disposition: string;
    hu_id: string | null;
    hu_name: string | null;
    by_id: string | null;
    by_name: string | null;
    created_at: Date;
  }>`
    SELECT f.id, f.description, f.disposition, h.id AS hu_id, h.name_zh AS hu_name, u.id AS by_id, u.display_name AS by_name, f.created_at
      FROM supervision_finding f LEFT JOIN org h ON h.id = f.host_unit_id LEFT JOIN app_user u ON u.id = f.created_by
     WHERE f.zone_activity_id = ${activityId}::uuid ORDER BY f.created_at, f.id`.execute(db);
  return r.rows;
}

/** Orgs allowed as participants of a zone's activity: today's members, the lead, the county's offices and township commissions. */
export async function allowedParticipants(db: Db, zone: ZoneRow): Promise<Set<string>> {
  const r = await sql<{ id: string }>`
    SELECT wm.org_id AS id FROM work_zone_member wm WHERE wm.zone_id = ${zone.id}::uuid AND (wm.valid_to IS NULL OR wm.valid_to >= current_date)
    UNION SELECT ${zone.lead_org_id}::uuid
    UNION SELECT o.id FROM org o WHERE o.parent_id = ${zone.county_org_id}::uuid
      AND o.kind IN ('INTERNAL_OFFICE', 'TOWNSHIP_COMMISSION') AND (o.valid_to IS NULL OR o.valid_to >= current_date)`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}
