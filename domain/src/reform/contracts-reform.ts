import { z } from 'zod';
import { ExactTotalQuerySchema, LedgerTotalSchema, PageQuerySchema, text, VersionSchema } from '../platform/common';
import { CampaignIdSchema } from '../campaigns/links';
import { LightSchema } from '../supervision/enums';
import {
  ReformIdSchema as Id,
  ReformIsoDateSchema as IsoDate,
  reformListOf as listOf,
  ReformPageSizeSchema as PageSize,
  ReformRefSchema as NamedRefSchema,
  ReformYearQuerySchema as Year,
} from './contracts-common';
import { AccountabilityMethodSchema, CauseCategorySchema, ReformOriginSchema, ReformStateSchema, TaskSourceSchema } from './enums';
import { EscalationStepSchema, TaskActionSchema, TaskStateSchema } from './machine';
import { EscalationAccountabilitySchema } from './contracts-accountability';

export * from './contracts-accountability';

/*
 * Contracts of 以案促改 records (问题清单, 原因剖析), 整改任务 (c.5: plan, progress, verification, 销号,
 * 督办 ladder) and 追责问责 (问责条例) — docs/reform-api.md "Reform records" and "Rectification and
 * accountability". Dates are ISO calendar dates (YYYY-MM-DD).
 */

const Comment = text(2000).optional();
const AttachmentIds = z.array(Id).max(50, '附件不超过50个');
const AttachmentRefSchema = z.object({ id: z.string(), filename: z.string() });

// ---------------------------------------------------------------- reform records

export const ReformProblemSchema = z.object({
  id: z.string(),
  seq: z.number(),
  description: z.string(),
  category: CauseCategorySchema,
  foundOn: z.string(),
  createdBy: NamedRefSchema.nullable(),
  createdAt: z.string(),
});
export type ReformProblem = z.infer<typeof ReformProblemSchema>;

export const ReformAbilitiesSchema = z.object({
  update: z.boolean(),
  addProblem: z.boolean(),
  /** States the record may move to from its current one (COLLECTING → ANALYSED → RECOMMENDED → CLOSED). */
  nextStates: z.array(ReformStateSchema),
  draftLetter: z.boolean(),
  /** Change the co-owner orgs (`coOwnerOrgIds`): the lead owner org's staff and the commission-wide roles. */
  manageOwners: z.boolean(),
});
export type ReformAbilities = z.infer<typeof ReformAbilitiesSchema>;

export const ReformRecordSummarySchema = z.object({
  id: z.string(),
  origin: ReformOriginSchema,
  title: z.string(),
  case: z.object({ id: z.string(), caseNo: z.string().nullable(), title: z.string() }).nullable(),
  findingId: z.string().nullable(),
  /** 所属专项整治 (required for origin CAMPAIGN; a case's record takes its clues' campaign). */
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  unit: NamedRefSchema,
  /** The lead owner org (牵头). */
  ownerOrg: NamedRefSchema,
  /**
   * Every org that owns the record: the lead first, then the co-owners (a jointly run 以案促改, e.g. the
   * 专案组's office and group with the inspection office that analyses the causes). Staff of each see and
   * work on it alike.
   */
  ownerOrgs: z.array(NamedRefSchema),
  /** 行业领域: a code of the SECTOR dictionary, and its label. */
  sector: z.string().nullable(),
  sectorLabel: z.string().nullable(),
  state: ReformStateSchema,
  causeCategories: z.array(CauseCategorySchema),
  problemCount: z.number(),
  letterCount: z.number(),
  taskCount: z.number(),
  createdAt: z.string(),
  version: z.number(),
});
export type ReformRecordSummary = z.infer<typeof ReformRecordSummarySchema>;

export const ReformLetterRefSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string(),
  state: z.string(),
  docNo: z.string().nullable(),
  recipientName: z.string(),
  replyDue: z.string().nullable(),
});

