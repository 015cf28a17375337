/**
 * Where a 监督质效 cockpit miss spends PostgreSQL's time, per area and reader kind (issue 15, issue 12), on a kept data
 * set: an embedded PostgreSQL in `--dir` (default /tmp/cmiss-pg) filled as bench/run.ts fills its throwaway one —
 * generate(), supervision, clues, reform, the campaign, the 信息互通 grants of the endpoints' 'others' phase — with the
 * bench's samples written to `<dir>/samples.json` (bench/kept-data-set.ts; a second run on the same folder only starts
 * it again and runs the migrations not yet applied). For up to `--n` accounts of each kind that read the cockpit, the
 * figures of a miss (`computeFigures`, year 2026, by office) are computed `--reps` times on ONE connection of the server's
 * own pool (db/pool.ts createDb: marked statements sent named, so PostgreSQL keeps a generic plan where it chooses one, as
 * on the server — before, every statement was planned afresh here and planning was overstated), after one warm-up; pg_stat_statements (planning + execution) is reset before and read after each kind, and each statement is put
 * to its area by the table it reads. `--row-by-row` counts a scoped caller's clues row by row (as before migration 0071)
 * for the comparison, on the same data; `--org-probe-limit=N` and `--clue-year-limit=N` set area-scan-keyed.ts ORG_PROBE_LIMIT
 * and CLUE_YEAR_KEYS_LIMIT (`--clue-year-limit=0`: the aggregates' keys of the year read once, as before migration 0079);
 * `--no-undertaking-agg` reads the clues' undertaking and subject arms from 0071's aggregates as before migration 0088;
 * `--no-letter-hashed` tests the year's letters with the case sets searched linearly (before cockpit2's hashed sets);
 * `--no-named-apart` reads the named clues (信息互通) in one BitmapOr with the other arms, as before migration 0092;
 * `--no-disjoint-arms` sums a scoped caller's items and tasks with their org arms ORed, as before migration 0098;
 * `--all-list-years` reads the items' list arm over the scope's lists of every year (before the year's lists only). `--top` prints the four costliest statements (with their planning ms);
 * `--generic` plans the connection's named statements generically (plan_cache_mode, an experiment; once said to make the
 * tasks' and items' statements slower at full scale, not so since: bench/cockpit-generic-plans.ts compares them call by call); `--generic-areas=a,b` runs those areas' statements under it as the code does
 * (scans.ts GENERIC_PLAN_AREAS; `--generic-areas=` none). `--keep` leaves the server up (Ctrl-C stops it).
 *
 *   npx tsx bench/cockpit-areas.ts [--scale=small|full] [--dir=/tmp/cmiss-pg] [--port=55471] [--n=8] [--reps=3]
 *     [--kinds=group,office,county,leader,mixed] [--row-by-row] [--org-probe-limit=N] [--clue-year-limit=N] [--no-undertaking-agg] [--no-letter-hashed] [--no-named-apart] [--no-disjoint-arms] [--all-list-years] [--top] [--generic] [--generic-areas=a,b] [--explain=<area>] [--keep]
 */
import { randomBytes } from 'node:crypto';
import type { CockpitArea } from '@liandong/domain/cockpit/contracts';
import { Kysely, PostgresDialect } from 'kysely';
import { createDb } from '../server/src/db/pool';
import type { DB } from '../server/src/db/types';
import { cockpitParams, computeFigures } from '../server/src/modules/cockpit';
import { configureAuditKey } from '../server/src/platform/audit';
import type { Ctx } from '../server/src/platform/context';
import type { SampleKind } from './generate';
import { CAMPAIGN_SCALES, generateCampaign } from './generate-campaign';
import { CLUE_SCALES, generateClues } from './generate-clues';
import { generateReform, REFORM_SCALES } from './generate-reform';
import { generateSupervision, SUPERVISION_SCALES } from './generate-supervision';
import { arg, cockpitCtxs, loadAverage, log, openDataSet, readSamples } from './kept-data-set';
import { area } from './cockpit-area-of';

const scaleName = (arg('scale') ?? 'small') as 'full' | 'small';
const n = Number(arg('n') ?? 8);
const reps = Number(arg('reps') ?? 3);
const kinds = (arg('kinds') ?? 'group,office,county,leader,mixed').split(',') as SampleKind[];
const rowByRow = process.argv.includes('--row-by-row');
const dir = arg('dir') ?? '/tmp/cmiss-pg';
// `--generic-areas=tasks,letters`: those areas' statements under the generic plan (scans.ts GENERIC_PLAN_AREAS otherwise;
// `--generic-areas=` none).
const genericAreasArg = arg('generic-areas');
const genericAreas = genericAreasArg === undefined ? undefined : (genericAreasArg.split(',').filter(Boolean) as CockpitArea[]);

const { url, pool, stop } = await openDataSet({
  dir,
  port: Number(arg('port') ?? 55471),
  scale: scaleName,
  kinds: ['group', 'office', 'county', 'leader', 'mixed'],
  fill: async (pool, cid) => {
    await generateSupervision(pool, cid, SUPERVISION_SCALES[scaleName], log);
    await generateClues(pool, cid, CLUE_SCALES[scaleName], log);
    await generateReform(pool, cid, REFORM_SCALES[scaleName], log);
    await generateCampaign(pool, cid, CAMPAIGN_SCALES[scaleName], log);
  },
  grants: true,
});
await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
const samples = readSamples(dir);

