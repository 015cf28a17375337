import { z } from 'zod';
import { SharedAccessSchema } from '../shares/contracts';
import { codesOf, type Labelled } from '../labels';
import { ExactTotalQuerySchema, LedgerTotalSchema, PageQuerySchema, text, VersionSchema } from '../platform/common';
import type { OverdueKind } from '../clues/enums';
import { CaseTeamSchema, MeasureKindSchema, OutcomeKindSchema, TeamRoleSchema } from './enums';
import { CaseActionSchema, type CaseState, CaseStateSchema } from './machine';
import { SectorCodeSchema } from '../problems/dictionaries';

/*
 * Contracts of 案件 (立案审查调查 → 审理 → 处理决定 → 执行 → 归档) — domain.md c.2, docs/clues-cases-api.md
 * "Cases": the shared field types, the stages, the ledger and the stage view, and the edit of a case. What
 * the actions, teams and measures accept is in contracts-actions.ts. Dates are ISO calendar dates (YYYY-MM-DD).
 */

export const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
export const Id = z.uuid('编号格式不正确');

/** Accepts `?state=A&state=B`, `?state=A,B` or one value. */
function listOf<T extends z.ZodType>(item: T, max = 20) {
  return z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter((s) => s !== '') : v), z.array(item).max(max, `不超过${max}项`));
}

export const NamedRefSchema = z.object({ id: z.string(), name: z.string() });
export type NamedRef = z.infer<typeof NamedRefSchema>;

// ---------------------------------------------------------------- stages and alarms

/** 阶段 groups of the ledger. */
export const CASE_STAGE_LABELS = {
  INVESTIGATION: { zh: '审查调查阶段', en: 'Investigation' },
  TRIAL: { zh: '审理阶段', en: 'Trial' },
  DECIDED: { zh: '已作出决定', en: 'Decided' },
  CLOSED: { zh: '已结案', en: 'Closed' },
} as const satisfies Labelled<string>;
export const CaseStageSchema = z.enum(codesOf(CASE_STAGE_LABELS));
export type CaseStage = z.infer<typeof CaseStageSchema>;

export const CASE_STAGE_STATES: Readonly<Record<CaseStage, readonly CaseState[]>> = {
  INVESTIGATION: ['FILING_PROPOSED', 'FILED', 'PLAN_APPROVED', 'ANNOUNCED', 'INVESTIGATING', 'FACTS_CONFIRMED', 'INVESTIGATION_REPORTED'],
  TRIAL: ['IN_TRIAL', 'SUPPLEMENT_REQUESTED', 'TRIAL_DELIBERATED'],
  DECIDED: ['DECIDED', 'PROSECUTION_TRANSFERRED', 'SANCTION_ANNOUNCED'],
  CLOSED: ['EXECUTED', 'ARCHIVED', 'REVOKED'],
};

export function caseStageOf(state: CaseState): CaseStage {
  for (const [stage, states] of Object.entries(CASE_STAGE_STATES)) if (states.includes(state)) return stage as CaseStage;
  return 'CLOSED';
}

/** The 到期提醒 kinds of cases (subset of OVERDUE_KIND_LABELS in clues/enums). */
export const CASE_OVERDUE_KINDS = ['TRIAL_DUE', 'DECISION_ANNOUNCE_DUE', 'EXECUTION_DUE', 'MEASURE_DUE'] as const satisfies readonly OverdueKind[];
export const CaseOverdueKindSchema = z.enum(CASE_OVERDUE_KINDS, '到期类型不正确');
export type CaseOverdueKind = z.infer<typeof CaseOverdueKindSchema>;

/** 四种形态 (null for outcomes outside them: 监察建议, 撤销案件). */
export const FourFormSchema = z.enum(['FIRST', 'SECOND', 'THIRD', 'FOURTH']);

// ---------------------------------------------------------------- ledger

/** GET /api/v1/cases and /api/v1/cases/export.xlsx */
export const CaseListQuerySchema = PageQuerySchema.extend({
  pageSize: z.coerce.number('每页条数须为整数').int('每页条数须为整数').min(1).max(100, '每页不超过100条').default(20),
  q: text(100).optional(),
  state: listOf(CaseStateSchema).optional(),
  stage: CaseStageSchema.optional(),
  leadOrgId: Id.optional(),
  overdue: CaseOverdueKindSchema.optional(),
  year: z.coerce.number('年度须为整数').int('年度须为整数').min(2000, '年度不早于2000').max(2100, '年度不晚于2100').optional(),
  /** Only cases of this 行业领域. */
  sector: SectorCodeSchema.optional(),
  sort: z.enum(['filedOn', '-filedOn', 'caseNo', '-caseNo', 'trialDue', '-trialDue'], '排序方式不正确').default('-filedOn'),
  /** Count every row instead of stopping at the cap (issue 12). */
  exactTotal: ExactTotalQuerySchema.shape.exactTotal,
});
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

