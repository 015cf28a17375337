import type { OrgKind } from '@liandong/domain/org/enums';
import type { TaskForce, TaskForceMember } from '@liandong/domain/taskforces/contracts';
import type { TaskForcePurpose, TaskForceRole } from '@liandong/domain/taskforces/enums';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/types';
import { type Actor, hasAnyRole } from '../../platform/access';
import { campaignVisible } from '../visibility';

/*
 * 工作专班 in SQL. A campaign's 专班 is seen by whoever sees the campaign (campaignVisible: its lead office,
 * its participants' scope, the leaders, and the 专班's own members for their dates); it is formed and changed
 * by the staff of the campaign's lead office, the 书记, and the leader overseeing (分管) the lead office today.
 */

type Q = Kysely<DB>;

/** Roles of accounts that may serve on a 专班: business staff (never a unit liaison or one of the 三员). */
export const MEMBER_EXCLUDED_ROLES = ['UNIT_LIAISON', 'SYS_ADMIN', 'SEC_ADMIN', 'AUDIT_ADMIN'] as const;

/** SQL: the actor may form and change the 专班 of the campaign row aliased `c`. */
export function manageTaskForce(actor: Actor, c = 'c'): RawBuilder<boolean> {
  const lead = sql.ref(`${c}.lead_org_id`);
  const secretary = hasAnyRole(actor, ['SECRETARY']);
  const overseer = hasAnyRole(actor, ['DEPUTY_OR_MEMBER'])
    ? sql<boolean>`EXISTS (SELECT 1 FROM leadership_member lm JOIN oversight ov ON ov.leader_id = lm.id
        WHERE lm.person_id = ${actor.personId}::uuid AND ov.office_id = ${lead}
          AND lm.valid_from <= current_date AND (lm.valid_to IS NULL OR lm.valid_to >= current_date)
          AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date))`
    : sql<boolean>`false`;
  const staff = hasAnyRole(actor, ['OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF']);
  return sql<boolean>`(${secretary}::boolean OR (${staff}::boolean AND ${lead} = ${actor.orgId}::uuid) OR ${overseer})`;
}

export interface CampaignRow {
  id: string;
  name: string;
  lead_org_id: string;
  lead_org_name: string;
  starts_on: string | null;
  ends_on: string | null;
  manage: boolean;
}

/** The campaign if the actor sees it (with whether they manage its 专班), else undefined → 404. */
export async function findCampaign(db: Q, actor: Actor, campaignId: string): Promise<CampaignRow | undefined> {
  const { rows } = await sql<CampaignRow>`
    SELECT c.id, c.name, c.lead_org_id, lo.name_zh AS lead_org_name, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on,
           ${manageTaskForce(actor, 'c')} AS manage
      FROM campaign c JOIN org lo ON lo.id = c.lead_org_id
     WHERE c.id = ${campaignId}::uuid AND ${campaignVisible(actor, 'c')}`.execute(db);
  return rows[0];
}

export interface TaskForceRow {
  id: string;
  campaign_id: string;
  name_zh: string;
  purpose: TaskForcePurpose;
  note: string;
  valid_from: string;
  valid_to: string | null;
  version: number;
  created_at: Date;
}

/** The campaign's 专班 row (no scope check: the caller has checked the campaign). */
export async function findTaskForce(db: Q, campaignId: string): Promise<TaskForceRow | undefined> {
  const { rows } = await sql<TaskForceRow>`
    SELECT id, campaign_id, name_zh, purpose, note, valid_from::text AS valid_from, valid_to::text AS valid_to, version, created_at
      FROM task_force WHERE campaign_id = ${campaignId}::uuid`.execute(db);
  return rows[0];
}

export interface MemberRow {
  id: string;
  user_id: string;
  role: TaskForceRole;
  from_org_id: string | null;
  valid_from: string;
  valid_to: string;
  ended_at: Date | null;
}

/** Every membership of the 专班, history included. */
export async function memberRows(db: Q, taskForceId: string): Promise<MemberRow[]> {
  const { rows } = await sql<MemberRow>`
    SELECT id, user_id, role, from_org_id, valid_from::text AS valid_from, valid_to::text AS valid_to, ended_at
      FROM task_force_member WHERE task_force_id = ${taskForceId}::uuid ORDER BY valid_from, added_at, id`.execute(db);
  return rows;
}

