import { z } from 'zod';
import { CadreManagementSchema } from '../org/enums';
import { ExactTotalQuerySchema, LedgerTotalSchema, text } from '../platform/common';
import {
  ClosedKindSchema,
  ClueSourceSchema,
  DispositionMethodSchema,
  FirstFormMeasureSchema,
  InquiryFormSchema,
  IssueTypeSchema,
  MergeKindSchema,
  OverdueKindSchema,
  VerificationMeasureSchema,
} from './enums';
import { ClueActionSchema, ClueStateSchema } from './machine';
import { CAMPAIGN_LINK_REQUIRED, CampaignIdSchema } from '../campaigns/links';
import { TypologyCodeSchema, TypologySchema } from './typology';
import { SectorCodeSchema } from '../problems/dictionaries';

/*
 * Contracts of 问题线索 (domain.md b.4, c.1; docs/clues-cases-api.md "Clues"): intake, the ledger, the
 * detail with its abilities, actions and approval requests, 谈话函询, 初步核实 with the 核查组, 集体排查
 * meetings, the overdue board and related-clue suggestions. Dates are ISO calendar dates (YYYY-MM-DD).
 * No answer schema here has any complainant field except ComplainantSchema (GET /clues/:id/complainant).
 */

export const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
export const Id = z.uuid('编号格式不正确');
export const Version = z.number('请提供版本号').int('版本号须为整数').min(1, '版本号须为正整数').max(2_147_483_647);
export const Year = z.coerce.number('年度须为整数').int('年度须为整数').min(2000, '年度不早于2000').max(2100, '年度不晚于2100');
export const Comment = text(2000);

/** A query parameter that may be given once (`?state=A`) or repeated (`?state=A&state=B`). */
export function oneOrMany<T extends z.ZodType>(item: T) {
  return z.union([item, z.array(item).max(30, '不超过30项')]);
}

export const ClueNamedRefSchema = z.object({ id: z.string(), name: z.string() });
export type ClueNamedRef = z.infer<typeof ClueNamedRefSchema>;

/** The approver kinds of approvalChain(). */
export const ApproverSchema = z.enum(['OVERSEEING_LEADER', 'PRINCIPAL_LEADER', 'PARTY_COMMITTEE_SECRETARY', 'UPPER_COMMISSION']);

/** Actions done directly through POST /clues/:id/actions (no approval chain). */
export const ClueDirectActionSchema = z.enum(['register', 'accept', 'propose', 'reportTalkInquiry', 'reportPrelim', 'merge', 'acknowledge', 'feedback']);
export type ClueDirectAction = z.infer<typeof ClueDirectActionSchema>;

/** Actions asked for through POST /clues/:id/requests (they need approvalChain()). */
export const ClueRequestActionSchema = z.enum([
  'assign',
  'transferOut',
  'approveTalkInquiry',
  'approvePrelim',
  'approveHold',
  'approveClose',
  'repeatTalkInquiry',
  'closeFirstForm',
  'findFalseAccusation',
  'proposeCase',
  'transferToPartyOrg',
  'fileCase',
  'reopen',
]);
export type ClueRequestAction = z.infer<typeof ClueRequestActionSchema>;

// ---------------------------------------------------------------- complainant (信访室 only)

/** 举报人 identity: sealed with SM4 at rest; answered only by GET /clues/:id/complainant. */
export const ComplainantSchema = z.object({
  name: text(50, 1),
  idNumber: text(30).optional(),
  phone: text(30).optional(),
  address: text(200).optional(),
  /** 与被反映人关系 */
  relation: text(100).optional(),
});
export type Complainant = z.infer<typeof ComplainantSchema>;

// ---------------------------------------------------------------- intake

