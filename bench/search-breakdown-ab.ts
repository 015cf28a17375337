/**
 * The SQL breakdown's search figure, old against new (issue 12), alternated per account on one data set: `old` as
 * bench/sql-breakdown.ts measured it before — searchPlan without the reader (a keyed walk with a part for every org of
 * the scope) and an unnamed EXPLAIN ANALYZE, planned afresh — and `new` as the route sends the statement (searchPlan
 * with the reader; named, its generic plan forced when marked: sql-breakdown.ts explainNamed). Mean planning and
 * execution ms per reader kind and word, the statement's parts (ORDER BYs) and the load average.
 *
 *   npx tsx bench/search-breakdown-ab.ts [--dir=/tmp/search-pg] [--n=20] [--kinds=group,mixed] [--words=rare,common,two]
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PREPARED_MARK } from '../server/src/db/pool';
import type { DB } from '../server/src/db/types';
import { searchPlan, searchStatement } from '../server/src/modules/casework';
import { sharedRead } from '../server/src/modules/visibility';
import { findAccountActor } from '../server/src/platform/account-actor';
import { tokens } from '../server/src/platform/search';
import { BENCH_SEARCH_WORDS, type BenchSearchWord } from './casework-query';
import { arg, loadAverage, readSamples } from './kept-data-set';
import { explain, explainNamed } from './sql-breakdown';

const samples = readSamples(arg('dir') ?? '/tmp/search-pg');
const n = Number(arg('n') ?? 20);
const kinds = (arg('kinds') ?? 'group,mixed').split(',');
const words = (arg('words') ?? 'rare,common,two').split(',') as BenchSearchWord[];
const pool = new pg.Pool({ connectionString: samples.url, max: 2 });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
const times = (lines: string[]) => {
  const t = lines.join('\n');
  return { plan: Number(/Planning Time: ([\d.]+)/.exec(t)?.[1]), exec: Number(/Execution Time: ([\d.]+)/.exec(t)?.[1]) };
};
const mean = (v: number[]) => (v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)).toFixed(2).padStart(6);
for (const kind of kinds) {
  const sample = samples[kind] ?? [];
  const users = sample.filter((_, i) => i % Math.max(1, Math.floor(sample.length / n)) === 0).slice(0, n);
  for (const w of words) {
    const ws = tokens(BENCH_SEARCH_WORDS[w].q);
    const fig = {
      old: { plan: [] as number[], exec: [] as number[], parts: [] as number[] },
      new: { plan: [] as number[], exec: [] as number[], parts: [] as number[] },
    };
    const load = loadAverage();
    for (const [i, u] of users.entries()) {
      const actor = await findAccountActor(db as never, { userId: u.userId });
      if (!actor) continue;
      const full = await sharedRead({ db, actor } as never, 'full');
      const page = { kind: 'all', page: 1, pageSize: 20 } as const;
      for (const v of i % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const)) {
        const st = searchStatement(actor, ws, page, full, await searchPlan(db as never, ws, v === 'new' ? actor : undefined));
        if (!st) continue;
        const c = st.compile(db);
        const named = v === 'new' && c.sql.startsWith(PREPARED_MARK);
        const t = times(named ? await explainNamed(pool, c.sql, c.parameters, st.genericPlan === true) : await explain(pool, c.sql, c.parameters));
        fig[v].plan.push(t.plan);
        fig[v].exec.push(t.exec);
        fig[v].parts.push((c.sql.match(/ORDER BY/g) ?? []).length);
      }
    }
    for (const v of ['old', 'new'] as const)
      console.log(
        `${kind.padEnd(6)} ${w.padEnd(6)} ${v}: plan ${mean(fig[v].plan)} + exec ${mean(fig[v].exec)} ms; ORDER BYs ${Math.min(...fig[v].parts)}-${Math.max(...fig[v].parts)}; load ${load}`,
      );
  }
}
await db.destroy();
process.exit(0);
