import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import { type RawBuilder, sql } from 'kysely';

/**
 * Chinese full-text search (issue 4): PostgreSQL has no Chinese parser, so text is segmented here with
 * jieba (search mode, so 储备库 also yields 储备) and stored as a 'simple' tsvector; queries are segmented
 * the same way and every token must match. Columns: clue.search_tsv, case_file.search_tsv (GIN).
 */
let jieba: Jieba | null = null;
/**
 * Built on the first text to segment, not at start: the native library, its dictionary (36 MB once built) and
 * `@node-rs/jieba/dict`'s module (which reads dict.txt and idf.txt, 11 MB of buffers, and keeps both for good)
 * are not held by an idle server (issue 12: idle RSS). Only dict.txt is read, and dropped once jieba has it.
 */
function segmenter(): Jieba {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    jieba = JiebaClass.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
  }
  return jieba;
}

const KEEP = /[\p{L}\p{N}]/u;

/** The distinct search tokens of a text, lower-cased, punctuation and spaces dropped. */
export function tokens(text: string): string[] {
  const out = new Set<string>();
  for (const t of segmenter().cutForSearch(text, true)) {
    const w = t.trim().toLowerCase();
    if (w && KEEP.test(w)) out.add(w);
  }
  return [...out];
}

/** SQL tsvector of the given parts, for an INSERT or UPDATE of a search_tsv column. */
export function searchVector(parts: readonly (string | null | undefined)[]): RawBuilder<string> {
  const text = tokens(parts.filter(Boolean).join(' ')).join(' ');
  return sql<string>`to_tsvector('simple', ${text})`;
}

/**
 * SQL tsquery for a user's query: every jieba token of it (AND); null when nothing searchable remains.
 * Tokens are passed as one text array, so no user input is ever parsed as tsquery syntax.
 */
export function searchQuery(q: string): RawBuilder<unknown> | null {
  const ts = tokens(q).slice(0, 16);
  if (ts.length === 0) return null;
  return sql`(SELECT string_agg(quote_literal(t), ' & ')::tsquery FROM unnest(${ts}::text[]) t)`;
}

/**
 * The tsquery of a list of tokens (every one must match) as one bound parameter: each token quoted as a tsquery
 * lexeme ('' for a quote, \\ for a backslash), so no user input is parsed as tsquery syntax. Unlike
 * searchQuery the value is a parameter, not a sub-select: the planner sees the words and estimates from the
 * column's statistics how common they are (a rare word: the GIN index; a common one: the ledger index in date
 * order, stopping early). Null when there is no token.
 */
export function tsqueryOf(words: readonly string[]): RawBuilder<unknown> | null {
  if (words.length === 0) return null;
  const text = words.map((w) => `'${w.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`).join(' & ');
  return sql`${text}::tsquery`;
}
