import { SEARCH_CANDIDATE_CAP, type SearchQuery, type SearchResult } from '@liandong/domain/casework/contracts';
import { type RawBuilder, sql } from 'kysely';
import { validation } from '../../platform/errors';
import { audit, textRef } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { tokens, tsqueryOf } from '../../platform/search';
import { type Actor, hasAnyRole } from '../../platform/access';
import type { Role } from '@liandong/domain/access/enums';
import { CASE_BOOK_ROLES, CLUE_BOOK_ROLES } from '@liandong/domain/access/role-sets';
import { auditSharedReads, caseVisible, caseVisibleArms, clueVisible, clueVisibleArms, type SharedRead, sharedRead } from '../visibility';
import { type Db, prepared, underGenericPlan } from '../../db/pool';
import { KEYED_WALK_MAX_PARTS, keyedWalkSql } from '../../platform/keyed-walk';
import { hashedVisible } from '../../platform/keyed-page';
import { hitShare, regimeOf } from './search-estimate';
import { orgPresence, type PresenceTable } from './search-presence';
import { markParts, snippetParts } from './snippet';

interface HitRow {
  kind: 'clue' | 'case' | null;
  id: string | null;
  no: string | null;
  title: string;
  subject_name: string;
  state: string;
  date: string | null;
  summary: string;
  rank: number;
  /** Visible hits counted, at most 2 × (cap + 1): enough to tell "exactly n" from "more than the cap". */
  counted: number;
}

/**
 * From how many orgs in scope a scoped reader's search walks the book in date order instead of reading all its
 * rows. The walk reads about cap / (visible share) rows, the scope's bitmaps every visible row, so the walk wins
 * once a reader sees more than about √(cap × book) rows. Measured on the bench data (100,000 clues): a group
 * (25 orgs, ≈ 3,000 clues) is faster from its bitmaps, a county (44 orgs, ≈ 12,000) and a 分管 leader (133 orgs,
 * ≈ 52,000) from the walk.
 */
export const SEARCH_WALK_MIN_ORGS = 40;

/**
 * How a kind's candidates are found, by how common the words are (search-estimate.ts, from the column statistics):
 * - 'rare': from the GIN index's hits (or, for a narrow scope, its bitmaps ANDed with them), each tested for
 *   visibility, sorted — never a walk of the book in date order looking for a few hits;
 * - 'common': the match is tested row by row on the date-ordered walk of the book (a reader of the whole book or of a
 *   large scope: stops after the cap + 1 hits) or on the scope's own rows (a narrow scope) — never the GIN index,
 *   whose hits would be most of the book;
 * - 'dense': a word in most rows (DENSE_MIN_SHARE): as 'common', but a scoped reader of at most `keyedParts` (column,
 *   org) pairs walks its own orgs' indexes in date order, merged (platform/keyed-walk.ts keyedWalkSql, the indexes of
 *   the ledgers: clue_org_receiving / _undertaking / _subject, case_file_search_lead), the match tested on the rows
 *   walked: about cap + parts rows read, however many rows the scope sees (its bitmaps read them all);
 * - 'planner': in between, the planner decides from the words (the tsquery is a parameter it sees).
 * 'common' and 'dense' statements, and 'rare' ones of a narrow scope, are named (db/pool.ts `prepared`): their plan does
 * not depend on the words, so each connection plans them once instead of for every search (a few ms of the request;
 * a keyed walk's and a narrow rare word's run under the generic plan, searchStatement); a wide or large scope's rare
 * word is planned every time, as 'planner'. Their text holds no list: the
 * words, org sets, grants and page are parameters, so the texts are bounded by the kinds of reader (book, scoped, one
 * org or several, with or without grants, trial staff), the kind searched and the regimes.
 */
export type SearchRegime = 'rare' | 'common' | 'dense' | 'planner';

