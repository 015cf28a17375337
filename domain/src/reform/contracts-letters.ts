import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { ExactTotalQuerySchema, LedgerTotalSchema, PageQuerySchema, QueryFlagSchema, text, VersionSchema } from '../platform/common';
import {
  ReformIdSchema as Id,
  ReformIsoDateSchema as IsoDate,
  ReformPageSizeSchema,
  ReformRefSchema,
  ReformYearQuerySchema,
  reformListOf,
} from './contracts-common';
import { CampaignIdSchema } from '../campaigns/links';
import { LetterOriginSchema, LetterTypeSchema } from './enums';
import { LetterActionSchema, LetterReferralSchema, LetterStateSchema, TaskStateSchema } from './machine';

/*
 * Contracts of 建议书 (纪律检查建议书 / 监察建议书 / 纪检监察建议书) — domain.md c.6, f.2; docs/reform-api.md
 * "Letters". Dates are ISO calendar dates (YYYY-MM-DD); times ISO 8601. The 通报 (f.3), issued through the
 * same 签发 → 编号 path, are in contracts-bulletins.ts and re-exported here for the letters module's imports.
 */

export * from './contracts-bulletins';

const Comment = text(2000).optional();

// ---------------------------------------------------------------- drafting

/** One numbered recommendation (建议事项) with its deadline (not before today; checked by the server). */
export const LetterItemInputSchema = z.object({
  text: text(2000, 1),
  deadline: IsoDate,
});
export type LetterItemInput = z.infer<typeof LetterItemInputSchema>;

const Items = z.array(LetterItemInputSchema).min(1, '至少提出一项建议').max(30, '建议事项不超过30项');
const LegalBasis = z.array(text(500, 1)).max(20, '依据不超过20项');
const ReplyDays = z.number('回复期限须为整数').int('回复期限须为整数').min(1, '回复期限至少1日').max(365, '回复期限不超过365日');
const ObjectionDays = z.number('异议期限须为整数').int('异议期限须为整数').min(1, '异议期限至少1日').max(90, '异议期限不超过90日');
/** Why the unit gets more than 30 days to reply (required above 30; checked by the server, printed in the letter). */
const ReplyDaysReason = text(500);
/** 抄送机关: organs (the unit's 主管部门, 上级机关 …), never the drafting office or another internal office. */
const CopyTo = z.array(text(100, 1)).max(10, '抄送机关不超过10个');
/** The unit of a period: 工作日 on the commission's calendar, or 自然日. */
export const PeriodUnitSchema = z.enum(['WORKING_DAYS', 'CALENDAR_DAYS']);
export type PeriodUnit = z.infer<typeof PeriodUnitSchema>;
export const PERIOD_UNIT_LABELS = {
  WORKING_DAYS: { zh: '个工作日', en: 'working days' },
  CALENDAR_DAYS: { zh: '日', en: 'days' },
} as const satisfies Labelled<PeriodUnit>;
/** Above this many days a reply period needs a stated reason. */
export const REPLY_DAYS_WITHOUT_REASON = 30;

/**
 * GET /api/v1/letters/drafting-defaults — what a new letter starts with and how it prints: the organs'
 * formal short names and the 印发机关 (settings doc.*), the objection period and unit, the reply period.
 */
export const LetterDraftingDefaultsSchema = z.object({
  organs: z.object({ discipline: z.string(), supervision: z.string(), office: z.string() }),
  objectionDays: z.number(),
  objectionUnit: PeriodUnitSchema,
  replyDays: z.number(),
});
export type LetterDraftingDefaults = z.infer<typeof LetterDraftingDefaultsSchema>;

