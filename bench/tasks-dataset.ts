/**
 * A kept data set for the rectification-task board's EXPLAIN work (bench/tasks-explain.ts): an embedded PostgreSQL in
 * `--dir` (default /tmp/tasks-pg) filled as bench/run.ts fills its throwaway one — generate(), the clues and cases, then
 * the letters, tasks and 以案促改 records — with the bench's samples (group, office, county, leader) written to
 * `<dir>/samples.json`. The server stays up until Ctrl-C; a second run on the same folder only starts it again (and
 * runs the migrations not yet applied).
 *
 *   npx tsx bench/tasks-dataset.ts [--scale=full|small] [--dir=/tmp/tasks-pg] [--port=55472]
 */
import { CLUE_SCALES, generateClues } from './generate-clues';
import { generateReform, REFORM_SCALES } from './generate-reform';
import { arg, keepServing, log, openDataSet } from './kept-data-set';

const scaleName = (arg('scale') ?? 'full') as 'full' | 'small';
const dataSet = await openDataSet({
  dir: arg('dir') ?? '/tmp/tasks-pg',
  port: Number(arg('port') ?? 55472),
  scale: scaleName,
  kinds: ['group', 'office', 'county', 'leader'],
  fill: async (pool, cid) => {
    await generateClues(pool, cid, CLUE_SCALES[scaleName], log);
    await generateReform(pool, cid, REFORM_SCALES[scaleName], log);
  },
});
await keepServing(dataSet);
