import { SECONDMENT_ROLES } from '@liandong/domain/access/role-sets';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/access';

export { SECONDMENT_ROLES };

/** The 干部监督室 and the leaders: manage the pool and batches (scoped by their org scope). */
export const managesSecondments = (a: Actor): boolean => a.roles.some((r) => SECONDMENT_ROLES.includes(r));

/** A cadre account (`u` = app_user alias) within the actor's org scope and commission. */
export function cadreInScope(a: Actor, u = 'u'): RawBuilder<boolean> {
  const commission = sql<boolean>`${sql.ref(`${u}.commission_id`)} = ${a.commissionId}::uuid`;
  if (a.scope.wide) return commission;
  return sql<boolean>`(${commission} AND ${sql.ref(`${u}.org_id`)} = ANY(${a.scope.orgIds}::uuid[]))`;
}

/**
 * A batch (`b` = secondment_batch alias) the actor may see: a manager with a commission-wide scope sees every
 * batch; a scoped manager those they created or that second a cadre from their scope; a mentor only reaches
 * the members they mentor (checked per member, not here).
 */
export function batchVisible(a: Actor, b = 'b'): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${b}.${c}`);
  const commission = sql<boolean>`${col('commission_id')} = ${a.commissionId}::uuid`;
  if (!managesSecondments(a)) return sql<boolean>`false`;
  if (a.scope.wide) return commission;
  return sql<boolean>`(${commission} AND (${col('created_by')} = ${a.userId}::uuid OR EXISTS (
    SELECT 1 FROM secondment_member sm WHERE sm.batch_id = ${col('id')} AND sm.from_org_id = ANY(${a.scope.orgIds}::uuid[]))))`;
}
