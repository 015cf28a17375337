/**
 * Where the casework dashboard's time goes, per reader kind, on the kept data set of bench/casework-dataset.ts: for
 * up to `--n` accounts of each sample (and a 信访室 officer) computeDashboard runs once, alone, on a pool of 4 (wall ms,
 * a cache miss), recording every statement it sends; each recorded SELECT is then run again under
 * EXPLAIN (ANALYZE, BUFFERS) with the same parameters and the same settings (the scoped counts' transaction sets
 * max_parallel_workers_per_gather = 0). Prints mean and max execution ms per reader kind and statement.
 *
 *   npx tsx bench/casework-explain.ts [--dir=/tmp/casework-pg] [--n=5] [--kinds=group,office,county,leader,petition,wide] [--plans]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../server/src/db/types';
import { findAccountActor } from '../server/src/platform/account-actor';
import { computeDashboard } from '../server/src/modules/casework';
import type { Ctx } from '../server/src/platform/context';
import type { SessionSample } from './generate';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const dir = arg('dir') ?? '/tmp/casework-pg';
const n = Number(arg('n') ?? 5);
const kinds = (arg('kinds') ?? 'group,office,county,leader,petition,wide').split(',');
const showPlans = process.argv.includes('--plans');
const samples = JSON.parse(readFileSync(path.join(dir, 'samples.json'), 'utf8')) as Record<string, SessionSample[]> & { url: string; commissionId: string };

/** Names a statement of the dashboard by what it reads. */
function label(text: string): string | undefined {
  const t = text.replace(/\s+/g, ' ');
  if (!/^\s*(select|with)/i.test(t)) return undefined;
  if (t.includes('casework_clue_agg')) return 'agg: clue figures';
  if (t.includes('casework_clue_intake_key_agg')) return 'agg: intake by org keys';
  if (t.includes('casework_clue_disposition_key_agg')) return 'agg: disposition by keys';
  if (t.includes('casework_clue_org_agg')) return 'agg: clues by org';
  if (t.includes('casework_clue_due_key_agg')) return 'agg: 超期 by org keys';
  if (t.includes('casework_clue_due_agg')) return 'agg: 超期 by org';
  if (t.includes('casework_case_due_key_agg')) return 'agg: case limits by org';
  if (t.includes('casework_case_key_agg')) return 'agg: cases by org';
  if (t.includes('casework_case_due_agg')) return 'agg: case limits';
  if (t.includes('casework_case_agg')) return 'agg: cases';
  if (t.includes('unnest(v.kinds)')) return 'rows: 超期 by org';
  if (t.includes('case_outcome')) return '四种形态';
  if (t.includes('FROM org o LEFT JOIN org p')) return 'orgs';
  if (t.includes('case_measure')) return 'case limits';
  if (t.includes('AS decided')) return 'rows: cases';
  if (t.includes('closed_kind')) return t.includes('rc.object_id') ? 'rows: clue figures (recused)' : 'rows: clue figures';
  if (/info_share|share_grant/.test(t)) return 'grants';
  return t.slice(0, 60);
}

const pool = new pg.Pool({ connectionString: samples.url, max: 4, idleTimeoutMillis: 0 });
let captured: { sql: string; parameters: readonly unknown[]; noParallel: boolean; ms: number }[] = [];
let noParallel = false;
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool }),
  log: (e) => {
    if (/SET LOCAL max_parallel_workers_per_gather = 0/.test(e.query.sql)) noParallel = true;
    captured.push({ sql: e.query.sql, parameters: e.query.parameters, noParallel, ms: e.queryDurationMillis });
  },
});
const petition = (
  await pool.query<{ id: string }>(
    `SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.commission_id = $1 AND r.role = 'PETITION_OFFICER' ORDER BY u.username LIMIT $2`,
    [samples.commissionId, n],
  )
).rows;
const wide = (
  await pool.query<{ id: string }>(
    `SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.commission_id = $1 AND r.role = 'CASE_MANAGER' ORDER BY u.username LIMIT $2`,
    [samples.commissionId, n],
  )
).rows;
const load = (await pool.query<{ l: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS l`)).rows[0]?.l;
console.log(`database ${load}; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
for (const kind of kinds) {
  const ids =
    kind === 'petition'
      ? petition.map((r) => r.id)
      : kind === 'wide'
        ? wide.map((r) => r.id)
        : (samples[kind] ?? []).filter((_, i, a) => i % Math.max(1, Math.floor(a.length / n)) === 0).map((s) => s.userId);
  const sums = new Map<string, { exec: number[]; plan: number[]; live: number[]; again: number[]; rows: number; buffers: number }>();
  const walls: number[] = [];
  for (const userId of ids.slice(0, n)) {
    const actor = await findAccountActor(db as never, { userId });
    if (!actor) continue;
    captured = [];
    noParallel = false;
    const t0 = performance.now();
    await computeDashboard({ db, actor, requestId: 'explain', ip: '127.0.0.1', log: console as never } as unknown as Ctx, { year: 2026, orgId: null });
    walls.push(performance.now() - t0);
    const client = await pool.connect();
    try {
      for (const c of captured) {
        const l = label(c.sql);
        if (!l) continue;
        await client.query(`SET max_parallel_workers_per_gather = ${c.noParallel ? 0 : 2}`);
        const t1 = performance.now();
        await client.query(c.sql, [...c.parameters]);
        const again = performance.now() - t1;
        const r = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, SUMMARY) ${c.sql}`, [...c.parameters]);
        const lines = r.rows.map((x) => x['QUERY PLAN']);
        const text = lines.join('\n');
        const s = sums.get(l) ?? { exec: [], plan: [], live: [], again: [], rows: 0, buffers: 0 };
        s.live.push(c.ms);
        s.again.push(again);
        s.exec.push(Number(/Execution Time: ([\d.]+)/.exec(text)?.[1]));
        s.plan.push(Number(/Planning Time: ([\d.]+)/.exec(text)?.[1]));
        s.rows += Number(/rows=(\d+) loops/.exec(lines[0] ?? '')?.[1] ?? 0);
        const hit = /Buffers: shared hit=(\d+)(?: read=(\d+))?/.exec(lines.find((x) => x.includes('Buffers:')) ?? '');
        s.buffers += Number(hit?.[1] ?? 0) + Number(hit?.[2] ?? 0);
        sums.set(l, s);
        if (showPlans) console.log(`--- ${kind} ${actor.username} ${l}\n${text}`);
      }
      await client.query('RESET max_parallel_workers_per_gather');
    } finally {
      client.release();
    }
  }
  const mean = (v: number[]) => (v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)).toFixed(1);
  console.log(`\n${kind}: ${walls.length} readers, computeDashboard wall mean ${mean(walls)} ms, max ${Math.max(...walls).toFixed(1)} ms`);
  for (const [l, s] of sums) {
    console.log(
      `  ${l.padEnd(24)} exec mean ${mean(s.exec).padStart(7)} max ${Math.max(...s.exec)
        .toFixed(1)
        .padStart(
          7,
        )} ms, plan ${mean(s.plan)} ms, in the request ${mean(s.live)} ms (max ${Math.max(...s.live).toFixed(1)}), alone again ${mean(s.again)} ms, rows ${(s.rows / s.exec.length).toFixed(0)}, buffers ${(s.buffers / s.exec.length).toFixed(0)}`,
    );
  }
}
await db.destroy();
