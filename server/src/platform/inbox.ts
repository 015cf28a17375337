import { ADMIN_ROLES, type Classification, type Role } from '@liandong/domain/access/enums';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/pool';
import type { DB } from '../db/types';
import type { Actor } from './access';

export interface Notice {
  commissionId: string;
  userId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** Same key for the same user → the notice is sent once, however often the job reruns. */
  dedupeKey?: string;
}

/** Puts a message in a user's in-app inbox. Returns 1 when written, 0 when the dedupe key already exists. */
export async function notify(db: Pick<Db, 'insertInto'>, n: Notice): Promise<number> {
  const r = await db
    .insertInto('inbox_message')
    .values({
      commission_id: n.commissionId,
      user_id: n.userId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? '',
      link: n.link ?? null,
      dedupe_key: n.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** Any Kysely handle: the pool or a transaction (a notice sees the object as the transaction left it). */
type Q = Kysely<DB>;

/**
 * SQL that yields a row when `actor` may open the object — the object's own visibility predicate, e.g.
 * `sql\`SELECT 1 FROM clue c WHERE c.id = ${id}::uuid AND ${clueVisible(actor, 'c')}\``.
 */
export type VisibleTo = (actor: Actor) => RawBuilder<unknown>;

interface CandidateRow {
  id: string;
  username: string;
  display_name: string;
  person_id: string;
  commission_id: string;
  org_id: string;
  clearance: string;
  roles: Role[];
  scope_ids: string[] | null;
  org_total: number;
}

/**
 * The accounts, among `candidates`, that may open the object: each candidate is evaluated as an actor
 * (roles, clearance, org scope as `actor_org_scope` computes it) against the object's own predicate, in
 * one statement. Inactive accounts and the 三员 are dropped first: administrators get no business notices.
 * Why: a notice carries the object's title or number, so it must reach exactly who could open it — not
 * everyone of an org (recused, below the clearance, or placed there as an administrator).
 */
export async function whoMayOpen(db: Q, candidates: Iterable<string | null | undefined>, visibleTo: VisibleTo): Promise<string[]> {
  const ids = [...new Set([...candidates].filter((c): c is string => typeof c === 'string' && c.length > 0))];
  if (ids.length === 0) return [];
  const { rows } = await sql<CandidateRow>`
    SELECT u.id, u.username, u.display_name, u.person_id, u.commission_id, u.org_id, u.clearance,
           ARRAY(SELECT r.role FROM user_role r WHERE r.user_id = u.id ORDER BY r.role) AS roles,
           (SELECT array_agg(s.org_id) FROM actor_org_scope(u.id) s) AS scope_ids,
           (SELECT count(*)::int FROM org o WHERE o.commission_id = u.commission_id) AS org_total
      FROM app_user u
     WHERE u.id = ANY(${ids}::uuid[]) AND u.status = 'ACTIVE'`.execute(db);
  const actors: Actor[] = rows
    .filter((r) => !r.roles.some((role) => ADMIN_ROLES.includes(role)))
    .map((r) => {
      const scopeIds = r.scope_ids ?? [];
      const wide = scopeIds.length > 0 && scopeIds.length === r.org_total;
      return {
        userId: r.id,
        username: r.username,
        displayName: r.display_name,
        personId: r.person_id,
        commissionId: r.commission_id,
        orgId: r.org_id,
        roles: r.roles,
        clearance: r.clearance as Classification,
        sessionId: 'notice',
        restriction: null,
        scope: { wide, orgIds: wide ? [] : scopeIds },
      };
    });
  if (actors.length === 0) return [];
  const arms = actors.map((a) => sql`SELECT ${a.userId}::uuid AS user_id WHERE EXISTS (${visibleTo(a)})`);
  const allowed = await sql<{ user_id: string }>`${sql.join(arms, sql` UNION ALL `)}`.execute(db);
  const ok = new Set(allowed.rows.map((r) => r.user_id));
  return ids.filter((id) => ok.has(id));
}