const IntakeFields = {
  source: ClueSourceSchema,
  receivedOn: IsoDate,
  title: text(200, 1),
  summary: text(10_000, 1),
  issueTypes: z.array(IssueTypeSchema).max(10, '问题类别不超过10项'),
  subjectName: text(50, 1),
  subjectPersonId: Id.nullish(),
  subjectOrgId: Id.nullish(),
  subjectPosition: text(100).nullish(),
  cadreManagement: CadreManagementSchema,
  isSubordinateTopLeader: z.boolean('请选择是否为下一级党委（党组）主要负责人'),
  /** 建议承办部门 (optional; the 案管室 decides at 分办). */
  proposedUndertakingOrgId: Id.nullish(),
  /** 所属专项整治: required when the source is CAMPAIGN_SCREENING, allowed for any source. */
  campaignId: CampaignIdSchema.nullish(),
  /** 典型问题类型 (codes of the CLUE_TYPOLOGY dictionary), mostly set in campaign screening. */
  typology: TypologySchema.optional(),
  /** 行业领域 (a code of the SECTOR dictionary). */
  sector: SectorCodeSchema.nullish(),
};

/** POST /api/v1/clues — intake (受理). `complainant` is required exactly when realName. */
export const ClueCreateBodySchema = z
  .object({
    ...IntakeFields,
    realName: z.boolean('请选择是否实名'),
    complainant: ComplainantSchema.optional(),
    sourceRef: z.object({ type: text(40, 1), id: Id }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.realName && !v.complainant) ctx.addIssue({ code: 'custom', path: ['complainant'], message: '实名举报须填写举报人信息' });
    if (!v.realName && v.complainant) ctx.addIssue({ code: 'custom', path: ['complainant'], message: '匿名举报不登记举报人信息' });
    if (v.source === 'CAMPAIGN_SCREENING' && !v.campaignId) ctx.addIssue({ code: 'custom', path: ['campaignId'], message: CAMPAIGN_LINK_REQUIRED });
  });
export type ClueCreateBody = z.infer<typeof ClueCreateBodySchema>;

/** PATCH /api/v1/clues/:id — only the fields sent change (while RECEIVED or REGISTERED). */
export const CluePatchBodySchema = z.object({
  version: Version,
  source: ClueSourceSchema.optional(),
  receivedOn: IsoDate.optional(),
  title: text(200, 1).optional(),
  summary: text(10_000, 1).optional(),
  issueTypes: z.array(IssueTypeSchema).max(10, '问题类别不超过10项').optional(),
  subjectName: text(50, 1).optional(),
  subjectPersonId: Id.nullable().optional(),
  subjectOrgId: Id.nullable().optional(),
  subjectPosition: text(100).nullable().optional(),
  cadreManagement: CadreManagementSchema.optional(),
  isSubordinateTopLeader: z.boolean().optional(),
  proposedUndertakingOrgId: Id.nullable().optional(),
  /** null unlinks (refused while the source is CAMPAIGN_SCREENING). */
  campaignId: CampaignIdSchema.nullable().optional(),
  typology: TypologySchema.optional(),
  /** 行业领域 (null clears it). */
  sector: SectorCodeSchema.nullable().optional(),
});
export type CluePatchBody = z.infer<typeof CluePatchBodySchema>;

/** POST /api/v1/supervision/findings/:id/hand-over — a finding (disposition CLUE) becomes a clue. */
export const HandOverBodySchema = z.object({
  title: text(200, 1).optional(),
  subjectName: text(50, 1),
  subjectPersonId: Id.nullish(),
  subjectPosition: text(100).nullish(),
  issueTypes: z.array(IssueTypeSchema).max(10, '问题类别不超过10项').optional(),
  cadreManagement: CadreManagementSchema.optional(),
  isSubordinateTopLeader: z.boolean().optional(),
});
export type HandOverBody = z.infer<typeof HandOverBodySchema>;

export const ClueCreatedSchema = z.object({ id: z.string(), version: z.number() });
export type ClueCreated = z.infer<typeof ClueCreatedSchema>;

// ---------------------------------------------------------------- ledger

export const ClueSortSchema = z.enum(['receivedOn', '-receivedOn', 'proposeDue', '-proposeDue', 'clueNo', '-clueNo']);

