import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, orgIdOf, userIdOf } from '../../../test/fixtures';
import { DEMO_PASSWORD } from '../../demo/data';

/**
 * Issue 8, 三员: the security administrator alone cannot take over the 书记 or another administrator by
 * resetting both password and TOTP — a privileged account's reset waits for a second administrator;
 * the clearance is the security administrator's to set, not the system administrator's.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const NEW_PASSWORD = 'Chongzhi#2026xy';
let addr = 0;
const login = (username: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'x-requested-with': 'liandong' },
    remoteAddress: `10.7.0.${++addr}`,
    payload: { username, password },
  });
const account = async (username: string, as = 'secadmin') =>
  (await t.request({ method: 'GET', url: `/api/v1/users/${await userIdOf(t.db, username)}`, as })).json();

describe('clearance belongs to the security administrator', () => {
  it('refuses the system administrator setting a clearance, and lets the security administrator set it', async () => {
    const u = await account('jc4.staff', 'sysadmin');
    const target = u.clearance === 'PUBLIC' ? 'WORK_SECRET' : 'PUBLIC';
    const bySys = await t.request({ method: 'PATCH', url: `/api/v1/users/${u.id}`, as: 'sysadmin', payload: { version: u.version, clearance: target } });
    expect(bySys.statusCode).toBe(403);
    expect(bySys.json().message).toContain('安全管理员');
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: 'sysadmin',
      payload: { username: 'x.cleared', displayName: '某', orgId: await orgIdOf(t.db, 'LZ-JW'), clearance: 'WORK_SECRET', initialPassword: 'Anquan#2026two' },
    });
    expect(created.statusCode).toBe(403);
    expect(u.abilities.setClearance).toBe(false);
    expect((await account('jc4.staff')).abilities.setClearance).toBe(true);
    const bySec = await t.request({
      method: 'PUT',
      url: `/api/v1/users/${u.id}/clearance`,
      as: 'secadmin',
      payload: { version: u.version, clearance: target },
    });
    expect(bySec.statusCode).toBe(200);
    expect(bySec.json().clearance).toBe(target);
    expect(await auditCount(t.db, 'user.clearance_changed')).toBe(1);
    const ceiling = await t.request({
      method: 'PUT',
      url: `/api/v1/users/${u.id}/clearance`,
      as: 'secadmin',
      payload: { version: bySec.json().version, clearance: 'SECRET' },
    });
    expect(ceiling.statusCode).toBe(422);
  });
});

describe('reset of a privileged account needs a second administrator', () => {
  it('files the 书记 password reset as a request; the requester cannot approve it, another administrator can', async () => {
    const sj = await account('sj.secretary');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/users/${sj.id}/reset-password`,
      as: 'secadmin',
      payload: { version: sj.version, newPassword: NEW_PASSWORD },
    });
    expect(res.statusCode).toBe(202);
    const request = res.json();
    expect(request).toMatchObject({ kind: 'PASSWORD', status: 'PENDING', username: 'sj.secretary', abilities: { approve: false, reject: true } });
    expect(res.body).not.toContain(NEW_PASSWORD);
    // Nothing changed yet: the new password does not sign in, the old one does.
    expect((await login('sj.secretary', NEW_PASSWORD)).statusCode).toBe(401);
    expect((await login('sj.secretary', DEMO_PASSWORD)).statusCode).toBe(200);
    const stored = await t.db.selectFrom('credential_reset_request').select('password_hash').where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);

    const self = await t.request({ method: 'POST', url: `/api/v1/users/credential-resets/${request.id}/approve`, as: 'secadmin' });
    expect(self.statusCode).toBe(403);
    const again = await t.request({
      method: 'POST',
      url: `/api/v1/users/${sj.id}/reset-password`,
      as: 'secadmin',
      payload: { version: sj.version, newPassword: NEW_PASSWORD },
    });
    expect(again.statusCode).toBe(409);

    // The system administrator was told and approves.
    const inbox = await t.request({ method: 'GET', url: '/api/v1/inbox', as: 'sysadmin' });
    expect(inbox.body).toContain('sj.secretary');
    const list = await t.request({ method: 'GET', url: '/api/v1/users/credential-resets', as: 'sysadmin' });
    expect(list.json().items.find((i: { id: string }) => i.id === request.id).abilities.approve).toBe(true);
    const resets = await auditCount(t.db, 'user.password_reset');
    const ok = await t.request({ method: 'POST', url: `/api/v1/users/credential-resets/${request.id}/approve`, as: 'sysadmin' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'APPROVED', decidedByName: expect.any(String) });
    expect(await auditCount(t.db, 'user.password_reset')).toBe(resets + 1);
    expect((await login('sj.secretary', NEW_PASSWORD)).statusCode).toBe(200);
    expect((await login('sj.secretary', DEMO_PASSWORD)).statusCode).toBe(401);
    const twice = await t.request({ method: 'POST', url: `/api/v1/users/credential-resets/${request.id}/approve`, as: 'sysadmin' });
    expect(twice.statusCode).toBe(409);
  });

  it('files the audit administrator TOTP reset as a request that can be rejected, leaving the binding', async () => {
    await t.db
      .updateTable('app_user')
      .set({ totp_enabled: true, totp_secret_cipher: Buffer.from('x') })
      .where('username', '=', 'auditadmin')
      .execute();
    const aa = await account('auditadmin');
    const res = await t.request({ method: 'POST', url: `/api/v1/users/${aa.id}/reset-totp`, as: 'secadmin', payload: { version: aa.version } });
    expect(res.statusCode).toBe(202);
    const rejected = await t.request({ method: 'POST', url: `/api/v1/users/credential-resets/${res.json().id}/reject`, as: 'sysadmin' });
    expect(rejected.json().status).toBe('REJECTED');
    expect((await account('auditadmin')).totpEnabled).toBe(true);
    expect(await auditCount(t.db, 'user.reset_rejected')).toBe(1);
  });

  it('does not let the account itself approve, and a second security administrator may', async () => {
    const sys = await account('sysadmin');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/users/${sys.id}/reset-password`,
      as: 'secadmin',
      payload: { version: sys.version, newPassword: NEW_PASSWORD },
    });
    expect(res.statusCode).toBe(202);
    const byTarget = await t.request({ method: 'POST', url: `/api/v1/users/credential-resets/${res.json().id}/approve`, as: 'sysadmin' });
    expect(byTarget.statusCode).toBe(403);
    // A second security administrator: created by the system administrator, role granted by the security administrator.
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: 'sysadmin',
      payload: { username: 'sec.two', displayName: '第二安全员', orgId: await orgIdOf(t.db, 'LZ-JW'), initialPassword: 'Anquan#2026two' },
    });
    expect(created.statusCode).toBe(201);
    const granted = await t.request({
      method: 'PUT',
      url: `/api/v1/users/${created.json().id}/roles`,
      as: 'secadmin',
      payload: { version: created.json().version, roles: ['SEC_ADMIN'] },
    });
    expect(granted.statusCode).toBe(200);
    const ok = await t.request({ method: 'POST', url: `/api/v1/users/credential-resets/${res.json().id}/approve`, as: 'sec.two' });
    expect(ok.statusCode).toBe(200);
  });

  it('still needs the second administrator after the leader roles were taken away (no strip, reset, grant back)', async () => {
    const leader = await account('cw1.member');
    const stripped = await t.request({
      method: 'PUT',
      url: `/api/v1/users/${leader.id}/roles`,
      as: 'secadmin',
      payload: { version: leader.version, roles: ['OFFICE_STAFF'] },
    });
    expect(stripped.statusCode).toBe(200);
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/users/${leader.id}/reset-password`,
      as: 'secadmin',
      payload: { version: stripped.json().version, newPassword: NEW_PASSWORD },
    });
    expect(res.statusCode).toBe(202);
    expect((await login('cw1.member', NEW_PASSWORD)).statusCode).toBe(401);
  });

  it('resets an ordinary account at once', async () => {
    const u = await account('jc3.staff');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/users/${u.id}/reset-password`,
      as: 'secadmin',
      payload: { version: u.version, newPassword: NEW_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
  });
});
