import { sql } from 'kysely';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { DEMO_PASSWORD } from '../../demo/data';
import { SESSION_COOKIE } from './session';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function cookieOf(res: { cookies: { name: string; value: string }[] }): string {
  return res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
}

const login = (body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/auth/login', payload: body });

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Strict session cookie and /me answers with org and scope', async () => {
    const res = await login({ username: 'edu.group', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await t.request({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: cookie.value } });
    expect(me.statusCode).toBe(200);
    const body = me.json();
    expect(body.user.roles).toContain('GROUP_STAFF');
    expect(body.user.org.nameZh).toContain('教育');
    expect(body.scope.reasons).toContain('派驻');
    expect(body.scope.commissionWide).toBe(false);
  });

  it('上次登录 on /me is the sign-in before this session, not the one that just happened', async () => {
    const before = new Date('2026-11-02T01:30:00.000Z');
    await t.db.updateTable('app_user').set({ last_login_at: before }).where('username', '=', 'fin.group').execute();
    const cookie = cookieOf(await login({ username: 'fin.group', password: DEMO_PASSWORD }));
    const me = (await t.request({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: cookie } })).json();
    expect(me.user.previousLoginAt).toBe(before.toISOString());
    const row = await t.db.selectFrom('app_user').select(['last_login_at', 'previous_login_at']).where('username', '=', 'fin.group').executeTakeFirstOrThrow();
    expect(row.previous_login_at!.toISOString()).toBe(before.toISOString());
    expect(row.last_login_at!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('stores only a hash of the session id', async () => {
    const res = await login({ username: 'edu.group', password: DEMO_PASSWORD });
    const token = cookieOf(res);
    const rows = await t.db.selectFrom('user_session').select('id_hash').execute();
    expect(rows.some((r) => r.id_hash.toString('base64url') === token)).toBe(false);
  });

  it('answers the same 401 for an unknown user and a wrong password, and logs both', async () => {
    const a = await login({ username: 'nobody.here', password: 'x' });
    const b = await login({ username: 'jc1.staff', password: 'wrong-password' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().message).toBe('用户名或密码错误，再失败4次账号将被锁定');
    expect(b.json().message).toBe(a.json().message);
    const log = await t.db.selectFrom('login_log').select(['username', 'outcome']).where('username', 'in', ['nobody.here', 'jc1.staff']).execute();
    expect(log.map((l) => l.outcome).sort()).toEqual(['BAD_PASSWORD', 'UNKNOWN_USER']);
  });

  it('locks the account after five failures, even for the right password', async () => {
    for (let i = 0; i < 4; i++) expect((await login({ username: 'jc2.staff', password: 'bad' })).statusCode).toBe(401);
    const fifth = await login({ username: 'jc2.staff', password: 'bad' });
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    const right = await login({ username: 'jc2.staff', password: DEMO_PASSWORD });
    expect(right.statusCode).toBe(401);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
  });

  it('refuses a state-changing request without the CSRF header', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'edu.group', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
  });

  it('requires a session for /me', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
  });
});

