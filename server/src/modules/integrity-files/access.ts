import type { FileRequestActor } from '@liandong/domain/integrity-files/machine';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import { type Db, prepared } from '../../db/pool';
import type { DB } from '../../db/types';
import { type Actor, hasAnyRole, recordVisible } from '../../platform/access';

/*
 * Who reaches a 廉政档案 (domain.md b.6, d: custodian-only, recusal, approval by the 分管领导 for every
 * consultation, consultation log [C S64]):
 * - the CUSTODIAN: staff (role CADRE_SUPERVISION) of the 干部监督室 that keeps the file — maintain and read;
 * - a READER under a live approval: a request of theirs for that cadre, APPROVED, not past its end date —
 *   only the requested sections, only until then;
 * - nobody else, not the 书记, not the approving leader: 404, the file does not exist for them.
 * Recusal (回避) everywhere: nobody reaches their own file, nor a file they declared a recusal from.
 */

export type Q = Db | Transaction<DB>;

/** SQL: the actor is the custodian of the file (or request) row aliased `f` whose custodian org is `custodian_org_id`. */
export function custodianArm(actor: Actor, f: string): RawBuilder<boolean> {
  if (!hasAnyRole(actor, ['CADRE_SUPERVISION'])) return sql<boolean>`false`;
  return sql<boolean>`${sql.ref(`${f}.custodian_org_id`)} = ${actor.orgId}::uuid`;
}

/** SQL: the actor holds an approval in force for the cadre in `personColumn` (optionally covering `section`). */
export function liveGrantArm(actor: Actor, personColumn: RawBuilder<unknown>, section?: string): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM integrity_file_request g WHERE g.requester_id = ${actor.userId}::uuid
    AND g.commission_id = ${actor.commissionId}::uuid AND g.person_id = ${personColumn} AND g.state = 'APPROVED'
    AND g.valid_until >= current_date ${section ? sql`AND ${section} = ANY(g.sections)` : sql``})`;
}

/** SQL predicate over an `integrity_file` row aliased `f`: the actor may read it (custodian, or a live approval). */
export function fileVisible(actor: Actor, f = 'f'): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${f}.${c}`);
  return sql<boolean>`(${col('commission_id')} = ${actor.commissionId}::uuid AND ${col('person_id')} <> ${actor.personId}::uuid
    AND (${custodianArm(actor, f)} OR ${liveGrantArm(actor, col('person_id'))})
    AND ${recordVisible(actor, { classification: `${f}.classification`, objectType: 'integrity_file', id: `${f}.id` })})`;
}

/** SQL predicate over an `integrity_file` row aliased `f`: the actor keeps it (custodian, not recused). */
export function fileKept(actor: Actor, f = 'f'): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${f}.${c}`);
  return sql<boolean>`(${col('commission_id')} = ${actor.commissionId}::uuid AND ${col('person_id')} <> ${actor.personId}::uuid
    AND ${custodianArm(actor, f)}
    AND ${recordVisible(actor, { classification: `${f}.classification`, objectType: 'integrity_file', id: `${f}.id` })})`;
}

/** SQL: the actor oversees (分管), today, the org in `orgColumn` — directly, as b.6 asks of the approver. */
export function overseesArm(actor: Actor, orgColumn: RawBuilder<unknown>): RawBuilder<boolean> {
  if (!hasAnyRole(actor, ['DEPUTY_OR_MEMBER'])) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM oversight ov JOIN leadership_member lm ON lm.id = ov.leader_id
    WHERE lm.person_id = ${actor.personId}::uuid AND ov.commission_id = ${actor.commissionId}::uuid AND ov.office_id = ${orgColumn}
      AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)
      AND lm.valid_from <= current_date AND (lm.valid_to IS NULL OR lm.valid_to >= current_date))`;
}

/**
 * SQL: the 书记 stands in for the 分管领导 when the cadre of the request aliased `r` is themself a leader overseeing
 * the custodian today (回避: that leader may not decide on their own file, and b.6 leaves no other approver).
 */
function standInArm(actor: Actor, r: string): RawBuilder<boolean> {
  if (!hasAnyRole(actor, ['SECRETARY'])) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM oversight ov JOIN leadership_member lm ON lm.id = ov.leader_id
    WHERE lm.person_id = ${sql.ref(`${r}.person_id`)} AND ov.office_id = ${sql.ref(`${r}.custodian_org_id`)}
      AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)
      AND lm.valid_from <= current_date AND (lm.valid_to IS NULL OR lm.valid_to >= current_date))`;
}

/** SQL: the actor decides requests like the one aliased `r` — the leader overseeing its custodian, or the 书记 standing in. */
export function decidesArm(actor: Actor, r = 'r'): RawBuilder<boolean> {
  return sql<boolean>`(${overseesArm(actor, sql.ref(`${r}.custodian_org_id`))} OR ${standInArm(actor, r)})`;
}

/**
 * SQL predicate over an `integrity_file_request` row aliased `r`: its requester, whoever decides it (the leaders
 * overseeing its custodian today, or the 书记 standing in) and the custodian's staff see it — never the cadre it
 * is about (回避: they learn nothing of who asks to read their file).
 */
export function requestVisible(actor: Actor, r = 'r'): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${r}.${c}`);
  return sql<boolean>`(${col('commission_id')} = ${actor.commissionId}::uuid AND ${col('person_id')} <> ${actor.personId}::uuid
    AND (${col('requester_id')} = ${actor.userId}::uuid OR ${decidesArm(actor, r)} OR ${custodianArm(actor, r)}))`;
}

/** The caller's roles on a request: REQUESTER (filed it), APPROVER (decides it — never the requester, never the cadre). */
export function requestRoles(actor: Actor, r: { requester_id: string; person_id: string; overseen: boolean }): Set<FileRequestActor> {
  const roles = new Set<FileRequestActor>();
  if (r.requester_id === actor.userId) roles.add('REQUESTER');
  else if (r.overseen && r.person_id !== actor.personId) roles.add('APPROVER');
  return roles;
}

/** The 干部监督室 the actor keeps files for (their own org, when it is one and they hold the role), or null. */
export async function custodianOrgOf(db: Q, actor: Actor): Promise<string | null> {
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

/** The commission's custodian 干部监督室 (the one a request goes to), or null when the commission has none. */
export async function commissionCustodian(db: Q, commissionId: string): Promise<string | null> {
  const o = await db
    .selectFrom('org')
    .select('id')
    .where('commission_id', '=', commissionId)
    .where('office_kind', '=', 'CADRE_SUPERVISION')
    .orderBy('code')
    .executeTakeFirst();
  return o?.id ?? null;
}

/** Does the actor decide requests — oversees a 干部监督室 today, or is the 书记 (the stand-in)? The approvals screen exists for them. */
export async function approvesRequests(db: Q, actor: Actor): Promise<boolean> {
  if (hasAnyRole(actor, ['SECRETARY'])) return true;
  if (!hasAnyRole(actor, ['DEPUTY_OR_MEMBER'])) return false;
  // Named (GET /me asks it of every leader): its text is the same for all of them, planned once per connection.
  const { rows } = await prepared(
    sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM org o WHERE o.commission_id = ${actor.commissionId}::uuid
    AND o.office_kind = 'CADRE_SUPERVISION' AND ${overseesArm(actor, sql.ref('o.id'))}) AS ok`,
  ).execute(db);
  return rows[0]?.ok === true;
}
