import { MFA_REQUIRED_ROLES, type Role } from '@liandong/domain/access/enums';
import type { LoginBody } from '@liandong/domain/auth/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import { type Actor, hasAnyRole } from '../../platform/access';
import { writeAudit } from '../../platform/audit';
import type { FieldCipher } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { notify } from '../../platform/inbox';
import { getSettings, SETTING_DEFAULTS, type Settings } from '../../platform/settings';
import { dummyVerify, verifyPassword } from './password';
import { createSession } from './session';
import { checkTotp } from './totp';

export interface LoginInput extends LoginBody {
  ip: string;
  userAgent: string | undefined;
  requestId: string;
}

/** Outcomes in the login log that count as a failed attempt of a name (known or not). */
const FAILURE_OUTCOMES = ['BAD_PASSWORD', 'BAD_TOTP', 'UNKNOWN_USER', 'DISABLED'];

/**
 * Progressive delay before a failure is answered: 250 ms after the first consecutive failure, doubling
 * up to 4 s. It slows a guesser on one connection; the lock bounds the total; both apply alike to
 * known and unknown names.
 */
export function failureDelayMs(failures: number): number {
  return Math.min(4000, 250 * 2 ** Math.max(0, failures - 1));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The answers: identical for a known name with a wrong password and for a name that does not exist. */
function badCredentials(settings: Settings, failures: number): AppError {
  const left = Math.max(0, settings['lockout.maxAttempts'] - failures);
  return new AppError('INVALID_CREDENTIALS', `用户名或密码错误，再失败${left}次账号将被锁定`, { attemptsLeft: left });
}
function justLocked(settings: Settings): AppError {
  return new AppError('ACCOUNT_LOCKED', `连续${settings['lockout.maxAttempts']}次登录失败，账号已锁定${settings['lockout.minutes']}分钟，可联系安全管理员解锁`);
}
function stillLocked(lockedUntil: Date): AppError {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 60000));
  return new AppError('ACCOUNT_LOCKED', `账号已锁定，请于${minutes}分钟后重试或联系安全管理员解锁`);
}

/** Settings for a name that matches no account: the commission's when there is one, else the defaults. */
async function settingsForUnknown(db: Db): Promise<Settings> {
  const rows = await db.selectFrom('commission').select('id').limit(2).execute();
  return rows.length === 1 ? getSettings(db, rows[0]!.id) : { ...SETTING_DEFAULTS };
}

/** Login log row, plus an audit event when the name is a known account (every failed attempt is audited). */
async function logAttempt(
  db: Db,
  input: LoginInput,
  username: string,
  user: { id: string; commission_id: string; display_name: string } | undefined,
  outcome: string,
) {
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
      })
      .execute();
    if (user) {
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
}

/**
 * A name without a usable account (unknown or disabled) behaves like an account: its failures are
 * counted from the login log over the lock period, and it "locks" after the same number, so neither
 * the answers nor their timing tell an attacker which names exist.
 */
async function failUnknown(
  db: Db,
  input: LoginInput,
  username: string,
  user: { id: string; commission_id: string; display_name: string } | undefined,
  outcome: string,
): Promise<never> {
  const settings = user ? await getSettings(db, user.commission_id) : await settingsForUnknown(db);
  const max = settings['lockout.maxAttempts'];
  const windowMs = settings['lockout.minutes'] * 60_000;
  const recent = await db
    .selectFrom('login_log')
    .select('at')
    .where('username', '=', username)
    .where('outcome', 'in', FAILURE_OUTCOMES)
    .orderBy('at', 'desc')
    .limit(max)
    .execute();
  // The current run of failures: each within the lock period of the next (as failed_attempts counts).
  let streak = 0;
  let next = Date.now();
  for (const r of recent) {
    if (next - r.at.getTime() > windowMs) break;
    streak++;
    next = r.at.getTime();
  }
  if (streak >= max) {
    await logAttempt(db, input, username, user, 'LOCKED');
    await sleep(failureDelayMs(max));
    throw stillLocked(new Date(recent[0]!.at.getTime() + windowMs));
  }
  await logAttempt(db, input, username, user, outcome);
  const failures = streak + 1;
  await sleep(failureDelayMs(failures));
  throw failures >= max ? justLocked(settings) : badCredentials(settings, failures);
}

/**
 * Counts one failure of an account atomically (one UPDATE … RETURNING, so parallel wrong passwords
 * count one each) and locks it at the policy's count. A lock is lifted by time or by the security
 * administrator; locking raises an alert (audit event and an inbox notice to the security
 * administrators). Always throws the answer for the caller.
 */
