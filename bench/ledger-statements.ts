/**
 * Every statement one request of an endpoint issues, per reader kind, as pg_stat_statements sees them (issue 12): on a
 * kept data set (bench/kept-data-set.ts), the real server (startServer, in this process) answers `--requests` requests
 * (the cookie rotating over the kind's sample) one at a time after a warm-up of as many; then per statement: calls per
 * request, mean planning and execution ms, and how many of its calls were planned (a named statement on its generic plan
 * is planned once per connection). The wall p50/p95 of the timed requests and PostgreSQL's ms per request head each kind.
 *
 * What is asked: `--ledger=<key>` — a ledger of the issue-12 sweep as bench/endpoints.ts opens it for each kind (e.g.
 * `items`: leaders ask `role=scope`), or `--path=/api/v1/…` — the same path for every kind. With `--port`, the folder's
 * PostgreSQL (`<dir>/pg`) is started on that port (the migrations it lacks applied) and stopped at the end; without it,
 * the server in samples.json must be up. `--top=N` prints the N costliest statements (default all), `--text` each of
 * them in full. bench/clue-statements.ts is this tool with the clue ledger's path.
 *
 *   npx tsx bench/ledger-statements.ts --dir=/tmp/x-pg [--port=55504] (--ledger=records | --path=/api/v1/reform-records)
 *     [--kinds=group,office,county,leader] [--requests=200] [--top=12] [--text] [--server-port=3471]
 *     [--cold] [--concurrency=20]   (no warm-up, requests in flight at once: the first plans of each pooled connection)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../server/src/config';
import { SESSION_COOKIE } from '../server/src/modules/auth';
import { startServer } from '../server/src/server';
import { ENDPOINTS, type LedgerKey } from './endpoints';
import type { SessionSample } from './generate';
import { arg, loadAverage, openKeptDataSet, readSamples } from './kept-data-set';

export interface StatementsOptions {
  dir: string;
  /** Start `<dir>/pg` on this port (else the server of samples.json is up). */
  port?: number;
  kinds: string[];
  requests: number;
  /** The path asked for a kind. */
  pathFor: (kind: string) => string;
  /** The server's HTTP port. */
  serverPort?: string;
  top?: number;
  text?: boolean;
  /**
   * No warm-up: the statistics count from each kind's first request, so that a named statement's first plans on each
   * pooled connection (five custom plans, then the generic one) are in the figures, as in a short bench run.
   */
  cold?: boolean;
  /** Requests in flight at once (default 1): with the cold start, how many pooled connections plan each statement. */
  concurrency?: number;
}

/** The path of a ledger of the issue-12 sweep for a kind, as the bench asks it (bench/endpoints.ts). */
export function ledgerPathFor(key: LedgerKey, kind: string): string {
  const e = ENDPOINTS.find((x) => x.ledger?.key === key && x.ledger.sample === kind) ?? ENDPOINTS.find((x) => x.ledger?.key === key);
  if (!e) throw new Error(`no ledger ${key}`);
  return e.realPath;
}

interface StatementRow {
  calls: number;
  plan: number;
  exec: number;
  plans: number;
  /** Shared buffers hit or read per call (planning and execution): the figure the machine's load does not move. */
  blks: number;
  query: string;
}

