import { z } from 'zod';
import { OrgKindSchema, ZoneModeSchema } from '../org/enums';
import { text, VersionSchema } from '../platform/common';
import { FindingDispositionSchema } from '../supervision/enums';

/*
 * Contracts of 片区协作 (zone collaboration activities, domain.md g.4 scenario 5): a county work zone
 * runs a joint activity in one of its modes, with participants from its members, the county's offices
 * and township commissions, and records outcomes and findings.
 */

const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
const Id = z.uuid('编号格式不正确');
const NamedRef = z.object({ id: z.string(), name: z.string() });

export const ZoneActivityAbilitiesSchema = z.object({ update: z.boolean(), addFinding: z.boolean() });

export const ZoneActivitySchema = z.object({
  id: z.string(),
  zoneId: z.string(),
  zoneName: z.string(),
  countyName: z.string(),
  mode: ZoneModeSchema,
  title: z.string(),
  heldFrom: z.string(),
  heldTo: z.string().nullable(),
  participants: z.array(z.object({ id: z.string(), name: z.string(), kind: OrgKindSchema })),
  summary: z.string(),
  outcomes: z.string(),
  findingCount: z.number(),
  createdBy: NamedRef,
  createdAt: z.string(),
  version: z.number(),
  abilities: ZoneActivityAbilitiesSchema,
});
export type ZoneActivity = z.infer<typeof ZoneActivitySchema>;

export const ZoneFindingSchema = z.object({
  id: z.string(),
  description: z.string(),
  disposition: FindingDispositionSchema,
  hostUnit: NamedRef.nullable(),
  createdBy: NamedRef,
  createdAt: z.string(),
});
export type ZoneFinding = z.infer<typeof ZoneFindingSchema>;

/** GET /api/v1/zone-activities/:id */
export const ZoneActivityDetailSchema = ZoneActivitySchema.extend({ findings: z.array(ZoneFindingSchema) });
export type ZoneActivityDetail = z.infer<typeof ZoneActivityDetailSchema>;

/** GET /api/v1/zone-activities */
export const ZoneActivityQuerySchema = z.object({
  zoneId: Id.optional(),
  year: z.coerce.number('年度须为整数').int('年度须为整数').min(2000).max(2100).optional(),
  mode: ZoneModeSchema.optional(),
});
export type ZoneActivityQuery = z.infer<typeof ZoneActivityQuerySchema>;

export const ZoneActivityCollectionSchema = z.object({
  items: z.array(ZoneActivitySchema),
  abilities: z.object({ create: z.boolean() }),
});

/** POST /api/v1/zone-activities */
export const ZoneActivityCreateBodySchema = z.object({
  zoneId: Id,
  mode: ZoneModeSchema,
  title: text(200, 1),
  heldFrom: IsoDate,
  heldTo: IsoDate.nullish(),
  participantOrgIds: z.array(Id).max(100, '参加单位不超过100个'),
  summary: text(10_000),
  outcomes: text(10_000),
});
export type ZoneActivityCreateBody = z.infer<typeof ZoneActivityCreateBodySchema>;

/** PATCH /api/v1/zone-activities/:id — only the fields sent change. */
export const ZoneActivityPatchBodySchema = z.object({
  version: VersionSchema,
  mode: ZoneModeSchema.optional(),
  title: text(200, 1).optional(),
  heldFrom: IsoDate.optional(),
  heldTo: IsoDate.nullable().optional(),
  participantOrgIds: z.array(Id).max(100, '参加单位不超过100个').optional(),
  summary: text(10_000).optional(),
  outcomes: text(10_000).optional(),
});
export type ZoneActivityPatchBody = z.infer<typeof ZoneActivityPatchBodySchema>;

/** POST /api/v1/zone-activities/:id/findings */
export const ZoneFindingBodySchema = z.object({
  description: text(5000, 1),
  disposition: FindingDispositionSchema,
  hostUnitId: Id.optional(),
});
export type ZoneFindingBody = z.infer<typeof ZoneFindingBodySchema>;
