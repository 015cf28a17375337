/**
 * A kept data set for the rectification-task board's EXPLAIN work (bench/tasks-explain.ts): an embedded PostgreSQL in
 * `--dir` (default /tmp/tasks-pg) filled as bench/run.ts fills its throwaway one — generate(), the clues and cases, then
 * the letters, tasks and 以案促改 records — with the bench's samples (group, office, county, leader) written to
 * `<dir>/samples.json`. The server stays up until Ctrl-C; a second run on the same folder only starts it again (and
 * runs the migrations not yet applied).
 *
 *   npx tsx bench/tasks-dataset.ts [--scale=full|small] [--dir=/tmp/tasks-pg] [--port=55472]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase } from '../server/src/db/ensure';
import { startEmbeddedPg, withDatabase } from '../server/src/db/embedded';
import { migrate } from '../server/src/db/migrate';
import { createSessions, generate, type SampleKind, SCALES } from './generate';
import { CLUE_SCALES, generateClues } from './generate-clues';
import { generateReform, REFORM_SCALES } from './generate-reform';
import { PG_STAT_SETTINGS } from './pg-stats';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const scaleName = (arg('scale') ?? 'full') as 'full' | 'small';
const dir = arg('dir') ?? '/tmp/tasks-pg';
const port = Number(arg('port') ?? 55472);
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
const pool = new pg.Pool({ connectionString: url, max: 4 });
if (!existsSync(samplesFile)) {
  await migrate(pool);
  const data = await generate(url, SCALES[scaleName], log);
  const cid = data.commissionId;
  await generateClues(pool, cid, CLUE_SCALES[scaleName], log);
  await generateReform(pool, cid, REFORM_SCALES[scaleName], log);
  const kinds: SampleKind[] = ['group', 'office', 'county', 'leader'];
  const samples: Record<string, unknown> = { commissionId: cid, url };
  for (const k of kinds) samples[k] = await createSessions(pool, cid, k, 200);
  await pool.query('VACUUM (ANALYZE)');
  writeFileSync(samplesFile, JSON.stringify(samples));
  log(`data set ready in ${dir}`);
} else {
  const s = JSON.parse(readFileSync(samplesFile, 'utf8')) as { url: string };
  s.url = url;
  writeFileSync(samplesFile, JSON.stringify(s));
  await migrate(pool);
}
await pool.end();
log(`PostgreSQL at ${url} (Ctrl-C stops it)`);
await new Promise(() => undefined);
