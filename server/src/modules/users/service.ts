import {
  ADMIN_ROLES,
  CLASSIFICATION_LABELS,
  type Classification,
  classificationRank,
  ROLE_LABELS,
  type Role,
  SYSTEM_MAX_CLASSIFICATION,
} from '@liandong/domain/access/enums';
import type { CreateUserBody, CredentialReset, SetClearanceBody, SetRolesBody, UpdateUserBody, User, UserListQuery } from '@liandong/domain/users/contracts';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { AppError, businessRule, notFound, staleVersion } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { getSettings } from '../../platform/settings';
import { hashPassword, assertNewPasswordAllowed } from '../auth';
import { canCreateUser, roleSetProblem, userAbilities } from './policy';
import { presentUser } from './present';
import { findActiveOrg, findUser, listUsers as listUserRows, lockUser, otherHolderExists, revokeSessions, type UserRow } from './repo';
import { isPrivileged, PRIVILEGED_ROLES, requestReset } from './resets';

/** 三员: the clearance is the security administrator's to set, not the system administrator's. */
const clearanceNotYours = () =>
  new AppError('FORBIDDEN', '涉密等级由安全管理员设定（三员分立）', { issues: [{ path: 'clearance', message: '涉密等级由安全管理员设定' }] });

/** Account administration (账号与角色). Every write: lock, check version, act, audit — one transaction. */

export async function listUsers(ctx: Ctx, q: UserListQuery) {
  const { rows, total } = await listUserRows(ctx.db, ctx.actor.commissionId, q);
  return { items: rows.map((r) => presentUser(r, ctx.actor)), total, abilities: { create: canCreateUser(ctx.actor) } };
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  const row = await findUser(ctx.db, ctx.actor.commissionId, id);
  if (!row) throw notFound('账号');
  return presentUser(row, ctx.actor);
}

function assertClearance(clearance: Classification) {
  if (classificationRank(clearance) > classificationRank(SYSTEM_MAX_CLASSIFICATION)) {
    throw new AppError('BUSINESS_RULE', `本平台为非涉密系统，涉密等级不得高于“${CLASSIFICATION_LABELS[SYSTEM_MAX_CLASSIFICATION].zh}”`, {
      issues: [{ path: 'clearance', message: `不得高于${CLASSIFICATION_LABELS[SYSTEM_MAX_CLASSIFICATION].zh}` }],
    });
  }
}

async function assertOrg(ctx: Ctx, orgId: string) {
  const org = await findActiveOrg(ctx.db, ctx.actor.commissionId, orgId);
  if (!org) throw new AppError('BUSINESS_RULE', '所选单位不存在或已撤销', { issues: [{ path: 'orgId', message: '单位不存在或已撤销' }] });
  return org;
}

/** Password policy with the caller's field name in the issue paths. */
async function assertPassword(ctx: Ctx, userId: string | null, username: string, password: string, field: string) {
  const settings = await getSettings(ctx.db, ctx.actor.commissionId);
  try {
    await assertNewPasswordAllowed(ctx.db, userId, username, password, settings);
  } catch (err) {
    if (err instanceof AppError && err.code === 'PASSWORD_POLICY') {
      const issues = ((err.details as { issues?: { message: string }[] } | undefined)?.issues ?? []).map((i) => ({ path: field, message: i.message }));
      throw new AppError('PASSWORD_POLICY', err.message, { issues });
    }
    throw err;
  }
}

