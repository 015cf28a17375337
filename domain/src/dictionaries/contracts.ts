import { z } from 'zod';
import { text } from '../platform/common';

/**
 * 数据字典 — code lists with zh/en labels. System dictionaries mirror enums fixed in code (roles, org
 * kinds …): their labels may be edited, their codes not. Business dictionaries are the commission's own.
 */

export const DictionaryCodeSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, '编码须为1–40位字母、数字或 _ . -');

export const DictionaryItemSchema = z.object({
  code: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  sortOrder: z.number(),
  active: z.boolean(),
  version: z.number(),
});
export type DictionaryItem = z.infer<typeof DictionaryItemSchema>;

export const DictionarySchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  isSystem: z.boolean(),
  items: z.array(DictionaryItemSchema),
});

/** GET /api/v1/dictionaries */
export const DictionaryListSchema = z.object({
  items: z.array(DictionarySchema),
  abilities: z.object({ edit: z.boolean() }),
});

export const DictionaryItemParamsSchema = z.object({ code: DictionaryCodeSchema, itemCode: DictionaryCodeSchema });

/** PUT /api/v1/dictionaries/:code/items/:itemCode — creates (business dictionaries) or updates an item. */
export const SaveDictionaryItemBodySchema = z.object({
  labelZh: text(60, 1),
  labelEn: text(80, 1),
  sortOrder: z.number('排序须为整数').int('排序须为整数').min(0).max(100_000),
  active: z.boolean('须为 true 或 false'),
  /** Required when the item exists (optimistic locking). */
  version: z.number().int().min(1).max(2_147_483_647).optional(),
});
export type SaveDictionaryItemBody = z.infer<typeof SaveDictionaryItemBodySchema>;
