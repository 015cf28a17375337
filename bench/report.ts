/** The benchmark's result shapes and its human-readable table (bench/results/latest.json has the same data). */
import type { StepTotal } from './steps';
import type { PayloadFigures } from './payload';
import type { GeneratedData } from './generate';
import type { SupervisionData } from './generate-supervision';
import type { ClueData } from './generate-clues';
import type { ReformData } from './generate-reform';
import type { CampaignData } from './generate-campaign';
import type { SelfInspectionData } from './self-inspection';
import type { ShareData } from './generate-shares';
import type { ClusteringFigure } from './cluster';
import type { NodesResult } from './two-nodes';

export type SqlBreakdown = Record<string, { plan_ms: number; exec_ms: number; rows: number; statements: number }>;

export interface StartTimes {
  cold_start_ms: number;
  cold_stop_ms: number;
  warm_start_ms: number;
  warm_stop_ms: number;
}

export interface Figure {
  name: string;
  connections: number;
  p50_ms: number | null;
  p95_ms: number | null;
  rps: number | null;
  baseline_rps: number;
  ratio: number | null;
  rows: number | null;
  /** rps / the floor figure's rps (issue 12): how close the endpoint comes to one indexed 20-row SELECT. */
  floor_ratio: number | null;
  /** p95 of a short run with one connection (no queueing): the endpoint's own latency. */
  p95_1conn_ms: number | null;
  /** PostgreSQL planning + execution ms per request over the timed run (pg_stat_statements). */
  pg_ms_per_req: number | null;
  // extra detail
  sample: string;
  accounts: number;
  scope_avg: number | null;
  p99_ms: number | null;
  baseline_p50_ms: number;
  baseline_p95_ms: number;
  requests: number | null;
  baseline_requests: number;
  non2xx: number | null;
  errors: number | null;
  p50_1conn_ms: number | null;
  requests_1conn: number | null;
  /** Of pg_ms_per_req, the planning part, and statements per request (BEGIN/COMMIT included). */
  pg_plan_ms_per_req: number | null;
  pg_calls_per_req: number | null;
  /** The same for the bare baseline's timed run. */
  baseline_pg_ms_per_req: number | null;
  baseline_pg_calls_per_req: number | null;
  /** CPU time the host took from this machine during the figure's timed runs, % (/proc/stat steal; bench/cpu-steal.ts). */
  cpu_steal_pct?: number | null;
  note?: string;
}

/** One figure of the issue-12 sweep (`ledgers` in latest.json), copied from its Figure. */
export interface LedgerFigure {
  floor_ratio: number | null;
  p95_ms: number | null;
  p95_1conn_ms: number | null;
  pg_ms_per_req: number | null;
  rps: number | null;
  baseline_rps: number;
  /** Mean rows of the answer (the page's items; /me: the scope's orgs) and mean total (the ledger's count, capped). */
  rows: number | null;
  scope_avg: number | null;
  /** The host's steal during the figure's timed runs, % (bench/cpu-steal.ts): a high value makes every other field slower. */
  cpu_steal_pct: number | null;
  /** floor_ratio ≥ 0.5, p95 ≤ 50 ms and p95 on one connection ≤ 15 ms. */
  met: boolean | null;
}

/** The floor figure's definition and plan (bench/floor-child.ts). */
export interface FloorInfo {
  sql: string;
  plan: string[];
  rps: number;
  p95_ms: number;
  pool: number;
  /** The floor measured again after every other figure (5 s run, no warm-up): a check on the machine's load. */
  rps_end?: number;
}

