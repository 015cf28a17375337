/** The query both full-text search figures use: two words, the first found inside longer stored words (储备 in 储备库). */
export const BENCH_SEARCH_Q = '储备 关联交易';
/** The ILIKE scan's patterns for the same query. */
export const BENCH_ILIKE_PATTERNS = ['%储备%', '%关联交易%'];