/** POST /api/v1/letters — a DRAFTING letter. */
export const LetterCreateBodySchema = z.object({
  type: LetterTypeSchema,
  origin: LetterOriginSchema,
  recordId: Id.optional(),
  caseId: Id.optional(),
  /**
   * 所属专项整治: required when the origin is CAMPAIGN; a letter of a reform record takes the record's
   * campaign (a different one is refused).
   */
  campaignId: CampaignIdSchema.nullish(),
  /** The drafting office/group; default the caller's own org (must be in the caller's scope). */
  draftingOrgId: Id.optional(),
  /** 谁建议谁跟踪: the supervisor who follows the rectification; default the drafter. */
  supervisorUserId: Id.optional(),
  recipientOrgId: Id,
  /** 主送 as printed; default the recipient org's name. */
  recipientName: text(200, 1).optional(),
  title: text(200, 1),
  /** 监督调查情况 */
  background: text(20000),
  /** 发现的主要问题 */
  facts: text(20000),
  /** 问题产生的原因 */
  causes: text(20000),
  legalBasis: LegalBasis,
  items: Items,
  /** Default the setting `letter.replyDays` (30); above 30 `replyDaysReason` is required. */
  replyDays: ReplyDays.optional(),
  replyDaysReason: ReplyDaysReason.optional(),
  /** Default the setting `letter.objectionPeriod`, counted in the setting `letter.objectionUnit`. */
  objectionDays: ObjectionDays.optional(),
  objectionChannel: text(500).optional(),
  copyTo: CopyTo.optional(),
  contact: text(500).optional(),
});
export type LetterCreateBody = z.infer<typeof LetterCreateBodySchema>;

/** PATCH /api/v1/letters/:id — only while DRAFTING/CONSULTING or AMENDING (LETTER_EDITABLE_STATES); `items` replaces the whole list. */
export const LetterPatchBodySchema = z.object({
  version: VersionSchema,
  type: LetterTypeSchema.optional(),
  supervisorUserId: Id.nullable().optional(),
  recipientOrgId: Id.optional(),
  recipientName: text(200, 1).optional(),
  title: text(200, 1).optional(),
  background: text(20000).optional(),
  facts: text(20000).optional(),
  causes: text(20000).optional(),
  legalBasis: LegalBasis.optional(),
  items: Items.optional(),
  replyDays: ReplyDays.optional(),
  replyDaysReason: ReplyDaysReason.optional(),
  objectionDays: ObjectionDays.optional(),
  objectionChannel: text(500).optional(),
  copyTo: CopyTo.optional(),
  contact: text(500).optional(),
  /** Another campaign (null unlinks; refused for origin CAMPAIGN). */
  campaignId: CampaignIdSchema.nullable().optional(),
});
export type LetterPatchBody = z.infer<typeof LetterPatchBodySchema>;

export const LETTER_OPINION_KIND_LABELS = {
  CONSULTATION: { zh: '征求意见', en: 'Consultation' },
  REVIEW: { zh: '审核意见', en: 'Review opinion' },
} as const satisfies Labelled<string>;
export const LETTER_OPINION_KINDS = codesOf(LETTER_OPINION_KIND_LABELS);
export const LetterOpinionKindSchema = z.enum(LETTER_OPINION_KINDS, '意见类型不正确');
export type LetterOpinionKind = z.infer<typeof LetterOpinionKindSchema>;

/**
 * POST /api/v1/letters/:id/opinions — CONSULTATION: the drafter records the opinion of an
 * office, a group or the unit's Party group (征求意见); REVIEW: the reviewer's legal/trial opinion.
 */
export const LetterOpinionBodySchema = z.object({
  kind: LetterOpinionKindSchema,
  orgId: Id.optional(),
  /** Default the org's name (required without orgId). */
  orgName: text(200, 1).optional(),
  opinion: text(5000, 1),
});
export type LetterOpinionBody = z.infer<typeof LetterOpinionBodySchema>;

// ---------------------------------------------------------------- actions

const plain = <A extends string>(action: A) => z.object({ action: z.literal(action), version: VersionSchema, comment: Comment });

