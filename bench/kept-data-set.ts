/**
 * The kept data sets of the bench's EXPLAIN tools (bench/tasks-dataset.ts, bench/casework-dataset.ts,
 * bench/cockpit-areas.ts; read by bench/tasks-explain.ts, bench/ledger-explain.ts, bench/casework-explain.ts,
 * bench/clue-statements.ts): an embedded PostgreSQL in a folder (`<dir>/pg`, pg_stat_statements preloaded) whose
 * bench database is filled once as bench/run.ts fills its throwaway one, with the bench's samples written to
 * `<dir>/samples.json`; a second run on the same folder only starts it again. The tools that measure on a data set
 * filled before open it with `openKeptDataSet` (bench/cockpit-clue-plans.ts, cockpit-clue-undertaking-ab.ts,
 * cockpit-generic-plans.ts, docx-ab.ts, ledger-cpu.ts, ledger-statements.ts) and take the cockpit's readers of a sample
 * kind with `cockpitReaders` / `cockpitCtxs`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { COCKPIT_ROLES } from '@liandong/domain/access/role-sets';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { ensureDatabase } from '../server/src/db/ensure';
import { startEmbeddedPg, withDatabase } from '../server/src/db/embedded';
import { migrate } from '../server/src/db/migrate';
import type { DB } from '../server/src/db/types';
import { findAccountActor } from '../server/src/platform/account-actor';
import type { Ctx } from '../server/src/platform/context';
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
 * Opens a data set filled before (by bench/cockpit-areas.ts, bench/tasks-dataset.ts or bench/casework-dataset.ts) in
 * `dir` on `port` — the migrations not yet applied applied — with its samples: the prologue of the tools that measure
 * on a kept data set. `sessions`: the sample accounts' sessions made current again (they lapse while a data set is
 * kept); `statStatements`: pg_stat_statements created for the tools that read it. A folder without samples.json is
 * refused before its server starts (it is not filled).
 */
export async function openKeptDataSet(
  dir: string,
  port: number,
  opts: { sessions?: boolean; statStatements?: boolean } = {},
): Promise<KeptDataSet & { samples: KeptSamples }> {
  const refused = `${dir} holds no samples.json: fill it first (bench/cockpit-areas.ts, bench/tasks-dataset.ts, bench/casework-dataset.ts)`;
  if (!existsSync(path.join(dir, 'samples.json'))) throw new Error(refused);
  const dataSet = await openDataSet({
    dir,
    port,
    scale: 'full',
    kinds: [],
    fill: async () => {
      throw new Error(refused);
    },
  });
  if (opts.sessions) {
    await dataSet.pool.query("UPDATE user_session SET last_seen_at = now(), revoked_at = NULL, revoked_reason = NULL, expires_at = now() + interval '1 day'");
  }
  if (opts.statStatements) await dataSet.pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  return { ...dataSet, samples: readSamples(dir) };
}

/** Up to `n` of a kind's sample accounts that may read the cockpit, spread evenly over the sample. */
export function cockpitReaders(samples: KeptSamples, kind: string, n: number): SessionSample[] {
  const readers = (samples[kind] ?? []).filter((s) => (COCKPIT_ROLES as readonly string[]).includes(s.role));
  const step = Math.max(1, Math.floor(readers.length / n));
  return readers.filter((_, i) => i % step === 0).slice(0, n);
}

/** The request contexts over `db` of those readers (`cockpitReaders`) whose account still has an actor. */
export async function cockpitCtxs(db: Kysely<DB>, samples: KeptSamples, kind: string, n: number, requestId: string): Promise<Ctx[]> {
  const ctxs: Ctx[] = [];
  for (const s of cockpitReaders(samples, kind, n)) {
    const actor = await findAccountActor(db as never, { userId: s.userId });
    if (actor) ctxs.push({ db, actor, requestId, ip: '127.0.0.1', log: console as never } as unknown as Ctx);
  }
  return ctxs;
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
