import type { Role } from '@liandong/domain/access/enums';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app';

/**
 * Role × resource table: one demo account per role against every collection route. The expected
 * statuses are written out here on purpose (not derived from the route rules), so a change to any
 * route's access rule must be made twice — in the route and in this table.
 */
const ACCOUNT_OF: Record<Role, string> = {
  SECRETARY: 'sj.secretary',
  DEPUTY_OR_MEMBER: 'fsj1.deputy',
  STANDING_COMMITTEE: 'cw5.member',
  PETITION_OFFICER: 'xf.officer1',
  CASE_MANAGER: 'ag.manager1',
  OFFICE_STAFF: 'jc1.staff',
  GROUP_STAFF: 'edu.group',
  COUNTY_STAFF: 'yz.county',
  TRIAL_STAFF: 'sl.staff1',
  CADRE_SUPERVISION: 'gbjd.staff',
  UNIT_LIAISON: 'bank.liaison',
  SYS_ADMIN: 'sysadmin',
  SEC_ADMIN: 'secadmin',
  AUDIT_ADMIN: 'auditadmin',
};
const ROLES = Object.keys(ACCOUNT_OF) as Role[];
const ADMINS: Role[] = ['SYS_ADMIN', 'SEC_ADMIN', 'AUDIT_ADMIN'];
const BUSINESS = ROLES.filter((r) => !ADMINS.includes(r));
const ALL = ROLES;

