/**
 * Where the clue and case ledgers' time goes, per reader kind, on the kept data set of bench/casework-dataset.ts: for up
 * to `--n` accounts of each sample, GET /clues, GET /cases, GET /reform-records, GET /letters and GET /supervision/my-items (leaders: `role=scope`) as they open (first page of 20, default sort) run once
 * alone on a pool of 4 (wall ms: the service call, presentation included), every statement recorded; each recorded
 * SELECT is then run again under EXPLAIN (ANALYZE, BUFFERS) with the same parameters — as a custom plan, or with
 * `--generic` as the generic plan a named statement settles on; the least of `--reps` runs (default 5) counts. Prints mean
 * and max per reader kind and statement (the loop: bench/explain-ledgers.ts).
 *
 *   npx tsx bench/ledger-explain.ts [--dir=/tmp/clue-pg] [--n=5] [--kinds=group,office,county,leader] [--ledgers=clues,cases,records,letters,items] [--plans] [--generic] [--reps=5]
 */
import { CaseListQuerySchema } from '@liandong/domain/cases/contracts';
import { ClueQuerySchema } from '@liandong/domain/clues/contracts';
import { MyItemsQuerySchema } from '@liandong/domain/supervision/contracts';
import { LetterListQuerySchema } from '@liandong/domain/reform/contracts-letters';
import { ReformRecordQuerySchema } from '@liandong/domain/reform/contracts-reform';
import { listCases } from '../server/src/modules/cases';
import { listLetters } from '../server/src/modules/letters';
import { listRecords } from '../server/src/modules/reform';
import { myItems } from '../server/src/modules/supervision';
import { ledgerRows } from '../server/src/modules/clues';
import type { Ctx } from '../server/src/platform/context';
import { explainLedgers } from './explain-ledgers';
import { arg } from './kept-data-set';

function label(text: string): string | undefined {
  const t = text.replace(/\s+/g, ' ');
  if (!/^\s*(\/\*[^*]*\*\/\s*)?(select|with)/i.test(t)) return undefined;
  if (/share|grant/i.test(t) && !/FROM clue c|FROM case_file c/.test(t)) return 'grants';
  if (t.includes('ledger_page')) return 'page+rows';
  if (t.includes('count(*)')) return 'total';
  if (/^SELECT coordinator|SELECT \(SELECT o\.id FROM org o/i.test(t) || t.includes('leadership_member')) return 'facts';
  if (/to_char\(c\.received_on|c\.case_no, c\.year/.test(t) && t.includes('ANY(')) return 'rows';
  if (t.includes('UNION') || t.includes('LIMIT')) return 'page';
  return t.slice(0, 60);
}

const run = {
  clues: (ctx: Ctx) => ledgerRows(ctx, ClueQuerySchema.parse({ pageSize: 20 }), 20, 0), // what listClues reads
  cases: (ctx: Ctx) => listCases(ctx, CaseListQuerySchema.parse({})),
  records: (ctx: Ctx) => listRecords(ctx, ReformRecordQuerySchema.parse({})),
  letters: (ctx: Ctx) => listLetters(ctx, LetterListQuerySchema.parse({})),
  // as the bench asks it (bench/endpoints.ts): leaders the 分管 scope, the others every item of theirs
  items: (ctx: Ctx, kind: string) => myItems(ctx, MyItemsQuerySchema.parse({ role: kind === 'leader' ? 'scope' : 'all', pageSize: 20 })),
};
await explainLedgers({ defaultDir: '/tmp/clue-pg', ledgers: (arg('ledgers') ?? 'clues,cases').split(',') as (keyof typeof run)[], run, label });
