import { z } from 'zod';
import { PageQuerySchema, text } from '../platform/common';
import { InterferenceChannelSchema, InterferenceKindSchema } from './enums';
import { IsoDate, Id, NamedRefSchema } from './contracts-core';

/** 打听案情、说情干预登记 contracts (re-exported by contracts.ts). */
// ---------------------------------------------------------------- interference register

/** POST /api/v1/interference-records — 打听案情、说情干预登记. */
export const InterferenceCreateBodySchema = z.object({
  kind: InterferenceKindSchema,
  enquirerName: text(100, 1),
  enquirerUnit: text(200).optional(),
  enquirerPosition: text(200).optional(),
  channel: InterferenceChannelSchema,
  content: text(5000, 1),
  occurredAt: z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601' }),
  reportedTo: text(200).optional(),
  handling: text(2000).optional(),
  caseId: Id.optional(),
  clueId: Id.optional(),
});
export type InterferenceCreateBody = z.infer<typeof InterferenceCreateBodySchema>;

export const InterferenceRecordSchema = z.object({
  id: z.string(),
  kind: InterferenceKindSchema,
  enquirerName: z.string(),
  enquirerUnit: z.string().nullable(),
  enquirerPosition: z.string().nullable(),
  channel: InterferenceChannelSchema,
  content: z.string(),
  occurredAt: z.string(),
  reportedTo: z.string().nullable(),
  handling: z.string(),
  case: z.object({ id: z.string(), caseNo: z.string() }).nullable(),
  clue: z.object({ id: z.string(), clueNo: z.string().nullable() }).nullable(),
  recordedBy: NamedRefSchema,
  recorderOrg: NamedRefSchema,
  createdAt: z.string(),
});
export type InterferenceRecord = z.infer<typeof InterferenceRecordSchema>;

/** GET /api/v1/interference-records */
export const InterferenceQuerySchema = PageQuerySchema.extend({
  pageSize: z.coerce.number('每页条数须为整数').int('每页条数须为整数').min(1).max(100, '每页不超过100条').default(20),
  kind: InterferenceKindSchema.optional(),
  caseId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type InterferenceQuery = z.infer<typeof InterferenceQuerySchema>;

export const InterferenceListSchema = z.object({
  items: z.array(InterferenceRecordSchema),
  total: z.number(),
  /** The caller reads the whole commission's register (干部监督室). */
  all: z.boolean(),
});
export type InterferenceList = z.infer<typeof InterferenceListSchema>;
