/**
 * A scoped cockpit miss's statements planned per call or once (issue 15, issue 12): for up to `--n` accounts of each kind,
 * the statements of one miss (`computeFigures`, year 2026, by office, no area under the generic plan) are captured, then
 * each run `--reps` times on one connection as a named statement under `plan_cache_mode = force_custom_plan` (planned
 * on every call, as a miss mostly is: it lands on any of the pool's connections, where a statement's first five calls
 * are custom) and under `force_generic_plan` (planned once per connection: scans.ts GENERIC_PLAN_AREAS), the two
 * alternated call by call so that both share the machine's load. Prints the median client ms per miss per area (the
 * statement's planning and execution and one round trip) for each mode.
 *
 *   npx tsx bench/cockpit-generic-plans.ts --dir=/tmp/cmiss-pg [--port=55471] [--n=4] [--reps=9] [--kinds=group,office,county,leader]
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createDb, PREPARED_MARK, withSessionTimeZone } from '../server/src/db/pool';
import type { DB } from '../server/src/db/types';
import { cockpitParams, computeFigures } from '../server/src/modules/cockpit';
import { findAccountActor } from '../server/src/platform/account-actor';
import { configureAuditKey } from '../server/src/platform/audit';
import type { Ctx } from '../server/src/platform/context';
import type { SampleKind } from './generate';
import { arg, cockpitReaders, loadAverage, openKeptDataSet } from './kept-data-set';
import { AREAS, area } from './cockpit-area-of';

const n = Number(arg('n') ?? 4);
const reps = Number(arg('reps') ?? 9);
const kinds = (arg('kinds') ?? 'group,office,county,leader').split(',') as SampleKind[];
const dir = arg('dir') ?? '/tmp/cmiss-pg';
const { url, pool, stop, samples } = await openKeptDataSet(dir, Number(arg('port') ?? 55471));
configureAuditKey(randomBytes(32));

const handle = createDb(url, 1);
let captured: { sql: string; parameters: readonly unknown[] }[] = [];
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool: handle.pool }),
  log: (e) => void captured.push({ sql: e.query.sql, parameters: e.query.parameters }),
});
const session = withSessionTimeZone(url);
const client = new pg.Client({ connectionString: session.url, options: session.options });
await client.connect();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
let seq = 0;

console.log(`full scale, median client ms per miss per area, custom / generic; load average ${loadAverage()}`);
console.log(`kind     ${AREAS.map((a) => a.padStart(15)).join('')}`);
for (const kind of kinds) {
  const ids = cockpitReaders(samples, kind, n);
  const custom = new Map<string, number[]>();
  const generic = new Map<string, number[]>();
  for (const s of ids) {
    const actor = await findAccountActor(db as never, { userId: s.userId });
    if (!actor) continue;
    const ctx = { db, actor, requestId: 'generic', ip: '127.0.0.1', log: console as never } as unknown as Ctx;
    const { params } = await cockpitParams(ctx, { year: 2026, dimension: 'office' });
    captured = [];
    await computeFigures(ctx, params, { genericAreas: [] });
    const stmts = captured.filter((q) => q.sql.startsWith(PREPARED_MARK) && area(q.sql) !== 'other');
    const perRep = { custom: new Map<string, number>(), generic: new Map<string, number>() };
    const names = stmts.map(() => `gp_${seq++}`);
    const once = async (mode: 'custom' | 'generic', i: number) => {
      const q = stmts[i];
      if (!q) return 0;
      await client.query(`SET plan_cache_mode = force_${mode}_plan`);
      const t0 = performance.now();
      await client.query({ name: `${names[i]}_${mode}`, text: q.sql, values: q.parameters as unknown[] });
      return performance.now() - t0;
    };
    // Warm: the pages in cache, each generic plan made once.
    for (let i = 0; i < stmts.length; i++) {
      await once('custom', i);
      await once('generic', i);
    }
    for (let r = 0; r < reps; r++) {
      perRep.custom.clear();
      perRep.generic.clear();
      for (let i = 0; i < stmts.length; i++) {
        const a = area(stmts[i]?.sql ?? '');
        const first = r % 2 === 0 ? 'custom' : 'generic';
        const second = first === 'custom' ? 'generic' : 'custom';
        const m1 = await once(first, i);
        const m2 = await once(second, i);
        perRep[first].set(a, (perRep[first].get(a) ?? 0) + m1);
        perRep[second].set(a, (perRep[second].get(a) ?? 0) + m2);
      }
      for (const [a, ms] of perRep.custom) custom.set(a, [...(custom.get(a) ?? []), ms]);
      for (const [a, ms] of perRep.generic) generic.set(a, [...(generic.get(a) ?? []), ms]);
    }
  }
  const cell = (a: string) => {
    const c = custom.get(a);
    const g = generic.get(a);
    if (!c || !g) return '-'.padStart(15);
    return `${median(c).toFixed(1)} / ${median(g).toFixed(1)}`.padStart(15);
  };
  console.log(`${kind.padEnd(8)} ${AREAS.map(cell).join('')}   (load ${loadAverage()})`);
}
await client.end();
await handle.pool.end();
await pool.end();
await stop();
