import { z } from 'zod';
import { text } from '../platform/common';
import { DocNumberPartsSchema } from '../platform/doc-number';

/**
 * 发文字号 register: numbers are taken gap-free per (代字, 年) inside the issuing transaction. Documents
 * take theirs when issued; this register also lets the office take one by hand for paper documents.
 */

export const DocNumberSchema = z.object({
  docCode: z.string(),
  year: z.number(),
  no: z.number(),
  /** 兰纪〔2026〕3号 */
  text: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  purpose: z.string().nullable(),
  allocatedBy: z.string().nullable(),
  allocatedByName: z.string().nullable(),
  allocatedAt: z.string(),
});

const YearSchema = z.coerce.number('年份须为整数').int('年份须为整数').min(2000, '年份不早于2000').max(2100, '年份不晚于2100');

/** GET /api/v1/doc-numbers */
export const DocNumberListQuerySchema = z.object({
  docCode: DocNumberPartsSchema.shape.docCode.optional(),
  year: YearSchema.optional(),
  limit: z.coerce.number('条数须为整数').int('条数须为整数').min(1).max(500).default(200),
});

export const DocNumberListSchema = z.object({
  items: z.array(DocNumberSchema),
  /** 代字 the caller may take numbers under (the commission's orgs). */
  docCodes: z.array(z.string()),
  abilities: z.object({ allocate: z.boolean() }),
});

/**
 * GET /api/v1/doc-numbers/sequences — the state of each number sequence for the system administrator,
 * who keeps the register running but reads no business content (三员): counts, never purposes,
 * objects or who took them.
 */
export const DocNumberSequenceSchema = z.object({
  docCode: z.string(),
  year: z.number(),
  /** Numbers taken. */
  count: z.number(),
  /** Highest number taken; equal to count when the sequence has no gap. */
  lastNo: z.number(),
  lastAllocatedAt: z.string(),
});
export const DocNumberSequenceListSchema = z.object({ items: z.array(DocNumberSequenceSchema) });

/** POST /api/v1/doc-numbers */
export const AllocateDocNumberBodySchema = z.object({
  docCode: z
    .string('请填写机关代字')
    .min(1, '请填写机关代字')
    .max(20, '机关代字不超过20个字符')
    .regex(/^[^\s\d〔〕[\]()（）【】［］]+$/u, '机关代字不得包含数字、空格或括号'),
  year: z.number('年份须为整数').int('年份须为整数').min(2000, '年份不早于2000').max(2100, '年份不晚于2100'),
  /** 用途: what the number is for (e.g. the title of the paper document). */
  purpose: text(200, 1),
});

export const AllocatedDocNumberSchema = z.object({ no: z.number(), text: z.string() });
