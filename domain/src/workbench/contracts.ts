import { z } from 'zod';
import { LightSchema } from '../supervision/enums';

/*
 * 工作台 (issue 13): the home page of a business user — what waits for *this* user, card by card. Each card is
 * one ledger under one filter: its count is that ledger's total under the filter (same visibility, same SQL),
 * its rows the first page of it, and `ledger` the screen that shows exactly those rows.
 */

/** The cards, in the order the home page shows them. */
export const WORKBENCH_CARD_KEYS = [
  /** 线索处置审批: pending clue requests whose next step is mine. */
  'clueApprovals',
  /** 待登记编号的线索 (案管室): received, still without a 线索编号. */
  'cluesToRegister',
  /** 待分办的线索 (案管室): numbered, not yet assigned to an undertaking department. */
  'cluesToAssign',
  /** 受理告知到期的信访件 (信访室: a real-name complainant is owed the receipt notice). */
  'cluesAcknowledgeDue',
  /** 结果反馈到期的信访件 (信访室: the result is owed to the complainant). */
  'cluesFeedbackDue',
  /** 处置建议到期的线索 (承办部门; for leaders the figure of their scope). */
  'cluesProposalOverdue',
  /** 办理中的线索 (领导: the figure of their scope). */
  'cluesInProgress',
  /** 在办案件 (领导). */
  'casesOpen',
  /** 处分决定宣布到期的案件 (承办部门: the lead side announces the decision). */
  'casesAnnounceDue',
  /** 执行情况报告到期的案件 (承办部门: the lead side reports the execution). */
  'casesExecutionDue',
  /** 我的监督事项 — 逾期 (red light). */
  'itemsOverdue',
  /** 监督事项 — 逾期, across my scope (领导: every overdue item of the orgs in their charge, not only mine). */
  'itemsOverdueInScope',
  /** 我的监督事项 — 临期 (yellow light). */
  'itemsDueSoon',
  /** 整改任务 — 逾期 (tasks I supervise, or my unit's tasks for a liaison). */
  'tasksOverdue',
  /** 整改任务 — 临期. */
  'tasksDueSoon',
  /** 待审核、签发的建议书. */
  'lettersToReview',
  /** 已签发待印发、已印发待送达的建议书. */
  'lettersToServe',
  /** 异议待决定的建议书 (书记: the recipient objected within the window; uphold and amend, or reject). */
  'lettersObjected',
  /** 逾期未回复的建议书. */
  'lettersReplyOverdue',
  /** 待我审批的工作报告 (本单位负责人, or the 分管领导 standing in). */
  'reportApprovals',
  /** 待我审批的廉政档案查阅申请 (the leader overseeing the 干部监督室). */
  'integrityFileApprovals',
  /** 超过一年未更新的廉政档案 (干部监督室: b.5, a file is brought up to date at least yearly). */
  'integrityFilesStale',
  /** 议定事项 — 逾期 (my org's decisions; all I see for leaders). */
  'decisionsOverdue',
  /** 待本单位办理的建议书 (单位联络人): served, to adopt or object; adopted, to reply in writing. */
  'lettersToAnswer',
  /** 未读消息. */
  'unreadMessages',
] as const;
export const WorkbenchCardKeySchema = z.enum(WORKBENCH_CARD_KEYS);
export type WorkbenchCardKey = z.infer<typeof WorkbenchCardKeySchema>;

/** One row of a card: enough to recognise the object and open it. */
export const WorkbenchRowSchema = z.object({
  id: z.string(),
  /** 标题 (or the matter, the issue, the message title). */
  title: z.string(),
  /** 编号 where the object has one (线索编号, 发文字号, 案件编号). */
  number: z.string().nullable(),
  /** The date the row waits on (办理期限, 回复期限, 到期日), ISO date; null when none. */
  due: z.string().nullable(),
  /** 督办灯 where the object has one. */
  light: LightSchema.nullable(),
  /** In-app path of the object. */
  link: z.string(),
});
export type WorkbenchRow = z.infer<typeof WorkbenchRowSchema>;

export const WorkbenchCardSchema = z.object({
  key: WorkbenchCardKeySchema,
  /** The linked ledger's total under the card's filter. */
  count: z.number(),
  /** The first rows (at most 5), in the ledger's order. */
  rows: z.array(WorkbenchRowSchema),
  /** In-app path (with query) of the filtered ledger showing exactly these rows. */
  ledger: z.string(),
  /** The API path (with query) that answers the same total, for clients and tests. */
  api: z.string(),
});
export type WorkbenchCard = z.infer<typeof WorkbenchCardSchema>;

/** GET /api/v1/workbench */
export const WorkbenchSchema = z.object({
  /** False for the 三员: they keep the admin home and get no business cards. */
  business: z.boolean(),
  cards: z.array(WorkbenchCardSchema),
});
export type Workbench = z.infer<typeof WorkbenchSchema>;

/** Rows per card. */
export const WORKBENCH_ROWS = 5;