/** POST /users: person + account without roles (the security administrator grants them). */
export async function createUser(ctx: Ctx, body: CreateUserBody): Promise<User> {
  assertClearance(body.clearance);
  if (body.clearance !== 'PUBLIC') throw clearanceNotYours();
  await assertOrg(ctx, body.orgId);
  const taken = await ctx.db.selectFrom('app_user').select('id').where('username', '=', body.username).executeTakeFirst();
  if (taken) throw new AppError('DUPLICATE', `用户名“${body.username}”已被使用`, { issues: [{ path: 'username', message: '用户名已被使用' }] });
  await assertPassword(ctx, null, body.username, body.initialPassword, 'initialPassword');
  const passwordHash = await hashPassword(body.initialPassword);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const person = await trx
      .insertInto('person')
      .values({
        commission_id: ctx.actor.commissionId,
        name_zh: body.displayName,
        gender: body.gender ?? null,
        unit_id: body.orgId,
        position: body.position || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await trx
      .insertInto('app_user')
      .values({
        commission_id: ctx.actor.commissionId,
        username: body.username,
        person_id: person.id,
        org_id: body.orgId,
        display_name: body.displayName,
        clearance: body.clearance,
        password_hash: passwordHash,
        must_change_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'user.created',
      objectType: 'user',
      objectId: user.id,
      payload: { username: body.username, displayName: body.displayName, orgId: body.orgId, clearance: body.clearance },
    });
    return user.id;
  });
  return getUser(ctx, id);
}

/**
 * The one write path of this module: locks the account, refuses a stale version (409, nothing written)
 * and an action the caller may not take, runs `act` and returns the fresh account.
 */
async function mutate(
  ctx: Ctx,
  id: string,
  version: number,
  allowed: (abilities: User['abilities']) => boolean,
  act: (trx: Transaction<DB>, row: UserRow) => Promise<void>,
  whyNot?: string,
): Promise<User> {
  const result = await ctx.db.transaction().execute(async (trx): Promise<{ refused: UserRow } | { fresh: UserRow }> => {
    const current = await lockUser(trx, ctx.actor.commissionId, id);
    if (current === undefined) throw notFound('账号');
    const row = (await findUser(trx, ctx.actor.commissionId, id))!;
    if (current !== version) throw staleVersion();
    const abilities = userAbilities(ctx.actor, {
      id: row.id,
      status: row.status as User['status'],
      lockedUntil: row.locked_until,
      totpEnabled: row.totp_enabled,
    });
    if (!allowed(abilities)) return { refused: row };
    await act(trx, row);
    return { fresh: (await findUser(trx, ctx.actor.commissionId, id))! };
  });
  if ('refused' in result) throw refusal(ctx, result.refused, whyNot);
  return presentUser(result.fresh, ctx.actor);
}

/** Why an action the abilities deny is refused, in words an administrator understands. */
function refusal(ctx: Ctx, row: UserRow, whyNot?: string): AppError {
  if (row.id === ctx.actor.userId) return businessRule('不能对本人账号执行此操作（本人密码、动态口令请在个人设置中修改）');
  if (whyNot) return new AppError('ILLEGAL_TRANSITION', whyNot);
  if (row.status === 'DISABLED') return new AppError('ILLEGAL_TRANSITION', '账号已停用，不能执行此操作');
  return new AppError('ILLEGAL_TRANSITION', '账号当前状态不允许此操作');
}

