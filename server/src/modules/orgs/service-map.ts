import type { LinkageMap } from '@liandong/domain/org/contracts';
import type { LinkType, OrgKind } from '@liandong/domain/org/enums';
import { sql } from 'kysely';
import { orgScopeSubquery } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { seesWholeStructure } from './policy';

type Category = LinkageMap['nodes'][number]['category'];

/** Map category of an org kind. The commissions of the system are drawn as 'county' nodes. */
export function categoryOf(kind: OrgKind): Category {
  switch (kind) {
    case 'INTERNAL_OFFICE':
      return 'office';
    case 'DISPATCHED_GROUP':
      return 'group';
    case 'TOWNSHIP_COMMISSION':
      return 'township';
    case 'MUNICIPAL_COMMISSION':
    case 'COUNTY_COMMISSION':
    case 'NEW_AREA_COMMISSION':
      return 'county';
    default:
      return 'host';
  }
}

interface EdgeRow {
  type: LinkType | 'ZONE_LEAD';
  from_id: string;
  from_name: string;
  from_kind: OrgKind | null;
  to_id: string;
  to_name: string;
  to_kind: OrgKind;
}

/**
 * GET /linkage-map: the 室组地 network in force today, inside the caller's scope. An edge is drawn
 * only when every org it touches is in scope (for 分管 the office, for 片区 the member or lead), so a
 * leader sees leader → offices → groups/counties → host units and the zones of their counties,
 * a group sees itself and its host units. Administrators (SYS/SEC) see the whole network.
 */
export async function linkageMap(ctx: Ctx): Promise<LinkageMap> {
  const { actor } = ctx;
  const wide = seesWholeStructure(actor);
  const inScope = (col: string) => (wide ? sql`true` : sql`${sql.ref(col)} IN (SELECT org_id FROM scope)`);
  const scopeCte = wide ? sql`SELECT NULL::uuid AS org_id WHERE false` : sql`SELECT org_id FROM ${orgScopeSubquery(actor)} s`;
  const { rows } = await sql<EdgeRow>`
    WITH scope AS MATERIALIZED (${scopeCte})
    SELECT l.type, l.from_id, l.from_name, f.kind AS from_kind, l.to_id, t.name_zh AS to_name, t.kind AS to_kind
      FROM org_link l JOIN org t ON t.id = l.to_id LEFT JOIN org f ON f.id = l.from_id
     WHERE l.commission_id = ${actor.commissionId}::uuid
       AND l.valid_from <= current_date AND (l.valid_to IS NULL OR l.valid_to >= current_date)
       AND ${inScope('l.to_id')} AND (l.type IN ('OVERSIGHT', 'ZONE_MEMBER') OR ${inScope('l.from_id')})
    UNION ALL
    SELECT 'ZONE_LEAD', z.id, z.name_zh, NULL, lo.id, lo.name_zh, lo.kind
      FROM work_zone z JOIN org lo ON lo.id = z.lead_org_id
     WHERE z.commission_id = ${actor.commissionId}::uuid
       AND z.valid_from <= current_date AND (z.valid_to IS NULL OR z.valid_to >= current_date)
       AND ${inScope('lo.id')}`.execute(ctx.db);

  const nodes = new Map<string, LinkageMap['nodes'][number]>();
  const edges: LinkageMap['edges'] = [];
  for (const r of rows) {
    const fromCategory: Category =
      r.type === 'OVERSIGHT' ? 'leader' : r.type === 'ZONE_MEMBER' || r.type === 'ZONE_LEAD' ? 'zone' : categoryOf(r.from_kind ?? 'HOST_UNIT');
    if (!nodes.has(r.from_id)) nodes.set(r.from_id, { id: r.from_id, name: r.from_name, category: fromCategory });
    if (!nodes.has(r.to_id)) nodes.set(r.to_id, { id: r.to_id, name: r.to_name, category: categoryOf(r.to_kind) });
    edges.push({ source: r.from_id, target: r.to_id, type: r.type });
  }
  return { nodes: [...nodes.values()], edges };
}
