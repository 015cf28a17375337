import type { ShareDetail, ShareEffect, ShareKind, ShareObjectType, ShareOrigin, ShareState } from '@liandong/domain/shares/enums';
import type { ShareSummary } from '@liandong/domain/shares/contracts';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import { approvesFor, shareVisible } from './access';

export type Q = Db | Transaction<DB>;

/** One share as every read and the kernel load it (with the caller's approver fact). */
export interface ShareRow {
  id: string;
  commission_id: string;
  origin: ShareOrigin;
  kind: ShareKind;
  owner_org_id: string;
  owner_name: string;
  grantee_org_id: string;
  grantee_name: string;
  started_by: string;
  started_by_name: string;
  started_org_id: string;
  approver_id: string | null;
  approver_name: string | null;
  purpose: string;
  detail: ShareDetail;
  starts_on: string;
  ends_on: string;
  category_types: ShareObjectType[];
  state: ShareState;
  effect: ShareEffect;
  object_count: number;
  created_at: Date;
  decided_at: Date | null;
  decision_comment: string | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
  version: number;
  today: string;
  /** The caller may approve it (the 书记, or the leader overseeing its owner org today). */
  approver: boolean;
}

/** The columns of ShareRow over `information_share s` joined by SHARE_FROM. */
export function shareSelect(actor: Actor) {
  return sql`s.id, s.commission_id, s.origin, s.kind, s.owner_org_id, oo.name_zh AS owner_name, s.grantee_org_id, go.name_zh AS grantee_name,
    s.started_by, su.display_name AS started_by_name, s.started_org_id, s.approver_id, au.display_name AS approver_name, s.purpose, s.detail,
    to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on, s.category_types, s.state,
    CASE WHEN s.state <> 'APPROVED' THEN 'NONE' WHEN current_date < s.starts_on THEN 'NOT_STARTED'
      WHEN current_date > s.ends_on THEN 'EXPIRED' ELSE 'ACTIVE' END AS effect,
    (SELECT count(*)::int FROM information_share_object so WHERE so.share_id = s.id) AS object_count,
    s.created_at, s.decided_at, s.decision_comment, s.revoked_at, s.revoke_reason, s.version,
    to_char(current_date, 'YYYY-MM-DD') AS today, ${approvesFor(actor, sql.ref('s.owner_org_id'))} AS approver`;
}

export const SHARE_FROM = sql`information_share s JOIN org oo ON oo.id = s.owner_org_id JOIN org go ON go.id = s.grantee_org_id
  JOIN app_user su ON su.id = s.started_by LEFT JOIN app_user au ON au.id = s.approver_id`;

/** The share as the caller may see it (undefined: missing or not visible, both 404), locked when asked. */
export async function findShare(db: Q, actor: Actor, id: string, lock: boolean): Promise<ShareRow | undefined> {
  const { rows } = await sql<ShareRow>`SELECT ${shareSelect(actor)} FROM ${SHARE_FROM}
    WHERE s.id = ${id}::uuid AND s.commission_id = ${actor.commissionId}::uuid AND ${shareVisible(actor, 's')}
    ${lock ? sql`FOR UPDATE OF s` : sql``}`.execute(db);
  return rows[0];
}

export function presentShare(r: ShareRow): ShareSummary {
  return {
    id: r.id,
    origin: r.origin,
    kind: r.kind,
    state: r.state,
    effect: r.effect,
    ownerOrg: { id: r.owner_org_id, name: r.owner_name },
    granteeOrg: { id: r.grantee_org_id, name: r.grantee_name },
    startedBy: { id: r.started_by, name: r.started_by_name },
    approver: r.approver_id ? { id: r.approver_id, name: r.approver_name ?? '' } : null,
    purpose: r.purpose,
    detail: r.detail,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    objectCount: r.object_count,
    categoryTypes: r.category_types,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    version: r.version,
  };
}

/** Active accounts of the commission who may approve shares of `ownerOrgId` today (the notices' audience). */
export async function approversOf(db: Q, commissionId: string, ownerOrgId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN user_role ur ON ur.user_id = u.id
    WHERE u.commission_id = ${commissionId}::uuid AND u.status = 'ACTIVE' AND (ur.role = 'SECRETARY'
      OR (ur.role = 'DEPUTY_OR_MEMBER' AND EXISTS (SELECT 1 FROM oversight ov JOIN leadership_member lm ON lm.id = ov.leader_id
        WHERE lm.person_id = u.person_id AND ov.commission_id = ${commissionId}::uuid
          AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)
          AND (lm.valid_to IS NULL OR lm.valid_to >= current_date)
          AND (ov.office_id = ${ownerOrgId}::uuid OR ov.office_id IN (SELECT li.office_id FROM liaison li WHERE li.target_id = ${ownerOrgId}::uuid
            AND li.valid_from <= current_date AND (li.valid_to IS NULL OR li.valid_to >= current_date))))))`.execute(db);
  return rows.map((r) => r.id);
}

/** Active staff accounts of an org (the notices' audience on the requesting, owning and receiving sides). */
export async function staffOfOrg(db: Q, orgId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT u.id FROM app_user u WHERE u.org_id = ${orgId}::uuid AND u.status = 'ACTIVE'`.execute(db);
  return rows.map((r) => r.id);
}
