/**
 * Bare routes of the issue-4 endpoints for bench/bare-child.ts: the clue ledger's and the casework
 * module's own data functions (same SQL by construction), plus the unindexed ILIKE scan that full-text
 * search is compared against.
 */
import type { ClueQuery } from '@liandong/domain/clues/contracts';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../server/src/db/pool';
import { caseVisible, clueVisible } from '../server/src/modules/visibility';
import { computeDashboard, searchCasework } from '../server/src/modules/casework';
import { ledgerRows } from '../server/src/modules/clues';
import type { Actor } from '../server/src/platform/access';
import { audit } from '../server/src/platform/audit';
import type { Ctx } from '../server/src/platform/context';
import { BENCH_SEARCH_WORDS, type BenchSearchWord } from './casework-query';

function ctxFor(db: Db, actor: Actor): Ctx {
  return { db, actor, requestId: 'bench', ip: '127.0.0.1', log: console as never, cipher: undefined as never, config: undefined as never };
}

/**
 * The same search without the index: every visible clue and case whose title or summary contains every
 * word (ILIKE), newest first, with the window count. Exported for the SQL breakdown (bench/sql-breakdown.ts).
 */
export function ilikeStatement(actor: Actor, word: BenchSearchWord) {
  const { ilike } = BENCH_SEARCH_WORDS[word];
  return sql<{ id: string; total: number }>`
    WITH hits AS (
      SELECT c.id, c.received_on AS day FROM clue c
       WHERE (c.title || ' ' || c.summary) ILIKE ALL (${ilike}::text[]) AND ${clueVisible(actor, 'c')}
      UNION ALL
      SELECT k.id, k.filed_on FROM case_file k
       WHERE (k.title || ' ' || k.summary) ILIKE ALL (${ilike}::text[]) AND ${caseVisible(actor, 'k')})
    SELECT id, (count(*) OVER ())::int AS total FROM hits ORDER BY day DESC NULLS LAST, id LIMIT 20`;
}

/** The ILIKE statement with the audit row the real search writes. */
async function ilikeSearch(ctx: Ctx, word: BenchSearchWord): Promise<{ items: unknown[]; total: number }> {
  const { rows } = await ilikeStatement(ctx.actor, word).execute(ctx.db);
  const total = rows[0]?.total ?? 0;
  await ctx.db
    .transaction()
    .execute((trx) => audit(trx, ctx, { type: 'search.performed', objectType: 'casework', payload: { q: BENCH_SEARCH_WORDS[word].q, ilike: true, total } }));
  return { items: rows, total };
}

export function registerCaseworkBare(app: FastifyInstance, db: Db, actorOf: (query: unknown) => Promise<Actor | undefined>) {
  // ClueQuerySchema's defaults: first page of 20, newest first.
  const ledgerQuery = { page: 1, pageSize: 20, sort: '-receivedOn' } as ClueQuery;
  app.get('/bare/clues', async (req, reply) => {
    const actor = await actorOf(req.query);
    if (!actor) return reply.code(404).send({ code: 'NOT_FOUND' });
    return ledgerRows(ctxFor(db, actor), ledgerQuery, 20, 0);
  });
  // /bare/search and /bare/search-ilike: the two-word query; …/rare and …/common: the words of BENCH_SEARCH_WORDS.
  const wordOf = (params: unknown): BenchSearchWord | undefined => {
    const w = (params as { word?: string }).word ?? 'two';
    return Object.hasOwn(BENCH_SEARCH_WORDS, w) ? (w as BenchSearchWord) : undefined;
  };
  const search = async (req: { query: unknown; params: unknown }, reply: { code(n: number): { send(b: unknown): unknown } }) => {
    const actor = await actorOf(req.query);
    const word = wordOf(req.params);
    if (!actor || !word) return reply.code(404).send({ code: 'NOT_FOUND' });
    return searchCasework(ctxFor(db, actor), { q: BENCH_SEARCH_WORDS[word].q, kind: 'all', page: 1, pageSize: 20 });
  };
  const ilike = async (req: { query: unknown; params: unknown }, reply: { code(n: number): { send(b: unknown): unknown } }) => {
    const actor = await actorOf(req.query);
    const word = wordOf(req.params);
    if (!actor || !word) return reply.code(404).send({ code: 'NOT_FOUND' });
    return ilikeSearch(ctxFor(db, actor), word);
  };
  app.get('/bare/search', search);
  app.get('/bare/search/:word', search);
  app.get('/bare/search-ilike', ilike);
  app.get('/bare/search-ilike/:word', ilike);
  app.get('/bare/casework-dashboard', async (req, reply) => {
    const actor = await actorOf(req.query);
    if (!actor) return reply.code(404).send({ code: 'NOT_FOUND' });
    return computeDashboard(ctxFor(db, actor), { year: 2026, orgId: null });
  });
}
