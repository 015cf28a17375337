/**
 * The clue area of a scoped 监督质效 cockpit miss with its undertaking arm from the per-undertaking-org aggregates of
 * migration 0088 and its subject arm through 0088's org triples, against both arms from 0071's aggregates (as before), alternated call by call on ONE connection of
 * the server's own pool, on a kept data set (bench/kept-data-set.ts, as bench/cockpit-areas.ts opens it). The two
 * statements differ in text, so pg_stat_statements keeps them apart: PostgreSQL ms per call (planning + execution) of
 * each, per reader kind, with the load average (the machine is shared). The figures of both must be equal (checked).
 *
 *   npx tsx bench/cockpit-clue-undertaking-ab.ts --dir=/tmp/cockpit-pg --port=55702 [--n=8] [--reps=5] [--kinds=office,leader,county,group]
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
const reps = Number(arg('reps') ?? 5);
const kinds = (arg('kinds') ?? 'office,leader,county,group').split(',') as SampleKind[];
const { url, pool, stop, samples } = await openKeptDataSet(dir, Number(arg('port') ?? 55471), { statStatements: true });
configureAuditKey(randomBytes(32));
const handle = createDb(url, 1);
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: handle.pool }) });
console.log(`clue area, undertaking and subject arms 0088 (new) vs 0071 (old), alternated; load average ${loadAverage()}`);
console.log('kind      calls   new PG ms/call  old PG ms/call');
for (const kind of kinds) {
  const ctxs = await cockpitCtxs(db, samples, kind, n, 'ab');
  const run = async (ctx: Ctx, clueUndertakingAgg: boolean) => {
    const { params } = await cockpitParams(ctx, { year: 2026, dimension: 'office' });
    return computeFigures(ctx, params, { clueUndertakingAgg });
  };
  for (const ctx of ctxs) {
    const [x, y] = [await run(ctx, true), await run(ctx, false)];
    if (JSON.stringify(x) !== JSON.stringify(y)) throw new Error(`${kind}: the figures differ`);
  }
  await pool.query('SELECT pg_stat_statements_reset()');
  for (let r = 0; r < reps; r++)
    for (const ctx of ctxs) {
      const first = r % 2 === 0;
      await run(ctx, first);
      await run(ctx, !first);
    }
  const { rows } = await pool.query<{ which: string; ms: number; calls: number }>(
    `SELECT CASE WHEN query LIKE '%cockpit_clue_undertaking_agg%' THEN 'new' ELSE 'old' END AS which,
        sum(total_exec_time + total_plan_time)::float8 AS ms, sum(calls)::int AS calls
      FROM pg_stat_statements WHERE query LIKE '%cockpit_clue_org_agg%' OR query LIKE '%cockpit_clue_undertaking_agg%' GROUP BY 1`,
  );
  const per = (w: string) => {
    const r = rows.find((x) => x.which === w);
    return r ? (r.ms / (reps * ctxs.length)).toFixed(2) : '-';
  };
  console.log(`${kind.padEnd(8)} ${String(reps * ctxs.length).padStart(6)}  ${per('new').padStart(15)} ${per('old').padStart(15)}   (load ${loadAverage()})`);
}
await handle.pool.end();
await pool.end();
await stop();