export const CaseListItemSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  year: z.number(),
  title: z.string(),
  subjectName: z.string(),
  subjectPosition: z.string().nullable(),
  subjectOrgName: z.string().nullable(),
  leadOrgId: z.string(),
  leadOrgName: z.string(),
  state: CaseStateSchema,
  stage: CaseStageSchema,
  filedOn: z.string().nullable(),
  trialDue: z.string().nullable(),
  decisionAnnounceDue: z.string().nullable(),
  executionReportDue: z.string().nullable(),
  /** Overdue alarms due today or past. */
  flags: z.array(CaseOverdueKindSchema),
  fourForms: z.array(FourFormSchema),
  /** 行业领域: its code and label (null when not set). */
  sector: z.string().nullable(),
  sectorLabel: z.string().nullable(),
  version: z.number(),
});
export type CaseListItem = z.infer<typeof CaseListItemSchema>;

export const CaseListSchema = z.object({ items: z.array(CaseListItemSchema), ...LedgerTotalSchema.shape });
export type CaseList = z.infer<typeof CaseListSchema>;

// ---------------------------------------------------------------- detail

export const CaseAbilitiesSchema = z.object({
  /** The actions of POST /cases/:id/actions the caller may take now (state, role and guards checked). */
  actions: z.array(CaseActionSchema),
  /** Actions the machine and role allow but a guard blocks, with the reason (zh-CN). */
  blocked: z.array(z.object({ action: CaseActionSchema, reason: z.string() })),
  /** PATCH plan / planMeeting / investigationReport / summary. */
  update: z.boolean(),
  /** PATCH trialTalkOn / trialReport. */
  updateTrial: z.boolean(),
  manageInvestigationTeam: z.boolean(),
  manageTrialTeam: z.boolean(),
  recordMeasure: z.boolean(),
  extendTrial: z.boolean(),
  /** After a decision with a 移送检察机关 outcome the case must be transferred before the announcement. */
  prosecutionPending: z.boolean(),
});
export type CaseAbilities = z.infer<typeof CaseAbilitiesSchema>;

export const TeamMemberSchema = z.object({
  id: z.string(),
  team: CaseTeamSchema,
  user: NamedRefSchema,
  org: NamedRefSchema,
  role: TeamRoleSchema,
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  active: z.boolean(),
});
export type TeamMember = z.infer<typeof TeamMemberSchema>;

/** The 24-hour notice to the unit and family of a detained person (监察法 2024, article number unverified). */
export const MeasureNoticeSchema = z.object({
  /** Start + 24 hours (ISO timestamp). */
  dueAt: z.string(),
  notifiedAt: z.string().nullable(),
  /** Not notified because it may hinder the investigation (有碍调查); notify as soon as that ends. */
  withheldReason: z.string().nullable(),
  /** Neither given nor lawfully withheld by its deadline. */
  overdue: z.boolean(),
});
export type MeasureNotice = z.infer<typeof MeasureNoticeSchema>;

export const MeasureSchema = z.object({
  id: z.string(),
  kind: MeasureKindSchema,
  startedOn: z.string(),
  /** The start time (ISO timestamp) of an hour-counted measure and of 留置; null for a date-only record. */
  startedAt: z.string().nullable(),
  dueOn: z.string().nullable(),
  /** The deadline of an hour-counted measure (强制到案) as a timestamp. */
  dueAt: z.string().nullable(),
  /** The limit in hours of an hour-counted measure: 12, or 24 when 管护 / 留置 follows. */
  limitHours: z.number().nullable(),
  /** 留置: decided collectively by the commission's leadership (监察法 2024, article number unverified). */
  collectiveDecision: z.boolean(),
  extended: z.boolean(),
  upperApproved: z.boolean(),
  endedOn: z.string().nullable(),
  note: z.string(),
  /** Running and due today or past. */
  overdue: z.boolean(),
  /** Running and due within 7 days. */
  dueSoon: z.boolean(),
  /** The legal limit allows one extension and it has not been used. */
  extendable: z.boolean(),
  /** 留置: the 24-hour notice to the unit and family; null for other measures. */
  notice: MeasureNoticeSchema.nullable(),
  version: z.number(),
});
export type Measure = z.infer<typeof MeasureSchema>;

