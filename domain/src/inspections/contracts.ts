import { z } from 'zod';
import { SharedAccessSchema } from '../shares/contracts';
import { IssueTypeSchema } from '../clues/enums';
import { text, VersionSchema } from '../platform/common';
import { EscalationAccountabilitySchema } from '../reform/contracts-accountability';
import { FindingDispositionSchema, HandedOverTypeSchema, InspectionStateSchema, InspectionTypeSchema, SeveritySchema, TeamRoleSchema } from './enums';
import { InspectionActionSchema } from './machine';

/*
 * Contracts of 联合抽查 / 明察暗访 (domain.md b.5): plan, actions, findings and their hand-over, KPIs.
 * A check is secret until its visit date: every answer below is only ever built from rows the caller sees.
 */

const Id = z.uuid('编号格式不正确');
const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
const Ref = z.object({ id: z.string(), name: z.string() });

/** POST /api/v1/campaigns/:id/inspections — 制定检查计划. */
export const InspectionPlanBodySchema = z.object({
  type: InspectionTypeSchema,
  title: text(200, 2),
  /** 计划检查日期 (today or later): until then only the team and the approvers see the check. */
  visitOn: IsoDate,
  /** 检查组: active accounts of the commission, exactly one 组长. */
  team: z
    .array(z.object({ userId: Id, role: TeamRoleSchema }))
    .min(1, '请选择检查组成员')
    .max(30, '检查组不超过30人'),
  /** 被检查单位: HOST_UNIT orgs. */
  targetOrgIds: z.array(Id).min(1, '请选择被检查单位').max(50, '被检查单位不超过50个'),
});
export type InspectionPlanBody = z.infer<typeof InspectionPlanBodySchema>;

/** POST /api/v1/inspections/:id/actions — one body per action. */
export const InspectionActionBodySchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('approve'), version: VersionSchema, comment: text(2000).optional() }),
    /** 检查报告: what the team saw, required. */
    z.object({ action: z.literal('complete'), version: VersionSchema, report: text(20_000, 2), comment: text(2000).optional() }),
    z.object({ action: z.literal('cancel'), version: VersionSchema, comment: text(2000, 1) }),
  ],
  { error: '操作类型不正确' },
);
export type InspectionActionBody = z.infer<typeof InspectionActionBodySchema>;

export const TeamMemberSchema = z.object({ userId: z.string(), name: z.string(), orgName: z.string(), role: TeamRoleSchema });

export const InspectionSummarySchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  type: InspectionTypeSchema,
  title: z.string(),
  visitOn: z.string(),
  state: InspectionStateSchema,
  approved: z.boolean(),
  targets: z.array(Ref),
  findings: z.number(),
  version: z.number(),
});
export type InspectionSummary = z.infer<typeof InspectionSummarySchema>;

export const InspectionListSchema = z.object({
  items: z.array(InspectionSummarySchema),
  total: z.number(),
  /** May the caller plan a check in this campaign (lead office staff, 专班 co-leaders)? */
  abilities: z.object({ plan: z.boolean() }),
});

export const FindingSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  description: z.string(),
  severity: SeveritySchema,
  unit: Ref,
  disposition: FindingDispositionSchema,
  /** What the finding became, once handed over (the id only; the object has its own visibility). */
  handedOver: z.object({ type: HandedOverTypeSchema, id: z.string(), at: z.string() }).nullable(),
  photos: z.array(z.object({ id: z.string(), filename: z.string(), mimeType: z.string(), sizeBytes: z.number() })),
  createdBy: Ref,
  createdAt: z.string(),
  version: z.number(),
  abilities: z.object({ update: z.boolean(), handOver: z.boolean() }),
});
export type Finding = z.infer<typeof FindingSchema>;

export const InspectionDetailSchema = InspectionSummarySchema.extend({
  campaignName: z.string(),
  approvedBy: Ref.nullable(),
  approvedAt: z.string().nullable(),
  report: z.string().nullable(),
  doneOn: z.string().nullable(),
  cancelReason: z.string().nullable(),
  team: z.array(TeamMemberSchema),
  createdBy: Ref,
  createdAt: z.string(),
  findingList: z.array(FindingSchema),
  events: z.array(
    z.object({ action: z.string(), toState: z.string().nullable(), comment: z.string().nullable(), actor: z.string().nullable(), at: z.string() }),
  ),
  /** Opened under a 信息互通 grant (日常监督; read-only; SUMMARY withholds the report, team, findings and timeline). */
  shared: SharedAccessSchema,
  abilities: z.object({ actions: z.array(InspectionActionSchema), addFinding: z.boolean() }),
});
export type InspectionDetail = z.infer<typeof InspectionDetailSchema>;

/** POST /api/v1/inspections/:id/findings */
export const FindingCreateBodySchema = z.object({
  description: text(2000, 2),
  severity: SeveritySchema,
  /** 问题所在单位: one of the check's target units. */
  unitOrgId: Id,
  disposition: FindingDispositionSchema.default('NONE'),
});
export type FindingCreateBody = z.infer<typeof FindingCreateBodySchema>;

/** PATCH /api/v1/inspection-findings/:id — only while not handed over. */
export const FindingPatchBodySchema = z.object({
  version: VersionSchema,
  description: text(2000, 2).optional(),
  severity: SeveritySchema.optional(),
  unitOrgId: Id.optional(),
  disposition: FindingDispositionSchema.optional(),
});
export type FindingPatchBody = z.infer<typeof FindingPatchBodySchema>;

/** POST /api/v1/inspection-findings/:id/hand-over — one step, once (a second answers 409). */
export const FindingHandOverBodySchema = z.discriminatedUnion(
  'to',
  [
    z.object({
      to: z.literal('clue'),
      version: VersionSchema,
      /** 发现于监督检查 (default) or 专项整治排查. */
      source: z.enum(['FOUND_IN_SUPERVISION', 'CAMPAIGN_SCREENING'], '线索来源不正确').default('FOUND_IN_SUPERVISION'),
      /** 被反映人 (defaults to the finding's unit). */
      subjectName: text(50, 1).optional(),
      title: text(200, 2).optional(),
      issueTypes: z.array(IssueTypeSchema).max(10, '问题类别不超过10项').optional(),
    }),
    z.object({
      to: z.literal('rectification_task'),
      version: VersionSchema,
      deadline: IsoDate,
      requiredOutcome: text(5000).optional(),
      responsiblePerson: text(100).optional(),
    }),
    z.object({ to: z.literal('accountability'), version: VersionSchema, accountability: EscalationAccountabilitySchema }),
  ],
  { error: '移交去向不正确' },
);
export type FindingHandOverBody = z.infer<typeof FindingHandOverBodySchema>;

export const FindingHandOverResultSchema = z.object({ type: HandedOverTypeSchema, id: z.string(), finding: FindingSchema });

/** 检查工作指标: computed from checks whose visit date has passed only, so no figure betrays a secret plan. */
export const InspectionKpisSchema = z.object({
  checks: z.number(),
  unannouncedVisits: z.number(),
  unitsInspected: z.number(),
  findings: z.number(),
  findingsHandedOver: z.number(),
});
export type InspectionKpis = z.infer<typeof InspectionKpisSchema>;

export const CampaignIdParamsSchema = z.object({ id: z.uuid('编号格式不正确') });
