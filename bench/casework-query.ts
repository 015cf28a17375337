/** The query both full-text search figures use: two words, the first found inside longer stored words (储备 in 储备库). */
export const BENCH_SEARCH_Q = '储备 关联交易';
/** The ILIKE scan's patterns for the same query. */
export const BENCH_ILIKE_PATTERNS = ['%储备%', '%关联交易%'];

/**
 * Issue 12: search is also measured on a rare and a common word, each against the ILIKE scan of the same word.
 * 冷库 is in one clue of 997 (generate-clues.ts RARE_PHRASE; a group sees a handful), 问题 in every clue and
 * case (a group sees thousands: the ranking must not touch them all).
 */
export const BENCH_SEARCH_WORDS = {
  two: { q: BENCH_SEARCH_Q, ilike: BENCH_ILIKE_PATTERNS },
  rare: { q: '冷库', ilike: ['%冷库%'] },
  common: { q: '问题', ilike: ['%问题%'] },
} as const;
export type BenchSearchWord = keyof typeof BENCH_SEARCH_WORDS;
