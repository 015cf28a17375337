import { sql } from 'kysely';
import type { Db } from '../src/db/pool';
import type { Actor } from '../src/platform/access';

/*
 * A random write step of the keyed ledgers' property tests (issue 12): the actor joins the case's team (办案组), or
 * leaves it when already on it — the case-team arm of a record's, letter's or case's visibility moves either way.
 */

/**
 * The actor onto the case's team (an INVESTIGATION membership of the actor's org), or off it (`left_on` today) when an
 * active membership is there. `db` reads, `owner` writes (the owner's connection: no application checks on the way).
 */
export async function joinOrLeaveCaseTeam(db: Db, owner: Db, commissionId: string, caseId: string, actor: Pick<Actor, 'userId' | 'orgId'>): Promise<void> {
  const on = (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_team_member WHERE case_id = ${caseId}::uuid AND user_id = ${actor.userId}::uuid
      AND left_on IS NULL`.execute(db)
  ).rows[0]!.n;
  if (on) {
    await sql`UPDATE case_team_member SET left_on = current_date WHERE case_id = ${caseId}::uuid AND user_id = ${actor.userId}::uuid
      AND left_on IS NULL`.execute(owner);
  } else {
    await sql`INSERT INTO case_team_member (commission_id, case_id, team, user_id, org_id)
      VALUES (${commissionId}::uuid, ${caseId}::uuid, 'INVESTIGATION', ${actor.userId}::uuid, ${actor.orgId}::uuid)`.execute(owner);
  }
}
