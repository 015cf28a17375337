import { z } from 'zod';
import { text, VersionSchema } from '../platform/common';
import { FirstFormMeasureSchema } from '../clues/enums';
import { AdminSanctionSchema, CaseTeamSchema, MeasureKindSchema, OrgMeasureSchema, PartySanctionSchema, TeamRoleSchema } from './enums';
import { Id, IsoDate, NamedRefSchema } from './contracts-core';

/*
 * What the case's routes accept besides the edit (re-exported by contracts.ts): the outcomes of a
 * decision, the machine's actions, the trial extension, team members and 留置 / 强制到案 measures.
 */

const Comment = text(2000).optional();
const Reason = text(2000, 1);

// ---------------------------------------------------------------- outcomes

const OutcomeNote = { note: text(2000).optional() };

/** One outcome of a decision (处理决定). Four form and 政务处分 period are computed by the server. */
export const OutcomeInputSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('FIRST_FORM_MEASURE'), measure: FirstFormMeasureSchema, ...OutcomeNote }),
    z.object({ kind: z.literal('PARTY_SANCTION'), sanction: PartySanctionSchema, ...OutcomeNote }),
    z.object({ kind: z.literal('ADMIN_SANCTION'), sanction: AdminSanctionSchema, ...OutcomeNote }),
    z.object({ kind: z.literal('ORGANISATIONAL_MEASURE'), measure: OrgMeasureSchema, ...OutcomeNote }),
    z.object({ kind: z.literal('ACCOUNTABILITY'), detail: text(500, 1), ...OutcomeNote }),
    z.object({ kind: z.literal('PROSECUTION'), ...OutcomeNote }),
    z.object({ kind: z.literal('RECOMMENDATION'), detail: text(2000, 1), ...OutcomeNote }),
  ],
  '处理结果类型不正确',
);
export type OutcomeInput = z.infer<typeof OutcomeInputSchema>;

// ---------------------------------------------------------------- actions

const Base = { version: VersionSchema, comment: Comment };

/** Actions that carry only the version and a comment. */
export const SIMPLE_CASE_ACTIONS = [
  'approvePlan',
  'announce',
  'startInvestigation',
  'confirmFacts',
  'reportInvestigation',
  'transferToTrial',
  'returnSupplement',
  'deliberate',
  'transferToProcuratorate',
  'announceDecision',
  'reportExecution',
  'archive',
] as const;

/**
 * 追缴/挽回资金 (元) fixed by the decision: 违纪违法所得 confiscated and economic losses recovered, as the 审理
 * report confirms them. One figure per case (counted in the campaign's "funds recovered").
 */
export const FundsRecoveredSchema = z
  .number('金额须为数字')
  .min(0, '追缴挽回资金不能为负数')
  .max(99_999_999_999_999, '金额过大')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, '金额最多保留两位小数');

/** POST /api/v1/cases/:id/actions */
export const CaseActionBodySchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.enum(SIMPLE_CASE_ACTIONS), ...Base }),
    z.object({ action: z.literal('requestSupplement'), ...Base, reason: Reason }),
    z.object({ action: z.literal('revoke'), ...Base, reason: Reason }),
    z.object({
      action: z.literal('decide'),
      ...Base,
      outcomes: z.array(OutcomeInputSchema).min(1, '请至少登记一项处理结果').max(20, '处理结果不超过20项'),
      fundsRecovered: FundsRecoveredSchema.optional(),
    }),
  ],
  '操作不正确',
);
export type CaseActionBody = z.infer<typeof CaseActionBodySchema>;

/** POST /api/v1/cases/:id/trial-extension — the 书记 extends the trial limit once (+1 month). */
export const TrialExtensionBodySchema = z.object({ version: VersionSchema, comment: Comment });
export type TrialExtensionBody = z.infer<typeof TrialExtensionBodySchema>;

// ---------------------------------------------------------------- teams

/** POST /api/v1/cases/:id/team — the member's org is recorded from the account. */
export const TeamMemberBodySchema = z.object({
  team: CaseTeamSchema,
  userId: Id,
  role: TeamRoleSchema.default('MEMBER'),
});
export type TeamMemberBody = z.infer<typeof TeamMemberBodySchema>;

export const TeamMemberParamsSchema = z.object({ id: Id, memberId: Id });

/** GET /api/v1/cases/:id/team-candidates — accounts that may be added to a team now (the barred ones left out). */
export const TeamCandidatesQuerySchema = z.object({
  team: CaseTeamSchema,
  q: text(50).optional(),
});
export type TeamCandidatesQuery = z.infer<typeof TeamCandidatesQuerySchema>;

export const TeamCandidateSchema = z.object({
  id: z.string(),
  name: z.string(),
  org: NamedRefSchema,
});
export type TeamCandidate = z.infer<typeof TeamCandidateSchema>;

export const TeamCandidatesSchema = z.object({ items: z.array(TeamCandidateSchema) });

// ---------------------------------------------------------------- measures

/** An ISO timestamp with its offset (2026-03-01T09:30:00+08:00). */
export const IsoDateTime = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601（含时区）' });

/**
 * POST /api/v1/cases/:id/measures — due date computed from MEASURE_LIMITS. 强制到案 and 留置 need the start
 * time (`startedAt`; `startedOn` is then its date); 留置 needs the collective decision and the upper
 * commission's approval (监察法 2024, article number unverified); 强制到案 runs 24 hours instead of 12 when 管护 or 留置 follows.
 */
export const MeasureCreateBodySchema = z.object({
  kind: MeasureKindSchema,
  startedOn: IsoDate,
  startedAt: IsoDateTime.optional(),
  collectiveDecision: z.boolean('须为是或否').optional(),
  upperApproved: z.boolean('须为是或否').optional(),
  /** 强制到案: 管护 or 留置 is to follow (limit 24 hours). */
  holdFollows: z.boolean('须为是或否').optional(),
  /** 留置: the notice is withheld because it may hinder the investigation (有碍调查, art. 50). */
  noticeWithheldReason: text(500, 1).optional(),
  note: text(2000).optional(),
});
export type MeasureCreateBody = z.infer<typeof MeasureCreateBodySchema>;

/** PATCH /api/v1/case-measures/:id */
export const MeasurePatchBodySchema = z.discriminatedUnion(
  'action',
  [
    /** Extend once by the legal extension; 留置 needs the upper commission's approval; 强制到案 +12 h when 管护 / 留置 follows. */
    z.object({ action: z.literal('extend'), version: VersionSchema, upperApproved: z.boolean().default(false), note: text(2000).optional() }),
    z.object({ action: z.literal('end'), version: VersionSchema, endedOn: IsoDate, note: text(2000).optional() }),
    z.object({ action: z.literal('note'), version: VersionSchema, note: text(2000) }),
    /** 留置: the unit and family were notified at `notifiedAt` (art. 50). */
    z.object({ action: z.literal('notify'), version: VersionSchema, notifiedAt: IsoDateTime, note: text(2000).optional() }),
  ],
  '操作不正确',
);
export type MeasurePatchBody = z.infer<typeof MeasurePatchBodySchema>;
