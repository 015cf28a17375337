/** GET /api/v1/clue-staff: who can be named on a 核查组 or at a screening meeting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('clue staff lookup', () => {
  it('lists active staff with their org, own org first, and never unit liaisons or the 三员', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/clue-staff?pageSize=100', as: 'jc3.staff' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; name: string; orgName: string }[];
    expect(items.length).toBeGreaterThan(10);
    expect(items[0]!.orgName).toBe('第三监督检查室');
    const ids = new Set(items.map((i) => i.id));
    const excluded = await t.db
      .selectFrom('app_user')
      .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
      .select('app_user.id')
      .where('user_role.role', 'in', ['UNIT_LIAISON', 'SYS_ADMIN', 'SEC_ADMIN', 'AUDIT_ADMIN'])
      .execute();
    expect(excluded.length).toBeGreaterThan(0);
    for (const u of excluded) expect(ids.has(u.id)).toBe(false);
  });

  it('matches a name, an account or an org name', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/clue-staff?q=${encodeURIComponent('审查调查室')}`, as: 'ag.manager1' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { orgName: string }[];
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) expect(i.orgName).toContain('审查调查室');
  });

  it('refuses unit liaisons and the 三员', async () => {
    for (const as of ['bank.liaison', 'sysadmin']) {
      expect((await t.request({ method: 'GET', url: '/api/v1/clue-staff', as })).statusCode).toBe(403);
    }
  });
});
