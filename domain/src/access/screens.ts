import type { Me } from '../auth/contracts';
import { type Role, STAFF_ROLES } from './enums';
import {
  CAMPAIGN_READ_ROLES,
  CASE_READ_ROLES,
  CLUE_MEETING_ROLES,
  CLUE_READ_ROLES,
  COCKPIT_ROLES,
  DASHBOARD_ROLES,
  INTAKE_ROLES,
  INTEGRITY_ROLES,
  INTEGRITY_FILE_CUSTODIAN_ROLES,
  INTEGRITY_FILE_ROLES,
  SECONDMENT_ROLES,
  INTERFERENCE_ROLES,
  LETTER_DRAFTER_ROLES,
  MEETING_READ_ROLES,
  PEOPLE_READ_ROLES,
  REFORM_STAFF_ROLES,
  REPORT_ROLES,
  REQUEST_INBOX_ROLES,
  SEARCH_ROLES,
  SHARE_ROLES,
  SUPERVISION_ROLES,
  PROBLEM_ROLES,
} from './role-sets';

/*
 * Which screens a user may open — the menu, the 403 page and the cards that fetch another area's data
 * (issue 13: a role sees only what it can use). Built from the role sets the server's route guards use
 * (role-sets.ts) and, where the server decides by org rather than role, from `Me.abilities` (computed
 * by the same server predicates). The server enforces every rule again and answers 403/404 on its own.
 */

/** What a screen rule reads of the signed-in user (a subset of GET /me). */
export interface ScreenUser {
  user: { roles: readonly Role[] };
  business: Me['business'];
  abilities: Me['abilities'];
}
export type ScreenRule = (me: ScreenUser) => boolean;

const everyone: ScreenRule = () => true;
/** Any role except the 三员 (server truth: `me.business`). */
const business: ScreenRule = (me) => me.business;
const roles =
  (allowed: readonly Role[]): ScreenRule =>
  (me) =>
    me.user.roles.some((r) => allowed.includes(r));
const either =
  (...rules: ScreenRule[]): ScreenRule =>
  (me) =>
    rules.some((rule) => rule(me));

/**
 * The 被监督单位联络人 with no other role: their menu holds only their portal (我的建议书, 我的整改任务) and
 * their account; the home page sends them to the portal (server: the liaison's narrow door, 403/404 elsewhere).
 */
export const isLiaisonOnly = (me: ScreenUser): boolean => me.user.roles.length > 0 && me.user.roles.every((r) => r === 'UNIT_LIAISON');
const notLiaison =
  (rule: ScreenRule): ScreenRule =>
  (me) =>
    rule(me) && !isLiaisonOnly(me);

/**
 * Roles with supervision work of their own: the server admits every SUPERVISION_ROLES holder, but a list is
 * visible only to its owner group's and liaison office's scope, an item also to its lead / assist org, and a
 * 片区 activity to its zone's orgs. The 案件审理室 is none of these by rule (it neither owns, liaises, leads
 * nor belongs to a zone), so for the trial staff those screens are always empty and stay out of the menu; a
 * supervision item shared with them (信息互通) still opens from its link.
 */
export const SUPERVISION_WORK_ROLES: readonly Role[] = SUPERVISION_ROLES.filter((r) => r !== 'TRIAL_STAFF');
const supervisionWork = roles(SUPERVISION_WORK_ROLES);
const supervision = roles(SUPERVISION_ROLES);
const caseReaders = roles(CASE_READ_ROLES);
const clueRead = roles(CLUE_READ_ROLES);
const reformStaff = roles(REFORM_STAFF_ROLES);
const letterDrafters = roles(LETTER_DRAFTER_ROLES);
const campaignReaders = roles(CAMPAIGN_READ_ROLES);
const campaignLeads = roles(['SECRETARY', 'DEPUTY_OR_MEMBER', 'OFFICE_STAFF']);
const meetingReaders = roles(MEETING_READ_ROLES);
const liaison = roles(['UNIT_LIAISON']);
/** The 党风廉政意见回复 register exists only for the 干部监督室's staff, the 书记 and its 分管领导 (server: 404 for others). */
const integrity: ScreenRule = (me) => roles(INTEGRITY_ROLES)(me) && me.abilities.integrity;

