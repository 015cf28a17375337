/** Pure rules as tables: policy by role, parent kinds, link ends, cycles, ID numbers, the tree builder. */
import { ROLE_LABELS, type Role } from '@liandong/domain/access/enums';
import { idNumberCheckChar, idNumberProblem, maskIdNumber } from '@liandong/domain/org/id-number';
import { ALLOWED_PARENT_KINDS, codesOnCycles, linkEndIssues, orgShapeIssues } from '@liandong/domain/org/rules';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access';
import {
  canManageStructure,
  canReadPeople,
  canRevealIdNumber,
  canSetIdNumber,
  canUpdateOrg,
  PEOPLE_READ_ROLES,
  seesWholeStructure,
  STRUCTURE_READ_ROLES,
  whyNotEndLink,
  whyNotUpdateOrg,
} from './policy';
import { buildTree } from './present';

const actor = (role: Role): Actor => ({
  userId: 'u',
  username: 'x',
  displayName: 'x',
  personId: 'p',
  commissionId: 'c',
  orgId: 'o',
  roles: [role],
  clearance: 'WORK_SECRET',
  sessionId: 's',
  scope: { wide: false, orgIds: ['o'] },
  restriction: null,
});

describe('policy by role', () => {
  const roles = Object.keys(ROLE_LABELS) as Role[];
  const table: Record<string, (r: Role) => boolean> = {
    readStructure: (r) => STRUCTURE_READ_ROLES.includes(r),
    wholeStructure: (r) => seesWholeStructure(actor(r)),
    manage: (r) => canManageStructure(actor(r)),
    updateActiveOrg: (r) => canUpdateOrg(actor(r), { validTo: null }),
    readPeople: (r) => canReadPeople(actor(r)),
    revealIdNumber: (r) => canRevealIdNumber(actor(r), { hasIdNumber: true }),
    setIdNumber: (r) => canSetIdNumber(actor(r)),
  };
  const expected: Record<string, Role[]> = {
    readStructure: roles.filter((r) => r !== 'AUDIT_ADMIN'),
    wholeStructure: ['SYS_ADMIN', 'SEC_ADMIN'],
    manage: ['SYS_ADMIN'],
    updateActiveOrg: ['SYS_ADMIN'],
    readPeople: roles.filter((r) => !['SYS_ADMIN', 'SEC_ADMIN', 'AUDIT_ADMIN', 'UNIT_LIAISON'].includes(r)),
    revealIdNumber: ['SECRETARY', 'CASE_MANAGER', 'CADRE_SUPERVISION'],
    setIdNumber: ['SECRETARY', 'CASE_MANAGER', 'CADRE_SUPERVISION'],
  };
  it.each(Object.keys(table))('%s', (ability) => {
    expect(roles.filter(table[ability]!).sort()).toEqual([...expected[ability]!].sort());
  });

  it('tells a missing right (403) from a state (409)', () => {
    expect(whyNotUpdateOrg(actor('SECRETARY'), { validTo: null })?.code).toBe('FORBIDDEN');
    expect(whyNotUpdateOrg(actor('SYS_ADMIN'), { validTo: '2026-01-01' })?.code).toBe('ILLEGAL_TRANSITION');
    expect(whyNotEndLink(actor('SYS_ADMIN'), { validTo: null })).toBeNull();
    expect(canRevealIdNumber(actor('SECRETARY'), { hasIdNumber: false })).toBe(false);
    expect(PEOPLE_READ_ROLES).not.toContain('UNIT_LIAISON');
  });
});

