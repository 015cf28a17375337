/** The demo systemic problem (problems.ts): 校园餐 procurement from three counties, converted into 2027's common item. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { DEMO_PROBLEM_MATTER, DEMO_PROBLEM_TITLE, demoProblemYear } from './problems';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo problem register', () => {
  it('has the 校园餐 problem confirmed from three counties’ findings and turned into next year’s common item', async () => {
    const list = await t.request({ method: 'GET', url: '/api/v1/problems?sector=SCHOOL_CATERING&state=CONVERTED', as: 'sj.secretary' });
    expect(list.statusCode, list.body).toBe(200);
    const row = list.json().items.find((p: { title: string }) => p.title === DEMO_PROBLEM_TITLE);
    expect(row).toMatchObject({ origin: 'CLUSTER', typeLabel: '系统性问题', sectorLabel: '校园餐', evidenceCount: 3 });
    expect(row.units).toHaveLength(3);
    const detail = (await t.request({ method: 'GET', url: `/api/v1/problems/${row.id}`, as: 'sj.secretary' })).json();
    expect(detail.evidence).toHaveLength(3);
    expect(new Set(detail.evidence.map((e: { unit: { id: string } }) => e.unit.id)).size).toBe(3);
    expect(detail.conversions).toEqual([expect.objectContaining({ targetType: 'common_item', ref: expect.stringContaining(DEMO_PROBLEM_MATTER) })]);
    const common = await t.db.selectFrom('common_item').select(['year']).where('matter', '=', DEMO_PROBLEM_MATTER).execute();
    expect(common).toEqual([{ year: demoProblemYear() }]);
    expect(detail).toMatchObject({ state: 'CONVERTED', version: 2, abilities: { actions: [] } });
    const items = await t.db.selectFrom('supervision_item').select('id').where('matter', '=', DEMO_PROBLEM_MATTER).execute();
    expect(items.length).toBeGreaterThan(0);
  });

  it('gives every campaign its domain as 行业领域 (sector_code)', async () => {
    const rows = await t.db.selectFrom('campaign').select(['domain', 'sector_code']).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.sector_code).toBe(r.domain);
  });
});
