import { z } from 'zod';
import type { Labelled } from '../labels';
import { codesOf } from '../labels';
import { text } from '../platform/common';
import { ClosedKindSchema, ClueSourceSchema, DispositionMethodSchema, OverdueKindSchema } from '../clues/enums';

/*
 * Contracts of the cross-cutting casework views (issue 4, docs/clues-cases-api.md "Around them"):
 * 全文检索 over clues and cases, and the 线索案件 dashboard. Dates are ISO calendar dates (YYYY-MM-DD).
 */

const Year = z.coerce.number('年度须为整数').int('年度须为整数').min(2000, '年度不早于2000').max(2100, '年度不晚于2100');

// ---------------------------------------------------------------- search

/** What a search covers: clues, cases or both. */
export const SEARCH_KIND_LABELS = {
  all: { zh: '全部', en: 'All' },
  clue: { zh: '问题线索', en: 'Clues' },
  case: { zh: '案件', en: 'Cases' },
} as const satisfies Labelled<string>;
export const SearchKindSchema = z.enum(codesOf(SEARCH_KIND_LABELS), '检索范围须为 all、clue 或 case');
export type SearchKind = z.infer<typeof SearchKindSchema>;

/** Longest query accepted (characters). */
export const SEARCH_MAX_LENGTH = 100;

/**
 * How many hits a search ranks and counts at most (issue 12): the most recent SEARCH_CANDIDATE_CAP visible hits
 * are ranked by relevance and paged; beyond that the total reads "1,000+" (`totalCapped`) and the user narrows
 * the query. So a common word costs one capped index walk, not a rank of every visible hit.
 */
export const SEARCH_CANDIDATE_CAP = 1000;

