/**
 * A kept data set for the casework dashboard's EXPLAIN work (bench/casework-explain.ts): an embedded PostgreSQL in
 * `--dir` (default /tmp/casework-pg) filled as bench/run.ts fills its throwaway one — generate(), the clues and cases,
 * the 信息互通 grants of the endpoints' 'others' phase — with the bench's samples (group, office, county, leader,
 * mixed) written to `<dir>/samples.json`. The server stays up until Ctrl-C; a second run on the same folder only
 * starts it again.
 *
 *   npx tsx bench/casework-dataset.ts [--scale=full|small] [--dir=/tmp/casework-pg] [--port=55462]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase } from '../server/src/db/ensure';
import { startEmbeddedPg, withDatabase } from '../server/src/db/embedded';
import { migrate } from '../server/src/db/migrate';
import { createSessions, generate, type SampleKind, SCALES } from './generate';
import { CLUE_SCALES, generateClues } from './generate-clues';
import { generateShares } from './generate-shares';
import { PG_STAT_SETTINGS } from './pg-stats';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const scaleName = (arg('scale') ?? 'full') as 'full' | 'small';
const dir = arg('dir') ?? '/tmp/casework-pg';
const port = Number(arg('port') ?? 55462);
const log = (m: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${m}\n`);

const embedded = await startEmbeddedPg({ dataDir: path.join(dir, 'pg'), port, log: () => undefined, settings: PG_STAT_SETTINGS });
const stop = async () => {
  await embedded.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
await ensureDatabase(embedded.url, 'liandong_bench');
const url = withDatabase(embedded.url, 'liandong_bench');
const samplesFile = path.join(dir, 'samples.json');
if (!existsSync(samplesFile)) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  await migrate(pool);
  const data = await generate(url, SCALES[scaleName], log);
  const cid = data.commissionId;
  await generateClues(pool, cid, CLUE_SCALES[scaleName], log);
  const kinds: SampleKind[] = ['group', 'office', 'county', 'leader', 'mixed'];
  const samples: Record<string, unknown> = { commissionId: cid, url };
  for (const k of kinds) samples[k] = await createSessions(pool, cid, k, 200);
  const groupOrgs = (
    await pool.query<{ org_id: string }>('SELECT DISTINCT org_id FROM app_user WHERE id = ANY($1::uuid[])', [
      (samples.group as { userId: string }[]).map((s) => s.userId),
    ])
  ).rows.map((r) => r.org_id);
  const all = (
    await pool.query<{ id: string }>("SELECT id FROM org WHERE commission_id = $1 AND kind IN ('INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION')", [
      cid,
    ])
  ).rows.map((r) => r.id);
  await generateShares(
    pool,
    cid,
    10_000,
    all.filter((o) => !groupOrgs.includes(o)),
    log,
  );
  await pool.query('VACUUM (ANALYZE)');
  writeFileSync(samplesFile, JSON.stringify(samples));
  await pool.end();
  log(`data set ready in ${dir}`);
} else {
  const s = JSON.parse(readFileSync(samplesFile, 'utf8')) as { url: string };
  s.url = url;
  writeFileSync(samplesFile, JSON.stringify(s));
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  await migrate(pool);
  await pool.end();
}
log(`PostgreSQL at ${url} (Ctrl-C stops it)`);
await new Promise(() => undefined);
