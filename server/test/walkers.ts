import { sql } from 'kysely';
import type { Db } from '../src/db/pool';
import type { Actor } from '../src/platform/access';
import type { Ctx } from '../src/platform/context';
import { getOrgScope } from '../src/platform/scope-cache';

/*
 * Shared by the property tests of the keyed ledgers (issue 12): an account's actor as the session hook builds it
 * (roles, clearance, the org scope at the current scope epoch), a service context for it, and a walk over every page
 * of a ledger.
 */

/** The actor of an account, as a signed-in request carries it. */
export async function actorOf(db: Db, userId: string): Promise<Actor> {
  const { rows } = await sql<{
    id: string;
    username: string;
    display_name: string;
    person_id: string | null;
    commission_id: string;
    org_id: string;
    clearance: Actor['clearance'];
    roles: Actor['roles'];
  }>`SELECT u.id, u.username, u.display_name, u.person_id, u.commission_id, u.org_id, u.clearance,
      ARRAY(SELECT role FROM user_role r WHERE r.user_id = u.id ORDER BY role) AS roles FROM app_user u WHERE u.id = ${userId}::uuid`.execute(db);
  const u = rows[0];
  if (!u) throw new Error(`no account ${userId}`);
  const epoch = await sql<{ epoch: string }>`SELECT epoch FROM scope_epoch WHERE id = 1`.execute(db);
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    personId: u.person_id,
    commissionId: u.commission_id,
    orgId: u.org_id,
    roles: u.roles,
    clearance: u.clearance,
    sessionId: '00000000-0000-0000-0000-000000000000',
    restriction: null,
    scope: await getOrgScope(db, u.id, u.commission_id, Number(epoch.rows[0]?.epoch ?? 0)),
  } as Actor;
}

/** A service context of an actor (no request, no transaction). */
export const ctxOf = (db: Db, actor: Actor) => ({ db, actor }) as unknown as Ctx;

/** Every page of a ledger, in order (stops at the first short page). */
export async function walk(fetch: (page: number, pageSize: number) => Promise<{ items: { id: string }[]; total: number }>, pageSize: number) {
  const ids: string[] = [];
  for (let page = 1; page < 500; page++) {
    const r = await fetch(page, pageSize);
    ids.push(...r.items.map((i) => i.id));
    if (r.items.length < pageSize) break;
  }
  return ids;
}
