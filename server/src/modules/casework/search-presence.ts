import { sql } from 'kysely';
import type { Db } from '../../db/pool';

/*
 * Which orgs have rows in the org columns a search's keyed walk reads (issue 12): a group's scope is its own org and
 * two dozen host units, which neither receive nor undertake clues nor lead cases, so 94 of its 97 clue parts read
 * nothing — yet each part is started and ended (half of a common word's 12 ms). Per commission and column, the orgs
 * with any row are read off the column's index by a skip scan (one probe per such org: ~1,100 subject orgs, ~20 ms at
 * full scale) and kept per node for PRESENCE_TTL_MS. platform/keyed-walk.ts gives each org listed a part of its own and
 * reads the others together in one part, so the rows never depend on this list, only the speed (search-property.test.ts
 * draws it at random).
 */

export const PRESENCE_TTL_MS = 10 * 60_000;

/** The org columns of the search kinds' keyed arms (clueVisibleArms, caseVisibleArms). */
const COLUMNS = {
  clue: ['receiving_org_id', 'undertaking_org_id', 'subject_org_id'],
  case_file: ['lead_org_id'],
} as const;

export type PresenceTable = keyof typeof COLUMNS;

/** The orgs with rows of each column of a table, when read. */
type Presence = ReadonlyMap<string, ReadonlySet<string>>;

const kept = new Map<string, { at: number; presence: Promise<Presence> }>();

async function readPresence(db: Db, commissionId: string, table: PresenceTable): Promise<Presence> {
  const out = new Map<string, Set<string>>();
  for (const column of COLUMNS[table]) {
    const c = sql.ref(`t.${column}`);
    // The next org above the last one found, each one probe of the (commission_id, column, …) index.
    const { rows } = await sql<{ org: string }>`
      WITH RECURSIVE o AS (
        (SELECT ${c} AS org FROM ${sql.table(table)} t WHERE t.commission_id = ${commissionId}::uuid AND ${c} IS NOT NULL ORDER BY ${c} LIMIT 1)
        UNION ALL
        SELECT (SELECT ${c} FROM ${sql.table(table)} t WHERE t.commission_id = ${commissionId}::uuid AND ${c} > o.org ORDER BY ${c} LIMIT 1)
          FROM o WHERE o.org IS NOT NULL)
      SELECT org FROM o WHERE org IS NOT NULL`.execute(db);
    out.set(column, new Set(rows.map((r) => r.org)));
  }
  return out;
}

/**
 * The orgs with rows of the table's keyed columns in the commission (`column` → orgs), as read at most
 * PRESENCE_TTL_MS ago on this node (one read at a time per commission and table).
 */
export function orgPresence(db: Db, commissionId: string, table: PresenceTable): Promise<Presence> {
  const key = `${commissionId}\u0000${table}`;
  const hit = kept.get(key);
  if (hit && Date.now() - hit.at < PRESENCE_TTL_MS) return hit.presence;
  const presence = readPresence(db, commissionId, table);
  kept.set(key, { at: Date.now(), presence });
  // A failed read is not kept: the next search reads again.
  presence.catch(() => {
    if (kept.get(key)?.presence === presence) kept.delete(key);
  });
  return presence;
}
