import { z } from 'zod';
import { PageQuerySchema, QueryFlagSchema, text, VersionSchema } from '../platform/common';
import { ResponseStatusSchema, SelfLightSchema } from './enums';

/*
 * 自查自纠 contracts (issue 10): the checklist template of a campaign, its target units (imported from
 * Excel with their contact accounts), rounds sent to them, the units' answers and the 专班's review.
 */

const Id = z.uuid('编号格式不正确');
const DateSchema = z.iso.date('日期格式须为 YYYY-MM-DD');

/** One aspect of the checklist (校园餐: 资金使用, 招标采购 …). */
export const AspectInputSchema = z.object({
  /** Stable code of the aspect (upper-case letters, digits, _): the Excel column and the matrix key. */
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9_]{1,20}$/, '代码须为 1—20 位大写字母、数字或下划线'),
  title: text(60, 1),
  /** What the unit is asked to check under this aspect. */
  guidance: text(500).default(''),
});

/** PUT /campaigns/:id/self-inspection/template — the whole checklist; aspects in display order. */
export const TemplateBodySchema = z.object({
  /** The version read (omit when creating the template). */
  version: VersionSchema.optional(),
  title: text(100, 2),
  aspects: z.array(AspectInputSchema).min(1, '至少需要一个自查方面').max(30, '自查方面不超过30个'),
});
export type TemplateBody = z.infer<typeof TemplateBodySchema>;

export const AspectSchema = z.object({ id: z.string(), code: z.string(), title: z.string(), guidance: z.string(), order: z.number() });
export type Aspect = z.infer<typeof AspectSchema>;

export const RoundSchema = z.object({
  id: z.string(),
  seq: z.number(),
  title: z.string(),
  dueOn: z.string(),
  sentAt: z.string(),
  units: z.number(),
  /** Answers reported (submitted or accepted) / all answers of the round. */
  reported: z.number(),
  responses: z.number(),
});
export type Round = z.infer<typeof RoundSchema>;

/** GET /campaigns/:id/self-inspection — the campaign's checklist, rounds and what the caller may do. */
export const OverviewSchema = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  template: z.object({ id: z.string(), title: z.string(), version: z.number(), aspects: z.array(AspectSchema) }).nullable(),
  rounds: z.array(RoundSchema),
  targetUnits: z.number(),
  abilities: z.object({ manage: z.boolean(), review: z.boolean() }),
});
export type Overview = z.infer<typeof OverviewSchema>;

/** POST /campaigns/:id/self-inspection/rounds — send the checklist. */
export const RoundBodySchema = z.object({
  title: text(100, 2),
  dueOn: DateSchema,
  /** Target units to send to (default: every target unit of the campaign). */
  unitIds: z.array(Id).min(1, '至少选择一个自查单位').max(5000).optional(),
});
export type RoundBody = z.infer<typeof RoundBodySchema>;

export const TargetUnitSchema = z.object({
  orgId: z.string(),
  name: z.string(),
  /** 统一社会信用代码 of the unit, when recorded (by the import or the org register). */
  creditCode: z.string().nullable(),
  parentName: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  liaisons: z.array(z.object({ username: z.string(), displayName: z.string() })),
});
export const TargetUnitListSchema = z.object({ items: z.array(TargetUnitSchema) });
export type TargetUnit = z.infer<typeof TargetUnitSchema>;

/** POST /campaigns/:id/self-inspection/units — existing host units (e.g. the county education bureaus) as targets. */
export const UnitsAddBodySchema = z.object({ orgIds: z.array(Id).min(1, '至少选择一个单位').max(500, '一次不超过500个单位') });
export type UnitsAddBody = z.infer<typeof UnitsAddBodySchema>;

/** Query of the units import: dryRun (default true) only checks. */
export const UnitImportQuerySchema = z.object({ dryRun: QueryFlagSchema.default(true) });
export const UnitImportErrorSchema = z.object({ sheet: z.string(), row: z.number(), column: z.string(), message: z.string() });
export type UnitImportError = z.infer<typeof UnitImportErrorSchema>;
/** 200 of the import: the units and accounts created; the initial passwords only when written (shown once). */
export const UnitImportResultSchema = z.object({
  ok: z.literal(true),
  dryRun: z.boolean(),
  unitsCreated: z.number(),
  unitsReused: z.number(),
  accountsCreated: z.number(),
  accounts: z.array(z.object({ row: z.number(), unitName: z.string(), username: z.string(), initialPassword: z.string().nullable() })),
});
export type UnitImportResult = z.infer<typeof UnitImportResultSchema>;

export const MatrixQuerySchema = PageQuerySchema.extend({
  /** The round (default: the latest). */
  roundId: Id.optional(),
  /** Only units with at least one cell of this light. */
  light: SelfLightSchema.optional(),
});
export type MatrixQuery = z.infer<typeof MatrixQuerySchema>;