/** route → roles that get 200; every other role gets `denied` (403, or 404 where existence is hidden). */
const TABLE: { url: string; allowed: Role[]; denied?: number }[] = [
  { url: '/api/v1/me', allowed: ALL },
  { url: '/api/v1/auth/sessions', allowed: ALL },
  { url: '/api/v1/inbox', allowed: ALL },
  { url: '/api/v1/workbench', allowed: ALL },
  { url: '/api/v1/calendar?year=2026', allowed: ALL },
  { url: '/api/v1/dictionaries', allowed: ALL },
  { url: '/api/v1/admin/sessions', allowed: ['SYS_ADMIN', 'SEC_ADMIN'] },
  { url: '/api/v1/admin/login-log', allowed: ['SEC_ADMIN', 'AUDIT_ADMIN'] },
  { url: '/api/v1/users', allowed: ['SYS_ADMIN', 'SEC_ADMIN'] },
  { url: '/api/v1/settings', allowed: ['SYS_ADMIN', 'SEC_ADMIN'] },
  { url: '/api/v1/audit/events', allowed: ['AUDIT_ADMIN'] },
  { url: '/api/v1/audit/verify', allowed: ['AUDIT_ADMIN'] },
  // The register names cases and purposes (business content); the system administrator sees sequence counts only.
  { url: '/api/v1/doc-numbers', allowed: ['SECRETARY', 'CASE_MANAGER', 'OFFICE_STAFF'] },
  { url: '/api/v1/doc-numbers/sequences', allowed: ['SECRETARY', 'CASE_MANAGER', 'OFFICE_STAFF', 'SYS_ADMIN'] },
  { url: '/api/v1/users/credential-resets', allowed: ['SYS_ADMIN', 'SEC_ADMIN'] },
  { url: '/api/v1/orgs', allowed: ALL.filter((r) => r !== 'AUDIT_ADMIN') },
  { url: '/api/v1/orgs/tree', allowed: ALL.filter((r) => r !== 'AUDIT_ADMIN') },
  { url: '/api/v1/links', allowed: ALL.filter((r) => r !== 'AUDIT_ADMIN') },
  { url: '/api/v1/leaders', allowed: ALL.filter((r) => r !== 'AUDIT_ADMIN') },
  { url: '/api/v1/zones', allowed: ALL.filter((r) => r !== 'AUDIT_ADMIN') },
  { url: '/api/v1/linkage-map', allowed: ALL.filter((r) => r !== 'AUDIT_ADMIN') },
  { url: '/api/v1/people', allowed: BUSINESS.filter((r) => r !== 'UNIT_LIAISON') },
  { url: '/api/v1/attachments?ownerType=org', allowed: BUSINESS, denied: 404 },
  // 问题线索 (clue book and scoped roles; cw5.member, the STANDING_COMMITTEE account, is also a 分管领导)
  ...['/api/v1/clues', '/api/v1/clues/overdue', '/api/v1/clue-staff'].map((url) => ({ url, allowed: BUSINESS.filter((r) => r !== 'UNIT_LIAISON') })),
  { url: '/api/v1/clue-requests', allowed: ['SECRETARY', 'DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE', 'CASE_MANAGER'] },
  // 工作专班: my memberships and the member pickers, for business staff (a 专班 member holds a staff role).
  ...['/api/v1/task-forces/mine', '/api/v1/task-forces/candidates'].map((url) => ({ url, allowed: BUSINESS.filter((r) => r !== 'UNIT_LIAISON') })),
  { url: '/api/v1/clue-meetings', allowed: BUSINESS.filter((r) => !['UNIT_LIAISON', 'PETITION_OFFICER', 'TRIAL_STAFF'].includes(r)) },
  // cw5.member (the STANDING_COMMITTEE account) also holds DEPUTY_OR_MEMBER, so the ledger answers it; a
  // standing-committee-only account gets 403 (server/src/modules/cases/team.test.ts).
  {
    url: '/api/v1/cases',
    allowed: [
      'SECRETARY',
      'DEPUTY_OR_MEMBER',
      'STANDING_COMMITTEE',
      'CASE_MANAGER',
      'OFFICE_STAFF',
      'GROUP_STAFF',
      'COUNTY_STAFF',
      'TRIAL_STAFF',
      'CADRE_SUPERVISION',
    ],
  },
  { url: '/api/v1/interference-records', allowed: BUSINESS.filter((r) => r !== 'UNIT_LIAISON') },
  // cw5.member (STANDING_COMMITTEE) is also a 分管领导, so it may search too
  { url: '/api/v1/casework/search?q=%E7%BA%BF%E7%B4%A2', allowed: BUSINESS.filter((r) => r !== 'UNIT_LIAISON') },
  { url: '/api/v1/casework/dashboard?year=2026', allowed: BUSINESS.filter((r) => r !== 'UNIT_LIAISON') },
  // 监督质效 (issue 15): leaders, the standing committee (aggregates only), the 案管室 and the departments
  {
    url: '/api/v1/cockpit?year=2026',
    allowed: ['SECRETARY', 'DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE', 'CASE_MANAGER', 'OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF'],
  },
  // 以案促改 (issue 5): reform records and 问责 for commission staff; the unit contact sees only its unit's tasks
  ...['/api/v1/reform-records', '/api/v1/accountabilities', '/api/v1/accountabilities/stats'].map((url) => ({
    url,
    allowed: BUSINESS.filter((r) => !['UNIT_LIAISON', 'PETITION_OFFICER', 'CADRE_SUPERVISION'].includes(r)),
  })),
  { url: '/api/v1/rectification-tasks', allowed: BUSINESS.filter((r) => !['PETITION_OFFICER', 'CADRE_SUPERVISION'].includes(r)) },
  // 建议书 ledger and 通报: staff in scope; the unit contact sees its unit's issued letters and public bulletins
  ...['/api/v1/letters', '/api/v1/letters/export.xlsx', '/api/v1/bulletins'].map((url) => ({
    url,
    allowed: BUSINESS.filter((r) => !['PETITION_OFFICER', 'CADRE_SUPERVISION'].includes(r)),
  })),
  // 专项整治 register (issue 10): every staff role reaches the ledger (rows filtered by campaignVisible); not the unit contact
  ...['/api/v1/campaigns', '/api/v1/campaigns/export.xlsx'].map((url) => ({ url, allowed: BUSINESS.filter((r) => r !== 'UNIT_LIAISON') })),
  // 党风廉政意见回复 (issue 11): the 干部监督室 and the 书记 (and the leader overseeing the 干部监督室, not fsj1.deputy); 404 to all others
  ...['/api/v1/integrity-replies', '/api/v1/integrity-replies/export.xlsx'].map((url) => ({
    url,
    allowed: ['SECRETARY', 'CADRE_SUPERVISION'] as Role[],
    denied: 404,
  })),
  // 会议 and 议定事项督办 (issue 11): staff and leaders reach the routes (rows filtered by meetingVisible / decisionVisible); not the unit contact
  ...[
    '/api/v1/meetings',
    '/api/v1/meetings/calendar?month=2026-11',
    '/api/v1/meetings/export.xlsx',
    '/api/v1/meeting-decisions',
    '/api/v1/meeting-decisions/export.xlsx',
  ].map((url) => ({ url, allowed: BUSINESS.filter((r) => r !== 'UNIT_LIAISON') })),
  { url: '/api/v1/meetings/staff', allowed: ['SECRETARY', 'DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE', 'OFFICE_STAFF'] },
  // 汇报计划 and 工作报告 (issue 11): leaders, offices, groups and counties reach the routes (rows filtered by slotVisible / reportVisible)
  ...['/api/v1/report-slots', '/api/v1/report-slots/export.xlsx', '/api/v1/work-reports'].map((url) => ({
    url,
    allowed: ['SECRETARY', 'DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE', 'OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF'] as Role[],
  })),
  { url: '/api/v1/report-slots/reporters', allowed: ['SECRETARY', 'DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE'] },
  // 抽调 / 传帮带 (issue 15): the 干部监督室 and the leaders (cw5.member is also a 委领导: DEPUTY_OR_MEMBER); 404 to all others
  ...['/api/v1/cadre-pool', '/api/v1/cadre-pool/export.xlsx', '/api/v1/secondment-batches', '/api/v1/secondment-batches/export.xlsx'].map((url) => ({
    url,
    allowed: ['SECRETARY', 'DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE', 'CADRE_SUPERVISION'] as Role[],
    denied: 404,
  })),
  // a mentor of any staff role lists the cadres they mentor
  { url: '/api/v1/my-mentees', allowed: BUSINESS.filter((r) => r !== 'UNIT_LIAISON') },
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('role × resource', () => {
  for (const row of TABLE) {
    it.each(ROLES)(`GET ${row.url} as %s`, async (role) => {
      const res = await t.request({ method: 'GET', url: row.url, as: ACCOUNT_OF[role] });
      const expected = row.allowed.includes(role) ? 200 : (row.denied ?? 403);
      expect(res.statusCode, `${role} ${row.url}: ${res.body.slice(0, 200)}`).toBe(expected);
    });
  }

  it('the 三员 see no business content: no person, no attachment, empty business scope', async () => {
    for (const role of ADMINS) {
      const me = await t.request({ method: 'GET', url: '/api/v1/me', as: ACCOUNT_OF[role] });
      expect(me.json().business).toBe(false);
      expect(me.json().scope.orgCount).toBe(0);
    }
  });

  it('every business role has a non-empty scope that contains its own org', async () => {
    for (const role of BUSINESS) {
      const me = (await t.request({ method: 'GET', url: '/api/v1/me', as: ACCOUNT_OF[role] })).json();
      expect(me.scope.orgCount, role).toBeGreaterThan(0);
      expect(me.scope.sample[0].id, role).toBe(me.user.org.id);
    }
  });
});
