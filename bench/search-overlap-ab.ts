/**
 * A keyed search walk's parts disjoint (`old`: each leaves out the rows of the arms before it) against overlapping and
 * deduplicated after the merge (`new`: keyedWalkSql `distinctOn`, search.ts SearchPlan `overlapWalk`), alternated per
 * account on one data set (issue 12). Each statement as the route sends it: named, its generic plan forced when marked,
 * explained after 6 runs (sql-breakdown.ts explainNamed). Mean execution ms and shared buffers per reader kind and word,
 * and the load average; the visible hits counted must agree.
 *
 *   npx tsx bench/search-overlap-ab.ts [--dir=/tmp/search-pg] [--n=20] [--kinds=group,mixed] [--words=common] [--rounds=2]
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
const rounds = Number(arg('rounds') ?? 2);
const kinds = (arg('kinds') ?? 'group,mixed').split(',');
const words = (arg('words') ?? 'common').split(',') as BenchSearchWord[];
const pool = new pg.Pool({ connectionString: samples.url, max: 2 });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
const mean = (v: number[]) => (v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)).toFixed(2).padStart(7);
type Variant = 'old' | 'new';
for (const kind of kinds) {
  const sample = samples[kind] ?? [];
  const users = sample.filter((_, i) => i % Math.max(1, Math.floor(sample.length / n)) === 0).slice(0, n);
  for (const w of words) {
    const ws = tokens(BENCH_SEARCH_WORDS[w].q);
    const fig: Record<Variant, { exec: number[]; buffers: number[]; counted: string[] }> = {
      old: { exec: [], buffers: [], counted: [] },
      new: { exec: [], buffers: [], counted: [] },
    };
    const loadAt = loadAverage();
    let mismatched = 0;
    for (let r = 0; r < rounds; r++)
      for (const [i, u] of users.entries()) {
        const actor = await findAccountActor(db as never, { userId: u.userId });
        if (!actor) continue;
        const full = await sharedRead({ db, actor } as never, 'full');
        const plan = await searchPlan(db as never, ws, actor);
        const got: Partial<Record<Variant, string>> = {};
        for (const v of (i + r) % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const)) {
          const st = searchStatement(actor, ws, { kind: 'all', page: 1, pageSize: 20 }, full, { ...plan, overlapWalk: v === 'new' });
          if (!st) continue;
          const c = st.compile(db);
          const lines = c.sql.startsWith(PREPARED_MARK)
            ? await explainNamed(pool, c.sql, c.parameters, st.genericPlan === true)
            : await explain(pool, c.sql, c.parameters);
          const text = lines.join('\n');
          fig[v].exec.push(Number(/Execution Time: ([\d.]+)/.exec(text)?.[1]));
          const hit = /Buffers: shared hit=(\d+)(?: read=(\d+))?/.exec(text);
          fig[v].buffers.push(Number(hit?.[1] ?? 0) + Number(hit?.[2] ?? 0));
          // The rows themselves: the page's ids and the count, run as is.
          const rows = (await pool.query<{ id: string | null; counted: number }>(c.sql.replace(PREPARED_MARK, ''), [...c.parameters])).rows;
          got[v] = JSON.stringify([rows[0]?.counted, rows.map((x) => x.id)]);
        }
        if (got.old !== got.new) mismatched++;
      }
    for (const v of ['old', 'new'] as const)
      console.log(`${kind.padEnd(6)} ${w.padEnd(6)} ${v}: exec mean ${mean(fig[v].exec)} ms; buffers ${mean(fig[v].buffers)}; load ${loadAt}`);
    console.log(`${kind.padEnd(6)} ${w.padEnd(6)} pages and counts that differ: ${mismatched}`);
  }
}
await db.destroy();
process.exit(0);
