import { z } from 'zod';
import { CLASSIFICATION_LABELS, type Classification, ClassificationSchema, classificationRank, SYSTEM_MAX_CLASSIFICATION } from '../access/enums';
import { LightSchema } from '../supervision/enums';
import { PageQuerySchema, text, VersionSchema } from '../platform/common';
import { AgendaKindSchema, AttendanceSchema, DecisionStateSchema, MeetingStateSchema, MeetingTypeSchema } from './enums';
import { DecisionActionSchema, MeetingActionSchema } from './machine';

/*
 * Contracts of meetings (issue 11; domain.md b.5 Meeting, f.5 会议纪要): the meeting with its agenda,
 * attendance and minutes; the meeting calendar that also lists the 室组会商 and clue screening meetings
 * (linked, read-only); and the decisions (议定事项) tracked as 督办 tasks of an owner org.
 */

const Id = z.uuid('编号格式不正确');
const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
const NamedRef = z.object({ id: z.string(), name: z.string() });
/** YYYY-MM: the month of the calendar and of the ledger filter. */
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/**
 * 密级 of a meeting: what the platform may hold (e.1: up to 工作秘密). An account sees the meeting and its
 * decisions only with a clearance that reaches it; default 工作秘密, as the commission's other records.
 */
export const MEETING_CLASSIFICATIONS = ClassificationSchema.options.filter(
  (c) => classificationRank(c) <= classificationRank(SYSTEM_MAX_CLASSIFICATION),
) as Classification[];
export const MeetingClassificationSchema = z.enum(
  MEETING_CLASSIFICATIONS as [Classification, ...Classification[]],
  `密级须为${MEETING_CLASSIFICATIONS.map((c) => CLASSIFICATION_LABELS[c].zh).join('或')}`,
);

/** One agenda item (议程) as sent by the organiser. */
export const AgendaItemInputSchema = z
  .object({
    kind: AgendaKindSchema,
    title: text(200, 1),
    /** 汇报单位 of a HEAR_REPORT item: the county commission or dispatched group that reports. */
    reporterOrgId: Id.nullish(),
    notes: text(5000).optional(),
    /** 工作报告 heard under a 常委会's HEAR_REPORT item: a report of the reporter org submitted to the 常委会. */
    workReportId: Id.nullish(),
  })
  .superRefine((a, c) => {
    if (a.kind !== 'HEAR_REPORT' && a.workReportId) c.addIssue({ code: 'custom', path: ['workReportId'], message: '只有听取汇报的议程可以关联工作报告' });
    if (a.kind === 'HEAR_REPORT' && !a.reporterOrgId) c.addIssue({ code: 'custom', path: ['reporterOrgId'], message: '听取汇报须选择汇报单位' });
    if (a.kind !== 'HEAR_REPORT' && a.reporterOrgId) c.addIssue({ code: 'custom', path: ['reporterOrgId'], message: '只有听取汇报的议程有汇报单位' });
  });

/** One attendee (出席 / 请假 / 列席): an account of the commission or a named outside person. */
export const AttendeeInputSchema = z
  .object({
    /** The account (sees the meeting); omitted for an outside person named in `name`. */
    userId: Id.nullish(),
    name: text(50).optional(),
    unit: text(100).optional(),
    attendance: AttendanceSchema,
    /** 请假事由, required for LEAVE. */
    leaveReason: text(200).nullish(),
  })
  .superRefine((a, c) => {
    if (!a.userId && !a.name) c.addIssue({ code: 'custom', path: ['name'], message: '请选择账号或填写姓名' });
    if (a.attendance === 'LEAVE' && !a.leaveReason) c.addIssue({ code: 'custom', path: ['leaveReason'], message: '请假须填写事由' });
    if (a.attendance !== 'LEAVE' && a.leaveReason) c.addIssue({ code: 'custom', path: ['leaveReason'], message: '只有请假须填写事由' });
  });