/** A suggestion for 类案分析: another case or reform record with the same unit, parent unit or sector. */
export const SimilarSuggestionSchema = z.object({
  kind: z.enum(['CASE', 'REFORM_RECORD']),
  id: z.string(),
  title: z.string(),
  ref: z.string().nullable(),
  unit: NamedRefSchema.nullable(),
  /** Why it is suggested. */
  reason: z.enum(['SAME_UNIT', 'SAME_PARENT', 'SAME_SECTOR']),
  at: z.string().nullable(),
});
export type SimilarSuggestion = z.infer<typeof SimilarSuggestionSchema>;

/** GET /api/v1/reform-records */
/** 行业领域: a code of the SECTOR dictionary (数据字典“行业领域”). */
const Sector = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, '行业领域须为数据字典“行业领域”的编码');

export const ReformRecordQuerySchema = PageQuerySchema.extend({
  pageSize: PageSize,
  q: text(100).optional(),
  state: listOf(ReformStateSchema).optional(),
  origin: ReformOriginSchema.optional(),
  ownerOrgId: Id.optional(),
  unitOrgId: Id.optional(),
  year: Year.optional(),
  /** Only the records of this campaign. */
  campaignId: Id.optional(),
  /** 行业领域 code. */
  sector: Sector.optional(),
  ...ExactTotalQuerySchema.shape,
});
export type ReformRecordQuery = z.infer<typeof ReformRecordQuerySchema>;

export const ReformRecordPageSchema = z.object({
  items: z.array(ReformRecordSummarySchema),
  ...LedgerTotalSchema.shape,
  abilities: z.object({ create: z.boolean() }),
});

/** POST /api/v1/reform-records — by hand, from a supervision finding or a campaign (a case opens its own at filing). */
export const ReformRecordCreateBodySchema = z.discriminatedUnion(
  'origin',
  [
    z.object({
      origin: z.literal('FINDING'),
      findingId: Id,
      title: text(200, 1).optional(),
      /** Defaults to the finding's host unit. */
      unitOrgId: Id.optional(),
      ownerOrgId: Id.optional(),
      sector: Sector.optional(),
      /** The campaign whose finding this is (optional). */
      campaignId: CampaignIdSchema.nullish(),
    }),
    z.object({
      origin: z.literal('CAMPAIGN'),
      campaignId: CampaignIdSchema,
      title: text(200, 1).optional(),
      unitOrgId: Id,
      ownerOrgId: Id.optional(),
      sector: Sector.optional(),
    }),
  ],
  '来源须为 FINDING（监督发现问题）或 CAMPAIGN（专项整治）',
);
export type ReformRecordCreateBody = z.infer<typeof ReformRecordCreateBodySchema>;

/** PATCH /api/v1/reform-records/:id — only the fields sent change. */
export const ReformRecordPatchBodySchema = z.object({
  version: VersionSchema,
  title: text(200, 1).optional(),
  rootCauses: text(20_000).optional(),
  causeCategories: z.array(CauseCategorySchema).max(7, '成因类别不超过7项').optional(),
  sector: Sector.nullable().optional(),
  state: ReformStateSchema.optional(),
  /** The co-owner orgs besides the lead, replacing the current list (commission offices, groups, county commissions). */
  coOwnerOrgIds: z.array(Id).max(10, '共同承办部门不超过10个').optional(),
  /** Another campaign (null unlinks; refused for a record of origin CAMPAIGN). */
  campaignId: CampaignIdSchema.nullable().optional(),
});
export type ReformRecordPatchBody = z.infer<typeof ReformRecordPatchBodySchema>;

/** POST /api/v1/reform-records/:id/problems — one entry of the 问题清单. */
export const ReformProblemBodySchema = z.object({
  description: text(5000, 1),
  category: CauseCategorySchema,
  foundOn: IsoDate.optional(),
});
export type ReformProblemBody = z.infer<typeof ReformProblemBodySchema>;

// ---------------------------------------------------------------- rectification tasks

