import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { loginFromManyAddresses } from '../../../test/fixtures';
import { DEMO_PASSWORD } from '../../demo/data';
import { SESSION_COOKIE } from './session';

/**
 * Issue 8: failed sign-ins are counted atomically (parallel wrong passwords count one each), unknown
 * and known names are answered alike, a lock ends by time or by the security administrator, and a
 * lock raises an alert. Each attack below comes from many addresses, like a distributed guesser, so
 * the per-address rate limit does not hide what the lockout does.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = loginFromManyAddresses('10.8', () => t.app);
const userOf = (username: string) =>
  t.db.selectFrom('app_user').select(['id', 'status', 'locked_until', 'failed_attempts', 'version']).where('username', '=', username).executeTakeFirstOrThrow();
const outcomes = async (username: string) => {
  const rows = await t.db.selectFrom('login_log').select('outcome').where('username', '=', username).execute();
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return counts;
};
const answer = (res: { json(): { code: string; message: string; details?: unknown } }) => {
  const { code, message, details } = res.json();
  return { code, message, details };
};

describe('atomic lockout', () => {
  it('locks after exactly the policy count when 30 wrong passwords arrive at once, and alerts the security administrator', async () => {
    const res = await Promise.all(Array.from({ length: 30 }, () => login({ username: 'jc1.staff', password: 'Wrong#Guess2026' })));
    expect(res.every((r) => r.statusCode === 401)).toBe(true);
    expect(await outcomes('jc1.staff')).toEqual({ BAD_PASSWORD: 5, LOCKED: 25 });
    const u = await userOf('jc1.staff');
    expect(u.status).toBe('LOCKED');
    expect(u.locked_until!.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
    // The right password does not get through a lock (and does not tell whether it was right).
    const right = await login({ username: 'jc1.staff', password: DEMO_PASSWORD });
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    // The alert: one audit event and an inbox notice for each security administrator.
    const locked = await t.db.selectFrom('audit_event').select('id').where('type', '=', 'auth.account_locked').where('object_id', '=', u.id).execute();
    expect(locked).toHaveLength(1);
    const notices = await t.db
      .selectFrom('inbox_message as m')
      .innerJoin('app_user as a', 'a.id', 'm.user_id')
      .select(['a.username', 'm.title'])
      .where('m.kind', '=', 'security.account_locked')
      .execute();
    expect(notices.map((n) => n.username)).toContain('secadmin');
    expect(notices.every((n) => n.title.includes('jc1.staff'))).toBe(true);
  });

  it('keeps the owner signed in while an attacker locks the account', async () => {
    const own = await login({ username: 'jc6.staff', password: DEMO_PASSWORD });
    const cookie = own.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    await Promise.all(Array.from({ length: 6 }, () => login({ username: 'jc6.staff', password: 'Wrong#Guess2026' })));
    expect((await userOf('jc6.staff')).status).toBe('LOCKED');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: cookie } });
    expect(me.statusCode).toBe(200);
  });
});

describe('unknown and known names', () => {
  it('answer with the same status and body, attempt by attempt, up to and after the lock, in comparable time', async () => {
    const took = { known: 0, unknown: 0 };
    for (let i = 1; i <= 6; i++) {
      let start = Date.now();
      const known = await login({ username: 'jc2.staff', password: 'Wrong#Guess2026' });
      took.known += Date.now() - start;
      start = Date.now();
      const unknown = await login({ username: 'no.such.person', password: 'Wrong#Guess2026' });
      took.unknown += Date.now() - start;
      expect(unknown.statusCode, `attempt ${i}`).toBe(known.statusCode);
      expect(answer(unknown), `attempt ${i}`).toEqual(answer(known));
      expect(answer(known).code).toBe(i < 5 ? 'INVALID_CREDENTIALS' : 'ACCOUNT_LOCKED');
    }
    // Both are dominated by the same progressive delay (250 ms doubling) after one argon2 verification.
    expect(took.known).toBeGreaterThan(7000);
    expect(took.unknown / took.known).toBeGreaterThan(0.7);
    expect(took.unknown / took.known).toBeLessThan(1.4);
    expect(await outcomes('no.such.person')).toEqual({ UNKNOWN_USER: 5, LOCKED: 1 });
  }, 60_000);
});

describe('a run of failures', () => {
  it('ends when no failure follows within the lock period, for known and unknown names alike', async () => {
    for (let i = 0; i < 4; i++) {
      await Promise.all([login({ username: 'jc3.staff', password: 'Wrong#Guess2026' }), login({ username: 'no.such.staff', password: 'Wrong#Guess2026' })]);
    }
    // 31 minutes pass (the lock period is 30).
    const earlier = sql<Date>`at - interval '31 minutes'`;
    await t.owner.updateTable('login_log').set({ at: earlier }).where('username', 'in', ['jc3.staff', 'no.such.staff']).execute();
    await t.db.updateTable('app_user').set({ last_failed_at: sql<Date>`last_failed_at - interval '31 minutes'` }).where('username', '=', 'jc3.staff').execute();
    const known = await login({ username: 'jc3.staff', password: 'Wrong#Guess2026' });
    const unknown = await login({ username: 'no.such.staff', password: 'Wrong#Guess2026' });
    expect(answer(known)).toEqual(answer(unknown));
    expect(answer(known)).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { attemptsLeft: 4 } });
  }, 60_000);
});

describe('lifting a lock', () => {
  it('ends by itself when the lock period is over', async () => {
    await t.db.updateTable('app_user').set({ failed_attempts: 4, last_failed_at: new Date() }).where('username', '=', 'jc4.staff').execute();
    expect((await login({ username: 'jc4.staff', password: 'Wrong#Guess2026' })).json().code).toBe('ACCOUNT_LOCKED');
    expect((await login({ username: 'jc4.staff', password: DEMO_PASSWORD })).json().code).toBe('ACCOUNT_LOCKED');
    await t.db
      .updateTable('app_user')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('username', '=', 'jc4.staff')
      .execute();
    const ok = await login({ username: 'jc4.staff', password: DEMO_PASSWORD });
    expect(ok.statusCode).toBe(200);
    const u = await userOf('jc4.staff');
    expect(u.status).toBe('ACTIVE');
    expect(u.failed_attempts).toBe(0);
  });

  it('is lifted by the security administrator at once', async () => {
    await t.db.updateTable('app_user').set({ failed_attempts: 4, last_failed_at: new Date() }).where('username', '=', 'jc5.staff').execute();
    expect((await login({ username: 'jc5.staff', password: 'Wrong#Guess2026' })).json().code).toBe('ACCOUNT_LOCKED');
    const u = await userOf('jc5.staff');
    const refused = await t.request({ method: 'POST', url: `/api/v1/users/${u.id}/unlock`, as: 'sysadmin', payload: { version: u.version } });
    expect(refused.statusCode).toBe(403);
    const unlock = await t.request({ method: 'POST', url: `/api/v1/users/${u.id}/unlock`, as: 'secadmin', payload: { version: u.version } });
    expect(unlock.statusCode).toBe(200);
    expect((await login({ username: 'jc5.staff', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });
});