describe('TOTP second factor', () => {
  it('forces a leader to enrol, then requires the code at every sign-in', async () => {
    const first = await login({ username: 'sj.secretary', password: DEMO_PASSWORD });
    expect(first.statusCode).toBe(200);
    expect(first.json().restriction).toBe('TOTP_ENROLMENT');
    const cookie = { [SESSION_COOKIE]: cookieOf(first) };
    const blocked = await t.request({ method: 'GET', url: '/api/v1/auth/sessions', cookies: cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('TOTP_ENROLMENT_REQUIRED');
    const enrol = await t.request({ method: 'POST', url: '/api/v1/auth/totp/enrol', cookies: cookie, payload: {} });
    expect(enrol.statusCode, enrol.body).toBe(200);
    const { secret, qrDataUrl } = enrol.json();
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
    const wrong = await t.request({
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      cookies: cookie,
      payload: { code: '000000' === totp.generate() ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await t.request({ method: 'POST', url: '/api/v1/auth/totp/confirm', cookies: cookie, payload: { code: totp.generate() } });
    expect(ok.statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/v1/auth/sessions', cookies: cookie })).statusCode).toBe(200);
    const noCode = await login({ username: 'sj.secretary', password: DEMO_PASSWORD });
    expect(noCode.json().code).toBe('TOTP_REQUIRED');
    // The code used to confirm enrolment cannot be replayed.
    const replay = await login({ username: 'sj.secretary', password: DEMO_PASSWORD, totp: totp.generate() });
    expect(replay.json().code).toBe('TOTP_INVALID');
    const stored = await t.db.selectFrom('app_user').select(['totp_secret_cipher']).where('username', '=', 'sj.secretary').executeTakeFirstOrThrow();
    expect(stored.totp_secret_cipher!.toString('latin1')).not.toContain(secret);
  });
});

describe('password change', () => {
  it('enforces the policy and history, and ends other sessions', async () => {
    const a = cookieOf(await login({ username: 'jc4.staff', password: DEMO_PASSWORD }));
    const b = cookieOf(await login({ username: 'jc4.staff', password: DEMO_PASSWORD }));
    const weak = await t.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      cookies: { [SESSION_COOKIE]: a },
      payload: { oldPassword: DEMO_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().message).toContain('长度不少于10位');
    const same = await t.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      cookies: { [SESSION_COOKIE]: a },
      payload: { oldPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD },
    });
    expect(same.statusCode).toBe(422);
    expect(same.json().message).toContain('不得与最近');
    const ok = await t.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      cookies: { [SESSION_COOKIE]: a },
      payload: { oldPassword: DEMO_PASSWORD, newPassword: 'Xinmima#2026ok' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: b } })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: a } })).statusCode).toBe(200);
    expect((await login({ username: 'jc4.staff', password: 'Xinmima#2026ok' })).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('lets the security administrator force a user offline', async () => {
    const victim = cookieOf(await login({ username: 'jc5.staff', password: DEMO_PASSWORD }));
    const list = await t.request({ method: 'GET', url: '/api/v1/admin/sessions', as: 'secadmin' });
    expect(list.statusCode).toBe(200);
    const s = list.json().items.find((i: { username: string }) => i.username === 'jc5.staff');
    expect((await t.request({ method: 'DELETE', url: `/api/v1/auth/sessions/${s.id}`, as: 'secadmin' })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: victim } })).statusCode).toBe(401);
  });

  it('expires an idle session', async () => {
    const c = cookieOf(await login({ username: 'jc6.staff', password: DEMO_PASSWORD }));
    await t.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('revoked_at', 'is', null)
      .where('user_id', '=', t.db.selectFrom('app_user').select('id').where('username', '=', 'jc6.staff'))
      .execute();
    const res = await t.request({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: c } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
  });
});

describe('scope reasons on /me', () => {
  it('names the links that give an office director its scope, and nothing it does not have', async () => {
    const me = (await t.request({ method: 'GET', url: '/api/v1/me', as: 'jc3.director' })).json();
    expect(me.scope.reasons).toContain('联系');
    expect(me.scope.reasons).not.toContain('本县区');
    expect(me.scope.reasons).not.toContain('全委');
    const county = (await t.request({ method: 'GET', url: '/api/v1/me', as: 'yz.county' })).json();
    expect(county.scope.reasons).toContain('本县区');
  });
});

describe('scope summary on /me (one statement)', () => {
  it('counts, groups by kind and samples exactly the orgs of actor_org_scope, own org first', async () => {
    for (const username of ['edu.group', 'jc3.director', 'yz.county', 'sj.secretary', 'sysadmin']) {
      const res = await t.request({ method: 'GET', url: '/api/v1/me', as: username });
      expect(res.statusCode).toBe(200);
      const me = res.json() as {
        user: { id: string; org: { id: string } };
        business: boolean;
        scope: { orgCount: number; byKind: Record<string, number>; sample: { id: string; kind: string }[]; reasons: string[]; commissionWide: boolean };
      };
      const { rows } = await sql<{ id: string; kind: string }>`
        SELECT o.id, o.kind FROM org o WHERE o.id IN (SELECT org_id FROM actor_org_scope(${me.user.id}::uuid))`.execute(t.db);
      expect(me.scope.orgCount, username).toBe(rows.length);
      const byKind: Record<string, number> = {};
      for (const r of rows) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
      expect(me.scope.byKind, username).toEqual(byKind);
      expect(me.scope.sample.length, username).toBe(Math.min(12, rows.length));
      const ids = new Set(rows.map((r) => r.id));
      for (const s of me.scope.sample) expect(ids.has(s.id), username).toBe(true);
      if (rows.length) expect(me.scope.sample[0]!.id, username).toBe(me.user.org.id);
      if (!me.business) expect(me.scope.reasons, username).toEqual([]);
      else expect(me.scope.reasons[0], username).toBe('本单位');
    }
    const wide = (await t.request({ method: 'GET', url: '/api/v1/me', as: 'sj.secretary' })).json();
    expect(wide.scope.commissionWide).toBe(true);
    expect(wide.scope.reasons).toContain('全委');
  });

  it('counts unread inbox messages of the caller only', async () => {
    const me = (await t.request({ method: 'GET', url: '/api/v1/me', as: 'fin.staff' })).json() as { user: { id: string }; unreadInbox: number };
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM inbox_message WHERE user_id = ${me.user.id}::uuid AND read_at IS NULL`.execute(
      t.db,
    );
    expect(me.unreadInbox).toBe(rows[0]!.n);
  });
});
