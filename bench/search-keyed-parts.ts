/**
 * From how many parts a scoped reader's dense search walks its orgs rather than the book (issue 12; platform/keyed-walk.ts
 * KEYED_WALK_MAX_PARTS), alternated per account on one data set: the route's plan (`route`), the gate before (`parts150`:
 * at most 150 parts), and the keyed walk whatever its parts, overlapping (`keyedOverlap`) or disjoint (`keyedDisjoint`).
 * Each statement as the route sends it (sql-breakdown.ts explainNamed). Mean execution and planning ms per variant, and
 * whether every variant gave the same counts and pages.
 *
 *   npx tsx bench/search-keyed-parts.ts [--dir=/tmp/search-pg] [--kinds=county,leader,office,group,mixed] [--n=8] [--q=问题]
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PREPARED_MARK } from '../server/src/db/pool';
import type { DB } from '../server/src/db/types';
import { searchPlan, searchStatement } from '../server/src/modules/casework';
import { sharedRead } from '../server/src/modules/visibility';
import { findAccountActor } from '../server/src/platform/account-actor';
import { tokens } from '../server/src/platform/search';
import { arg, loadAverage, readSamples } from './kept-data-set';
import { explain, explainNamed } from './sql-breakdown';

const samples = readSamples(arg('dir') ?? '/tmp/search-pg');
const n = Number(arg('n') ?? 8);
const kinds = (arg('kinds') ?? 'county,leader,office,group,mixed').split(',');
const ws = tokens(arg('q') ?? '问题');
const pool = new pg.Pool({ connectionString: samples.url, max: 2 });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
/** The plan's fields a variant sets (search.ts SearchPlan). */
type SearchPlan = NonNullable<Parameters<typeof searchStatement>[4]>;
const VARIANTS: Record<string, SearchPlan> = {
  route: {},
  parts150: { keyedParts: 150 },
  keyedOverlap: { keyedParts: Number.MAX_SAFE_INTEGER, overlapWalk: true },
  keyedDisjoint: { keyedParts: Number.MAX_SAFE_INTEGER, overlapWalk: false },
};
const mean = (v: number[]) => (v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)).toFixed(2).padStart(7);
for (const kind of kinds) {
  const sample = samples[kind] ?? [];
  const users = sample.filter((_, i) => i % Math.max(1, Math.floor(sample.length / n)) === 0).slice(0, n);
  const fig: Record<string, { exec: number[]; plan: number[] }> = {};
  const loadAt = loadAverage();
  let differ = 0;
  for (const [i, u] of users.entries()) {
    const actor = await findAccountActor(db as never, { userId: u.userId });
    if (!actor) continue;
    const full = await sharedRead({ db, actor } as never, 'full');
    const plan = await searchPlan(db as never, ws, actor);
    const names = Object.keys(VARIANTS);
    const answers = new Set<string>();
    for (const v of i % 2 ? names.reverse() : names) {
      const st = searchStatement(actor, ws, { kind: 'all', page: 1, pageSize: 20 }, full, { ...plan, ...VARIANTS[v] });
      if (!st) continue;
      const c = st.compile(db);
      const text = (
        c.sql.startsWith(PREPARED_MARK) ? await explainNamed(pool, c.sql, c.parameters, st.genericPlan === true) : await explain(pool, c.sql, c.parameters)
      ).join('\n');
      const f = (fig[v] ??= { exec: [], plan: [] });
      f.exec.push(Number(/Execution Time: ([\d.]+)/.exec(text)?.[1]));
      f.plan.push(Number(/Planning Time: ([\d.]+)/.exec(text)?.[1]));
      const rows = (await pool.query<{ id: string | null; counted: number }>(c.sql.replace(PREPARED_MARK, ''), [...c.parameters])).rows;
      answers.add(JSON.stringify([rows[0]?.counted, rows.map((r) => r.id)]));
    }
    if (answers.size > 1) differ++;
  }
  for (const [v, f] of Object.entries(fig)) console.log(`${kind.padEnd(6)} ${v.padEnd(13)} exec ${mean(f.exec)} ms, plan ${mean(f.plan)} ms; load ${loadAt}`);
  console.log(`${kind.padEnd(6)} accounts whose variants differ: ${differ}`);
}
await db.destroy();
process.exit(0);
