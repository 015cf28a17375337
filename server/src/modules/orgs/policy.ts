import { ADMIN_ROLES, ROLE_LABELS, type Role } from '@liandong/domain/access/enums';
import { type Actor, hasAnyRole } from '../../platform/access';
import { PEOPLE_READ_ROLES } from '@liandong/domain/access/role-sets';
export { PEOPLE_READ_ROLES };

/*
 * Who may do what with the organisation structure and people (domain.md d; architecture.md §4).
 * Pure functions over the actor and the object as presented; routes call them to authorise and
 * presenters attach their answers as `abilities`.
 *
 * - Structure (orgs, links, leaders, zones, map) is read by every role except the audit
 *   administrator: business roles within their need-to-know scope (actor_org_scope), the system and
 *   security administrators the whole commission (structure is not business content; they manage
 *   accounts and policies against it).
 * - Only the system administrator (系统管理员, 三员 separation) changes the structure.
 * - People (人员信息) are business content: business roles only (not the unit liaison), scoped by
 *   the person's unit.
 * - The full ID number is revealed and recorded only by 书记, 干部监督室 and 案管室 (every read audited).
 */

const ALL_ROLES = Object.keys(ROLE_LABELS) as Role[];

/** Roles that read the organisation structure (everyone but the audit administrator). */
export const STRUCTURE_READ_ROLES: readonly Role[] = ALL_ROLES.filter((r) => r !== 'AUDIT_ADMIN');
/** Roles that see the whole commission's structure regardless of org scope. */
export const STRUCTURE_WIDE_ROLES: readonly Role[] = ['SYS_ADMIN', 'SEC_ADMIN'];
/** Roles that change the structure. */
export const STRUCTURE_WRITE_ROLES: readonly Role[] = ['SYS_ADMIN'];
/** Roles that see and record full ID numbers. */
export const ID_NUMBER_ROLES: readonly Role[] = ['SECRETARY', 'CADRE_SUPERVISION', 'CASE_MANAGER'];

/** Why an action is refused: a missing right (403) or the object's state (409). null = allowed. */
export type Denial = null | { code: 'FORBIDDEN' | 'ILLEGAL_TRANSITION'; message: string };

const NO_RIGHT: Denial = { code: 'FORBIDDEN', message: '只有系统管理员可以维护组织结构' };

/** Whether the actor sees every org of the commission as structure (no scope filter). */
export function seesWholeStructure(actor: Actor): boolean {
  return hasAnyRole(actor, STRUCTURE_WIDE_ROLES);
}

export function canManageStructure(actor: Actor): boolean {
  return hasAnyRole(actor, STRUCTURE_WRITE_ROLES);
}

interface Dated {
  validTo: string | null;
}

export function whyNotUpdateOrg(actor: Actor, org: Dated): Denial {
  if (!canManageStructure(actor)) return NO_RIGHT;
  if (org.validTo !== null) return { code: 'ILLEGAL_TRANSITION', message: '该组织已撤销，不能修改' };
  return null;
}

export function whyNotRetireOrg(actor: Actor, org: Dated): Denial {
  if (!canManageStructure(actor)) return NO_RIGHT;
  if (org.validTo !== null) return { code: 'ILLEGAL_TRANSITION', message: '该组织已撤销' };
  return null;
}

export function whyNotEndLink(actor: Actor, link: Dated): Denial {
  if (!canManageStructure(actor)) return NO_RIGHT;
  if (link.validTo !== null) return { code: 'ILLEGAL_TRANSITION', message: '该关联已终止' };
  return null;
}

export function whyNotUpdateLeader(actor: Actor, leader: Dated): Denial {
  if (!canManageStructure(actor)) return NO_RIGHT;
  if (leader.validTo !== null) return { code: 'ILLEGAL_TRANSITION', message: '该委领导任职已结束，不能修改' };
  return null;
}

export function whyNotUpdateZone(actor: Actor, zone: Dated): Denial {
  if (!canManageStructure(actor)) return NO_RIGHT;
  if (zone.validTo !== null) return { code: 'ILLEGAL_TRANSITION', message: '该片区已撤销，不能修改' };
  return null;
}

export const canUpdateOrg = (actor: Actor, org: Dated) => whyNotUpdateOrg(actor, org) === null;
export const canRetireOrg = (actor: Actor, org: Dated) => whyNotRetireOrg(actor, org) === null;
export const canEndLink = (actor: Actor, link: Dated) => whyNotEndLink(actor, link) === null;
export const canUpdateLeader = (actor: Actor, leader: Dated) => whyNotUpdateLeader(actor, leader) === null;
export const canUpdateZone = (actor: Actor, zone: Dated) => whyNotUpdateZone(actor, zone) === null;

/** People are business content: never for the 三员 (who never hold a business role besides). */
export function canReadPeople(actor: Actor): boolean {
  return hasAnyRole(actor, PEOPLE_READ_ROLES) && !hasAnyRole(actor, ADMIN_ROLES);
}

export function canRevealIdNumber(actor: Actor, person: { hasIdNumber: boolean }): boolean {
  return hasAnyRole(actor, ID_NUMBER_ROLES) && person.hasIdNumber;
}

export function canSetIdNumber(actor: Actor): boolean {
  return hasAnyRole(actor, ID_NUMBER_ROLES);
}
