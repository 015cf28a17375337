/**
 * The kept data sets of the bench's EXPLAIN tools (bench/tasks-dataset.ts, bench/casework-dataset.ts,
 * bench/cockpit-areas.ts; read by bench/tasks-explain.ts, bench/ledger-explain.ts, bench/casework-explain.ts,
 * bench/clue-statements.ts): an embedded PostgreSQL in a folder (`<dir>/pg`, pg_stat_statements preloaded) whose
 * bench database is filled once as bench/run.ts fills its throwaway one, with the bench's samples written to
 * `<dir>/samples.json`; a second run on the same folder only starts it again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase } from '../server/src/db/ensure';
import { startEmbeddedPg, withDatabase } from '../server/src/db/embedded';
import { migrate } from '../server/src/db/migrate';
import { createSessions, generate, type SampleKind, SCALES, type SessionSample } from './generate';
import { generateShares } from './generate-shares';
import { PG_STAT_SETTINGS } from './pg-stats';

/** The value of `--name=value` on the command line (everything after the first `=`). */
export const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** A line on stderr with the time of day. */
export const log = (m: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${m}\n`);

/** The machine's load averages (1, 5, 15 minutes): the machine is shared, the figures say under what load they were taken. */
export const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** `<dir>/samples.json`: the samples by kind, the commission and the bench database's address. */
export type KeptSamples = Record<string, SessionSample[]> & { url: string; commissionId: string };

export function readSamples(dir: string): KeptSamples {
  return JSON.parse(readFileSync(path.join(dir, 'samples.json'), 'utf8')) as KeptSamples;
}

export interface KeptDataSet {
  /** The bench database's address. */
  url: string;
  /** A pool of 4 on it; the caller ends it. */
  pool: pg.Pool;
  samplesFile: string;
  /** Stops the server and exits (also on Ctrl-C and SIGTERM). */
  stop: () => Promise<void>;
}

/**
 * Starts the embedded PostgreSQL of `dir` on `port` and its bench database. A new folder is filled: the migrations,
 * generate() at `scale`, then `fill` (the tool's other strands, in order), the sessions of `kinds` (200 accounts
 * each), with `grants` the 信息互通 grants of the endpoints' 'others' phase (below), VACUUM (ANALYZE), and
 * samples.json last. A folder filled before only gets the migrations not yet applied, and the server's address in
 * samples.json.
 */
export async function openDataSet(opts: {
  dir: string;
  port: number;
  scale: 'full' | 'small';
  kinds: SampleKind[];
  fill: (pool: pg.Pool, commissionId: string) => Promise<void>;
  grants?: boolean;
}): Promise<KeptDataSet> {
  const { dir, scale } = opts;
  const embedded = await startEmbeddedPg({ dataDir: path.join(dir, 'pg'), port: opts.port, log: () => undefined, settings: PG_STAT_SETTINGS });
  const stop = async () => {
    await embedded.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await ensureDatabase(embedded.url, 'liandong_bench');
  const url = withDatabase(embedded.url, 'liandong_bench');
  const samplesFile = path.join(dir, 'samples.json');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  await migrate(pool);
  if (!existsSync(samplesFile)) {
    const data = await generate(url, SCALES[scale], log);
    const cid = data.commissionId;
    await opts.fill(pool, cid);
    const samples: Record<string, unknown> = { commissionId: cid, url };
    for (const k of opts.kinds) samples[k] = await createSessions(pool, cid, k, 200);
    if (opts.grants) await grantOthers(pool, cid, samples.group as SessionSample[]);
    await pool.query('VACUUM (ANALYZE)');
    writeFileSync(samplesFile, JSON.stringify(samples));
    log(`data set ready in ${dir}`);
  } else {
    const s = JSON.parse(readFileSync(samplesFile, 'utf8')) as { url: string };
    s.url = url;
    writeFileSync(samplesFile, JSON.stringify(s));
  }
  return { url, pool, samplesFile, stop };
}

/**
 * 10,000 信息互通 grants as the endpoints' 'others' phase of bench/run.ts adds them: the grantees every office,
 * dispatched group and county of the commission but the orgs of the group sample.
 */
async function grantOthers(pool: pg.Pool, commissionId: string, group: SessionSample[]): Promise<void> {
  const groupOrgs = (
    await pool.query<{ org_id: string }>('SELECT DISTINCT org_id FROM app_user WHERE id = ANY($1::uuid[])', [group.map((s) => s.userId)])
  ).rows.map((r) => r.org_id);
  const all = (
    await pool.query<{ id: string }>("SELECT id FROM org WHERE commission_id = $1 AND kind IN ('INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION')", [
      commissionId,
    ])
  ).rows.map((r) => r.id);
  await generateShares(
    pool,
    commissionId,
    10_000,
    all.filter((o) => !groupOrgs.includes(o)),
    log,
  );
}

/** Ends the data set's pool and keeps the server up until Ctrl-C. */
export async function keepServing(dataSet: KeptDataSet): Promise<never> {
  await dataSet.pool.end();
  log(`PostgreSQL at ${dataSet.url} (Ctrl-C stops it)`);
  return new Promise<never>(() => undefined);
}
