import autocannon, { type Instance } from 'autocannon';
import { addStep, timed } from './steps';

/** One request target, rotated per request: request i gets path(i) and headers(i). */
export interface Target {
  baseUrl: string;
  path(i: number): string;
  headers?(i: number): Record<string, string>;
}

export interface LoadOptions {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Upper bound on requests per run (the run also ends after durationSeconds). */
  maxRequests: number;
}

export interface Measured {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  mean_ms: number;
  rps: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
}

/**
 * Called around the timed run only (not the warm-up): `start` just before it, `end` just after it with the
 * number of requests answered, e.g. to read PostgreSQL's statement totals over exactly that window.
 */
export interface TimedWindow {
  start(): Promise<void>;
  end(answered: number): Promise<void>;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

function assertLoopback(url: string) {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1') throw new Error(`the load generator only targets 127.0.0.1, not ${host}`);
}

/** autocannon's sample interval (ms): how late after its `duration` a run may end. */
const SAMPLE_MS = 50;

function run(target: Target, connections: number, seconds: number, maxRequests: number, record?: (ms: number, status: number) => void): Instance {
  let i = 0;
  const instance = autocannon({
    url: target.baseUrl,
    connections,
    duration: seconds,
    maxOverallRequests: maxRequests,
    // autocannon ends a run at the first of its samples after `duration`: with its default of one sample a second, a
    // 0.3 s warm-up ran 1 s and a 1.5 s run 2 s. Its own histograms are not used (every response time is kept here).
    sampleInt: SAMPLE_MS,
    timeout: 10,
    requests: [
      {
        setupRequest: (req) => {
          const n = i++;
          return { ...req, method: 'GET', path: target.path(n), headers: { ...req.headers, ...(target.headers?.(n) ?? {}) } };
        },
      },
    ],
  });
  if (record) instance.on('response', (_client, status, _bytes, ms) => record(ms, status));
  return instance;
}

/**
 * Warm-up (discarded), then the measured run. autocannon 9 reports p50/p90/p97.5/p99 but no p95,
 * so every 2xx response time (from the 'response' event, in ms) is kept and the percentiles are
 * computed here; req/s is the 2xx count over the measured wall time.
 */
export async function measure(target: Target, opts: LoadOptions, window?: TimedWindow): Promise<Measured> {
  assertLoopback(target.baseUrl);
  if (opts.warmupSeconds > 0) {
    const t0 = performance.now();
    await run(target, opts.connections, opts.warmupSeconds, opts.maxRequests);
    addStep('warm-up', performance.now() - t0);
  }
  const times: number[] = [];
  let non2xx = 0;
  if (window) await timed('pg snapshot', () => window.start());
  const started = performance.now();
  const result = await run(target, opts.connections, opts.durationSeconds, opts.maxRequests, (ms, status) => {
    if (status >= 200 && status < 300) times.push(ms);
    else non2xx++;
  });
  const seconds = (performance.now() - started) / 1000;
  addStep('timed run', seconds * 1000);
  if (window) await timed('pg snapshot', () => window.end(times.length + non2xx));
  const sorted = Float64Array.from(times).sort();
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
    mean_ms: round(times.reduce((a, b) => a + b, 0) / Math.max(times.length, 1)),
    rps: Math.round(times.length / seconds),
    ok: times.length,
    non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: round(seconds),
  };
}

/**
 * One connection, one request at a time (no queueing): the route's own latency. Runs for `seconds`, longer
 * if needed to collect `minAnswers` responses, but never beyond `maxSeconds` (a route that takes seconds
 * per request would otherwise stretch the run). fetch keeps the connection alive between requests.
 */
export async function measureSequential(target: Target, seconds: number, minAnswers = 20, maxSeconds = seconds * 3): Promise<Measured> {
  assertLoopback(target.baseUrl);
  const times: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  for (let i = 0; elapsed() < seconds || (times.length + non2xx < minAnswers && elapsed() < maxSeconds); i++) {
    const t0 = performance.now();
    try {
      const res = await fetch(`${target.baseUrl}${target.path(i)}`, { headers: target.headers?.(i) ?? {}, signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status >= 200 && res.status < 300) times.push(performance.now() - t0);
      else non2xx++;
    } catch {
      errors++;
    }
  }
  const secs = elapsed();
  addStep('one-connection run', secs * 1000);
  const sorted = Float64Array.from(times).sort();
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
    mean_ms: round(times.reduce((a, b) => a + b, 0) / Math.max(times.length, 1)),
    rps: Math.round(times.length / secs),
    ok: times.length,
    non2xx,
    errors,
    timeouts: 0,
    seconds: round(secs),
  };
}
