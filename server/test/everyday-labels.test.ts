import type { LinkageMap } from '@liandong/domain/org/contracts';
import { ALL_MAP_CATEGORIES, ALL_MAP_EDGE_TYPES, DEFAULT_LINKAGE_FILTER, selectLinkageView } from '@liandong/domain/org/linkage-view';
import type { TaskDetail, TaskPage } from '@liandong/domain/reform/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app';

/* Issue 13, the everyday findings that rest on server data: whose step a task update was, and the linkage map's default view. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the unit portal names its own steps (issue 13)', () => {
  it("a task's history marks the liaison's adoption, plan and reports as the unit's, the supervisor's as the commission's", async () => {
    const list = (await t.request({ method: 'GET', url: '/api/v1/rectification-tasks?pageSize=100', as: 'bank.liaison' })).json() as TaskPage;
    expect(list.items.length).toBeGreaterThan(0);
    const sides = new Map<string, Set<string>>();
    for (const item of list.items) {
      const res = await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/${item.id}`, as: 'bank.liaison' });
      expect(res.statusCode).toBe(200);
      const task = res.json() as TaskDetail;
      // The adoption that created the task was the unit's (its liaison adopted the letter), not a 纪委监委意见.
      const adoption = task.updates.find((u) => u.fromState === null && u.toState === 'ASSIGNED');
      expect(adoption?.side).toBe('UNIT');
      for (const u of task.updates) {
        if (!sides.has(u.kind)) sides.set(u.kind, new Set());
        sides.get(u.kind)!.add(u.side);
        if (u.side === 'SYSTEM') expect(u.actor).toBeNull();
      }
    }
    expect([...(sides.get('PLAN') ?? [])]).toEqual(['UNIT']);
    expect(sides.get('REVIEW')).toContain('COMMISSION');
    // The same reading for the supervising staff: the side is a fact of the step, not of the reader.
    const staffView = (await t.request({ method: 'GET', url: `/api/v1/rectification-tasks/${list.items[0]!.id}`, as: 'sj.secretary' })).json() as TaskDetail;
    expect(staffView.updates.find((u) => u.fromState === null)?.side).toBe('UNIT');
  });
});

describe('the linkage map is readable by default (issue 13)', () => {
  it('the default view of the whole commission keeps the command chain and leaves hosts and townships to the filters', async () => {
    const map = (await t.request({ method: 'GET', url: '/api/v1/linkage-map', as: 'sj.secretary' })).json() as LinkageMap;
    expect(map.nodes.length).toBeGreaterThan(100);
    const view = selectLinkageView(map, DEFAULT_LINKAGE_FILTER);
    // 132 orgs and 130 links in the whole map; the default keeps well under two thirds of the orgs, joined as a
    // tree (fewer links than orgs: 分管 → 室 → 组/县区), not a mesh.
    expect(view.nodes.length).toBeLessThan(map.nodes.length * 0.6);
    expect(view.edges.length).toBeLessThan(view.nodes.length);
    expect(new Set(view.nodes.map((n) => n.category))).toEqual(new Set(['leader', 'office', 'group', 'county', 'zone']));
    expect(view.edges.every((e) => e.type !== 'DISPATCH' && e.type !== 'ZONE_MEMBER')).toBe(true);
    // Nothing is lost: with every kind and link type ticked, every linked org is drawn.
    const all = selectLinkageView(map, { categories: ALL_MAP_CATEGORIES, edgeTypes: ALL_MAP_EDGE_TYPES });
    const linked = new Set(map.edges.flatMap((e) => [e.source, e.target]));
    expect(all.nodes.length).toBe(linked.size);
    // A focus on one 片区 draws that zone and its members only.
    const zone = map.nodes.find((n) => n.category === 'zone')!;
    const focused = selectLinkageView(map, { categories: ALL_MAP_CATEGORIES, edgeTypes: ['ZONE_MEMBER', 'ZONE_LEAD'], focusId: zone.id });
    const members = new Set(map.edges.filter((e) => e.source === zone.id || e.target === zone.id).flatMap((e) => [e.source, e.target]));
    expect(new Set(focused.nodes.map((n) => n.id))).toEqual(members);
  });
});
