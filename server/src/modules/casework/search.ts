import type { SearchQuery, SearchResult } from '@liandong/domain/casework/contracts';
import { sql } from 'kysely';
import { validation } from '../../platform/errors';
import { audit, textRef } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { searchQuery, tokens } from '../../platform/search';
import { auditSharedReads, caseVisible, clueVisible, sharedRead } from '../visibility';
import { markParts, snippetParts } from './snippet';

interface HitRow {
  kind: 'clue' | 'case';
  id: string;
  no: string | null;
  title: string;
  subject_name: string;
  state: string;
  date: string | null;
  summary: string;
  rank: number;
  total: number;
}

/**
 * GET /casework/search — 全文检索 over the clue book and the cases. The query is segmented with jieba
 * (search mode, so 储备 finds 储备库) and every token must match the stored 'simple' tsvector; clues are
 * limited by clueVisible and cases by caseVisible, exactly as in their ledgers. Ranked by ts_rank, then
 * newest first. The snippet marks the matched tokens, computed here from title and summary (never from
 * the complainant, which is not in the index). Every search is audited with its text.
 * 信息互通: the index holds the content, so only FULL grants open a clue or case to search (a summary grant
 * would let a grantee probe the content word by word); hits under a grant are audited per grant.
 */
export async function searchCasework(ctx: Ctx, q: SearchQuery): Promise<SearchResult> {
  const words = tokens(q.q).slice(0, 16);
  const tsq = searchQuery(q.q);
  if (!tsq || words.length === 0) throw validation([{ path: 'q', message: '检索词中没有可检索的文字或数字' }]);

  const full = await sharedRead(ctx, 'full');
  const branches = [];
  if (q.kind !== 'case') {
    branches.push(sql`SELECT 'clue' AS kind, c.id, c.clue_no AS no, c.title, c.subject_name, c.state,
        to_char(c.received_on, 'YYYY-MM-DD') AS date, c.summary, ts_rank(c.search_tsv, qq.q) AS rank
      FROM clue c, qq WHERE c.search_tsv @@ qq.q AND ${clueVisible(ctx.actor, 'c', { shared: full })}`);
  }
  if (q.kind !== 'clue') {
    branches.push(sql`SELECT 'case' AS kind, k.id, k.case_no AS no, k.title, k.subject_name, k.state,
        to_char(k.filed_on, 'YYYY-MM-DD') AS date, k.summary, ts_rank(k.search_tsv, qq.q) AS rank
      FROM case_file k, qq WHERE k.search_tsv @@ qq.q AND ${caseVisible(ctx.actor, 'k', { shared: full })}`);
  }
  const offset = (q.page - 1) * q.pageSize;
  const { rows } = await sql<HitRow>`
    WITH qq AS MATERIALIZED (SELECT ${tsq} AS q),
    hits AS (${sql.join(branches, sql` UNION ALL `)})
    SELECT hits.*, (count(*) OVER ())::int AS total FROM hits
    ORDER BY rank DESC, date DESC NULLS LAST, id
    LIMIT ${q.pageSize} OFFSET ${offset}`.execute(ctx.db);

  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && offset > 0) {
    // Past the last page: the window count is not available, count separately.
    const counted = await sql<{ n: number }>`
      WITH qq AS MATERIALIZED (SELECT ${tsq} AS q),
      hits AS (${sql.join(branches, sql` UNION ALL `)})
      SELECT count(*)::int AS n FROM hits`.execute(ctx.db);
    total = counted.rows[0]?.n ?? 0;
  }

  await Promise.all([
    ctx.db
      .transaction()
      .execute((trx) =>
        audit(trx, ctx, { type: 'search.performed', objectType: 'casework', payload: { qRef: textRef(q.q), kind: q.kind, page: q.page, total } }),
      ),
    auditSharedReads(
      ctx,
      'CLUE',
      rows.filter((r) => r.kind === 'clue').map((r) => r.id),
      (o) => clueVisible(ctx.actor, o),
      'search',
    ),
    auditSharedReads(
      ctx,
      'CASE',
      rows.filter((r) => r.kind === 'case').map((r) => r.id),
      (o) => caseVisible(ctx.actor, o),
      'search',
    ),
  ]);

  return {
    items: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      no: r.no,
      title: r.title,
      subjectName: r.subject_name,
      state: r.state,
      date: r.date,
      titleParts: markParts(r.title, words),
      snippet: snippetParts(r.summary, words),
      rank: Number(r.rank),
    })),
    total,
    tokens: words,
  };
}