const bump = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` };

/** PATCH /users/:id — name and org (system administrator); a different clearance is refused (403). */
export async function updateUser(ctx: Ctx, id: string, body: UpdateUserBody): Promise<User> {
  if (body.clearance) assertClearance(body.clearance);
  if (body.orgId) await assertOrg(ctx, body.orgId);
  return mutate(
    ctx,
    id,
    body.version,
    (a) => a.update,
    async (trx, row) => {
      if (body.clearance !== undefined && body.clearance !== row.clearance) throw clearanceNotYours();
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (body.displayName !== undefined && body.displayName !== row.display_name) changes.displayName = { from: row.display_name, to: body.displayName };
      if (body.orgId !== undefined && body.orgId !== row.org_id) changes.orgId = { from: row.org_id, to: body.orgId };
      await trx
        .updateTable('app_user')
        .set({ display_name: body.displayName ?? row.display_name, org_id: body.orgId ?? row.org_id, ...bump })
        .where('id', '=', id)
        .execute();
      if (changes.displayName || changes.orgId) {
        await trx
          .updateTable('person')
          .set({ name_zh: body.displayName ?? row.display_name, unit_id: body.orgId ?? row.org_id, updated_at: new Date() })
          .where('id', '=', row.person_id)
          .execute();
      }
      await audit(trx, ctx, { type: 'user.updated', objectType: 'user', objectId: id, payload: { username: row.username, changes } });
    },
  );
}

/**
 * PUT /users/:id/roles — the security administrator grants roles. Refused: administrator roles
 * combined with anything, the caller's own roles, and taking the last holder's administrator role.
 * The account's sessions end so the new rights (and any TOTP duty) apply from the next sign-in.
 */
export async function setRoles(ctx: Ctx, id: string, body: SetRolesBody): Promise<User> {
  if (id === ctx.actor.userId) {
    const exists = await findUser(ctx.db, ctx.actor.commissionId, id);
    if (exists) throw businessRule('不能变更本人的角色（三员分立：须由另一名安全管理员办理）');
  }
  const problem = roleSetProblem(body.roles);
  if (problem) throw new AppError('BUSINESS_RULE', problem, { issues: [{ path: 'roles', message: problem }] });
  const roles = [...body.roles].sort() as Role[];
  return mutate(
    ctx,
    id,
    body.version,
    (a) => a.assignRoles,
    async (trx, row) => {
      for (const r of row.roles.filter((r) => ADMIN_ROLES.includes(r) && !roles.includes(r))) {
        if (!(await otherHolderExists(trx, ctx.actor.commissionId, r, id))) throw businessRule(`不能撤销最后一名${ROLE_LABELS[r].zh}的角色`);
      }
      await trx.deleteFrom('user_role').where('user_id', '=', id).execute();
      if (roles.length)
        await trx
          .insertInto('user_role')
          .values(roles.map((role) => ({ user_id: id, role })))
          .execute();
      const lostPrivilege = row.roles.some((r) => PRIVILEGED_ROLES.includes(r) && !roles.includes(r));
      await trx
        .updateTable('app_user')
        .set({ ...bump, ...(lostPrivilege ? { privileged_role_removed_at: new Date() } : {}) })
        .where('id', '=', id)
        .execute();
      await revokeSessions(trx, id, 'ROLES_CHANGED');
      await audit(trx, ctx, { type: 'user.roles_changed', objectType: 'user', objectId: id, payload: { username: row.username, from: row.roles, to: roles } });
    },
  );
}

/** PUT /users/:id/clearance — the security administrator sets the clearance (at most the system ceiling). */
export function setClearance(ctx: Ctx, id: string, body: SetClearanceBody): Promise<User> {
  assertClearance(body.clearance);
  return mutate(
    ctx,
    id,
    body.version,
    (a) => a.setClearance,
    async (trx, row) => {
      await trx
        .updateTable('app_user')
        .set({ clearance: body.clearance, ...bump })
        .where('id', '=', id)
        .execute();
      await audit(trx, ctx, {
        type: 'user.clearance_changed',
        objectType: 'user',
        objectId: id,
        payload: { username: row.username, from: row.clearance, to: body.clearance },
      });
    },
  );
}

/** POST /users/:id/unlock — ends a lockout after failed sign-ins (security administrator). */
export function unlockUser(ctx: Ctx, id: string, version: number): Promise<User> {
  return mutate(
    ctx,
    id,
    version,
    (a) => a.unlock,
    async (trx, row) => {
      await trx
        .updateTable('app_user')
        .set({ status: 'ACTIVE', locked_until: null, failed_attempts: 0, ...bump })
        .where('id', '=', id)
        .execute();
      await audit(trx, ctx, { type: 'user.unlocked', objectType: 'user', objectId: id, payload: { username: row.username } });
    },
    '账号未被锁定',
  );
}

/** POST /users/:id/disable — the account can no longer sign in; its sessions end (system administrator). */
export function disableUser(ctx: Ctx, id: string, version: number): Promise<User> {
  return mutate(
    ctx,
    id,
    version,
    (a) => a.disable,
    async (trx, row) => {
      for (const r of row.roles.filter((r) => ADMIN_ROLES.includes(r))) {
        if (!(await otherHolderExists(trx, ctx.actor.commissionId, r, id))) throw businessRule(`不能停用最后一名${ROLE_LABELS[r].zh}`);
      }
      await trx
        .updateTable('app_user')
        .set({ status: 'DISABLED', ...bump })
        .where('id', '=', id)
        .execute();
      const sessions = await revokeSessions(trx, id, 'DISABLED');
      await audit(trx, ctx, { type: 'user.disabled', objectType: 'user', objectId: id, payload: { username: row.username, sessionsEnded: sessions } });
    },
    '账号已停用',
  );
}

/** POST /users/:id/enable (system administrator). */
export function enableUser(ctx: Ctx, id: string, version: number): Promise<User> {
  return mutate(
    ctx,
    id,
    version,
    (a) => a.enable,
    async (trx, row) => {
      await trx
        .updateTable('app_user')
        .set({ status: 'ACTIVE', failed_attempts: 0, locked_until: null, ...bump })
        .where('id', '=', id)
        .execute();
      await audit(trx, ctx, { type: 'user.enabled', objectType: 'user', objectId: id, payload: { username: row.username } });
    },
    '账号未停用',
  );
}

/**
 * POST /users/:id/reset-password — the security administrator sets a new password under the policy;
 * the owner must change it at the next sign-in. Sessions end. For leadership and the 三员 it only files
 * a request (resets.ts) that another security or system administrator must approve.
 */
export async function resetPassword(ctx: Ctx, id: string, version: number, newPassword: string): Promise<User | { pending: CredentialReset }> {
  const row = await findUser(ctx.db, ctx.actor.commissionId, id);
  if (!row) throw notFound('账号');
  if (row.version !== version) throw staleVersion();
  if (
    !userAbilities(ctx.actor, { id: row.id, status: row.status as User['status'], lockedUntil: row.locked_until, totpEnabled: row.totp_enabled }).resetPassword
  ) {
    throw refusal(ctx, row);
  }
  await assertPassword(ctx, id, row.username, newPassword, 'newPassword');
  const hashed = await hashPassword(newPassword);
  if (isPrivileged(row)) return { pending: await requestReset(ctx, row, 'PASSWORD', hashed) };
  return mutate(
    ctx,
    id,
    version,
    (a) => a.resetPassword,
    async (trx) => {
      const old = await trx.selectFrom('app_user').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
      await trx.insertInto('password_history').values({ user_id: id, hash: old.password_hash }).execute();
      await trx
        .updateTable('app_user')
        .set({ password_hash: hashed, password_changed_at: new Date(), must_change_password: true, ...bump })
        .where('id', '=', id)
        .execute();
      const sessions = await revokeSessions(trx, id, 'PASSWORD_RESET');
      await audit(trx, ctx, { type: 'user.password_reset', objectType: 'user', objectId: id, payload: { username: row.username, sessionsEnded: sessions } });
    },
  );
}

/**
 * POST /users/:id/reset-totp — removes the authenticator binding; the owner enrols again at sign-in.
 * For leadership and the 三员 it only files a request a second administrator must approve.
 */
export async function resetTotp(ctx: Ctx, id: string, version: number): Promise<User | { pending: CredentialReset }> {
  const row = await findUser(ctx.db, ctx.actor.commissionId, id);
  if (!row) throw notFound('账号');
  if (row.version !== version) throw staleVersion();
  if (isPrivileged(row)) {
    if (
      !userAbilities(ctx.actor, { id: row.id, status: row.status as User['status'], lockedUntil: row.locked_until, totpEnabled: row.totp_enabled }).resetTotp
    ) {
      throw refusal(ctx, row, '该账号未绑定动态口令');
    }
    return { pending: await requestReset(ctx, row, 'TOTP', null) };
  }
  return mutate(
    ctx,
    id,
    version,
    (a) => a.resetTotp,
    async (trx, row) => {
      await trx
        .updateTable('app_user')
        .set({ totp_enabled: false, totp_secret_cipher: null, totp_pending_cipher: null, totp_last_step: null, ...bump })
        .where('id', '=', id)
        .execute();
      const sessions = await revokeSessions(trx, id, 'TOTP_RESET');
      await audit(trx, ctx, { type: 'user.totp_reset', objectType: 'user', objectId: id, payload: { username: row.username, sessionsEnded: sessions } });
    },
    '该账号未绑定动态口令',
  );
}