export interface SearchPlan {
  clue: SearchRegime;
  case: SearchRegime;
  /** From how many orgs in scope a scoped reader walks the book in date order (SEARCH_WALK_MIN_ORGS). */
  walkMinOrgs: number;
  /** At most how many (column, org) parts a 'dense' kind's keyed walk has (KEYED_WALK_MAX_PARTS); above, read as 'common'. */
  keyedParts: number;
  /** A walk of the book tests the scope with its org lists hashed (hashedVisible; the tests and the bench draw both). */
  hashedWalk: boolean;
  /** A keyed walk's parts overlap, each row kept once after the merge (keyedWalkSql `distinctOn`), or are disjoint. */
  overlapWalk: boolean;
  /** How many candidates are ranked (SEARCH_CANDIDATE_CAP; the tests lower it so that the cap binds on small data). */
  cap: number;
  /**
   * A keyed walk's orgs with rows by table and column (search-presence.ts orgPresence): a part for each of those, one
   * for the others together. Absent: a part for every org. The rows are the same either way.
   */
  present?: Partial<Record<PresenceTable, ReadonlyMap<string, ReadonlySet<string>>>>;
}

const PLANNER: SearchPlan = {
  clue: 'planner',
  case: 'planner',
  walkMinOrgs: SEARCH_WALK_MIN_ORGS,
  keyedParts: KEYED_WALK_MAX_PARTS,
  hashedWalk: true,
  overlapWalk: true,
  cap: SEARCH_CANDIDATE_CAP,
};

/** One kind of row a search reads (clue, case): its table, date column, readers of its whole book and visibility. */
interface SearchKind {
  kind: 'clue' | 'case';
  /** Its 信息互通 grants' object type. */
  grantType: 'CLUE' | 'CASE';
  table: 'clue' | 'case_file';
  alias: string;
  /** The candidates' date: a clue's received_on; a case's filed_on, unfiled cases last (NULLS LAST). */
  day: 'received_on' | 'filed_on';
  nullsLast: boolean;
  bookRoles: readonly Role[];
  visible: typeof clueVisible;
  arms: typeof clueVisibleArms;
}

const SEARCH_KINDS: readonly SearchKind[] = [
  {
    kind: 'clue',
    grantType: 'CLUE',
    table: 'clue',
    alias: 'c',
    day: 'received_on',
    nullsLast: false,
    bookRoles: CLUE_BOOK_ROLES,
    visible: clueVisible,
    arms: clueVisibleArms,
  },
  {
    kind: 'case',
    grantType: 'CASE',
    table: 'case_file',
    alias: 'k',
    day: 'filed_on',
    nullsLast: true,
    bookRoles: CASE_BOOK_ROLES,
    visible: caseVisible,
    arms: caseVisibleArms,
  },
];

/** The candidates' order of a kind: date descending (a case's unfiled last), then id. */
const dayOrder = (k: SearchKind, day: RawBuilder<unknown>, id: RawBuilder<unknown>) => sql`${day} DESC${k.nullsLast ? sql` NULLS LAST` : sql``}, ${id}`;

/**
 * A dense word, a scoped reader: the kind's candidates by the keyed walk of the reader's own orgs (null for any other
 * regime or reader, and above `keyedParts` parts: read as 'common'). The match is `@@` called as its function
 * (ts_match_vq), whose selectivity the planner takes as a constant third rather than from the words — so a custom plan
 * costs as the generic one, and each connection keeps the generic plan of the keyed walk instead of planning its
 * hundred parts for every search.
 */
