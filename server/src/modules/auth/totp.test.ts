import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { loginFromManyAddresses } from '../../../test/fixtures';
import { DEMO_PASSWORD } from '../../demo/data';
import { SESSION_COOKIE } from './session';

/**
 * Issue 8: the 案管室 and 信访室 (commission-wide, complainants' identities) must enrol a second factor
 * like leaders and administrators, and moving the second factor to a new authenticator takes the
 * password and a current code, not just a session.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = loginFromManyAddresses('10.9', () => t.app);
const cookieOf = (res: { cookies: { name: string; value: string }[] }) => ({ [SESSION_COOKIE]: res.cookies.find((c) => c.name === SESSION_COOKIE)!.value });
const totpOf = (secret: string) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });

/** A code of the given authenticator for the next time step, so it is not a replay of the last one. */
const nextStepCode = (secret: string) => totpOf(secret).generate({ timestamp: Date.now() + 30_000 });

describe('mandatory second factor', () => {
  it.each(['ag.manager2', 'xf.officer2'])('restricts %s to TOTP enrolment at the first sign-in', async (username) => {
    const first = await login({ username, password: DEMO_PASSWORD });
    expect(first.statusCode).toBe(200);
    expect(first.json().restriction).toBe('TOTP_ENROLMENT');
    const clues = await t.request({ method: 'GET', url: '/api/v1/clues', cookies: cookieOf(first) });
    expect(clues.statusCode).toBe(403);
    expect(clues.json().code).toBe('TOTP_ENROLMENT_REQUIRED');
  });

  it('does not restrict an account without such a role', async () => {
    const res = await login({ username: 'edu.group', password: DEMO_PASSWORD });
    expect(res.json().restriction).toBeNull();
  });
});

describe('re-enrolment', () => {
  it('needs the password and a current code of the bound authenticator', async () => {
    const first = await login({ username: 'ag.manager1', password: DEMO_PASSWORD });
    const cookies = cookieOf(first);
    const enrol = await t.request({ method: 'POST', url: '/api/v1/auth/totp/enrol', cookies, payload: {} });
    expect(enrol.statusCode).toBe(200);
    const secret: string = enrol.json().secret;
    expect((await t.request({ method: 'POST', url: '/api/v1/auth/totp/confirm', cookies, payload: { code: totpOf(secret).generate() } })).statusCode).toBe(200);
    const clues = await t.request({ method: 'GET', url: '/api/v1/clues', cookies });
    expect(clues.statusCode).toBe(200);

    // A session alone cannot move the second factor.
    const bare = await t.request({ method: 'POST', url: '/api/v1/auth/totp/enrol', cookies, payload: {} });
    expect(bare.statusCode).toBe(400);
    expect(
      bare
        .json()
        .details.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['code', 'password']);
    const wrongPassword = await t.request({
      method: 'POST',
      url: '/api/v1/auth/totp/enrol',
      cookies,
      payload: { password: 'Wrong#Guess2026', code: nextStepCode(secret) },
    });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().details.issues[0].path).toBe('password');
    const wrongCode = await t.request({ method: 'POST', url: '/api/v1/auth/totp/enrol', cookies, payload: { password: DEMO_PASSWORD, code: '000000' } });
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.json().details.issues[0].path).toBe('code');
    // The pending secret was never replaced by the refused attempts: the bound one still signs in.
    const stored = await t.db.selectFrom('app_user').select(['totp_pending_cipher']).where('username', '=', 'ag.manager1').executeTakeFirstOrThrow();
    expect(stored.totp_pending_cipher).toBeNull();

    const ok = await t.request({ method: 'POST', url: '/api/v1/auth/totp/enrol', cookies, payload: { password: DEMO_PASSWORD, code: nextStepCode(secret) } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().secret).not.toBe(secret);
    // The same code cannot be used again.
    const replay = await t.request({
      method: 'POST',
      url: '/api/v1/auth/totp/enrol',
      cookies,
      payload: { password: DEMO_PASSWORD, code: nextStepCode(secret) },
    });
    expect(replay.statusCode).toBe(400);
  });
});