/** GET /api/v1/clues and /api/v1/clues/export.xlsx */
export const ClueQuerySchema = z.object({
  q: text(100).optional(),
  state: oneOrMany(ClueStateSchema).optional(),
  source: oneOrMany(ClueSourceSchema).optional(),
  undertakingOrgId: Id.optional(),
  overdue: OverdueKindSchema.optional(),
  year: Year.optional(),
  receivedFrom: IsoDate.optional(),
  receivedTo: IsoDate.optional(),
  /** Only clues linked to this campaign. */
  campaignId: Id.optional(),
  /** Only clues tagged with one of these typology codes. */
  typology: oneOrMany(TypologyCodeSchema).optional(),
  /** Only clues of this 行业领域. */
  sector: SectorCodeSchema.optional(),
  page: z.coerce.number('页码须为整数').int('页码须为整数').min(1).max(100_000).default(1),
  pageSize: z.coerce.number('每页条数须为整数').int('每页条数须为整数').min(1).max(100, '每页不超过100条').default(20),
  sort: ClueSortSchema.default('-receivedOn'),
  /** Count every row instead of stopping at the cap (issue 12). */
  exactTotal: ExactTotalQuerySchema.shape.exactTotal,
});
export type ClueQuery = z.infer<typeof ClueQuerySchema>;

