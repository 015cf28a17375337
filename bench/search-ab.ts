/**
 * Search's statement before and after (issue 12), alternated on the same data and connection: for up to `--n` accounts
 * of each reader kind and each word (bench/casework-query.ts BENCH_SEARCH_WORDS), `--reps` rounds of one call of each
 * variant in turn, as the server runs it (search.ts runSearchStatement; FULL grants; page 1 of 20):
 * - `before`: every org of a keyed walk its own part (no org presence), a walk's scope with its org lists as `= ANY`, a generic plan set by BEGIN, SET LOCAL, the
 *   statement and COMMIT as separate messages (search.ts before underGenericPlan);
 * - `after`: the parts of the orgs with rows (search-presence.ts), the others in one part, under `underGenericPlan`.
 * Per kind, word and variant: the wall ms (median, p95) and PostgreSQL's ms per call (planning + execution of every
 * statement of the call, BEGIN/SET/COMMIT included, from pg_stat_statements snapshots around each call), and the load.
 *
 *   npx tsx bench/search-ab.ts [--dir=/tmp/search-pg] [--n=5] [--reps=10] [--kinds=group,office] [--words=common,rare]
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb } from '../server/src/db/pool';
import { findAccountActor } from '../server/src/platform/account-actor';
import { runSearchStatement, searchPlan, searchStatement } from '../server/src/modules/casework';
import { sharedRead } from '../server/src/modules/visibility';
import { tokens } from '../server/src/platform/search';
import { BENCH_SEARCH_WORDS, type BenchSearchWord } from './casework-query';
import { arg, readSamples } from './kept-data-set';
import { enablePgStats } from './pg-stats';

const dir = arg('dir') ?? '/tmp/search-pg';
const n = Number(arg('n') ?? 5);
const reps = Number(arg('reps') ?? 10);
const kinds = (arg('kinds') ?? 'group,office').split(',');
const words = (arg('words') ?? 'common,rare').split(',') as BenchSearchWord[];
const samples = readSamples(dir);
// The server's pool (db/pool.ts createDb): marked statements named, as the server sends them; one connection.
const { db, close } = createDb(samples.url, 1);
const stats = await enablePgStats(new pg.Pool({ connectionString: samples.url, max: 1 }));
if (!('snapshot' in stats)) throw new Error(stats.unavailable);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

type Variant = 'before' | 'after';
type Statement = NonNullable<ReturnType<typeof searchStatement>>;
const VARIANTS: Variant[] = ['before', 'after'];
const q = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(p * v.length))] ?? 0;

for (const kind of kinds) {
  const users = (samples[kind] ?? []).filter((_, i, a) => i % Math.max(1, Math.floor(a.length / n)) === 0).slice(0, n);
  for (const word of words) {
    const ws = tokens(BENCH_SEARCH_WORDS[word].q);
    const wall: Record<Variant, number[]> = { before: [], after: [] };
    const pgMs: Record<Variant, number[]> = { before: [], after: [] };
    const counted: Record<Variant, number[]> = { before: [], after: [] };
    const loadAt = load();
    const prepared: { before: Statement; after: Statement }[] = [];
    for (const u of users) {
      const actor = await findAccountActor(db as never, { userId: u.userId });
      if (!actor) continue;
      const full = await sharedRead({ db, actor } as never, 'full');
      const page = { kind: 'all', page: 1, pageSize: 20 } as const;
      const before = searchStatement(actor, ws, page, full, { ...(await searchPlan(db as never, ws)), hashedWalk: false })!;
      const after = searchStatement(actor, ws, page, full, await searchPlan(db as never, ws, actor))!;
      prepared.push({ before, after });
    }
    const run = async (v: Variant, st: Statement) => {
      if (v === 'after') return runSearchStatement(db as never, st);
      if (!st.genericPlan) return (await st.execute(db)).rows;
      return db.transaction().execute(async (trx) => {
        await sql`SET LOCAL plan_cache_mode = force_generic_plan`.execute(trx);
        return (await st.execute(trx)).rows;
      });
    };
    // Warm-up: each statement's generic plan kept on the connection.
    for (const p of prepared) for (const v of VARIANTS) for (let i = 0; i < 3; i++) await run(v, p[v]);
    for (let r = 0; r < reps; r++) {
      for (const p of prepared) {
        for (const v of r % 2 ? [...VARIANTS].reverse() : VARIANTS) {
          const s0 = await stats.snapshot();
          const t0 = performance.now();
          const rows = await run(v, p[v]);
          wall[v].push(performance.now() - t0);
          const s1 = await stats.snapshot();
          pgMs[v].push(s1.exec_ms - s0.exec_ms + s1.plan_ms - s0.plan_ms);
          if (r === 0) counted[v].push((rows[0] as { counted?: number } | undefined)?.counted ?? 0);
        }
      }
    }
    for (const v of VARIANTS) {
      console.log(
        `${kind.padEnd(6)} ${word.padEnd(6)} ${v.padEnd(6)} wall p50 ${q(wall[v], 0.5).toFixed(1).padStart(6)} p95 ${q(wall[v], 0.95).toFixed(1).padStart(6)} ms; ` +
          `PG p50 ${q(pgMs[v], 0.5).toFixed(2).padStart(6)} mean ${(pgMs[v].reduce((a, b) => a + b, 0) / Math.max(1, pgMs[v].length)).toFixed(2).padStart(6)} ms; ` +
          `counted ${counted[v].join(',')}; load ${loadAt}`,
      );
    }
  }
}
await close();
process.exit(0);
