import type { Role } from '@liandong/domain/access/enums';
import type { UserListQuery } from '@liandong/domain/users/contracts';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types';

/** SQL of the users module. Every query is bound to the caller's commission: other tenants' accounts do not exist here. */

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

function baseQuery(db: Kysely<DB>, commissionId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.org_id',
      'o.name_zh as org_name',
      'u.clearance',
      'u.status',
      'u.totp_enabled',
      'u.last_login_at',
      'u.locked_until',
      'u.must_change_password',
      'u.version',
      'u.person_id',
      'u.privileged_role_removed_at',
      sql<Role[]>`ARRAY(SELECT r.role FROM user_role r WHERE r.user_id = u.id ORDER BY r.role)`.as('roles'),
    ])
    .where('u.commission_id', '=', commissionId);
}

export function findUser(db: Kysely<DB>, commissionId: string, id: string) {
  return baseQuery(db, commissionId).where('u.id', '=', id).executeTakeFirst();
}

/** Locks the account row for the rest of the transaction and returns its current version, or undefined. */
export async function lockUser(db: Kysely<DB>, commissionId: string, id: string): Promise<number | undefined> {
  const r = await db.selectFrom('app_user').select('version').where('id', '=', id).where('commission_id', '=', commissionId).forUpdate().executeTakeFirst();
  return r?.version;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(db: Kysely<DB>, commissionId: string, q: UserListQuery) {
  let query = baseQuery(db, commissionId);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    query = query.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  if (q.orgId) query = query.where('u.org_id', '=', q.orgId);
  if (q.status) query = query.where('u.status', '=', q.status);
  if (q.role) query = query.where(sql<boolean>`EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = ${q.role})`);
  const [rows, count] = await Promise.all([
    query
      .orderBy('o.sort_order')
      .orderBy('u.username')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** An org of the commission that is in force today, or undefined. */
export function findActiveOrg(db: Kysely<DB>, commissionId: string, orgId: string) {
  return db
    .selectFrom('org')
    .select(['id', 'name_zh'])
    .where('id', '=', orgId)
    .where('commission_id', '=', commissionId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', sql<string>`current_date`)]))
    .executeTakeFirst();
}

/** Ends every open session of an account (disable, credential reset, role change). */
export async function revokeSessions(db: Kysely<DB>, userId: string, reason: string): Promise<number> {
  const r = await db
    .updateTable('user_session')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Whether another account of the commission that is not disabled holds `role`. */
export async function otherHolderExists(db: Kysely<DB>, commissionId: string, role: Role, exceptUserId: string): Promise<boolean> {
  const r = await db
    .selectFrom('user_role as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select('u.id')
    .where('r.role', '=', role)
    .where('u.commission_id', '=', commissionId)
    .where('u.status', '<>', 'DISABLED')
    .where('u.id', '<>', exceptUserId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}
