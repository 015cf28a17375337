import { BUSINESS_ROLES, type Role, STAFF_ROLES } from './enums';

/*
 * The role sets that the server's route guards use (`config.access.roles`) and that the web's menu reads
 * (domain/access/screens.ts). Defined once here so that a menu item can never be offered to a role the
 * server refuses, nor hidden from one it serves (issue 13). Finer rules — org scope, oversight, the
 * coordinator office — stay on the server; the few the menu needs travel in `Me.abilities`.
 */

/** Supervision lists and items (domain.md c.3): every business role but the unit liaison. */
export const SUPERVISION_ROLES: readonly Role[] = BUSINESS_ROLES.filter((r) => r !== 'UNIT_LIAISON');
/** 干预司法 / 插手案件 records: the commission's own staff. */
export const INTERFERENCE_ROLES: readonly Role[] = STAFF_ROLES;

/** Clues: the whole book (信访室 receives, 案管室 registers, 书记 approves). */
export const CLUE_BOOK_ROLES: readonly Role[] = ['SECRETARY', 'CASE_MANAGER', 'PETITION_OFFICER'];
/** Clues in the org scope (leaders, offices, groups, counties, 干部监督室). */
export const CLUE_SCOPED_ROLES: readonly Role[] = ['DEPUTY_OR_MEMBER', 'OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF', 'CADRE_SUPERVISION'];
/** Roles that can reach clue routes at all (others get 403 from the access rule). */
export const CLUE_READ_ROLES: readonly Role[] = [...CLUE_BOOK_ROLES, ...CLUE_SCOPED_ROLES, 'TRIAL_STAFF'];
/** Departments that undertake (承办) clues. */
export const UNDERTAKING_ROLES: readonly Role[] = ['OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF', 'CADRE_SUPERVISION'];
/** Who registers (受理) a clue: the 信访室, the 案管室 and the undertaking departments. */
export const INTAKE_ROLES: readonly Role[] = ['PETITION_OFFICER', 'CASE_MANAGER', ...UNDERTAKING_ROLES];
/** Who has an inbox of requests to approve (书记, 分管领导) or to register (案管室). */
export const REQUEST_INBOX_ROLES: readonly Role[] = ['SECRETARY', 'DEPUTY_OR_MEMBER', 'CASE_MANAGER'];
/** 线索处置会商: who reads the meetings. */
export const CLUE_MEETING_ROLES: readonly Role[] = ['SECRETARY', 'DEPUTY_OR_MEMBER', 'CASE_MANAGER', ...UNDERTAKING_ROLES];

/** Cases: the whole book (书记, 案管室). */
export const CASE_BOOK_ROLES: readonly Role[] = ['SECRETARY', 'CASE_MANAGER'];
/** Cases in the org scope. */
export const CASE_SCOPED_ROLES: readonly Role[] = ['DEPUTY_OR_MEMBER', 'COUNTY_STAFF', 'GROUP_STAFF'];
/** Roles that can reach case routes at all. */
export const CASE_READ_ROLES: readonly Role[] = [...CASE_BOOK_ROLES, ...CASE_SCOPED_ROLES, 'OFFICE_STAFF', 'TRIAL_STAFF', 'CADRE_SUPERVISION'];

/** 综合查询: whoever reads clues or cases. */
export const SEARCH_ROLES: readonly Role[] = [...new Set<Role>([...CLUE_READ_ROLES, ...CASE_READ_ROLES])];
/** Roles whose 执纪统计 dashboard covers the whole commission. */
export const DASHBOARD_WIDE_ROLES: readonly Role[] = ['SECRETARY', 'STANDING_COMMITTEE', 'CASE_MANAGER'];
/** 执纪统计: the searchers and the standing committee (aggregates only). */
export const DASHBOARD_ROLES: readonly Role[] = [...new Set<Role>([...SEARCH_ROLES, ...DASHBOARD_WIDE_ROLES])];

