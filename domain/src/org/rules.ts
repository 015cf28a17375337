import type { FieldIssue } from '../platform/errors';
import type { LinkType, OfficeKind, OrgKind } from './enums';

/**
 * Which kind of parent each kind of organisation may have (null = a root). Leadership relations
 * (领导关系) of the commission system, domain.md b.1: offices and dispatched groups belong to a
 * commission (派驻机构 are part of the 派出机关, C S43); county and new-area commissions sit under the
 * municipal commission; township commissions under a county or new-area commission. Host units are
 * outside the commission: roots, or under another host unit (示例国有粮食储备库 under 市粮食和物资储备局).
 */
export const ALLOWED_PARENT_KINDS: Readonly<Record<OrgKind, readonly (OrgKind | null)[]>> = {
  MUNICIPAL_COMMISSION: [null],
  COUNTY_COMMISSION: ['MUNICIPAL_COMMISSION'],
  NEW_AREA_COMMISSION: ['MUNICIPAL_COMMISSION'],
  TOWNSHIP_COMMISSION: ['COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'],
  INTERNAL_OFFICE: ['MUNICIPAL_COMMISSION', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'],
  DISPATCHED_GROUP: ['MUNICIPAL_COMMISSION', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'],
  HOST_UNIT: [null, 'HOST_UNIT'],
  PARTY_COMMITTEE: [null],
  EXTERNAL_AGENCY: [null],
};

/** Kinds that may carry an ordinal (第N监督检查室, 派驻第N纪检监察组). */
export const ORDINAL_KINDS: readonly OrgKind[] = ['INTERNAL_OFFICE', 'DISPATCHED_GROUP'];

/** Kinds that own 委领导 (a leadership member belongs to one of these). */
export const LEADERSHIP_ORG_KINDS: readonly OrgKind[] = ['MUNICIPAL_COMMISSION', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'];

/** Kinds that own 片区 (work zones are county level, domain.md a.1). */
export const ZONE_COUNTY_KINDS: readonly OrgKind[] = ['COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'];

const KIND_ZH: Record<OrgKind, string> = {
  MUNICIPAL_COMMISSION: '市纪委监委',
  COUNTY_COMMISSION: '县区纪委监委',
  NEW_AREA_COMMISSION: '新区纪工委监工委',
  TOWNSHIP_COMMISSION: '乡镇（街道）纪委',
  INTERNAL_OFFICE: '内设机构',
  DISPATCHED_GROUP: '派驻纪检监察组',
  HOST_UNIT: '驻在（综合监督）单位',
  PARTY_COMMITTEE: '党委（党组）',
  EXTERNAL_AGENCY: '外部机关',
};

export interface OrgShape {
  kind: OrgKind;
  officeKind: OfficeKind | null;
  ordinal: number | null;
  /** Kind of the parent, null when the org has no parent. */
  parentKind: OrgKind | null;
}

/**
 * Problems with an organisation's own attributes and its parent's kind, as field issues
 * (paths `kind`, `officeKind`, `ordinal`, `parentId`). Pure: the caller resolves the parent.
 */
export function orgShapeIssues(o: OrgShape): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (o.kind === 'INTERNAL_OFFICE' && !o.officeKind) issues.push({ path: 'officeKind', message: '内设机构须填写内设机构类别' });
  if (o.kind !== 'INTERNAL_OFFICE' && o.officeKind) issues.push({ path: 'officeKind', message: '只有内设机构可以填写内设机构类别' });
  if (o.ordinal !== null && !ORDINAL_KINDS.includes(o.kind)) issues.push({ path: 'ordinal', message: '只有内设机构和派驻纪检监察组可以填写序号' });
  const allowed = ALLOWED_PARENT_KINDS[o.kind];
  if (!allowed.includes(o.parentKind)) {
    const want = allowed.map((k) => (k === null ? '无上级' : KIND_ZH[k])).join('或');
    const have = o.parentKind === null ? '无上级' : `上级为${KIND_ZH[o.parentKind]}`;
    issues.push({ path: 'parentId', message: `${KIND_ZH[o.kind]}的上级应为${want}，当前${have}` });
  }
  return issues;
}

/** One end of a link as the rules see it. */
export interface LinkEnd {
  kind: OrgKind;
  officeKind: OfficeKind | null;
}

/**
 * Kinds each link type connects (domain.md b.1).
 * 联系: only 监督检查室 (office kind INSPECTION — municipal 监督检查室 and county 纪检监察室) liaise, with
 * dispatched groups and county/new-area commissions ("1+6+N", C S1). Other offices (党风政风监督室 …)
 * coordinate through their commission-wide scope, not through liaison.
 * 派驻: a dispatched group covers host units. 分管 ends in an internal office; 片区成员 in any org of
 * the zone's county (checked separately).
 */
export const LINK_RULES = {
  OVERSIGHT: { to: ['INTERNAL_OFFICE'] },
  LIAISON: { from: ['INTERNAL_OFFICE'], fromOfficeKinds: ['INSPECTION'], to: ['DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'] },
  DISPATCH: { from: ['DISPATCHED_GROUP'], to: ['HOST_UNIT'] },
  ZONE_MEMBER: { to: ['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'TOWNSHIP_COMMISSION'] },
} as const satisfies Record<LinkType, { from?: readonly OrgKind[]; fromOfficeKinds?: readonly OfficeKind[]; to: readonly OrgKind[] }>;

/** Kind problems of a link's org ends (paths `fromId`, `toId`); `from` is null for 分管 and 片区成员. */
export function linkEndIssues(type: LinkType, from: LinkEnd | null, to: LinkEnd): FieldIssue[] {
  const rule: { from?: readonly OrgKind[]; fromOfficeKinds?: readonly OfficeKind[]; to: readonly OrgKind[] } = LINK_RULES[type];
  const issues: FieldIssue[] = [];
  if (from && rule.from && !rule.from.includes(from.kind)) {
    issues.push({ path: 'fromId', message: `起点应为${rule.from.map((k) => KIND_ZH[k]).join('或')}` });
  } else if (from && rule.fromOfficeKinds && !(from.officeKind && rule.fromOfficeKinds.includes(from.officeKind))) {
    issues.push({ path: 'fromId', message: '只有监督检查室（纪检监察室）可以建立联系关系' });
  }
  if (!rule.to.includes(to.kind)) issues.push({ path: 'toId', message: `终点应为${rule.to.map((k) => KIND_ZH[k]).join('或')}` });
  return issues;
}

/**
 * Finds the codes on a parent cycle in a map code → parent code (import of a whole structure).
 * Returns every code that lies on a cycle.
 */
export function codesOnCycles(parentOf: ReadonlyMap<string, string | null>): Set<string> {
  const onCycle = new Set<string>();
  const done = new Set<string>();
  for (const start of parentOf.keys()) {
    if (done.has(start)) continue;
    const path: string[] = [];
    const index = new Map<string, number>();
    let cur: string | null | undefined = start;
    while (cur && !done.has(cur) && !index.has(cur)) {
      index.set(cur, path.length);
      path.push(cur);
      cur = parentOf.get(cur);
    }
    if (cur && index.has(cur)) for (const c of path.slice(index.get(cur))) onCycle.add(c);
    for (const c of path) done.add(c);
  }
  return onCycle;
}
