import { ADMIN_ROLES, type Role } from '@liandong/domain/access/enums';
import type { CredentialReset } from '@liandong/domain/users/contracts';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { hasAnyRole } from '../../platform/access';
import { AppError, forbidden, notFound } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notify } from '../../platform/inbox';
import { lockUser, revokeSessions, type UserRow } from './repo';

/**
 * 双人复核 of credential resets (三员, issue 8): a security administrator who could reset both the
 * password and the TOTP of the 书记 or of the audit administrator could sign in as them. For these
 * privileged accounts a reset is only a request until a second administrator approves it.
 */

/** Accounts whose credentials are reset only with a second administrator's approval: leadership and the 三员. */
export const PRIVILEGED_ROLES: readonly Role[] = ['SECRETARY', 'DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE', ...ADMIN_ROLES];
/** Who may approve or reject a request (never the requester, never the account itself). */
export const RESET_APPROVER_ROLES: readonly Role[] = ['SEC_ADMIN', 'SYS_ADMIN'];
const REQUEST_TTL_HOURS = 24;

/** How long an account that lost a privileged role is still treated as privileged for resets. */
const PRIVILEGE_MEMORY_DAYS = 30;

/**
 * Whether resetting this account's credentials needs a second administrator: it holds a privileged role,
 * or lost one within the last 30 days (else: strip the roles, reset alone, grant them back).
 */
export function isPrivileged(row: Pick<UserRow, 'roles' | 'privileged_role_removed_at'>, now = Date.now()): boolean {
  if (row.roles.some((r) => PRIVILEGED_ROLES.includes(r))) return true;
  return row.privileged_role_removed_at !== null && now - row.privileged_role_removed_at.getTime() < PRIVILEGE_MEMORY_DAYS * 86400_000;
}

type Kind = 'PASSWORD' | 'TOTP';
const KIND_ZH: Record<Kind, string> = { PASSWORD: '重置密码', TOTP: '重置动态口令' };

function requestQuery(db: Kysely<DB>, commissionId: string) {
  return db
    .selectFrom('credential_reset_request as q')
    .innerJoin('app_user as u', 'u.id', 'q.user_id')
    .innerJoin('app_user as rb', 'rb.id', 'q.requested_by')
    .leftJoin('app_user as db', 'db.id', 'q.decided_by')
    .select([
      'q.id',
      'q.user_id',
      'u.username',
      'u.display_name',
      'q.kind',
      'q.status',
      'q.requested_by',
      'rb.display_name as requested_by_name',
      'q.requested_at',
      'q.expires_at',
      'db.display_name as decided_by_name',
      'q.decided_at',
    ])
    .where('q.commission_id', '=', commissionId);
}
type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

function present(ctx: Ctx, r: RequestRow): CredentialReset {
  const status = r.status === 'PENDING' && r.expires_at.getTime() <= Date.now() ? 'EXPIRED' : (r.status as CredentialReset['status']);
  const approver = hasAnyRole(ctx.actor, RESET_APPROVER_ROLES) && ctx.actor.userId !== r.user_id;
  return {
    id: r.id,
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    kind: r.kind as Kind,
    status,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name,
    requestedAt: r.requested_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at?.toISOString() ?? null,
    abilities: {
      approve: status === 'PENDING' && approver && ctx.actor.userId !== r.requested_by,
      reject: status === 'PENDING' && approver,
    },
  };
}

/** GET /users/credential-resets — pending requests and those decided in the last 30 days. */
export async function listResets(ctx: Ctx): Promise<CredentialReset[]> {
  const rows = await requestQuery(ctx.db, ctx.actor.commissionId)
    .where((eb) => eb.or([eb('q.status', '=', 'PENDING'), eb('q.requested_at', '>', sql<Date>`now() - interval '30 days'`)]))
    .orderBy('q.requested_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => present(ctx, r));
}

async function getReset(ctx: Ctx, id: string): Promise<CredentialReset> {
  const row = await requestQuery(ctx.db, ctx.actor.commissionId).where('q.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('重置申请');
  return present(ctx, row);
}

/** Inbox notices to the other approvers of the commission (not `exceptIds`). */
async function tellApprovers(trx: Transaction<DB>, ctx: Ctx, exceptIds: string[], title: string) {
  const approvers = await trx
    .selectFrom('app_user as u')
    .select('u.id')
    .where('u.commission_id', '=', ctx.actor.commissionId)
    .where('u.status', '<>', 'DISABLED')
    .where('u.id', 'not in', exceptIds)
    .where(sql<boolean>`EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role IN ('SEC_ADMIN', 'SYS_ADMIN'))`)
    .execute();
  for (const a of approvers) {
    await notify(trx, { commissionId: ctx.actor.commissionId, userId: a.id, kind: 'security.credential_reset', title, link: '/admin/users?tab=resets' });
  }
}

/**
 * Files a reset of a privileged account as a request (the proposed password only as its argon2id
 * hash). One pending request per account and kind; a stale one expires first.
 */
export async function requestReset(ctx: Ctx, row: UserRow, kind: Kind, passwordHash: string | null): Promise<CredentialReset> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    await lockUser(trx, ctx.actor.commissionId, row.id);
    await trx
      .updateTable('credential_reset_request')
      .set({ status: 'EXPIRED', password_hash: null })
      .where('user_id', '=', row.id)
      .where('kind', '=', kind)
      .where('status', '=', 'PENDING')
      .where('expires_at', '<=', sql<Date>`now()`)
      .execute();
    const pending = await trx
      .selectFrom('credential_reset_request')
      .select('id')
      .where('user_id', '=', row.id)
      .where('kind', '=', kind)
      .where('status', '=', 'PENDING')
      .executeTakeFirst();
    if (pending) throw new AppError('CONFLICT', `该账号已有一项待批准的${KIND_ZH[kind]}申请，请等待批准或先驳回`);
    const created = await trx
      .insertInto('credential_reset_request')
      .values({
        commission_id: ctx.actor.commissionId,
        user_id: row.id,
        kind,
        password_hash: passwordHash,
        requested_by: ctx.actor.userId,
        expires_at: sql<Date>`now() + make_interval(hours => ${REQUEST_TTL_HOURS})`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'user.reset_requested',
      objectType: 'user',
      objectId: row.id,
      payload: { username: row.username, kind, requestId: created.id },
    });
    await tellApprovers(trx, ctx, [ctx.actor.userId, row.id], `待批准：${ctx.actor.displayName}申请${KIND_ZH[kind]}（账号 ${row.username}）`);
    return created.id;
  });
  return getReset(ctx, id);
}

