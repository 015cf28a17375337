import { MFA_REQUIRED_ROLES, type Role } from '@liandong/domain/access/enums';
import type { LoginBody } from '@liandong/domain/auth/contracts';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import { type Actor, hasAnyRole } from '../../platform/access';
import { writeAudit } from '../../platform/audit';
import type { FieldCipher } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { audit, type Ctx } from '../../platform/http';
import { getSettings } from '../../platform/settings';
import { dummyVerify, hashPassword, passwordPolicyProblems, verifyPassword } from './password';
import { createSession } from './session';

export interface LoginInput extends LoginBody {
  ip: string;
  userAgent: string | undefined;
  requestId: string;
}

const TOTP_ISSUER = '联动监督平台';

function totpFor(secretBase32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

/** Checks a TOTP code (±1 step) and returns its time step, or null. */
function checkTotp(secretBase32: string, label: string, code: string): number | null {
  const totp = totpFor(secretBase32, label);
  const delta = totp.validate({ token: code, window: 1 });
  if (delta === null) return null;
  return Math.floor(Date.now() / 1000 / 30) + delta;
}

/**
 * Sign-in: password (argon2id), lockout after repeated failures, TOTP when enrolled, and a restricted
 * session when the account must still enrol TOTP (administrators, leadership) or change its password.
 * Every attempt lands in the login log; outcomes are audited.
 */
export async function login(db: Db, cipher: FieldCipher, input: LoginInput) {
  const username = input.username.toLowerCase();
  const user = await db
    .selectFrom('app_user')
    .selectAll()
    .select(sql<Role[]>`ARRAY(SELECT role FROM user_role r WHERE r.user_id = app_user.id)`.as('roles'))
    .where('username', '=', username)
    .executeTakeFirst();
  const logAttempt = async (outcome: string, detail?: string) => {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('login_log')
        .values({
          commission_id: user?.commission_id ?? null,
          user_id: user?.id ?? null,
          username,
          ip: input.ip,
          user_agent: input.userAgent?.slice(0, 300) ?? null,
          outcome,
          detail: detail ?? null,
        })
        .execute();
      if (user && outcome !== 'SUCCESS') {
        await writeAudit(trx, {
          type: 'auth.login_failed',
          commissionId: user.commission_id,
          actorId: user.id,
          actorName: user.display_name,
          objectType: 'user',
          objectId: user.id,
          payload: { outcome },
          requestId: input.requestId,
          ip: input.ip,
        });
      }
    });
  };
  if (!user) {
    await dummyVerify(input.password);
    await logAttempt('UNKNOWN_USER');
    throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
  }
  const settings = await getSettings(db, user.commission_id);
  if (user.status === 'DISABLED') {
    await logAttempt('DISABLED');
    throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
  }
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    await logAttempt('LOCKED');
    const minutes = Math.ceil((user.locked_until.getTime() - Date.now()) / 60000);
    throw new AppError('ACCOUNT_LOCKED', `账号已锁定，请于${minutes}分钟后重试或联系安全管理员解锁`, { lockedUntil: user.locked_until.toISOString() });
  }
  const fail = async (outcome: string, code: 'INVALID_CREDENTIALS' | 'TOTP_INVALID', message: string) => {
    const attempts = user.failed_attempts + 1;
    const lock = attempts >= settings['lockout.maxAttempts'];
    await db
      .updateTable('app_user')
      .set({
        failed_attempts: lock ? 0 : attempts,
        locked_until: lock ? new Date(Date.now() + settings['lockout.minutes'] * 60_000) : user.locked_until,
        status: lock ? 'LOCKED' : user.status,
      })
      .where('id', '=', user.id)
      .execute();
    await logAttempt(outcome);
    if (lock) {
      await db.transaction().execute((trx) =>
        writeAudit(trx, {
          type: 'auth.account_locked',
          commissionId: user.commission_id,
          actorId: user.id,
          actorName: user.display_name,
          objectType: 'user',
          objectId: user.id,
          payload: { minutes: settings['lockout.minutes'] },
          requestId: input.requestId,
          ip: input.ip,
        }),
      );
      throw new AppError('ACCOUNT_LOCKED', `连续${settings['lockout.maxAttempts']}次登录失败，账号已锁定${settings['lockout.minutes']}分钟`);
    }
    const left = settings['lockout.maxAttempts'] - attempts;
    throw new AppError(code, `${message}，再失败${left}次账号将被锁定`, { attemptsLeft: left });
  };
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await fail('BAD_PASSWORD', 'INVALID_CREDENTIALS', '用户名或密码错误');
  }
  let totpStep: number | null = null;
  if (user.totp_enabled && user.totp_secret_cipher) {
    if (!input.totp) {
      await logAttempt('TOTP_REQUIRED');
      throw new AppError('TOTP_REQUIRED', '请输入动态口令');
    }
    totpStep = checkTotp(cipher.decrypt(user.totp_secret_cipher), user.username, input.totp);
    if (totpStep === null || (user.totp_last_step !== null && totpStep <= user.totp_last_step)) {
      await fail('BAD_TOTP', 'TOTP_INVALID', '动态口令错误或已使用');
    }
  }
  const passwordExpired = Date.now() - user.password_changed_at.getTime() > settings['password.maxAgeDays'] * 86400_000;
  const restriction: Actor['restriction'] =
    !user.totp_enabled && hasAnyRole({ roles: user.roles } as Actor, MFA_REQUIRED_ROLES)
      ? 'TOTP_ENROLMENT'
      : user.must_change_password || passwordExpired
        ? 'PASSWORD_CHANGE'
        : null;
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ failed_attempts: 0, locked_until: null, status: 'ACTIVE', last_login_at: new Date(), totp_last_step: totpStep ?? user.totp_last_step })
      .where('id', '=', user.id)
      .execute();
    const session = await createSession(trx, {
      userId: user.id,
      commissionId: user.commission_id,
      ip: input.ip,
      userAgent: input.userAgent,
      absoluteHours: settings['session.absoluteHours'],
      restriction,
    });
    await trx
      .insertInto('login_log')
      .values({
        commission_id: user.commission_id,
        user_id: user.id,
        username,
        ip: input.ip,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
        outcome: 'SUCCESS',
        detail: restriction,
      })
      .execute();
    await writeAudit(trx, {
      type: 'auth.login_succeeded',
      commissionId: user.commission_id,
      actorId: user.id,
      actorName: user.display_name,
      objectType: 'session',
      objectId: session.publicId,
      payload: { restriction },
      requestId: input.requestId,
      ip: input.ip,
    });
    return { token: session.token, restriction, absoluteHours: settings['session.absoluteHours'] };
  });
}

