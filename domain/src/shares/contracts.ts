import { z } from 'zod';
import { PageQuerySchema, text, VersionSchema } from '../platform/common';
import {
  SHARE_KIND_OBJECT_TYPES,
  SHARE_MAX_DAYS,
  ShareBoxSchema,
  ShareDetailSchema,
  ShareEffectSchema,
  ShareKindSchema,
  ShareObjectTypeSchema,
  ShareOriginSchema,
  ShareStateSchema,
} from './enums';
import { ShareActionSchema } from './machine';

/*
 * Contracts of 信息互通 (issue 11): requests and pushes, their approval, the grants they become, and what a
 * grantee reads under a grant. Routes: server/src/modules/shares/routes.ts.
 */

const Id = z.uuid('编号格式不正确');
const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
const NamedRef = z.object({ id: z.string(), name: z.string() });

/** One named object of a grant. */
export const ShareObjectRefSchema = z.object({ type: ShareObjectTypeSchema, id: Id });
export type ShareObjectRef = z.infer<typeof ShareObjectRefSchema>;

const dayCount = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/**
 * POST /api/v1/shares — a request (the caller's org asks `ownerOrgId`) or a push (the caller's org offers
 * its own information to `granteeOrgId`). A grant covers either named objects (`objects`) or a named
 * category of the owner org (`categoryTypes`: every object of those types that belongs to it), never both.
 * A request names a category (the requester cannot see the owner's objects); the approver may narrow it to
 * named objects when approving.
 */
export const ShareCreateBodySchema = z
  .object({
    origin: ShareOriginSchema,
    kind: ShareKindSchema,
    /** The side whose information is shared; required for a request, the caller's org for a push. */
    ownerOrgId: Id.nullish(),
    /** The side that receives it; required for a push, the caller's org for a request. */
    granteeOrgId: Id.nullish(),
    /** 事由: why the information is needed (need-to-know). */
    purpose: text(500, 4),
    detail: ShareDetailSchema.default('SUMMARY'),
    startsOn: IsoDate,
    endsOn: IsoDate,
    objects: z.array(ShareObjectRefSchema).min(1, '至少选择一项').max(200, '一次共享不超过200项').optional(),
    categoryTypes: z.array(ShareObjectTypeSchema).min(1, '至少选择一类').max(6).optional(),
  })
  .superRefine((b, c) => {
    if (b.origin === 'REQUEST' && !b.ownerOrgId) c.addIssue({ code: 'custom', path: ['ownerOrgId'], message: '申请共享须选择被申请单位' });
    if (b.origin === 'PUSH' && !b.granteeOrgId) c.addIssue({ code: 'custom', path: ['granteeOrgId'], message: '主动推送须选择接收单位' });
    if (b.origin === 'REQUEST' && b.objects) c.addIssue({ code: 'custom', path: ['objects'], message: '申请共享按类别提出，具体事项由审批人确定' });
    if (!b.objects === !b.categoryTypes) c.addIssue({ code: 'custom', path: ['objects'], message: '须选择具体事项或共享类别（二者择一）' });
    const allowed = SHARE_KIND_OBJECT_TYPES[b.kind];
    b.objects?.forEach((o, i) => {
      if (!allowed.includes(o.type)) c.addIssue({ code: 'custom', path: ['objects', i, 'type'], message: '该类对象不属于所选共享类别' });
    });
    b.categoryTypes?.forEach((t, i) => {
      if (!allowed.includes(t)) c.addIssue({ code: 'custom', path: ['categoryTypes', i], message: '该类对象不属于所选共享类别' });
    });
    const days = dayCount(b.startsOn, b.endsOn);
    if (days < 0) c.addIssue({ code: 'custom', path: ['endsOn'], message: '截止日期不得早于开始日期' });
    if (days >= SHARE_MAX_DAYS) c.addIssue({ code: 'custom', path: ['endsOn'], message: `共享期限不超过${SHARE_MAX_DAYS}天` });
  });
export type ShareCreateBody = z.infer<typeof ShareCreateBodySchema>;

/**
 * POST /api/v1/shares/:id/actions. On `approve` the approver may narrow the grant to named objects of the
 * owner org (`objects`), choose the detail level and shorten the end date; `refuse` and `revoke` need a comment.
 */