/** Locks a request of the caller's commission that is still pending, or throws. */
async function lockPending(trx: Transaction<DB>, ctx: Ctx, id: string) {
  const q = await trx
    .selectFrom('credential_reset_request')
    .selectAll()
    .where('id', '=', id)
    .where('commission_id', '=', ctx.actor.commissionId)
    .forUpdate()
    .executeTakeFirst();
  if (!q) throw notFound('重置申请');
  if (q.status !== 'PENDING' || q.expires_at.getTime() <= Date.now()) throw new AppError('ILLEGAL_TRANSITION', '该申请已处理或已过期');
  if (q.user_id === ctx.actor.userId) throw forbidden('不能处理针对本人账号的重置申请');
  return q;
}

/**
 * POST /users/credential-resets/:id/approve — a second administrator carries out the reset: new
 * password (change required at next sign-in) or TOTP removed; the account's sessions end.
 */
export async function approveReset(ctx: Ctx, id: string): Promise<CredentialReset> {
  await ctx.db.transaction().execute(async (trx) => {
    const q = await lockPending(trx, ctx, id);
    if (q.requested_by === ctx.actor.userId) throw forbidden('不能批准本人提出的申请，须由另一名安全管理员或系统管理员批准');
    await lockUser(trx, ctx.actor.commissionId, q.user_id);
    const user = await trx.selectFrom('app_user').select(['username', 'password_hash']).where('id', '=', q.user_id).executeTakeFirstOrThrow();
    const bump = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` };
    if (q.kind === 'PASSWORD') {
      await trx.insertInto('password_history').values({ user_id: q.user_id, hash: user.password_hash }).execute();
      await trx
        .updateTable('app_user')
        .set({ password_hash: q.password_hash!, password_changed_at: new Date(), must_change_password: true, ...bump })
        .where('id', '=', q.user_id)
        .execute();
    } else {
      await trx
        .updateTable('app_user')
        .set({ totp_enabled: false, totp_secret_cipher: null, totp_pending_cipher: null, totp_last_step: null, ...bump })
        .where('id', '=', q.user_id)
        .execute();
    }
    const sessions = await revokeSessions(trx, q.user_id, q.kind === 'PASSWORD' ? 'PASSWORD_RESET' : 'TOTP_RESET');
    await trx
      .updateTable('credential_reset_request')
      .set({ status: 'APPROVED', decided_by: ctx.actor.userId, decided_at: new Date(), password_hash: null })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      type: q.kind === 'PASSWORD' ? 'user.password_reset' : 'user.totp_reset',
      objectType: 'user',
      objectId: q.user_id,
      payload: { username: user.username, requestId: id, requestedBy: q.requested_by, sessionsEnded: sessions },
    });
    await notify(trx, {
      commissionId: ctx.actor.commissionId,
      userId: q.requested_by,
      kind: 'security.credential_reset',
      title: `已批准：${KIND_ZH[q.kind as Kind]}（账号 ${user.username}），批准人 ${ctx.actor.displayName}`,
      link: '/admin/users?tab=resets',
    });
  });
  return getReset(ctx, id);
}

/** POST /users/credential-resets/:id/reject — another administrator refuses, or the requester withdraws. */
export async function rejectReset(ctx: Ctx, id: string): Promise<CredentialReset> {
  await ctx.db.transaction().execute(async (trx) => {
    const q = await lockPending(trx, ctx, id);
    await trx
      .updateTable('credential_reset_request')
      .set({ status: 'REJECTED', decided_by: ctx.actor.userId, decided_at: new Date(), password_hash: null })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, { type: 'user.reset_rejected', objectType: 'user', objectId: q.user_id, payload: { requestId: id, kind: q.kind } });
  });
  return getReset(ctx, id);
}
