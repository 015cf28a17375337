import { sql } from 'kysely';
import type { Db } from '../../db/pool';

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

/** The estimated share of the table's rows that hold every word (0 without statistics), and the table's rows. */
export async function hitShare(db: Db, table: SearchTable, words: readonly string[]): Promise<{ share: number; rows: number }> {
  const s = await statsOf(db, table);
  if (!s.shares.size) return { share: 0, rows: s.rows };
  return { share: words.reduce((p, w) => p * (s.shares.get(w) ?? s.unlisted), 1), rows: s.rows };
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
