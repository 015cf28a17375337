import type { CaseState } from '@liandong/domain/cases/machine';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import { notFound } from '../../platform/errors';
import { searchVector } from '../../platform/search';
import { actorFactsSql, type CaseActorFacts, type CaseActorFactsRow, type CaseGuardFacts, factsOf } from './policy';
import { caseVisible, type SharedRead } from '../visibility';

type Q = Kysely<DB> | Transaction<DB>;

/** The case_file columns the services read, plus the actor's facts and today's date. */
export interface CaseRow extends CaseActorFactsRow {
  id: string;
  commission_id: string;
  case_no: string;
  title: string;
  summary: string;
  subject_name: string;
  subject_position: string | null;
  lead_org_id: string;
  cadre_management: 'SAME_LEVEL_PARTY' | 'LOWER' | 'OTHER';
  state: CaseState;
  trial_due: string | null;
  trial_extended: boolean;
  trial_talk_on: string | null;
  trial_report: string | null;
  version: number;
  today: string;
}

export interface LoadedCase {
  row: CaseRow;
  facts: CaseActorFacts;
}

/**
 * Loads a case the actor can see — 404 otherwise — with the actor's facts. `lock` takes the row lock
 * (FOR UPDATE) inside the caller's transaction: every write to a case and its children goes through it.
 */
export async function loadCase(db: Q, actor: Actor, id: string, lock: boolean): Promise<LoadedCase> {
  const row = await findCase(db, actor, id, lock);
  if (!row) throw notFound('案件');
  return { row, facts: factsOf(actor, row.lead_org_id, row) };
}

/** The case row as the actor may see it, or undefined (missing or not visible: both 404 to the caller). */
export async function findCase(db: Q, actor: Actor, id: string, lock: boolean, opts: { shared?: SharedRead } = {}): Promise<CaseRow | undefined> {
  const { rows } = await sql<CaseRow & { visible: boolean }>`SELECT c.id, c.commission_id, c.case_no, c.title, c.summary,
      c.subject_name, c.subject_position, c.lead_org_id, c.cadre_management, c.state, c.trial_due::text AS trial_due, c.trial_extended,
      c.trial_talk_on::text AS trial_talk_on, c.trial_report, c.version, current_date::text AS today,
      ${caseVisible(actor, 'c', opts)} AS visible ${actorFactsSql(actor)}
    FROM case_file c
    WHERE c.id = ${id}::uuid AND c.commission_id = ${actor.commissionId}::uuid
    ${lock ? sql`FOR UPDATE OF c` : sql``}`.execute(db);
  const row = rows[0];
  return row?.visible ? row : undefined;
}

/** The facts the machine's guards read. */
export async function guardFacts(db: Q, caseRow: Pick<CaseRow, 'id' | 'trial_talk_on' | 'trial_report'>): Promise<CaseGuardFacts> {
  const { rows } = await sql<{ trial_active: number; conflicts: string[] | null; has_prosecution: boolean; transferred: boolean }>`SELECT
      (SELECT count(*)::int FROM case_team_member t WHERE t.case_id = ${caseRow.id}::uuid AND t.team = 'TRIAL' AND t.left_on IS NULL) AS trial_active,
      (SELECT array_agg(DISTINCT u.display_name) FROM case_team_member t JOIN app_user u ON u.id = t.user_id
        WHERE t.case_id = ${caseRow.id}::uuid AND t.team = 'TRIAL' AND t.left_on IS NULL
          AND EXISTS (SELECT 1 FROM case_team_member i WHERE i.case_id = t.case_id AND i.team = 'INVESTIGATION' AND i.user_id = t.user_id)) AS conflicts,
      EXISTS (SELECT 1 FROM case_outcome o WHERE o.case_id = ${caseRow.id}::uuid AND o.kind = 'PROSECUTION') AS has_prosecution,
      EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = ${caseRow.id}::uuid AND e.action = 'transferToProcuratorate') AS transferred`.execute(db);
  const r = rows[0]!;
  return {
    trialActiveCount: r.trial_active,
    conflictNames: r.conflicts ?? [],
    trialTalkOn: caseRow.trial_talk_on,
    trialReport: caseRow.trial_report,
    hasProsecution: r.has_prosecution,
    prosecutionTransferred: r.transferred,
  };
}

/** Active accounts holding any of the roles, in the commission. */
export async function usersWithRole(db: Q, commissionId: string, roles: readonly string[]): Promise<string[]> {
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

/** Active members of a case's teams. */
export async function activeTeamUsers(db: Q, caseId: string, team?: 'INVESTIGATION' | 'TRIAL'): Promise<string[]> {
  let q = db.selectFrom('case_team_member').select('user_id').distinct().where('case_id', '=', caseId).where('left_on', 'is', null);
  if (team) q = q.where('team', '=', team);
  return (await q.execute()).map((r) => r.user_id);
}

/** Refreshes the jieba search vector of a case from its current text. */
export async function refreshSearch(trx: Transaction<DB>, caseId: string) {
  const c = await trx
    .selectFrom('case_file')
    .select(['case_no', 'title', 'summary', 'subject_name', 'subject_position'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('case_file')
    .set({ search_tsv: searchVector([c.case_no, c.title, c.summary, c.subject_name, c.subject_position]) })
    .where('id', '=', caseId)
    .execute();
}