/** GET /api/v1/casework/search?q=&kind=&page=&pageSize= */
export const SearchQuerySchema = z.object({
  q: text(SEARCH_MAX_LENGTH, 1),
  kind: SearchKindSchema.default('all'),
  page: z.coerce.number('页码须为整数').int('页码须为整数').min(1, '页码从1开始').max(1000, '页码不超过1000').default(1),
  pageSize: z.coerce.number('每页条数须为整数').int('每页条数须为整数').min(1, '每页至少1条').max(50, '每页不超过50条').default(20),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

/** One piece of a snippet; `mark` pieces are the matched search tokens (render them highlighted). */
export const SnippetPartSchema = z.object({ text: z.string(), mark: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPartSchema>;

/** One hit: a clue (link /clues/:id) or a case (link /cases/:id). */
export const SearchHitSchema = z.object({
  kind: z.enum(['clue', 'case']),
  id: z.string(),
  /** 线索编号 (null before registration) or 案件编号. */
  no: z.string().nullable(),
  title: z.string(),
  subjectName: z.string(),
  /** A ClueState for a clue, a CaseState for a case. */
  state: z.string(),
  /** Received on (clue) or filed on (case; null before the filing is approved). */
  date: z.string().nullable(),
  /** The title with the matched tokens marked. */
  titleParts: z.array(SnippetPartSchema),
  /** An excerpt of the summary around the first match, matched tokens marked. */
  snippet: z.array(SnippetPartSchema),
  rank: z.number(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchResultSchema = z.object({
  items: z.array(SearchHitSchema),
  /** Visible hits, exact up to SEARCH_CANDIDATE_CAP; with `totalCapped` there are more (shown as "1,000+"). */
  total: z.number(),
  totalCapped: z.boolean(),
  /** The jieba tokens the query was split into (every one must match). */
  tokens: z.array(z.string()),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

// ---------------------------------------------------------------- dashboard

/** Groups of clue states for the disposition mix. */
export const CLUE_STATE_GROUP_LABELS = {
  INTAKE: { zh: '受理分办', en: 'Intake and assignment' },
  ANALYSIS: { zh: '分析研判', en: 'Analysis' },
  TALK_INQUIRY: { zh: '谈话函询', en: 'Talk or letter inquiry' },
  PRELIM: { zh: '初步核实', en: 'Preliminary verification' },
  PENDING_HOLD: { zh: '暂存待查', en: 'Pending hold' },
  CLOSED: { zh: '予以了结', en: 'Closed' },
  TRANSFERRED: { zh: '移送移交', en: 'Transferred' },
  MERGED: { zh: '并案', en: 'Merged' },
  CASE_FILED: { zh: '已立案', en: 'Case filed' },
} as const satisfies Labelled<string>;
export const ClueStateGroupSchema = z.enum(codesOf(CLUE_STATE_GROUP_LABELS));
export type ClueStateGroup = z.infer<typeof ClueStateGroupSchema>;

/** Which clue states fall in which group (every state exactly once). */
export const CLUE_STATE_GROUPS: Readonly<Record<ClueStateGroup, readonly string[]>> = {
  INTAKE: ['RECEIVED', 'REGISTERED', 'ASSIGNED', 'REOPENED'],
  ANALYSIS: ['UNDER_ANALYSIS', 'DISPOSITION_PROPOSED'],
  TALK_INQUIRY: ['TALK_INQUIRY', 'TALK_INQUIRY_REPORTED'],
  PRELIM: ['PRELIM_VERIFICATION', 'PRELIM_REPORTED', 'CASE_PROPOSED'],
  PENDING_HOLD: ['PENDING_HOLD'],
  CLOSED: ['CLOSED', 'CLOSED_FIRST_FORM', 'FALSE_ACCUSATION'],
  TRANSFERRED: ['TRANSFERRED_OUT', 'TRANSFERRED_TO_PARTY_ORG'],
  MERGED: ['MERGED'],
  CASE_FILED: ['CASE_FILED'],
};

/** Stages of a case for the dashboard. */
export const CASE_STAGE_LABELS = {
  FILING: { zh: '立案', en: 'Filing' },
  INVESTIGATION: { zh: '审查调查', en: 'Investigation' },
  TRIAL: { zh: '审理', en: 'Trial' },
  DECIDED: { zh: '处理执行', en: 'Decided and executing' },
  CLOSED: { zh: '已办结', en: 'Closed' },
} as const satisfies Labelled<string>;
export const CaseStageSchema = z.enum(codesOf(CASE_STAGE_LABELS));
export type CaseStage = z.infer<typeof CaseStageSchema>;

export const CASE_STAGES: Readonly<Record<CaseStage, readonly string[]>> = {
  FILING: ['FILING_PROPOSED', 'FILED', 'PLAN_APPROVED', 'ANNOUNCED'],
  INVESTIGATION: ['INVESTIGATING', 'FACTS_CONFIRMED', 'INVESTIGATION_REPORTED'],
  TRIAL: ['IN_TRIAL', 'SUPPLEMENT_REQUESTED', 'TRIAL_DELIBERATED'],
  DECIDED: ['DECIDED', 'PROSECUTION_TRANSFERRED', 'SANCTION_ANNOUNCED'],
  CLOSED: ['EXECUTED', 'ARCHIVED', 'REVOKED'],
};

/** GET /api/v1/casework/dashboard?year=&orgId= (orgId: only what that office, group or county undertakes or leads). */
export const DashboardQuerySchema = z.object({
  year: Year.optional(),
  orgId: z.uuid('组织编号格式不正确').optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

const Count = z.number().int();

/** One row of the by-org table: clues it undertakes (received in the year) and cases it leads (filed in the year). */
export const DashboardOrgRowSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  cluesReceived: Count,
  cluesOpen: Count,
  cluesClosed: Count,
  cluesOverdue: Count,
  casesFiled: Count,
  casesOpen: Count,
  casesDecided: Count,
});
export type DashboardOrgRow = z.infer<typeof DashboardOrgRowSchema>;

export const DashboardSchema = z.object({
  year: z.number(),
  orgId: z.string().nullable(),
  /** COMMISSION: aggregates of the whole commission (书记, 常委, 案管室); SCOPED: what the caller may see. */
  scope: z.enum(['COMMISSION', 'SCOPED']),
  /** 线索受理: clues received in the year, by source and month (1–12); cells only where count > 0. */
  intake: z.object({
    total: Count,
    bySource: z.array(z.object({ source: ClueSourceSchema, count: Count })),
    byMonth: z.array(z.object({ month: z.number().int().min(1).max(12), count: Count })),
    cells: z.array(z.object({ source: ClueSourceSchema, month: z.number().int().min(1).max(12), count: Count })),
  }),
  /** 处置情况 of the clues received in the year. */
  disposition: z.object({
    byMethod: z.array(z.object({ method: DispositionMethodSchema, count: Count })),
    byStateGroup: z.array(z.object({ group: ClueStateGroupSchema, count: Count })),
    byClosedKind: z.array(z.object({ closedKind: ClosedKindSchema, count: Count })),
  }),
  /** Cases filed in the year by stage (filing proposals count in FILING by their creation year). */
  cases: z.object({
    total: Count,
    byStage: z.array(z.object({ stage: CaseStageSchema, count: Count })),
  }),
  /** 超期 now (not limited to the year): running limits due today or earlier, as the ledgers' overdue flags. MEASURE_DUE counts cases. */
  overdue: z.array(z.object({ kind: OverdueKindSchema, stage: z.enum(['CLUE', 'CASE']), count: Count })),
  /** 四种形态 人次 of outcomes decided in the year: each case counted once, at its heaviest form. */
  fourForms: z.array(z.object({ form: z.enum(['FIRST', 'SECOND', 'THIRD', 'FOURTH']), count: Count })),
  /** By undertaking / lead department, grouped by kind. */
  byOrg: z.object({
    offices: z.array(DashboardOrgRowSchema),
    groups: z.array(DashboardOrgRowSchema),
    counties: z.array(DashboardOrgRowSchema),
  }),
  /** When the figures were computed (they are cached until clue or case data change). */
  computedAt: z.string(),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
