import { z } from 'zod';
import { SharedAccessSchema } from '../shares/contracts';
import { idNumberProblem, normaliseIdNumber } from '../org/id-number';
import { PageQuerySchema, text, VersionSchema } from '../platform/common';
import { EvidenceSourceSchema, IntegrityConclusionSchema, IntegrityStateSchema } from './enums';
import { IntegrityActionSchema } from './machine';

/*
 * Contracts of 党风廉政意见回复 (domain.md a.2, b.6, d, f.1): the request and its cadres, the evidence
 * collected per cadre, the conclusions, the sign-off actions, the ledger. Only the 干部监督室 and the
 * leaders (书记, the leader overseeing the 干部监督室) reach any of it; everyone else gets 404.
 */

const Id = z.uuid('编号格式不正确');
const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
const Ref = z.object({ id: z.string(), name: z.string() });

/** 身份证号码 (optional): stored SM4-encrypted with a masked form, like every person's ID number. */
const IdNumber = z
  .string()
  .max(40, '身份证号码不超过40个字符')
  .transform(normaliseIdNumber)
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** One cadre named in the request. */
export const CadreInputSchema = z.object({
  name: text(50, 2),
  /** 工作单位 as the request names it. */
  unitName: text(100, 2),
  /** The unit in the org tree, when it is one (evidence lines are matched on it). */
  unitOrgId: Id.optional(),
  position: text(100, 1),
  idNumber: IdNumber.optional(),
  /** The person record, when the cadre is one the commission already knows (matches clues and cases on it). */
  personId: Id.optional(),
});
export type CadreInput = z.infer<typeof CadreInputSchema>;

/** POST /api/v1/integrity-replies — 登记征求意见函 (the 干部监督室). */
export const IntegrityCreateBodySchema = z
  .object({
    /** 来函单位, e.g. 中共兰州市委组织部. */
    requestingOrg: text(100, 2),
    /** 来函文号 (optional). */
    requestDocNo: text(50).optional(),
    /** 征求意见事由, e.g. 拟提拔任用. */
    purpose: text(200, 2),
    receivedOn: IsoDate,
    /** 回复期限: on or after the day received. */
    dueOn: IsoDate,
    cadres: z.array(CadreInputSchema).min(1, '请至少填写一名干部').max(50, '一次征求意见不超过50名干部'),
  })
  .refine((b) => b.dueOn >= b.receivedOn, { path: ['dueOn'], message: '回复期限不能早于收函日期' });
export type IntegrityCreateBody = z.infer<typeof IntegrityCreateBodySchema>;

/** PATCH /api/v1/integrity-replies/:id/cadres/:cadreId — the drafter's conclusion for one cadre. */
export const CadreConclusionBodySchema = z.object({
  /** The reply's version the caller read (a stale one is 409). */
  version: VersionSchema,
  conclusion: IntegrityConclusionSchema,
  /** 回复意见 text for this cadre, as it will appear in the letter. */
  opinion: text(2000, 2),
});
export type CadreConclusionBody = z.infer<typeof CadreConclusionBodySchema>;

/** POST /api/v1/integrity-replies/:id/collect — collects (again) the evidence of every cadre, in the caller's scope. */
export const CollectBodySchema = z.object({ version: VersionSchema });

/** POST /api/v1/integrity-replies/:id/actions */
export const IntegrityActionBodySchema = z.object({
  action: IntegrityActionSchema,
  version: VersionSchema,
  comment: text(2000).optional(),
});
export type IntegrityActionBody = z.infer<typeof IntegrityActionBodySchema>;

export const CadreIdParamsSchema = z.object({ id: Id, cadreId: Id });

export const EvidenceSchema = z.object({
  source: EvidenceSourceSchema,
  sourceId: z.string(),
  /** 线索编号 / 案件编号 … (null for a finding). */
  refNo: z.string().nullable(),
  title: z.string(),
  /** The source's state code when collected (a clue's or case's). */
  state: z.string().nullable(),
  on: z.string().nullable(),
  collectedBy: z.string(),
  collectedAt: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const CadreSchema = z.object({
  id: z.string(),
  seq: z.number(),
  name: z.string(),
  unitName: z.string(),
  unitOrgId: z.string().nullable(),
  position: z.string(),
  /** e.g. 6201**********123X; the full number is never sent. */
  idNumberMasked: z.string().nullable(),
  personId: z.string().nullable(),
  conclusion: IntegrityConclusionSchema.nullable(),
  opinion: z.string(),
  collectedAt: z.string().nullable(),
  evidence: z.array(EvidenceSchema),
});
export type Cadre = z.infer<typeof CadreSchema>;

export const IntegritySummarySchema = z.object({
  id: z.string(),
  requestingOrg: z.string(),
  requestDocNo: z.string().nullable(),
  purpose: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  state: IntegrityStateSchema,
  docNo: z.string().nullable(),
  issuedOn: z.string().nullable(),
  cadreNames: z.array(z.string()),
  /** Cadres concluded 有问题但不影响使用 or 不宜使用. */
  flagged: z.number(),
  overdue: z.boolean(),
  /** Not yet issued and due within 3 working days (临期; the daily job reminds the 干部监督室 then). */
  dueSoon: z.boolean(),
  version: z.number(),
});
export type IntegritySummary = z.infer<typeof IntegritySummarySchema>;

export const IntegrityListQuerySchema = PageQuerySchema.extend({
  state: IntegrityStateSchema.optional(),
  q: text(50).optional(),
});
export type IntegrityListQuery = z.infer<typeof IntegrityListQuerySchema>;

export const IntegrityListSchema = z.object({
  items: z.array(IntegritySummarySchema),
  total: z.number(),
  abilities: z.object({ create: z.boolean() }),
});

export const IntegrityDetailSchema = IntegritySummarySchema.extend({
  draftingOrg: Ref,
  createdBy: Ref,
  submittedBy: Ref.nullable(),
  approvedBy: Ref.nullable(),
  approvedAt: z.string().nullable(),
  cadres: z.array(CadreSchema),
  events: z.array(
    z.object({
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string().nullable(),
      comment: z.string().nullable(),
      actor: z.string().nullable(),
      at: z.string(),
    }),
  ),
  /** Opened under a 信息互通 grant (干部信息; read-only; SUMMARY withholds opinions and evidence). */
  shared: SharedAccessSchema,
  abilities: z.object({ actions: z.array(IntegrityActionSchema), edit: z.boolean(), collect: z.boolean() }),
});
export type IntegrityDetail = z.infer<typeof IntegrityDetailSchema>;
