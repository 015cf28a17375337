/**
 * Where the rectification-task board's time goes, per reader kind, on the kept data set of bench/tasks-dataset.ts (as
 * bench/ledger-explain.ts does for clues and cases): for up to `--n` accounts of each sample, GET /rectification-tasks
 * as it opens (first page of 20, default sort) run alone on a pool of 4 (wall ms: the service call, presentation
 * included), every statement recorded; each recorded SELECT is then run again under EXPLAIN (ANALYZE, BUFFERS) with the
 * same parameters — as a custom plan, or with `--generic` as the generic plan a named statement settles on; the least of
 * `--reps` runs (default 5) counts. Prints mean and max per reader kind and statement (the loop: bench/explain-ledgers.ts).
 *
 *   npx tsx bench/tasks-explain.ts [--dir=/tmp/tasks-pg] [--n=5] [--kinds=group,office,county,leader] [--plans] [--generic] [--reps=5]
 */
import { TaskQuerySchema } from '@liandong/domain/reform/contracts-reform';
import { listTasks } from '../server/src/modules/reform';
import type { Ctx } from '../server/src/platform/context';
import { explainLedgers } from './explain-ledgers';

function label(text: string): string | undefined {
  const t = text.replace(/\s+/g, ' ');
  if (!/^\s*(\/\*[^*]*\*\/\s*)?(select|with)/i.test(t)) return undefined;
  if (t.includes('ledger_page')) return 'page+rows';
  if (t.includes('AS "GREEN"')) return 'lights';
  if (t.includes('count(*)')) return 'total';
  return t.slice(0, 60);
}

await explainLedgers({
  defaultDir: '/tmp/tasks-pg',
  ledgers: ['tasks'],
  run: { tasks: (ctx: Ctx) => listTasks(ctx, TaskQuerySchema.parse({})) },
  label,
});
