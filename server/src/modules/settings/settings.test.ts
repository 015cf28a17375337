import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../../../test/fixtures';
import { DEMO_PASSWORD } from '../../demo/data';
import { loadOrganNames } from '../../platform/organs';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const put = (key: string, payload: Record<string, unknown>, as: string) => t.request({ method: 'PUT', url: `/api/v1/settings/${key}`, as, payload });

describe('settings', () => {
  it('lists every setting with default, labels and who may edit it', async () => {
    const sec = (await t.request({ method: 'GET', url: '/api/v1/settings', as: 'secadmin' })).json();
    const minLength = sec.items.find((i: { key: string }) => i.key === 'password.minLength');
    expect(minLength).toMatchObject({ value: 10, default: 10, labelZh: '密码最小长度', min: 8, max: 64, editable: true, version: 0 });
    expect(sec.items.find((i: { key: string }) => i.key === 'attachment.maxBytes').editable).toBe(false);
    const sys = (await t.request({ method: 'GET', url: '/api/v1/settings', as: 'sysadmin' })).json();
    expect(sys.items.find((i: { key: string }) => i.key === 'password.minLength').editable).toBe(false);
    expect(sys.items.find((i: { key: string }) => i.key === 'attachment.maxBytes').editable).toBe(true);
    expect((await t.request({ method: 'GET', url: '/api/v1/settings', as: 'auditadmin' })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/settings', as: 'sj.secretary' })).statusCode).toBe(403);
  });

  it('applies a security setting at once (cache cleared) and audits it', async () => {
    const events = await auditCount(t.db, 'setting.changed');
    const res = await put('lockout.maxAttempts', { value: 3 }, 'secadmin');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ key: 'lockout.maxAttempts', value: 3, version: 1 });
    expect(await auditCount(t.db, 'setting.changed')).toBe(events + 1);
    for (let i = 0; i < 2; i++) await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'jc2.staff', password: 'wrong' } });
    const third = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'jc2.staff', password: 'wrong' } });
    expect(third.json().code).toBe('ACCOUNT_LOCKED');
    expect((await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'jc2.staff', password: DEMO_PASSWORD } })).statusCode).toBe(401);
  });

  it('keeps the 三员 apart: security keys only for the security administrator, others only for the system administrator', async () => {
    const a = await put('password.minLength', { value: 12 }, 'sysadmin');
    expect(a.statusCode).toBe(403);
    expect(a.json().message).toContain('安全管理员');
    expect((await put('attachment.maxBytes', { value: 2048 }, 'secadmin')).statusCode).toBe(403);
    expect((await put('attachment.maxBytes', { value: 2048 }, 'sysadmin')).statusCode).toBe(200);
  });

  it('validates ranges with the field path, refuses unknown keys and stale versions', async () => {
    const low = await put('password.minLength', { value: 6 }, 'secadmin');
    expect(low.statusCode).toBe(400);
    expect(low.json().message).toContain('8–64');
    expect(low.json().details.issues[0].path).toBe('value');
    expect((await put('password.minLength', { value: 65 }, 'secadmin')).statusCode).toBe(400);
    expect((await put('password.minLength', { value: 12.5 }, 'secadmin')).statusCode).toBe(400);
    expect((await put('no.such.key', { value: 1 }, 'secadmin')).statusCode).toBe(404);
    const ok = await put('password.minLength', { value: 12, version: 0 }, 'secadmin');
    expect(ok.json().version).toBe(1);
    expect((await put('password.minLength', { value: 14, version: 0 }, 'secadmin')).statusCode).toBe(409);
    const stored = await t.db.selectFrom('setting').select('value').where('key', '=', 'password.minLength').executeTakeFirstOrThrow();
    expect(stored.value).toBe(12);
  });

  it('organ short names and the 印发机关: names for the system administrator, validated, printed on the next document', async () => {
    const sys = (await t.request({ method: 'GET', url: '/api/v1/settings', as: 'sysadmin' })).json();
    const organ = sys.items.find((i: { key: string }) => i.key === 'doc.supervisionOrgan');
    expect(organ).toMatchObject({ kind: 'text', value: '兰州市监委', default: '', editable: true, max: 40 });
    expect(sys.items.find((i: { key: string }) => i.key === 'letter.objectionUnit')).toMatchObject({ kind: 'choice', value: 'WORKING_DAYS' });
    expect((await put('doc.supervisionOrgan', { value: '兰州市监委' }, 'secadmin')).statusCode).toBe(403);
    for (const value of ['兰州市\n监委', '兰州市 监委', '<b>兰州</b>', 12, '兰'.repeat(41)]) {
      const bad = await put('doc.supervisionOrgan', { value }, 'sysadmin');
      expect(bad.statusCode, String(value)).toBe(400);
      expect(bad.json().details.issues[0].path).toBe('value');
    }
    expect((await put('reminder.daysBefore', { value: '3' }, 'sysadmin')).statusCode).toBe(400);
    const stored = await t.db.selectFrom('setting').select('value').where('key', '=', 'doc.supervisionOrgan').executeTakeFirstOrThrow();
    expect(stored.value).toBe('兰州市监委');

    const events = await auditCount(t.db, 'setting.changed');
    const ok = await put('doc.supervisionOrgan', { value: ' 兰州市监察委员会（测试） ', version: organ.version }, 'sysadmin');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ value: '兰州市监察委员会（测试）', version: organ.version + 1 });
    expect(await auditCount(t.db, 'setting.changed')).toBe(events + 1);
    // Documents take the new name at once (the settings cache is cleared).
    const cid = (await t.db.selectFrom('commission').select('id').executeTakeFirstOrThrow()).id;
    expect((await loadOrganNames(t.db, cid)).joint).toEqual(['中共兰州市纪委', '兰州市监察委员会（测试）']);
    // Empty: derived from the commission's root organisation (兰州市纪委监委 → 兰州市监委), never the joint nickname.
    const cleared = await put('doc.supervisionOrgan', { value: '' }, 'sysadmin');
    expect(cleared.json()).toMatchObject({ value: '' });
    expect((await loadOrganNames(t.db, cid)).supervision).toBe('兰州市监委');
    expect((await put('doc.disciplineOrgan', { value: '' }, 'sysadmin')).statusCode).toBe(200);
    expect(await loadOrganNames(t.db, cid)).toMatchObject({ discipline: '中共兰州市纪委', office: '中共兰州市纪委办公室' });
  });
});
