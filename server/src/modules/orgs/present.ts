import type { Leader, Link, Org, Person, TreeNode, Zone } from '@liandong/domain/org/contracts';
import type { LeaderTitle, OfficeKind, OrgKind, ZoneMode } from '@liandong/domain/org/enums';
import type { Actor } from '../../platform/access';
import { canEndLink, canRetireOrg, canRevealIdNumber, canSetIdNumber, canUpdateLeader, canUpdateOrg, canUpdateZone } from './policy';
import type { LinkRow } from './repo-links';
import type { OrgRow } from './repo-orgs';

/** Row → API shapes, each with the abilities the web shows buttons from (style rule 4). */

export function presentOrg(actor: Actor, r: OrgRow): Org {
  const shape = { validTo: r.valid_to };
  return {
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    shortName: r.short_name,
    kind: r.kind,
    officeKind: r.office_kind,
    ordinal: r.ordinal,
    parentId: r.parent_id,
    parentName: r.parent_name,
    regionCode: r.region_code,
    docCode: r.doc_code,
    sortOrder: r.sort_order,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    retired: r.valid_to !== null,
    head: r.head_user_id ? { id: r.head_user_id, name: r.head_name ?? '', active: r.head_active === true } : null,
    version: r.version,
    abilities: { update: canUpdateOrg(actor, shape), retire: canRetireOrg(actor, shape) },
  };
}

export function presentLink(actor: Actor, r: LinkRow): Link {
  return {
    id: r.id,
    type: r.type,
    fromId: r.from_id,
    fromName: r.from_name,
    toId: r.to_id,
    toName: r.to_name,
    role: r.role,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    version: r.version,
    abilities: { end: canEndLink(actor, { validTo: r.valid_to }) },
  };
}

export interface LeaderRow {
  id: string;
  person_id: string;
  name_zh: string;
  title: LeaderTitle;
  org_id: string;
  org_name: string;
  valid_from: string;
  valid_to: string | null;
  version: number;
  oversees: { linkId: string; officeId: string; officeName: string }[];
}

export function presentLeader(actor: Actor, r: LeaderRow): Leader {
  return {
    id: r.id,
    personId: r.person_id,
    nameZh: r.name_zh,
    title: r.title,
    orgId: r.org_id,
    orgName: r.org_name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    oversees: r.oversees,
    version: r.version,
    abilities: { update: canUpdateLeader(actor, { validTo: r.valid_to }) },
  };
}

export interface ZoneRow {
  id: string;
  name_zh: string;
  county_org_id: string;
  county_name: string;
  lead_org_id: string | null;
  lead_org_name: string | null;
  modes: string[];
  members: { linkId: string; orgId: string; orgName: string; kind: OrgKind }[];
  valid_from: string;
  valid_to: string | null;
  version: number;
}

export function presentZone(actor: Actor, r: ZoneRow): Zone {
  return {
    id: r.id,
    nameZh: r.name_zh,
    countyOrgId: r.county_org_id,
    countyName: r.county_name,
    leadOrgId: r.lead_org_id,
    leadOrgName: r.lead_org_name,
    modes: r.modes as ZoneMode[],
    members: r.members,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    version: r.version,
    abilities: { update: canUpdateZone(actor, { validTo: r.valid_to }) },
  };
}

export interface PersonRow {
  id: string;
  name_zh: string;
  gender: string | null;
  unit_id: string | null;
  unit_name: string | null;
  position: string | null;
  rank_level: string | null;
  party_member: boolean;
  is_supervision_object: boolean;
  id_number_masked: string | null;
  version: number;
}

export function presentPerson(actor: Actor, r: PersonRow): Person {
  const hasIdNumber = r.id_number_masked !== null;
  return {
    id: r.id,
    nameZh: r.name_zh,
    gender: r.gender === 'M' || r.gender === 'F' ? r.gender : null,
    unitId: r.unit_id,
    unitName: r.unit_name,
    position: r.position,
    rankLevel: r.rank_level,
    partyMember: r.party_member,
    isSupervisionObject: r.is_supervision_object,
    hasIdNumber,
    idNumberMasked: r.id_number_masked,
    version: r.version,
    abilities: { revealIdNumber: canRevealIdNumber(actor, { hasIdNumber }), setIdNumber: canSetIdNumber(actor) },
  };
}

interface TreeOrg {
  id: string;
  parent_id: string | null;
  name_zh: string;
  kind: OrgKind;
  office_kind: OfficeKind | null;
  valid_to: string | null;
}

/**
 * Builds the org tree from visible orgs (already in display order) and today's coverage. Children of
 * a node: the orgs whose parent it is, then (for a dispatched group) the host units it covers. A
 * host unit is a root only when neither its parent nor any covering group is visible. Depth is capped
 * as a guard; parent chains are acyclic by construction.
 */
export function buildTree(orgs: readonly TreeOrg[], coverage: readonly { group_id: string; host_unit_id: string }[]): TreeNode[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const children = new Map<string, TreeOrg[]>();
  const covered = new Set<string>();
  const add = (parent: string, child: TreeOrg) => {
    const list = children.get(parent) ?? [];
    if (!list.includes(child)) list.push(child);
    children.set(parent, list);
  };
  for (const o of orgs) if (o.parent_id && byId.has(o.parent_id)) add(o.parent_id, o);
  for (const c of coverage) {
    const unit = byId.get(c.host_unit_id);
    if (unit && byId.has(c.group_id)) {
      add(c.group_id, unit);
      covered.add(unit.id);
    }
  }
  const position = new Map(orgs.map((o, i) => [o.id, i]));
  for (const list of children.values()) list.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  const node = (o: TreeOrg, depth: number): TreeNode => ({
    id: o.id,
    nameZh: o.name_zh,
    kind: o.kind,
    officeKind: o.office_kind,
    retired: o.valid_to !== null,
    children: depth > 32 ? [] : (children.get(o.id) ?? []).map((c) => node(c, depth + 1)),
  });
  return orgs.filter((o) => !(o.parent_id && byId.has(o.parent_id)) && !covered.has(o.id)).map((o) => node(o, 0));
}
