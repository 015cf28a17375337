/**
 * An intranet install over plain HTTP is a normal deployment: its pages must not tell the browser to upgrade to
 * https (CSP upgrade-insecure-requests) or to remember https only (HSTS) — the browser would then ask for https
 * assets that do not exist and the page would stay blank. Behind TLS (TLS=1 or SECURE_COOKIES=1) both are sent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createTestApp, type TestApp } from './app';

const apps: TestApp[] = [];
afterAll(() => Promise.all(apps.map((a) => a.close())));

async function headersOf(overrides: Parameters<typeof createTestApp>[0]) {
  const t = await createTestApp(overrides);
  apps.push(t);
  const res = await t.request({ method: 'GET', url: '/api/v1/health' });
  return { csp: String(res.headers['content-security-policy'] ?? ''), hsts: res.headers['strict-transport-security'] };
}

describe('security headers follow the deployment', () => {
  it('plain HTTP (the default): no HSTS and no upgrade-insecure-requests, the rest of the CSP kept', async () => {
    const h = await headersOf({});
    expect(h.hsts).toBeUndefined();
    expect(h.csp).not.toContain('upgrade-insecure-requests');
    expect(h.csp).toContain("default-src 'self'");
    expect(h.csp).toContain("frame-ancestors 'none'");
  });

  it('behind TLS: HSTS for a year and upgrade-insecure-requests', async () => {
    const h = await headersOf({ tls: true });
    expect(h.hsts).toMatch(/max-age=31536000/);
    expect(h.csp).toContain('upgrade-insecure-requests');
  });

  it('every answer carries the full set (API, refused, unknown path), computed once, without X-Powered-By', async () => {
    const t = await createTestApp({});
    apps.push(t);
    const answers = [
      await t.request({ method: 'GET', url: '/api/v1/health' }),
      await t.request({ method: 'GET', url: '/api/v1/me' }),
      await t.request({ method: 'POST', url: '/api/v1/auth/logout' }),
      await t.request({ method: 'GET', url: '/api/v1/no-such-route' }),
      await t.request({ method: 'GET', url: '/api/v1/me', as: 'edu.group' }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 401, 404, 200]);
    for (const res of answers) {
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("object-src 'none'");
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
    }
  });

  it('TLS=1 or SECURE_COOKIES=1 in the environment means TLS; neither means plain HTTP', () => {
    const env = {
      DATA_DIR: process.env.TMPDIR ?? '/tmp',
      LIANDONG_SESSION_SECRET: 'x'.repeat(32),
      LIANDONG_SM4_KEY: '0'.repeat(32),
      LIANDONG_AUDIT_KEY: '0'.repeat(64),
    };
    const withEnv = (extra: Record<string, string>) => {
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        return loadConfig({ ...env, ...extra }).tls;
      } finally {
        process.env = saved;
      }
    };
    expect(withEnv({})).toBe(false);
    expect(withEnv({ TLS: '1' })).toBe(true);
    expect(withEnv({ SECURE_COOKIES: '1' })).toBe(true);
  });
});
