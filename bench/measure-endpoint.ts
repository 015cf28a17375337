/**
 * The per-figure measuring of `npm run bench`: the floor first, then for each endpoint the bare baseline and
 * the real endpoint at N connections (PostgreSQL's time per request read from pg_stat_statements over each
 * timed run), then the real endpoint alone on one connection. Each call returns one Figure.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SESSION_COOKIE } from '../server/src/modules/auth';
import { type CpuTimes, cpuTimes, stealPct } from './cpu-steal';
import { type Endpoint, probe } from './endpoints';
import { FLOOR_PATH } from './floor-child';
import type { SessionSample } from './generate';
import { type LoadOptions, type Measured, measure, measureSequential, type Target, type TimedWindow } from './load';
import { type PgPerRequest, type PgTotals, perRequest } from './pg-stats';
import { log } from './processes';
import type { Figure } from './report';
import { addStep, timed } from './steps';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface MeasureContext {
  bareUrl: string;
  realUrl: string;
  load: LoadOptions;
  /** Length of the one-connection run (no warm-up: it follows the N-connection run of the same route; extended to 20 answers, at most 3×). */
  oneConnSeconds: number;
  /** Totals of pg_stat_statements, when available. */
  pgSnapshot?: () => Promise<PgTotals>;
  /** req/s of the floor figure of this run (set once the floor is measured). */
  floorRps?: number;
  /** The issued letter each account of the office sample exports. */
  letterOf: Map<string, string>;
  campaignId: string;
  notes: string[];
  /** Longest probe of a sample (ms): the accounts not reached are measured unprobed, with a note. */
  probeMs?: number;
  /**
   * Waits until PostgreSQL has no statement of the servers running (at most a few seconds): requests still queued
   * when a timed run ends go on in the server, and must not load the next run.
   */
  drain?: () => Promise<void>;
  /** Told each figure's wall ms (every step of measureEndpoint). */
  figureWall?: (name: string, ms: number) => void;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** measure() with PostgreSQL's time per request over the timed run. */
async function measureWithPg(ctx: MeasureContext, target: Target, opts: LoadOptions): Promise<{ m: Measured; pg?: PgPerRequest; steal: number | null }> {
  const snapshot = ctx.pgSnapshot;
  let before: PgTotals | undefined;
  let pg: PgPerRequest | undefined;
  let cpuBefore: CpuTimes | undefined;
  let steal: number | null = null;
  const window: TimedWindow = {
    start: async () => {
      cpuBefore = cpuTimes();
      if (snapshot) before = await snapshot();
    },
    end: async (answered) => {
      steal = stealPct(cpuBefore, cpuTimes());
      if (snapshot) pg = perRequest(before!, await snapshot(), answered);
    },
  };
  const m = await measure(target, opts, window);
  if (ctx.drain) await timed('drain', ctx.drain);
  return { m, pg, steal };
}

/** The short run on one connection: the route's own latency, without queueing behind other requests. */
function measureOneConn(ctx: MeasureContext, target: Target): Promise<Measured> {
  return measureSequential(target, ctx.oneConnSeconds);
}

function floorRatio(ctx: MeasureContext, rps: number | null): number | null {
  return rps === null || !ctx.floorRps ? null : round(rps / ctx.floorRps, 3);
}

/** The issue-12 fields and their details from the runs of one figure. */
function floorFields(ctx: MeasureContext, rps: number | null, one: Measured | undefined, pg: PgPerRequest | undefined, basePg: PgPerRequest | undefined) {
  return {
    floor_ratio: floorRatio(ctx, rps),
    p95_1conn_ms: one?.p95_ms ?? null,
    pg_ms_per_req: pg?.pg_ms ?? null,
    p50_1conn_ms: one?.p50_ms ?? null,
    requests_1conn: one?.ok ?? null,
    pg_plan_ms_per_req: pg?.pg_plan_ms ?? null,
    pg_calls_per_req: pg?.pg_calls ?? null,
    baseline_pg_ms_per_req: basePg?.pg_ms ?? null,
    baseline_pg_calls_per_req: basePg?.pg_calls ?? null,
  };
}

/** The rounded mean of the steal of a figure's timed runs (bare and real), or the one there is. */
function meanSteal(...runs: (number | null)[]): number | null {
  const known = runs.filter((v): v is number => v !== null);
  return known.length ? Math.round((10 * known.reduce((a, b) => a + b, 0)) / known.length) / 10 : null;
}

/**
 * The floor (bench/floor-child.ts) under the same load as every other figure; its req/s becomes
 * ctx.floorRps, the denominator of every floor_ratio of the run.
 */
