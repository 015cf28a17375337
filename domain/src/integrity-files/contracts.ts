import { z } from 'zod';
import { PageQuerySchema, QueryFlagSchema, text, VersionSchema } from '../platform/common';
import { ALL_SECTIONS, FileRequestStateSchema, IntegritySectionSchema, KeptSectionSchema, YEARLY_SECTIONS } from './enums';
import { FileRequestActionSchema } from './machine';

/*
 * 廉政档案 (domain.md b.5 IntegrityFile, b.6, d): the custodian's register of files, a file with its sections,
 * the custodian's entries (optimistic locking on each), the consultation requests (查阅申请) and their
 * decisions, and the consultation log (查阅记录).
 */

const Id = z.uuid('编号格式不正确');
const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
const Ref = z.object({ id: z.string(), name: z.string() });

// ---- files ----
export const FileListQuerySchema = PageQuerySchema.extend({
  /** 姓名或单位 (a fragment). */
  q: text(50).optional(),
  /** Only files not updated for more than a year. */
  stale: QueryFlagSchema.optional(),
});
export type FileListQuery = z.infer<typeof FileListQuerySchema>;

export const FileSummarySchema = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), name: z.string(), unitName: z.string().nullable(), position: z.string().nullable() }),
  entries: z.number(),
  /** When the content last changed (ISO date-time). */
  contentUpdatedAt: z.string(),
  /** Not updated for more than a year (b.5: updated at least yearly). */
  stale: z.boolean(),
  reads: z.number(),
  version: z.number(),
});
export type FileSummary = z.infer<typeof FileSummarySchema>;
export const FilePageSchema = z.object({
  items: z.array(FileSummarySchema),
  total: z.number(),
  abilities: z.object({ create: z.boolean() }),
});

export const FileCreateBodySchema = z.object({ personId: Id });
export type FileCreateBody = z.infer<typeof FileCreateBodySchema>;

export const FileReadQuerySchema = z.object({
  /** Read one section only (the consultation log records what was read). */
  section: IntegritySectionSchema.optional(),
});

