/**
 * The generic-plan pool at 32 connections (issue 12, db/pool.ts `underGenericPlan`, GENERIC_PLAN_POOL): on a kept data
 * set (bench/kept-data-set.ts), two real servers in their own processes (server-child.ts) — A without the pool
 * (GENERIC_PLAN_POOL=0: each generic-plan read is BEGIN + SET LOCAL, the statement, COMMIT on the request pool), B with
 * it (`--pool=8`) — both up for the whole run and measured in turn, `--rounds` times per `reader:ledger` case, the
 * order swapped every round (A first in even rounds, B first in odd ones). Each measure: `--warmup` s, then `--duration`
 * s at `--connections` (cookies rotating over the reader's sample, as bench/run.ts loads an endpoint); req/s, p50 and
 * p95. The medians of the rounds close the report. A case `<kind>:cockpit-miss` asks the cockpit (bench/cockpit.ts: the
 * year by office, the kind's accounts that read it) while the 'clues' data epoch is bumped every 50 ms: every request a miss;
 * `<kind>:/api/v1/…` asks that path (e.g. `group:/api/v1/casework/search?q=…`).
 *
 *   npx tsx bench/generic-pool-ab.ts --dir=/tmp/x-pg --port=55721 [--cases=office:letters,group:clues,mixed:cockpit-miss]
 *     [--rounds=4] [--connections=32] [--warmup=2] [--duration=6] [--pool=8]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COCKPIT_ROLES } from '@liandong/domain/access/role-sets';
import pg from 'pg';
import { SESSION_COOKIE } from '../server/src/modules/auth';
import { COCKPIT_QUERY, withEpochChurn } from './cockpit';
import type { LedgerKey } from './endpoints';
import { arg, loadAverage, openKeptDataSet } from './kept-data-set';
import { ledgerPathFor } from './ledger-statements';
import { type Measured, measure } from './load';
import { childEnv, startChild, stopChild } from './processes';

const dir = arg('dir') ?? '/tmp/prof-pg';
const dataSet = await openKeptDataSet(dir, Number(arg('port') ?? 55721), { sessions: true });
await dataSet.pool.end();
const { samples } = dataSet;
const poolSize = arg('pool') ?? '8';
const variants = [
  { label: 'A (no pool)', env: '0' },
  { label: `B (pool ${poolSize})`, env: poolSize },
] as const;
const dirs = variants.map(() => mkdtempSync(path.join(tmpdir(), 'genpool-ab-')));
// One password of the application role for both (it is cluster-wide: each server would set its own and lock the other out).
const appPassword = randomBytes(18).toString('base64url');
for (const d of dirs) writeFileSync(path.join(d, 'pg-app-password'), appPassword, { mode: 0o600 });
const servers = await Promise.all(
  variants.map((v, i) =>
    startChild(
      'server-child.ts',
      childEnv({ DATABASE_URL: samples.url, DATA_DIR: dirs[i]!, PORT: String(3721 + i), DEMO: '0', GENERIC_PLAN_POOL: v.env }),
      `server-${i}`,
    ),
  ),
);

/** The connection that bumps the 'clues' epoch for the cockpit-miss cases. */
const churn = new pg.Pool({ connectionString: samples.url, max: 1 });
const rounds = Number(arg('rounds') ?? 4);
const opts = {
  connections: Number(arg('connections') ?? 32),
  warmupSeconds: Number(arg('warmup') ?? 2),
  durationSeconds: Number(arg('duration') ?? 6),
  maxRequests: 2_000_000,
};
const cases = (arg('cases') ?? 'office:letters,group:clues').split(',');
/** The median (of an even count, the mean of the middle two). */
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

try {
  for (const c of cases) {
    const [kind, ledger] = c.split(':') as [string, LedgerKey];
    const cockpit = (ledger as string) === 'cockpit-miss';
    const sample = (samples[kind] ?? []).filter((s) => !cockpit || (COCKPIT_ROLES as readonly string[]).includes(s.role));
    // `<kind>:/api/v1/…`: that path for the kind's accounts.
    const route = cockpit ? `/api/v1/cockpit?${COCKPIT_QUERY}` : ledger.startsWith('/') ? ledger : ledgerPathFor(ledger, kind);
    const got: Measured[][] = variants.map(() => []);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const v of order) {
        const target = {
          baseUrl: servers[v]!.url,
          path: () => route,
          headers: (i: number) => ({ cookie: `${SESSION_COOKIE}=${sample[i % sample.length]!.token}` }),
        };
        const m = cockpit ? (await withEpochChurn(churn, () => measure(target, opts))).result : await measure(target, opts);
        if (m.non2xx || m.errors) throw new Error(`${c} ${variants[v]!.label}: ${m.non2xx} non-2xx, ${m.errors} errors`);
        got[v]!.push(m);
        console.log(
          `${c.padEnd(15)} round ${round} ${variants[v]!.label.padEnd(12)} ${String(m.rps).padStart(5)} req/s  p50 ${m.p50_ms.toFixed(1).padStart(6)}  p95 ${m.p95_ms.toFixed(1).padStart(6)} ms  load ${loadAverage()}`,
        );
      }
    }
    for (const [v, ms] of got.entries()) {
      console.log(
        `${c.padEnd(15)} median      ${variants[v]!.label.padEnd(12)} ${median(ms.map((m) => m.rps))
          .toFixed(0)
          .padStart(5)} req/s  p50 ${median(ms.map((m) => m.p50_ms))
          .toFixed(1)
          .padStart(6)}  p95 ${median(ms.map((m) => m.p95_ms))
          .toFixed(1)
          .padStart(6)} ms`,
      );
    }
  }
} catch (e) {
  // dataSet.stop() exits the process: the error is told before it.
  console.error(e);
  process.exitCode = 1;
} finally {
  await churn.end();
  for (const s of servers) await stopChild(s.child, () => s.child.send({ type: 'stop' }));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await dataSet.stop();
}