export interface Output {
  machine: Record<string, unknown>;
  at: string;
  scale: string;
  connections: number;
  warmup_s: number;
  duration_s: number;
  /** Seconds of each one-connection run (p95_1conn_ms). */
  duration_1conn_s: number;
  /** Wall seconds per phase: start_times, data_set, sql_breakdown, web_build_wait, servers, endpoints, cockpit, payload, clustering. */
  phases?: Record<string, number>;
  /** The web app built for the payload figure (beside the data generation) when web/dist was stale. */
  web_build?: { built: boolean; seconds: number };
  /** Issue 12: sample (group, office, county, leader) → ledger (me, clues, cases, letters, tasks, items, records). */
  ledgers?: Record<string, Partial<Record<string, LedgerFigure>>>;
  dataset?: Omit<GeneratedData, 'commissionId'> & { sessions: Record<string, number> };
  supervision?: SupervisionData;
  clues?: ClueData;
  reform?: ReformData;
  campaign?: CampaignData;
  selfInspection?: SelfInspectionData;
  /** 信息互通 grants added before the afterGrants endpoints. */
  shares?: { others?: ShareData; own?: ShareData };
  figures: Figure[];
  floor?: FloorInfo;
  /** `--nodes=N`: N nodes on one database against one (bench/two-nodes.ts). */
  nodes?: NodesResult;
  /** Web payload of a cold first load (bench/payload.ts). */
  payload?: PayloadFigures;
  /** The problem register's clustering of 100,000 synthetic findings (bench/cluster.ts, issue 15). */
  clustering?: ClusteringFigure;
  /** How pg_ms_per_req was measured, or why it is missing. */
  pg_time_source?: string;
  /** Wall time of the whole run, seconds. */
  total_s?: number;
  /** Wall seconds summed per step (bench/steps.ts): where the phases' time goes (probe, warm-up, timed run, drain, …). */
  steps?: Record<string, StepTotal>;
  /** Wall seconds of each figure measured through measureEndpoint, all its steps. */
  figure_wall_s?: Record<string, number>;
  /** EXPLAIN ANALYZE means per sample (see sqlBreakdown). */
  sql?: Record<string, SqlBreakdown>;
  sql_accounts?: number;
  server: Partial<StartTimes> & { rss_idle_mb?: number; heap_used_idle_mb?: number; rss_after_load_mb?: number; start_error?: string };
  goals: Record<string, { goal: string; value: number | null; met: boolean | null }>;
  notes: string[];
}

