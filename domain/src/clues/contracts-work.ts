import { z } from 'zod';
import { SharedAccessSchema } from '../shares/contracts';
import { text } from '../platform/common';
import { CadreManagementSchema } from '../org/enums';
import {
  ClueDirectActionSchema,
  ClueListItemSchema,
  ClueNamedRefSchema,
  ClueRequestActionSchema,
  ClueRequestSchema,
  Id,
  IsoDate,
  Version,
  Year,
} from './contracts-core';
import {
  ClosedKindSchema,
  DispositionMethodSchema,
  FirstFormMeasureSchema,
  InquiryFormSchema,
  InquiryOutcomeSchema,
  IssueTypeSchema,
  MergeKindSchema,
  OverdueKindSchema,
  VerificationMeasureSchema,
  VerificationProposalSchema,
} from './enums';
import { ClueStateSchema } from './machine';
import { CampaignIdSchema } from '../campaigns/links';

/*
 * Contracts of 问题线索, second part (see contracts.ts, which re-exports this file): 谈话函询, 初步核实 with
 * the 核查组, 集体排查 meetings, the clue detail with its abilities, related clues and the overdue board.
 */

// ---------------------------------------------------------------- 谈话函询 and 初步核实

export const ClueInquirySchema = z.object({
  id: z.string(),
  clueId: z.string(),
  round: z.number(),
  form: InquiryFormSchema,
  talkedBy: z.string().nullable(),
  accompaniedBy: z.string().nullable(),
  talkOn: z.string().nullable(),
  letterSentOn: z.string().nullable(),
  letterReceivedOn: z.string().nullable(),
  replyDue: z.string().nullable(),
  repliedOn: z.string().nullable(),
  replySignedByUnitLeader: z.boolean(),
  reportDue: z.string().nullable(),
  reportedOn: z.string().nullable(),
  report: z.string().nullable(),
  outcome: InquiryOutcomeSchema.nullable(),
  firstFormMeasure: FirstFormMeasureSchema.nullable(),
  filedToIntegrityFile: z.boolean(),
  version: z.number(),
  abilities: z.object({ update: z.boolean() }),
});
export type ClueInquiry = z.infer<typeof ClueInquirySchema>;

/** PATCH /api/v1/clue-inquiries/:id — letterReceivedOn sets replyDue (+15 working days); repliedOn or talkOn sets reportDue (+1 month). */
export const InquiryPatchBodySchema = z.object({
  version: Version,
  talkedBy: text(200).nullable().optional(),
  accompaniedBy: text(200).nullable().optional(),
  talkOn: IsoDate.nullable().optional(),
  letterSentOn: IsoDate.nullable().optional(),
  letterReceivedOn: IsoDate.nullable().optional(),
  repliedOn: IsoDate.nullable().optional(),
  replySignedByUnitLeader: z.boolean().optional(),
  report: text(20_000).nullable().optional(),
  outcome: InquiryOutcomeSchema.nullable().optional(),
  firstFormMeasure: FirstFormMeasureSchema.nullable().optional(),
  filedToIntegrityFile: z.boolean().optional(),
});
export type InquiryPatchBody = z.infer<typeof InquiryPatchBodySchema>;

/** 初步核实情况报告 */
export const VerificationReportSchema = z.object({
  subjectBasics: text(5000),
  mainAllegations: text(10_000),
  basis: text(10_000),
  findings: text(20_000),
  doubts: text(10_000),
  proposal: VerificationProposalSchema,
});
export type VerificationReport = z.infer<typeof VerificationReportSchema>;

export const ClueTeamMemberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  orgName: z.string().nullable(),
  role: z.enum(['LEAD', 'MEMBER']),
  signedAt: z.string().nullable(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
});
export type ClueTeamMember = z.infer<typeof ClueTeamMemberSchema>;

export const ClueVerificationSchema = z.object({
  id: z.string(),
  clueId: z.string(),
  round: z.number(),
  plan: z.string(),
  measures: z.array(VerificationMeasureSchema),
  startedOn: z.string(),
  targetDue: z.string().nullable(),
  report: VerificationReportSchema.nullable(),
  proposal: VerificationProposalSchema.nullable(),
  reportedOn: z.string().nullable(),
  team: z.array(ClueTeamMemberSchema),
  /** Every active member signed the current report. */
  allSigned: z.boolean(),
  version: z.number(),
  abilities: z.object({ update: z.boolean(), manageTeam: z.boolean(), sign: z.boolean() }),
});
export type ClueVerification = z.infer<typeof ClueVerificationSchema>;

/** PATCH /api/v1/clue-verifications/:id — editing the report clears every signature. */
export const VerificationPatchBodySchema = z.object({
  version: Version,
  plan: text(10_000).optional(),
  measures: z.array(VerificationMeasureSchema).max(10, '初核措施不超过10项').optional(),
  targetDue: IsoDate.nullable().optional(),
  report: VerificationReportSchema.optional(),
});
export type VerificationPatchBody = z.infer<typeof VerificationPatchBodySchema>;

