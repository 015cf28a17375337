import { z } from 'zod';
import { type Labelled, codesOf } from '../labels';
import { PageQuerySchema, text, VersionSchema } from '../platform/common';
import { CommonItemIssuedSchema } from '../supervision/contracts-common-items';
import { BasisSchema, FrequencySchema, MethodSchema } from '../supervision/enums';
import { LetterItemInputSchema } from '../reform/contracts-letters';
import { LetterTypeSchema } from '../reform/enums';
import { ProblemActionSchema } from './machine';
import { ProblemStateSchema } from './states';

/*
 * 难点堵点 / 行业性 / 系统性问题 (issue 15): problems with sector and type (dictionary codes), the units
 * affected, evidence links to findings, clues, cases and letters, a joint analysis (联合汇总剖析) with the
 * participating 室 / 组 / 地, and their conversion into next year's common supervision item.
 */

export { PROBLEM_STATE_LABELS, type ProblemState, ProblemStateSchema } from './states';

export const EVIDENCE_TYPE_LABELS = {
  finding: { zh: '监督发现问题', en: 'Finding' },
  clue: { zh: '问题线索', en: 'Clue' },
  case: { zh: '案件', en: 'Case' },
  letter: { zh: '建议书', en: 'Recommendation letter' },
} as const satisfies Labelled<string>;
export type EvidenceType = keyof typeof EVIDENCE_TYPE_LABELS;
export const EvidenceTypeSchema = z.enum(codesOf(EVIDENCE_TYPE_LABELS), '证据类型须为 finding、clue、case 或 letter');

const Id = z.uuid('编号格式不正确');
const Code = (what: string) => z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, `${what}须为数据字典“${what}”的编码`);
export const EvidenceRefSchema = z.object({ type: EvidenceTypeSchema, id: Id });
export type EvidenceRef = z.infer<typeof EvidenceRefSchema>;

const NamedRef = z.object({ id: z.string(), name: z.string() });

export const EvidenceSchema = z.object({
  type: EvidenceTypeSchema,
  id: z.string(),
  title: z.string(),
  ref: z.string().nullable(),
  unit: NamedRef.nullable(),
});

export const ProblemSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  sector: z.string(),
  sectorLabel: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  state: ProblemStateSchema,
  origin: z.enum(['MANUAL', 'CLUSTER']),
  ownerOrg: NamedRef,
  units: z.array(NamedRef),
  evidenceCount: z.number(),
  createdAt: z.string(),
  version: z.number(),
});
export type ProblemSummary = z.infer<typeof ProblemSummarySchema>;

export const ProblemDetailSchema = ProblemSummarySchema.extend({
  description: z.string(),
  analysis: z.string(),
  analysedOn: z.string().nullable(),
  analysisOrgs: z.array(NamedRef),
  /** Only the evidence the reader may see. */
  evidence: z.array(EvidenceSchema),
  /** What the problem became; a letter or campaign the reader may not open is left out. */
  conversions: z.array(z.object({ targetType: z.enum(['common_item', 'letter', 'campaign']), targetId: z.string(), ref: z.string(), at: z.string() })),
  /** update: edit the problem, its analysis and evidence; actions: what the machine lets the caller do now. */
  abilities: z.object({ update: z.boolean(), actions: z.array(ProblemActionSchema) }),
});
export type ProblemDetail = z.infer<typeof ProblemDetailSchema>;

export const ProblemQuerySchema = PageQuerySchema.extend({
  q: text(100).optional(),
  sector: Code('行业领域').optional(),
  type: Code('问题类型').optional(),
  state: ProblemStateSchema.optional(),
});
export type ProblemQuery = z.infer<typeof ProblemQuerySchema>;

export const ProblemPageSchema = z.object({ items: z.array(ProblemSummarySchema), total: z.number(), abilities: z.object({ create: z.boolean() }) });

const OrgIds = z.array(Id).max(50, '单位不超过50个');

/** POST /api/v1/problems — by hand, or confirming a candidate cluster (origin CLUSTER, its members as evidence). */
export const ProblemCreateBodySchema = z.object({
  title: text(200, 1),
  description: text(20_000).optional(),
  sector: Code('行业领域'),
  type: Code('问题类型'),
  /** Defaults to the caller's org. */
  ownerOrgId: Id.optional(),
  unitOrgIds: OrgIds.optional(),
  analysisOrgIds: OrgIds.optional(),
  evidence: z.array(EvidenceRefSchema).max(500, '证据不超过500项').optional(),
  origin: z.enum(['MANUAL', 'CLUSTER'], '来源须为 MANUAL 或 CLUSTER').optional(),
});
export type ProblemCreateBody = z.infer<typeof ProblemCreateBodySchema>;

/** PATCH /api/v1/problems/:id — only the fields sent change; evidence is added / removed by reference. */
export const ProblemPatchBodySchema = z.object({
  version: VersionSchema,
  title: text(200, 1).optional(),
  description: text(20_000).optional(),
  sector: Code('行业领域').optional(),
  type: Code('问题类型').optional(),
  unitOrgIds: OrgIds.optional(),
  analysisOrgIds: OrgIds.optional(),
  analysis: text(20_000).optional(),
  analysedOn: z.iso.date('日期格式须为 YYYY-MM-DD').nullable().optional(),
  evidenceAdd: z.array(EvidenceRefSchema).max(500, '证据不超过500项').optional(),
  evidenceRemove: z.array(EvidenceRefSchema).max(500, '证据不超过500项').optional(),
  /** The state changes only by an action (POST /problems/:id/actions), never by an edit. */
  state: z.never('状态不能直接修改，请通过“确认”“不予认定”或“转化”操作办理').optional(),
});
export type ProblemPatchBody = z.infer<typeof ProblemPatchBodySchema>;