async function failKnown(
  db: Db,
  input: LoginInput,
  user: { id: string; commission_id: string; display_name: string; username: string },
  settings: Settings,
  outcome: 'BAD_PASSWORD' | 'BAD_TOTP',
): Promise<never> {
  const max = settings['lockout.maxAttempts'];
  const minutes = settings['lockout.minutes'];
  // This failure's place in the current run: a run ends when no failure followed within the lock period.
  const n = sql<number>`(CASE WHEN last_failed_at IS NULL OR last_failed_at <= now() - make_interval(mins => ${minutes}) THEN 1 ELSE failed_attempts + 1 END)`;
  const row = await db
    .updateTable('app_user')
    .set({
      failed_attempts: sql<number>`CASE WHEN ${n} >= ${max} THEN 0 ELSE ${n} END`,
      locked_until: sql<Date>`CASE WHEN ${n} >= ${max} THEN now() + make_interval(mins => ${minutes}) ELSE locked_until END`,
      status: sql<string>`CASE WHEN ${n} >= ${max} THEN 'LOCKED' ELSE status END`,
      last_failed_at: sql<Date>`now()`,
    })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', sql<Date>`now()`)]))
    .returning(['failed_attempts', 'locked_until', sql<boolean>`locked_until > now()`.as('locked_now')])
    .executeTakeFirst();
  if (!row) {
    // Another attempt locked the account while this one was being checked: not counted again.
    const current = await db.selectFrom('app_user').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
    await logAttempt(db, input, user.username, user, 'LOCKED');
    await sleep(failureDelayMs(max));
    throw stillLocked(current.locked_until ?? new Date(Date.now() + minutes * 60_000));
  }
  const failures = row.locked_now ? max : row.failed_attempts;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_log')
      .values({
        commission_id: user.commission_id,
        user_id: user.id,
        username: user.username,
        ip: input.ip,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
        outcome,
      })
      .execute();
    const base = {
      commissionId: user.commission_id,
      actorId: user.id,
      actorName: user.display_name,
      objectType: 'user',
      objectId: user.id,
      requestId: input.requestId,
      ip: input.ip,
    };
    await writeAudit(trx, { ...base, type: 'auth.login_failed', payload: { outcome } });
    if (row.locked_now) {
      await writeAudit(trx, { ...base, type: 'auth.account_locked', payload: { minutes, attempts: max, lockedUntil: row.locked_until?.toISOString() } });
      await alertSecurityAdmins(trx, user, minutes, input.ip);
    }
  });
  await sleep(failureDelayMs(failures));
  if (row.locked_now) throw justLocked(settings);
  if (outcome === 'BAD_TOTP') {
    // Only reached with the right password (TOTP_REQUIRED already said so): the code may be named.
    const left = Math.max(0, max - failures);
    throw new AppError('TOTP_INVALID', `动态口令错误或已使用，再失败${left}次账号将被锁定`, { attemptsLeft: left });
  }
  throw badCredentials(settings, failures);
}

/** 告警: every active security administrator of the commission gets an inbox notice about the lock. */
async function alertSecurityAdmins(
  db: Pick<Db, 'insertInto' | 'selectFrom'>,
  user: { id: string; commission_id: string; username: string },
  minutes: number,
  ip: string,
) {
  const admins = await db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('u.commission_id', '=', user.commission_id)
    .where('r.role', '=', 'SEC_ADMIN')
    .where('u.status', '<>', 'DISABLED')
    .execute();
  for (const a of admins) {
    await notify(db, {
      commissionId: user.commission_id,
      userId: a.id,
      kind: 'security.account_locked',
      title: `安全告警：账号 ${user.username} 因连续登录失败已锁定${minutes}分钟`,
      body: `最后一次失败来自 ${ip}。如为本人误操作，可在“账号与角色”中解锁；如疑似口令猜测，请核查登录日志。`,
      link: `/admin/users?q=${encodeURIComponent(user.username)}`,
    });
  }
}

/**
 * Sign-in: password (argon2id; a dummy hash for unknown names), atomic failure counting with a
 * progressive delay and a lock, TOTP when enrolled, and a restricted session when the account must
 * still enrol TOTP or change its password. Every attempt lands in the login log; outcomes are audited.
 */
export async function login(db: Db, cipher: FieldCipher, input: LoginInput) {
  const username = input.username.toLowerCase();
  const user = await db
    .selectFrom('app_user')
    .selectAll()
    .select(sql<Role[]>`ARRAY(SELECT role FROM user_role r WHERE r.user_id = app_user.id)`.as('roles'))
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user || user.status === 'DISABLED') {
    await dummyVerify(input.password);
    return failUnknown(db, input, username, user, user ? 'DISABLED' : 'UNKNOWN_USER');
  }
  const settings = await getSettings(db, user.commission_id);
  // One argon2 verification on every path, locked or not, so the timing says nothing.
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    await logAttempt(db, input, username, user, 'LOCKED');
    await sleep(failureDelayMs(settings['lockout.maxAttempts']));
    throw stillLocked(user.locked_until);
  }
  if (!passwordOk) return failKnown(db, input, user, settings, 'BAD_PASSWORD');
  let totpStep: number | null = null;
  if (user.totp_enabled && user.totp_secret_cipher) {
    if (!input.totp) {
      await logAttempt(db, input, username, user, 'TOTP_REQUIRED');
      throw new AppError('TOTP_REQUIRED', '请输入动态口令');
    }
    totpStep = checkTotp(cipher.decrypt(user.totp_secret_cipher), user.username, input.totp);
    if (totpStep === null || (user.totp_last_step !== null && totpStep <= user.totp_last_step)) {
      return failKnown(db, input, user, settings, 'BAD_TOTP');
    }
  }
  const passwordExpired = Date.now() - user.password_changed_at.getTime() > settings['password.maxAgeDays'] * 86400_000;
  const restriction: Actor['restriction'] =
    !user.totp_enabled && hasAnyRole({ roles: user.roles } as Actor, MFA_REQUIRED_ROLES)
      ? 'TOTP_ENROLMENT'
      : user.must_change_password || passwordExpired
        ? 'PASSWORD_CHANGE'
        : null;
  const result = await db.transaction().execute(async (trx) => {
    // Not if a parallel attempt locked the account meanwhile.
    const reset = await trx
      .updateTable('app_user')
      .set({
        failed_attempts: 0,
        locked_until: null,
        status: 'ACTIVE',
        previous_login_at: sql<Date | null>`last_login_at`,
        last_login_at: new Date(),
        totp_last_step: totpStep ?? user.totp_last_step,
      })
      .where('id', '=', user.id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', sql<Date>`now()`)]))
      .returning('id')
      .executeTakeFirst();
    if (!reset) return null;
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
  if (!result) {
    await logAttempt(db, input, username, user, 'LOCKED');
    throw stillLocked(new Date(Date.now() + settings['lockout.minutes'] * 60_000));
  }
  return result;
}
