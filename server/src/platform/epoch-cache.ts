import { sql } from 'kysely';
import type { Db } from '../db/pool';

/**
 * Per-node cache of computed answers, keyed by the data epochs of the tables they read.
 *
 * Each `data_epoch` area is bumped by statement triggers in the writing transaction (migrations 0007,
 * 0008, 0010, 0032), so a new epoch becomes visible together with the data it announces. The epochs are
 * read *before* computing: the answer then reflects at least that state, and any later commit moves an
 * epoch and with it the key. A cached answer is therefore never served after a change.
 *
 * Only answers that are the same for every caller who passes the access check before the lookup may be
 * cached here (campaign aggregates, a campaign's matrix): the key carries no scope. Entries are shared
 * objects; callers must not mutate them.
 */
export type EpochArea = 'supervision' | 'clues' | 'reform' | 'campaign';

const caches = new WeakMap<object, Map<string, unknown>>();
/**
 * Computations under way per node, by the same full key (epochs included): concurrent misses of one key wait
 * for the one computation instead of each running the same SQL (single flight). A caller that read newer
 * epochs has another key and computes afresh, so joining never serves an answer older than its epochs.
 */
const inflight = new WeakMap<object, Map<string, Promise<unknown>>>();
/** Entries per node; the map is emptied when full (answers are small and a miss only recomputes). */
const CAP = 500;

/** The current epochs of the areas, as one key fragment (`clues:12|reform:4`). */
export async function epochsKey(db: Db, areas: readonly EpochArea[]): Promise<string> {
  const { rows } = await sql<{ k: string | null }>`SELECT string_agg(area || ':' || epoch, '|' ORDER BY area) AS k
    FROM data_epoch WHERE area = ANY(${areas as string[]}::text[])`.execute(db);
  return rows[0]?.k ?? '';
}

/** The answer for `key` under the areas' current epochs: from this node's cache, or computed and kept. */
export async function epochCached<T>(db: Db, areas: readonly EpochArea[], key: string, compute: () => Promise<T>): Promise<T> {
  const full = `${key}@${await epochsKey(db, areas)}`;
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  if (cache.has(full)) return cache.get(full) as T;
  let running = inflight.get(db);
  if (!running) {
    running = new Map();
    inflight.set(db, running);
  }
  const joined = running.get(full);
  if (joined) return joined as Promise<T>;
  const kept = cache;
  const flights = running;
  const computing = (async () => {
    try {
      const value = await compute();
      if (kept.size >= CAP) kept.clear();
      kept.set(full, value);
      return value;
    } finally {
      flights.delete(full);
    }
  })();
  running.set(full, computing);
  return computing;
}
