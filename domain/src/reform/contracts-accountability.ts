import { z } from 'zod';
import { PageQuerySchema, text, VersionSchema } from '../platform/common';
import { CampaignIdSchema } from '../campaigns/links';
import {
  ReformIdSchema as Id,
  ReformIsoDateSchema as IsoDate,
  ReformPageSizeSchema as PageSize,
  ReformRefSchema as NamedRefSchema,
  ReformYearQuerySchema as Year,
} from './contracts-common';
import { ACCOUNTABILITY_METHOD_LABELS, ACCOUNTABILITY_TARGET_LABELS, AccountabilityMethodSchema, AccountabilityTargetSchema, METHODS_BY_TARGET } from './enums';

/*
 * Contracts of 追责问责 records (问责条例): create, change, ledger, stats — docs/reform-api.md
 * "Rectification and accountability". Re-exported by contracts-reform.ts.
 */

const AccountabilityBaseFields = {
  targetKind: AccountabilityTargetSchema,
  targetName: text(200, 1),
  targetOrgId: Id.nullish(),
  targetPosition: text(200).nullish(),
  method: AccountabilityMethodSchema,
  basis: text(5000, 1),
  facts: text(20_000).optional(),
  decidingBody: text(200, 1),
  decidedOn: IsoDate,
  /** Defaults to decidedOn + 1 month for 组织调整或组织处理. */
  procedureDue: IsoDate.nullish(),
};

/** The 问责条例 art.8 rule: a method must be allowed for the target; the message sits on `method`. */
export function methodAllowed(v: { targetKind: keyof typeof METHODS_BY_TARGET; method: z.infer<typeof AccountabilityMethodSchema> }): boolean {
  return METHODS_BY_TARGET[v.targetKind].includes(v.method);
}
export function methodMessage(targetKind: keyof typeof METHODS_BY_TARGET, method: z.infer<typeof AccountabilityMethodSchema>): string {
  const allowed = METHODS_BY_TARGET[targetKind].map((m) => ACCOUNTABILITY_METHOD_LABELS[m].zh).join('、');
  return `对${ACCOUNTABILITY_TARGET_LABELS[targetKind].zh}不能采取“${ACCOUNTABILITY_METHOD_LABELS[method].zh}”的问责方式，可选：${allowed}`;
}
const refineMethod = (v: { targetKind: 'PARTY_ORG' | 'LEADER'; method: z.infer<typeof AccountabilityMethodSchema> }, ctx: z.RefinementCtx) => {
  if (!methodAllowed(v)) ctx.addIssue({ code: 'custom', path: ['method'], message: methodMessage(v.targetKind, v.method) });
};

/** The accountability decided at the 问责 rung of an escalation (linked to the task in the same transaction). */
export const EscalationAccountabilitySchema = z.object(AccountabilityBaseFields).superRefine(refineMethod);
export type EscalationAccountability = z.infer<typeof EscalationAccountabilitySchema>;

/** POST /api/v1/accountabilities */
export const AccountabilityCreateBodySchema = z
  .object({
    ...AccountabilityBaseFields,
    caseId: Id.nullish(),
    /** 所属专项整治 (追责问责 in a campaign). */
    campaignId: CampaignIdSchema.nullish(),
    rectificationTaskId: Id.nullish(),
    letterId: Id.nullish(),
    /** Defaults to the caller's org. */
    ownerOrgId: Id.optional(),
  })
  .superRefine(refineMethod);
export type AccountabilityCreateBody = z.infer<typeof AccountabilityCreateBodySchema>;

/** PATCH /api/v1/accountabilities/:id — only the fields sent change (the method rule is checked on the result). */
export const AccountabilityPatchBodySchema = z.object({
  version: VersionSchema,
  targetKind: AccountabilityTargetSchema.optional(),
  targetName: text(200, 1).optional(),
  targetOrgId: Id.nullable().optional(),
  targetPosition: text(200).nullable().optional(),
  method: AccountabilityMethodSchema.optional(),
  basis: text(5000, 1).optional(),
  facts: text(20_000).optional(),
  decidingBody: text(200, 1).optional(),
  decidedOn: IsoDate.optional(),
  procedureDue: IsoDate.nullable().optional(),
  caseId: Id.nullable().optional(),
  campaignId: CampaignIdSchema.nullable().optional(),
  rectificationTaskId: Id.nullable().optional(),
  letterId: Id.nullable().optional(),
});
export type AccountabilityPatchBody = z.infer<typeof AccountabilityPatchBodySchema>;

export const AccountabilitySchema = z.object({
  id: z.string(),
  targetKind: AccountabilityTargetSchema,
  targetName: z.string(),
  targetOrg: NamedRefSchema.nullable(),
  targetPosition: z.string().nullable(),
  method: AccountabilityMethodSchema,
  basis: z.string(),
  facts: z.string(),
  decidingBody: z.string(),
  decidedOn: z.string(),
  procedureDue: z.string().nullable(),
  case: z.object({ id: z.string(), caseNo: z.string().nullable(), title: z.string() }).nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  rectificationTask: z.object({ id: z.string(), issue: z.string() }).nullable(),
  letter: z.object({ id: z.string(), title: z.string(), docNo: z.string().nullable() }).nullable(),
  ownerOrg: NamedRefSchema,
  createdBy: NamedRefSchema.nullable(),
  createdAt: z.string(),
  version: z.number(),
  abilities: z.object({ update: z.boolean() }),
});
export type Accountability = z.infer<typeof AccountabilitySchema>;

/** GET /api/v1/accountabilities and /api/v1/accountabilities/export.xlsx */
export const AccountabilityQuerySchema = PageQuerySchema.extend({
  pageSize: PageSize,
  q: text(100).optional(),
  targetKind: AccountabilityTargetSchema.optional(),
  method: AccountabilityMethodSchema.optional(),
  ownerOrgId: Id.optional(),
  caseId: Id.optional(),
  rectificationTaskId: Id.optional(),
  letterId: Id.optional(),
  /** Only the accountability of this campaign. */
  campaignId: Id.optional(),
  year: Year.optional(),
});
export type AccountabilityQuery = z.infer<typeof AccountabilityQuerySchema>;

export const AccountabilityPageSchema = z.object({
  items: z.array(AccountabilitySchema),
  total: z.number(),
  abilities: z.object({ create: z.boolean(), export: z.boolean() }),
});

/** GET /api/v1/accountabilities/stats — counts for dashboards. */
export const AccountabilityStatsQuerySchema = z.object({ year: Year.optional() });
export const AccountabilityStatsSchema = z.object({
  total: z.number(),
  byMethod: z.record(AccountabilityMethodSchema, z.number()),
  byTarget: z.record(AccountabilityTargetSchema, z.number()),
  byTargetMethod: z.array(z.object({ targetKind: AccountabilityTargetSchema, method: AccountabilityMethodSchema, count: z.number() })),
});
export type AccountabilityStats = z.infer<typeof AccountabilityStatsSchema>;
