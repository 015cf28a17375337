import * as OTPAuth from 'otpauth';
import type { TotpEnrolBody } from '@liandong/domain/auth/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import { AppError } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { getSettings } from '../../platform/settings';
import { hashPassword, passwordPolicyProblems, verifyPassword } from './password';
import { checkTotp, totpFor } from './totp';

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

/** qrcode only for the few TOTP enrolments, not held by every idle server (issue 12: idle RSS). */
async function qrcode(): Promise<typeof import('qrcode')> {
  const m = await import('qrcode');
  return (m as { default?: typeof import('qrcode') }).default ?? m;
}

/**
 * Starts TOTP enrolment: a fresh secret kept pending (SM4-encrypted) until a code confirms it. When an
 * authenticator is already bound, the password and a current code of it are required first (and the
 * code's step is spent, so it cannot be replayed).
 */
export async function startTotpEnrolment(ctx: Ctx, body: TotpEnrolBody) {
  const user = await ctx.db
    .selectFrom('app_user')
    .select(['username', 'password_hash', 'totp_enabled', 'totp_secret_cipher', 'totp_last_step'])
    .where('id', '=', ctx.actor.userId)
    .executeTakeFirstOrThrow();
  if (user.totp_enabled && user.totp_secret_cipher) {
    const issues: { path: string; message: string }[] = [];
    if (!body?.password) issues.push({ path: 'password', message: '换绑动态口令须输入登录密码' });
    if (!body?.code) issues.push({ path: 'code', message: '换绑动态口令须输入当前动态口令' });
    if (issues.length) throw new AppError('VALIDATION', `输入有误：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`, { issues });
    const passwordOk = await verifyPassword(user.password_hash, body!.password!);
    const step = checkTotp(ctx.cipher.decrypt(user.totp_secret_cipher), user.username, body!.code!);
    const fresh = step !== null && (user.totp_last_step === null || step > user.totp_last_step);
    if (!passwordOk || !fresh) {
      await ctx.db
        .transaction()
        .execute((trx) =>
          audit(trx, ctx, { type: 'auth.login_failed', objectType: 'user', objectId: ctx.actor.userId, payload: { outcome: 'TOTP_REBIND_REFUSED' } }),
        );
      throw new AppError('VALIDATION', '密码或当前动态口令不正确', {
        issues: [!passwordOk ? { path: 'password', message: '密码不正确' } : { path: 'code', message: '动态口令错误或已使用' }],
      });
    }
    await ctx.db.updateTable('app_user').set({ totp_last_step: step }).where('id', '=', ctx.actor.userId).execute();
  }
  const secret = new OTPAuth.Secret({ size: 20 });
  const totp = totpFor(secret.base32, ctx.actor.username);
  await ctx.db
    .updateTable('app_user')
    .set({ totp_pending_cipher: ctx.cipher.encrypt(secret.base32) })
    .where('id', '=', ctx.actor.userId)
    .execute();
  const uri = totp.toString();
  return { secret: secret.base32, uri, qrDataUrl: await (await qrcode()).toDataURL(uri, { margin: 1, width: 200 }) };
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
