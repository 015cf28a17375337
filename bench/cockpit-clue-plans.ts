/**
 * The scoped cockpit's clue and letter plans side by side on a kept data set (issue 15, issue 12): for up to `--n` accounts of each
 * kind, a miss's figures (`computeFigures`, year 2026, by office) computed `--reps` times with each clue plan in turn —
 * `rows` (row by row, area-scan-keyed.ts ORG_PROBE_LIMIT above any scope), `year` (the aggregates of migration 0071,
 * the year's keys read once: CLUE_YEAR_KEYS_LIMIT 0), `probes` (the aggregates probed per arm, migration 0079) — on ONE
 * connection of the server's own pool, so that the plans share the machine's load; with them the letters per org of each
 * arm (`rows`), the year's letters once (`year`), or as LETTER_PROBE_LIMIT chooses (`probes`; counted with whichever it is).
 * pg_stat_statements (planning + execution) tells each plan's statements apart by their text. Prints PostgreSQL ms per
 * miss for the clues and the letters, per plan (planning in brackets).
 *
 *   npx tsx bench/cockpit-clue-plans.ts --dir=/tmp/cmiss-pg [--port=55471] [--n=8] [--reps=5] [--kinds=group,office,county,leader]
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

const n = Number(arg('n') ?? 8);
const reps = Number(arg('reps') ?? 5);
const kinds = (arg('kinds') ?? 'group,office,county,leader').split(',') as SampleKind[];
const dir = arg('dir') ?? '/tmp/cmiss-pg';
const { url, pool, stop, samples } = await openKeptDataSet(dir, Number(arg('port') ?? 55471), { statStatements: true });
configureAuditKey(randomBytes(32));
const one = createDb(url, 1).pool;
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: one }) });

const PLANS = {
  rows: { orgProbeLimit: 1_000_000, letterProbeLimit: 1_000_000 },
  year: { orgProbeLimit: 0, clueYearKeysLimit: 0, letterProbeLimit: 0 },
  probes: { orgProbeLimit: 0, clueYearKeysLimit: 1_000_000 },
} as const;
type Plan = keyof typeof PLANS;
/** The area and plan of a clue or letter statement, by its text (null: neither). */
function planOf(raw: string): [string, Plan] | null {
  const text = raw.replace(/"/g, '');
  if (/cockpit_clue_org/.test(text)) return ['clues', /undertaking_org_id = ANY\(\(SELECT/.test(text) ? 'probes' : 'year'];
  if (/FROM clue c\b/.test(text)) return ['clues', 'rows'];
  // The letters: per org of each arm (`rows`), or the year's letters once (`year`); `probes` leaves them to LETTER_PROBE_LIMIT.
  if (/FROM letter r\b/.test(text)) return ['letters', /CROSS JOIN LATERAL/.test(text) ? 'rows' : 'year'];
  return null;
}

console.log(`clue plans, PostgreSQL ms per miss (planning in brackets); load average ${loadAverage()}`);
for (const kind of kinds) {
  const ctxs = await cockpitCtxs(db, samples, kind, n, 'plans');
  const run = async (ctx: Ctx, plan: Plan) => {
    const { params } = await cockpitParams(ctx, { year: 2026, dimension: 'office' });
    return computeFigures(ctx, params, PLANS[plan]);
  };
  for (const ctx of ctxs) for (const plan of Object.keys(PLANS) as Plan[]) await run(ctx, plan);
  await pool.query('SELECT pg_stat_statements_reset()');
  for (let r = 0; r < reps; r++) for (const ctx of ctxs) for (const plan of Object.keys(PLANS) as Plan[]) await run(ctx, plan);
  const { rows } = await pool.query<{ query: string; ms: number; plan: number }>(
    `SELECT query, (total_exec_time + total_plan_time)::float8 AS ms, total_plan_time::float8 AS plan FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  const by = new Map<string, { ms: number; plan: number }>();
  for (const r of rows) {
    const p = planOf(r.query);
    if (!p) continue;
    const x = by.get(p.join(' ')) ?? { ms: 0, plan: 0 };
    by.set(p.join(' '), { ms: x.ms + r.ms, plan: x.plan + r.plan });
  }
  const misses = Math.max(1, ctxs.length * reps);
  for (const area of ['clues', 'letters'])
    console.log(
      `${kind.padEnd(7)} ${area.padEnd(8)} ${String(misses).padStart(4)} misses  ${(Object.keys(PLANS) as Plan[])
        .map((p) => `${p} ${((by.get(`${area} ${p}`)?.ms ?? 0) / misses).toFixed(1)} (${((by.get(`${area} ${p}`)?.plan ?? 0) / misses).toFixed(1)})`)
        .join('   ')}   load ${loadAverage()}`,
    );
}
await one.end();
await pool.end();
await stop();
