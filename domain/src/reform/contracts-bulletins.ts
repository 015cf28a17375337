import { z } from 'zod';
import { PageQuerySchema, QueryFlagSchema, text, VersionSchema } from '../platform/common';
import { ReformIdSchema as Id, ReformPageSizeSchema, ReformRefSchema, ReformYearQuerySchema } from './contracts-common';
import { CampaignIdSchema } from '../campaigns/links';
import { BulletinScopeSchema, BulletinTypeSchema } from './enums';

/*
 * Contracts of 通报 (domain.md f.3; docs/reform-api.md "Bulletins"): drafts, 签发, 编号印发 as 兰纪通〔年〕N号,
 * the ledger and the detail. Re-exported by contracts-letters.ts and contracts.ts.
 */

// ---------------------------------------------------------------- bulletins (通报, f.3)

/** POST /api/v1/bulletins — an unissued 通报. */
export const BulletinCreateBodySchema = z.object({
  type: BulletinTypeSchema,
  scope: BulletinScopeSchema,
  title: text(200, 1),
  /** 主送 line. */
  recipients: text(1000).optional(),
  body: text(50000, 1),
  /** Default the caller's own org (must be in the caller's scope). */
  ownerOrgId: Id.optional(),
  /** 所属专项整治: required for a CAMPAIGN_PROGRESS bulletin, allowed for the others. */
  campaignId: CampaignIdSchema.nullish(),
});
export type BulletinCreateBody = z.infer<typeof BulletinCreateBodySchema>;

/**
 * PATCH /api/v1/bulletins/:id — edit a draft (e.g. one generated from a campaign's data) before 签发; with
 * the version read (stale → 409); once signed or numbered the text is fixed (409).
 */
export const BulletinUpdateBodySchema = z.object({
  version: VersionSchema,
  title: text(200, 1).optional(),
  recipients: text(1000).optional(),
  body: text(50000, 1).optional(),
  scope: BulletinScopeSchema.optional(),
});
export type BulletinUpdateBody = z.infer<typeof BulletinUpdateBodySchema>;

/** POST /api/v1/bulletins/:id/sign — 签发 by the 书记 or the 分管领导 of the owner office. */
export const BulletinSignBodySchema = z.object({ version: VersionSchema });
export type BulletinSignBody = z.infer<typeof BulletinSignBodySchema>;

/** POST /api/v1/bulletins/:id/issue — numbered 兰纪通〔year〕N号, only after 签发. */
export const BulletinIssueBodySchema = z.object({ version: VersionSchema });
export type BulletinIssueBody = z.infer<typeof BulletinIssueBodySchema>;

/** GET /api/v1/bulletins */
export const BulletinListQuerySchema = PageQuerySchema.extend({
  pageSize: ReformPageSizeSchema,
  q: text(100).optional(),
  type: BulletinTypeSchema.optional(),
  scope: BulletinScopeSchema.optional(),
  issued: QueryFlagSchema.optional(),
  year: ReformYearQuerySchema.optional(),
  /** Only the bulletins of this campaign. */
  campaignId: Id.optional(),
});
export type BulletinListQuery = z.infer<typeof BulletinListQuerySchema>;

export const BulletinListItemSchema = z.object({
  id: z.string(),
  type: BulletinTypeSchema,
  scope: BulletinScopeSchema,
  title: z.string(),
  recipients: z.string(),
  ownerOrg: ReformRefSchema,
  docNo: z.string().nullable(),
  issuedOn: z.string().nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type BulletinListItem = z.infer<typeof BulletinListItemSchema>;

export const BulletinListSchema = z.object({ items: z.array(BulletinListItemSchema), total: z.number() });
export type BulletinList = z.infer<typeof BulletinListSchema>;

export const BulletinAbilitiesSchema = z.object({
  /** 签发 (the 书记 or the 分管领导 of the owner office), before the number. */
  sign: z.boolean(),
  /** 编号印发: only once signed. */
  issue: z.boolean(),
  /** Edit the draft (PATCH): before 签发, by whoever may issue it. */
  edit: z.boolean(),
  exportDocx: z.boolean(),
});
export type BulletinAbilities = z.infer<typeof BulletinAbilitiesSchema>;

/** GET /api/v1/bulletins/:id */
export const BulletinDetailSchema = BulletinListItemSchema.extend({
  body: z.string(),
  createdBy: ReformRefSchema.nullable(),
  /** Who signed it off (签发) and when; null before. */
  signedBy: ReformRefSchema.nullable(),
  signedAt: z.string().nullable(),
  docxAttachmentId: z.string().nullable(),
  abilities: BulletinAbilitiesSchema,
});
export type BulletinDetail = z.infer<typeof BulletinDetailSchema>;
