/**
 * `npm run bench [-- --scale=small|full] [--nodes=2] [--connections=32] [--duration=S] [--warmup=S] [--duration-1conn=S] [--skip-start | --start]
 *  [--clustering[=false]] [--profile] [--only=name,…]`
 *
 * 1. Start times: `server/src/main.ts` on a fresh DATA_DIR (cold: initdb, migrations, demo data) and
 *    again on the same DATA_DIR (warm), each until GET /api/v1/health answers 200; then SIGINT and
 *    the time it takes to exit.
 * 2. A throwaway embedded PostgreSQL in a temp dir, migrated and filled by bench/generate.ts.
 * 3. The real server in a child process (bench/server-child.ts: RSS measured alone) and the bare
 *    baseline in another (bench/bare-child.ts).
 * 4. The floor first (bench/floor-child.ts), then per endpoint (bench/measure-endpoint.ts): warm-up, then a
 *    timed run at N connections over 127.0.0.1, the cookie (real) or `?u=` (bare) rotating over a sample of
 *    accounts so that each request has another scope; then a short run on one connection. PostgreSQL's time
 *    per request comes from pg_stat_statements over each timed run.
 * 5. A table on stdout and bench/results/latest.json. Everything started is stopped and removed,
 *    also on error and on Ctrl-C.
 */
import { BENCH_PASSWORD } from './generate';
import { ensureWebBuild, measurePayload } from './payload';
import { clusteringFigure } from './cluster';
import { cpuTimes, stealPct } from './cpu-steal';
import { generateSupervision, SUPERVISION_SCALES } from './generate-supervision';
import { CLUE_SCALES, generateClues } from './generate-clues';
import { CAMPAIGN_SCALES, generateCampaign } from './generate-campaign';
import { generateReform, issuedLetterOf, keepIssuedTexts, REFORM_SCALES } from './generate-reform';
import { SESSION_COOKIE } from '../server/src/modules/auth';
import { generateSelfInspection } from './self-inspection';
import { generateShares } from './generate-shares';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPg, withDatabase } from '../server/src/db/embedded';
import { migrate } from '../server/src/db/migrate';
import { ensureDatabase } from '../server/src/db/ensure';
import { createSessions, generate, SCALES } from './generate';
import { FLOOR_POOL_SIZE, FLOOR_SQL, floorPlan } from './floor-child';
import { type MeasureContext, measureEndpoint, measureFloor, remeasureFloor } from './measure-endpoint';
import { enablePgStats, PG_STAT_SETTINGS } from './pg-stats';
import { type Output, printReport } from './report';
import { sqlBreakdown } from './sql-breakdown';
import { ENDPOINTS } from './endpoints';
import { goalsOf, ledgerSummary } from './goals';
import { measureCockpit } from './cockpit';
import { stepTotals, timed } from './steps';
import { measureNodes, printNodes } from './two-nodes';
import { children, cleanup, databases, freePort, log, serverMemory, tempDir } from './processes';
import { drain, measureStarts, startServers, stopServers } from './servers';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench', 'results');

// ---------------------------------------------------------------------------------------------- options

function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  const hit = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(prefix));
  if (!hit) return undefined;
  return hit.startsWith(prefix) ? hit.slice(prefix.length) : 'true';
}

const scaleName = (arg('scale') ?? 'full') as 'small' | 'full';
if (!(scaleName in SCALES)) throw new Error(`--scale must be small or full, not ${scaleName}`);
const scale = SCALES[scaleName];
const connections = Number(arg('connections') ?? 32);
const small = scaleName === 'small';
// small must stay under six minutes on 2 cores (issue 12) with some fifty figures: short runs (≈ 6 s a figure: probe,
// 2 × (0.3 + 1.5 s), 0.75 s on one connection, drains). Every run is preceded by the probe, which asks every account of
// the sample once (scope cache, JIT and buffer cache warm), so 0.3 s of warm-up at 32 connections is enough there.
// Full scale is the measure; small is the quick look. (Until autocannon's sample interval was set (load.ts), its runs
// ended on the next whole second: a 0.3 s warm-up ran 1 s and a 1.5 s run 2 s; `--duration=2` gives that length back.)
const warmupSeconds = Number(arg('warmup') ?? (small ? 0.3 : 3));
const durationSeconds = Number(arg('duration') ?? (small ? 1.5 : 10));
/** Seconds of each one-connection run (p95_1conn_ms); it follows the N-connection run of the same route, so no warm-up. */
const oneConnSeconds = Number(arg('duration-1conn') ?? (small ? 0.75 : 2));
/** Longest probe of a sample, and longest wait for PostgreSQL to finish a run's leftover requests (ms). */
const probeMs = small ? 2_000 : 20_000;
const drainMs = small ? 5_000 : 15_000;
/**
 * Start times and the clustering figure do not depend on the data set's scale (a cold start builds the demo data;
 * the clustering has its own 100,000 findings), so small skips them unless asked (`--start`, `--clustering`).
 */
