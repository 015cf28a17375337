import { z } from 'zod';
import { PageQuerySchema, QueryFlagSchema, text, VersionSchema } from '../platform/common';
import { LightSchema } from '../supervision/enums';
import { CadenceSchema, ReporterKindSchema, ReportStateSchema } from './enums';
import { ReportActionSchema } from './machine';

/*
 * Contracts of the reporting calendar (汇报计划) and the work reports (工作报告) of issue 11, domain.md b.5
 * WorkReport: which county commission or dispatched group reports to the 常委会 when, and what it reports.
 */

const Id = z.uuid('编号格式不正确');
const NamedRef = z.object({ id: z.string(), name: z.string() });
const Year = z.coerce.number('年度须为整数').int('年度须为整数').min(2000, '年度须在2000至2100之间').max(2100, '年度须在2000至2100之间');

/** POST /api/v1/report-slots/schedules — sets a reporter org's cadence and generates its slots for a year. */
export const ScheduleBodySchema = z.object({
  reporterOrgId: Id,
  cadence: CadenceSchema,
  year: Year,
  /** due_on = period end + this many days (negative: heard before the period closes). */
  dueOffsetDays: z.number('天数须为整数').int('天数须为整数').min(-180, '不少于-180天').max(180, '不超过180天').default(15),
});
export type ScheduleBody = z.infer<typeof ScheduleBodySchema>;
export const ScheduleResultSchema = z.object({ scheduleId: z.string(), created: z.number(), slots: z.number() });

/** The report as far as a calendar slot shows it. */
export const SlotReportSchema = z.object({ id: z.string(), state: ReportStateSchema, title: z.string() });

export const SlotSchema = z.object({
  id: z.string(),
  reporterOrg: NamedRef.extend({ kind: ReporterKindSchema }),
  cadence: CadenceSchema,
  /** 2026年度 / 2026年上半年 / 2026年第3季度. */
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueOn: z.string(),
  /** GREEN, YELLOW (due within 10 days), RED (past due, not submitted), DONE (submitted or heard). */
  light: LightSchema,
  report: SlotReportSchema.nullable(),
  abilities: z.object({ draft: z.boolean() }),
});
export type Slot = z.infer<typeof SlotSchema>;

/** GET /api/v1/report-slots (the calendar) and its export. */
export const SlotQuerySchema = PageQuerySchema.extend({
  year: Year.optional(),
  kind: ReporterKindSchema.optional(),
  reporterOrgId: Id.optional(),
  light: LightSchema.optional(),
  /** Only the slots whose report waits for the caller's approval (本单位负责人, or the 分管领导 standing in): the 工作台's card. */
  toApprove: QueryFlagSchema.optional(),
});
export type SlotQuery = z.infer<typeof SlotQuerySchema>;

export const SlotPageSchema = z.object({
  items: z.array(SlotSchema),
  total: z.number(),
  counts: z.object({ GREEN: z.number(), YELLOW: z.number(), RED: z.number(), DONE: z.number() }),
  abilities: z.object({ manage: z.boolean() }),
});
export type SlotPage = z.infer<typeof SlotPageSchema>;

/** GET /api/v1/report-slots/reporters — the orgs that may report to the 常委会 (for the schedule form). */
export const ReporterListSchema = z.object({
  items: z.array(NamedRef.extend({ kind: ReporterKindSchema, cadence: CadenceSchema.nullable() })),
});

/** One pulled figure. */
export const StatSchema = z.object({ key: z.string(), label: z.string(), value: z.number() });
/** GET /api/v1/report-slots/:id/stats — the live statistics of the slot's org and period. */
export const StatsSchema = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  /** true when frozen at submission (the snapshot), false when computed now. */
  frozen: z.boolean(),
  frozenAt: z.string().nullable(),
  items: z.array(StatSchema),
});
export type Stats = z.infer<typeof StatsSchema>;

const Sections = {
  /** 主要做法. */
  practices: text(20_000).optional(),
  /** 工作成效. */
  results: text(20_000).optional(),
  /** 短板差距. */
  shortcomings: text(20_000).optional(),
  /** 对策建议. */
  suggestions: text(20_000).optional(),
};

/** POST /api/v1/work-reports — the reporter org's staff open the report of a slot. */
export const ReportCreateBodySchema = z.object({ slotId: Id, title: text(200, 2).optional(), ...Sections });
export type ReportCreateBody = z.infer<typeof ReportCreateBodySchema>;

/** PATCH /api/v1/work-reports/:id — while DRAFT or RETURNED, with the version read. */
export const ReportPatchBodySchema = z.object({ version: VersionSchema, title: text(200, 2).optional(), ...Sections });
export type ReportPatchBody = z.infer<typeof ReportPatchBodySchema>;

/** POST /api/v1/work-reports/:id/actions */
export const ReportActionBodySchema = z.object({ action: ReportActionSchema, version: VersionSchema, comment: text(1000).nullish() });
export type ReportActionBody = z.infer<typeof ReportActionBodySchema>;

export const ReportSummarySchema = z.object({
  id: z.string(),
  slotId: z.string(),
  title: z.string(),
  reporterOrg: NamedRef,
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueOn: z.string(),
  state: ReportStateSchema,
  heardMeeting: NamedRef.nullable(),
  version: z.number(),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export const ReportTimelineEntrySchema = z.object({
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  comment: z.string().nullable(),
  actor: z.string().nullable(),
  at: z.string(),
});

/** GET /api/v1/work-reports/:id */
export const ReportDetailSchema = ReportSummarySchema.extend({
  practices: z.string(),
  results: z.string(),
  shortcomings: z.string(),
  suggestions: z.string(),
  stats: StatsSchema,
  returnReason: z.string().nullable(),
  approvedBy: z.string().nullable(),
  submittedOn: z.string().nullable(),
  heardOn: z.string().nullable(),
  timeline: z.array(ReportTimelineEntrySchema),
  abilities: z.object({ edit: z.boolean(), actions: z.array(ReportActionSchema) }),
});
export type ReportDetail = z.infer<typeof ReportDetailSchema>;

/** GET /api/v1/work-reports — `linkable`: submitted reports not yet on a meeting's agenda (for a 常委会 agenda item). */
export const ReportQuerySchema = PageQuerySchema.extend({
  state: ReportStateSchema.optional(),
  reporterOrgId: Id.optional(),
  year: Year.optional(),
  linkable: z.enum(['true', 'false'], '取值须为 true 或 false').optional(),
});
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

export const ReportPageSchema = z.object({ items: z.array(ReportSummarySchema), total: z.number() });
export type ReportPage = z.infer<typeof ReportPageSchema>;

export const ReportActionResultSchema = z.object({ from: z.string(), to: z.string(), version: z.number() });