export async function measureFloor(ctx: MeasureContext, floorUrl: string, sample: SessionSample[], connections: number): Promise<Figure> {
  const target: Target = { baseUrl: floorUrl, path: (i) => `${FLOOR_PATH}?u=${sample[i % sample.length]?.userId ?? ''}` };
  const check = await fetch(`${floorUrl}${FLOOR_PATH}`);
  if (check.status !== 200) throw new Error(`the floor answered ${check.status}: ${(await check.text()).slice(0, 500)}`);
  const body = (await check.json()) as { items: unknown[] };
  if (body.items.length !== 20) throw new Error(`the floor answered ${body.items.length} rows, not 20`);
  log('floor: bare Fastify + pg, one indexed 20-row SELECT…');
  const { m, pg, steal } = await measureWithPg(ctx, target, ctx.load);
  const one = await measureOneConn(ctx, target);
  ctx.floorRps = m.rps;
  log(
    `floor: p50 ${m.p50_ms} ms, p95 ${m.p95_ms} ms, ${m.rps} req/s; one connection p95 ${one.p95_ms} ms; PostgreSQL ${pg?.pg_ms ?? '?'} ms/request; steal ${steal ?? '?'} %`,
  );
  return {
    name: 'floor: bare Fastify + pg, one indexed 20-row SELECT of clue',
    connections,
    sample: 'none',
    accounts: sample.length,
    p50_ms: m.p50_ms,
    p95_ms: m.p95_ms,
    rps: m.rps,
    baseline_rps: m.rps,
    ratio: null,
    rows: body.items.length,
    ...floorFields(ctx, m.rps, one, pg, pg),
    scope_avg: null,
    p99_ms: m.p99_ms,
    baseline_p50_ms: m.p50_ms,
    baseline_p95_ms: m.p95_ms,
    requests: m.ok,
    baseline_requests: m.ok,
    non2xx: m.non2xx,
    errors: m.errors,
    cpu_steal_pct: steal,
    note: 'every floor_ratio of this run is req/s over this req/s',
  };
}

/**
 * The floor once more after every other figure (5 s, no warm-up: its process is warm): when the machine's
 * load changed during the run, the two floor figures differ and the floor ratios measured in between with them.
 */
export async function remeasureFloor(ctx: MeasureContext, floorUrl: string, sample: SessionSample[]): Promise<Measured> {
  const target: Target = { baseUrl: floorUrl, path: (i) => `${FLOOR_PATH}?u=${sample[i % sample.length]?.userId ?? ''}` };
  const m = await measure(target, { ...ctx.load, warmupSeconds: 0 });
  log(`floor again at the end: p50 ${m.p50_ms} ms, p95 ${m.p95_ms} ms, ${m.rps} req/s (first ${ctx.floorRps} req/s)`);
  return m;
}

/** One endpoint of ENDPOINTS: probes, bare baseline, real endpoint, one-connection run; returns its Figure. */
export async function measureEndpoint(ctx: MeasureContext, ep: Endpoint, sample: SessionSample[], connections: number): Promise<Figure> {
  const realPath = (s: SessionSample) =>
    (ep.perLetter ? ep.realPath.replace(':letter', ctx.letterOf.get(s.userId)!) : ep.realPath).replace(':campaign', ctx.campaignId);
  const realReq = (s: SessionSample) => ({ path: realPath(s), headers: { cookie: `${SESSION_COOKIE}=${s.token}` } });
  const bareReq = (s: SessionSample) => ({
    path: `${ep.barePath}?u=${s.userId}${ep.perLetter ? `&id=${ctx.letterOf.get(s.userId)}` : ''}&c=${ctx.campaignId}`,
    headers: {},
  });
  const figureStarted = performance.now();
  try {
    return await measureEndpointSteps(ctx, ep, sample, connections, realReq, bareReq);
  } finally {
    const ms = performance.now() - figureStarted;
    addStep('figure (all steps)', ms);
    ctx.figureWall?.(ep.name, ms);
  }
}

