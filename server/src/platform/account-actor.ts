import type { Classification, Role } from '@liandong/domain/access/enums';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../db/pool';
import type { AppUser } from '../db/types';
import type { Actor } from './access';
import { getOrgScope, type OrgScope } from './scope-cache';

/** The account an actor is built for: by id or by sign-in name. */
export type AccountRef = { userId: string } | { username: string };

/** The session id of an actor built without a session (the nil uuid: it matches no `user_session.public_id`). */
export const NO_SESSION = '00000000-0000-0000-0000-000000000000';

/** The columns of an account an actor is made of. */
export type AccountRow = Pick<Selectable<AppUser>, 'id' | 'username' | 'display_name' | 'person_id' | 'commission_id' | 'org_id' | 'clearance'>;

/**
 * An account's actor with the roles and org scope given rather than read (the demo loader and service tests act with
 * set ones), its own clearance unless one is given. No session, no restriction.
 */
export function actorWith(u: AccountRow, given: { roles: Role[]; scope: OrgScope; clearance?: Classification }): Actor {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    personId: u.person_id,
    commissionId: u.commission_id,
    orgId: u.org_id,
    roles: given.roles,
    clearance: given.clearance ?? (u.clearance as Classification),
    sessionId: NO_SESSION,
    restriction: null,
    scope: given.scope,
  };
}

/**
 * An account's actor as a signed-in request carries it — row, roles, clearance and the need-to-know org scope at
 * the current scope epoch (from the scope cache, as the session hook reads it) — for code that acts as an account
 * without a session: the bench's bare routes, the demo loader and tests. No session (NO_SESSION), no restriction.
 * Undefined when there is no such account.
 */
export async function findAccountActor(db: Db, account: AccountRef): Promise<Actor | undefined> {
  const u = await db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.username', 'u.display_name', 'u.person_id', 'u.commission_id', 'u.org_id', 'u.clearance'])
    .select(sql<Role[]>`ARRAY(SELECT role FROM user_role r WHERE r.user_id = u.id ORDER BY role)`.as('roles'))
    .select(sql<string>`(SELECT epoch FROM scope_epoch WHERE id = 1)`.as('scope_epoch'))
    .$call((q) => ('userId' in account ? q.where('u.id', '=', account.userId) : q.where('u.username', '=', account.username)))
    .executeTakeFirst();
  if (!u) return undefined;
  return actorWith(u, { roles: u.roles, scope: await getOrgScope(db, u.id, u.commission_id, Number(u.scope_epoch ?? 0)) });
}

/** As findAccountActor, for an account that must exist (a seeded or demo account): throws when there is none. */
export async function loadAccountActor(db: Db, account: AccountRef): Promise<Actor> {
  const actor = await findAccountActor(db, account);
  if (!actor) throw new Error(`no account ${'userId' in account ? account.userId : account.username}`);
  return actor;
}