/** 廉政档案: the custodian's register and log (server: 404 to anyone else), the approvals of the overseeing leader. */
const integrityFiles: ScreenRule = (me) => roles(INTEGRITY_FILE_CUSTODIAN_ROLES)(me) && me.abilities.integrityFiles;
const integrityFileApprovals: ScreenRule = (me) => roles(['DEPUTY_OR_MEMBER', 'SECRETARY'])(me) && me.abilities.integrityFileApprovals;

export const SCREEN_RULES = {
  '/': notLiaison(everyone),
  '/org/tree': notLiaison(either(business, roles(['SYS_ADMIN', 'SEC_ADMIN']))),
  '/org/map': notLiaison(either(business, roles(['SYS_ADMIN']))),
  '/org/leaders': notLiaison(either(business, roles(['SYS_ADMIN']))),
  '/org/zones': notLiaison(either(business, roles(['SYS_ADMIN']))),
  '/people': roles(PEOPLE_READ_ROLES),
  '/supervision/my-items': supervisionWork,
  '/supervision/items/:id': supervision,
  '/supervision/lists': supervisionWork,
  '/supervision/lists/:id': supervision,
  // The coordinator's matrix (server: canReadMatrix — the 党风政风监督室, the 分管领导, the 书记).
  '/supervision/matrix': (me) => supervision(me) && me.abilities.supervisionMatrix,
  '/supervision/zone-activities': supervisionWork,
  '/clues': clueRead,
  '/clues/new': roles(INTAKE_ROLES),
  '/clues/approvals': roles(REQUEST_INBOX_ROLES),
  '/clues/meetings': roles(CLUE_MEETING_ROLES),
  '/clues/overdue': clueRead,
  '/clues/:id': clueRead,
  '/cases': caseReaders,
  // The trial list: the 审理室, and those who see the whole case book.
  '/cases/trial': roles(['TRIAL_STAFF', 'SECRETARY', 'CASE_MANAGER']),
  '/cases/interference': roles(INTERFERENCE_ROLES),
  '/cases/:id': caseReaders,
  '/casework/search': roles(SEARCH_ROLES),
  '/casework/dashboard': roles(DASHBOARD_ROLES),
  '/cockpit': roles(COCKPIT_ROLES),
  '/reform': reformStaff,
  '/reform/:id': reformStaff,
  '/problems': roles(PROBLEM_ROLES),
  '/problems/candidates': roles(PROBLEM_ROLES),
  '/problems/:id': roles(PROBLEM_ROLES),
  '/letters': reformStaff,
  '/letters/new': letterDrafters,
  '/letters/:id': reformStaff,
  '/letters/:id/edit': letterDrafters,
  '/rectification': reformStaff,
  '/rectification/:id': reformStaff,
  '/accountability': reformStaff,
  '/bulletins': reformStaff,
  '/campaigns': campaignReaders,
  '/campaigns/new': campaignLeads,
  '/campaigns/:id': campaignReaders,
  '/campaigns/:id/edit': campaignLeads,
  '/campaigns/:id/cockpit': campaignReaders,
  '/campaigns/:id/self-inspection': campaignReaders,
  '/campaigns/:id/inspections': campaignReaders,
  '/campaigns/:id/task-force': supervision,
  '/portal/letters': liaison,
  '/portal/letters/:id': liaison,
  '/portal/tasks': liaison,
  '/portal/tasks/:id': liaison,
  '/portal/self-inspection': liaison,
  '/portal/self-inspection/:roundId': liaison,
  '/admin/users': roles(['SYS_ADMIN', 'SEC_ADMIN']),
  '/admin/sessions': roles(['SEC_ADMIN', 'SYS_ADMIN']),
  '/admin/login-log': roles(['SEC_ADMIN', 'AUDIT_ADMIN']),
  '/admin/calendar': notLiaison(everyone),
  '/admin/dictionaries': roles(['SYS_ADMIN']),
  '/admin/settings': roles(['SEC_ADMIN', 'SYS_ADMIN']),
  '/audit': roles(['AUDIT_ADMIN']),
  '/meetings': meetingReaders,
  '/meetings/decisions': meetingReaders,
  '/meetings/decisions/:id': meetingReaders,
  '/meetings/:id': meetingReaders,
  '/work-reports': roles(REPORT_ROLES),
  '/work-reports/:id': roles(REPORT_ROLES),
  '/integrity': integrity,
  '/integrity/:id': integrity,
  '/integrity-files': integrityFiles,
  '/integrity-files/log': integrityFiles,
  // 查阅申请总览: the custodian's view of every request addressed to its office (server: view=all, 404 for others).
  '/integrity-files/requests/all': integrityFiles,
  // 查阅申请: any staff member asks; the file itself opens from an approved request (or for the custodian).
  '/integrity-files/requests': roles(INTEGRITY_FILE_ROLES),
  '/integrity-files/approvals': integrityFileApprovals,
  '/integrity-files/:id': roles(INTEGRITY_FILE_ROLES),
  // 抽调 / 传帮带: the 干部监督室 and the leaders (server: 404 for others).
  '/secondments': roles(SECONDMENT_ROLES),
  '/secondments/:id': roles(SECONDMENT_ROLES),
  '/shares': roles(SHARE_ROLES),
  '/shares/:id': roles(SHARE_ROLES),
  '/inbox': everyone,
  '/task-forces/mine': roles(STAFF_ROLES),
  // 传帮带: a mentor of any staff role evaluates the cadres they mentor (empty list for everyone else).
  '/mentees': roles(STAFF_ROLES),
  '/account/password': everyone,
  '/account/totp': everyone,
  '/account/sessions': everyone,
} as const satisfies Record<string, ScreenRule>;

