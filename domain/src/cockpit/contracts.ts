import { SectorCodeSchema } from '../problems/dictionaries';
import { z } from 'zod';
import type { Labelled } from '../labels';
import { codesOf } from '../labels';

/*
 * 监督质效 leadership cockpit (issue 15): one view across supervision items, clues, cases, recommendation
 * letters, rectification tasks and campaigns, per office / group / county / sector and over the months of a
 * year. Every figure is a count the caller's visibility allows (the commission for the wide roles) and,
 * but for the standing committee (aggregates only), carries the ledger link that reproduces it.
 */

const Year = z.coerce.number('年度须为整数').int('年度须为整数').min(2000, '年度不早于2000').max(2100, '年度不晚于2100');

/** What the rows of the cockpit are. */
export const COCKPIT_DIMENSION_LABELS = {
  office: { zh: '监督检查室', en: 'Inspection offices' },
  group: { zh: '派驻纪检监察组', en: 'Dispatched groups' },
  county: { zh: '县区纪委监委', en: 'County commissions' },
  sector: { zh: '行业领域', en: 'Sectors' },
} as const satisfies Labelled<string>;
export const CockpitDimensionSchema = z.enum(codesOf(COCKPIT_DIMENSION_LABELS), '维度须为 office、group、county 或 sector');
export type CockpitDimension = z.infer<typeof CockpitDimensionSchema>;

/** The figures, in display order, grouped by the ledger they count. */
export const COCKPIT_METRIC_LABELS = {
  itemsTotal: { zh: '监督事项', en: 'Supervision items' },
  itemsDone: { zh: '已完成', en: 'Completed' },
  itemsRed: { zh: '红灯逾期', en: 'Red (overdue)' },
  cluesReceived: { zh: '受理线索', en: 'Clues received' },
  cluesOpen: { zh: '在办线索', en: 'Clues open' },
  cluesClosed: { zh: '了结线索', en: 'Clues closed' },
  casesFiled: { zh: '案件', en: 'Cases' },
  casesClosed: { zh: '结案', en: 'Cases closed' },
  lettersIssued: { zh: '印发建议书', en: 'Letters issued' },
  lettersReplied: { zh: '已回复', en: 'Replied' },
  lettersOverdue: { zh: '逾期未回复', en: 'Reply overdue' },
  tasksOpen: { zh: '整改在办', en: 'Rectification open' },
  tasksDone: { zh: '整改完成', en: 'Rectification done' },
  tasksOverdue: { zh: '整改逾期', en: 'Rectification overdue' },
  campaignsTotal: { zh: '专项整治', en: 'Campaigns' },
  campaignsActive: { zh: '进行中', en: 'Active' },
} as const satisfies Labelled<string>;
export const CockpitMetricSchema = z.enum(codesOf(COCKPIT_METRIC_LABELS));
export type CockpitMetric = z.infer<typeof CockpitMetricSchema>;
export const COCKPIT_METRICS = CockpitMetricSchema.options;

/** The ledger each figure counts (its group in the table). */
export const COCKPIT_AREA_LABELS = {
  supervision: { zh: '监督清单', en: 'Supervision lists' },
  clues: { zh: '问题线索', en: 'Clues' },
  cases: { zh: '审查调查', en: 'Cases' },
  letters: { zh: '纪检监察建议', en: 'Recommendation letters' },
  tasks: { zh: '整改落实', en: 'Rectification' },
  campaigns: { zh: '专项整治', en: 'Campaigns' },
} as const satisfies Labelled<string>;
export type CockpitArea = keyof typeof COCKPIT_AREA_LABELS;
export const COCKPIT_METRIC_AREA: Readonly<Record<CockpitMetric, CockpitArea>> = {
  itemsTotal: 'supervision',
  itemsDone: 'supervision',
  itemsRed: 'supervision',
  cluesReceived: 'clues',
  cluesOpen: 'clues',
  cluesClosed: 'clues',
  casesFiled: 'cases',
  casesClosed: 'cases',
  lettersIssued: 'letters',
  lettersReplied: 'letters',
  lettersOverdue: 'letters',
  tasksOpen: 'tasks',
  tasksDone: 'tasks',
  tasksOverdue: 'tasks',
  campaignsTotal: 'campaigns',
  campaignsActive: 'campaigns',
};

/** GET /api/v1/cockpit, /api/v1/cockpit/export.xlsx and /api/v1/cockpit/summary.docx */
export const CockpitQuerySchema = z.object({
  year: Year.optional(),
  dimension: CockpitDimensionSchema.default('office'),
  /** Only the figures of this office, group or county (its row; the total then equals it). */
  orgId: z.uuid('组织编号格式不正确').optional(),
  /** Only this sector (SECTOR dictionary code): figures that have no sector (items, letters, tasks) are then null. */
  sector: SectorCodeSchema.optional(),
});
export type CockpitQuery = z.infer<typeof CockpitQuerySchema>;

/**
 * The ledger query that reproduces a figure: `screen` is the web route, `api` the ledger endpoint whose
 * `total` equals the figure for the same caller, `query` its filters (repeated keys as arrays).
 */
export const CockpitLinkSchema = z.object({
  screen: z.string(),
  api: z.string(),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});
export type CockpitLink = z.infer<typeof CockpitLinkSchema>;

/** One figure: null when the figure does not apply (a sector for letters); link null when aggregates only. */
export const CockpitCellSchema = z.object({ value: z.number().int().nullable(), link: CockpitLinkSchema.nullable() });
export type CockpitCell = z.infer<typeof CockpitCellSchema>;

export const CockpitCellsSchema = z.record(CockpitMetricSchema, CockpitCellSchema);
export type CockpitCells = Record<CockpitMetric, CockpitCell>;

export const CockpitRowSchema = z.object({
  /** The org id or the sector code. */
  key: z.string(),
  name: z.string(),
  cells: CockpitCellsSchema,
});
export type CockpitRow = z.infer<typeof CockpitRowSchema>;

/** Monthly series of the year: `values[i]` belongs to month i + 1. */
export const COCKPIT_SERIES_LABELS = {
  cluesReceived: { zh: '受理线索', en: 'Clues received' },
  casesFiled: { zh: '立案', en: 'Cases filed' },
  lettersIssued: { zh: '印发建议书', en: 'Letters issued' },
  itemsDone: { zh: '完成监督事项', en: 'Items completed' },
} as const satisfies Labelled<string>;
export const CockpitSeriesKeySchema = z.enum(codesOf(COCKPIT_SERIES_LABELS));
export type CockpitSeriesKey = z.infer<typeof CockpitSeriesKeySchema>;

export const CockpitSchema = z.object({
  year: z.number().int(),
  dimension: CockpitDimensionSchema,
  orgId: z.string().nullable(),
  sector: z.string().nullable(),
  /** COMMISSION: the whole commission; SCOPED: what the caller's visibility allows. */
  scope: z.enum(['COMMISSION', 'SCOPED']),
  /** True for the standing committee: figures without links to object lists. */
  aggregatesOnly: z.boolean(),
  rows: z.array(CockpitRowSchema),
  total: CockpitCellsSchema,
  series: z.array(z.object({ key: CockpitSeriesKeySchema, label: z.string(), values: z.array(z.number().int()) })),
  computedAt: z.string(),
});
export type Cockpit = z.infer<typeof CockpitSchema>;
