/**
 * What a generic-plan read costs outside the statement (issue 12, db/pool.ts `underGenericPlan`): on a kept data set
 * (bench/kept-data-set.ts), one tiny named statement (an org by id) run `--calls` times under `underGenericPlan`, on a
 * handle without a generic-plan pool (BEGIN + SET LOCAL, the statement, COMMIT: three round trips) and on one with it
 * (one), alternated `--rounds` times. Per read: wall, this process's CPU (process.cpuUsage) and the backend's CPU
 * (/proc/<pid>/stat of the connection that ran it).
 *
 *   npx tsx bench/generic-pool-trips.ts --dir=/tmp/x-pg --port=55711 [--calls=3000] [--rounds=3]
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { createDb, prepared, REQUEST_TIMEOUTS, underGenericPlan } from '../server/src/db/pool';
import { arg, loadAverage, openDataSet, readSamples } from './kept-data-set';

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

const dir = arg('dir') ?? '/tmp/genpool-pg';
const dataSet = await openDataSet({
  dir,
  port: Number(arg('port') ?? 55711),
  scale: 'full',
  kinds: [],
  fill: async () => {
    throw new Error(`${dir} holds no samples.json`);
  },
});
await dataSet.pool.end();
const samples = readSamples(dir);
const calls = Number(arg('calls') ?? 3000);
const probe = (id: string) => prepared(sql<{ id: string }>`SELECT id FROM org WHERE id = ${id}::uuid`);
try {
  for (let round = 0; round < Number(arg('rounds') ?? 3); round++) {
    for (const genericPlanMax of [0, 1]) {
      const h = createDb(samples.url, 1, REQUEST_TIMEOUTS, genericPlanMax);
      const ids = (await sql<{ id: string }>`SELECT id FROM org ORDER BY id LIMIT 50`.execute(h.db)).rows.map((r) => r.id);
      const pidOf = async () => underGenericPlan(h.db, async (c) => (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(c)).rows[0]!.pid);
      for (let i = 0; i < 200; i++) await underGenericPlan(h.db, (c) => probe(ids[i % ids.length]!).execute(c));
      const pid = await pidOf();
      const pg0 = cpuMs(pid);
      const node0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) await underGenericPlan(h.db, (c) => probe(ids[i % ids.length]!).execute(c));
      const wall = performance.now() - t0;
      const node = process.cpuUsage(node0);
      const pgCpu = cpuMs(pid) - pg0;
      console.log(
        `${genericPlanMax ? 'generic pool ' : 'BEGIN/SET/END'} load ${loadAverage()}  per read: wall ${(wall / calls).toFixed(3)} ms | node cpu ${((node.user + node.system) / 1000 / calls).toFixed(3)} | pg backend cpu ${(pgCpu / calls).toFixed(3)}`,
      );
      await h.close();
    }
  }
} finally {
  await dataSet.stop();
}