function keyedWalkOf(k: SearchKind, actor: Actor, tsq: RawBuilder<unknown>, full: SharedRead, p: SearchPlan) {
  if (p[k.kind] !== 'dense' || hasAnyRole(actor, k.bookRoles)) return null;
  const t = k.alias;
  const at = (a: string, c: string) => sql.ref(`${a}.${c}`);
  return keyedWalkSql(
    {
      table: k.table,
      alias: t,
      arms: k.arms(actor, t, { shared: full }),
      // The whole scope (clearance, recusal) in every part, not once above the merge: a part stops at `limit` rows, so a
      // test after it would leave out rows that a part's first `limit` hid (caught by the property test's small caps).
      filters: [sql<boolean>`coalesce(ts_match_vq(${at(t, 'search_tsv')}, ${tsq}), false)`],
      columns: [at(t, 'id'), sql`${at(t, k.day)} AS day`, sql`${at(t, 'search_tsv')} AS tsv`],
      // In the candidates' order, ties by id ascending (a clue's org indexes hold id DESC: an incremental sort per day).
      partOrder: (a) => dayOrder(k, at(a, a === 'kr' ? 'day' : k.day), at(a, 'id')),
      orderBy: (w) => dayOrder(k, at(w, 'day'), at(w, 'id')),
      limit: p.cap + 1,
      present: p.present && ((column) => p.present?.[k.table]?.get(column)),
      distinctOn: p.overlapWalk ? (w) => sql`${at(w, 'day')}, ${at(w, 'id')}` : undefined,
    },
    p.keyedParts,
  );
}

/**
 * The plan for these words, per kind, from the estimated share of rows holding them all; with `actor`, for a kind its
 * keyed walk reads (dense, scoped), the orgs with rows (orgPresence, kept per node).
 */
export async function searchPlan(db: Db, words: readonly string[], actor?: Actor): Promise<SearchPlan> {
  const [clue, kase] = await Promise.all([hitShare(db, 'clue', words), hitShare(db, 'case_file', words)]);
  const plan: SearchPlan = {
    ...PLANNER,
    clue: regimeOf(clue.share, clue.rows, SEARCH_CANDIDATE_CAP),
    case: regimeOf(kase.share, kase.rows, SEARCH_CANDIDATE_CAP),
  };
  const walked = actor ? SEARCH_KINDS.filter((k) => plan[k.kind] === 'dense' && !hasAnyRole(actor, k.bookRoles)) : [];
  if (!actor || !walked.length) return plan;
  const present = await Promise.all(walked.map((k) => orgPresence(db, actor.commissionId, k.table)));
  return { ...plan, present: Object.fromEntries(walked.map((k, i) => [k.table, present[i]])) };
}

/**
 * The one statement of a search (page, ranks and the capped count) for the actor and the query's tokens, with the
 * grants it honours; null when there is no token. Exported for the benchmark's SQL breakdown; `plan` for the tests
 * that every plan answers the same.
 */