export type ScreenPath = keyof typeof SCREEN_RULES;

/** Whether the menu offers the screen and the router opens it (the server decides again on every call). */
export function canOpen(path: ScreenPath, me: ScreenUser): boolean {
  return SCREEN_RULES[path](me);
}

/**
 * The screens the left menu can offer, in menu order (web/src/app/menu.tsx places each under its group).
 * Listed here so that a test can prove, for every role, that each offered item answers and each hidden one
 * would not (server/test/menu-access.test.ts).
 */
export const MENU_PATHS = [
  '/',
  '/cockpit',
  '/portal/letters',
  '/portal/tasks',
  '/portal/self-inspection',
  '/org/tree',
  '/org/map',
  '/org/leaders',
  '/org/zones',
  '/people',
  '/supervision/my-items',
  '/supervision/lists',
  '/supervision/matrix',
  '/supervision/zone-activities',
  '/clues',
  '/clues/new',
  '/clues/approvals',
  '/clues/meetings',
  '/clues/overdue',
  '/cases',
  '/cases/trial',
  '/cases/interference',
  '/casework/search',
  '/casework/dashboard',
  '/campaigns',
  '/reform',
  '/problems',
  '/problems/candidates',
  '/letters',
  '/rectification',
  '/accountability',
  '/bulletins',
  '/integrity',
  '/integrity-files',
  '/integrity-files/requests',
  '/integrity-files/approvals',
  '/integrity-files/log',
  '/integrity-files/requests/all',
  '/secondments',
  '/meetings',
  '/meetings/decisions',
  '/work-reports',
  '/shares',
  '/admin/users',
  '/admin/sessions',
  '/admin/login-log',
  '/admin/calendar',
  '/admin/dictionaries',
  '/admin/settings',
  '/audit',
  '/inbox',
  '/task-forces/mine',
  '/mentees',
  '/account/password',
  '/account/totp',
  '/account/sessions',
] as const satisfies readonly ScreenPath[];
export type MenuPath = (typeof MENU_PATHS)[number];
