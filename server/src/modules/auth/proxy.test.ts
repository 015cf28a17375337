import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../../test/app';
import { buildApp } from '../../app';
import { parseTrustProxy } from '../../config';
import { DEMO_PASSWORD } from '../../demo/data';

/**
 * Issue 8: X-Forwarded-For is believed only from configured proxies (TRUST_PROXY; default none). A
 * client that sends a random X-Forwarded-For with each request is still one address to the sign-in
 * rate limit, and the login log records the socket's address.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const randomIp = () =>
  `${1 + Math.floor(Math.random() * 220)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 250)}`;

describe('client address without trusted proxies', () => {
  it('rate-limits sign-in from one socket whatever X-Forwarded-For says, and logs the socket address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '192.0.2.7',
        headers: { 'x-requested-with': 'liandong', 'x-forwarded-for': randomIp(), 'x-real-ip': randomIp() },
        payload: { username: `nobody${i}`, password: 'x' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429]);
    const ips = await t.db.selectFrom('login_log').select('ip').distinct().where('username', 'like', 'nobody%').execute();
    expect(ips.map((r) => r.ip)).toEqual(['192.0.2.7']);
  });

  it('records the socket address of a successful sign-in and of its session', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '192.0.2.8',
      headers: { 'x-requested-with': 'liandong', 'x-forwarded-for': '203.0.113.99' },
      payload: { username: 'edu.group', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const log = await t.db.selectFrom('login_log').select('ip').where('username', '=', 'edu.group').where('outcome', '=', 'SUCCESS').executeTakeFirstOrThrow();
    expect(log.ip).toBe('192.0.2.8');
    const audit = await t.db.selectFrom('audit_event').select('ip').where('type', '=', 'auth.login_succeeded').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.ip).toBe('192.0.2.8');
  });
});

describe('TRUST_PROXY', () => {
  it('believes X-Forwarded-For only from a configured proxy', async () => {
    const app = await buildApp({ db: t.db, config: { ...testConfig(), trustProxy: parseTrustProxy('10.1.0.0/16, 192.0.2.50') } });
    try {
      const send = (remoteAddress: string, username: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress,
          headers: { 'x-requested-with': 'liandong', 'x-forwarded-for': '198.51.100.23' },
          payload: { username, password: 'x' },
        });
      await send('10.1.2.3', 'via.proxy');
      await send('192.0.2.51', 'not.a.proxy');
      const ipOf = async (username: string) => (await t.db.selectFrom('login_log').select('ip').where('username', '=', username).executeTakeFirstOrThrow()).ip;
      expect(await ipOf('via.proxy')).toBe('198.51.100.23');
      expect(await ipOf('not.a.proxy')).toBe('192.0.2.51');
    } finally {
      await app.close();
    }
  });

  it('reads a list of addresses and CIDRs, and refuses to trust every client', () => {
    expect(parseTrustProxy(undefined)).toEqual([]);
    expect(parseTrustProxy('')).toEqual([]);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy('*')).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy('0.0.0.0/0')).toThrow(/TRUST_PROXY/);
  });
});