export const ShareActionBodySchema = z.object({
  action: ShareActionSchema,
  version: VersionSchema,
  comment: text(500).nullish(),
  objects: z.array(ShareObjectRefSchema).min(1, '至少选择一项').max(200, '一次共享不超过200项').optional(),
  detail: ShareDetailSchema.optional(),
  endsOn: IsoDate.optional(),
});
export type ShareActionBody = z.infer<typeof ShareActionBodySchema>;

/**
 * On an object's detail page: it was opened under 信息互通 grants (null when the reader sees it in their own
 * right). SUMMARY: the content, documents, team and timeline are withheld; every ability is off either way.
 */
export const SharedAccessSchema = z.object({ shareIds: z.array(z.string()), detail: ShareDetailSchema }).nullable();
export type SharedAccess = z.infer<typeof SharedAccessSchema>;

/** A named object as the share shows it: its 编号 and title, to whoever may see the share. */
export const SharedObjectSchema = z.object({
  type: ShareObjectTypeSchema,
  id: z.string(),
  /** 编号 (clue/case/letter number) or '' when the type has none. */
  number: z.string(),
  title: z.string(),
  /** The state label of the object, zh-CN. */
  state: z.string(),
  /** The web page that opens the object (the grantee opens it under the grant). */
  link: z.string(),
});
export type SharedObject = z.infer<typeof SharedObjectSchema>;

export const ShareAbilitiesSchema = z.object({ actions: z.array(ShareActionSchema) });

export const ShareSummarySchema = z.object({
  id: z.string(),
  origin: ShareOriginSchema,
  kind: ShareKindSchema,
  state: ShareStateSchema,
  /** For APPROVED: whether it is in force today; NONE otherwise. */
  effect: ShareEffectSchema,
  ownerOrg: NamedRef,
  granteeOrg: NamedRef,
  startedBy: NamedRef,
  approver: NamedRef.nullable(),
  purpose: z.string(),
  detail: ShareDetailSchema,
  startsOn: z.string(),
  endsOn: z.string(),
  /** Named objects (count) or the category types. */
  objectCount: z.number(),
  categoryTypes: z.array(ShareObjectTypeSchema),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  version: z.number(),
});
export type ShareSummary = z.infer<typeof ShareSummarySchema>;

export const ShareTimelineEntrySchema = z.object({
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  comment: z.string().nullable(),
  actor: z.string().nullable(),
  at: z.string(),
});

/** GET /api/v1/shares/:id */
export const ShareDetailResponseSchema = ShareSummarySchema.extend({
  objects: z.array(SharedObjectSchema),
  decisionComment: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  timeline: z.array(ShareTimelineEntrySchema),
  abilities: ShareAbilitiesSchema,
});
export type ShareDetailResponse = z.infer<typeof ShareDetailResponseSchema>;

/** GET /api/v1/shares and its export. */
export const ShareQuerySchema = PageQuerySchema.extend({
  box: ShareBoxSchema.default('mine'),
  kind: ShareKindSchema.optional(),
  state: ShareStateSchema.optional(),
});
export type ShareQuery = z.infer<typeof ShareQuerySchema>;

export const SharePageSchema = z.object({
  items: z.array(ShareSummarySchema),
  total: z.number(),
  /** How many pending shares wait for the caller (the badge on 待我审批). */
  toApprove: z.number(),
  abilities: z.object({ create: z.boolean() }),
});
export type SharePage = z.infer<typeof SharePageSchema>;

/**
 * GET /api/v1/shares/:id/objects — what the grantee reads under an APPROVED share in force: the named
 * objects, or for a category grant the objects of the owner org of those types (paged). Each read is
 * audited with the grant id. 404 for anyone else or after the grant ended.
 */
export const SharedObjectsQuerySchema = PageQuerySchema.extend({ q: text(100).optional() });
export const SharedObjectsPageSchema = z.object({ items: z.array(SharedObjectSchema), total: z.number() });
export type SharedObjectsPage = z.infer<typeof SharedObjectsPageSchema>;

/**
 * GET /api/v1/shares/candidates?kind=&q= — objects the caller may name in a push or an approval: those of
 * the kind's types that the caller sees and that belong to `ownerOrgId` (default: the caller's org).
 */
export const ShareCandidatesQuerySchema = z.object({
  kind: ShareKindSchema,
  ownerOrgId: Id.optional(),
  q: text(100).optional(),
});
export const ShareCandidatesSchema = z.object({ items: z.array(SharedObjectSchema) });

/** GET /api/v1/shares/orgs — the orgs a share may name as owner or grantee: offices, groups, counties of the commission. */
export const ShareOrgsSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })) });
