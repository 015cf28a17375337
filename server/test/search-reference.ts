import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../src/db/pool';
import type { Actor } from '../src/platform/access';
import { searchQuery } from '../src/platform/search';
import { caseVisible, clueVisible, type SharedRead } from '../src/modules/visibility';

/*
 * Shared by the search tests (issue 12: casework/search-candidates, casework/search-property): the original 全文检索
 * before the candidate cap — every visible hit of clueVisible / caseVisible under the given grants, ranked.
 */

/** Every visible hit of the words, ranked by ts_rank, then newest first; ties by kind and id — the documented order. */
export async function searchReference(
  db: Db,
  actor: Actor,
  full: SharedRead,
  q: string,
  kind: string,
): Promise<{ kind: string; id: string; day: string | null; rank: number }[]> {
  const tsq = searchQuery(q)!;
  const branches: RawBuilder<unknown>[] = [];
  if (kind !== 'case')
    branches.push(sql`SELECT 'clue' AS kind, c.id, c.received_on AS day, ts_rank(c.search_tsv, qq.q) AS rank
      FROM clue c, qq WHERE c.search_tsv @@ qq.q AND ${clueVisible(actor, 'c', { shared: full })}`);
  if (kind !== 'clue')
    branches.push(sql`SELECT 'case' AS kind, k.id, k.filed_on AS day, ts_rank(k.search_tsv, qq.q) AS rank
      FROM case_file k, qq WHERE k.search_tsv @@ qq.q AND ${caseVisible(actor, 'k', { shared: full })}`);
  const { rows } = await sql<{ kind: string; id: string; day: string | null; rank: number }>`
    WITH qq AS MATERIALIZED (SELECT ${tsq} AS q), hits AS (${sql.join(branches, sql` UNION ALL `)})
    SELECT kind, id, to_char(day, 'YYYY-MM-DD') AS day, rank FROM hits ORDER BY rank DESC, hits.day DESC NULLS LAST, kind, id`.execute(db);
  return rows;
}