/** POST /api/v1/meetings */
export const MeetingCreateBodySchema = z.object({
  type: MeetingTypeSchema,
  title: text(200, 2),
  sessionNo: z.number('届次须为整数').int('届次须为整数').min(1).max(9999).nullish(),
  /** ISO date-time with offset (e.g. 2026-12-08T09:00:00+08:00). */
  startsAt: z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601（含时区）' }),
  place: text(200).optional(),
  /** 主持人: for a 派驻机构负责人会议 a 分管领导. */
  chairUserId: Id,
  /** 召集单位; defaults to the caller's org. */
  organiserOrgId: Id.nullish(),
  agenda: z.array(AgendaItemInputSchema).max(50, '议程不超过50项'),
  attendees: z.array(AttendeeInputSchema).max(200, '参会人员不超过200人'),
  minutes: text(50_000).optional(),
  /** 密级; defaults to 工作秘密. No higher than the registrar's own clearance. */
  classification: MeetingClassificationSchema.optional(),
});
export type MeetingCreateBody = z.infer<typeof MeetingCreateBodySchema>;

/** PATCH /api/v1/meetings/:id — only the fields sent change; agenda and attendees are replaced whole. */
export const MeetingPatchBodySchema = z.object({
  version: VersionSchema,
  title: text(200, 2).optional(),
  sessionNo: z.number('届次须为整数').int('届次须为整数').min(1).max(9999).nullish(),
  startsAt: z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601（含时区）' }).optional(),
  place: text(200).optional(),
  agenda: z.array(AgendaItemInputSchema).max(50, '议程不超过50项').optional(),
  attendees: z.array(AttendeeInputSchema).max(200, '参会人员不超过200人').optional(),
  minutes: text(50_000).optional(),
  classification: MeetingClassificationSchema.optional(),
});
export type MeetingPatchBody = z.infer<typeof MeetingPatchBodySchema>;

/** POST /api/v1/meetings/:id/actions */
export const MeetingActionBodySchema = z.object({ action: MeetingActionSchema, version: VersionSchema, comment: text(1000).nullish() });
export type MeetingActionBody = z.infer<typeof MeetingActionBodySchema>;

export const MeetingAbilitiesSchema = z.object({
  edit: z.boolean(),
  addDecision: z.boolean(),
  minutesDocx: z.boolean(),
  actions: z.array(MeetingActionSchema),
});

export const MeetingSummarySchema = z.object({
  id: z.string(),
  type: MeetingTypeSchema,
  title: z.string(),
  sessionNo: z.number().nullable(),
  startsAt: z.string(),
  place: z.string(),
  chair: NamedRef,
  organiser: NamedRef,
  state: MeetingStateSchema,
  decisionCount: z.number(),
  classification: MeetingClassificationSchema,
  version: z.number(),
});
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;

export const AgendaItemSchema = z.object({
  seq: z.number(),
  kind: AgendaKindSchema,
  title: z.string(),
  reporterOrg: NamedRef.nullable(),
  notes: z.string(),
  /** The linked 工作报告 (its state: SUBMITTED until the meeting is held, then HEARD). */
  workReport: z.object({ id: z.string(), title: z.string(), state: z.string() }).nullable(),
});
export const AttendeeSchema = z.object({
  userId: z.string().nullable(),
  name: z.string(),
  unit: z.string(),
  attendance: AttendanceSchema,
  leaveReason: z.string().nullable(),
});
export const TimelineEntrySchema = z.object({
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  comment: z.string().nullable(),
  actor: z.string().nullable(),
  at: z.string(),
});

export const DecisionAbilitiesSchema = z.object({ actions: z.array(DecisionActionSchema) });

export const DecisionSchema = z.object({
  id: z.string(),
  seq: z.number(),
  content: z.string(),
  ownerOrg: NamedRef,
  deadline: z.string(),
  state: DecisionStateSchema,
  light: LightSchema,
  overdueSince: z.string().nullable(),
  doneOn: z.string().nullable(),
  /** The meeting as far as a decision shows it: never its other agenda items or attendees. */
  meeting: z.object({
    id: z.string(),
    type: MeetingTypeSchema,
    title: z.string(),
    classification: MeetingClassificationSchema,
    startsAt: z.string(),
    chair: NamedRef,
  }),
  lastReport: z.string().nullable(),
  version: z.number(),
  abilities: DecisionAbilitiesSchema,
});
export type Decision = z.infer<typeof DecisionSchema>;

