import { z } from 'zod';

/**
 * Building blocks shared by the contracts of every area. Text fields refuse control characters
 * (PostgreSQL cannot store NUL, and nobody types a BEL), and every string has a maximum length.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A trimmed single- or multi-line text of at most `max` characters, without control characters. */
export function text(max: number, min = 0) {
  const base = z.string().trim();
  return (min > 0 ? base.min(min, min === 1 ? '不能为空' : `不少于${min}个字符`) : base)
    .max(max, `不超过${max}个字符`)
    .refine((s) => !CONTROL_CHARS.test(s), '不得包含控制字符');
}

/** Optimistic-locking version a client read and sends back (architecture.md §3: stale → 409). */
export const VersionSchema = z.number('版本号须为整数').int('版本号须为整数').min(1, '版本号须为正整数').max(2_147_483_647);

/** Body of an action that only needs the version the caller read. */
export const VersionBodySchema = z.object({ version: VersionSchema });

/** `{ id }` path parameter (uuid). */
export const IdParamsSchema = z.object({ id: z.uuid('编号格式不正确') });

/** Answer of an action without a result of its own. */
export const OkSchema = z.object({ ok: z.literal(true) });

/** Page number and size for paged lists (page from 1). */
export const PageQuerySchema = z.object({
  page: z.coerce.number('页码须为整数').int('页码须为整数').min(1).max(100_000).default(1),
  pageSize: z.coerce.number('每页条数须为整数').int('每页条数须为整数').min(1).max(200).default(20),
});

/** A query-string flag: true/false/1/0. */
export const QueryFlagSchema = z.enum(['true', 'false', '1', '0'], '取值须为 true 或 false').transform((v) => v === 'true' || v === '1');

/**
 * `?exactTotal=true` of a ledger: count every row instead of stopping at the cap (issue 12: a ledger's total is
 * exact up to 1,000 rows; beyond, `totalCapped` is true and the screen offers the exact count).
 */
export const ExactTotalQuerySchema = z.object({ exactTotal: QueryFlagSchema.optional() });

/** The total of a ledger page: exact, or the cap with `totalCapped` (there are more). */
export const LedgerTotalSchema = z.object({ total: z.number().int().min(0), totalCapped: z.boolean() });

/**
 * `?copy=` of a document export: `print` is the 正式文本 to print and seal (no watermark line; the exporter stays in the
 * file's metadata and the audit log), `screen` (the default) the screen and file copy with the exporter's line.
 */
export const DocCopyQuerySchema = z.object({
  copy: z.enum(['print', 'screen'], '取值须为 print（打印用正式文本）或 screen（屏幕及文件副本）').default('screen'),
});
export type DocCopy = z.infer<typeof DocCopyQuerySchema>['copy'];