/** 以案促改 read over the whole commission. */
export const REFORM_WIDE_ROLES: readonly Role[] = ['SECRETARY', 'CASE_MANAGER', 'STANDING_COMMITTEE'];
/** 以案促改 read in the org scope. */
export const REFORM_SCOPED_ROLES: readonly Role[] = ['DEPUTY_OR_MEMBER', 'OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF'];
/** 以案促改 staff screens (records, letters, rectification, accountability, bulletins). */
export const REFORM_STAFF_ROLES: readonly Role[] = [...REFORM_WIDE_ROLES, ...REFORM_SCOPED_ROLES, 'TRIAL_STAFF'];
/** With the unit liaison, who reaches letters and tasks through the portal. */
export const REFORM_READ_ROLES: readonly Role[] = [...REFORM_STAFF_ROLES, 'UNIT_LIAISON'];
/** Drafters of 监察建议书 (the departments that handled the case). */
export const LETTER_DRAFTER_ROLES: readonly Role[] = ['OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF'];

/** 专项整治 read over the whole commission. */
export const CAMPAIGN_WIDE_ROLES: readonly Role[] = ['SECRETARY', 'DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE'];
/** 专项整治 read as a lead or participating org. */
export const CAMPAIGN_SCOPED_ROLES: readonly Role[] = ['OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF', 'CASE_MANAGER', 'PETITION_OFFICER'];
/** Roles that reach campaign routes at all. */
export const CAMPAIGN_READ_ROLES: readonly Role[] = [...CAMPAIGN_WIDE_ROLES, ...CAMPAIGN_SCOPED_ROLES, 'TRIAL_STAFF', 'CADRE_SUPERVISION'];

/** Meetings and decisions: staff and leaders. */
export const MEETING_READ_ROLES: readonly Role[] = STAFF_ROLES;
/** 汇报计划 and 工作报告. */
export const REPORT_ROLES: readonly Role[] = ['SECRETARY', 'DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE', 'OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF'];
/** 党风廉政意见回复: roles whose routes reach replies at all (the server narrows further: Me.abilities.integrity). */
export const INTEGRITY_ROLES: readonly Role[] = ['CADRE_SUPERVISION', 'SECRETARY', 'DEPUTY_OR_MEMBER'];
/** 抽调 / 传帮带: the pool and the batches (干部监督室 manages; 书记 and 委领导 read and manage too). */
export const SECONDMENT_ROLES: readonly Role[] = ['CADRE_SUPERVISION', 'SECRETARY', 'DEPUTY_OR_MEMBER'];
/**
 * 廉政档案: every staff member may ask to consult a file (查阅申请); the 干部监督室 keeps the files; the 分管领导
 * overseeing it approves (the server narrows by org: Me.abilities.integrityFiles / integrityFileApprovals).
 */
export const INTEGRITY_FILE_ROLES: readonly Role[] = STAFF_ROLES;
/** 廉政档案台账 and 查阅记录: the custodian 干部监督室. */
export const INTEGRITY_FILE_CUSTODIAN_ROLES: readonly Role[] = ['CADRE_SUPERVISION'];
/** 信息互通. */
export const SHARE_ROLES: readonly Role[] = STAFF_ROLES;

/** 人员信息: business roles but the unit liaison. */
export const PEOPLE_READ_ROLES: readonly Role[] = BUSINESS_ROLES.filter((r) => r !== 'UNIT_LIAISON');

/** 难点堵点 / 行业性 / 系统性问题 register and its clustering: the supervising staff and the leaders. */
export const PROBLEM_ROLES: readonly Role[] = [
  'SECRETARY',
  'DEPUTY_OR_MEMBER',
  'STANDING_COMMITTEE',
  'CASE_MANAGER',
  'OFFICE_STAFF',
  'GROUP_STAFF',
  'COUNTY_STAFF',
];

/** 监督质效 cockpit: the leaders, the standing committee (aggregates only), the 案管室 and the departments (their scope). */
export const COCKPIT_ROLES: readonly Role[] = [
  'SECRETARY',
  'STANDING_COMMITTEE',
  'DEPUTY_OR_MEMBER',
  'CASE_MANAGER',
  'OFFICE_STAFF',
  'GROUP_STAFF',
  'COUNTY_STAFF',
];
/** Who gets the cockpit's figures without links to object lists (domain.md d: aggregates, reports, meeting materials). */
export const AGGREGATES_ONLY_ROLES: readonly Role[] = ['STANDING_COMMITTEE'];
