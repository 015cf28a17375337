import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { DEMO_PASSWORD } from '../src/demo/data';
import { SESSION_COOKIE } from '../src/modules/auth';
import { createTestApp, type TestApp, testConfig } from './app';

/** With the per-node session cache on, a sign-out or forced logout on this node still applies at once. */
let t: TestApp;
let cached: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  t = await createTestApp();
  cached = await buildApp({ db: t.db, config: { ...testConfig(), sessionCacheMs: 60_000 } });
});
afterAll(async () => {
  await cached.close();
  await t.close();
});

const h = { 'x-requested-with': 'liandong' };
async function signIn(username: string): Promise<string> {
  const res = await cached.inject({ method: 'POST', url: '/api/v1/auth/login', headers: h, payload: { username, password: DEMO_PASSWORD } });
  return res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
}
const me = (cookie: string) => cached.inject({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: cookie } });

it('serves repeated requests from the cache and still honours a forced logout immediately', async () => {
  const victim = await signIn('jc1.staff');
  expect((await me(victim)).statusCode).toBe(200);
  expect((await me(victim)).statusCode).toBe(200);
  const admin = await t.sessionFor('secadmin');
  const list = await cached.inject({ method: 'GET', url: '/api/v1/admin/sessions', cookies: { [SESSION_COOKIE]: admin } });
  const s = list.json().items.find((i: { username: string }) => i.username === 'jc1.staff');
  const revoke = await cached.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${s.id}`, headers: h, cookies: { [SESSION_COOKIE]: admin } });
  expect(revoke.statusCode).toBe(200);
  expect((await me(victim)).statusCode).toBe(401);
});

it('sign-out ends the session at once', async () => {
  const c = await signIn('jc2.staff');
  expect((await me(c)).statusCode).toBe(200);
  expect((await cached.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: h, cookies: { [SESSION_COOKIE]: c } })).statusCode).toBe(200);
  expect((await me(c)).statusCode).toBe(401);
});
