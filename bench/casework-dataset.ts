/**
 * A kept data set for the casework dashboard's EXPLAIN work (bench/casework-explain.ts): an embedded PostgreSQL in
 * `--dir` (default /tmp/casework-pg) filled as bench/run.ts fills its throwaway one — generate(), the clues and cases,
 * the 信息互通 grants of the endpoints' 'others' phase — with the bench's samples (group, office, county, leader,
 * mixed) written to `<dir>/samples.json`. The server stays up until Ctrl-C; a second run on the same folder only
 * starts it again.
 *
 *   npx tsx bench/casework-dataset.ts [--scale=full|small] [--dir=/tmp/casework-pg] [--port=55462]
 */
import { CLUE_SCALES, generateClues } from './generate-clues';
import { arg, keepServing, log, openDataSet } from './kept-data-set';

const scaleName = (arg('scale') ?? 'full') as 'full' | 'small';
const dataSet = await openDataSet({
  dir: arg('dir') ?? '/tmp/casework-pg',
  port: Number(arg('port') ?? 55462),
  scale: scaleName,
  kinds: ['group', 'office', 'county', 'leader', 'mixed'],
  fill: async (pool, cid) => {
    await generateClues(pool, cid, CLUE_SCALES[scaleName], log);
  },
  grants: true,
});
await keepServing(dataSet);
