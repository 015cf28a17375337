import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { DEMO_PASSWORD } from '../../demo/data';
import { SESSION_COOKIE } from './session';
import { FAILED_SIGN_INS_PER_ADDRESS, SignInThrottle } from './sign-in-throttle';

/**
 * 登录限流 per client address: refusals count (password spraying from one machine), successful sign-ins and the TOTP
 * prompt do not (a commission's staff behind one NAT sign in within minutes of each other at 8:30).
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const signIn = (remoteAddress: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, headers: { 'x-requested-with': 'liandong' }, payload });

describe('sign-ins from one address', () => {
  it('lets thirty colleagues behind one NAT sign in within a minute', async () => {
    const users = ['edu.group', 'edu.staff'];
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await signIn('192.0.2.40', { username: users[i % 2], password: DEMO_PASSWORD })).statusCode);
    expect(statuses).toEqual(Array(30).fill(200));
  });

  it('refuses an address after 20 failures within a minute, even the right password, before checking it; other addresses still sign in', async () => {
    for (let i = 0; i < FAILED_SIGN_INS_PER_ADDRESS; i++) {
      const res = await signIn('192.0.2.41', { username: `sprayed${i}`, password: 'Wrong@2026x' });
      expect(res.statusCode, res.body).toBe(401);
    }
    const before = await t.db
      .selectFrom('login_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ip', '=', '192.0.2.41')
      .executeTakeFirstOrThrow();
    const refused = await signIn('192.0.2.41', { username: 'edu.group', password: DEMO_PASSWORD });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.json().message).toMatch(/^登录失败次数过多，请\d+秒后再试$/);
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    // Refused before the password was checked: no attempt logged, the account's failure count untouched.
    const after = await t.db
      .selectFrom('login_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ip', '=', '192.0.2.41')
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await signIn('192.0.2.42', { username: 'edu.group', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('does not count the TOTP prompt: a leader whose password is right is asked for the code every time', async () => {
    const first = await signIn('192.0.2.43', { username: 'ag.manager2', password: DEMO_PASSWORD });
    const cookies = { [SESSION_COOKIE]: first.cookies.find((c) => c.name === SESSION_COOKIE)!.value };
    const secret: string = (await t.request({ method: 'POST', url: '/api/v1/auth/totp/enrol', cookies, payload: {} })).json().secret;
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();
    expect((await t.request({ method: 'POST', url: '/api/v1/auth/totp/confirm', cookies, payload: { code } })).statusCode).toBe(200);
    const codes: string[] = [];
    for (let i = 0; i < FAILED_SIGN_INS_PER_ADDRESS + 5; i++)
      codes.push((await signIn('192.0.2.44', { username: 'ag.manager2', password: DEMO_PASSWORD })).json().code);
    expect(codes).toEqual(Array(FAILED_SIGN_INS_PER_ADDRESS + 5).fill('TOTP_REQUIRED'));
  });
});

describe('SignInThrottle', () => {
  it('refuses from the 20th failure to the end of the window that the first failure opened, with the seconds left', () => {
    let now = 1_000_000;
    const throttle = new SignInThrottle(20, 60_000, () => now);
    for (let i = 0; i < 19; i++) throttle.failed('a');
    expect(() => throttle.check('a')).not.toThrow();
    throttle.failed('a');
    now += 15_500;
    expect(() => throttle.check('a')).toThrow(expect.objectContaining({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 45 } }));
    expect(() => throttle.check('b')).not.toThrow();
    now += 44_500;
    expect(() => throttle.check('a')).not.toThrow();
    // A new window: its failures count from one again.
    throttle.failed('a');
    for (let i = 0; i < 18; i++) throttle.failed('a');
    expect(() => throttle.check('a')).not.toThrow();
  });
});
