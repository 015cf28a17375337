import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';

/** The 校园餐 campaign's demo checks (campaign-inspections.ts): as the demo asks, and its secret plan kept secret. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo checks of the 校园餐 campaign', () => {
  it('two joint spot checks and one unannounced visit done, with findings handed over to a clue and a rectification task of the campaign', async () => {
    const { rows } = await sql<{ type: string; state: string; findings: number; clues: number; tasks: number }>`SELECT i.type, i.state,
        (SELECT count(*)::int FROM inspection_finding f WHERE f.inspection_id = i.id) AS findings,
        (SELECT count(*)::int FROM inspection_finding f JOIN clue c ON c.id = f.handed_over_id
          WHERE f.inspection_id = i.id AND f.handed_over_type = 'clue' AND c.campaign_id = i.campaign_id) AS clues,
        (SELECT count(*)::int FROM inspection_finding f JOIN rectification_task r ON r.id = f.handed_over_id
          WHERE f.inspection_id = i.id AND f.handed_over_type = 'rectification_task' AND r.campaign_id = i.campaign_id) AS tasks
      FROM inspection i JOIN campaign c ON c.id = i.campaign_id WHERE c.domain = 'SCHOOL_CATERING' ORDER BY i.visit_on`.execute(t.db);
    const done = rows.filter((r) => r.state === 'DONE');
    expect(done.filter((r) => r.type === 'JOINT_SPOT_CHECK')).toHaveLength(2);
    expect(done.filter((r) => r.type === 'UNANNOUNCED')).toHaveLength(1);
    expect(done.every((r) => r.findings > 0)).toBe(true);
    expect(done.reduce((n, r) => n + r.clues, 0)).toBe(1);
    expect(done.reduce((n, r) => n + r.tasks, 0)).toBe(1);
  });

  it('the planned unannounced visit ahead is shown to its team leader and hidden from a participating group', async () => {
    const campaign = (await t.db.selectFrom('campaign').select('id').where('domain', '=', 'SCHOOL_CATERING').executeTakeFirstOrThrow()).id;
    const titles = async (as: string) =>
      ((await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/inspections`, as })).json() as { items: { title: string }[] }).items.map(
        (i) => i.title,
      );
    expect((await titles('dfzf.staff')).some((x) => x.includes('（计划）'))).toBe(true);
    expect((await titles('yz.jyj')).some((x) => x.includes('（计划）'))).toBe(false);
    expect(await titles('yz.jyj')).toContain('兰州新区学校食堂明察暗访');
  });
});