/** POST /api/v1/clue-verifications/:id/team */
export const TeamMemberBodySchema = z.object({ userId: Id, role: z.enum(['LEAD', 'MEMBER']).default('MEMBER') });
export type TeamMemberBody = z.infer<typeof TeamMemberBodySchema>;

export const TeamMemberParamsSchema = z.object({ id: Id, userId: Id });

// ---------------------------------------------------------------- 集体排查 meetings

export const ClueMeetingItemBodySchema = z.object({
  clueId: Id,
  /** With a method, an UNDER_ANALYSIS clue gets the proposal (`propose`) in the same transaction. */
  method: DispositionMethodSchema.nullish(),
  decision: text(2000, 1),
});

/** POST /api/v1/clue-meetings */
export const ClueMeetingCreateBodySchema = z.object({
  /** The organising department (defaults to the caller's org). */
  orgId: Id.optional(),
  title: text(200, 1),
  heldOn: IsoDate,
  place: text(200).optional(),
  chairUserId: Id.optional(),
  participantUserIds: z.array(Id).max(100, '参会人员不超过100人').default([]),
  participantsText: text(2000).default(''),
  minutes: text(20_000).default(''),
  /** The campaign whose joint analysis (综合分析研判) this screening meeting is. */
  campaignId: CampaignIdSchema.nullish(),
  items: z.array(ClueMeetingItemBodySchema).min(1, '请至少列入一条线索').max(200, '线索不超过200条'),
});
export type ClueMeetingCreateBody = z.input<typeof ClueMeetingCreateBodySchema>;

export const ClueMeetingItemSchema = z.object({
  clueId: z.string(),
  clueNo: z.string().nullable(),
  title: z.string(),
  subjectName: z.string(),
  state: ClueStateSchema,
  method: DispositionMethodSchema.nullable(),
  decision: z.string(),
});

export const ClueMeetingSummarySchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  heldOn: z.string(),
  place: z.string().nullable(),
  chair: ClueNamedRefSchema.nullable(),
  itemCount: z.number(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  version: z.number(),
});
export type ClueMeetingSummary = z.infer<typeof ClueMeetingSummarySchema>;

export const ClueMeetingSchema = ClueMeetingSummarySchema.extend({
  participants: z.array(ClueNamedRefSchema),
  participantsText: z.string(),
  minutes: z.string(),
  items: z.array(ClueMeetingItemSchema),
  createdBy: ClueNamedRefSchema.nullable(),
  createdAt: z.string(),
});
export type ClueMeeting = z.infer<typeof ClueMeetingSchema>;

export const ClueMeetingQuerySchema = z.object({
  year: Year.optional(),
  orgId: Id.optional(),
  /** Only the meetings of this campaign. */
  campaignId: Id.optional(),
  page: z.coerce.number('页码须为整数').int('页码须为整数').min(1).max(100_000).default(1),
  pageSize: z.coerce.number('每页条数须为整数').int('每页条数须为整数').min(1).max(100, '每页不超过100条').default(20),
});
export type ClueMeetingQuery = z.infer<typeof ClueMeetingQuerySchema>;

export const ClueMeetingListSchema = z.object({
  items: z.array(ClueMeetingSummarySchema),
  total: z.number(),
  abilities: z.object({ create: z.boolean() }),
});
export type ClueMeetingList = z.infer<typeof ClueMeetingListSchema>;

// ---------------------------------------------------------------- detail

export const ClueAbilitiesSchema = z.object({
  /** PATCH the intake fields. */
  update: z.boolean(),
  /** Direct actions the caller may take now. */
  actions: z.array(ClueDirectActionSchema),
  /** Approval requests the caller may file now (none while one is open). */
  requests: z.array(ClueRequestActionSchema),
  /** GET /clues/:id/complainant (信访室 only, real-name clues). */
  readComplainant: z.boolean(),
  /** Record 谈话函询 and 初核 details (the undertaking department). */
  editInquiry: z.boolean(),
  editVerification: z.boolean(),
});
export type ClueAbilities = z.infer<typeof ClueAbilitiesSchema>;

export const ClueDeadlinesSchema = z.object({
  proposeDue: z.string(),
  acknowledgeDue: z.string().nullable(),
  acknowledgedOn: z.string().nullable(),
  assignedCaseDue: z.string().nullable(),
  extensions: z.number(),
  inquiryReplyDue: z.string().nullable(),
  inquiryReportDue: z.string().nullable(),
  holdReviewDue: z.string().nullable(),
  feedbackDue: z.string().nullable(),
  feedbackOn: z.string().nullable(),
  /**
   * The deadline fields above (e.g. 'acknowledgeDue') that fall after the last year with a maintained
   * holiday arrangement: counted on plain weekends only, shown with 节假日安排未维护，按常规周末计算.
   */
  calendarUnconfirmed: z.array(z.string()),
});
export type ClueDeadlinesView = z.infer<typeof ClueDeadlinesSchema>;

