import { describe, expect, it } from 'vitest';
import type { Role } from './enums';
import { CASE_READ_ROLES, CLUE_READ_ROLES, REFORM_STAFF_ROLES } from './role-sets';
import { canOpen, MENU_PATHS, type MenuPath, type ScreenUser } from './screens';

const user = (roles: Role[], abilities: Partial<ScreenUser['abilities']> = {}): ScreenUser => ({
  user: { roles },
  business: roles.some((r) => !['SYS_ADMIN', 'SEC_ADMIN', 'AUDIT_ADMIN'].includes(r)),
  abilities: { supervisionMatrix: false, integrity: false, integrityFiles: false, integrityFileApprovals: false, ...abilities },
});
const menu = (u: ScreenUser): MenuPath[] => MENU_PATHS.filter((p) => canOpen(p, u));

describe('screen rules (issue 13: a role sees only what it can use)', () => {
  it.each([
    ['an inspection office without the matrix ability', user(['OFFICE_STAFF']), '/supervision/matrix', false],
    ['the 党风政风监督室 (server: coordinator)', user(['OFFICE_STAFF'], { supervisionMatrix: true }), '/supervision/matrix', true],
    ['a standing-committee member (canReadMatrix excludes them)', user(['STANDING_COMMITTEE']), '/supervision/matrix', false],
    ['the trial staff: supervision lists are empty by rule', user(['TRIAL_STAFF']), '/supervision/lists', false],
    ['the trial staff: my items', user(['TRIAL_STAFF']), '/supervision/my-items', false],
    ['the trial staff keep the trial list', user(['TRIAL_STAFF']), '/cases/trial', true],
    ['the 信访室 has no 问责 register (the dashboard card follows it)', user(['PETITION_OFFICER']), '/accountability', false],
    ['a 分管领导 not over the 干部监督室', user(['DEPUTY_OR_MEMBER']), '/integrity', false],
    ['a 分管领导 over the 干部监督室', user(['DEPUTY_OR_MEMBER'], { integrity: true }), '/integrity', true],
    ['a unit liaison: the portal', user(['UNIT_LIAISON']), '/portal/tasks', true],
    ['a unit liaison: not the staff ledger', user(['UNIT_LIAISON']), '/rectification', false],
  ])('%s', (_name, u, path, expected) => {
    expect(canOpen(path as MenuPath, u)).toBe(expected);
  });

  it('reads the same role sets as the server guards', () => {
    for (const r of ['SECRETARY', 'PETITION_OFFICER', 'TRIAL_STAFF', 'CADRE_SUPERVISION', 'GROUP_STAFF'] as Role[]) {
      expect(canOpen('/clues', user([r]))).toBe(CLUE_READ_ROLES.includes(r));
      expect(canOpen('/cases', user([r]))).toBe(CASE_READ_ROLES.includes(r));
      expect(canOpen('/reform', user([r]))).toBe(REFORM_STAFF_ROLES.includes(r));
    }
  });

  it('the 三员 see their console and their account only', () => {
    expect(menu(user(['AUDIT_ADMIN']))).toEqual([
      '/',
      '/admin/login-log',
      '/admin/calendar',
      '/audit',
      '/inbox',
      '/account/password',
      '/account/totp',
      '/account/sessions',
    ]);
  });
});