/** The 专班 as the API shows it: its members with names, posts and origin, co-leaders first, then by start. */
export async function presentTaskForce(db: Q, tf: TaskForceRow): Promise<TaskForce> {
  const { rows } = await sql<{
    id: string;
    user_id: string;
    user_name: string;
    username: string;
    position: string | null;
    role: TaskForceRole;
    org_id: string | null;
    org_name: string | null;
    org_kind: OrgKind | null;
    valid_from: string;
    valid_to: string;
    active: boolean;
    added_by: string | null;
    added_by_name: string | null;
    added_at: Date;
    ended_by: string | null;
    ended_by_name: string | null;
    ended_at: Date | null;
  }>`
    SELECT m.id, m.user_id, u.display_name AS user_name, u.username, p.position, m.role,
           o.id AS org_id, o.name_zh AS org_name, o.kind AS org_kind,
           m.valid_from::text AS valid_from, m.valid_to::text AS valid_to, current_date BETWEEN m.valid_from AND m.valid_to AS active,
           m.added_by, ab.display_name AS added_by_name, m.added_at, m.ended_by, eb.display_name AS ended_by_name, m.ended_at
      FROM task_force_member m
      JOIN app_user u ON u.id = m.user_id
      LEFT JOIN person p ON p.id = u.person_id
      LEFT JOIN org o ON o.id = m.from_org_id
      LEFT JOIN app_user ab ON ab.id = m.added_by
      LEFT JOIN app_user eb ON eb.id = m.ended_by
     WHERE m.task_force_id = ${tf.id}::uuid
     ORDER BY (m.role = 'CO_LEADER') DESC, (o.kind = 'INTERNAL_OFFICE') DESC, m.valid_from, m.added_at, m.id`.execute(db);
  const members: TaskForceMember[] = rows.map((r) => ({
    id: r.id,
    user: { id: r.user_id, name: r.user_name, username: r.username, position: r.position ?? '' },
    fromOrg: r.org_id ? { id: r.org_id, name: r.org_name ?? '', kind: r.org_kind as OrgKind } : null,
    role: r.role,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    active: r.active,
    ended: r.ended_at !== null,
    addedBy: r.added_by ? { id: r.added_by, name: r.added_by_name ?? '' } : null,
    addedAt: r.added_at.toISOString(),
    endedBy: r.ended_by ? { id: r.ended_by, name: r.ended_by_name ?? '' } : null,
    endedAt: r.ended_at?.toISOString() ?? null,
  }));
  return {
    id: tf.id,
    campaignId: tf.campaign_id,
    name: tf.name_zh,
    purpose: tf.purpose,
    note: tf.note,
    validFrom: tf.valid_from,
    validTo: tf.valid_to,
    version: tf.version,
    createdAt: tf.created_at.toISOString(),
    members,
  };
}

export interface StaffFacts {
  id: string;
  name: string;
  org_id: string;
  position: string;
  /** The account's org and every org above it (id, kind), nearest first. */
  chain: { id: string; kind: OrgKind }[];
  eligible: boolean;
}

/** Accounts of the commission by id, with their post, org chain and whether they may serve on a 专班. */
export async function staffFacts(db: Q, commissionId: string, userIds: string[]): Promise<Map<string, StaffFacts>> {
  if (userIds.length === 0) return new Map();
  const { rows } = await sql<StaffFacts>`
    SELECT u.id, u.display_name AS name, u.org_id, coalesce(p.position, '') AS position,
           (WITH RECURSIVE up AS (
              SELECT o.id, o.parent_id, o.kind, 0 AS depth FROM org o WHERE o.id = u.org_id
              UNION ALL SELECT q.id, q.parent_id, q.kind, up.depth + 1 FROM org q JOIN up ON q.id = up.parent_id WHERE up.depth < 20
            ) SELECT json_agg(json_build_object('id', up.id, 'kind', up.kind) ORDER BY up.depth) FROM up) AS chain,
           (u.status = 'ACTIVE'
             AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id)
             AND NOT EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = ANY(${[...MEMBER_EXCLUDED_ROLES]}::text[]))) AS eligible
      FROM app_user u LEFT JOIN person p ON p.id = u.person_id
     WHERE u.commission_id = ${commissionId}::uuid AND u.id = ANY(${userIds}::uuid[])`.execute(db);
  return new Map(rows.map((r) => [r.id, r]));
}
