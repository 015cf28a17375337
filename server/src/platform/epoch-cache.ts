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

/** Entries per node; the map is emptied when full (answers are small and a miss only recomputes). */
const CAP = 500;

/**
 * A per-node memo of computed answers by full key, with single flight: concurrent misses of one key wait for the
 * one computation instead of each running the same SQL. The key must hold everything the answer depends on
 * (epochs included): a caller that read newer epochs has another key and computes afresh, so joining never serves
 * an answer older than its epochs. A failed computation is neither kept nor remembered: its callers get its error,
 * the next caller computes afresh, and the answers kept for other keys are served as before.
 */
export class SingleFlight<T> {
  readonly #kept = new WeakMap<object, Map<string, T>>();
  readonly #running = new WeakMap<object, Map<string, Promise<T>>>();
  readonly #slots = new WeakMap<object, { free: number; waiting: (() => void)[] }>();
  readonly #cap: number;
  readonly #limit: number;

  /**
   * `cap`: answers kept per node. `slots`: computations run at once per node, the others wait their turn (first come,
   * first served) — a computation that takes several pool connections at once must leave the pool to the callers whose
   * answers are kept, and keep the database's load, and with it each statement's time, bounded.
   */
  constructor(cap = CAP, slots = Number.POSITIVE_INFINITY) {
    this.#cap = cap;
    this.#limit = slots;
  }

  async #slot<R>(node: object, run: () => Promise<R>): Promise<R> {
    if (!Number.isFinite(this.#limit)) return run();
    let s = this.#slots.get(node);
    if (!s) {
      s = { free: this.#limit, waiting: [] };
      this.#slots.set(node, s);
    }
    const slots = s;
    if (slots.free > 0) slots.free--;
    else await new Promise<void>((resolve) => slots.waiting.push(resolve));
    try {
      return await run();
    } finally {
      // The slot passes to the first waiter, or is freed.
      const next = slots.waiting.shift();
      if (next) next();
      else slots.free++;
    }
  }

  /** The answer of `key`: kept, joined while another caller computes it, or computed, kept and returned. */
  get(node: object, key: string, compute: () => Promise<T>): Promise<T> {
    let kept = this.#kept.get(node);
    if (!kept) {
      kept = new Map();
      this.#kept.set(node, kept);
    }
    if (kept.has(key)) return Promise.resolve(kept.get(key) as T);
    let running = this.#running.get(node);
    if (!running) {
      running = new Map();
      this.#running.set(node, running);
    }
    const joined = running.get(key);
    if (joined) return joined;
    const store = kept;
    const flights = running;
    const computing = (async () => {
      try {
        const value = await this.#slot(node, compute);
        if (store.size >= this.#cap) store.clear();
        store.set(key, value);
        return value;
      } finally {
        flights.delete(key);
      }
    })();
    flights.set(key, computing);
    return computing;
  }
}

const answers = new SingleFlight<unknown>();

/** The current epochs of the areas, as one key fragment (`clues:12|reform:4`). */
export async function epochsKey(db: Db, areas: readonly EpochArea[]): Promise<string> {
  const { rows } = await sql<{ k: string | null }>`SELECT string_agg(area || ':' || epoch, '|' ORDER BY area) AS k
    FROM data_epoch WHERE area = ANY(${areas as string[]}::text[])`.execute(db);
  return rows[0]?.k ?? '';
}

/** The answer for `key` under the areas' current epochs: from this node's cache, or computed and kept. */
export async function epochCached<T>(db: Db, areas: readonly EpochArea[], key: string, compute: () => Promise<T>): Promise<T> {
  return answers.get(db, `${key}@${await epochsKey(db, areas)}`, compute) as Promise<T>;
}
