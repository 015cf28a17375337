import type { Role } from '@liandong/domain/access/enums';
import type { Classification } from '@liandong/domain/access/enums';
import type { ClueSource } from '@liandong/domain/clues/enums';
import type { Approver, ClueState } from '@liandong/domain/clues/machine';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import { notFound } from '../../platform/errors';
import { getOrgScope } from '../../platform/scope-cache';
import type { ClueFacts } from './policy';
import { clueVisible } from '../visibility';

/* Reads of clues shared by the services: the locked row, the org level, the accounts of approvers. */

export type Q = Db | Transaction<DB>;

export interface ClueRow {
  id: string;
  commission_id: string;
  year: number;
  clue_no: string | null;
  source: ClueSource;
  received_on: string;
  receiving_org_id: string;
  real_name: boolean;
  title: string;
  summary: string;
  subject_name: string;
  subject_position: string | null;
  subject_org_id: string | null;
  cadre_management: 'SAME_LEVEL_PARTY' | 'LOWER' | 'OTHER';
  is_subordinate_top_leader: boolean;
  undertaking_org_id: string | null;
  state: ClueState;
  acknowledge_due: string | null;
  acknowledged_on: string | null;
  feedback_due: string | null;
  feedback_on: string | null;
  case_id: string | null;
  version: number;
  visible: boolean;
  pending_request: boolean;
}

/** The clue row locked FOR UPDATE, or undefined when it does not exist or the actor cannot see it. */
export async function findClueForUpdate(trx: Transaction<DB>, actor: Actor, id: string): Promise<ClueRow | undefined> {
  const { rows } = await sql<ClueRow>`SELECT c.id, c.commission_id, c.year, c.clue_no, c.source, to_char(c.received_on, 'YYYY-MM-DD') AS received_on,
      c.receiving_org_id, c.real_name, c.title, c.summary, c.subject_name, c.subject_position, c.subject_org_id, c.cadre_management,
      c.is_subordinate_top_leader, c.undertaking_org_id, c.state, c.acknowledge_due, c.acknowledged_on, c.feedback_due, c.feedback_on,
      c.case_id, c.version, ${clueVisible(actor, 'c')} AS visible,
      EXISTS (SELECT 1 FROM clue_request r WHERE r.clue_id = c.id AND r.status = 'PENDING') AS pending_request
    FROM clue c WHERE c.id = ${id}::uuid AND c.commission_id = ${actor.commissionId}::uuid
    FOR UPDATE OF c`.execute(trx);
  return rows[0]?.visible ? rows[0] : undefined;
}

/** The clue row locked FOR UPDATE, or 404 when it does not exist or the actor cannot see it. */
export async function lockClue(trx: Transaction<DB>, actor: Actor, id: string): Promise<ClueRow> {
  const row = await findClueForUpdate(trx, actor, id);
  if (!row) throw notFound('问题线索');
  return row;
}

export function factsOf(row: ClueRow): ClueFacts {
  return {
    state: row.state,
    receivingOrgId: row.receiving_org_id,
    undertakingOrgId: row.undertaking_org_id,
    source: row.source,
    realName: row.real_name,
    acknowledgeDue: row.acknowledge_due,
    acknowledgedOn: row.acknowledged_on,
    feedbackDue: row.feedback_due,
    feedbackOn: row.feedback_on,
    hasPendingRequest: row.pending_request,
  };
}

/** The approval level of an org: COUNTY when it is a county commission or below one, else MUNICIPAL. */
export async function orgLevel(db: Q, orgId: string | null): Promise<'MUNICIPAL' | 'COUNTY'> {
  if (!orgId) return 'MUNICIPAL';
  const { rows } = await sql<{ county: boolean }>`WITH RECURSIVE up AS (
      SELECT o.id, o.parent_id, o.kind, 0 AS depth FROM org o WHERE o.id = ${orgId}::uuid
      UNION ALL SELECT p.id, p.parent_id, p.kind, up.depth + 1 FROM org p JOIN up ON p.id = up.parent_id WHERE up.depth < 20
    ) SELECT EXISTS (SELECT 1 FROM up WHERE kind IN ('COUNTY_COMMISSION','NEW_AREA_COMMISSION','TOWNSHIP_COMMISSION')) AS county`.execute(db);
  return rows[0]?.county ? 'COUNTY' : 'MUNICIPAL';
}

/** Active accounts holding one of the roles in the commission. */
export async function usersWithRoles(db: Q, commissionId: string, roles: readonly Role[]): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select('u.id')
    .distinct()
    .where('u.commission_id', '=', commissionId)
    .where('u.status', '=', 'ACTIVE')
    .where('r.role', 'in', [...roles])
    .execute();
  return rows.map((r) => r.id);
}

/** Active staff accounts of an org (its undertaking staff). */
export async function staffOfOrg(db: Q, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('app_user').select('id').where('org_id', '=', orgId).where('status', '=', 'ACTIVE').execute();
  return rows.map((r) => r.id);
}

/** The 分管领导 accounts for whom the clue is visible (clueVisible evaluated with each one's scope). */
export async function overseeingLeadersOf(db: Db, commissionId: string, clueId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string; username: string; display_name: string; person_id: string; org_id: string; clearance: string; roles: Role[] }>`
    SELECT u.id, u.username, u.display_name, u.person_id, u.org_id, u.clearance,
           (SELECT array_agg(r2.role) FROM user_role r2 WHERE r2.user_id = u.id) AS roles
      FROM app_user u
     WHERE u.commission_id = ${commissionId}::uuid AND u.status = 'ACTIVE'
       AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'DEPUTY_OR_MEMBER')`.execute(db);
  const epoch = await sql<{ epoch: number }>`SELECT epoch FROM scope_epoch WHERE id = 1`.execute(db);
  const out: string[] = [];
  for (const u of rows) {
    const actor: Actor = {
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      personId: u.person_id,
      commissionId,
      orgId: u.org_id,
      roles: u.roles ?? [],
      clearance: u.clearance as Classification,
      sessionId: '',
      restriction: null,
      scope: await getOrgScope(db, u.id, commissionId, Number(epoch.rows[0]?.epoch ?? 0)),
    };
    const seen = await sql<{ ok: boolean }>`SELECT ${clueVisible(actor, 'c')} AS ok FROM clue c WHERE c.id = ${clueId}::uuid`.execute(db);
    if (seen.rows[0]?.ok) out.push(u.id);
  }
  return out;
}

/** Accounts that can decide a step of this kind on this clue. */
export async function approverUsers(db: Db, commissionId: string, clueId: string, kind: Approver): Promise<string[]> {
  switch (kind) {
    case 'OVERSEEING_LEADER':
      return overseeingLeadersOf(db, commissionId, clueId);
    case 'PRINCIPAL_LEADER':
      return usersWithRoles(db, commissionId, ['SECRETARY']);
    default:
      return usersWithRoles(db, commissionId, ['SECRETARY', 'CASE_MANAGER']);
  }
}