/** POST /api/v1/letters/:id/actions — one member per action of LETTER_MACHINE. */
export const LetterActionBodySchema = z.discriminatedUnion(
  'action',
  [
    plain('consult'),
    plain('submitReview'),
    z.object({ action: z.literal('returnDraft'), version: VersionSchema, comment: text(2000, 1) }),
    plain('approve'),
    plain('issue'),
    z.object({
      action: z.literal('serve'),
      version: VersionSchema,
      comment: Comment,
      /** 签收人 on the receipt (送达回证). */
      receiptSignedBy: text(100, 1),
      servedOn: IsoDate,
    }),
    z.object({ action: z.literal('object'), version: VersionSchema, comment: Comment, objection: text(5000, 1) }),
    z.object({ action: z.literal('upholdObjection'), version: VersionSchema, comment: Comment, answer: text(5000, 1) }),
    z.object({ action: z.literal('rejectObjection'), version: VersionSchema, comment: Comment, answer: text(5000, 1) }),
    /** The amended letter: 签发 and a new 发文字号 (c.6 AMENDED). */
    plain('reissue'),
    plain('adopt'),
    z.object({ action: z.literal('reply'), version: VersionSchema, comment: Comment, reply: text(20000, 1) }),
    z.object({
      action: z.literal('evaluate'),
      version: VersionSchema,
      comment: Comment,
      evaluation: text(5000, 1),
      score: z.number('评分须为整数').int('评分须为整数').min(0, '评分不低于0').max(100, '评分不高于100'),
    }),
    plain('close'),
    z.object({ action: z.literal('reopenRectification'), version: VersionSchema, comment: text(2000, 1) }),
    z.object({ action: z.literal('refuse'), version: VersionSchema, comment: text(2000, 1) }),
    /** 提请 the unit's 主管部门 or 上级机关 to order correction (监察法 2024 art. 71): to whom, which kind, when, the text. */
    z.object({
      action: z.literal('escalate'),
      version: VersionSchema,
      comment: Comment,
      referredTo: text(200, 1),
      referredToKind: LetterReferralSchema,
      /** The day of the 提请 (not after today). */
      referredOn: IsoDate,
      escalation: text(5000, 1),
    }),
    z.object({ action: z.literal('withdraw'), version: VersionSchema, comment: text(2000, 1) }),
  ],
  '操作不正确',
);
export type LetterActionBody = z.infer<typeof LetterActionBodySchema>;

// ---------------------------------------------------------------- ledger

/** GET /api/v1/letters and /api/v1/letters/export.xlsx */
export const LetterListQuerySchema = PageQuerySchema.extend({
  pageSize: ReformPageSizeSchema,
  q: text(100).optional(),
  state: reformListOf(LetterStateSchema).optional(),
  type: LetterTypeSchema.optional(),
  recipientOrgId: Id.optional(),
  draftingOrgId: Id.optional(),
  /** Year of issue (or of drafting for unissued letters). */
  year: ReformYearQuerySchema.optional(),
  /** Only letters past reply_due without a written reply. */
  overdueReply: QueryFlagSchema.optional(),
  /** Only the letters of this campaign. */
  campaignId: Id.optional(),
  sort: z.enum(['createdAt', '-createdAt', 'issuedOn', '-issuedOn', 'replyDue', '-replyDue', 'docNo', '-docNo'], '排序方式不正确').default('-createdAt'),
  ...ExactTotalQuerySchema.shape,
});
export type LetterListQuery = z.infer<typeof LetterListQuerySchema>;

/** Reply status of an issued letter (回复情况). */
export const LETTER_REPLY_STATUS_LABELS = {
  NOT_DUE: { zh: '未送达', en: 'Not served' },
  PENDING: { zh: '回复期内', en: 'Reply pending' },
  OVERDUE: { zh: '逾期未回复', en: 'Reply overdue' },
  REPLIED: { zh: '已回复', en: 'Replied' },
} as const satisfies Labelled<string>;
export const LETTER_REPLY_STATUSES = codesOf(LETTER_REPLY_STATUS_LABELS);
export const LetterReplyStatusSchema = z.enum(LETTER_REPLY_STATUSES);
export type LetterReplyStatus = z.infer<typeof LetterReplyStatusSchema>;

