import { z } from 'zod';
import { PageQuerySchema, QueryFlagSchema, text, VersionSchema } from '../platform/common';
import { BulletinScheduleSchema, CampaignDomainSchema, CampaignStateSchema, ParticipantKindSchema, PlanApprovalSchema } from './enums';
import { CampaignActionSchema } from './machine';

/*
 * Contracts of the 专项整治 register (domain.md b.5, c.4): the ledger, the detail with its participants
 * (分工), plan approval and timeline, create / PATCH while PLANNED, participants, and the machine's actions.
 * Dates are ISO calendar dates (YYYY-MM-DD). Other modules' pickers read `GET /api/v1/campaigns?pageSize=100`
 * and rely on the summary's fields.
 */

const Id = z.uuid('编号格式不正确');
const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
const Year = z.coerce.number('年度须为整数').int('年度须为整数').min(2000, '年度不早于2000').max(2100, '年度不晚于2100');

/** `{ id, name }` reference to a user or an org. */
export const CampaignRefSchema = z.object({ id: z.string(), name: z.string() });

/** One row of the register (and of every campaign picker). */
export const CampaignSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  domain: CampaignDomainSchema,
  state: CampaignStateSchema,
  leadOrgId: z.string(),
  leadOrgName: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  participantCount: z.number(),
  planApproval: PlanApprovalSchema.nullable(),
  version: z.number(),
});
export type CampaignSummary = z.infer<typeof CampaignSummarySchema>;

/** GET /api/v1/campaigns and /api/v1/campaigns/export.xlsx */
export const CampaignQuerySchema = PageQuerySchema.extend({
  pageSize: z.coerce.number('每页条数须为整数').int('每页条数须为整数').min(1).max(100, '每页不超过100条').default(20),
  year: Year.optional(),
  domain: CampaignDomainSchema.optional(),
  state: CampaignStateSchema.optional(),
  q: text(100).optional(),
  /** Only the campaigns this org leads (牵头). */
  leadOrgId: z.uuid('牵头部门编号格式不正确').optional(),
  /** Only the campaigns under way (动员部署 … 巩固提升: CAMPAIGN_ACTIVE_STATES of the cockpit). */
  active: QueryFlagSchema.optional(),
});
export type CampaignQuery = z.infer<typeof CampaignQuerySchema>;

export const CampaignPageSchema = z.object({
  items: z.array(CampaignSummarySchema),
  total: z.number(),
  abilities: z.object({ create: z.boolean() }),
});
export type CampaignPage = z.infer<typeof CampaignPageSchema>;

/** A participating org with what it does (分工). */
export const CampaignParticipantSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  kind: ParticipantKindSchema,
  division: z.string(),
});
export type CampaignParticipant = z.infer<typeof CampaignParticipantSchema>;

/** A timeline row (campaign_event). */
export const CampaignEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  fromState: CampaignStateSchema.nullable(),
  toState: CampaignStateSchema.nullable(),
  comment: z.string().nullable(),
  actor: CampaignRefSchema.nullable(),
  at: z.string(),
});
export type CampaignEvent = z.infer<typeof CampaignEventSchema>;

export const CampaignAbilitiesSchema = z.object({
  /** The machine's actions the caller may take now. */
  actions: z.array(CampaignActionSchema),
  /** PATCH the register fields (lead office staff or the approver, while PLANNED). */
  update: z.boolean(),
  /** Add, change or remove participants and their 分工 (lead office staff, before the campaign ends). */
  manageParticipants: z.boolean(),
  /** Attach basis documents (lead office staff, before the campaign ends). */
  attach: z.boolean(),
});
export type CampaignAbilities = z.infer<typeof CampaignAbilitiesSchema>;