export async function logout(ctx: Ctx) {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('user_session').set({ revoked_at: new Date(), revoked_reason: 'LOGOUT' }).where('public_id', '=', ctx.actor.sessionId).execute();
    await audit(trx, ctx, { type: 'auth.logout', objectType: 'session', objectId: ctx.actor.sessionId });
  });
}

/**
 * Self-service password change: old password, policy, no reuse of the last N passwords. Other sessions
 * of the account are ended; the current one loses its PASSWORD_CHANGE restriction.
 */
export async function changePassword(ctx: Ctx, oldPassword: string, newPassword: string) {
  const settings = await getSettings(ctx.db, ctx.actor.commissionId);
  const user = await ctx.db.selectFrom('app_user').select(['password_hash', 'username']).where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, oldPassword))) {
    throw new AppError('VALIDATION', '原密码不正确', { issues: [{ path: 'oldPassword', message: '原密码不正确' }] });
  }
  await assertNewPasswordAllowed(ctx.db, ctx.actor.userId, user.username, newPassword, settings);
  const hashed = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: hashed, password_changed_at: new Date(), must_change_password: false, version: sql`version + 1` })
      .where('id', '=', ctx.actor.userId)
      .execute();
    await trx.insertInto('password_history').values({ user_id: ctx.actor.userId, hash: user.password_hash }).execute();
    await trx
      .updateTable('user_session')
      .set({ revoked_at: new Date(), revoked_reason: 'PASSWORD_CHANGED' })
      .where('user_id', '=', ctx.actor.userId)
      .where('public_id', '<>', ctx.actor.sessionId)
      .where('revoked_at', 'is', null)
      .execute();
    if (ctx.actor.restriction === 'PASSWORD_CHANGE') {
      await trx.updateTable('user_session').set({ restriction: null }).where('public_id', '=', ctx.actor.sessionId).execute();
    }
    await audit(trx, ctx, { type: 'auth.password_changed', objectType: 'user', objectId: ctx.actor.userId });
  });
}

