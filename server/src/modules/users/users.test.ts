import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, createOtherCommission, orgIdOf, userIdOf } from '../../../test/fixtures';
import { DEMO_PASSWORD } from '../../demo/data';
import { SESSION_COOKIE } from '../auth';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const STRONG = 'Chushi#Mima2026';

async function getUser(username: string, as = 'sysadmin') {
  const id = await userIdOf(t.db, username);
  const res = await t.request({ method: 'GET', url: `/api/v1/users/${id}`, as });
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function createUser(username: string, extra: Record<string, unknown> = {}) {
  return t.request({
    method: 'POST',
    url: '/api/v1/users',
    as: 'sysadmin',
    payload: { username, displayName: '测试干部', orgId: await orgIdOf(t.db, 'LZ-JW-JC3'), clearance: 'PUBLIC', initialPassword: STRONG, ...extra },
  });
}

describe('listing accounts', () => {
  it('lists the commission accounts with abilities and never a hash or TOTP secret', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/users?pageSize=200', as: 'sysadmin' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.abilities.create).toBe(true);
    expect(body.total).toBeGreaterThan(50);
    const sec = body.items.find((u: { username: string }) => u.username === 'secadmin');
    expect(sec.roles).toEqual(['SEC_ADMIN']);
    expect(sec.abilities).toMatchObject({ update: true, disable: true, assignRoles: false, resetPassword: false });
    expect(res.body).not.toMatch(/argon2|password_?hash|totp_?secret|passwordHash|totpSecret/i);
  });

  it('gives the security administrator role and credential abilities, not account creation', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/users?q=jc3&role=OFFICE_STAFF', as: 'secadmin' });
    const body = res.json();
    expect(body.abilities.create).toBe(false);
    expect(body.items.map((u: { username: string }) => u.username).sort()).toEqual(['jc3.director', 'jc3.staff']);
    expect(body.items[0].abilities).toMatchObject({ update: false, assignRoles: true, resetPassword: true, disable: false });
  });

  it('filters by org and status and pages', async () => {
    const org = await orgIdOf(t.db, 'LZ-JW-PZ-JYJ');
    const res = await t.request({ method: 'GET', url: `/api/v1/users?orgId=${org}&status=ACTIVE&page=1&pageSize=1`, as: 'sysadmin' });
    expect(res.json().total).toBe(2);
    expect(res.json().items).toHaveLength(1);
  });

  it('is closed to business users and the audit administrator', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/users', as: 'sj.secretary' })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/users', as: 'auditadmin' })).statusCode).toBe(403);
  });
});

