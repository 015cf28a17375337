/**
 * Every statement one GET /clues request issues, per reader kind, as pg_stat_statements sees them (issue 12): the clue
 * ledger's figure of the bench (`/api/v1/clues?pageSize=20`) through bench/ledger-statements.ts, which takes the same
 * options (`--path` asks another route, `--ledger` another ledger of the sweep).
 *
 *   npx tsx bench/clue-statements.ts [--dir=/tmp/clue-pg] [--port=55504] [--kinds=group,office,county,leader] [--requests=200] [--top=12] [--text]
 */
import { listStatements, optionsFromArgs } from './ledger-statements';

await listStatements(optionsFromArgs('/api/v1/clues?pageSize=20'));
process.exit(0);