async function measureEndpointSteps(
  ctx: MeasureContext,
  ep: Endpoint,
  sample: SessionSample[],
  connections: number,
  realReq: (s: SessionSample) => { path: string; headers: Record<string, string> },
  bareReq: (s: SessionSample) => { path: string; headers: Record<string, string> },
): Promise<Figure> {
  // Both servers probed at once (separate processes; the same accounts in the same order).
  const probeStarted = performance.now();
  const [bareProbe, realProbe] = await Promise.all([
    probe(ctx.bareUrl, sample, bareReq, ep.rows, ep.binary, ctx.probeMs),
    ep.bareOnly ? undefined : probe(ctx.realUrl, sample, realReq, ep.rows, ep.binary, ctx.probeMs),
  ]).then(([b, r]) => [b, r ?? b] as const);
  addStep('probe', performance.now() - probeStarted);
  const base = { name: ep.name, connections, sample: ep.sample, accounts: sample.length };
  if (bareProbe.status !== 200) {
    // Not this figure, but the run goes on (a statement timeout of a slow ledger is a finding, not a crash).
    const note = `${ep.barePath} answered ${bareProbe.status} to the probe: ${(bareProbe.body ?? '').slice(0, 200)}; not measured`;
    log(`${ep.name}: ${note}`);
    ctx.notes.push(`${ep.name}: ${note}`);
    await ctx.drain?.();
    return {
      ...base,
      p50_ms: null,
      p95_ms: null,
      rps: null,
      baseline_rps: 0,
      ratio: null,
      rows: null,
      ...floorFields(ctx, null, undefined, undefined, undefined),
      scope_avg: null,
      p99_ms: null,
      baseline_p50_ms: 0,
      baseline_p95_ms: 0,
      requests: null,
      baseline_requests: 0,
      non2xx: null,
      errors: null,
      note,
    };
  }
  const probed = Math.min(bareProbe.probed ?? sample.length, realProbe.probed ?? sample.length);
  if (probed < sample.length)
    ctx.notes.push(`${ep.name}: probed ${probed} of ${sample.length} accounts before the probe's deadline (slow answers); rows and scope are their means`);
  const bareTarget: Target = { baseUrl: ctx.bareUrl, path: (i) => bareReq(sample[i % sample.length]!).path };
  log(`${ep.name}: baseline…`);
  const { m: b, pg: bpg, steal: bareSteal } = await measureWithPg(ctx, bareTarget, ctx.load);
  if (ep.bareOnly) {
    const one = await measureOneConn(ctx, bareTarget);
    log(`${ep.name}: p50 ${b.p50_ms} ms, p95 ${b.p95_ms} ms, ${b.rps} req/s; one connection p95 ${one.p95_ms} ms`);
    return {
      ...base,
      p50_ms: b.p50_ms,
      p95_ms: b.p95_ms,
      rps: b.rps,
      baseline_rps: b.rps,
      ratio: null,
      rows: bareProbe.rows ?? null,
      ...floorFields(ctx, b.rps, one, bpg, bpg),
      scope_avg: bareProbe.scope ?? null,
      p99_ms: b.p99_ms,
      baseline_p50_ms: b.p50_ms,
      baseline_p95_ms: b.p95_ms,
      requests: b.ok,
      baseline_requests: b.ok,
      non2xx: b.non2xx,
      errors: b.errors,
      cpu_steal_pct: bareSteal,
      note: 'reference only: the bare route, no real endpoint',
    };
  }
  if (realProbe.status !== 200) {
    const note =
      realProbe.status === 404 && !existsSync(path.join(ROOT, 'server', 'src', 'modules', 'orgs'))
        ? `${ep.realPath} not present yet (server/src/modules/orgs missing): baseline only`
        : `${ep.realPath} answered ${realProbe.status}: ${realProbe.body}`;
    log(`${ep.name}: ${note}`);
    return {
      ...base,
      p50_ms: null,
      p95_ms: null,
      rps: null,
      baseline_rps: b.rps,
      ratio: null,
      rows: null,
      ...floorFields(ctx, null, undefined, undefined, bpg),
      scope_avg: bareProbe.scope ?? null,
      p99_ms: null,
      baseline_p50_ms: b.p50_ms,
      baseline_p95_ms: b.p95_ms,
      requests: null,
      baseline_requests: b.ok,
      non2xx: null,
      errors: null,
      note,
    };
  }
  const mismatched = sample.filter(
    (s) => realProbe.scopes?.has(s.userId) && bareProbe.scopes?.has(s.userId) && realProbe.scopes.get(s.userId) !== bareProbe.scopes.get(s.userId),
  ).length;
  if (mismatched) ctx.notes.push(`${ep.name}: scope size differs between real and bare for ${mismatched}/${sample.length} accounts`);
  log(`${ep.name}: real…`);
  const realTarget: Target = {
    baseUrl: ctx.realUrl,
    path: (i) => realReq(sample[i % sample.length]!).path,
    headers: (i) => realReq(sample[i % sample.length]!).headers,
  };
  const { m: r, pg, steal } = await measureWithPg(ctx, realTarget, ctx.load);
  const one = await measureOneConn(ctx, realTarget);
  const ratio = b.rps > 0 ? round(r.rps / b.rps, 2) : null;
  log(
    `${ep.name}: p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms, ${r.rps} req/s vs bare ${b.rps} req/s (ratio ${ratio}, floor ${floorRatio(ctx, r.rps)}); ` +
      `one connection p95 ${one.p95_ms} ms; PostgreSQL ${pg?.pg_ms ?? '?'} ms/request; steal ${steal ?? '?'} %`,
  );
  if (r.non2xx || r.errors || r.timeouts || !r.ok)
    ctx.notes.push(`${ep.name}: ${r.ok} 2xx, ${r.non2xx} non-2xx responses, ${r.errors} errors, ${r.timeouts} timeouts during the run`);
  return {
    ...base,
    p50_ms: r.p50_ms,
    p95_ms: r.p95_ms,
    rps: r.rps,
    baseline_rps: b.rps,
    ratio,
    rows: realProbe.rows ?? null,
    ...floorFields(ctx, r.rps, one, pg, bpg),
    scope_avg: realProbe.scope ?? null,
    p99_ms: r.p99_ms,
    baseline_p50_ms: b.p50_ms,
    baseline_p95_ms: b.p95_ms,
    requests: r.ok,
    baseline_requests: b.ok,
    non2xx: r.non2xx,
    errors: r.errors,
    cpu_steal_pct: meanSteal(bareSteal, steal),
  };
}
