import type { ShareActor } from '@liandong/domain/shares/machine';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole } from '../../platform/access';
import { oversees } from '../visibility';
import { SHARE_ROLES } from '@liandong/domain/access/role-sets';
export { SHARE_ROLES };

/*
 * Who sees a 信息共享 and what they may do with it (domain.md d: a share needs the approval of the owning
 * side's 分管领导). A share is seen by the staff of the org that started it and of the owner org, by its
 * approvers (the 书记, the leader overseeing the owner org today, directly or through its liaison office),
 * and — once approved — by the grantee org's staff. A push the owner started is unknown to the grantee
 * until approved. Everyone else gets 404: that two sides exchange information is itself need-to-know.
 */

/** SQL: the county-level commission an org in `orgColumn` belongs to (a county office, township, county 派驻组), or null. */
function countyOf(orgColumn: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(SELECT op.parent_id FROM org op JOIN org pc ON pc.id = op.parent_id
    WHERE op.id = ${orgColumn} AND pc.kind IN ('COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'))`;
}

/**
 * SQL: the actor approves shares whose owner org is in `ownerColumn`: the 书记; the leader who oversees the
 * owner today (an office directly; a group or county through the office liaising with it); for an org inside
 * a county (its offices, townships, 派驻组), the leader overseeing the office that liaises with the county.
 */
export function approvesFor(actor: Actor, ownerColumn: RawBuilder<unknown>): RawBuilder<boolean> {
  if (hasAnyRole(actor, ['SECRETARY'])) return sql<boolean>`true`;
  return sql<boolean>`(${oversees(actor, ownerColumn)} OR ${oversees(actor, countyOf(ownerColumn))})`;
}

/** SQL predicate over an `information_share` row aliased `s`. */
export function shareVisible(actor: Actor, s = 's'): RawBuilder<boolean> {
  if (!hasAnyRole(actor, SHARE_ROLES)) return sql<boolean>`false`;
  const col = (c: string) => sql.ref(`${s}.${c}`);
  const org = sql`${actor.orgId}::uuid`;
  return sql<boolean>`(${col('commission_id')} = ${actor.commissionId}::uuid
    AND (${col('started_org_id')} = ${org} OR ${col('owner_org_id')} = ${org}
      OR (${col('grantee_org_id')} = ${org} AND ${col('state')} IN ('APPROVED', 'REVOKED'))
      OR ${approvesFor(actor, col('owner_org_id'))}))`;
}

/** The caller's roles on a share, from the facts its row was loaded with. */
export function shareRoles(actor: Actor, row: { started_org_id: string; owner_org_id: string; approver: boolean }): Set<ShareActor> {
  const roles = new Set<ShareActor>();
  if (!hasAnyRole(actor, SHARE_ROLES)) return roles;
  if (row.started_org_id === actor.orgId) roles.add('STARTER');
  if (row.owner_org_id === actor.orgId) roles.add('OWNER');
  if (row.approver) roles.add('APPROVER');
  return roles;
}
