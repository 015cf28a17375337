import { sql } from 'kysely';
import type { Actor } from '../../platform/access';
import type { LeaderRow } from './present';
import type { Q } from './repo-orgs';
import { leaderVisible, notEnded } from './scope';

/** 委领导 with their 分管 in force today, as a JSON array built in the same statement. */
function leaderQuery(db: Q, actor: Actor) {
  return db
    .selectFrom('leadership_member as lm')
    .innerJoin('person as p', 'p.id', 'lm.person_id')
    .innerJoin('org as o', 'o.id', 'lm.org_id')
    .select([
      'lm.id',
      'lm.person_id',
      'p.name_zh',
      'lm.title',
      'lm.org_id',
      'o.name_zh as org_name',
      'lm.valid_from',
      'lm.valid_to',
      'lm.version',
      sql<LeaderRow['oversees']>`COALESCE((
        SELECT json_agg(json_build_object('linkId', ov.id, 'officeId', ov.office_id, 'officeName', oo.name_zh) ORDER BY oo.sort_order, oo.code)
          FROM oversight ov JOIN org oo ON oo.id = ov.office_id
         WHERE ov.leader_id = lm.id AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)), '[]'::json)`.as('oversees'),
    ])
    .where('lm.commission_id', '=', actor.commissionId)
    .where(leaderVisible(actor, 'lm'));
}

export async function listLeaders(db: Q, actor: Actor, includeEnded: boolean): Promise<LeaderRow[]> {
  let q = leaderQuery(db, actor);
  if (!includeEnded) q = q.where(notEnded('lm'));
  return (await q.orderBy('o.sort_order').orderBy('lm.sort_order').orderBy('lm.valid_from').execute()) as LeaderRow[];
}

export async function findLeader(db: Q, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<LeaderRow | undefined> {
  let q = leaderQuery(db, actor).where('lm.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('lm');
  return (await q.executeTakeFirst()) as LeaderRow | undefined;
}
