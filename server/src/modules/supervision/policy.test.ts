/** Actor side resolution and abilities as tables: synthetic facts, then every relevant demo account. */
import type { Role } from '@liandong/domain/access/enums';
import type { ItemActor } from '@liandong/domain/supervision/machine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import type { Actor } from '../../platform/access';
import { EDU, JC3, orgIds } from './fixtures';
import { type ActorFacts, canIssueCommonItems, canReadMatrix, itemAbilities, itemSides, whyNotAction } from './policy';
import { loadActorFacts } from './repo';

const item = { ownerGroupId: 'G', liaisonOfficeId: 'L', leadOrgId: 'G', assistOrgId: 'L' };
const facts = (orgId: string, roles: Role[], overseen: string[] = []): ActorFacts => ({
  userId: 'u',
  orgId,
  roles,
  coordinatorOfficeId: 'C',
  overseenOfficeIds: overseen,
  orgIsLiaisonOffice: orgId === 'L',
});

describe('side resolution (pure)', () => {
  const table: [string, ActorFacts, ItemActor[]][] = [
    ['group staff', facts('G', ['GROUP_STAFF']), ['GROUP', 'LEAD']],
    ['liaison office staff', facts('L', ['OFFICE_STAFF']), ['LIAISON', 'ASSIST']],
    ['coordinator', facts('C', ['OFFICE_STAFF']), ['COORDINATOR']],
    ['overseeing leader', facts('JW', ['DEPUTY_OR_MEMBER'], ['L']), ['LEADER']],
    ['leader of other offices', facts('JW', ['DEPUTY_OR_MEMBER'], ['X']), []],
    ['secretary', facts('JW', ['SECRETARY']), ['LEADER']],
    ['overseeing without the leader role', facts('JW', ['OFFICE_STAFF'], ['L']), []],
    ['other group', facts('G2', ['GROUP_STAFF']), []],
  ];
  for (const [name, f, sides] of table) {
    it(name, () => expect([...itemSides(f, item)].sort()).toEqual([...sides].sort()));
  }

  it('an item led by the office and assisted by the group swaps LEAD and ASSIST', () => {
    const swapped = { ...item, leadOrgId: 'L', assistOrgId: 'G' };
    expect([...itemSides(facts('L', ['OFFICE_STAFF']), swapped)].sort()).toEqual(['LEAD', 'LIAISON']);
    expect([...itemSides(facts('G', ['GROUP_STAFF']), swapped)].sort()).toEqual(['ASSIST', 'GROUP']);
  });

  it('refuses by table first (409), then by side (403)', () => {
    const group = itemSides(facts('G', ['GROUP_STAFF']), item);
    expect(whyNotAction(group, { state: 'DRAFT', previousState: null }, 'close')?.code).toBe('ILLEGAL_TRANSITION');
    expect(whyNotAction(group, { state: 'CONSULTED', previousState: null }, 'approve')?.code).toBe('FORBIDDEN');
    expect(whyNotAction(group, { state: 'APPROVED', previousState: null }, 'start')).toBeNull();
  });

  it('abilities follow table, side and guards', () => {
    const lead = facts('G', ['GROUP_STAFF']);
    const base = { ...item, previousState: null, hasConsultation: false, lastProgressAt: null, pendingAdjustment: null };
    expect(itemAbilities(lead, { ...base, state: 'DRAFT' })).toMatchObject({ update: true, consult: false, cancel: false });
    expect(itemAbilities(lead, { ...base, state: 'DRAFT', hasConsultation: true }).consult).toBe(true);
    expect(itemAbilities(lead, { ...base, state: 'IN_PROGRESS' })).toMatchObject({ update: false, report: true, complete: false });
    expect(itemAbilities(lead, { ...base, state: 'IN_PROGRESS', lastProgressAt: new Date() }).complete).toBe(true);
  });

  it('common items and the matrix', () => {
    expect(canIssueCommonItems(facts('C', ['OFFICE_STAFF']))).toBe(true);
    expect(canIssueCommonItems(facts('L', ['OFFICE_STAFF']))).toBe(false);
    expect(canReadMatrix(facts('JW', ['DEPUTY_OR_MEMBER']))).toBe(true);
    expect(canReadMatrix(facts('G', ['GROUP_STAFF']))).toBe(false);
  });
});

describe('side resolution for the demo accounts (facts from the demo structure)', () => {
  let t: TestApp;
  let id: (code: string) => string;
  beforeAll(async () => {
    t = await createTestApp();
    id = await orgIds(t);
  });
  afterAll(() => t.close());

  async function factsOf(username: string): Promise<ActorFacts> {
    const u = await t.db
      .selectFrom('app_user')
      .select(['id', 'org_id', 'commission_id', 'display_name'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const roles = (await t.db.selectFrom('user_role').select('role').where('user_id', '=', u.id).execute()).map((r) => r.role as Role);
    return loadActorFacts(t.db, { userId: u.id, orgId: u.org_id, commissionId: u.commission_id, roles } as Actor);
  }

  // Item of 驻市教育局组's list: led by the group, assisted by 第三监督检查室 (its liaison office).
  const expected: [string, ItemActor[]][] = [
    ['edu.group', ['GROUP', 'LEAD']],
    ['edu.staff', ['GROUP', 'LEAD']],
    ['jc3.director', ['ASSIST', 'LIAISON']],
    ['jc3.staff', ['ASSIST', 'LIAISON']],
    ['dfzf.staff', ['COORDINATOR']],
    ['dfzf.director', ['COORDINATOR']],
    ['cw1.member', ['LEADER']], // oversees JC2 and JC3
    ['sj.secretary', ['LEADER']],
    ['fsj2.deputy', []], // oversees the coordinator office, not JC3
    ['fin.group', []],
    ['jc2.staff', []],
    ['yz.county', []],
    ['sysadmin', []],
  ];
  for (const [username, sides] of expected) {
    it(username, async () => {
      const f = await factsOf(username);
      const eduItem = { ownerGroupId: id(EDU), liaisonOfficeId: id(JC3), leadOrgId: id(EDU), assistOrgId: id(JC3) };
      expect([...itemSides(f, eduItem)].sort()).toEqual([...sides].sort());
    });
  }
});
