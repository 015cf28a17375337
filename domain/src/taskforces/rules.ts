import type { OrgKind } from '../org/enums';
import type { FieldIssue } from '../platform/errors';

/**
 * 双组长 rule of a campaign 专班 (issue 10, domain.md b.5 `coLeaders: [officeDirectorId, groupLeaderId]`):
 * exactly two co-leaders, two different persons from two different orgs — one the director (室主任) of an
 * internal office of the commission, the other the leader of a dispatched group or of a county (new-area)
 * commission. Pure, so the same table is tested without a database and enforced by the service.
 */

/** Org kinds on the "组" / "地" side of the pair. */
export const GROUP_SIDE_KINDS: readonly OrgKind[] = ['DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'];

/** One proposed co-leader as the service resolved it (null fields: not found). */
export interface CoLeaderFacts {
  userId: string;
  /** The org the co-leader comes from (from_org). */
  orgId: string | null;
  orgKind: OrgKind | null;
  /** The person's post (职务), e.g. 第六监督检查室主任, 纪检监察组组长. */
  position: string;
}

/** 室主任: the post is the office's director — 主任, but not 副主任 (主任科员 is a rank, not a post). */
export function isOfficeDirector(position: string): boolean {
  const p = position.trim();
  return p.endsWith('主任') && !p.endsWith('副主任');
}

/** 组长 of a group, or a leader of a county commission (书记 / 副书记 / 主任 / 副主任 of 纪委监委). */
export function isGroupOrCountyLeader(position: string): boolean {
  return /(组长|书记|主任)$/.test(position.trim());
}

type Side = 'OFFICE' | 'GROUP' | null;
const sideOf = (c: CoLeaderFacts): Side => (c.orgKind === 'INTERNAL_OFFICE' ? 'OFFICE' : c.orgKind && GROUP_SIDE_KINDS.includes(c.orgKind) ? 'GROUP' : null);

/** The issues of a proposed pair, with field paths `coLeaders.N.userId` / `coLeaders.N.fromOrgId`; empty when valid. */
export function coLeaderIssues(pair: readonly CoLeaderFacts[], path = 'coLeaders'): FieldIssue[] {
  if (pair.length !== 2) return [{ path, message: `专班须有且仅有两位组长（双组长），现为${pair.length}位` }];
  const issues: FieldIssue[] = [];
  const [a, b] = pair as [CoLeaderFacts, CoLeaderFacts];
  if (a.userId === b.userId) issues.push({ path: `${path}.1.userId`, message: '两位组长不能是同一人' });
  else if (a.orgId && a.orgId === b.orgId) issues.push({ path: `${path}.1.fromOrgId`, message: '两位组长须来自不同单位' });
  const sides = pair.map(sideOf);
  pair.forEach((c, i) => {
    const side = sides[i];
    if (side === null) {
      issues.push({ path: `${path}.${i}.fromOrgId`, message: '组长须来自内设机构（室）或派驻纪检监察组、县区纪委监委' });
    } else if (side === 'OFFICE' && !isOfficeDirector(c.position)) {
      issues.push({ path: `${path}.${i}.userId`, message: '内设机构一方的组长须为室主任' });
    } else if (side === 'GROUP' && !isGroupOrCountyLeader(c.position)) {
      issues.push({ path: `${path}.${i}.userId`, message: '派驻组或县区一方的组长须为组长或纪委监委负责人' });
    }
  });
  if (sides[0] && sides[0] === sides[1]) {
    issues.push({
      path: `${path}.1.fromOrgId`,
      message: sides[0] === 'OFFICE' ? '另一位组长须来自派驻纪检监察组或县区纪委监委' : '另一位组长须为内设机构（室）主任',
    });
  }
  return issues;
}
