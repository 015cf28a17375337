/**
 * Where search's time goes, per reader kind and word, on the kept data set of bench/casework-dataset.ts: for up to
 * `--n` accounts of each sample the search statement (server/src/modules/casework/search.ts searchStatement, page 1
 * of 20, FULL grants) runs once on one connection (wall ms), then under EXPLAIN (ANALYZE, BUFFERS) with the same
 * parameters. Prints per reader kind and word the mean and max execution and planning ms, the shared buffers and the
 * visible hits counted (up to the cap + 1).
 *
 *   npx tsx bench/search-explain.ts [--dir=/tmp/srch-pg] [--n=5] [--kinds=group,office,county,leader,wide] [--words=rare,common,two] [--present=off] [--plans]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createHash } from 'node:crypto';
import { PREPARED_MARK } from '../server/src/db/pool';
import type { DB } from '../server/src/db/types';
import { findAccountActor } from '../server/src/platform/account-actor';
import { searchPlan, searchStatement } from '../server/src/modules/casework';
import { sharedRead } from '../server/src/modules/visibility';
import { tokens } from '../server/src/platform/search';
import type { SessionSample } from './generate';
import { BENCH_SEARCH_WORDS, type BenchSearchWord } from './casework-query';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const dir = arg('dir') ?? '/tmp/srch-pg';
const n = Number(arg('n') ?? 5);
const kinds = (arg('kinds') ?? 'group,office,county,leader,wide').split(',');
const words = (arg('words') ?? 'rare,common,two').split(',') as BenchSearchWord[];
const showPlans = process.argv.includes('--plans');
/** `--mode=old`: the planner's choice for every word (as before the walk); `--mode=r1`: no keyed walk (dense read as common). */
const mode = arg('mode') ?? 'new';
/** `--present=off`: a keyed walk with a part for every org of the scope (as before search-presence.ts). */
const present = arg('present') !== 'off';
let planned = '';
const samples = JSON.parse(readFileSync(path.join(dir, 'samples.json'), 'utf8')) as Record<string, SessionSample[]> & { url: string; commissionId: string };

const pool = new pg.Pool({ connectionString: samples.url, max: 1, idleTimeoutMillis: 0 });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
const wide = (
  await pool.query<{ id: string }>(
    `SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.commission_id = $1 AND r.role = 'CASE_MANAGER' ORDER BY u.username LIMIT $2`,
    [samples.commissionId, n],
  )
).rows;
console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
const mean = (v: number[]) => (v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)).toFixed(1);
for (const kind of kinds) {
  const ids =
    kind === 'wide' ? wide.map((r) => r.id) : (samples[kind] ?? []).filter((_, i, a) => i % Math.max(1, Math.floor(a.length / n)) === 0).map((s) => s.userId);
  for (const word of words) {
    const exec: number[] = [];
    const plan: number[] = [];
    const wall: number[] = [];
    const buffers: number[] = [];
    const counted: number[] = [];
    for (const userId of ids.slice(0, n)) {
      const actor = await findAccountActor(db as never, { userId });
      if (!actor) continue;
      const full = await sharedRead({ db, actor } as never, 'full');
      const ws = tokens(BENCH_SEARCH_WORDS[word].q);
      const p: { clue?: string; case?: string } = mode === 'old' ? {} : await searchPlan(db as never, ws, present ? actor : undefined);
      // `--mode=r1`: as before the keyed walk (a dense word read as a common one).
      if (mode === 'r1') for (const k of ['clue', 'case'] as const) if (p[k] === 'dense') p[k] = 'common';
      planned = `clue ${p.clue ?? 'planner'}, case ${p.case ?? 'planner'}`;
      const st = searchStatement(actor, ws, { kind: 'all', page: 1, pageSize: 20 }, full, p as never)!;
      const c = st.compile(db);
      // As the server sends it: named when marked (db/pool.ts), run a few times so that a kept plan is used.
      const named = c.sql.startsWith(PREPARED_MARK) ? { name: `se_${createHash('sha1').update(c.sql).digest('hex').slice(0, 20)}` } : {};
      // A keyed walk runs under its generic plan (search.ts runSearchStatement): so here too, warm-up and wall.
      const generic = (st as { genericPlan?: boolean }).genericPlan === true;
      if (generic) await pool.query('SET plan_cache_mode = force_generic_plan');
      let res = await pool.query<{ counted: number }>({ ...named, text: c.sql, values: [...c.parameters] });
      for (let i = 0; i < (named.name ? 6 : 0); i++) await pool.query({ ...named, text: c.sql, values: [...c.parameters] });
      const t0 = performance.now();
      res = await pool.query<{ counted: number }>({ ...named, text: c.sql, values: [...c.parameters] });
      wall.push(performance.now() - t0);
      if (generic) await pool.query('RESET plan_cache_mode');
      counted.push(res.rows[0]?.counted ?? 0);
      // A named statement is soon run with its generic plan: explain that one.
      if (named.name) await pool.query('SET plan_cache_mode = force_generic_plan');
      const r = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, SUMMARY) ${c.sql}`, [...c.parameters]);
      await pool.query('RESET plan_cache_mode');
      const text = r.rows.map((x) => x['QUERY PLAN']).join('\n');
      exec.push(Number(/Execution Time: ([\d.]+)/.exec(text)?.[1]));
      plan.push(Number(/Planning Time: ([\d.]+)/.exec(text)?.[1]));
      const hit = /Buffers: shared hit=(\d+)(?: read=(\d+))?/.exec(text);
      buffers.push(Number(hit?.[1] ?? 0) + Number(hit?.[2] ?? 0));
      if (showPlans) console.log(`--- ${kind} ${actor.username} ${word} (${actor.scope.wide ? 'wide' : `${actor.scope.orgIds.length} orgs`})\n${text}`);
    }
    console.log(
      `${kind.padEnd(7)} ${word.padEnd(6)} wall mean ${mean(wall).padStart(7)} max ${Math.max(...wall)
        .toFixed(1)
        .padStart(7)} ms; exec mean ${mean(exec).padStart(7)} max ${Math.max(...exec)
        .toFixed(1)
        .padStart(7)} ms; plan ${mean(plan)} ms; buffers ${mean(buffers)}; counted ${counted.join(',')}; ${planned}`,
    );
  }
}
await db.destroy();
