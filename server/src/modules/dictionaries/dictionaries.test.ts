import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../../../test/fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const put = (code: string, item: string, payload: Record<string, unknown>, as = 'sysadmin') =>
  t.request({ method: 'PUT', url: `/api/v1/dictionaries/${code}/items/${item}`, as, payload });

async function item(code: string, itemCode: string) {
  const body = (await t.request({ method: 'GET', url: '/api/v1/dictionaries', as: 'sysadmin' })).json();
  return body.items.find((d: { code: string }) => d.code === code).items.find((i: { code: string }) => i.code === itemCode);
}

describe('dictionaries', () => {
  it('lists system and business dictionaries with their items to any signed-in user', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/dictionaries', as: 'edu.staff' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.abilities.edit).toBe(false);
    const role = body.items.find((d: { code: string }) => d.code === 'ROLE');
    expect(role).toMatchObject({ isSystem: true, nameZh: '角色' });
    expect(role.items[0]).toMatchObject({ code: 'SECRETARY', labelZh: '书记、主任', active: true, version: 1 });
    expect(body.items.find((d: { code: string }) => d.code === 'RANK_LEVEL').isSystem).toBe(false);
  });

  it('creates and updates items of a business dictionary under optimistic locking', async () => {
    const events = await auditCount(t.db, 'dictionary.item_saved');
    const created = await put('SUPERVISION_METHOD', 'SPOT_CHECK', { labelZh: '随机抽查', labelEn: 'Spot check', sortOrder: 9, active: true });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ code: 'SPOT_CHECK', version: 1 });
    const updated = await put('SUPERVISION_METHOD', 'SPOT_CHECK', {
      labelZh: '随机抽查（双随机）',
      labelEn: 'Spot check',
      sortOrder: 9,
      active: false,
      version: 1,
    });
    expect(updated.json()).toMatchObject({ labelZh: '随机抽查（双随机）', active: false, version: 2 });
    const stale = await put('SUPERVISION_METHOD', 'SPOT_CHECK', { labelZh: '旧', labelEn: 'Old', sortOrder: 9, active: true, version: 1 });
    expect(stale.statusCode).toBe(409);
    const noVersion = await put('SUPERVISION_METHOD', 'SPOT_CHECK', { labelZh: '旧', labelEn: 'Old', sortOrder: 9, active: true });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().details.issues[0].path).toBe('version');
    expect((await item('SUPERVISION_METHOD', 'SPOT_CHECK')).labelZh).toBe('随机抽查（双随机）');
    expect(await auditCount(t.db, 'dictionary.item_saved')).toBe(events + 2);
  });

  it('lets system dictionaries be relabelled but not extended or deactivated', async () => {
    const current = await item('ROLE', 'CASE_MANAGER');
    const relabel = await put('ROLE', 'CASE_MANAGER', {
      labelZh: '案件监督管理室干部',
      labelEn: 'Case manager',
      sortOrder: current.sortOrder,
      active: true,
      version: current.version,
    });
    expect(relabel.statusCode).toBe(200);
    const extend = await put('ROLE', 'NEW_ROLE', { labelZh: '新角色', labelEn: 'New', sortOrder: 99, active: true });
    expect(extend.statusCode).toBe(422);
    expect(extend.json().message).toContain('系统字典');
    const deactivate = await put('ROLE', 'CASE_MANAGER', {
      labelZh: '案管',
      labelEn: 'Case manager',
      sortOrder: 1,
      active: false,
      version: relabel.json().version,
    });
    expect(deactivate.statusCode).toBe(422);
  });

  it('answers 404 for an unknown dictionary and 403 for non-administrators', async () => {
    expect((await put('NO_SUCH', 'X', { labelZh: '某', labelEn: 'X', sortOrder: 0, active: true })).statusCode).toBe(404);
    expect((await put('RANK_LEVEL', 'X', { labelZh: '某', labelEn: 'X', sortOrder: 0, active: true }, 'secadmin')).statusCode).toBe(403);
  });
});
