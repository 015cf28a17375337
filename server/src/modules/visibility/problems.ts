import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/types';
import { type Actor, inOrgScope } from '../../platform/access';

/**
 * SQL: the problem (难点堵点 / 行业性 / 系统性问题) aliased `p` is visible — its owner org or an org of its
 * joint analysis is in the actor's scope (the leaders' wide scope sees all). Deny by default: anything else
 * answers 404. Below the problems, letters and campaigns modules: a letter or a campaign converted from a
 * problem names it only to a reader who may open it.
 */
export function problemVisible(actor: Actor, p = 'p'): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${p}.commission_id`)} = ${actor.commissionId}::uuid AND (${inOrgScope(actor, `${p}.owner_org_id`)}
    OR EXISTS (SELECT 1 FROM problem_analysis_org pa WHERE pa.problem_id = ${sql.ref(`${p}.id`)} AND ${inOrgScope(actor, 'pa.org_id')})))`;
}

/** The problems the object was converted from (problem_conversion), only those the reader may see. */
export async function sourceProblems(
  db: Kysely<DB>,
  actor: Actor,
  targetType: 'letter' | 'campaign',
  targetId: string,
): Promise<{ id: string; title: string }[]> {
  const { rows } = await sql<{ id: string; title: string }>`SELECT p.id, p.title FROM problem_conversion pc JOIN problem p ON p.id = pc.problem_id
    WHERE pc.target_type = ${targetType} AND pc.target_id = ${targetId}::uuid AND ${problemVisible(actor, 'p')}
    ORDER BY pc.created_at`.execute(db);
  return rows;
}