describe('creating accounts (system administrator)', () => {
  it('creates person and account without roles; the first sign-in must change the password', async () => {
    const before = await auditCount(t.db, 'user.created');
    const res = await createUser('new.cadre', { gender: 'F', position: '干部' });
    expect(res.statusCode).toBe(201);
    const u = res.json();
    expect(u).toMatchObject({ username: 'new.cadre', roles: [], mustChangePassword: true, status: 'ACTIVE', version: 1, orgName: '第三监督检查室' });
    expect(await auditCount(t.db, 'user.created')).toBe(before + 1);
    const login = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'new.cadre', password: STRONG } });
    expect(login.json().restriction).toBe('PASSWORD_CHANGE');
  });

  it('refuses a clearance above the non-classified ceiling, a weak password, a taken name and a foreign org', async () => {
    const secret = await createUser('x.secret', { clearance: 'SECRET' });
    expect(secret.statusCode).toBe(422);
    expect(secret.json().message).toContain('非涉密');
    const weak = await createUser('x.weak', { initialPassword: 'abc' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().details.issues[0].path).toBe('initialPassword');
    expect((await createUser('jc3.staff')).statusCode).toBe(409);
    const other = await createOtherCommission(t.db);
    const foreign = await createUser('x.foreign', { orgId: other.orgId });
    expect(foreign.statusCode).toBe(422);
    expect(await t.db.selectFrom('app_user').select('id').where('username', 'like', 'x.%').execute()).toHaveLength(0);
  });

  it('is refused to the security administrator (三员: accounts belong to the system administrator)', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: 'secadmin',
      payload: { username: 'y.user', displayName: '某', orgId: await orgIdOf(t.db, 'LZ-JW'), clearance: 'PUBLIC', initialPassword: STRONG },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('updating with optimistic locking', () => {
  it('updates the name, and a stale version is 409 with nothing written', async () => {
    const u = await getUser('jc5.staff');
    const ok = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      as: 'sysadmin',
      payload: { version: u.version, displayName: '郦青蔓（改）', clearance: u.clearance },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ displayName: '郦青蔓（改）', clearance: u.clearance, version: u.version + 1 });
    const events = await auditCount(t.db);
    const stale = await t.request({ method: 'PATCH', url: `/api/v1/users/${u.id}`, as: 'sysadmin', payload: { version: u.version, displayName: '覆盖' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    expect((await getUser('jc5.staff')).displayName).toBe('郦青蔓（改）');
    expect(await auditCount(t.db)).toBe(events);
  });
});

describe('roles (security administrator)', () => {
  it('grants business roles, ends the sessions, and audits the change', async () => {
    const u = await getUser('sc9.staff', 'secadmin');
    const victim = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'sc9.staff', password: DEMO_PASSWORD } });
    const cookie = victim.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    const res = await t.request({
      method: 'PUT',
      url: `/api/v1/users/${u.id}/roles`,
      as: 'secadmin',
      payload: { version: u.version, roles: ['OFFICE_STAFF', 'CASE_MANAGER'] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(['CASE_MANAGER', 'OFFICE_STAFF']);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: cookie } })).statusCode).toBe(401);
    const ev = await t.db
      .selectFrom('audit_event')
      .select(['payload', 'actor_name'])
      .where('type', '=', 'user.roles_changed')
      .where('object_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(ev.payload).toMatchObject({ from: ['OFFICE_STAFF'], to: ['CASE_MANAGER', 'OFFICE_STAFF'] });
  });

  it('refuses admin roles combined with anything, and the system administrator granting roles', async () => {
    const u = await getUser('sc10.staff', 'secadmin');
    for (const roles of [
      ['SYS_ADMIN', 'OFFICE_STAFF'],
      ['SYS_ADMIN', 'AUDIT_ADMIN'],
    ]) {
      const res = await t.request({ method: 'PUT', url: `/api/v1/users/${u.id}/roles`, as: 'secadmin', payload: { version: u.version, roles } });
      expect(res.statusCode).toBe(422);
      expect(res.json().message).toContain('三员分立');
    }
    expect(
      (await t.request({ method: 'PUT', url: `/api/v1/users/${u.id}/roles`, as: 'sysadmin', payload: { version: u.version, roles: ['OFFICE_STAFF'] } }))
        .statusCode,
    ).toBe(403);
    expect((await getUser('sc10.staff')).roles).toEqual(['OFFICE_STAFF']);
  });

  it('refuses an administrator changing their own roles', async () => {
    const me = await getUser('secadmin', 'secadmin');
    const res = await t.request({ method: 'PUT', url: `/api/v1/users/${me.id}/roles`, as: 'secadmin', payload: { version: me.version, roles: ['SEC_ADMIN'] } });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('本人');
  });
});