export const ClueListItemSchema = z.object({
  id: z.string(),
  clueNo: z.string().nullable(),
  year: z.number(),
  title: z.string(),
  subjectName: z.string(),
  subjectPosition: z.string().nullable(),
  subjectOrgId: z.string().nullable(),
  subjectOrgName: z.string().nullable(),
  source: ClueSourceSchema,
  state: ClueStateSchema,
  receivingOrgName: z.string(),
  undertakingOrgId: z.string().nullable(),
  undertakingOrgName: z.string().nullable(),
  receivedOn: z.string(),
  proposeDue: z.string(),
  /** The overdue kinds (due today or past) of this clue. */
  flags: z.array(OverdueKindSchema),
  realName: z.boolean(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  typology: z.array(z.string()),
  /** 行业领域: its code and label (null when not set). */
  sector: z.string().nullable(),
  sectorLabel: z.string().nullable(),
  version: z.number(),
});
export type ClueListItem = z.infer<typeof ClueListItemSchema>;

export const ClueListSchema = z.object({
  items: z.array(ClueListItemSchema),
  abilities: z.object({ create: z.boolean(), export: z.boolean() }),
  ...LedgerTotalSchema.shape,
});
export type ClueList = z.infer<typeof ClueListSchema>;

// ---------------------------------------------------------------- requests and approvals

export const AssignPayloadSchema = z.object({ undertakingOrgId: Id });
export const TransferOutPayloadSchema = z.object({ receiver: text(200, 1) });
export const TalkInquiryPayloadSchema = z.object({ form: InquiryFormSchema });
export const PrelimPayloadSchema = z.object({
  plan: text(10_000, 1),
  measures: z.array(VerificationMeasureSchema).max(10, '初核措施不超过10项'),
  teamUserIds: z.array(Id).min(1, '请选择核查组成员').max(30, '核查组不超过30人'),
  leadUserId: Id,
  targetDue: IsoDate.optional(),
});
export const HoldPayloadSchema = z.object({ reviewDue: IsoDate });
export const ClosePayloadSchema = z.object({ closedKind: ClosedKindSchema });
export const RepeatInquiryPayloadSchema = z.object({ form: InquiryFormSchema.optional() });
export const FirstFormPayloadSchema = z.object({ measure: FirstFormMeasureSchema });
export const PartyOrgPayloadSchema = z.object({ partyOrgName: text(200).optional() });
export const ReopenPayloadSchema = z.object({ newEvidence: text(5000, 1) });
const EmptyPayload = z.object({}).optional();

const requestVariant = <A extends ClueRequestAction, P extends z.ZodType>(action: A, payload: P) =>
  z.object({ action: z.literal(action), version: Version, rationale: text(5000, 1), payload });

/** POST /api/v1/clues/:id/requests — ask for an action that needs the approval chain. */
export const ClueRequestBodySchema = z.discriminatedUnion('action', [
  requestVariant('assign', AssignPayloadSchema),
  requestVariant('transferOut', TransferOutPayloadSchema),
  requestVariant('approveTalkInquiry', TalkInquiryPayloadSchema),
  requestVariant('approvePrelim', PrelimPayloadSchema),
  requestVariant('approveHold', HoldPayloadSchema),
  requestVariant('approveClose', ClosePayloadSchema),
  requestVariant('repeatTalkInquiry', RepeatInquiryPayloadSchema.optional()),
  requestVariant('closeFirstForm', FirstFormPayloadSchema),
  requestVariant('findFalseAccusation', EmptyPayload),
  requestVariant('proposeCase', EmptyPayload),
  requestVariant('transferToPartyOrg', PartyOrgPayloadSchema.optional()),
  requestVariant('fileCase', EmptyPayload),
  requestVariant('reopen', ReopenPayloadSchema),
]);
export type ClueRequestBody = z.infer<typeof ClueRequestBodySchema>;

export const ClueApprovalSchema = z.object({
  step: z.number(),
  approverKind: ApproverSchema,
  decision: z.enum(['APPROVED', 'REJECTED']),
  comment: z.string(),
  decidedBy: ClueNamedRefSchema,
  decidedAt: z.string(),
});
export type ClueApproval = z.infer<typeof ClueApprovalSchema>;

export const ClueRequestSchema = z.object({
  id: z.string(),
  clueId: z.string(),
  clueNo: z.string().nullable(),
  clueTitle: z.string(),
  subjectName: z.string(),
  action: ClueActionSchema,
  payload: z.record(z.string(), z.unknown()),
  rationale: z.string(),
  chain: z.array(ApproverSchema),
  nextStep: z.number(),
  /** The approver kind of the next step (null once decided). */
  nextApprover: ApproverSchema.nullable(),
  status: z.enum(['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN']),
  requestedBy: ClueNamedRefSchema.nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  approvals: z.array(ClueApprovalSchema),
  version: z.number(),
  /** The caller may decide the next step now. */
  canDecide: z.boolean(),
});
export type ClueRequest = z.infer<typeof ClueRequestSchema>;

/** GET /api/v1/clue-requests */
export const ClueRequestQuerySchema = z.object({
  mine: z.enum(['true', 'false', '1', '0'], '取值须为 true 或 false').optional(),
  status: z.enum(['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN']).default('PENDING'),
  page: z.coerce.number('页码须为整数').int('页码须为整数').min(1).max(100_000).default(1),
  pageSize: z.coerce.number('每页条数须为整数').int('每页条数须为整数').min(1).max(100, '每页不超过100条').default(20),
});
export type ClueRequestQuery = z.infer<typeof ClueRequestQuerySchema>;

export const ClueRequestListSchema = z.object({ items: z.array(ClueRequestSchema), total: z.number() });
export type ClueRequestList = z.infer<typeof ClueRequestListSchema>;

/** POST /api/v1/clue-requests/:id/decisions */
export const ClueDecisionBodySchema = z.object({
  decision: z.enum(['APPROVED', 'REJECTED']),
  comment: Comment.default(''),
  version: Version,
});
export type ClueDecisionBody = z.infer<typeof ClueDecisionBodySchema>;

// ---------------------------------------------------------------- direct actions

const actionVariant = <A extends ClueDirectAction, S extends z.ZodRawShape>(action: A, extra: S) =>
  z.object({ action: z.literal(action), version: Version, comment: Comment.optional(), ...extra });

/** POST /api/v1/clues/:id/actions */
export const ClueActionBodySchema = z.discriminatedUnion('action', [
  actionVariant('register', {}),
  actionVariant('accept', {}),
  actionVariant('propose', { method: DispositionMethodSchema, rationale: text(5000, 1) }),
  actionVariant('reportTalkInquiry', {}),
  actionVariant('reportPrelim', {}),
  actionVariant('merge', { targetId: Id, kind: MergeKindSchema }),
  /** 受理告知 recorded by the 信访室 (defaults to today). */
  actionVariant('acknowledge', { on: IsoDate.optional() }),
  /** 结果反馈 recorded by the 信访室 (defaults to today). */
  actionVariant('feedback', { on: IsoDate.optional() }),
]);
export type ClueActionBody = z.infer<typeof ClueActionBodySchema>;
