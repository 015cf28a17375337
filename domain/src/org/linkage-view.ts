import type { LinkageMap } from './contracts';
import { MapCategorySchema, MapEdgeTypeSchema } from './contracts';

type Category = LinkageMap['nodes'][number]['category'];
type EdgeType = LinkageMap['edges'][number]['type'];

/*
 * Which part of the 联动关系图 to draw (issue 13: at 109+ nodes the whole graph is an unreadable hairball).
 * The screen filters by org kind and link type, can focus on one org and its neighbours, and by default
 * shows the command chain — leaders' 分管, offices' 联系 and the 片区 leads — without the host units and
 * township commissions that make up most of the nodes (each is one filter click away).
 */

export interface LinkageFilter {
  categories: readonly Category[];
  edgeTypes: readonly EdgeType[];
  /** Show only this org and what is linked to it (within `focusDepth` links over the chosen types). */
  focusId?: string | null;
  focusDepth?: number;
}

export const ALL_MAP_CATEGORIES: readonly Category[] = MapCategorySchema.options;
export const ALL_MAP_EDGE_TYPES: readonly EdgeType[] = MapEdgeTypeSchema.options;

/** The default view: who oversees and liaises with whom, and who leads which zone. */
export const DEFAULT_LINKAGE_FILTER: LinkageFilter = {
  categories: ['leader', 'office', 'group', 'county', 'zone'],
  edgeTypes: ['OVERSIGHT', 'LIAISON', 'ZONE_LEAD'],
};

export interface LinkageView {
  nodes: LinkageMap['nodes'];
  edges: LinkageMap['edges'];
  /** Nodes of the whole map by category, for the filter's counts. */
  counts: Record<Category, number>;
}

/**
 * The nodes and edges to draw: nodes of the chosen kinds, edges of the chosen types between them, then only
 * the nodes with an edge left (an org with no link shown says nothing on a relation map), ordered by kind so
 * that a circular layout draws each kind as one arc. With a focus, only the focused org's neighbourhood.
 */
export function selectLinkageView(map: LinkageMap, filter: LinkageFilter): LinkageView {
  const counts = Object.fromEntries(ALL_MAP_CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const n of map.nodes) counts[n.category] += 1;
  const kinds = new Set(filter.categories);
  const types = new Set(filter.edgeTypes);
  const kept = new Map(map.nodes.filter((n) => kinds.has(n.category)).map((n) => [n.id, n]));
  let edges = map.edges.filter((e) => types.has(e.type) && kept.has(e.source) && kept.has(e.target));
  if (filter.focusId && kept.has(filter.focusId)) {
    const near = new Set([filter.focusId]);
    for (let depth = 0; depth < (filter.focusDepth ?? 1); depth++) {
      for (const e of edges) {
        if (near.has(e.source) || near.has(e.target)) {
          near.add(e.source);
          near.add(e.target);
        }
      }
    }
    edges = edges.filter((e) => near.has(e.source) && near.has(e.target));
  }
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  const order = new Map(ALL_MAP_CATEGORIES.map((c, i) => [c, i]));
  const nodes = [...kept.values()]
    .filter((n) => linked.has(n.id) || n.id === filter.focusId)
    .sort((a, b) => (order.get(a.category) ?? 0) - (order.get(b.category) ?? 0) || a.name.localeCompare(b.name, 'zh-CN'));
  return { nodes, edges, counts };
}