export const MatrixCellSchema = z.object({
  responseId: z.string(),
  aspectId: z.string(),
  status: ResponseStatusSchema,
  light: SelfLightSchema,
  problemsCount: z.number(),
  correctedCount: z.number(),
});
export const MatrixRowSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  cells: z.array(MatrixCellSchema),
  problems: z.number(),
  corrected: z.number(),
});
export type MatrixRow = z.infer<typeof MatrixRowSchema>;
const LightCounts = z.object({ GREEN: z.number(), BLUE: z.number(), YELLOW: z.number(), RED: z.number(), GREY: z.number() });
/** GET /campaigns/:id/self-inspection/matrix — units × aspects of one round, with lights and counts. */
export const MatrixSchema = z.object({
  round: RoundSchema.nullable(),
  aspects: z.array(AspectSchema),
  /** Cells per light over the whole round (not just this page). */
  counts: LightCounts,
  total: z.number(),
  items: z.array(MatrixRowSchema),
});
export type Matrix = z.infer<typeof MatrixSchema>;

/** One answer with its aspect, round and what the caller may do with it. */
export const ResponseSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  roundId: z.string(),
  roundTitle: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  aspect: AspectSchema,
  dueOn: z.string(),
  status: ResponseStatusSchema,
  light: SelfLightSchema,
  problemsText: z.string(),
  problemsCount: z.number(),
  correctedCount: z.number(),
  correctedText: z.string(),
  plan: z.string(),
  evidence: z.array(z.object({ id: z.string(), filename: z.string() })),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewComment: z.string().nullable(),
  overdueMarkedAt: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ answer: z.boolean(), submit: z.boolean(), review: z.boolean() }),
});
export type SelfResponse = z.infer<typeof ResponseSchema>;
export const ResponseListSchema = z.object({ items: z.array(ResponseSchema) });
export type ResponseList = z.infer<typeof ResponseListSchema>;

export const ResponseListQuerySchema = z.object({ roundId: Id, unitId: Id.optional() });

/** PUT /self-inspection/responses/:id — the unit's answer (saved as a draft). */
export const AnswerBodySchema = z
  .object({
    version: VersionSchema,
    /** 发现问题 */
    problemsText: text(4000).default(''),
    problemsCount: z.number('问题数须为整数').int('问题数须为整数').min(0, '问题数不能为负').max(100000),
    /** 立行立改 */
    correctedCount: z.number('整改数须为整数').int('整改数须为整数').min(0, '整改数不能为负').max(100000),
    correctedText: text(4000).default(''),
    /** 整改计划 for what is not corrected yet. */
    plan: text(4000).default(''),
    /** Files uploaded to this answer (owner type self_inspection_response). */
    evidenceIds: z.array(Id).max(20, '佐证材料不超过20个').default([]),
  })
  .refine((b) => b.correctedCount <= b.problemsCount, { path: ['correctedCount'], message: '已整改数不能大于发现问题数' });
export type AnswerBody = z.infer<typeof AnswerBodySchema>;

/** POST /self-inspection/responses/:id/actions — submit (unit), return (comment required) or accept (专班). */
export const ResponseActionBodySchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('submit'), version: VersionSchema }),
    z.object({ action: z.literal('return'), version: VersionSchema, comment: text(1000, 1) }),
    z.object({ action: z.literal('accept'), version: VersionSchema, comment: text(1000).optional() }),
  ],
  '操作须为 submit、return 或 accept',
);
export type ResponseActionBody = z.infer<typeof ResponseActionBodySchema>;

/** GET /portal/self-inspection — the unit contact's rounds. */
export const PortalRoundSchema = RoundSchema.extend({
  campaignId: z.string(),
  campaignName: z.string(),
  unitName: z.string(),
  toAnswer: z.number(),
  returned: z.number(),
  overdue: z.boolean(),
});
export const PortalRoundListSchema = z.object({ items: z.array(PortalRoundSchema) });
export type PortalRound = z.infer<typeof PortalRoundSchema>;

/** KPIs of a campaign's self-inspection (the cockpit): computed from the answers, never typed in. */
export const SelfInspectionKpisSchema = z.object({
  targetUnits: z.number(),
  respondedUnits: z.number(),
  /** respondedUnits / targetUnits (0 when no unit). */
  coverage: z.number(),
  problemsFound: z.number(),
  problemsCorrected: z.number(),
  overdueUnits: z.number(),
});
export type SelfInspectionKpis = z.infer<typeof SelfInspectionKpisSchema>;

export const RoundParamsSchema = z.object({ id: Id, roundId: Id });
