import { z } from 'zod';
import { text } from '../platform/common';

/*
 * Zod building blocks shared by the 以案促改 contracts (contracts-letters.ts, contracts-reform.ts).
 * Never import contracts.ts from here or from those files (import cycle).
 */

export const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
export const Id = z.uuid('编号格式不正确');
export const Comment = text(2000).optional();
export const AttachmentIds = z.array(Id).max(50, '附件不超过50个');

/** Accepts `?state=A&state=B`, `?state=A,B` or one value. */
export function listOf<T extends z.ZodType>(item: T, max = 20) {
  return z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter((s) => s !== '') : v), z.array(item).max(max, `不超过${max}项`));
}

/** Year filter of a ledger (query string). */
export const Year = z.coerce.number('年度须为整数').int('年度须为整数').min(2000, '年度不早于2000').max(2100, '年度不晚于2100');

/** Page size of the 以案促改 ledgers (at most 100 a page). */
export const ReformPageSizeSchema = z.coerce.number('每页条数须为整数').int('每页条数须为整数').min(1).max(100, '每页不超过100条').default(20);

/** `{ id, name }` reference to a user or an org. */
export const NamedRefSchema = z.object({ id: z.string(), name: z.string() });
export type NamedRef = z.infer<typeof NamedRefSchema>;

/** An attachment listed with an object. */
export const AttachmentRefSchema = z.object({ id: z.string(), filename: z.string() });
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>;

// Aliases used by contracts-letters.ts.
export const ReformIsoDateSchema = IsoDate;
export const ReformIdSchema = Id;
export const reformListOf = listOf;
export const ReformYearQuerySchema = Year;
export const ReformRefSchema = NamedRefSchema;
export type ReformRef = NamedRef;