export const EntrySchema = z.object({
  id: z.string(),
  section: KeptSectionSchema,
  year: z.number().nullable(),
  title: z.string(),
  content: z.string(),
  recordedOn: z.string().nullable(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Entry = z.infer<typeof EntrySchema>;

export const OpinionLineSchema = z.object({
  requestingOrg: z.string(),
  docNo: z.string().nullable(),
  issuedOn: z.string().nullable(),
  conclusion: z.string(),
  opinion: z.string(),
});
export const HistoryLineSchema = z.object({
  kind: z.enum(['clue', 'case']),
  id: z.string(),
  refNo: z.string().nullable(),
  title: z.string(),
  state: z.string(),
  on: z.string().nullable(),
});
export const InquiryLineSchema = z.object({
  id: z.string(),
  form: z.string(),
  outcome: z.string().nullable(),
  measure: z.string().nullable(),
  reportedOn: z.string().nullable(),
  /** The clue it answered, only when the reader may open that clue. */
  clue: z.object({ id: z.string(), clueNo: z.string().nullable() }).nullable(),
});

export const FileSectionSchema = z.object({
  section: IntegritySectionSchema,
  entries: z.array(EntrySchema),
  opinions: z.array(OpinionLineSchema),
  history: z.array(HistoryLineSchema),
  inquiries: z.array(InquiryLineSchema),
});
export type FileSection = z.infer<typeof FileSectionSchema>;

export const FileDetailSchema = FileSummarySchema.extend({
  person: FileSummarySchema.shape.person.extend({ gender: z.string().nullable(), birthYear: z.number().nullable(), rankLevel: z.string().nullable() }),
  custodianOrg: Ref,
  sections: z.array(FileSectionSchema),
  /** Read under this approval (null: the custodian's own read). */
  readUnder: z.object({ requestId: z.string(), validUntil: z.string() }).nullable(),
  abilities: z.object({ edit: z.boolean(), log: z.boolean() }),
});
export type FileDetail = z.infer<typeof FileDetailSchema>;

export const EntryBodySchema = z
  .object({
    section: KeptSectionSchema,
    year: z.number('年度须为整数').int('年度须为整数').min(1950, '年度不早于1950年').max(2100, '年度不晚于2100年').nullable().optional(),
    title: text(100, 1),
    content: text(5000, 1),
    recordedOn: IsoDate.nullable().optional(),
  })
  .superRefine((b, ctx) => {
    if (YEARLY_SECTIONS.includes(b.section) && (b.year === null || b.year === undefined))
      ctx.addIssue({ code: 'custom', path: ['year'], message: '该栏目按年度登记，请填写年度' });
  });
export type EntryBody = z.infer<typeof EntryBodySchema>;
export const EntryPatchBodySchema = z
  .object({
    section: KeptSectionSchema,
    year: z.number('年度须为整数').int('年度须为整数').min(1950, '年度不早于1950年').max(2100, '年度不晚于2100年').nullable().optional(),
    title: text(100, 1),
    content: text(5000, 1),
    recordedOn: IsoDate.nullable().optional(),
    version: VersionSchema,
  })
  .superRefine((b, ctx) => {
    if (YEARLY_SECTIONS.includes(b.section) && (b.year === null || b.year === undefined))
      ctx.addIssue({ code: 'custom', path: ['year'], message: '该栏目按年度登记，请填写年度' });
  });
export type EntryPatchBody = z.infer<typeof EntryPatchBodySchema>;
export const EntryParamsSchema = z.object({ id: Id, entryId: Id });
export const EntryDeleteQuerySchema = z.object({ version: z.coerce.number('版本号须为整数').int('版本号须为整数').min(1).max(2_147_483_647) });
export const EntrySavedSchema = z.object({ entry: EntrySchema.nullable(), fileVersion: z.number() });

// ---- consultation requests ----
export const RequestCreateBodySchema = z.object({
  personId: Id,
  reason: text(500, 4),
  sections: z
    .array(IntegritySectionSchema, '请选择查阅栏目')
    .min(1, '请至少选择一个查阅栏目')
    .max(ALL_SECTIONS.length, '查阅栏目过多')
    .refine((s) => new Set(s).size === s.length, '查阅栏目不能重复'),
  /** 查阅截止日期 (inclusive); default 7 days from the approval. */
  validUntil: IsoDate.optional(),
});
export type RequestCreateBody = z.infer<typeof RequestCreateBodySchema>;

export const RequestListQuerySchema = PageQuerySchema.extend({
  /** mine: my requests; toApprove: waiting for my decision; all: every request addressed to the caller's 干部监督室 (the custodian's overview; 404 for anyone else). */
  view: z.enum(['mine', 'toApprove', 'all'], '视图须为 mine、toApprove 或 all').default('mine'),
  state: FileRequestStateSchema.optional(),
});
export type RequestListQuery = z.infer<typeof RequestListQuerySchema>;

export const RequestRowSchema = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), name: z.string(), unitName: z.string().nullable() }),
  requester: Ref,
  requesterOrg: Ref,
  reason: z.string(),
  sections: z.array(IntegritySectionSchema),
  state: FileRequestStateSchema,
  /** 查阅截止日期 (inclusive); null while pending when the requester named none (7 days from approval). */
  validUntil: z.string().nullable(),
  /** Approved and not past its end date: the requester may read now. */
  live: z.boolean(),
  expired: z.boolean(),
  decidedBy: Ref.nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  createdAt: z.string(),
  /** The file to open, for the requester while the approval is live (null otherwise). */
  fileId: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ actions: z.array(FileRequestActionSchema) }),
});
export type RequestRow = z.infer<typeof RequestRowSchema>;
export const RequestPageSchema = z.object({ items: z.array(RequestRowSchema), total: z.number() });

export const RequestActionBodySchema = z.object({
  action: FileRequestActionSchema,
  version: VersionSchema,
  comment: text(500).optional(),
  /** approve: the end date of the read (default: the requested one, or 7 days). */
  validUntil: IsoDate.optional(),
});
export type RequestActionBody = z.infer<typeof RequestActionBodySchema>;

// ---- consultation log ----
export const ReadLogQuerySchema = PageQuerySchema.extend({ fileId: Id.optional() });
export type ReadLogQuery = z.infer<typeof ReadLogQuerySchema>;
export const ReadLogRowSchema = z.object({
  id: z.number(),
  at: z.string(),
  reader: Ref,
  readerOrg: z.string(),
  person: z.object({ id: z.string(), name: z.string() }),
  fileId: z.string(),
  sections: z.array(IntegritySectionSchema),
  view: z.enum(['file', 'section', 'export']),
  request: z.object({ id: z.string(), approvedBy: z.string().nullable(), validUntil: z.string() }).nullable(),
});
export type ReadLogRow = z.infer<typeof ReadLogRowSchema>;
export const ReadLogPageSchema = z.object({ items: z.array(ReadLogRowSchema), total: z.number() });