export const CampaignDetailSchema = CampaignSummarySchema.extend({
  /** The problems (行业性系统性问题) the campaign was converted from — only those the reader may open. */
  sourceProblems: z.array(CampaignRefSchema),
  goal: z.string(),
  plan: z.string(),
  planApprovedBy: CampaignRefSchema.nullable(),
  planApprovedOn: z.string().nullable(),
  planDecisionRef: z.string().nullable(),
  bulletinSchedule: BulletinScheduleSchema,
  createdBy: CampaignRefSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  participants: z.array(CampaignParticipantSchema),
  /** The campaign's 专班 when one is formed (name and its active co-leaders). */
  taskForce: z.object({ id: z.string(), name: z.string(), coLeaders: z.array(CampaignRefSchema) }).nullable(),
  events: z.array(CampaignEventSchema),
  abilities: CampaignAbilitiesSchema,
});
export type CampaignDetail = z.infer<typeof CampaignDetailSchema>;

const Name = text(100, 2);
const Goal = text(5000);
const Plan = text(20000);
const Division = text(500);

export const ParticipantInputSchema = z.object({ orgId: Id, kind: ParticipantKindSchema, division: Division.default('') });
export type ParticipantInput = z.infer<typeof ParticipantInputSchema>;

/** POST /api/v1/campaigns — the lead office defaults to the commission's 党风政风监督室. */
export const CampaignCreateBodySchema = z.object({
  name: Name,
  domain: CampaignDomainSchema,
  year: z.number('年度须为整数').int('年度须为整数').min(2000, '年度不早于2000').max(2100, '年度不晚于2100'),
  goal: Goal.default(''),
  plan: Plan.default(''),
  leadOrgId: Id.optional(),
  startsOn: IsoDate.nullable().optional(),
  endsOn: IsoDate.nullable().optional(),
  bulletinSchedule: BulletinScheduleSchema.default('MONTHLY'),
  participants: z.array(ParticipantInputSchema).max(200, '参与单位不超过200个').default([]),
});
export type CampaignCreateBody = z.input<typeof CampaignCreateBodySchema>;

/** PATCH /api/v1/campaigns/:id — only while PLANNED; only the fields sent change. */
export const CampaignPatchBodySchema = z.object({
  version: VersionSchema,
  name: Name.optional(),
  domain: CampaignDomainSchema.optional(),
  year: z.number('年度须为整数').int('年度须为整数').min(2000, '年度不早于2000').max(2100, '年度不晚于2100').optional(),
  goal: Goal.optional(),
  plan: Plan.optional(),
  startsOn: IsoDate.nullable().optional(),
  endsOn: IsoDate.nullable().optional(),
  bulletinSchedule: BulletinScheduleSchema.optional(),
});
export type CampaignPatchBody = z.infer<typeof CampaignPatchBodySchema>;

/** PUT /api/v1/campaigns/:id/participants/:orgId — add a participant or change its kind / 分工. */
export const ParticipantPutBodySchema = z.object({ version: VersionSchema, kind: ParticipantKindSchema, division: Division.default('') });
export type ParticipantPutBody = z.input<typeof ParticipantPutBodySchema>;

export const CampaignOrgParamsSchema = z.object({ id: Id, orgId: Id });
export const VersionQuerySchema = z.object({ version: z.coerce.number('版本号须为整数').int('版本号须为整数').min(1, '版本号须为正整数') });

const Comment = text(2000).optional();
const plain = <A extends string>(action: A) => z.object({ action: z.literal(action), version: VersionSchema, comment: Comment });

/** POST /api/v1/campaigns/:id/actions — one member per action of CAMPAIGN_MACHINE. */
export const CampaignActionBodySchema = z.discriminatedUnion(
  'action',
  [
    z.object({
      action: z.literal('approvePlan'),
      version: VersionSchema,
      comment: Comment,
      planApproval: PlanApprovalSchema,
      /** 常委会 decision reference (required for STANDING_COMMITTEE), e.g. 市纪委常委会2026年第5次会议. */
      planDecisionRef: text(200).optional(),
      /** Defaults to today. */
      approvedOn: IsoDate.optional(),
    }),
    plain('launch'),
    plain('startSelfInspection'),
    plain('startChecking'),
    plain('startHandling'),
    plain('startConsolidating'),
    plain('evaluate'),
    plain('close'),
    plain('normalise'),
  ],
  '未知的操作',
);
export type CampaignActionBody = z.infer<typeof CampaignActionBodySchema>;
