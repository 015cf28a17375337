import { sql } from 'kysely';
import type { Db } from '../db/pool';
import { todayIso } from './calendar';

/** An account's need-to-know org scope as computed by the SQL function actor_org_scope. */
export interface OrgScope {
  /** The scope is every org of the commission (书记, 案管, 信访, 党风政风监督室 …). */
  wide: boolean;
  /** Org ids in scope (empty when `wide`). */
  orgIds: string[];
}

interface Entry {
  epoch: number;
  day: string;
  scope: OrgScope;
}

/** Per database handle (tests run several), per account. Bounded: cleared when it grows past the cap. */
const caches = new WeakMap<Db, Map<string, Entry>>();
const CAP = 100_000;

/**
 * The account's scope, from cache when neither the scope epoch (bumped by triggers on every link,
 * role or org change — migration 0004) nor the day (task-force memberships end by date) moved.
 */
export async function getOrgScope(db: Db, userId: string, commissionId: string, epoch: number): Promise<OrgScope> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const day = todayIso();
  const hit = cache.get(userId);
  if (hit && hit.epoch === epoch && hit.day === day) return hit.scope;
  const { rows } = await sql<{ ids: string[] | null; total: number }>`
    SELECT (SELECT array_agg(org_id) FROM actor_org_scope(${userId}::uuid)) AS ids,
           (SELECT count(*)::int FROM org WHERE commission_id = ${commissionId}::uuid) AS total`.execute(db);
  const ids = rows[0]?.ids ?? [];
  const wide = ids.length > 0 && ids.length === rows[0]!.total;
  const scope: OrgScope = { wide, orgIds: wide ? [] : ids };
  if (cache.size >= CAP) cache.clear();
  cache.set(userId, { epoch, day, scope });
  return scope;
}
