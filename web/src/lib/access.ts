import { type Role, STAFF_ROLES } from '@liandong/domain/access/enums';
import type { Me } from '@liandong/domain/auth/contracts';

/**
 * Which screens a user may open. This only decides navigation (menu and the 403 page); the server
 * enforces every rule again and answers 403/404 on its own.
 */
export type ScreenRule = (me: Me) => boolean;

const everyone: ScreenRule = () => true;
/** Any role except the 三员 (server truth: `me.business`). */
const business: ScreenRule = (me) => me.business;
const roles =
  (...allowed: Role[]): ScreenRule =>
  (me) =>
    me.user.roles.some((r) => allowed.includes(r));
/** Business roles except the 被监督单位联络人 (who has nothing to do with supervision lists). */
const supervision: ScreenRule = (me) => me.business && me.user.roles.some((r) => r !== 'UNIT_LIAISON');
const either =
  (...rules: ScreenRule[]): ScreenRule =>
  (me) =>
    rules.some((rule) => rule(me));

/**
 * The 被监督单位联络人 with no other role: their menu holds only their portal (我的建议书, 我的整改任务) and
 * their account; the home page sends them to the portal (server: the liaison's narrow door, 403/404 elsewhere).
 */
export const isLiaisonOnly = (me: Me): boolean => me.user.roles.length > 0 && me.user.roles.every((r) => r === 'UNIT_LIAISON');
const notLiaison =
  (rule: ScreenRule): ScreenRule =>
  (me) =>
    rule(me) && !isLiaisonOnly(me);

/** 以案促改 staff (server: REFORM_STAFF_ROLES); drafters of letters (REFORM_SCOPED_ROLES without 分管领导). */
const reformStaff = roles('SECRETARY', 'CASE_MANAGER', 'STANDING_COMMITTEE', 'DEPUTY_OR_MEMBER', 'OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF', 'TRIAL_STAFF');
const letterDrafters = roles('OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF');
const liaison = roles('UNIT_LIAISON');

/** Departments that undertake (承办) clues; with the 信访室, 案管室, leaders and 审理室 they read clues. */
const CLUE_UNDERTAKING: Role[] = ['OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF', 'CADRE_SUPERVISION'];
const clueRead = roles('SECRETARY', 'CASE_MANAGER', 'PETITION_OFFICER', 'DEPUTY_OR_MEMBER', 'TRIAL_STAFF', ...CLUE_UNDERTAKING);

/** Readers of cases (server: CASE_READ_ROLES). */
const caseReaders = roles('SECRETARY', 'CASE_MANAGER', 'DEPUTY_OR_MEMBER', 'COUNTY_STAFF', 'GROUP_STAFF', 'OFFICE_STAFF', 'TRIAL_STAFF', 'CADRE_SUPERVISION');

/** Readers of campaigns (server: CAMPAIGN_READ_ROLES): staff and leaders, never the unit contact. */
const campaignReaders = roles(...STAFF_ROLES);

/** Readers of meetings and decisions (server: MEETING_READ_ROLES): staff and leaders, never the unit contact or the 三员. */
const meetingReaders = roles(...STAFF_ROLES);

