import { describe, expect, it } from 'vitest';
import type { LinkageMap } from './contracts';
import { ALL_MAP_CATEGORIES, ALL_MAP_EDGE_TYPES, DEFAULT_LINKAGE_FILTER, selectLinkageView } from './linkage-view';

const map: LinkageMap = {
  nodes: [
    { id: 'L1', name: '副书记甲', category: 'leader' },
    { id: 'O1', name: '第一监督检查室', category: 'office' },
    { id: 'O2', name: '第二监督检查室', category: 'office' },
    { id: 'G1', name: '驻教育局组', category: 'group' },
    { id: 'H1', name: '市教育局', category: 'host' },
    { id: 'H2', name: '市财政局', category: 'host' },
    { id: 'Z1', name: '第一片区', category: 'zone' },
    { id: 'T1', name: '某镇纪委', category: 'township' },
    { id: 'X1', name: '孤立的室', category: 'office' },
  ],
  edges: [
    { source: 'L1', target: 'O1', type: 'OVERSIGHT' },
    { source: 'O1', target: 'G1', type: 'LIAISON' },
    { source: 'G1', target: 'H1', type: 'DISPATCH' },
    { source: 'G1', target: 'H2', type: 'DISPATCH' },
    { source: 'Z1', target: 'T1', type: 'ZONE_MEMBER' },
    { source: 'O2', target: 'Z1', type: 'ZONE_LEAD' },
  ],
};

describe('linkage map view (issue 13: grouping and filtering instead of a hairball)', () => {
  it('by default draws the command chain without host units, townships or unlinked orgs', () => {
    const v = selectLinkageView(map, DEFAULT_LINKAGE_FILTER);
    expect(v.nodes.map((n) => n.category)).toEqual(['leader', 'office', 'office', 'group', 'zone']);
    expect(v.nodes.map((n) => n.id).sort()).toEqual(['G1', 'L1', 'O1', 'O2', 'Z1']);
    expect(v.edges.map((e) => e.type).sort()).toEqual(['LIAISON', 'OVERSIGHT', 'ZONE_LEAD']);
    expect(v.counts).toMatchObject({ host: 2, township: 1, office: 3 });
  });

  it('filters by kind and link type, and orders the nodes by kind', () => {
    const v = selectLinkageView(map, { categories: ['group', 'host'], edgeTypes: ['DISPATCH'] });
    expect(v.nodes.map((n) => n.category)).toEqual(['group', 'host', 'host']);
  });

  it('focuses on one org and its neighbours', () => {
    const all = { categories: ALL_MAP_CATEGORIES, edgeTypes: ALL_MAP_EDGE_TYPES };
    expect(
      selectLinkageView(map, { ...all, focusId: 'G1' })
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual(['G1', 'H1', 'H2', 'O1']);
    expect(
      selectLinkageView(map, { ...all, focusId: 'G1', focusDepth: 2 })
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual(['G1', 'H1', 'H2', 'L1', 'O1']);
  });
});
