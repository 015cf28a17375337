import { z } from 'zod';
import { ClassificationSchema } from '../access/enums';

/**
 * 附件 — files kept in PostgreSQL (size-capped, SHA-256 checksummed, type sniffed by content). Visible
 * to the business accounts whose need-to-know scope covers the uploader's org; never to the 三员.
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