configureAuditKey(randomBytes(32));
// One connection: the areas' statements queue on it as a miss's would on a loaded pool. The server's own pool
// (db/pool.ts createDb: the session's time zone, and the marked statements sent named, so that PostgreSQL may keep a
// generic plan of each after five executions, as it does on the server's connections).
const handle = createDb(url, 1);
const one = handle.pool;
// `--generic`: every named statement of the connection planned once (an experiment beside the code's own choice).
if (process.argv.includes('--generic')) one.on('connect', (c) => void c.query('SET plan_cache_mode = force_generic_plan'));
let captured: { sql: string; parameters: readonly unknown[] }[] = [];
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool: one }),
  log: (e) => void captured.push({ sql: e.query.sql, parameters: e.query.parameters }),
});
/** `--explain=<area>`: the plan (EXPLAIN ANALYZE, BUFFERS) of that area's statement for the first account of each kind. */
const explainArea = arg('explain');
console.log(
  `${scaleName} scale, ${rowByRow ? 'clues row by row (before 0071)' : `clues from the per-org aggregates of 0071 above ${arg('org-probe-limit') ?? 'ORG_PROBE_LIMIT'} probes, the year's keys above ${arg('clue-year-limit') ?? 'CLUE_YEAR_KEYS_LIMIT'}`}, letters per org (0075) or the year's once above 120 probes${process.argv.includes('--no-undertaking-agg') ? ', undertaking arm from 0071 (before 0088)' : ''}${process.argv.includes('--no-disjoint-arms') ? ', items and tasks arms ORed (before 0098)' : ''}${process.argv.includes('--all-list-years') ? ", items' list arm over every year's lists" : ''}${process.argv.includes('--generic') ? ', generic plans' : ''}${genericAreas ? `, generic plans of [${genericAreas.join(',')}]` : ''}; load average ${loadAverage()}`,
);
const areas = ['supervision', 'clues', 'cases', 'letters', 'tasks', 'campaigns', 'other'];
console.log(`kind     reqs  wall ms (mean/max)  PG ms/req  ${areas.map((a) => a.padStart(11)).join('')}`);
for (const kind of kinds) {
  const ctxs = await cockpitCtxs(db, samples, kind, n, 'areas');
  const run = async (ctx: Ctx) => {
    const { params } = await cockpitParams(ctx, { year: 2026, dimension: 'office' });
    return computeFigures(ctx, params, {
      orgAggregates: rowByRow ? false : undefined,
      orgProbeLimit: arg('org-probe-limit') ? Number(arg('org-probe-limit')) : undefined,
      clueYearKeysLimit: arg('clue-year-limit') ? Number(arg('clue-year-limit')) : undefined,
      letterProbeLimit: arg('letter-probe-limit') ? Number(arg('letter-probe-limit')) : undefined,
      clueUndertakingAgg: process.argv.includes('--no-undertaking-agg') ? false : undefined,
      letterHashedSets: process.argv.includes('--no-letter-hashed') ? false : undefined,
      clueNamedApart: process.argv.includes('--no-named-apart') ? false : undefined,
      disjointOrgArms: process.argv.includes('--no-disjoint-arms') ? false : undefined,
      allListYears: process.argv.includes('--all-list-years') ? true : undefined,
      genericAreas,
    });
  };
  for (const ctx of ctxs) await run(ctx); // warm: plans, caches, the grants
  if (explainArea && ctxs[0]) {
    captured = [];
    await run(ctxs[0]);
    for (const q of captured.filter((x) => area(x.sql) === explainArea)) {
      const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.parameters as unknown[]);
      console.log(`${kind} ${explainArea}:\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  }
  await pool.query('SELECT pg_stat_statements_reset()');
  const walls: number[] = [];
  for (let r = 0; r < reps; r++) {
    for (const ctx of ctxs) {
      const t0 = performance.now();
      await run(ctx);
      walls.push(performance.now() - t0);
    }
  }
  const { rows } = await pool.query<{ query: string; ms: number; plan: number }>(
    `SELECT query, (total_exec_time + total_plan_time)::float8 AS ms, total_plan_time::float8 AS plan FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'`,
  );
  if (process.argv.includes('--top'))
    for (const r of [...rows].sort((x, y) => y.ms - x.ms).slice(0, 4))
      console.log(
        `  ${(r.ms / Math.max(1, walls.length)).toFixed(1)} ms/req (planning ${(r.plan / Math.max(1, walls.length)).toFixed(1)}) ${area(r.query)}: ${r.query.replace(/\s+/g, ' ').slice(0, 220)}`,
      );
  const by = new Map<string, number>();
  const planned = new Map<string, number>();
  for (const r of rows) by.set(area(r.query), (by.get(area(r.query)) ?? 0) + r.ms);
  for (const r of rows) planned.set(area(r.query), (planned.get(area(r.query)) ?? 0) + r.plan);
  const reqs = walls.length;
  const pgMs = [...by.values()].reduce((x, y) => x + y, 0) / Math.max(1, reqs);
  const mean = walls.reduce((x, y) => x + y, 0) / Math.max(1, reqs);
  console.log(
    `${kind.padEnd(8)} ${String(reqs).padStart(4)}  ${mean.toFixed(1).padStart(8)} / ${Math.max(...walls, 0)
      .toFixed(1)
      .padStart(7)}  ${pgMs.toFixed(1).padStart(9)}  ${areas.map((a) => ((by.get(a) ?? 0) / Math.max(1, reqs)).toFixed(1).padStart(11)).join('')}`,
  );
  // Of which planning (pg_stat_statements total_plan_time), per area.
  const planMs = [...planned.values()].reduce((x, y) => x + y, 0) / Math.max(1, reqs);
  console.log(
    `${'  planned'.padEnd(32)}  ${planMs.toFixed(1).padStart(9)}  ${areas.map((a) => ((planned.get(a) ?? 0) / Math.max(1, reqs)).toFixed(1).padStart(11)).join('')}`,
  );
}
await one.end();
await pool.end();
if (process.argv.includes('--keep')) log('server kept up (Ctrl-C stops it)');
else await stop();
