import type { IntegrityActor } from '@liandong/domain/integrity/machine';
import { type RawBuilder, sql } from 'kysely';
import { prepared } from '../../db/pool';
import { type Actor, hasAnyRole, recordVisible } from '../../platform/access';
import { type SharedRead, sharedTo } from '../visibility';
import type { Q } from './repo';
import { INTEGRITY_ROLES } from '@liandong/domain/access/role-sets';
export { INTEGRITY_ROLES };

/*
 * Who sees a 党风廉政意见回复 (domain.md d: integrity files are custodian-only, every consultation
 * logged): the staff of the 干部监督室 that answers it, the 书记, and the leader who oversees that
 * 干部监督室 today. Nobody else — other offices, dispatched groups, counties, unit liaisons, the standing
 * committee, the 三员 — learns that a reply (or a cadre's name in one) exists: 404 everywhere.
 */

/** SQL: the actor oversees (分管), today, the org in `orgColumn`. */
function oversees(actor: Actor, orgColumn: RawBuilder<unknown>): RawBuilder<boolean> {
  if (!hasAnyRole(actor, ['DEPUTY_OR_MEMBER'])) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM oversight ov JOIN leadership_member lm ON lm.id = ov.leader_id
    WHERE lm.person_id = ${actor.personId}::uuid AND ov.commission_id = ${actor.commissionId}::uuid AND ov.office_id = ${orgColumn}
      AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)
      AND (lm.valid_to IS NULL OR lm.valid_to >= current_date))`;
}

/** SQL: the actor is staff of the 干部监督室 in `orgColumn`. */
function draftsFor(actor: Actor, orgColumn: RawBuilder<unknown>): RawBuilder<boolean> {
  if (!hasAnyRole(actor, ['CADRE_SUPERVISION'])) return sql<boolean>`false`;
  return sql<boolean>`${orgColumn} = ${actor.orgId}::uuid`;
}

/** SQL predicate over an `integrity_reply` row aliased `r`: the one rule of every read, lock and notice. */
export function integrityVisible(actor: Actor, r = 'r', opts: { shared?: SharedRead } = {}): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${r}.${c}`);
  // 信息互通 (干部信息): an issued reply named by a grant in force, to the grantee org's staff.
  const shared = opts.shared ? sql<boolean>`(${col('state')} = 'ISSUED' AND ${sharedTo('INTEGRITY_REPLY', r, opts.shared)})` : sql<boolean>`false`;
  if (!hasAnyRole(actor, INTEGRITY_ROLES) && !opts.shared) return sql<boolean>`false`;
  const leader = hasAnyRole(actor, ['SECRETARY']) ? sql<boolean>`true` : oversees(actor, col('drafting_org_id'));
  return sql<boolean>`(${col('commission_id')} = ${actor.commissionId}::uuid
    AND (${draftsFor(actor, col('drafting_org_id'))} OR ${leader} OR ${shared})
    AND ${recordVisible(actor, { classification: `${r}.classification`, objectType: 'integrity_reply', id: `${r}.id` })})`;
}

/**
 * The 干部监督室 the actor belongs to (the drafting org of what they register), or null: only its staff
 * register requests.
 */
export async function draftingOrgOf(db: Q, actor: Actor): Promise<string | null> {
  if (!hasAnyRole(actor, ['CADRE_SUPERVISION'])) return null;
  const o = await db
    .selectFrom('org')
    .select('id')
    .where('id', '=', actor.orgId)
    .where('commission_id', '=', actor.commissionId)
    .where('office_kind', '=', 'CADRE_SUPERVISION')
    .executeTakeFirst();
  return o?.id ?? null;
}

/**
 * May the actor reach the replies at all (the ledger, registering)? The 书记, the 干部监督室 staff and a
 * leader who oversees a 干部监督室. Anyone else gets 404 — the register does not exist for them.
 */
export async function reachesIntegrity(db: Q, actor: Actor): Promise<boolean> {
  if (hasAnyRole(actor, ['SECRETARY'])) return true;
  if (await draftingOrgOf(db, actor)) return true;
  if (!hasAnyRole(actor, ['DEPUTY_OR_MEMBER'])) return false;
  // Named (GET /me asks it of every leader): its text is the same for all of them, planned once per connection.
  const { rows } = await prepared(
    sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM org o WHERE o.commission_id = ${actor.commissionId}::uuid
    AND o.office_kind = 'CADRE_SUPERVISION' AND ${oversees(actor, sql.ref('o.id'))}) AS ok`,
  ).execute(db);
  return rows[0]?.ok === true;
}

/** The facts of a reply the roles are computed from. */
export interface ReplyFacts {
  drafting_org_id: string;
  /** The actor oversees the drafting org today (computed in the scoped read). */
  overseen: boolean;
}

/** The caller's roles on a reply: DRAFTER (its 干部监督室), APPROVER (书记, overseeing leader). */
export function replyRoles(actor: Actor, r: ReplyFacts): Set<IntegrityActor> {
  const roles = new Set<IntegrityActor>();
  if (hasAnyRole(actor, ['CADRE_SUPERVISION']) && actor.orgId === r.drafting_org_id) roles.add('DRAFTER');
  if (hasAnyRole(actor, ['SECRETARY']) || (hasAnyRole(actor, ['DEPUTY_OR_MEMBER']) && r.overseen)) roles.add('APPROVER');
  return roles;
}

/** SQL: the `overseen` column of the scoped read. */
export function overseenColumn(actor: Actor, r = 'r'): RawBuilder<boolean> {
  return oversees(actor, sql.ref(`${r}.drafting_org_id`));
}