export const SCREEN_RULES = {
  '/': notLiaison(everyone),
  '/org/tree': notLiaison(either(business, roles('SYS_ADMIN', 'SEC_ADMIN'))),
  '/org/map': notLiaison(either(business, roles('SYS_ADMIN'))),
  '/org/leaders': notLiaison(either(business, roles('SYS_ADMIN'))),
  '/org/zones': notLiaison(either(business, roles('SYS_ADMIN'))),
  '/people': notLiaison(business),
  '/supervision/my-items': supervision,
  '/supervision/items/:id': supervision,
  '/supervision/lists': supervision,
  '/supervision/lists/:id': supervision,
  // The coordinator's matrix: the API refuses others (403 shown as such); the menu offers it to these roles.
  '/supervision/matrix': roles('OFFICE_STAFF', 'DEPUTY_OR_MEMBER', 'SECRETARY', 'STANDING_COMMITTEE'),
  '/supervision/zone-activities': supervision,
  // Clues (server: CLUE_READ_ROLES; intake INTAKE_ROLES; approvals REQUEST_INBOX_ROLES; meetings MEETING_ROLES).
  '/clues': clueRead,
  '/clues/new': roles('PETITION_OFFICER', 'CASE_MANAGER', ...CLUE_UNDERTAKING),
  '/clues/approvals': roles('SECRETARY', 'DEPUTY_OR_MEMBER', 'CASE_MANAGER'),
  '/clues/meetings': roles('SECRETARY', 'DEPUTY_OR_MEMBER', 'CASE_MANAGER', ...CLUE_UNDERTAKING),
  '/clues/overdue': clueRead,
  '/clues/:id': clueRead,
  // Cases (server: CASE_READ_ROLES; trial list for the 审理室; the register for all staff but unit liaisons).
  '/cases': caseReaders,
  '/cases/trial': roles('TRIAL_STAFF', 'SECRETARY', 'CASE_MANAGER'),
  '/cases/interference': supervision,
  '/cases/:id': caseReaders,
  '/casework/search': either(caseReaders, roles('PETITION_OFFICER')),
  '/casework/dashboard': either(caseReaders, roles('PETITION_OFFICER', 'STANDING_COMMITTEE')),
  // 以案促改 (server: REFORM_STAFF_ROLES / REFORM_READ_ROLES; the liaison only through the portal).
  '/reform': reformStaff,
  '/reform/:id': reformStaff,
  '/letters': reformStaff,
  '/letters/new': letterDrafters,
  '/letters/:id': reformStaff,
  '/letters/:id/edit': letterDrafters,
  '/rectification': reformStaff,
  '/rectification/:id': reformStaff,
  '/accountability': reformStaff,
  '/bulletins': reformStaff,
  // 专项整治 (server: CAMPAIGN_READ_ROLES; registering: the lead office's staff and the leaders, who the API checks).
  '/campaigns': campaignReaders,
  '/campaigns/new': roles('SECRETARY', 'DEPUTY_OR_MEMBER', 'OFFICE_STAFF'),
  '/campaigns/:id': campaignReaders,
  '/campaigns/:id/edit': roles('SECRETARY', 'DEPUTY_OR_MEMBER', 'OFFICE_STAFF'),
  // 专项整治驾驶舱 (server: CAMPAIGN_READ_ROLES; 404 when the campaign is not the user's).
  '/campaigns/:id/cockpit': roles(
    'SECRETARY',
    'DEPUTY_OR_MEMBER',
    'STANDING_COMMITTEE',
    'OFFICE_STAFF',
    'GROUP_STAFF',
    'COUNTY_STAFF',
    'CASE_MANAGER',
    'PETITION_OFFICER',
    'TRIAL_STAFF',
    'CADRE_SUPERVISION',
  ),
  '/portal/letters': liaison,
  '/portal/letters/:id': liaison,
  '/portal/tasks': liaison,
  '/portal/tasks/:id': liaison,
  '/portal/self-inspection': liaison,
  '/portal/self-inspection/:roundId': liaison,
  // 自查自纠 of a campaign (server: CAMPAIGN_READ_ROLES; 404 outside the campaign).
  '/campaigns/:id/self-inspection': notLiaison(
    roles(
      'SECRETARY',
      'DEPUTY_OR_MEMBER',
      'STANDING_COMMITTEE',
      'OFFICE_STAFF',
      'GROUP_STAFF',
      'COUNTY_STAFF',
      'CASE_MANAGER',
      'PETITION_OFFICER',
      'TRIAL_STAFF',
      'CADRE_SUPERVISION',
    ),
  ),
  '/admin/users': roles('SYS_ADMIN', 'SEC_ADMIN'),
  '/admin/sessions': roles('SEC_ADMIN', 'SYS_ADMIN'),
  '/admin/login-log': roles('SEC_ADMIN', 'AUDIT_ADMIN'),
  '/admin/calendar': notLiaison(everyone),
  '/admin/dictionaries': roles('SYS_ADMIN'),
  '/admin/settings': roles('SEC_ADMIN', 'SYS_ADMIN'),
  '/audit': roles('AUDIT_ADMIN'),
  // Meetings (server: MEETING_READ_ROLES; what each sees is the server's visibility predicate).
  '/meetings': meetingReaders,
  '/meetings/decisions': meetingReaders,
  '/meetings/decisions/:id': meetingReaders,
  '/meetings/:id': meetingReaders,
  // 汇报计划 and 工作报告 (server: REPORT_ROLES; slotVisible / reportVisible decide the rows, 404 outside).
  '/work-reports': roles('SECRETARY', 'DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE', 'OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF'),
  '/work-reports/:id': roles('SECRETARY', 'DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE', 'OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF'),
  // 联合抽查 / 明察暗访 (server: CAMPAIGN_READ_ROLES; a secret check is absent for whoever is not on its team or an approver).
  // 党风廉政意见回复 (server: INTEGRITY_ROLES; a leader not overseeing the 干部监督室 gets 404 there).
  '/integrity': roles('CADRE_SUPERVISION', 'SECRETARY', 'DEPUTY_OR_MEMBER'),
  '/integrity/:id': roles('CADRE_SUPERVISION', 'SECRETARY', 'DEPUTY_OR_MEMBER'),
  '/campaigns/:id/inspections': roles(
    'SECRETARY',
    'DEPUTY_OR_MEMBER',
    'STANDING_COMMITTEE',
    'OFFICE_STAFF',
    'GROUP_STAFF',
    'COUNTY_STAFF',
    'CASE_MANAGER',
    'PETITION_OFFICER',
    'TRIAL_STAFF',
    'CADRE_SUPERVISION',
  ),
  // 信息互通 (server: STAFF_ROLES; a share outside the caller's sides and approvals is 404).
  '/shares': roles(...STAFF_ROLES),
  '/shares/:id': roles(...STAFF_ROLES),
  '/inbox': everyone,
  // 工作专班 (server: CAMPAIGN_READ_ROLES — business staff; the 专班 itself answers 404 outside the campaign's viewers).
  '/campaigns/:id/task-force': supervision,
  '/task-forces/mine': supervision,
  '/account/password': everyone,
  '/account/totp': everyone,
  '/account/sessions': everyone,
} as const satisfies Record<string, ScreenRule>;

export type ScreenPath = keyof typeof SCREEN_RULES;

export function canOpen(path: ScreenPath, me: Me): boolean {
  return SCREEN_RULES[path](me);
}