describe('lockout, disable, credentials', () => {
  it('unlocks a locked account; an unlocked one cannot be unlocked', async () => {
    await t.db
      .updateTable('app_user')
      .set({ status: 'LOCKED', locked_until: new Date(Date.now() + 3600_000) })
      .where('username', '=', 'jc6.staff')
      .execute();
    const u = await getUser('jc6.staff', 'secadmin');
    expect(u.abilities.unlock).toBe(true);
    const res = await t.request({ method: 'POST', url: `/api/v1/users/${u.id}/unlock`, as: 'secadmin', payload: { version: u.version } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ACTIVE', lockedUntil: null });
    const again = await t.request({ method: 'POST', url: `/api/v1/users/${u.id}/unlock`, as: 'secadmin', payload: { version: res.json().version } });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('账号未被锁定');
    expect(
      (await t.request({ method: 'POST', url: `/api/v1/users/${u.id}/unlock`, as: 'sysadmin', payload: { version: res.json().version } })).statusCode,
    ).toBe(403);
  });

  it('disabling ends the sessions and blocks sign-in; enabling restores it', async () => {
    const login = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'sc7.staff', password: DEMO_PASSWORD } });
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    const u = await getUser('sc7.staff');
    const off = await t.request({ method: 'POST', url: `/api/v1/users/${u.id}/disable`, as: 'sysadmin', payload: { version: u.version } });
    expect(off.statusCode).toBe(200);
    expect(off.json().status).toBe('DISABLED');
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: cookie } })).statusCode).toBe(401);
    expect((await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'sc7.staff', password: DEMO_PASSWORD } })).statusCode).toBe(401);
    const on = await t.request({ method: 'POST', url: `/api/v1/users/${u.id}/enable`, as: 'sysadmin', payload: { version: off.json().version } });
    expect(on.json().status).toBe('ACTIVE');
    expect((await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'sc7.staff', password: DEMO_PASSWORD } })).statusCode).toBe(200);
  });

  it('refuses disabling oneself and the last security administrator', async () => {
    const self = await getUser('sysadmin');
    expect((await t.request({ method: 'POST', url: `/api/v1/users/${self.id}/disable`, as: 'sysadmin', payload: { version: self.version } })).statusCode).toBe(
      422,
    );
    const sec = await getUser('secadmin');
    const res = await t.request({ method: 'POST', url: `/api/v1/users/${sec.id}/disable`, as: 'sysadmin', payload: { version: sec.version } });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('最后一名安全管理员');
  });

  it('resets a password under the policy and forces a change at next sign-in', async () => {
    const u = await getUser('jc1.staff', 'secadmin');
    const weak = await t.request({
      method: 'POST',
      url: `/api/v1/users/${u.id}/reset-password`,
      as: 'secadmin',
      payload: { version: u.version, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(422);
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/users/${u.id}/reset-password`,
      as: 'secadmin',
      payload: { version: u.version, newPassword: 'Chongzhi#2026ab' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    expect(res.body).not.toContain('Chongzhi');
    const login = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'jc1.staff', password: 'Chongzhi#2026ab' } });
    expect(login.json().restriction).toBe('PASSWORD_CHANGE');
    const old = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'jc1.staff', password: DEMO_PASSWORD } });
    expect(old.statusCode).toBe(401);
  });

  it('resets TOTP only where one is bound', async () => {
    await t.db
      .updateTable('app_user')
      .set({ totp_enabled: true, totp_secret_cipher: Buffer.from('x') })
      .where('username', '=', 'jc2.staff')
      .execute();
    const u = await getUser('jc2.staff', 'secadmin');
    const res = await t.request({ method: 'POST', url: `/api/v1/users/${u.id}/reset-totp`, as: 'secadmin', payload: { version: u.version } });
    expect(res.statusCode).toBe(200);
    expect(res.json().totpEnabled).toBe(false);
    const stored = await t.db.selectFrom('app_user').select(['totp_secret_cipher']).where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(stored.totp_secret_cipher).toBeNull();
    const again = await t.request({ method: 'POST', url: `/api/v1/users/${u.id}/reset-totp`, as: 'secadmin', payload: { version: res.json().version } });
    expect(again.statusCode).toBe(409);
  });
});

describe('tenancy', () => {
  it('answers 404 for accounts of another commission, whatever the action', async () => {
    const other = await createOtherCommission(t.db);
    const v = { version: 1 };
    const calls = [
      t.request({ method: 'GET', url: `/api/v1/users/${other.userId}`, as: 'sysadmin' }),
      t.request({ method: 'PATCH', url: `/api/v1/users/${other.userId}`, as: 'sysadmin', payload: { ...v, displayName: '改' } }),
      t.request({ method: 'POST', url: `/api/v1/users/${other.userId}/disable`, as: 'sysadmin', payload: v }),
      t.request({ method: 'PUT', url: `/api/v1/users/${other.userId}/roles`, as: 'secadmin', payload: { ...v, roles: [] } }),
      t.request({ method: 'POST', url: `/api/v1/users/${other.userId}/reset-password`, as: 'secadmin', payload: { ...v, newPassword: STRONG } }),
    ];
    for (const res of await Promise.all(calls)) expect(res.statusCode).toBe(404);
    const list = await t.request({ method: 'GET', url: `/api/v1/users?q=${other.username}`, as: 'sysadmin' });
    expect(list.json().total).toBe(0);
  });
});