export const LetterListItemSchema = z.object({
  id: z.string(),
  type: LetterTypeSchema,
  origin: LetterOriginSchema,
  title: z.string(),
  draftingOrg: ReformRefSchema,
  recipientOrgId: z.string(),
  recipientName: z.string(),
  state: LetterStateSchema,
  /** 发文字号, e.g. 兰纪建〔2026〕3号; null before issue. */
  docNo: z.string().nullable(),
  issuedOn: z.string().nullable(),
  servedOn: z.string().nullable(),
  objectionDue: z.string().nullable(),
  replyDue: z.string().nullable(),
  repliedOn: z.string().nullable(),
  replied: z.boolean(),
  /** Past reply_due without a written reply. */
  replyOverdue: z.boolean(),
  /** NOT_DUE before service, PENDING while the period runs, OVERDUE, REPLIED. */
  replyStatus: LetterReplyStatusSchema,
  itemCount: z.number(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type LetterListItem = z.infer<typeof LetterListItemSchema>;

export const LetterListSchema = z.object({ items: z.array(LetterListItemSchema), ...LedgerTotalSchema.shape });
export type LetterList = z.infer<typeof LetterListSchema>;

// ---------------------------------------------------------------- detail

export const LetterItemSchema = z.object({ id: z.string(), no: z.number(), text: z.string(), deadline: z.string() });
export type LetterItem = z.infer<typeof LetterItemSchema>;

export const LetterOpinionSchema = z.object({
  id: z.string(),
  kind: LetterOpinionKindSchema,
  orgId: z.string().nullable(),
  orgName: z.string(),
  opinion: z.string(),
  recordedBy: ReformRefSchema.nullable(),
  recordedAt: z.string(),
});
export type LetterOpinion = z.infer<typeof LetterOpinionSchema>;

export const LetterEventSchema = z.object({
  id: z.number(),
  action: z.string(),
  fromState: LetterStateSchema.nullable(),
  toState: LetterStateSchema.nullable(),
  comment: z.string().nullable(),
  actor: ReformRefSchema.nullable(),
  at: z.string(),
});
export type LetterEvent = z.infer<typeof LetterEventSchema>;

/** A rectification task spawned by adopting the letter (summary; details under /rectification-tasks). */
export const LetterTaskSummarySchema = z.object({
  id: z.string(),
  itemNo: z.number().nullable(),
  issue: z.string(),
  deadline: z.string(),
  state: TaskStateSchema,
  version: z.number(),
});
export type LetterTaskSummary = z.infer<typeof LetterTaskSummarySchema>;

export const LetterAbilitiesSchema = z.object({
  /** Actions of POST …/actions the caller may take now (state and actor checked). */
  actions: z.array(LetterActionSchema),
  /** PATCH (drafter, DRAFTING/CONSULTING/AMENDING). */
  update: z.boolean(),
  /** POST …/opinions kind CONSULTATION (drafter) / REVIEW (reviewer). */
  addConsultation: z.boolean(),
  addReview: z.boolean(),
  /** GET …/document.docx (a 草稿 preview before issue). */
  exportDocx: z.boolean(),
});
export type LetterAbilities = z.infer<typeof LetterAbilitiesSchema>;

/** GET /api/v1/letters/:id */
export const LetterDetailSchema = LetterListItemSchema.extend({
  recordId: z.string().nullable(),
  caseId: z.string().nullable(),
  /** The problems (行业性系统性问题) the letter was converted from — only those the reader may open. */
  sourceProblems: z.array(ReformRefSchema),
  supervisor: ReformRefSchema.nullable(),
  createdBy: ReformRefSchema.nullable(),
  background: z.string(),
  facts: z.string(),
  causes: z.string(),
  legalBasis: z.array(z.string()),
  replyDays: z.number(),
  replyDaysReason: z.string(),
  objectionDays: z.number(),
  objectionUnit: PeriodUnitSchema,
  objectionChannel: z.string(),
  copyTo: z.array(z.string()),
  contact: z.string(),
  approvedBy: ReformRefSchema.nullable(),
  approvedAt: z.string().nullable(),
  receiptSignedBy: z.string().nullable(),
  objection: z.string().nullable(),
  objectionAnswer: z.string().nullable(),
  reply: z.string().nullable(),
  evaluation: z.string().nullable(),
  evaluationScore: z.number().nullable(),
  evaluatedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  /** The text of the 提请 to the 主管部门 / 上级机关 after a refusal. */
  escalation: z.string().nullable(),
  /** The organ the refusal was referred to (监察法 2024 art. 71), its kind and the day. */
  referredTo: z.string().nullable(),
  referredToKind: LetterReferralSchema.nullable(),
  referredOn: z.string().nullable(),
  /** How many times the letter was amended and re-issued after an upheld objection (0: the original). */
  amendmentNo: z.number(),
  /** The stored DOCX of the issued letter (attachment id). */
  docxAttachmentId: z.string().nullable(),
  items: z.array(LetterItemSchema),
  /** Internal opinions (empty for the recipient unit). */
  opinions: z.array(LetterOpinionSchema),
  timeline: z.array(LetterEventSchema),
  tasks: z.array(LetterTaskSummarySchema),
  abilities: LetterAbilitiesSchema,
});
export type LetterDetail = z.infer<typeof LetterDetailSchema>;