describe('organisation rules', () => {
  it.each([
    ['INTERNAL_OFFICE', 'INSPECTION', null, 'MUNICIPAL_COMMISSION', []],
    ['INTERNAL_OFFICE', null, null, 'COUNTY_COMMISSION', ['officeKind']],
    ['HOST_UNIT', 'TRIAL', null, null, ['officeKind']],
    ['DISPATCHED_GROUP', null, 3, 'MUNICIPAL_COMMISSION', []],
    ['DISPATCHED_GROUP', null, null, 'HOST_UNIT', ['parentId']],
    ['TOWNSHIP_COMMISSION', null, null, 'NEW_AREA_COMMISSION', []],
    ['TOWNSHIP_COMMISSION', null, null, 'MUNICIPAL_COMMISSION', ['parentId']],
    ['HOST_UNIT', null, null, 'HOST_UNIT', []],
    ['COUNTY_COMMISSION', null, 1, null, ['ordinal', 'parentId']],
    ['MUNICIPAL_COMMISSION', null, null, null, []],
  ] as const)('%s (office kind %s, ordinal %s) under %s → %j', (kind, officeKind, ordinal, parentKind, paths) => {
    expect(orgShapeIssues({ kind, officeKind, ordinal, parentKind }).map((i) => i.path)).toEqual(paths);
  });

  it('lets every kind have some valid parent', () => {
    for (const allowed of Object.values(ALLOWED_PARENT_KINDS)) expect(allowed.length).toBeGreaterThan(0);
  });

  it.each([
    ['LIAISON', { kind: 'INTERNAL_OFFICE', officeKind: 'INSPECTION' }, { kind: 'DISPATCHED_GROUP', officeKind: null }, []],
    ['LIAISON', { kind: 'INTERNAL_OFFICE', officeKind: 'INSPECTION' }, { kind: 'NEW_AREA_COMMISSION', officeKind: null }, []],
    ['LIAISON', { kind: 'INTERNAL_OFFICE', officeKind: 'PARTY_CONDUCT' }, { kind: 'DISPATCHED_GROUP', officeKind: null }, ['fromId']],
    ['LIAISON', { kind: 'INTERNAL_OFFICE', officeKind: 'INSPECTION' }, { kind: 'HOST_UNIT', officeKind: null }, ['toId']],
    ['DISPATCH', { kind: 'DISPATCHED_GROUP', officeKind: null }, { kind: 'HOST_UNIT', officeKind: null }, []],
    ['DISPATCH', { kind: 'COUNTY_COMMISSION', officeKind: null }, { kind: 'TOWNSHIP_COMMISSION', officeKind: null }, ['fromId', 'toId']],
    ['OVERSIGHT', null, { kind: 'INTERNAL_OFFICE', officeKind: 'TRIAL' }, []],
    ['OVERSIGHT', null, { kind: 'DISPATCHED_GROUP', officeKind: null }, ['toId']],
    ['ZONE_MEMBER', null, { kind: 'TOWNSHIP_COMMISSION', officeKind: null }, []],
    ['ZONE_MEMBER', null, { kind: 'HOST_UNIT', officeKind: null }, ['toId']],
  ] as const)('%s %j → %j', (type, from, to, paths) => {
    expect(linkEndIssues(type, from, to).map((i) => i.path)).toEqual(paths);
  });

  it('finds every code on a parent cycle and nothing else', () => {
    const parents = new Map<string, string | null>([
      ['A', null],
      ['B', 'A'],
      ['C', 'D'],
      ['D', 'E'],
      ['E', 'C'],
      ['F', 'C'],
      ['G', 'G'],
      ['H', 'missing'],
    ]);
    expect([...codesOnCycles(parents)].sort()).toEqual(['C', 'D', 'E', 'G']);
  });
});

describe('ID numbers (GB 11643)', () => {
  it('accepts a correct check character, upper-cases x and masks the middle', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberProblem('11010519491231002x')).toBeNull();
    expect(idNumberProblem('110105194912310021')).toContain('校验位');
    expect(idNumberProblem('110105194902310029')).toContain('出生日期');
    expect(idNumberProblem('11010519491231002')).toContain('18位');
    expect(maskIdNumber('11010519491231002x')).toBe('1101**********002X');
  });
});

describe('buildTree', () => {
  const o = (id: string, parent: string | null, kind: 'HOST_UNIT' | 'DISPATCHED_GROUP' | 'MUNICIPAL_COMMISSION' = 'HOST_UNIT') => ({
    id,
    parent_id: parent,
    name_zh: id,
    kind,
    office_kind: null,
    valid_to: null,
  });
  it('hangs host units under every covering group and their parent; orphans become roots', () => {
    const orgs = [
      o('root', null, 'MUNICIPAL_COMMISSION'),
      o('g1', 'root', 'DISPATCHED_GROUP'),
      o('g2', 'root', 'DISPATCHED_GROUP'),
      o('u1', null),
      o('u2', 'u1'),
      o('u3', 'gone'),
      o('u4', null),
    ];
    const tree = buildTree(orgs, [
      { group_id: 'g1', host_unit_id: 'u1' },
      { group_id: 'g2', host_unit_id: 'u1' },
      { group_id: 'g2', host_unit_id: 'u2' },
      { group_id: 'elsewhere', host_unit_id: 'u4' },
    ]);
    const show = (n: { id: string; children: unknown[] }): unknown => (n.children.length ? { [n.id]: n.children.map((c) => show(c as never)) } : n.id);
    expect(tree.map(show)).toEqual([{ root: [{ g1: [{ u1: ['u2'] }] }, { g2: [{ u1: ['u2'] }, 'u2'] }] }, 'u3', 'u4']);
  });
});
