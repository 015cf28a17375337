import type { ClueList, ClueListItem, ClueQuery, RelatedClues } from '@liandong/domain/clues/contracts';
import type { OverdueKind } from '@liandong/domain/clues/enums';
import type { ClueState } from '@liandong/domain/clues/machine';
import { type RawBuilder, sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import { notFound } from '../../platform/errors';
import type { Ctx } from '../../platform/context';
import { searchQuery } from '../../platform/search';
import { todayIso } from '../../platform/calendar';
import { dueBy, flagsSql, isClueOverdueKind } from './overdue-kinds';
import { INTAKE_ROLES } from './policy';
import { auditSharedReads, clueVisible, clueVisibleArms, type SharedRead, sharedRead } from '../visibility';
import { pageIds, type PagedIds } from '../../platform/ledger-page';
import { hashedVisible, type KeyedPageQuery, keyedPageIds, keyedPageRows, opensLedger, overProbeLimit } from '../../platform/keyed-page';
import { campaignNameSql } from '../campaign-links';
import { SECTOR_DICTIONARY } from '@liandong/domain/problems/dictionaries';
import { dictionaryLabel } from '../dictionaries';
import { CLUE_OPENING_WALK, type OpeningWalk, walkedOpening, walksOpening } from './ledger-walk';
import { campaignName, dictionaryLabelOf, namesEpochSql, orgName, presentNames } from '../../platform/present-names';

/* 线索台账: the ledger with its filters and full-text search, and related-clue suggestions. */

const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

interface LedgerRow {
  id: string;
  clue_no: string | null;
  year: number;
  title: string;
  subject_name: string;
  subject_position: string | null;
  subject_org_id: string | null;
  subject_org_name: string | null;
  source: ClueListItem['source'];
  state: ClueState;
  receiving_org_name: string;
  undertaking_org_id: string | null;
  undertaking_org_name: string | null;
  received_on: string;
  propose_due: string;
  flags: OverdueKind[];
  real_name: boolean;
  campaign_id: string | null;
  campaign_name: string | null;
  typology: string[];
  sector: string | null;
  sector_label: string | null;
  version: number;
}

/** SELECT list of a ledger row over `clue c` (org names joined). */
export function ledgerSelect(today: string): RawBuilder<unknown> {
  return sql`c.id, c.clue_no, c.year, c.title, c.subject_name, c.subject_position, c.subject_org_id, so.name_zh AS subject_org_name,
    c.source, c.state, ro.name_zh AS receiving_org_name, c.undertaking_org_id, uo.name_zh AS undertaking_org_name,
    to_char(c.received_on, 'YYYY-MM-DD') AS received_on, to_char(c.propose_due, 'YYYY-MM-DD') AS propose_due,
    ${flagsSql(today, 'c')} AS flags, c.real_name, c.campaign_id, ${campaignNameSql('c.campaign_id')} AS campaign_name, c.typology,
    c.sector_code AS sector, ${dictionaryLabel(SECTOR_DICTIONARY, 'c.commission_id', 'c.sector_code')} AS sector_label, c.version`;
}
export const LEDGER_JOINS = sql`LEFT JOIN org so ON so.id = c.subject_org_id JOIN org ro ON ro.id = c.receiving_org_id
  LEFT JOIN org uo ON uo.id = c.undertaking_org_id`;

/**
 * The ledger row's columns without its names (org names, campaign name, sector label): ids and codes, and the names
 * epoch they are filled at by `withNames` from the node's kept names (platform/present-names.ts, 0090) — no org,
 * campaign or dictionary read per row (an office's page of 20: 400 → 140 buffers).
 */
function ledgerSelectBare(today: string): RawBuilder<unknown> {
  return sql`c.id, c.clue_no, c.year, c.title, c.subject_name, c.subject_position, c.subject_org_id, c.source, c.state,
    c.receiving_org_id, c.undertaking_org_id, to_char(c.received_on, 'YYYY-MM-DD') AS received_on,
    to_char(c.propose_due, 'YYYY-MM-DD') AS propose_due, ${flagsSql(today, 'c')} AS flags, c.real_name, c.campaign_id, c.typology,
    c.sector_code AS sector, c.commission_id, c.version, ${namesEpochSql} AS names_epoch`;
}
type Named = 'subject_org_name' | 'receiving_org_name' | 'undertaking_org_name' | 'campaign_name' | 'sector_label';
type BareRow = Omit<LedgerRow, Named> & { receiving_org_id: string; commission_id: string; names_epoch: string };

/** `ledgerSelectBare`'s rows with the names `ledgerSelect` joins, from the kept names of the rows' epoch. */
async function withNames(ctx: Ctx, rows: BareRow[]): Promise<LedgerRow[]> {
  const first = rows[0];
  if (!first) return [];
  const names = await presentNames(ctx.db, first.names_epoch);
  return rows.map((r) => ({
    ...r,
    subject_org_name: orgName(names, r.subject_org_id),
    receiving_org_name: orgName(names, r.receiving_org_id) as string,
    undertaking_org_name: orgName(names, r.undertaking_org_id),
    campaign_name: campaignName(names, r.campaign_id),
    sector_label: dictionaryLabelOf(names, r.commission_id, SECTOR_DICTIONARY, r.sector),
  }));
}

export function presentLedgerRow(r: LedgerRow): ClueListItem {
  return {
    id: r.id,
    clueNo: r.clue_no,
    year: r.year,
    title: r.title,
    subjectName: r.subject_name,
    subjectPosition: r.subject_position,
    subjectOrgId: r.subject_org_id,
    subjectOrgName: r.subject_org_name,
    source: r.source,
    state: r.state,
    receivingOrgName: r.receiving_org_name,
    undertakingOrgId: r.undertaking_org_id,
    undertakingOrgName: r.undertaking_org_name,
    receivedOn: r.received_on,
    proposeDue: r.propose_due,
    flags: r.flags,
    realName: r.real_name,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    typology: r.typology,
    sector: r.sector,
    sectorLabel: r.sector ? r.sector_label : null,
    version: r.version,
  };
}

/** ORDER BY of each sort over a clue row aliased `t` (ending with the unique id). */
const SORTS: Record<ClueQuery['sort'], (t: string) => RawBuilder<unknown>> = {
  receivedOn: (t) => sql`${sql.ref(`${t}.received_on`)} ASC, ${sql.ref(`${t}.id`)} ASC`,
  '-receivedOn': (t) => sql`${sql.ref(`${t}.received_on`)} DESC, ${sql.ref(`${t}.id`)} DESC`,
  proposeDue: (t) => sql`${sql.ref(`${t}.propose_due`)} ASC, ${sql.ref(`${t}.id`)} ASC`,
  '-proposeDue': (t) => sql`${sql.ref(`${t}.propose_due`)} DESC, ${sql.ref(`${t}.id`)} DESC`,
  clueNo: (t) => sql`${sql.ref(`${t}.year`)} ASC, ${sql.ref(`${t}.seq`)} ASC NULLS LAST, ${sql.ref(`${t}.id`)} ASC`,
  '-clueNo': (t) => sql`${sql.ref(`${t}.year`)} DESC, ${sql.ref(`${t}.seq`)} DESC NULLS LAST, ${sql.ref(`${t}.id`)} DESC`,
};
/**
 * The columns each sort reads (`id` is added): a keyed probe reads only these and the scope's columns, so that an index
 * on (commission_id, org column, received_on DESC, id DESC) INCLUDE (classification) (migration 0068) answers the
 * default sort's probe as an index-only top-N.
 */
const SORT_COLUMNS: Record<ClueQuery['sort'], readonly string[]> = {
  receivedOn: ['received_on'],
  '-receivedOn': ['received_on'],
  proposeDue: ['propose_due'],
  '-proposeDue': ['propose_due'],
  clueNo: ['year', 'seq'],
  '-clueNo': ['year', 'seq'],
};

/** The ledger's filters over `clue c` (apart from visibility). */
function ledgerFilters(q: ClueQuery, today: string): RawBuilder<boolean>[] {
  const where: RawBuilder<boolean>[] = [];
  if (q.q) {
    const tsq = searchQuery(q.q);
    if (tsq) where.push(sql<boolean>`c.search_tsv @@ ${tsq}`);
  }
  const states = arr(q.state);
  if (states.length) where.push(sql<boolean>`c.state = ANY(${states}::text[])`);
  const sources = arr(q.source);
  if (sources.length) where.push(sql<boolean>`c.source = ANY(${sources}::text[])`);
  if (q.undertakingOrgId) where.push(sql<boolean>`c.undertaking_org_id = ${q.undertakingOrgId}::uuid`);
  if (q.overdue) where.push(isClueOverdueKind(q.overdue) ? dueBy(q.overdue, today, 'c') : sql<boolean>`false`);
  if (q.year) where.push(sql<boolean>`c.year = ${q.year}`);
  if (q.receivedFrom) where.push(sql<boolean>`c.received_on >= ${q.receivedFrom}::date`);
  if (q.receivedTo) where.push(sql<boolean>`c.received_on <= ${q.receivedTo}::date`);
  if (q.campaignId) where.push(sql<boolean>`c.campaign_id = ${q.campaignId}::uuid`);
  if (q.sector) where.push(sql<boolean>`c.sector_code = ${q.sector}`);
  const typology = arr(q.typology);
  if (typology.length) where.push(sql<boolean>`c.typology && ${typology}::text[]`);
  return where;
}

/**
 * The keyed form of a ledger page (issue 12, platform/keyed-page.ts): per org of the actor's scope an index-only top-N
 * on clue_org_receiving / clue_org_undertaking / clue_org_subject (0068), the other arms (teams, 专班, named grants) as
 * small exact sets, merged — O(orgs × page), not O(visible rows). The ledger as it opens (no filters, first page of a
 * screen's size) is sent named: planned once per connection.
 */
export function keyedLedger(ctx: Ctx, q: ClueQuery, limit: number, offset: number, shared: SharedRead, exact: boolean | undefined): KeyedPageQuery {
  const filters = ledgerFilters(q, todayIso());
  const arms = clueVisibleArms(ctx.actor, 'c', { shared });
  // Above the probe limit (an office's or a 分管领导's hundreds of orgs) the page walks the sort order with `where`: its
  // org lists then go in hashed (`hashedVisible`, the same rows), so that the planner neither estimates hundreds of org
  // ids one by one on every call nor — the named statement's generic plan — gathers every visible row through the org
  // indexes to sort them; the named 信息互通 ids hashed too (`hashedIds`: a county's ~560 were searched linearly per row).
  // In the default order the walk is index-only over clue_ledger_walk (0083). The exact count reads `where` too and keeps
  // the indexable form.
  const walks = !exact && overProbeLimit(arms);
  const visible = walks ? hashedVisible(clueVisibleArms(ctx.actor, 'c', { shared, hashedIds: true }), 'c') : clueVisible(ctx.actor, 'c', { shared });
  const opens = offset === 0 && opensLedger(filters, 1, limit);
  return {
    table: 'clue',
    alias: 'c',
    arms,
    filters,
    orderBy: SORTS[q.sort],
    sortColumns: SORT_COLUMNS[q.sort],
    where: sql<boolean>`${sql.join([sql<boolean>`c.commission_id = ${ctx.actor.commissionId}::uuid`, visible, ...filters], sql` AND `)}`,
    limit,
    offset,
    exact,
    opaqueKeys: true,
    prepared: opens,
    // The count's stop in the named statement's text (its generic plan costed for the cap)…
    literalStop: opens,
    // …and its org lists estimated at a scope's size (0076), so that the generic plan is costed as a custom one and kept.
    estimatedKeys: opens,
  };
}

/**
 * The ids of a ledger page in sort order and the total (issue 12). A page of the list is keyed (`keyedLedger`); a text
 * search (the GIN index narrows first) and the export (every row) read through the one predicate. The total is
 * counted up to TOTAL_CAP unless `exact`.
 */
export async function ledgerPage(
  ctx: Ctx,
  q: ClueQuery,
  limit: number,
  offset: number,
  opts: { exact?: boolean; keyed?: boolean; shared?: SharedRead } = {},
): Promise<PagedIds> {
  const today = todayIso();
  // The ledger shows clues open to the caller's org under a 信息互通 grant too; those rows are audited per grant.
  // A text search runs over the content, so it reaches shared clues through FULL grants only.
  const shared = opts.shared ?? (await sharedRead(ctx, q.q ? 'full' : 'any'));
  if (q.q || opts.keyed === false) {
    const where = sql.join(
      [sql<boolean>`c.commission_id = ${ctx.actor.commissionId}::uuid`, clueVisible(ctx.actor, 'c', { shared }), ...ledgerFilters(q, today)],
      sql` AND `,
    );
    return pageIds(ctx.db, { from: sql`clue c`, where, id: sql`c.id`, orderBy: SORTS[q.sort]('c'), limit, offset, exact: opts.exact });
  }
  return keyedPageIds(ctx.db, keyedLedger(ctx, q, limit, offset, shared, opts.exact));
}

/**
 * The ledger's rows: a page, or (`export`) up to `limit` rows with the exact total. A keyed page (the list without a
 * text search) is chosen and presented in one statement (`keyedPageRows`); otherwise the ids first, then only those
 * rows joined and presented.
 */
export async function ledgerRows(
  ctx: Ctx,
  q: ClueQuery,
  limit: number,
  offset: number,
  via: 'list' | 'export' = 'list',
  opts: { exact?: boolean; shared?: SharedRead; walk?: OpeningWalk; joinedNames?: boolean } = {},
): Promise<{ items: ClueListItem[]; total: number; totalCapped: boolean }> {
  const today = todayIso();
  const exact = via === 'export' || opts.exact === true || q.exactTotal === true;
  let rows: LedgerRow[];
  let total: number;
  let totalCapped: boolean;
  if (via === 'list' && !q.q) {
    const shared = opts.shared ?? (await sharedRead(ctx, 'any'));
    const kq = keyedLedger(ctx, q, limit, offset, shared, exact);
    // The page's names from the node's kept names (`withNames`), or (`joinedNames`) joined per row as before.
    const present = opts.joinedNames
      ? sql`SELECT ${ledgerSelect(today)} FROM ledger_page lp JOIN clue c ON c.id = lp.id ${LEDGER_JOINS} ORDER BY lp.ord`
      : sql`SELECT ${ledgerSelectBare(today)} FROM ledger_page lp JOIN clue c ON c.id = lp.id ORDER BY lp.ord`;
    // The ledger as it opens for a scope of a few hundred probes (a county): the bounded walk (ledger-walk.ts), else keyed.
    const walk = opts.walk ?? CLUE_OPENING_WALK;
    const walked = walksOpening(q, kq, walk) ? await walkedOpening<LedgerRow & BareRow>(ctx, kq, shared, present, walk) : null;
    const page = walked ?? (await keyedPageRows<LedgerRow & BareRow>(ctx.db, { ...kq, present }));
    ({ total, totalCapped } = page);
    rows = opts.joinedNames ? page.rows : await withNames(ctx, page.rows);
    // Rows shown under a 信息互通 grant are audited; without a CLUE grant in the read's grants none was (no statement).
    if (rows.length && shared.grants.byType.CLUE)
      await auditSharedReads(
        ctx,
        'CLUE',
        rows.map((r) => r.id),
        (o) => clueVisible(ctx.actor, o),
        via,
      );
  } else {
    const page = await ledgerPage(ctx, q, limit, offset, { exact, keyed: false, shared: opts.shared });
    ({ total, totalCapped } = page);
    if (page.ids.length === 0) return { items: [], total, totalCapped };
    // Only the page's rows are joined, flagged and presented.
    [{ rows }] = await Promise.all([
      sql<LedgerRow>`SELECT ${ledgerSelect(today)}
      FROM clue c ${LEDGER_JOINS}
      WHERE c.id = ANY(${page.ids}::uuid[])
      ORDER BY ${SORTS[q.sort]('c')}`.execute(ctx.db),
      auditSharedReads(ctx, 'CLUE', page.ids, (o) => clueVisible(ctx.actor, o), via),
    ]);
  }
  return { items: rows.map(presentLedgerRow), total, totalCapped };
}

/** GET /clues */
export async function listClues(ctx: Ctx, q: ClueQuery): Promise<ClueList> {
  const { items, total, totalCapped } = await ledgerRows(ctx, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items, total, totalCapped, abilities: { create: hasAnyRole(ctx.actor, INTAKE_ROLES), export: true } };
}

/**
 * GET /clues/:id/related — same subject person or name, same subject unit, similar text (ts_rank of the
 * clue's own tokens against the others); only clues the actor sees, strongest first.
 */
export async function relatedClues(ctx: Ctx, id: string): Promise<RelatedClues> {
  const self = await ctx.db
    .selectFrom('clue as c')
    .select(['c.subject_person_id', 'c.subject_name', 'c.subject_org_id'])
    .where('c.id', '=', id)
    .where('c.commission_id', '=', ctx.actor.commissionId)
    .where(clueVisible(ctx.actor, 'c'))
    .executeTakeFirst();
  if (!self) throw notFound('问题线索');
  const { rows } = await sql<{
    id: string;
    clue_no: string | null;
    title: string;
    subject_name: string;
    state: ClueState;
    received_on: string;
    subject_org_name: string | null;
    same_person: boolean;
    same_name: boolean;
    same_org: boolean;
    rank: number;
  }>`WITH me AS (SELECT search_tsv FROM clue WHERE id = ${id}::uuid),
    q AS (SELECT CASE WHEN me.search_tsv IS NULL OR me.search_tsv = ''::tsvector THEN NULL
      ELSE (SELECT string_agg(quote_literal(w), ' | ')::tsquery FROM unnest(tsvector_to_array(me.search_tsv)) w) END AS tsq FROM me)
    SELECT c.id, c.clue_no, c.title, c.subject_name, c.state, to_char(c.received_on, 'YYYY-MM-DD') AS received_on, so.name_zh AS subject_org_name,
      (${self.subject_person_id}::uuid IS NOT NULL AND c.subject_person_id = ${self.subject_person_id}::uuid) AS same_person,
      (c.subject_name = ${self.subject_name}) AS same_name,
      (${self.subject_org_id}::uuid IS NOT NULL AND c.subject_org_id = ${self.subject_org_id}::uuid) AS same_org,
      COALESCE(ts_rank(c.search_tsv, q.tsq), 0)::float8 AS rank
    FROM clue c CROSS JOIN q LEFT JOIN org so ON so.id = c.subject_org_id
    WHERE c.commission_id = ${ctx.actor.commissionId}::uuid AND c.id <> ${id}::uuid AND ${clueVisible(ctx.actor, 'c')}
      AND ((${self.subject_person_id}::uuid IS NOT NULL AND c.subject_person_id = ${self.subject_person_id}::uuid)
        OR c.subject_name = ${self.subject_name}
        OR (${self.subject_org_id}::uuid IS NOT NULL AND c.subject_org_id = ${self.subject_org_id}::uuid)
        OR (q.tsq IS NOT NULL AND c.search_tsv @@ q.tsq AND ts_rank(c.search_tsv, q.tsq) >= 0.05))
    ORDER BY (CASE WHEN c.subject_person_id = ${self.subject_person_id}::uuid THEN 4 ELSE 0 END
      + CASE WHEN c.subject_name = ${self.subject_name} THEN 2 ELSE 0 END
      + CASE WHEN c.subject_org_id = ${self.subject_org_id}::uuid THEN 1 ELSE 0 END + COALESCE(ts_rank(c.search_tsv, q.tsq), 0)) DESC, c.id
    LIMIT 20`.execute(ctx.db);
  return {
    items: rows.map((r) => {
      const reasons: RelatedClues['items'][number]['reasons'] = [];
      if (r.same_person) reasons.push('SAME_PERSON');
      if (r.same_name) reasons.push('SAME_NAME');
      if (r.same_org) reasons.push('SAME_ORG');
      if (r.rank >= 0.05) reasons.push('SIMILAR_TEXT');
      const score = (r.same_person ? 4 : 0) + (r.same_name ? 2 : 0) + (r.same_org ? 1 : 0) + r.rank;
      return {
        id: r.id,
        clueNo: r.clue_no,
        title: r.title,
        subjectName: r.subject_name,
        state: r.state,
        receivedOn: r.received_on,
        subjectOrgName: r.subject_org_name,
        reasons,
        score: Math.round(score * 1000) / 1000,
      };
    }),
  };
}
