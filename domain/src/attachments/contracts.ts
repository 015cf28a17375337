import { z } from 'zod';
import { ClassificationSchema } from '../access/enums';

/**
 * 附件 — files kept in PostgreSQL (SM4-encrypted, size-capped, SHA-256 checksummed, type sniffed by
 * content). Every file belongs to a record (ownerType + ownerId: a clue, a case, a letter, a task, …) and
 * is visible exactly where that record is; never to the 三员. The server refuses an unregistered owner
 * type or a missing ownerId (400) and a record the uploader cannot see (404).
 */

/** Kind of the record a file belongs to, e.g. `clue`, `case`, `recommendation`, `draft`. */
export const OwnerTypeSchema = z.string('请填写 ownerType').regex(/^[a-z][a-z_]{0,39}$/, 'ownerType 须为小写字母或下划线，1–40位');

/** Multipart form fields sent with the file. */
export const UploadFieldsSchema = z.object({
  ownerType: OwnerTypeSchema,
  ownerId: z.uuid('ownerId 格式不正确').optional(),
  /** 密级 of the file; at most 工作秘密 on this non-classified platform. */
  classification: ClassificationSchema.optional(),
});

export const UploadedAttachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
});

export const AttachmentSchema = UploadedAttachmentSchema.extend({
  ownerType: z.string(),
  ownerId: z.string().nullable(),
  ownerOrgId: z.string().nullable(),
  classification: ClassificationSchema,
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});

/** GET /api/v1/attachments */
export const AttachmentListQuerySchema = z.object({
  ownerType: OwnerTypeSchema.optional(),
  ownerId: z.uuid('ownerId 格式不正确').optional(),
});

export const AttachmentListSchema = z.object({ items: z.array(AttachmentSchema) });