export const PlanStepSchema = z.object({ step: text(500, 1), due: IsoDate });
/** 整改方案: 任务图 (measures) and 时间表 (timetable). */
export const TaskPlanSchema = z.object({
  measures: z.array(text(2000, 1)).min(1, '请至少填写一项整改措施').max(50, '整改措施不超过50项'),
  timetable: z.array(PlanStepSchema).min(1, '请至少填写一个时间节点').max(50, '时间节点不超过50个'),
});
export type TaskPlan = z.infer<typeof TaskPlanSchema>;

export const TaskAbilitiesSchema = z.object({
  submitPlan: z.boolean(),
  acceptPlan: z.boolean(),
  returnPlan: z.boolean(),
  reportProgress: z.boolean(),
  reportDone: z.boolean(),
  verify: z.boolean(),
  returnWork: z.boolean(),
  closeOut: z.boolean(),
  markOverdue: z.boolean(),
  escalate: z.boolean(),
});
export type TaskAbilities = z.infer<typeof TaskAbilitiesSchema>;

/** One row of the board (督办台账) with its light. */
export const TaskListItemSchema = z.object({
  id: z.string(),
  source: TaskSourceSchema,
  letter: z.object({ id: z.string(), title: z.string(), docNo: z.string().nullable() }).nullable(),
  letterItemNo: z.number().nullable(),
  findingId: z.string().nullable(),
  /** 所属专项整治 (a task from a letter inherits the letter's). */
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  unit: NamedRefSchema,
  issue: z.string(),
  requiredOutcome: z.string(),
  deadline: z.string(),
  planDue: z.string().nullable(),
  /** planDue lies past the maintained holiday years (counted on plain weekends: 节假日安排未维护). */
  planDueUnconfirmed: z.boolean(),
  responsiblePerson: z.string().nullable(),
  supervisor: NamedRefSchema,
  supervisorOrg: NamedRefSchema,
  state: TaskStateSchema,
  light: LightSchema,
  escalationStep: EscalationStepSchema.nullable(),
  overdueSince: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type TaskListItem = z.infer<typeof TaskListItemSchema>;

/** GET /api/v1/reform-records/:id */
export const ReformRecordDetailSchema = ReformRecordSummarySchema.extend({
  rootCauses: z.string(),
  problems: z.array(ReformProblemSchema),
  letters: z.array(ReformLetterRefSchema),
  tasks: z.array(TaskListItemSchema),
  similar: z.array(SimilarSuggestionSchema),
  createdBy: NamedRefSchema.nullable(),
  updatedAt: z.string(),
  abilities: ReformAbilitiesSchema,
});
export type ReformRecordDetail = z.infer<typeof ReformRecordDetailSchema>;

export const TaskUpdateSchema = z.object({
  id: z.string(),
  kind: z.enum(['PLAN', 'PROGRESS', 'DONE_REPORT', 'REVIEW', 'ESCALATION', 'REMINDER']),
  content: z.string(),
  attachments: z.array(AttachmentRefSchema),
  fromState: TaskStateSchema.nullable(),
  toState: TaskStateSchema.nullable(),
  actor: NamedRefSchema.nullable(),
  /**
   * Whose step it was: the rectifying unit (its liaison adopting, planning, reporting), the commission (the
   * supervisor's decisions) or the system (reminders). The unit's portal labels its own steps by it (issue 13).
   */
  side: z.enum(['UNIT', 'COMMISSION', 'SYSTEM']),
  at: z.string(),
});
export type TaskUpdate = z.infer<typeof TaskUpdateSchema>;

/** GET /api/v1/rectification-tasks/:id */
export const TaskDetailSchema = TaskListItemSchema.extend({
  plan: TaskPlanSchema.nullable(),
  verifiedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  /** The next rung `escalate` would reach. */
  nextEscalationStep: EscalationStepSchema.nullable(),
  updates: z.array(TaskUpdateSchema),
  accountabilities: z.array(z.object({ id: z.string(), targetName: z.string(), method: AccountabilityMethodSchema, decidedOn: z.string() })),
  abilities: TaskAbilitiesSchema,
});
export type TaskDetail = z.infer<typeof TaskDetailSchema>;

/** GET /api/v1/rectification-tasks and /api/v1/rectification-tasks/export.xlsx */
export const TaskQuerySchema = PageQuerySchema.extend({
  pageSize: PageSize,
  q: text(100).optional(),
  state: listOf(TaskStateSchema).optional(),
  unitOrgId: Id.optional(),
  supervisorOrgId: Id.optional(),
  letterId: Id.optional(),
  source: TaskSourceSchema.optional(),
  light: LightSchema.optional(),
  /** Only the tasks of this campaign. */
  campaignId: Id.optional(),
  sort: z.enum(['deadline', '-deadline', 'createdAt', '-createdAt'], '排序方式不正确').default('deadline'),
  ...ExactTotalQuerySchema.shape,
});
export type TaskQuery = z.infer<typeof TaskQuerySchema>;

export const TaskPageSchema = z.object({
  items: z.array(TaskListItemSchema),
  ...LedgerTotalSchema.shape,
  /** Tasks per light under the other filters; counted up to the ledger's cap as the total (see `lightsCapped`). */
  lights: z.object({ GREEN: z.number(), YELLOW: z.number(), RED: z.number(), DONE: z.number() }),
  /** The lights whose count stopped at the cap (超过 N 条); none with `exactTotal=true`. */
  lightsCapped: z.array(LightSchema),
  abilities: z.object({ create: z.boolean(), export: z.boolean() }),
});

/** POST /api/v1/rectification-tasks — by hand, or from a supervision finding (findingId: its host unit by default). */
export const TaskCreateBodySchema = z.object({
  findingId: Id.optional(),
  unitOrgId: Id.optional(),
  issue: text(5000, 1),
  requiredOutcome: text(5000).optional(),
  deadline: IsoDate,
  responsiblePerson: text(100).optional(),
  /** Defaults to the caller (谁建议谁跟踪). */
  supervisorUserId: Id.optional(),
  /** 所属专项整治 (a campaign's rectification). */
  campaignId: CampaignIdSchema.nullish(),
});
export type TaskCreateBody = z.infer<typeof TaskCreateBodySchema>;

// ---------------------------------------------------------------- task actions (the one door)

const V = { version: VersionSchema };
const Report = { content: text(5000, 1), attachmentIds: AttachmentIds.optional() };

/** POST /api/v1/rectification-tasks/:id/actions — one body per action (c.5). */
export const TaskActionBodySchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('submitPlan'), ...V, ...TaskPlanSchema.shape, comment: Comment }),
    z.object({ action: z.literal('acceptPlan'), ...V, comment: Comment }),
    z.object({ action: z.literal('returnPlan'), ...V, comment: text(2000, 1) }),
    z.object({ action: z.literal('reportProgress'), ...V, ...Report }),
    z.object({ action: z.literal('reportDone'), ...V, ...Report }),
    z.object({ action: z.literal('verify'), ...V, comment: Comment }),
    z.object({ action: z.literal('returnWork'), ...V, comment: text(2000, 1) }),
    z.object({ action: z.literal('closeOut'), ...V, comment: Comment }),
    /** Refused over HTTP (403): only the daily job marks a task overdue. */
    z.object({ action: z.literal('markOverdue'), ...V }),
    /** The step is always the next rung; at 问责 the accountability decided is required. */
    z.object({ action: z.literal('escalate'), ...V, comment: text(2000, 1), accountability: EscalationAccountabilitySchema.optional() }),
  ],
  `操作须为：${TaskActionSchema.options.join('、')}`,
);
export type TaskActionBody = z.infer<typeof TaskActionBodySchema>;

export const TaskActionResultSchema = z.object({
  task: TaskDetailSchema,
  /** The accountability record created at the 问责 rung. */
  accountabilityId: z.string().nullable(),
});
export type TaskActionResult = z.infer<typeof TaskActionResultSchema>;