export async function assertNewPasswordAllowed(
  db: Db,
  userId: string | null,
  username: string,
  password: string,
  settings: Awaited<ReturnType<typeof getSettings>>,
) {
  const problems = passwordPolicyProblems(password, username, settings);
  if (problems.length)
    throw new AppError('PASSWORD_POLICY', `密码不符合安全策略：${problems.join('；')}`, { issues: problems.map((m) => ({ path: 'newPassword', message: m })) });
  if (!userId) return;
  const current = await db.selectFrom('app_user').select('password_hash').where('id', '=', userId).executeTakeFirst();
  const history = await db
    .selectFrom('password_history')
    .select('hash')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(settings['password.historyCount'])
    .execute();
  for (const h of [current?.password_hash, ...history.map((r) => r.hash)]) {
    if (h && (await verifyPassword(h, password))) {
      throw new AppError('PASSWORD_POLICY', `新密码不得与最近${settings['password.historyCount']}次使用过的密码相同`, {
        issues: [{ path: 'newPassword', message: '与历史密码重复' }],
      });
    }
  }
}

/** Starts TOTP enrolment: a fresh secret kept pending (SM4-encrypted) until a code confirms it. */
export async function startTotpEnrolment(ctx: Ctx) {
  const secret = new OTPAuth.Secret({ size: 20 });
  const totp = totpFor(secret.base32, ctx.actor.username);
  await ctx.db
    .updateTable('app_user')
    .set({ totp_pending_cipher: ctx.cipher.encrypt(secret.base32) })
    .where('id', '=', ctx.actor.userId)
    .execute();
  const uri = totp.toString();
  return { secret: secret.base32, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 200 }) };
}

export async function confirmTotpEnrolment(ctx: Ctx, code: string) {
  const user = await ctx.db.selectFrom('app_user').select(['totp_pending_cipher', 'username']).where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
  if (!user.totp_pending_cipher) throw new AppError('BUSINESS_RULE', '请先获取绑定二维码');
  const secret = ctx.cipher.decrypt(user.totp_pending_cipher);
  const step = checkTotp(secret, user.username, code);
  if (step === null) throw new AppError('VALIDATION', '动态口令错误，请核对手机时间后重试', { issues: [{ path: 'code', message: '动态口令错误' }] });
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ totp_secret_cipher: user.totp_pending_cipher, totp_pending_cipher: null, totp_enabled: true, totp_last_step: step })
      .where('id', '=', ctx.actor.userId)
      .execute();
    if (ctx.actor.restriction === 'TOTP_ENROLMENT') {
      const u = await trx
        .selectFrom('app_user')
        .select(['must_change_password', 'password_changed_at'])
        .where('id', '=', ctx.actor.userId)
        .executeTakeFirstOrThrow();
      const settings = await getSettings(ctx.db, ctx.actor.commissionId);
      const expired = Date.now() - u.password_changed_at.getTime() > settings['password.maxAgeDays'] * 86400_000;
      await trx
        .updateTable('user_session')
        .set({ restriction: u.must_change_password || expired ? 'PASSWORD_CHANGE' : null })
        .where('public_id', '=', ctx.actor.sessionId)
        .execute();
    }
    await audit(trx, ctx, { type: 'auth.totp_enrolled', objectType: 'user', objectId: ctx.actor.userId });
  });
}
