/**
 * The loop of bench/ledger-explain.ts and bench/tasks-explain.ts: on a kept data set (bench/kept-data-set.ts), for up
 * to `--n` accounts of each sample, each ledger's first page as it opens run alone on a pool of 4 (wall ms: the service
 * call, presentation included; the least of 3 runs after a warm-up), every statement recorded; each recorded SELECT
 * (those `label` names) is then run again under EXPLAIN (ANALYZE, BUFFERS) with the same parameters — as a custom
 * plan, or with `--generic` as the generic plan a named statement settles on; the least of `--reps` runs (default 5)
 * counts. Prints mean and max per ledger, reader kind and statement; `--plans` also prints every plan.
 *
 * Options: `--dir` (default `defaultDir`), `--n=5`, `--kinds=group,office,county,leader`, `--plans`, `--generic`,
 * `--reps=5`.
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../server/src/db/types';
import { findAccountActor } from '../server/src/platform/account-actor';
import { configureAuditKey } from '../server/src/platform/audit';
import type { Ctx } from '../server/src/platform/context';
import { arg, loadAverage, readSamples } from './kept-data-set';

export async function explainLedgers<L extends string>(opts: {
  defaultDir: string;
  /** The ledgers measured, in order. */
  ledgers: L[];
  /** Each ledger's first page as it opens for a reader of the sample `kind` (its total is printed). */
  run: Record<L, (ctx: Ctx, kind: string) => Promise<{ total: number }>>;
  /** A statement's name in the table, or undefined for one not explained. */
  label: (sql: string) => string | undefined;
}): Promise<void> {
  const { ledgers, run, label } = opts;
  const dir = arg('dir') ?? opts.defaultDir;
  const n = Number(arg('n') ?? 5);
  const kinds = (arg('kinds') ?? 'group,office,county,leader').split(',');
  const showPlans = process.argv.includes('--plans');
  const generic = process.argv.includes('--generic');
  const explainReps = Number(arg('reps') ?? 5);
  const samples = readSamples(dir);

  configureAuditKey(randomBytes(32));
  const pool = new pg.Pool({ connectionString: samples.url, max: 4, idleTimeoutMillis: 0 });
  let captured: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      captured.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
    },
  });
  console.log(`load average ${loadAverage()}${generic ? ' (generic plans)' : ''}`);
  for (const ledger of ledgers) {
    for (const kind of kinds) {
      const ids = (samples[kind] ?? []).filter((_, i, a) => i % Math.max(1, Math.floor(a.length / n)) === 0).map((s) => s.userId);
      const sums = new Map<string, { exec: number[]; plan: number[]; live: number[]; rows: number; buffers: number }>();
      const walls: number[] = [];
      const totals: number[] = [];
      for (const userId of ids.slice(0, n)) {
        const actor = await findAccountActor(db as never, { userId });
        if (!actor) continue;
        const ctx = { db, actor, requestId: 'explain', ip: '127.0.0.1', log: console as never } as unknown as Ctx;
        await run[ledger](ctx, kind); // warm (caches, the grants)
        const reps: number[] = [];
        for (let i = 0; i < 3; i++) {
          captured = [];
          const t0 = performance.now();
          const out = await run[ledger](ctx, kind);
          reps.push(performance.now() - t0);
          totals.push(out.total);
        }
        walls.push(Math.min(...reps));
        const client = await pool.connect();
        try {
          if (generic) await client.query('SET plan_cache_mode = force_generic_plan');
          for (const c of captured) {
            const l = label(c.sql);
            if (!l) continue;
            // The least of `--reps` runs: the machine is shared, the least is the statement's own cost.
            let lines: string[] = [];
            let exec = Number.POSITIVE_INFINITY;
            let plan = Number.POSITIVE_INFINITY;
            for (let i = 0; i < explainReps; i++) {
              const r = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, SUMMARY) ${c.sql}`, [...c.parameters]);
              lines = r.rows.map((x) => x['QUERY PLAN']);
              exec = Math.min(exec, Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1]));
              plan = Math.min(plan, Number(/Planning Time: ([\d.]+)/.exec(lines.join('\n'))?.[1]));
            }
            const text = lines.join('\n');
            const s = sums.get(l) ?? { exec: [], plan: [], live: [], rows: 0, buffers: 0 };
            s.live.push(c.ms);
            s.exec.push(exec);
            s.plan.push(plan);
            s.rows += Number(/rows=([\d.]+) loops/.exec(lines[0] ?? '')?.[1] ?? 0);
            const hit = /Buffers: shared hit=(\d+)(?: read=(\d+))?/.exec(lines.find((x) => x.includes('Buffers:')) ?? '');
            s.buffers += Number(hit?.[1] ?? 0) + Number(hit?.[2] ?? 0);
            sums.set(l, s);
            if (showPlans) console.log(`--- ${ledger} ${kind} ${actor.username} ${l}\n${c.sql}\n${JSON.stringify(c.parameters).slice(0, 400)}\n${text}`);
          }
          await client.query('RESET plan_cache_mode');
        } finally {
          client.release();
        }
      }
      const mean = (v: number[]) => (v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)).toFixed(1);
      console.log(
        `\n${ledger} ${kind}: ${walls.length} readers, wall min-of-3 mean ${mean(walls)} ms, max ${Math.max(...walls).toFixed(1)} ms, totals ${[...new Set(totals)].slice(0, 6).join(',')}`,
      );
      for (const [l, s] of sums) {
        console.log(
          `  ${l.padEnd(10)} exec mean ${mean(s.exec).padStart(7)} max ${Math.max(...s.exec)
            .toFixed(1)
            .padStart(
              7,
            )} ms, plan ${mean(s.plan)} ms, in the request ${mean(s.live)} ms, rows ${(s.rows / s.exec.length).toFixed(0)}, buffers ${(s.buffers / s.exec.length).toFixed(0)}`,
        );
      }
    }
  }
  await db.destroy();
}
