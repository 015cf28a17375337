/**
 * The demo campaigns (domain.md g.4 scenarios 2 and 3) load as the seed tells them: 校园餐 in the checking
 * phase with its participants, 粮食购销 in concentrated handling by a 常委会 decision, each with a timeline
 * that reads in order; and the right accounts see them (and nobody else).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { demoCampaigns } from './campaigns';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (url: string, as: string) => t.request({ method: 'GET', url, as });

describe('demo campaigns', () => {
  it('load with their phase, plan approval and participants', async () => {
    const list = (await get('/api/v1/campaigns?pageSize=100', 'sj.secretary')).json();
    expect(list.items.map((c: { name: string; state: string }) => [c.name, c.state]).sort()).toEqual([
      ['校园餐突出问题专项整治', 'CHECKING'],
      ['粮食购销领域腐败问题专项整治', 'CONCENTRATED_HANDLING'],
    ]);
    for (const demo of demoCampaigns) {
      const id = list.items.find((c: { name: string }) => c.name === demo.name).id;
      const d = (await get(`/api/v1/campaigns/${id}`, 'dfzf.director')).json();
      expect(d.leadOrgName).toBe('党风政风监督室');
      expect(d.planApproval).toBe(demo.approval);
      expect(d.planApprovedBy.name).not.toBe('');
      expect(d.participants).toHaveLength(demo.participants.length);
      expect(d.participants.map((p: { division: string }) => p.division).sort()).toEqual(demo.participants.map((p) => p.division).sort());
      // The timeline starts with the registration and the approval, and ends in the current phase.
      expect(d.events.slice(0, 2).map((e: { action: string }) => e.action)).toEqual(['create', 'approvePlan']);
      expect(d.events.at(-1).toState).toBe(demo.state);
    }
  });

  it('each is visible to its lead office, participants and leaders only', async () => {
    const visible = async (as: string) => ((await get('/api/v1/campaigns?pageSize=100', as)).json().items as { name: string }[]).map((c) => c.name).sort();
    expect(await visible('dfzf.staff')).toHaveLength(2);
    expect(await visible('fsj2.deputy')).toHaveLength(2);
    expect(await visible('edu.group')).toEqual(['校园餐突出问题专项整治']);
    expect(await visible('yd.jyj')).toEqual(['校园餐突出问题专项整治']);
    expect(await visible('fgw.group')).toEqual(['粮食购销领域腐败问题专项整治']);
    expect(await visible('fin.staff')).toEqual([]);
    expect((await get('/api/v1/campaigns', 'bank.liaison')).statusCode).toBe(403);
  });
});