/** Measures and prints, kind by kind (see the file's header). */
export async function listStatements(opts: StatementsOptions): Promise<void> {
  const { dir, kinds, requests } = opts;
  const dataSet = opts.port === undefined ? undefined : await openKeptDataSet(dir, opts.port);
  await dataSet?.pool.end();
  const samples = dataSet?.samples ?? readSamples(dir);
  const appDir = mkdtempSync(path.join(tmpdir(), 'ledger-statements-'));
  const server = await startServer(
    loadConfig({ ...process.env, DATABASE_URL: samples.url, DATA_DIR: appDir, PORT: opts.serverPort ?? '3471', DEMO: '0', LOG_LEVEL: 'warn' }),
    () => undefined,
  );
  const stats = new pg.Pool({ connectionString: samples.url, max: 1 });
  await stats.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');

  async function hit(route: string, s: SessionSample): Promise<number> {
    const t0 = performance.now();
    const res = await fetch(`${server.url}${route}`, { headers: { cookie: `${SESSION_COOKIE}=${s.token}` } });
    if (res.status !== 200) throw new Error(`${s.username} ${route}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    return performance.now() - t0;
  }

  try {
    for (const kind of kinds) {
      const sample = samples[kind] ?? [];
      if (!sample.length) continue;
      const route = opts.pathFor(kind);
      if (!opts.cold) for (let i = 0; i < requests; i++) await hit(route, sample[i % sample.length]!);
      // Cold: only the accounts' scopes loaded first (GET /me), as a bench's warm-up leaves them.
      else for (const s of sample.slice(0, requests)) await hit('/api/v1/me', s);
      await stats.query('SELECT pg_stat_statements_reset()');
      const walls: number[] = [];
      let next = 0;
      const worker = async () => {
        while (next < requests) {
          const i = next++;
          walls.push(await hit(route, sample[i % sample.length]!));
        }
      };
      await Promise.all(Array.from({ length: opts.concurrency ?? 1 }, worker));
      const { rows } = await stats.query<StatementRow>(
        `SELECT calls::int, total_plan_time / greatest(calls, 1) AS plan, total_exec_time / greatest(calls, 1) AS exec,
           plans::int AS plans, (shared_blks_hit + shared_blks_read)::float8 / greatest(calls, 1) AS blks, query
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%pgboss.%' ORDER BY (total_plan_time + total_exec_time) DESC`,
      );
      walls.sort((a, b) => a - b);
      const sum = rows.reduce((a, r) => a + r.calls * (r.plan + r.exec), 0);
      const blks = rows.reduce((a, r) => a + r.calls * r.blks, 0);
      console.log(
        `\n${kind} ${route} (load average ${loadAverage()}): ${sample.length} accounts, ${requests} requests ${opts.concurrency && opts.concurrency > 1 ? `${opts.concurrency} at a time` : 'one at a time'}${opts.cold ? ' (cold)' : ''}: wall p50 ${walls[Math.floor(requests / 2)]!.toFixed(1)} ms, p95 ${walls[Math.floor(requests * 0.95)]!.toFixed(1)} ms; PostgreSQL ${(sum / requests).toFixed(2)} ms, ${(blks / requests).toFixed(0)} buffers and ${(rows.reduce((a, r) => a + r.calls, 0) / requests).toFixed(1)} statements per request`,
      );
      for (const r of rows.slice(0, opts.top ?? rows.length)) {
        const q = r.query.replace(/\s+/g, ' ');
        console.log(
          `  ${(r.calls / requests).toFixed(2).padStart(5)}/req plan ${r.plan.toFixed(2).padStart(6)} exec ${r.exec.toFixed(2).padStart(6)} ms ${r.blks.toFixed(0).padStart(5)} buf  planned ${r.plans}/${r.calls}  ${opts.text ? q : q.slice(0, 150)}`,
        );
      }
    }
  } catch (e) {
    // dataSet.stop() below exits the process: say why first.
    console.error(e);
    throw e;
  } finally {
    await stats.end();
    await server.stop();
    rmSync(appDir, { recursive: true, force: true });
    await dataSet?.stop();
  }
}

/** The command line's options (see the header); `defaultPath` when neither `--ledger` nor `--path` is given. */
export function optionsFromArgs(defaultPath?: string): StatementsOptions {
  const ledger = arg('ledger') as LedgerKey | undefined;
  const fixed = arg('path') ?? (ledger ? undefined : defaultPath);
  if (!ledger && !fixed) throw new Error('--ledger=<key> or --path=<path>');
  return {
    dir: arg('dir') ?? '/tmp/clue-pg',
    port: arg('port') === undefined ? undefined : Number(arg('port')),
    kinds: (arg('kinds') ?? 'group,office,county,leader').split(','),
    requests: Number(arg('requests') ?? 200),
    pathFor: fixed ? () => fixed : (kind) => ledgerPathFor(ledger!, kind),
    serverPort: arg('server-port'),
    top: arg('top') === undefined ? undefined : Number(arg('top')),
    text: process.argv.includes('--text'),
    cold: process.argv.includes('--cold'),
    concurrency: arg('concurrency') === undefined ? undefined : Number(arg('concurrency')),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await listStatements(optionsFromArgs());
  process.exit(0);
}
