import type { Role } from '@liandong/domain/access/enums';
import type { Transaction } from 'kysely';
import type { DB } from '../db/types';
import { actorWith } from '../platform/account-actor';
import type { Ctx } from '../platform/context';

/**
 * The demo loader acts as this account when it moves objects through the other modules' doors (the kernel, the
 * hand-overs): the account's own roles unless `roles` are given, its own org as its scope.
 */
export async function demoCtx(trx: Transaction<DB>, username: string, roles?: Role[]): Promise<Ctx> {
  const u = await trx.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const held = roles ?? (await trx.selectFrom('user_role').select('role').where('user_id', '=', u.id).execute()).map((r) => r.role as Role);
  const actor = actorWith(u, { roles: held, scope: { wide: false, orgIds: [u.org_id] } });
  return { db: trx, actor, requestId: 'demo', ip: '127.0.0.1' } as unknown as Ctx;
}
