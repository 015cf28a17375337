/**
 * The supervision and task areas of a scoped 监督质效 cockpit miss with the per-org aggregates summed arm by arm (migration
 * 0098: disjoint parts, each one index-only scan; area-scan.ts `disjointArms`; the tasks from 0098's deadline months, today's
 * month by the exact deadline) against the arms ORed in one bitmap scan over the aggregates and indexes of 0061/0065 (as before), on a kept data set (bench/kept-data-set.ts, as bench/cockpit-areas.ts opens
 * it), on ONE connection of the server's own pool. The two need different indexes (the ORed statement planned over
 * 0098's item indexes reads far worse than over its own; 0098's month aggregate is there in both), so each round sets the indexes of one mode (0098's, or 0065's assist
 * index without them), warms its statements and measures every reader of the kind once; the modes alternate round by
 * round, the order swapped every round. PostgreSQL ms per call (planning + execution, pg_stat_statements) of the items'
 * and the tasks' statements, per reader kind, with the load average (the machine is shared). The figures of both modes
 * must be equal (checked). The data set is left with 0098's indexes.
 *
 *   npx tsx bench/cockpit-agg-arms-ab.ts --dir=/tmp/cockpit-pg --port=55702 [--n=8] [--rounds=6] [--kinds=office,leader,county,group]
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import { createDb } from '../server/src/db/pool';
import type { DB } from '../server/src/db/types';
import { cockpitParams, computeFigures } from '../server/src/modules/cockpit';
import { configureAuditKey } from '../server/src/platform/audit';
import type { Ctx } from '../server/src/platform/context';
import type { SampleKind } from './generate';
import { arg, cockpitCtxs, loadAverage, openKeptDataSet } from './kept-data-set';

const dir = arg('dir') ?? '/tmp/cmiss-pg';
const n = Number(arg('n') ?? 8);
const rounds = Number(arg('rounds') ?? 6);
const kinds = (arg('kinds') ?? 'office,leader,county,group').split(',') as SampleKind[];
const { url, pool, stop, samples } = await openKeptDataSet(dir, Number(arg('port') ?? 55471), { statStatements: true });
configureAuditKey(randomBytes(32));
const handle = createDb(url, 1);
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: handle.pool }) });

const INDEXES_0098 = `CREATE INDEX IF NOT EXISTS cockpit_item_org_agg_year_lead ON cockpit_item_org_agg (commission_id, year, lead_org_id)
    INCLUDE (assist_org_id, list_id, state, running_due, completed_m, n);
  CREATE INDEX IF NOT EXISTS cockpit_item_org_agg_year_assist ON cockpit_item_org_agg (commission_id, year, assist_org_id)
    INCLUDE (lead_org_id, list_id, state, running_due, completed_m, n) WHERE assist_org_id IS NOT NULL;
  DROP INDEX IF EXISTS cockpit_item_org_agg_assist;
  CREATE INDEX IF NOT EXISTS cockpit_task_org_agg_open ON cockpit_task_org_agg (commission_id, open_deadline)
    INCLUDE (supervisor_org_id, unit_org_id, state, n) WHERE open_deadline IS NOT NULL;`;
const INDEXES_BEFORE = `CREATE INDEX IF NOT EXISTS cockpit_item_org_agg_assist ON cockpit_item_org_agg (commission_id, assist_org_id)
    INCLUDE (lead_org_id, list_id, year, state, running_due, completed_m, n);
  DROP INDEX IF EXISTS cockpit_item_org_agg_year_lead;
  DROP INDEX IF EXISTS cockpit_item_org_agg_year_assist;
  DROP INDEX IF EXISTS cockpit_task_org_agg_open;`;
const setMode = async (disjoint: boolean) => {
  await pool.query(disjoint ? INDEXES_0098 : INDEXES_BEFORE);
  await pool.query('ANALYZE cockpit_item_org_agg, cockpit_task_org_agg');
};

console.log(`items and tasks: arms disjoint over 0098's indexes (new) vs ORed (old), rounds alternated; load average ${loadAverage()}`);
console.log('kind      calls   new items  old items   new tasks  old tasks   (PG ms/call)');
for (const kind of kinds) {
  const ctxs = await cockpitCtxs(db, samples, kind, n, 'ab');
  const run = async (ctx: Ctx, disjointOrgArms: boolean) => {
    const { params } = await cockpitParams(ctx, { year: 2026, dimension: 'office' });
    return computeFigures(ctx, params, { disjointOrgArms });
  };
  const sums = { new: { items: 0, tasks: 0 }, old: { items: 0, tasks: 0 } };
  const figures = new Map<string, string>();
  for (let r = 0; r < rounds; r++) {
    for (const disjoint of r % 2 === 0 ? [true, false] : [false, true]) {
      await setMode(disjoint);
      for (const ctx of ctxs) {
        const got = await run(ctx, disjoint); // warm: the plans after the DDL
        const f = JSON.stringify([[...got.counts].sort(([a], [b]) => a.localeCompare(b)), got.series]);
        const seen = figures.get(ctx.actor.userId);
        if (seen !== undefined && seen !== f) throw new Error(`${kind}: the figures differ`);
        figures.set(ctx.actor.userId, f);
      }
      await pool.query('SELECT pg_stat_statements_reset()');
      for (const ctx of ctxs) await run(ctx, disjoint);
      const { rows } = await pool.query<{ items: number; tasks: number }>(
        `SELECT coalesce(sum(total_exec_time + total_plan_time) FILTER (WHERE query LIKE '%cockpit_item_org_agg%'), 0)::float8 AS items,
            coalesce(sum(total_exec_time + total_plan_time) FILTER (WHERE query LIKE '%cockpit_task_org%'), 0)::float8 AS tasks
          FROM pg_stat_statements`,
      );
      const s = sums[disjoint ? 'new' : 'old'];
      s.items += rows[0]?.items ?? 0;
      s.tasks += rows[0]?.tasks ?? 0;
    }
  }
  const calls = rounds * ctxs.length;
  const per = (x: number) => (x / Math.max(1, calls)).toFixed(2).padStart(10);
  console.log(
    `${kind.padEnd(8)} ${String(calls).padStart(6)}  ${per(sums.new.items)} ${per(sums.old.items)}  ${per(sums.new.tasks)} ${per(sums.old.tasks)}   (load ${loadAverage()})`,
  );
}
await setMode(true);
await handle.pool.end();
await pool.end();
await stop();
