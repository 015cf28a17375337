import { z } from 'zod';

/**
 * 发文字号 — document number "机关代字〔年份〕序号号", e.g. 兰纪建〔2026〕3号.
 *
 * GB/T 9704-2012 §7.2.4 [R]: the year is given in full and enclosed in 六角括号 〔〕; the serial number
 * has no leading zeros and no 第. Numbers are allocated gap-free per (代字, 年) by the server
 * (`doc_sequence`); this module only formats and parses the text.
 */

/** The parts of a document number. */
export const DocNumberPartsSchema = z.object({
  /** 机关代字, e.g. 兰纪建; no digits, whitespace or brackets. */
  docCode: z
    .string()
    .min(1)
    .max(20)
    .regex(/^[^\s\d〔〕[\]()（）【】［］]+$/u),
  /** 年份, four digits. */
  year: z.number().int().min(1949).max(9999),
  /** 序号, from 1. */
  no: z.number().int().min(1).max(999_999),
});
export type DocNumberParts = z.infer<typeof DocNumberPartsSchema>;

/** The canonical form only: full-width 〔〕, no leading zero, no 第. */
const CANONICAL = /^([^\s\d〔〕[\]()（）【】［］]+)〔(\d{4})〕([1-9]\d*)号$/u;
/** Hand-typed variants: any common bracket pair, spaces, leading zeros, 第. */
const LENIENT = /^([^\s\d〔〕[\]()（）【】［］]+)\s*[〔[(（【［]\s*(\d{4})\s*[〕\])）】］]\s*第?\s*0*(\d+)\s*号$/u;

/**
 * Formats 发文字号 parts as text: formatDocNumber('兰纪建', 2026, 3) === '兰纪建〔2026〕3号'.
 * Throws RangeError for parts that could not come from a valid number (empty 代字, year not 4 digits, no < 1).
 */
export function formatDocNumber(docCode: string, year: number, no: number): string {
  const parsed = DocNumberPartsSchema.safeParse({ docCode, year, no });
  if (!parsed.success) throw new RangeError(`invalid document number parts: ${docCode} ${year} ${no}`);
  return `${docCode}〔${year}〕${no}号`;
}

/**
 * Parses 发文字号 text into its parts, or null when it is not one.
 *
 * By default only the canonical form that `formatDocNumber` writes is accepted (so parse ∘ format is the
 * identity). With `lenient`, also accepts what people type when searching: [] () （） 【】 ［］ instead of
 * 〔〕, spaces, leading zeros and 第 — e.g. "兰纪建[2026]第003号".
 */
export function parseDocNumber(text: string, options: { lenient?: boolean } = {}): DocNumberParts | null {
  const trimmed = text.trim();
  const m = (options.lenient ? LENIENT : CANONICAL).exec(trimmed);
  if (!m) return null;
  const parsed = DocNumberPartsSchema.safeParse({ docCode: m[1], year: Number(m[2]), no: Number(m[3]) });
  return parsed.success ? parsed.data : null;
}