export function printReport(out: Output) {
  const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits));
  const head = ['endpoint', 'conns', 'p50 ms', 'p95 ms', 'req/s', 'bare req/s', 'ratio', 'floor×', 'p95 1conn', 'pg ms/req', 'rows', 'steal %'];
  const rows = out.figures.map((f) => [
    f.name,
    String(f.connections),
    fmt(f.p50_ms, 2),
    fmt(f.p95_ms, 2),
    fmt(f.rps, 0),
    fmt(f.baseline_rps, 0),
    fmt(f.ratio, 2),
    fmt(f.floor_ratio, 3),
    fmt(f.p95_1conn_ms, 2),
    fmt(f.pg_ms_per_req, 2),
    fmt(f.rows, 1),
    fmt(f.cpu_steal_pct, 1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const d = out.dataset;
  console.log('');
  console.log(
    `Liandong benchmark — ${out.at} — ${out.machine.cpu} × ${out.machine.cores}, Node ${out.machine.node}, PostgreSQL ${out.machine.postgres ?? '?'}`,
  );
  if (d)
    console.log(
      `data set (${out.scale}): ${d.orgs} orgs, ${d.users} users, ${d.liaisons} liaisons, ${d.coverage} coverage links, ${d.zones} zones (generated in ${(d.ms / 1000).toFixed(1)} s)`,
    );
  console.log('');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  for (const f of out.figures) if (f.note) console.log(`  note: ${f.name}: ${f.note}`);
  if (out.floor)
    console.log(
      `floor: ${out.floor.sql} (pool ${out.floor.pool}) — ${out.floor.rps} req/s first, ${out.floor.rps_end ?? '?'} req/s at the end — plan: ${out.floor.plan.map((l) => l.trim()).join(' / ')}`,
    );
  if (out.pg_time_source) console.log(`pg ms/req: ${out.pg_time_source}`);
  console.log('');
  if (out.ledgers && Object.values(out.ledgers).some((l) => Object.keys(l).length)) {
    const keys = [...new Set(Object.values(out.ledgers).flatMap((l) => Object.keys(l)))];
    console.log('Issue 12 — /me and the ledgers: floor× / p95 ms / p95 1conn ms / pg ms per request / rows (✓ = floor× ≥ 0.5, p95 ≤ 50, 1conn ≤ 15)');
    const cells = Object.entries(out.ledgers).map(([sample, l]) => [
      sample,
      ...keys.map((k) => {
        const f = l[k];
        return f
          ? `${fmt(f.floor_ratio, 2)} / ${fmt(f.p95_ms, 0)} / ${fmt(f.p95_1conn_ms, 1)} / ${fmt(f.pg_ms_per_req, 1)} / ${fmt(f.rows, 0)}${f.met ? ' ✓' : ''}`
          : '—';
      }),
    ]);
    const w = ['sample', ...keys].map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
    const row = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(w[i]!) : v.padStart(w[i]!))).join('  ');
    console.log(row(['sample', ...keys]));
    for (const c of cells) console.log(row(c));
    console.log('');
  }
  if (out.payload)
    console.log(
      `web payload (cold Chromium, transferred): /login ${fmt(out.payload.login_kb)} KB (goal ≤ 200; ${out.payload.requests_login} requests, ${fmt(out.payload.login_uncompressed_kb)} KB decoded), signed-in home ${fmt(out.payload.home_kb)} KB (goal ≤ 400; ${out.payload.requests_home} requests, ${fmt(out.payload.home_uncompressed_kb)} KB decoded)`,
    );
  if (out.payload?.home_api)
    console.log(
      `  ${out.payload.account}: sign-in ${fmt(out.payload.sign_in_ms ?? 0)} ms, home filled after ${fmt(out.payload.home_ms ?? 0)} ms; its API calls: ${out.payload.home_api
        .map((a) => `${a.path} ${fmt(a.ms)} ms`)
        .join(', ')}`,
    );
  if (!out.payload) console.log('web payload: not measured (see notes)');
  if (out.phases)
    console.log(
      `phases (s): ${Object.entries(out.phases)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}; total ${out.total_s ?? '?'} s`,
    );
  if (out.steps)
    console.log(
      `steps (wall s, count): ${Object.entries(out.steps)
        .map(([k, v]) => `${k} ${fmt(v.total_s)} (${v.count})`)
        .join(', ')}`,
    );
  console.log('');
  for (const [sample, statements] of Object.entries(out.sql ?? {})) {
    console.log(`PostgreSQL time per request, ${sample} sample (plan + execute ms, mean of ${out.sql_accounts ?? '?'} accounts):`);
    for (const [k, v] of Object.entries(statements))
      console.log(
        `  ${k.padEnd(20)} ${fmt(v.plan_ms, 2).padStart(6)} + ${fmt(v.exec_ms, 2).padStart(6)}   (${fmt(v.statements, 0)} statement(s), ${fmt(v.rows, 0)} rows)`,
      );
  }
  if (out.clustering)
    console.log(
      `clustering: ${out.clustering.findings} findings in ${fmt(out.clustering.seconds, 2)} s (${out.clustering.clusters} clusters, purity ${fmt(out.clustering.purity, 4)})`,
    );
  const s = out.server;
  console.log(`server RSS at idle ${fmt(s.rss_idle_mb)} MB (after load ${fmt(s.rss_after_load_mb)} MB; PostgreSQL excluded)`);
  if (s.start_error) console.log(`start times: failed — ${s.start_error}`);
  else if (s.cold_start_ms !== undefined)
    console.log(
      `start: cold ${fmt((s.cold_start_ms ?? 0) / 1000, 2)} s, warm ${fmt((s.warm_start_ms ?? 0) / 1000, 2)} s; stop after SIGINT: ${fmt((s.cold_stop_ms ?? 0) / 1000, 2)} s / ${fmt((s.warm_stop_ms ?? 0) / 1000, 2)} s`,
    );
  console.log('');
  for (const [k, g] of Object.entries(out.goals))
    console.log(`goal ${k} ${g.goal}: ${fmt(g.value, 2)} ${g.met === null ? '(not measured)' : g.met ? 'met' : 'NOT met'}`);
  for (const n of out.notes.slice(3)) console.log(`note: ${n}`);
}
