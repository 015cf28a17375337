import { sql } from 'kysely';
import { SEARCH_CANDIDATE_CAP } from '@liandong/domain/casework/contracts';
import type { Db } from '../../db/pool';
import { tsqueryOf } from '../../platform/search';

/*
 * How common a search's words are (issue 12): from the planner's own statistics of the search_tsv columns
 * (pg_stats.most_common_elems: the share of rows holding each frequent lexeme; a lexeme not listed is rarer than the
 * least frequent one listed), read once per STATS_TTL_MS per table. The words must all match, so the share of the
 * hits is estimated as the product of the words' shares.
 */

const STATS_TTL_MS = 10 * 60_000;

export type SearchTable = 'clue' | 'case_file';

interface TableStats {
  at: number;
  rows: number;
  shares: Map<string, number>;
  /** Below the least frequent listed lexeme (half of it, as the planner assumes). */
  unlisted: number;
}

const cache = new Map<SearchTable, TableStats>();

async function statsOf(db: Db, table: SearchTable): Promise<TableStats> {
  const hit = cache.get(table);
  if (hit && Date.now() - hit.at < STATS_TTL_MS) return hit;
  const { rows } = await sql<{ elems: string[] | null; freqs: number[] | null; rows: number }>`
    SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs, greatest(c.reltuples, 0)::float8 AS rows
      FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = c.relname AND s.attname = 'search_tsv'
     WHERE c.oid = to_regclass(${table})`.execute(db);
  const r = rows[0];
  const shares = new Map<string, number>();
  const elems = r?.elems ?? [];
  const freqs = r?.freqs ?? [];
  // most_common_elem_freqs: one share per element, then the minimum, the maximum and the share of empty vectors.
  for (const [i, e] of elems.entries()) shares.set(e, Number(freqs[i] ?? 0));
  const min = freqs.length > elems.length ? Number(freqs[elems.length]) : 0;
  const stats: TableStats = { at: Date.now(), rows: Number(r?.rows ?? 0), shares, unlisted: min / 2 };
  cache.set(table, stats);
  return stats;
}

/** Words counted exactly (countHits), by table and words, each for STATS_TTL_MS; at most COUNTED_MAX entries. */
const counted = new Map<string, { at: number; hits: number }>();
const COUNTED_MAX = 2_000;

/**
 * The rows holding every word, counted from the GIN index's hits up to RARE_MAX_HITS + 1 (more: a number above it),
 * kept for STATS_TTL_MS per table and words.
 */
export async function countHits(db: Db, table: SearchTable, words: readonly string[]): Promise<number> {
  const key = `${table}\u0000${words.join('\u0000')}`;
  const hit = counted.get(key);
  if (hit && Date.now() - hit.at < STATS_TTL_MS) return hit.hits;
  const { rows } = await sql<{ hits: number }>`
    SELECT count(*)::int AS hits FROM (SELECT 1 FROM ${sql.table(table)} t WHERE t.search_tsv @@ ${tsqueryOf(words)} LIMIT ${RARE_MAX_HITS + 1}) s`.execute(db);
  if (counted.size >= COUNTED_MAX) counted.delete(counted.keys().next().value as string);
  counted.set(key, { at: Date.now(), hits: rows[0]?.hits ?? 0 });
  return rows[0]?.hits ?? 0;
}

/**
 * The estimated share of the table's rows that hold every word (0 without statistics), and the table's rows. Words
 * between rare and common by the statistics with one among them not listed (estimated at half the least frequent
 * listed one's share — on the bench's book of 1 M clues 冷库, in 1,003, at 10,700) are counted instead (countHits,
 * at most RARE_MAX_HITS + 1 hits read, once per STATS_TTL_MS): so such a word is found 'rare' when it is, and its
 * search is a named statement planned once per connection rather than left to the planner and planned every time.
 */
export async function hitShare(db: Db, table: SearchTable, words: readonly string[]): Promise<{ share: number; rows: number }> {
  const s = await statsOf(db, table);
  if (!s.shares.size || !words.length) return { share: 0, rows: s.rows };
  const share = words.reduce((p, w) => p * (s.shares.get(w) ?? s.unlisted), 1);
  if (regimeOf(share, s.rows, SEARCH_CANDIDATE_CAP) !== 'planner' || words.every((w) => s.shares.has(w))) return { share, rows: s.rows };
  const hits = await countHits(db, table, words);
  // Counted to RARE_MAX_HITS + 1: more is not rare, and the statistics' share says how much more; none is as one.
  return { share: hits <= RARE_MAX_HITS ? Math.max(hits, 1) / s.rows : share, rows: s.rows };
}

/** At most this many estimated hits in the book: a rare word, found from the GIN index's hits. */
export const RARE_MAX_HITS = 5_000;

/**
 * From this estimated share of rows holding the words: 'dense' (search.ts), a scoped reader's keyed walk reads at most
 * about (cap + 1) / share ≈ 5 × cap rows of its orgs in date order before it has the candidates — fewer than a group's
 * own rows at full scale (≈ 7,500 clues), which its bitmaps read whatever the word.
 */
export const DENSE_MIN_SHARE = 0.2;

/**
 * A kind's regime (search.ts SearchRegime) for the estimated share of its rows holding the words: 'rare' up to
 * RARE_MAX_HITS estimated hits; 'common' from a share of √((cap + 1) / rows) — the date-ordered walk reads about
 * (cap + 1) / share rows before it has the candidates, the GIN index rows × share hits, so from there the walk reads
 * fewer (on the bench's book of 1 M clues a word in 3 % of them or more, of 100,000 in 10 %), and 'dense' from
 * DENSE_MIN_SHARE; 'planner' in between, and without statistics.
 */
export function regimeOf(share: number, rows: number, cap: number): 'rare' | 'common' | 'dense' | 'planner' {
  if (rows <= 0 || share <= 0) return 'planner';
  if (share * rows <= RARE_MAX_HITS) return 'rare';
  if (share < Math.sqrt((cap + 1) / rows)) return 'planner';
  return share >= DENSE_MIN_SHARE ? 'dense' : 'common';
}