/** GET /api/v1/meetings/:id */
export const MeetingDetailSchema = MeetingSummarySchema.extend({
  agenda: z.array(AgendaItemSchema),
  attendees: z.array(AttendeeSchema),
  minutes: z.string(),
  minutesIssuedOn: z.string().nullable(),
  cancelReason: z.string().nullable(),
  decisions: z.array(DecisionSchema),
  timeline: z.array(TimelineEntrySchema),
  abilities: MeetingAbilitiesSchema,
});
export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;

/** GET /api/v1/meetings (the ledger) and its export. */
export const MeetingQuerySchema = PageQuerySchema.extend({
  month: Month.optional(),
  year: z.coerce.number('年度须为整数').int('年度须为整数').min(2000).max(2100).optional(),
  type: MeetingTypeSchema.optional(),
  state: MeetingStateSchema.optional(),
});
export type MeetingQuery = z.infer<typeof MeetingQuerySchema>;

export const MeetingPageSchema = z.object({
  items: z.array(MeetingSummarySchema),
  total: z.number(),
  abilities: z.object({ create: z.boolean() }),
});
export type MeetingPage = z.infer<typeof MeetingPageSchema>;

/** What a calendar entry is: one of ours, or a linked 室组会商 / 集体排查 of its own module. */
export const CalendarKindSchema = z.enum(['MEETING', 'LIST_CONSULTATION', 'CLUE_MEETING']);

/** GET /api/v1/meetings/calendar?month=YYYY-MM */
export const CalendarQuerySchema = z.object({ month: Month });
export const CalendarEntrySchema = z.object({
  kind: CalendarKindSchema,
  id: z.string(),
  /** YYYY-MM-DD (Beijing time). */
  date: z.string(),
  /** HH:mm for our meetings; null for the linked ones (they record a day only). */
  time: z.string().nullable(),
  title: z.string(),
  type: MeetingTypeSchema.nullable(),
  state: MeetingStateSchema.nullable(),
  /** The web page that shows the entry (its own module's page for the linked ones). */
  link: z.string(),
});
export type CalendarEntry = z.infer<typeof CalendarEntrySchema>;
export const CalendarSchema = z.object({ month: z.string(), entries: z.array(CalendarEntrySchema) });
export type Calendar = z.infer<typeof CalendarSchema>;

/** POST /api/v1/meetings/:id/decisions */
export const DecisionCreateBodySchema = z.object({
  content: text(2000, 2),
  ownerOrgId: Id,
  deadline: IsoDate,
});
export type DecisionCreateBody = z.infer<typeof DecisionCreateBodySchema>;

/** GET /api/v1/meeting-decisions — the board. `chaired`: meetings I chaired; `owned`: my org's decisions. */
export const DecisionQuerySchema = PageQuerySchema.extend({
  view: z.enum(['all', 'chaired', 'owned'], '视图须为 all、chaired 或 owned').default('all'),
  light: LightSchema.optional(),
  state: DecisionStateSchema.optional(),
  meetingId: Id.optional(),
});
export type DecisionQuery = z.infer<typeof DecisionQuerySchema>;

export const DecisionPageSchema = z.object({
  items: z.array(DecisionSchema),
  total: z.number(),
  counts: z.object({ GREEN: z.number(), YELLOW: z.number(), RED: z.number(), DONE: z.number() }),
});
export type DecisionPage = z.infer<typeof DecisionPageSchema>;

/** GET /api/v1/meeting-decisions/:id */
export const DecisionDetailSchema = DecisionSchema.extend({ timeline: z.array(TimelineEntrySchema) });
export type DecisionDetail = z.infer<typeof DecisionDetailSchema>;

/** POST /api/v1/meeting-decisions/:id/actions — a progress report carries its text in `comment`. */
export const DecisionActionBodySchema = z.object({ action: DecisionActionSchema, version: VersionSchema, comment: text(5000).nullish() });
export type DecisionActionBody = z.infer<typeof DecisionActionBodySchema>;

export const ActionResultSchema = z.object({ from: z.string(), to: z.string(), version: z.number() });

/** GET /api/v1/meetings/staff?q= — accounts to pick as chair or attendee (active business accounts of the commission). */
export const MeetingStaffQuerySchema = z.object({ q: text(50).optional() });
export const MeetingStaffSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), orgName: z.string(), roles: z.array(z.string()) })),
});
export type MeetingStaff = z.infer<typeof MeetingStaffSchema>;
