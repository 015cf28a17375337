import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { type Db, PREPARED_MARK } from '../db/pool';

/*
 * Long uuid lists kept in the database by their digest (issue 12, migration 0099): a scope's org list (an office's or a
 * 分管领导's ~800 orgs) and the named 信息互通 ids (~570) were parameters of every ledger statement — sent once per
 * statement (arrays-once.ts) still ~50 KiB each, serialised by the driver and parsed by the backend at bind. A node writes
 * each list once into kept_uuid_list under the SHA-256 of its text (the canonical uuids joined by commas: what
 * `array_to_string(items, ',')` gives) and then sends the 32-byte digest; the statement reads the list in a CTE, once.
 * The key is the content (the table's CHECK refuses a row whose list is not its digest's), so a list is never stale and
 * every node reads the same row; a missing row is an error (LDK01), never an empty list.
 */

/** Whether the ledgers send their lists by digest (LD_KEPT_LISTS=0: as arrays, to measure the two ways alternated). */
export const KEPT_LISTS = process.env.LD_KEPT_LISTS !== '0';

/** The SQLSTATE a statement raises when a list it names by digest has no row (kept_uuid_list_missing). */
export const KEPT_LIST_MISSING = 'LDK01';

export interface KeptList {
  items: readonly string[];
  digest: Buffer;
  hex: string;
}

/** Digests computed, by length and ends (the same elements compared before use): a scope's list is hashed once per node. */
const digests = new Map<string, KeptList>();
const DIGESTS_CAP = 10_000;

/** The list's digest, or null for a list that is not all strings (the database checks that they are canonical uuids). */
export function keptListOf(items: readonly unknown[]): KeptList | null {
  if (!items.every((v) => typeof v === 'string')) return null;
  const strings = items as readonly string[];
  const key = `${strings.length}:${strings[0]}:${strings[strings.length - 1]}`;
  const hit = digests.get(key);
  if (hit && sameStrings(hit.items, strings)) return hit;
  const digest = createHash('sha256').update(strings.join(',')).digest();
  const list: KeptList = { items: [...strings], digest, hex: digest.toString('hex') };
  if (digests.size >= DIGESTS_CAP) digests.clear();
  digests.set(key, list);
  return list;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Per database (keyed by the root handle's adapter, which its transactions and connections share): the digests this node
 * wrote or found (true) and those the database refused (false: sent as arrays). Bounded: cleared past the cap.
 */
const knownBy = new WeakMap<object, Map<string, boolean>>();
const KNOWN_CAP = 100_000;

export function keptListsKnown(db: Db): Map<string, boolean> {
  const adapter = db.getExecutor().adapter;
  let known = knownBy.get(adapter);
  if (!known) {
    known = new Map();
    knownBy.set(adapter, known);
  }
  if (known.size >= KNOWN_CAP) known.clear();
  return known;
}

/** Writes `lists` (ON CONFLICT DO NOTHING: another node's row is the same list) and records them as known. */
export async function keepLists(db: Db, lists: readonly KeptList[]): Promise<void> {
  const known = keptListsKnown(db);
  for (const list of lists) {
    try {
      await sql`INSERT INTO kept_uuid_list (digest, items) VALUES (${list.digest}, ${[...list.items]}::uuid[]) ON CONFLICT (digest) DO NOTHING`.execute(db);
      known.set(list.hex, true);
    } catch (e) {
      // Not canonical uuids (the digest is not the stored text's): refused by the CHECK, or not uuids at all.
      const code = (e as { code?: string }).code;
      if (code !== '23514' && code !== '22P02') throw e;
      known.set(list.hex, false);
    }
  }
}

/** `text` with a CTE `ld_kl<n>` per kept list `$n` (its digest), read by `(SELECT ld_kl<n>.items FROM ld_kl<n>)`. */
export function withKeptLists(text: string, slots: readonly number[]): string {
  const ctes = slots
    .map(
      (n) =>
        `ld_kl${n} AS MATERIALIZED (SELECT coalesce((SELECT k.items FROM kept_uuid_list k WHERE k.digest = $${n}::bytea), kept_uuid_list_missing($${n}::bytea)) AS items)`,
    )
    .join(', ');
  const mark = text.startsWith(PREPARED_MARK) ? PREPARED_MARK : '';
  const body = text.slice(mark.length);
  const withAt = /^\s*WITH\s+(RECURSIVE\s+)?/i.exec(body);
  if (withAt) return `${mark}${withAt[0]}${ctes}, ${body.slice(withAt[0].length)}`;
  return `${mark}WITH ${ctes} ${body}`;
}