export function searchStatement(
  actor: Actor,
  words: readonly string[],
  q: Pick<SearchQuery, 'kind' | 'page' | 'pageSize'>,
  full: SharedRead,
  plan: Partial<SearchPlan> = {},
) {
  const tsq = tsqueryOf(words);
  if (!tsq) return null;
  const p = { ...PLANNER, ...plan };
  const cap = p.cap;
  // A reader of the whole book, or of a large scope, walks the date-ordered index (clue_ledger, case_file_search_order
  // of 0067) and stops after cap + 1 hits; a narrow scope starts from its own indexes (bitmaps of its orgs' rows, ANDed
  // with the GIN index for rare words) — `+ 0` keeps the planner from walking the whole book in date order to find the
  // few rows of one group; a rare word never walks (`+ 0`); a common one never reads the GIN index (the match wrapped).
  const large = !actor.scope.wide && actor.scope.orgIds.length >= p.walkMinOrgs;
  const kinds = SEARCH_KINDS.filter((k) => q.kind === 'all' || q.kind === k.kind);
  // The statement runs under its generic plan (runSearchStatement) when every kind is a keyed walk or, for a narrow
  // scope, 'rare' (the GIN index's hits and the scope's bitmaps, whatever the words): that plan suits those, but not a
  // branch walking the book or reading its scope (measured: an office's clue branch, 786 orgs, walking the book — 20 →
  // 120 ms), nor a large scope's rare word (an office's or a 分管 leader's: 60 → 240 ms at full scale), so a keyed walk
  // only beside those.
  const narrow = !actor.scope.wide && !large;
  const alone = kinds.map((k) => keyedWalkOf(k, actor, tsq, full, p));
  const generic = kinds.every((k, i) => alone[i] !== null || (narrow && p[k.kind] === 'rare'));
  const branches = kinds.map((k, i) => {
    const walk = generic ? alone[i] : null;
    if (walk) return sql`(SELECT ${sql.lit(k.kind)}::text AS kind, w.id, w.day, w.tsv FROM (${walk}) w)`;
    const t = k.alias;
    const regime = p[k.kind];
    const match =
      regime === 'common' || regime === 'dense'
        ? sql<boolean>`coalesce(${sql.ref(`${t}.search_tsv`)} @@ ${tsq}, false)`
        : sql<boolean>`${sql.ref(`${t}.search_tsv`)} @@ ${tsq}`;
    const walks = regime !== 'rare' && (large || hasAnyRole(actor, k.bookRoles));
    const day = walks ? sql.ref(`${t}.${k.day}`) : sql`(${sql.ref(`${t}.${k.day}`)} + 0)`;
    // A walk tests every row it reads against the scope: its org lists hashed once (hashedVisible, the same rows) — an
    // office's 786 orgs searched linearly in three lists per row cost 70 of its 77 ms at full scale.
    const visible = walks && p.hashedWalk ? hashedVisible(k.arms(actor, t, { shared: full }), t) : k.visible(actor, t, { shared: full });
    return sql`(SELECT ${sql.lit(k.kind)}::text AS kind, ${sql.ref(`${t}.id`)}, ${sql.ref(`${t}.${k.day}`)} AS day, ${sql.ref(`${t}.search_tsv`)} AS tsv
      FROM ${sql.table(k.table)} ${sql.raw(t)} WHERE ${match} AND ${visible}
      ORDER BY ${dayOrder(k, day, sql.ref(`${t}.id`))} LIMIT ${sql.lit(cap + 1)})`;
  });
  const offset = (q.page - 1) * q.pageSize;
  const statement = sql<HitRow>`
    WITH cand AS MATERIALIZED (${sql.join(branches, sql` UNION ALL `)}),
    top AS (SELECT kind, id, day, ts_rank(tsv, ${tsq}) AS rank FROM cand ORDER BY day DESC NULLS LAST, kind, id LIMIT ${sql.lit(cap)}),
    page AS (SELECT * FROM top ORDER BY rank DESC, day DESC NULLS LAST, kind, id LIMIT ${q.pageSize} OFFSET ${offset})
    SELECT p.kind, p.id, coalesce(c.clue_no, k.case_no) AS no, coalesce(c.title, k.title) AS title,
           coalesce(c.subject_name, k.subject_name) AS subject_name, coalesce(c.state, k.state) AS state,
           to_char(p.day, 'YYYY-MM-DD') AS date, coalesce(c.summary, k.summary) AS summary, p.rank, n.counted
      FROM (SELECT count(*)::int AS counted FROM cand) n
      LEFT JOIN page p ON true
      LEFT JOIN clue c ON p.kind = 'clue' AND c.id = p.id
      LEFT JOIN case_file k ON p.kind = 'case' AND k.id = p.id
     ORDER BY p.rank DESC, p.day DESC NULLS LAST, p.kind, p.id`;
  // Planned for every search: the planner's regime, and a rare word of a wide or large scope (named, PostgreSQL soon
  // takes its generic plan, which reads an office's or a leader's hits 10 × slower than a plan that knows the words).
  if (!generic && kinds.some((k) => p[k.kind] === 'planner' || p[k.kind] === 'rare')) return Object.assign(statement, { genericPlan: false });
  // A keyed walk's statement has a hundred parts (30 ms of planning at full scale), a rare word's a few ms: the generic
  // plan, kept per connection, serves every reader of its shape (runSearchStatement) — left to choose, PostgreSQL keeps
  // planning a rare word's statement afresh, its custom plan (which knows the words) always looking a little cheaper.
  return Object.assign(prepared(statement), { genericPlan: generic });
}