const skipStart = arg('skip-start') === 'true' || (small && arg('start') !== 'true');
const withClustering = arg('clustering') === undefined ? !small : arg('clustering') !== 'false';
/** `--nodes=2`: also the throughput of that many nodes on one database against one node (bench/two-nodes.ts). */
const nodeCount = Number(arg('nodes') ?? 1);
const sampleSize = Number(arg('sessions') ?? 200);
const logLevel = arg('log-level') ?? 'warn';
/** Write V8 CPU profiles of the real server's threads (whole run) to bench/results/CPU.*.cpuprofile. */
const profile = arg('profile') === 'true';
const MAX_REQUESTS_PER_RUN = 2_000_000;
/** `--only=a,b`: measure only the endpoints whose name contains one of these (case-insensitive); the data set is built in full. */
const only = (arg('only') ?? '')
  .split(',')
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);

// ---------------------------------------------------------------------------------------------- figures

/** 信息互通 grants in force added before the endpoints marked afterGrants (issue 11). */
const GRANTS = 10_000;

/** The issued letter each account of the office sample exports (its own office's). */
const letterOf = new Map<string, string>();

// ---------------------------------------------------------------------------------------------- SQL alone

// ---------------------------------------------------------------------------------------------- main

async function main() {
  const startedAt = Date.now();
  const cpuAtStart = cpuTimes();
  const out: Output = {
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      memory_gb: Math.round(os.totalmem() / 1024 ** 3),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      load_avg_at_start: os.loadavg().map((v) => Math.round(v * 100) / 100),
    },
    at: new Date().toISOString(),
    scale: scaleName,
    connections,
    warmup_s: warmupSeconds,
    duration_s: durationSeconds,
    duration_1conn_s: oneConnSeconds,
    phases: {},
    figures: [],
    server: {},
    goals: {},
    notes: [
      'Load generator (autocannon, in the orchestrator process), server, baseline and PostgreSQL share the same machine; figures are relative, not capacity planning.',
      `Server log level ${logLevel}${profile ? ', CPU profiling on (slower)' : ''}. p95 is computed from every 2xx response time; rps is 2xx responses per second of the measured run.`,
      'Bare baseline: plain Fastify calling listOrgs / getMe directly on a pool of 20 (same SQL by construction), account from ?u= resolved once (no session lookup, hooks, zod, helmet or presentation).',
    ],
  };
  log(`scale ${scaleName}: ${connections} connections, warm-up ${warmupSeconds} s, ${durationSeconds} s per run, ${oneConnSeconds} s on one connection`);
  /** Wall seconds of each phase (where a run's minutes go). */
  let phaseStart = Date.now();
  const phase = (name: string) => {
    out.phases![name] = Math.round((Date.now() - phaseStart) / 100) / 10;
    log(`phase ${name}: ${out.phases![name]} s`);
    phaseStart = Date.now();
  };

  // 1. start times
  if (!skipStart) {
    try {
      Object.assign(out.server, await measureStarts(logLevel));
    } catch (err) {
      out.server.start_error = (err as Error).message.split('\n')[0];
      log(`start-time measurement failed: ${(err as Error).message}`);
    }
    phase('start_times');
  } else out.notes.push('start times not measured (small scale skips them; --start measures them)');

  // The web app for the payload figure: built beside the data generation when web/dist is stale; the server
  // (started after the data set) must find it.
  const webBuild = ensureWebBuild((c) => children.add(c)).catch((err: Error) => {
    out.notes.push(`web app not built: ${err.message.split('\n')[0]}`);
    return undefined;
  });

  // 2. data set in a throwaway database
  const work = tempDir('db');
  const pgPort = await freePort();
  const embedded = await startEmbeddedPg({
    dataDir: path.join(work, 'pg'),
    port: pgPort,
    log: (l) => log(`postgres: ${l}`),
    settings: PG_STAT_SETTINGS,
  });
  databases.add(embedded);
  await ensureDatabase(embedded.url, 'liandong_bench');
  const databaseUrl = withDatabase(embedded.url, 'liandong_bench');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', () => undefined);
  try {
    out.machine.postgres = (await pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v;
    await migrate(pool);
    const data = await timed('data set: generate (orgs, accounts)', () => generate(databaseUrl, scale, log));
    const cid = data.commissionId;
    // Independent parts side by side, each on its own connection: supervision, 自查自纠 and the sessions beside the
    // clue → case → letter/task/record → campaign chain (each step of which needs the one before).
    const [supervision, chain, selfInspection, sessions] = await Promise.all([
      timed('data set: supervision', () => generateSupervision(pool, cid, SUPERVISION_SCALES[scaleName], log)),
      (async () => {
        const clues = await timed('data set: clues', () => generateClues(pool, cid, CLUE_SCALES[scaleName], log));
        const reform = await timed('data set: reform', () => generateReform(pool, cid, REFORM_SCALES[scaleName], log));
        const campaign = await timed('data set: campaign', () => generateCampaign(pool, cid, CAMPAIGN_SCALES[scaleName], log));
        return { clues, reform, campaign };
      })(),
      timed('data set: self-inspection', () => generateSelfInspection(pool, cid, log)),
      timed('data set: sessions', async () => ({
        group: await createSessions(pool, cid, 'group', sampleSize),
        mixed: await createSessions(pool, cid, 'mixed', sampleSize),
        coordinator: await createSessions(pool, cid, 'coordinator', 20),
        office: await createSessions(pool, cid, 'office', sampleSize),
        issuer: await createSessions(pool, cid, 'issuer', sampleSize),
        county: await createSessions(pool, cid, 'county', sampleSize),
        leader: await createSessions(pool, cid, 'leader', sampleSize),
      })),
    ]);
    const samples = sessions;
    Object.assign(out, { supervision, selfInspection, ...chain });
    const campaignId = chain.campaign.campaignId;
    for (const [u, l] of await issuedLetterOf(
      pool,
      cid,
      samples.issuer.map((s) => s.userId),
    ))
      letterOf.set(u, l);
    // The DOCX figures need an issued letter per account: keep the 审查调查室 accounts that have one.
    samples.issuer = samples.issuer.filter((s) => letterOf.has(s.userId));
    const { commissionId: _cid, ...counts } = data;
    out.dataset = { ...counts, sessions: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.length])) };
    const mixRoles: Record<string, number> = {};
    for (const s of samples.mixed) mixRoles[s.role] = (mixRoles[s.role] ?? 0) + 1;
    log(
      `sessions: ${Object.entries(samples)
        .map(([k, v]) => `${v.length} ${k}`)
        .join(', ')} (mixed: ${JSON.stringify(mixRoles)})`,
    );
    phase('data_set');
    out.sql_accounts = 20;
    out.sql = { group: await sqlBreakdown(databaseUrl, samples.group), mixed: await sqlBreakdown(databaseUrl, samples.mixed) };
    phase('sql_breakdown');
    const web = await webBuild;
    if (web) out.web_build = web;
    phase('web_build_wait');

    // 3. the real server and the bare baseline
    const appDir = path.join(work, 'app');
    mkdirSync(appDir, { recursive: true });
    // The three processes start side by side (their start-up is CPU work: tsx, imports, migrations, pools); the
    // real server's idle memory is read once all three are up and it has been left alone for 3 s.
    const { real, bare, floor } = await startServers({ databaseUrl, appDir, commissionId: data.commissionId, logLevel, profile, resultsDir: RESULTS });
    log(`server ready at ${real.url} (pid ${real.child.pid}); bare baseline at ${bare.url}`);
    const idle = await timed('servers: idle pause and RSS', async () => {
      await new Promise((r) => setTimeout(r, 3000));
      return serverMemory(real.child);
    });
    out.server.rss_idle_mb = idle.rss_mb;
    out.server.heap_used_idle_mb = idle.heap_used_mb;
    log(`server RSS at idle ${idle.rss_mb} MB (heap used ${idle.heap_used_mb} MB)`);
    const floorPlanLines = await floorPlan(pool, data.commissionId);
    log(`floor ready at ${floor.url}; plan: ${floorPlanLines.map((l) => l.trim()).join(' / ')}`);
    if (!floorPlanLines.some((l) => l.includes('Index Scan using clue_ledger')) || floorPlanLines.some((l) => /\bSort\b/.test(l)))
      out.notes.push(`the floor's SELECT is not a plain index scan of clue_ledger: ${floorPlanLines.join(' / ')}`);
    const pgStats = await enablePgStats(pool);
    out.pg_time_source =
      'snapshot' in pgStats
        ? 'pg_stat_statements (track_planning on): Δ(total_plan_time + total_exec_time) of this database over each timed run / requests answered; pg-boss statements excluded'
        : `pg_stat_statements unavailable (${pgStats.unavailable}): pg_ms_per_req not measured`;

    // 4. endpoints (信息互通 grants are added before the endpoints that ask for them, issue 11)
    const sampleOrgs = (
      await pool.query<{ org_id: string }>('SELECT DISTINCT org_id FROM app_user WHERE id = ANY($1::uuid[])', [samples.group.map((s) => s.userId)])
    ).rows.map((r) => r.org_id);
    const addGrants = async (phase: 'others' | 'own') => {
      if (out.shares?.[phase]) return;
      const all = (
        await pool.query<{ id: string }>(
          "SELECT id FROM org WHERE commission_id = $1 AND kind IN ('INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION')",
          [data.commissionId],
        )
      ).rows.map((r) => r.id);
      if (phase === 'own' && !out.shares?.others) await addGrants('others');
      const grantees = phase === 'others' ? all.filter((o) => !sampleOrgs.includes(o)) : sampleOrgs;
      // 'own': as many grants per org as the commission's average (10,000 over every org).
      const n = phase === 'others' ? GRANTS : Math.round((GRANTS / all.length) * sampleOrgs.length);
      out.shares = { ...out.shares, [phase]: await generateShares(pool, data.commissionId, n, grantees, log) };
    };
    const loadOpts = { connections, warmupSeconds, durationSeconds, maxRequests: MAX_REQUESTS_PER_RUN };
    const drained = { timeouts: 0 };
    const ctx: MeasureContext = {
      bareUrl: bare.url,
      realUrl: real.url,
      load: loadOpts,
      oneConnSeconds,
      pgSnapshot: 'snapshot' in pgStats ? pgStats.snapshot : undefined,
      letterOf,
      campaignId,
      notes: out.notes,
      probeMs,
      figureWall: (name, ms) => {
        out.figure_wall_s = { ...out.figure_wall_s, [name]: Math.round(ms / 100) / 10 };
      },
      drain: () => drain(pool, drainMs, drained),
    };
    log(`set-up done after ${Math.round((Date.now() - startedAt) / 1000)} s`);
    phase('servers');
    // The floor first, in every run (also with --only): every floor_ratio is relative to it.
    const floorFigure = await timed('floor', () => measureFloor(ctx, floor.url, samples.group, connections));
    out.figures.push(floorFigure);
    out.floor = { sql: FLOOR_SQL, plan: floorPlanLines, rps: floorFigure.rps ?? 0, p95_ms: floorFigure.p95_ms ?? 0, pool: FLOOR_POOL_SIZE };
    const measured = ENDPOINTS.filter((e) => !only.length || only.some((o) => e.name.toLowerCase().includes(o)));
    if (measured.some((e) => e.perLetter)) {
      // Issued letters as issuing leaves them: with their stored text (the generator numbers them in SQL without one).
      const kept = await keepIssuedTexts(real.url, SESSION_COOKIE, samples.issuer, letterOf);
      log(`issued texts: ${kept.letters} letters of the issuer sample exported once (their text rendered and kept) in ${kept.ms} ms`);
      out.notes.push(
        `the DOCX figures: the ${kept.letters} issued letters of the sample were exported once before (${kept.ms} ms): their first export renders and keeps the issued text, as issuing would have`,
      );
    }
    for (const ep of measured) {
      if (ep.afterGrants) await timed('grants added', () => addGrants(ep.afterGrants!));
      const sample = samples[ep.sample];
      if (sample.length === 0) {
        out.notes.push(`${ep.name}: no account in the ${ep.sample} sample, not measured`);
        continue;
      }
      out.figures.push(await measureEndpoint(ctx, ep, sample, connections));
    }
    phase('endpoints');

    if (drained.timeouts)
      out.notes.push(
        `${drained.timeouts} timed run(s) left PostgreSQL busy for more than ${drainMs / 1000} s after their end (requests queued behind slow statements): the figure after each was measured beside that leftover work`,
      );
    // The floor again: did the machine's load change during the run?
    const floorEnd = await timed('floor again', () => remeasureFloor(ctx, floor.url, samples.group));
    out.floor.rps_end = floorEnd.rps;
    if (out.floor.rps && Math.abs(floorEnd.rps - out.floor.rps) / out.floor.rps > 0.25)
      out.notes.push(
        `the floor answered ${out.floor.rps} req/s first and ${floorEnd.rps} req/s at the end: the machine's load changed during the run, so floor ratios are uncertain by as much`,
      );

    // 4b. Figures measured otherwise than through ENDPOINTS (their own load or client) go here, while the
    // real server (real.url) still runs, each pushed to out.figures or into its own field of `out`.
    if (!only.length || only.some((o) => 'cockpit'.includes(o))) out.figures.push(...(await measureCockpit(ctx, samples, connections, pool)));
    phase('cockpit');
    if (nodeCount > 1) {
      try {
        out.nodes = await measureNodes({ nodes: nodeCount, nodeA: real, appDir, databaseUrl, logLevel, sample: samples.group, load: loadOpts });
      } catch (err) {
        out.notes.push(`${nodeCount} nodes not measured: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    // Web payload: bytes a cold Chromium transfers for /login and the signed-in home (bench/payload.ts).
    // Signed in as the group sample's first account (the bench's own data set has no demo accounts).
    try {
      const account = samples.group[0];
      if (!account) throw new Error('no group-staff account to sign in with');
      out.payload = await measurePayload(real.url, { username: account.username, password: BENCH_PASSWORD });
      log(`web payload: /login ${out.payload.login_kb} KB, home ${out.payload.home_kb} KB transferred (${account.username}, ${account.role})`);
      log(`  home's largest: ${(out.payload.largest_home ?? []).map((f) => `${f.path} ${f.kb} KB`).join(', ')}`);
    } catch (err) {
      out.notes.push(`web payload not measured: ${(err as Error).message.split('\n')[0]}`);
    }
    phase('payload');

    await new Promise((r) => setTimeout(r, 2000));
    out.server.rss_after_load_mb = (await serverMemory(real.child)).rss_mb;
    await stopServers({ real, bare, floor });
  } finally {
    await pool.end().catch(() => undefined);
  }

  // issue 15: clustering 100,000 findings (bench/cluster.ts), in this process once the servers are stopped
  if (withClustering) {
    out.clustering = clusteringFigure(out.notes);
    phase('clustering');
  } else out.notes.push('clustering not measured (small scale skips it: it has its own 100,000 findings; --clustering or `npx tsx bench/cluster.ts`)');
  // 5. report
  out.machine.load_avg_at_end = os.loadavg().map((v) => Math.round(v * 100) / 100);
  const busy = (out.machine.load_avg_at_start as number[])[0]!;
  if (busy > 1) out.notes.push(`the machine was already busy when the benchmark started (1-minute load average ${busy}): other processes compete for the CPUs`);
  out.ledgers = ledgerSummary(out.figures);
  out.goals = goalsOf(out);
  out.total_s = Math.round((Date.now() - startedAt) / 1000);
  out.machine.cpu_steal_pct_run = stealPct(cpuAtStart, cpuTimes());
  out.steps = stepTotals();
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  printReport(out);
  if (out.nodes) printNodes(out.nodes, out.floor);
  log(`total ${out.total_s} s (the host took ${out.machine.cpu_steal_pct_run ?? '?'} % of the CPU as steal); wrote bench/results/latest.json`);
}

try {
  await main();
} catch (err) {
  console.error(`[bench] failed: ${(err as Error).stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
// pg-boss / pool timers must not keep us alive once everything is stopped.
process.exit(process.exitCode ?? 0);
