import { z } from 'zod';
import { text } from '../platform/common';

/*
 * 专项整治成效 (issue 10; domain.md b.5 kpis, f.3): the campaign's figures computed from the records linked
 * to it (never typed in), their monthly series, the 建章立制 register and the periodic bulletin.
 */

const Id = z.uuid('编号格式不正确');
const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
/** A month 'YYYY-MM'. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/** One figure: a stable key (the UI's label and the Excel row come from it), its zh label and its value. */
export const KpiFigureSchema = z.object({
  /** Stable key within its group, e.g. 'screened'. */
  key: z.string(),
  /** zh-CN label (the web translates by `group.key` and falls back to it). */
  label: z.string(),
  value: z.number(),
  /** COUNT (件/个), PERSON (人), YUAN (元), PERCENT (%). */
  unit: z.enum(['COUNT', 'PERSON', 'YUAN', 'PERCENT']),
});
export type KpiFigure = z.infer<typeof KpiFigureSchema>;

/**
 * A group of figures from one kind of linked record (clues, cases, 四种形态 …). The result is a list of
 * groups so that other areas (self-inspection, spot checks) add theirs without changing this contract.
 */
export const KpiGroupSchema = z.object({ key: z.string(), label: z.string(), figures: z.array(KpiFigureSchema) });
export type KpiGroup = z.infer<typeof KpiGroupSchema>;

/** GET /api/v1/campaigns/:id/kpis — numbers only: no title, no name. */
export const CampaignKpisSchema = z.object({
  campaignId: z.string(),
  /** The campaign's phase (CAMPAIGN_STATE_LABELS). */
  state: z.string(),
  bulletinSchedule: z.string(),
  /** The day the figures were computed (commission zone). */
  asOf: z.string(),
  groups: z.array(KpiGroupSchema),
});
export type CampaignKpis = z.infer<typeof CampaignKpisSchema>;

/** GET /api/v1/campaigns/:id/kpis/series?from=YYYY-MM&to=YYYY-MM (at most 36 months; default the campaign's months). */
export const KpiSeriesQuerySchema = z
  .object({ from: MonthSchema.optional(), to: MonthSchema.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '起始月份不能晚于截止月份', path: ['from'] });
export type KpiSeriesQuery = z.infer<typeof KpiSeriesQuerySchema>;

/** The same figures per month: `values[i]` belongs to `months[i]` (new in that month, not cumulative). */
export const KpiSeriesSchema = z.object({
  months: z.array(z.string()),
  series: z.array(z.object({ key: z.string(), label: z.string(), unit: KpiFigureSchema.shape.unit, values: z.array(z.number()) })),
});
export type KpiSeries = z.infer<typeof KpiSeriesSchema>;

// ---------------------------------------------------------------- 建章立制

/** POST /api/v1/campaigns/:id/rules */
export const CampaignRuleCreateBodySchema = z.object({
  /** The unit that adopted the rule (a host unit, a department, an office). */
  unitOrgId: Id,
  title: text(200, 2),
  issuedOn: IsoDate,
  /** The rule's text, uploaded first (POST /api/v1/attachments). */
  attachmentId: Id.optional(),
});
export type CampaignRuleCreateBody = z.infer<typeof CampaignRuleCreateBodySchema>;

export const CampaignRuleSchema = z.object({
  id: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  title: z.string(),
  issuedOn: z.string(),
  attachment: z.object({ id: z.string(), filename: z.string() }).nullable(),
  createdAt: z.string(),
  version: z.number(),
  /** remove: the caller recorded this entry or is the 书记 (the DELETE route's rule), so the screen offers it. */
  abilities: z.object({ remove: z.boolean() }),
});
export type CampaignRule = z.infer<typeof CampaignRuleSchema>;

export const CampaignRuleListSchema = z.object({
  items: z.array(CampaignRuleSchema),
  /** The caller may add rules (lead office, participants, 专班 members). */
  canAdd: z.boolean(),
});
export type CampaignRuleList = z.infer<typeof CampaignRuleListSchema>;

// ---------------------------------------------------------------- 定期通报

/** POST /api/v1/campaigns/:id/bulletins/draft — draft this period's progress bulletin now (idempotent). */
export const CampaignBulletinDraftResultSchema = z.object({
  bulletinId: z.string(),
  period: z.string(),
  /** false when this period's bulletin already existed (nothing new written). */
  created: z.boolean(),
});
export type CampaignBulletinDraftResult = z.infer<typeof CampaignBulletinDraftResultSchema>;

export const CampaignBulletinItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  period: z.string().nullable(),
  docNo: z.string().nullable(),
  signed: z.boolean(),
  issuedOn: z.string().nullable(),
  createdAt: z.string(),
});
export const CampaignBulletinListSchema = z.object({
  items: z.array(CampaignBulletinItemSchema),
  /** The current period's key ('2026-11' or '2026-Q4'), null when the campaign has no schedule or is not running. */
  currentPeriod: z.string().nullable(),
  canDraft: z.boolean(),
});
export type CampaignBulletinList = z.infer<typeof CampaignBulletinListSchema>;

/**
 * Linked clues / cases / tasks of the cockpit: only those the caller may open (each object's own
 * visibility predicate), to drill into the object's own page.
 */
export const CampaignLinksSchema = z.object({
  clues: z.array(z.object({ id: z.string(), clueNo: z.string().nullable(), title: z.string(), state: z.string(), receivedOn: z.string() })),
  cases: z.array(z.object({ id: z.string(), caseNo: z.string(), title: z.string(), state: z.string(), filedOn: z.string().nullable() })),
  tasks: z.array(z.object({ id: z.string(), issue: z.string(), state: z.string(), deadline: z.string() })),
});
export type CampaignLinks = z.infer<typeof CampaignLinksSchema>;
