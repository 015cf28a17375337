import type { Role } from '@liandong/domain/access/enums';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';
import { type Actor, hasAnyRole } from '../../platform/access';
import { problemVisible } from '../visibility';

export type Q = Db | Transaction<DB>;

/** Who registers problems and edits those of their org (or of an org in the joint analysis). */
export const PROBLEM_WRITE_ROLES: readonly Role[] = ['OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF', 'CASE_MANAGER'];

export const canWrite = (actor: Actor) => hasAnyRole(actor, PROBLEM_WRITE_ROLES);

export { problemVisible };

/** The actor's own org owns the problem or takes part in its joint analysis. */
export async function isParty(db: Q, actor: Actor, p: { id: string; owner_org_id: string }): Promise<boolean> {
  if (p.owner_org_id === actor.orgId) return true;
  const r = await db.selectFrom('problem_analysis_org').select('org_id').where('problem_id', '=', p.id).where('org_id', '=', actor.orgId).executeTakeFirst();
  return !!r;
}
