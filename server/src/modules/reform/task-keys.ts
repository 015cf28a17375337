import { type RawBuilder, sql } from 'kysely';
import { type KeyedArms, overProbeLimit } from '../../platform/keyed-page';
import { idListSlots } from '../../platform/keyed-walk';

/*
 * The task board's key lists for wide scopes (issue 12): one org list per statement, shared by the board's walk, the
 * lights' capped counts and the letter check of the rows shown (service-tasks-read.ts).
 */

/**
 * A wide scope's visibility (an office's or a 分管领导's hundreds of orgs, more probes than KEYED_PROBE_LIMIT) for a walk
 * of the board's order and the lights' capped counts: `scope AND (arm₁ OR …)` as keyed-page.ts `hashedVisible`, but each
 * distinct org list sent once per statement, in the CTE `task_keys` (`with()`, written after every `visible`), and every
 * arm's hashed set built from it (issue 12: the supervising-org and unit-org arms of the task and the drafting and
 * recipient arms of its letter carry the same 786 ids; sent once per arm and per light they were 19 arrays of 786 uuids
 * per request, each parsed by PostgreSQL, several ms of every office's board). Short lists (the supervisor's own id) stay
 * inline. The same rows as `partsSql` of the same arms (property test: reform/keyed-ledgers.test.ts).
 */
export function wideKeys(): {
  visible: (arms: KeyedArms, t: string) => RawBuilder<boolean>;
  count: (arms: KeyedArms, t: string, filters: readonly RawBuilder<boolean>[], stop: number) => RawBuilder<unknown>;
  with: () => RawBuilder<unknown>;
} {
  const { lists, slotOf } = idListSlots();
  /** The column is one of the ids: inline when short, else the hashed set of its list in task_keys. */
  const member = (column: RawBuilder<unknown> | ReturnType<typeof sql.ref>, ids: string[]) =>
    ids.length <= SHORT_KEY_LIST
      ? sql<boolean>`${column} = ANY(${ids}::uuid[])`
      : sql<boolean>`${column} IN (SELECT unnest(${sql.ref(`tk.k${slotOf(ids)}`)}) FROM task_keys tk)`;
  const visible = (arms: KeyedArms, t: string) => {
    if (arms.book) return arms.scope;
    const parts: RawBuilder<boolean>[] = [];
    for (const k of arms.keyed) {
      const ids = [...new Set(k.orgIds)];
      if (!ids.length) continue;
      parts.push(member(sql.ref(`${t}.${k.column}`), ids));
    }
    parts.push(...(arms.keyedBy ?? []).map((k) => sql<boolean>`${sql.ref(`${t}.${k.column}`)} = ANY(${k.keys})`), ...arms.rest);
    return parts.length ? sql<boolean>`(${arms.scope} AND (${sql.join(parts, sql` OR `)}))` : sql<boolean>`false`;
  };
  /**
   * keyed-page.ts `keyedCountSql` over the same lists: per key of each keyed arm an index probe stopped at `stop`, each arm
   * leaving out the rows of the arms before it, then the other arms — O(keys + stop), for a light with no range of its own.
   */
  const count = (arms: KeyedArms, t: string, filters: readonly RawBuilder<boolean>[], stop: number) => {
    const table = sql`rectification_task ${sql.raw(t)}`;
    const filter = sql.join([arms.scope, ...filters], sql` AND `);
    const before: RawBuilder<boolean>[] = [];
    const notBefore = () => (before.length ? sql<boolean>`NOT coalesce((${sql.join(before, sql` OR `)}), false)` : sql<boolean>`true`);
    const parts: RawBuilder<unknown>[] = [];
    for (const k of arms.keyed) {
      const ids = [...new Set(k.orgIds)];
      if (!ids.length) continue;
      const column = sql.ref(`${t}.${k.column}`);
      const keys = ids.length <= SHORT_KEY_LIST ? sql`unnest(${ids}::uuid[])` : sql`task_keys tk CROSS JOIN unnest(${sql.ref(`tk.k${slotOf(ids)}`)})`;
      parts.push(sql`(SELECT 1 FROM ${keys} AS ko(org_id) CROSS JOIN LATERAL (
        SELECT 1 FROM ${table} WHERE ${column} = ko.org_id AND ${filter} AND ${notBefore()} LIMIT ${stop}) kp)`);
      before.push(member(column, ids));
    }
    for (const k of arms.keyedBy ?? []) {
      const column = sql.ref(`${t}.${k.column}`);
      parts.push(sql`(SELECT 1 FROM unnest(ARRAY(SELECT DISTINCT kd.k FROM unnest(${k.keys}) AS kd(k))) AS ko(org_id) CROSS JOIN LATERAL (
        SELECT 1 FROM ${table} WHERE ${column} = ko.org_id AND ${filter} AND ${notBefore()} LIMIT ${stop}) kp)`);
      before.push(sql<boolean>`${column} = ANY(${k.keys})`);
    }
    if (arms.rest.length) {
      parts.push(sql`(SELECT 1 FROM (SELECT 1 FROM ${table} WHERE (${sql.join(arms.rest, sql` OR `)}) AND ${filter} AND ${notBefore()} OFFSET 0) kr)`);
    }
    if (!parts.length) return sql`(SELECT 0)`;
    return sql`(SELECT count(*)::int FROM (${sql.join(parts, sql` UNION ALL `)} LIMIT ${stop}) kc)`;
  };
  const with_ = () =>
    sql`task_keys AS MATERIALIZED (SELECT ${lists.length ? sql.join(lists.map((ids, i) => sql`${ids}::uuid[] AS ${sql.ref(`k${i}`)}`)) : sql`NULL::uuid[] AS k`})`;
  return { visible, count, with: with_ };
}

/** Key lists this long (the supervisor's own id) are written inline (`= ANY(…)`), longer ones once in `task_keys`. */
const SHORT_KEY_LIST = 1;

/** More (column, org) probes than the keyed page takes: the board walks its order (see `wideKeys`). */
export const isWideBoard = (arms: KeyedArms) => !arms.book && overProbeLimit(arms);