/**
 * Runs a search statement; one marked `genericPlan` under `plan_cache_mode = force_generic_plan` (db/pool.ts
 * `underGenericPlan`: SET LOCAL sent with its BEGIN as one message; inside a caller's transaction it runs as it is, never
 * ending it): PostgreSQL's choice between a custom and the generic plan would plan the keyed walk afresh for every search
 * (a custom plan knows the org list and the words, so it always looks a little cheaper). The same rows either way.
 */
export async function runSearchStatement(db: Db, statement: ReturnType<typeof searchStatement> & object): Promise<HitRow[]> {
  if (!statement.genericPlan) return (await statement.execute(db)).rows;
  return underGenericPlan(db, async (conn) => (await statement.execute(conn)).rows);
}

/**
 * GET /casework/search — 全文检索 over the clue book and the cases. The query is segmented with jieba
 * (search mode, so 储备 finds 储备库) and every token must match the stored 'simple' tsvector; clues are
 * limited by clueVisible and cases by caseVisible, exactly as in their ledgers. The snippet marks the matched
 * tokens, computed here from title and summary (never from the complainant, which is not in the index). Every
 * search is audited with a keyed reference to its text.
 * 信息互通: the index holds the content, so only FULL grants open a clue or case to search (a summary grant
 * would let a grantee probe the content word by word); hits under a grant are audited per grant.
 *
 * Ordering rules (issue 12: a common word must not rank every visible hit):
 * 1. Candidates: the SEARCH_CANDIDATE_CAP most recent visible hits — clues by received_on, cases by filed_on
 *    (unfiled last), ties by kind and id. Each kind is one `ORDER BY date DESC, id LIMIT cap + 1` under the
 *    visibility predicate (searchStatement), found by the plan for the words (searchPlan, from the column
 *    statistics): a rare word from the GIN index's hits tested for visibility; a common one by the date-ordered
 *    walk (a reader of the whole book or of a large scope stops after cap + 1 hits; a narrow scope reads its own
 *    rows), the match tested row by row; in between as the planner likes. Every plan gives the same candidates
 *    (search-candidates.test.ts, search-property.test.ts): the plan changes the cost, never the order.
 * 2. The candidates are ordered by ts_rank descending, then date descending (nulls last), kind, id — a total
 *    order, so pages never overlap; pages past the candidates are empty.
 * 3. total is the exact number of visible hits up to the cap; above it total = cap and totalCapped is true
 *    ("1,000+": narrow the query). One statement answers the page and the count.
 */
export async function searchCasework(ctx: Ctx, q: SearchQuery): Promise<SearchResult> {
  const words = tokens(q.q).slice(0, 16);
  const [full, plan] = await Promise.all([sharedRead(ctx, 'full'), words.length ? searchPlan(ctx.db, words, ctx.actor) : PLANNER]);
  const statement = searchStatement(ctx.actor, words, q, full, plan);
  if (!statement) throw validation([{ path: 'q', message: '检索词中没有可检索的文字或数字' }]);
  const cap = plan.cap;
  const rows = await runSearchStatement(ctx.db, statement);

  const counted = rows[0]?.counted ?? 0;
  const total = Math.min(counted, cap);
  const totalCapped = counted > cap;
  const hits = rows.filter((r): r is HitRow & { kind: 'clue' | 'case'; id: string } => r.id !== null && r.kind !== null);

  await Promise.all([
    ctx.db
      .transaction()
      .execute((trx) =>
        audit(trx, ctx, { type: 'search.performed', objectType: 'casework', payload: { qRef: textRef(q.q), kind: q.kind, page: q.page, total, totalCapped } }),
      ),
    // Only the grants the statement honoured can have opened a hit: without any of a kind, no lookup.
    ...SEARCH_KINDS.map(
      (k) =>
        full.grants.byType[k.grantType] &&
        auditSharedReads(
          ctx,
          k.grantType,
          hits.filter((r) => r.kind === k.kind).map((r) => r.id),
          (o) => k.visible(ctx.actor, o),
          'search',
        ),
    ),
  ]);

  return {
    items: hits.map((r) => ({
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
    totalCapped,
    tokens: words,
  };
}
