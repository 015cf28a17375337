import { sql } from 'kysely';
import { prepared } from '../../db/pool';
import { inRequestTransaction } from '../../db/request-tx';
import type { Ctx } from '../../platform/context';
import type { LightDates } from '../supervision';
import type { TaskLight } from './light';

/*
 * The 督办 lights of the task board as it opens, kept per node (issue 12: a wide board's lights walk the running tasks'
 * index three times — an office's or a 分管领导's 10,000 rows tested against the scope, 10–12 ms of PostgreSQL per
 * request at one idle connection, most of the board's cost — for figures that change only when a task is written).
 */

type Lights = Record<TaskLight, number>;

/**
 * What the lights of an unfiltered board depend on besides the account's scope object, read in one small named
 * statement before the lights are counted:
 *  - the reform data epoch (`data_epoch` 'reform', bumped in the writing transaction by the statement triggers of
 *    migration 0010 on every INSERT, UPDATE, DELETE or TRUNCATE of `rectification_task`; a letter's classification or
 *    case reaches its tasks by the triggers of 0063, an UPDATE of those tasks, so it bumps it too);
 *  - the scope epoch (0004: every change to an org, a link, a role or a 专班 membership — which campaigns' tasks the
 *    account sees) and the database's day (a membership ends by date): also in the scope object (below), read here
 *    too so that an actor object older than its epoch (a service holding one across writes) is never served stale;
 *  - the account's recusals (回避 from a task, a letter or a case hide tasks without any task being written): listed
 *    whole, an account has a handful.
 * The rest is in the key or in the scope object: the commission, the roles and the clearance (the actor, read with
 * the session), today and the yellow threshold (`LightDates`: the day and the work calendar), exact or capped; the
 * scope object is the scope cache's (platform/scope-cache.ts), one per account, scope epoch and day, so kept lights are
 * never served to another scope (nor to an actor built by hand with other org ids).
 */
const stampSql = (userId: string) =>
  prepared(sql<{ epoch: string | null; scope: string | null; day: string; recusals: string | null }>`SELECT
    (SELECT de.epoch::text FROM data_epoch de WHERE de.area = 'reform') AS epoch,
    (SELECT se.epoch::text FROM scope_epoch se WHERE se.id = 1) AS scope, current_date::text AS day,
    (SELECT string_agg(rc.object_type || ':' || rc.object_id::text, ',' ORDER BY rc.object_type, rc.object_id)
       FROM recusal rc WHERE rc.user_id = ${userId}::uuid) AS recusals`);

/** Per scope object (they go with the object), one entry for the capped lights and one for the exact; a new key replaces it. */
const kept = new WeakMap<object, { capped?: Entry; exact?: Entry }>();
interface Entry {
  key: string;
  lights: Lights;
}

/** Counters for the tests: a kept answer served (`hits`) or the lights counted (`counted`). */
export const keptLightsStats = { hits: 0, counted: 0 };

/**
 * The lights of the account's unfiltered board (`count`, the same lights as before) kept with its scope object and
 * served again while the stamp (above) and the key are unchanged. The stamp is read before counting, so a kept answer
 * reflects at least the state the stamp names: any later commit that could change it moves the epoch or the recusals,
 * hence the key (platform/epoch-cache.ts reasons the same way). Inside a transaction (which may hold its own uncommitted
 * writes) the lights are counted as they are. Property test: reform/keyed-task-lights-kept.test.ts.
 */
export async function keptLights(ctx: Ctx, d: LightDates, exact: boolean, count: () => Promise<Lights>): Promise<Lights> {
  const { db, actor } = ctx;
  if (db.isTransaction || inRequestTransaction()) return count();
  const stamp = (await stampSql(actor.userId).execute(db)).rows[0];
  const key = JSON.stringify([
    actor.userId,
    actor.commissionId,
    [...actor.roles].sort(),
    actor.clearance,
    d.today,
    d.threshold,
    exact,
    stamp?.epoch ?? null,
    stamp?.scope ?? null,
    stamp?.day ?? null,
    stamp?.recusals ?? null,
  ]);
  let slots = kept.get(actor.scope);
  if (!slots) {
    slots = {};
    kept.set(actor.scope, slots);
  }
  const slot = exact ? 'exact' : 'capped';
  const hit = slots[slot];
  if (hit?.key === key) {
    keptLightsStats.hits++;
    return { ...hit.lights };
  }
  const lights = await count();
  keptLightsStats.counted++;
  slots[slot] = { key, lights: { ...lights } };
  return lights;
}