export const ClueEventSchema = z.object({
  id: z.number(),
  action: z.string(),
  fromState: ClueStateSchema.nullable(),
  toState: ClueStateSchema.nullable(),
  comment: z.string().nullable(),
  actor: ClueNamedRefSchema.nullable(),
  at: z.string(),
});
export type ClueEvent = z.infer<typeof ClueEventSchema>;

export const ClueRefSchema = z.object({ id: z.string(), clueNo: z.string().nullable(), title: z.string(), subjectName: z.string(), state: ClueStateSchema });

/** GET /api/v1/clues/:id — never the complainant (see hasComplainant). */
export const ClueDetailSchema = ClueListItemSchema.extend({
  summary: z.string(),
  issueTypes: z.array(IssueTypeSchema),
  subjectPersonId: z.string().nullable(),
  cadreManagement: CadreManagementSchema,
  isSubordinateTopLeader: z.boolean(),
  receivingOrgId: z.string(),
  receivedBy: ClueNamedRefSchema.nullable(),
  registeredAt: z.string().nullable(),
  proposedUndertakingOrg: ClueNamedRefSchema.nullable(),
  proposedMethod: DispositionMethodSchema.nullable(),
  closedKind: ClosedKindSchema.nullable(),
  closedOn: z.string().nullable(),
  deadlines: ClueDeadlinesSchema,
  sourceRef: z.object({ type: z.string(), id: z.string() }).nullable(),
  mergedInto: ClueRefSchema.nullable(),
  mergeKind: MergeKindSchema.nullable(),
  mergedClues: z.array(ClueRefSchema.extend({ mergeKind: MergeKindSchema })),
  case: z.object({ id: z.string(), caseNo: z.string(), state: z.string() }).nullable(),
  /** A sealed complainant identity exists (readable by the 信访室 only). */
  hasComplainant: z.boolean(),
  requests: z.array(ClueRequestSchema),
  inquiries: z.array(ClueInquirySchema),
  verifications: z.array(ClueVerificationSchema),
  meetings: z.array(z.object({ id: z.string(), title: z.string(), heldOn: z.string(), method: DispositionMethodSchema.nullable(), decision: z.string() })),
  timeline: z.array(ClueEventSchema),
  /** Opened under 信息互通 grants (read-only; SUMMARY withholds the content). */
  shared: SharedAccessSchema,
  abilities: ClueAbilitiesSchema,
});
export type ClueDetail = z.infer<typeof ClueDetailSchema>;

// ---------------------------------------------------------------- related and overdue

export const RelatedReasonSchema = z.enum(['SAME_PERSON', 'SAME_NAME', 'SAME_ORG', 'SIMILAR_TEXT']);

/** GET /api/v1/clues/:id/related — only visible clues. */
export const RelatedCluesSchema = z.object({
  items: z.array(
    ClueRefSchema.extend({
      receivedOn: z.string(),
      subjectOrgName: z.string().nullable(),
      reasons: z.array(RelatedReasonSchema),
      score: z.number(),
    }),
  ),
});
export type RelatedClues = z.infer<typeof RelatedCluesSchema>;

export const ClueOverdueQuerySchema = z.object({
  kind: OverdueKindSchema.optional(),
  undertakingOrgId: Id.optional(),
});
export type ClueOverdueQuery = z.infer<typeof ClueOverdueQuerySchema>;

export const ClueOverdueItemSchema = z.object({
  clueId: z.string(),
  clueNo: z.string().nullable(),
  title: z.string(),
  subjectName: z.string(),
  state: ClueStateSchema,
  undertakingOrgName: z.string().nullable(),
  kind: OverdueKindSchema,
  dueOn: z.string(),
  /** Due today or past (false: due within 5 working days). */
  overdue: z.boolean(),
  /** The due day lies after the last maintained holiday year (counted on plain weekends only). */
  calendarUnconfirmed: z.boolean(),
});
export type ClueOverdueItem = z.infer<typeof ClueOverdueItemSchema>;

/** GET /api/v1/clues/overdue — counts and items per kind. */
export const ClueOverdueSchema = z.object({
  today: z.string(),
  /** The last day of the "due soon" window (today + 5 working days). */
  soonUntil: z.string(),
  /** The last year with a maintained holiday arrangement (null: none). */
  lastMaintainedYear: z.number().nullable(),
  counts: z.array(z.object({ kind: OverdueKindSchema, overdue: z.number(), dueSoon: z.number() })),
  items: z.array(ClueOverdueItemSchema),
});
export type ClueOverdue = z.infer<typeof ClueOverdueSchema>;

// ---------------------------------------------------------------- staff lookup

/** GET /api/v1/clue-staff — people who can be named on a 核查组 or at a screening meeting. */
export const ClueStaffQuerySchema = z.object({
  q: text(50).optional(),
  pageSize: z.coerce.number('每页条数须为整数').int('每页条数须为整数').min(1, '每页至少1条').max(100, '每页最多100条').default(50),
});
export const ClueStaffSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), orgId: z.string(), orgName: z.string() })),
});
export type ClueStaff = z.infer<typeof ClueStaffSchema>;