/** The fields of the `convert` action: a confirmed problem becomes next year's common supervision item. */
const ConvertFields = {
  year: z.number('年度须为整数').int('年度须为整数').min(2000).max(2100),
  matter: text(500, 1),
  bases: z.array(BasisSchema).min(1, '至少选择一项监督依据').max(10),
  methods: z.array(MethodSchema).min(1, '至少选择一种监督方式').max(10),
  frequency: FrequencySchema.optional(),
  dueDate: z.iso.date('日期格式须为 YYYY-MM-DD').optional(),
};

/** POST /api/v1/problems/:id/convert — the `convert` action with its fields (the same as through /actions). */
export const ProblemConvertBodySchema = z.object({ version: VersionSchema, ...ConvertFields });
export type ProblemConvertBody = z.infer<typeof ProblemConvertBodySchema>;

/**
 * The fields of `toLetter`: a DRAFTING recommendation letter to the unit the caller chooses (validated in
 * scope). Causes and recommendations are prefilled from the joint analysis (splitAnalysis); `items` replaces
 * the prefilled recommendations, and is required when the analysis proposes none.
 */
const LetterFields = {
  recipientOrgId: Id,
  type: LetterTypeSchema.default('COMBINED'),
  title: text(200, 1).optional(),
  items: z.array(LetterItemInputSchema).min(1, '至少提出一项建议').max(30, '建议事项不超过30项').optional(),
  /** The deadline of the prefilled recommendations (default: 90 days from today). */
  deadline: z.iso.date('日期格式须为 YYYY-MM-DD').optional(),
};
/** POST /api/v1/problems/:id/convert-to-letter */
export const ProblemLetterBodySchema = z.object({ version: VersionSchema, ...LetterFields });
export type ProblemLetterBody = z.infer<typeof ProblemLetterBodySchema>;

/** The fields of `toCampaign`: a PLANNED 专项整治 led by the 党风政风监督室, its sector and theme the problem's. */
const CampaignFields = {
  /** Default 「<问题>专项整治」. */
  name: text(100, 2).optional(),
  year: z.number('年度须为整数').int('年度须为整数').min(2000, '年度不早于2000').max(2100, '年度不晚于2100'),
  startsOn: z.iso.date('日期格式须为 YYYY-MM-DD').nullable().optional(),
  endsOn: z.iso.date('日期格式须为 YYYY-MM-DD').nullable().optional(),
};
/** POST /api/v1/problems/:id/convert-to-campaign */
export const ProblemCampaignBodySchema = z.object({ version: VersionSchema, ...CampaignFields });
export type ProblemCampaignBody = z.infer<typeof ProblemCampaignBodySchema>;

/** POST /api/v1/problems/:id/actions — confirm / dismiss (with an optional comment) or a conversion (with its fields). */
export const ProblemActionBodySchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal(['confirm', 'dismiss']), version: VersionSchema, comment: text(2000).nullable().optional() }),
    z.object({ action: z.literal('convert'), version: VersionSchema, comment: text(2000).nullable().optional(), ...ConvertFields }),
    z.object({ action: z.literal('toLetter'), version: VersionSchema, comment: text(2000).nullable().optional(), ...LetterFields }),
    z.object({ action: z.literal('toCampaign'), version: VersionSchema, comment: text(2000).nullable().optional(), ...CampaignFields }),
  ],
  { error: '操作类型须为 confirm、dismiss、convert、toLetter 或 toCampaign' },
);
export type ProblemActionBody = z.infer<typeof ProblemActionBodySchema>;
export const ProblemConvertedSchema = z.object({ problem: ProblemDetailSchema, issued: CommonItemIssuedSchema });
export type ProblemConverted = z.infer<typeof ProblemConvertedSchema>;
export const ProblemToLetterSchema = z.object({ problem: ProblemDetailSchema, letter: z.object({ id: z.string(), title: z.string() }) });
export const ProblemToCampaignSchema = z.object({ problem: ProblemDetailSchema, campaign: z.object({ id: z.string(), name: z.string() }) });

/** GET /api/v1/problems/candidates — clusters of similar findings and clues across units. */
export const CandidateQuerySchema = z.object({
  sector: Code('行业领域').optional(),
  /** Cosine similarity threshold (0.1–0.95). */
  threshold: z.coerce.number('阈值须为数字').min(0.1, '阈值不小于0.1').max(0.95, '阈值不大于0.95').default(0.35),
  /** Minimum number of distinct units in a candidate. */
  minUnits: z.coerce.number('单位数须为整数').int('单位数须为整数').min(1).max(20).default(2),
});
export type CandidateQuery = z.infer<typeof CandidateQuerySchema>;

export const CandidateSchema = z.object({
  key: z.string(),
  keywords: z.array(z.string()),
  members: z.array(EvidenceSchema),
  units: z.array(NamedRef),
  memberCount: z.number(),
  sector: z.string().nullable(),
});
export const CandidateListSchema = z.object({ items: z.array(CandidateSchema), considered: z.number() });
export type Candidate = z.infer<typeof CandidateSchema>;