export const SupplementSchema = z.object({
  id: z.string(),
  requestedOn: z.string(),
  reason: z.string(),
  returnedOn: z.string().nullable(),
  requestedBy: NamedRefSchema.nullable(),
  /** Days spent in supplement (not counted against the trial limit); null while open. */
  days: z.number().nullable(),
});
export type Supplement = z.infer<typeof SupplementSchema>;

export const OutcomeSchema = z.object({
  id: z.string(),
  kind: OutcomeKindSchema,
  /** The sanction / measure code (PARTY_SANCTION_LABELS, ADMIN_SANCTION_LABELS, ORG_MEASURE_LABELS, FIRST_FORM_MEASURE_LABELS) or free text. */
  detail: z.string().nullable(),
  fourForm: FourFormSchema.nullable(),
  periodMonths: z.number().nullable(),
  note: z.string(),
  decidedOn: z.string(),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

export const CaseEventSchema = z.object({
  id: z.number(),
  action: z.string(),
  fromState: CaseStateSchema.nullable(),
  toState: CaseStateSchema.nullable(),
  comment: z.string().nullable(),
  payload: z.unknown().nullable(),
  actor: NamedRefSchema.nullable(),
  at: z.string(),
});
export type CaseEvent = z.infer<typeof CaseEventSchema>;

export const CaseDeadlinesSchema = z.object({
  filedOn: z.string().nullable(),
  planApprovedOn: z.string().nullable(),
  announcedOn: z.string().nullable(),
  factsConfirmedOn: z.string().nullable(),
  investigationReportedOn: z.string().nullable(),
  trialReceivedOn: z.string().nullable(),
  /** 审理期限 (one month, pushed by supplement days, +1 month once with the 书记's approval). */
  trialDue: z.string().nullable(),
  trialExtended: z.boolean(),
  trialTalkOn: z.string().nullable(),
  deliberatedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  decisionAnnounceDue: z.string().nullable(),
  decisionAnnouncedOn: z.string().nullable(),
  executionReportDue: z.string().nullable(),
  executedOn: z.string().nullable(),
  archivedOn: z.string().nullable(),
  revokedOn: z.string().nullable(),
  /** The 24-hour notices of the case's 留置 (监察法 2024, article number unverified), overdue ones flagged. */
  detentionNotices: z.array(MeasureNoticeSchema.extend({ measureId: z.string() })),
});
export type CaseDeadlines = z.infer<typeof CaseDeadlinesSchema>;

/** GET /api/v1/cases/:id — the stage view. */
export const CaseDetailSchema = CaseListItemSchema.extend({
  summary: z.string(),
  subjectPersonId: z.string().nullable(),
  subjectOrgId: z.string().nullable(),
  cadreManagement: z.enum(['SAME_LEVEL_PARTY', 'LOWER', 'OTHER']),
  partyCommitteeApproved: z.boolean(),
  plan: z.string(),
  planMeeting: z.string().nullable(),
  investigationReport: z.string().nullable(),
  trialReport: z.string().nullable(),
  revokeReason: z.string().nullable(),
  /**
   * 追缴/挽回资金 (元) fixed by the decision, as a decimal string with two places ("86000.50") so that large
   * sums keep their cents exactly; null until the decision records one.
   */
  fundsRecovered: z.string().nullable(),
  classification: z.string(),
  clues: z.array(z.object({ id: z.string(), clueNo: z.string().nullable(), title: z.string() })),
  teams: z.object({ investigation: z.array(TeamMemberSchema), trial: z.array(TeamMemberSchema) }),
  measures: z.array(MeasureSchema),
  supplements: z.array(SupplementSchema),
  outcomes: z.array(OutcomeSchema),
  deadlines: CaseDeadlinesSchema,
  timeline: z.array(CaseEventSchema),
  /** Opened under 信息互通 grants (read-only; SUMMARY withholds the content, teams, measures and timeline). */
  shared: SharedAccessSchema,
  abilities: CaseAbilitiesSchema,
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

/** PATCH /api/v1/cases/:id — lead department / team lead (trial fields: the trial team). */
export const CasePatchBodySchema = z.object({
  version: VersionSchema,
  title: text(300, 1).optional(),
  summary: text(20000).optional(),
  plan: text(20000).optional(),
  planMeeting: text(500).nullish(),
  investigationReport: text(50000).nullish(),
  trialReport: text(50000).nullish(),
  trialTalkOn: IsoDate.nullish(),
  /** 行业领域 (a code of the SECTOR dictionary; null clears it). */
  sector: SectorCodeSchema.nullable().optional(),
});
export type CasePatchBody = z.infer<typeof CasePatchBodySchema>;
