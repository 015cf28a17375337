import type { LetterList, LetterListItem, LetterListQuery, LetterReplyStatus } from '@liandong/domain/reform/contracts-letters';
import type { LetterOrigin, LetterType } from '@liandong/domain/reform/enums';
import type { LetterState } from '@liandong/domain/reform/machine';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { hashedVisible, keyedPageRows, opensLedger } from '../../platform/keyed-page';
import { campaignName, namesEpochSql, orgName, presentNames } from '../../platform/present-names';
import { type LetterVisibleOptions, letterLedgerWalks, letterVisible, letterVisibleParts } from '../visibility';

/*
 * 建议书台账 of the issuing office: the letters the caller can see (letterVisible — the unit liaison only
 * their unit's issued letters), with the reply status (回复期限, 是否回复, 逾期), filters and pagination.
 * The Excel export reads through the same query.
 */

/** Past the reply deadline without a written reply (withdrawn letters excluded). */
export const REPLY_OVERDUE_SQL = sql<boolean>`(r.reply_due IS NOT NULL AND r.replied_on IS NULL AND r.reply_due < current_date
  AND r.state <> 'WITHDRAWN')`;

type Dir = 'ASC' | 'DESC' | 'ASC NULLS LAST' | 'DESC NULLS LAST';
type Key = readonly [column: string, dir: Dir];
/** The ledger's sorts (columns of the letter), each ending with the id (indexes (org, created_at DESC, id DESC) answer the default per org). */
const SORT: Record<LetterListQuery['sort'], readonly Key[]> = {
  createdAt: [
    ['created_at', 'ASC'],
    ['id', 'ASC'],
  ],
  '-createdAt': [
    ['created_at', 'DESC'],
    ['id', 'DESC'],
  ],
  issuedOn: [
    ['issued_on', 'ASC NULLS LAST'],
    ['doc_seq', 'ASC'],
    ['id', 'ASC'],
  ],
  '-issuedOn': [
    ['issued_on', 'DESC NULLS LAST'],
    ['doc_seq', 'DESC'],
    ['id', 'DESC'],
  ],
  replyDue: [
    ['reply_due', 'ASC NULLS LAST'],
    ['id', 'ASC'],
  ],
  '-replyDue': [
    ['reply_due', 'DESC NULLS LAST'],
    ['id', 'DESC'],
  ],
  docNo: [
    ['doc_code', 'ASC NULLS LAST'],
    ['doc_year', 'ASC NULLS LAST'],
    ['doc_seq', 'ASC NULLS LAST'],
    ['id', 'ASC'],
  ],
  '-docNo': [
    ['doc_code', 'DESC NULLS LAST'],
    ['doc_year', 'DESC NULLS LAST'],
    ['doc_seq', 'DESC NULLS LAST'],
    ['id', 'DESC'],
  ],
};

/** ORDER BY of a sort over the letter aliased `t` (default `r`: the original order the keyed page must reproduce; tests compare with it). */
export const sortSql = (s: LetterListQuery['sort'], t = 'r') => sql.join(SORT[s].map(([c, dir]) => sql`${sql.ref(`${t}.${c}`)} ${sql.raw(dir)}`));

export interface LedgerRow {
  id: string;
  type: LetterType;
  origin: LetterOrigin;
  title: string;
  drafting_org_id: string;
  drafting_org_name: string;
  recipient_org_id: string;
  recipient_name: string;
  state: LetterState;
  doc_no: string | null;
  issued_on: string | null;
  served_on: string | null;
  objection_due: string | null;
  reply_due: string | null;
  replied_on: string | null;
  reply_overdue: boolean;
  item_count: number;
  campaign_id: string | null;
  campaign_name: string | null;
  created_at: Date;
  version: number;
}

/** Columns of a ledger row over recommendation `r` joined with its drafting org `d` (shared with the detail). */
export const LEDGER_COLUMNS = sql`r.id, r.type, r.origin, r.title, r.drafting_org_id, d.name_zh AS drafting_org_name, r.recipient_org_id,
    r.recipient_name, r.state, r.doc_no, r.issued_on::text AS issued_on, r.served_on::text AS served_on,
    r.objection_due::text AS objection_due, r.reply_due::text AS reply_due, r.replied_on::text AS replied_on,
    ${REPLY_OVERDUE_SQL} AS reply_overdue,
    (SELECT count(*)::int FROM letter_item ri WHERE ri.letter_id = r.id) AS item_count,
    r.campaign_id, (SELECT cp.name FROM campaign cp WHERE cp.id = r.campaign_id) AS campaign_name,
    r.created_at, r.version`;
export const LEDGER_FROM = sql`letter r JOIN org d ON d.id = r.drafting_org_id`;

/**
 * The ledger page's columns without the drafting org's and the campaign's names: their ids and the names epoch, the
 * names filled by `withNames` from the node's kept names (platform/present-names.ts, 0090) — no org or campaign read
 * per row.
 */
const LEDGER_COLUMNS_BARE = sql`r.id, r.type, r.origin, r.title, r.drafting_org_id, r.recipient_org_id,
    r.recipient_name, r.state, r.doc_no, r.issued_on::text AS issued_on, r.served_on::text AS served_on,
    r.objection_due::text AS objection_due, r.reply_due::text AS reply_due, r.replied_on::text AS replied_on,
    ${REPLY_OVERDUE_SQL} AS reply_overdue,
    (SELECT count(*)::int FROM letter_item ri WHERE ri.letter_id = r.id) AS item_count,
    r.campaign_id, r.created_at, r.version, ${namesEpochSql} AS names_epoch`;
type BareRow = Omit<LedgerRow, 'drafting_org_name' | 'campaign_name'> & { names_epoch: string };

/** `LEDGER_COLUMNS_BARE`'s rows with the names `LEDGER_COLUMNS` joins, from the kept names of the rows' epoch. */
async function withNames(ctx: Ctx, rows: BareRow[]): Promise<LedgerRow[]> {
  const first = rows[0];
  if (!first) return [];
  const names = await presentNames(ctx.db, first.names_epoch);
  return rows.map((r) => ({ ...r, drafting_org_name: orgName(names, r.drafting_org_id) as string, campaign_name: campaignName(names, r.campaign_id) }));
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The filters of the ledger (without the visibility). */
function filterParts(q: Omit<LetterListQuery, 'page' | 'pageSize' | 'sort'>): RawBuilder<boolean>[] {
  const parts: RawBuilder<boolean>[] = [];
  if (q.q) {
    const p = like(q.q);
    parts.push(sql<boolean>`(r.title ILIKE ${p} OR r.recipient_name ILIKE ${p} OR r.doc_no ILIKE ${p})`);
  }
  if (q.state?.length) parts.push(sql<boolean>`r.state = ANY(${q.state}::text[])`);
  if (q.type) parts.push(sql<boolean>`r.type = ${q.type}`);
  if (q.recipientOrgId) parts.push(sql<boolean>`r.recipient_org_id = ${q.recipientOrgId}::uuid`);
  if (q.draftingOrgId) parts.push(sql<boolean>`r.drafting_org_id = ${q.draftingOrgId}::uuid`);
  if (q.campaignId) parts.push(sql<boolean>`r.campaign_id = ${q.campaignId}::uuid`);
  if (q.year) parts.push(sql<boolean>`COALESCE(r.doc_year, extract(year FROM r.created_at AT TIME ZONE current_setting('TimeZone'))::int) = ${q.year}`);
  if (q.overdueReply === true) parts.push(REPLY_OVERDUE_SQL);
  if (q.overdueReply === false) parts.push(sql<boolean>`NOT ${REPLY_OVERDUE_SQL}`);
  return parts;
}

/** WHERE of the ledger for the actor and filters (letterVisible and the filters). */
export function ledgerWhere(actor: Actor, q: Omit<LetterListQuery, 'page' | 'pageSize' | 'sort'>, opts: LetterVisibleOptions = {}): RawBuilder<boolean> {
  return sql<boolean>`${sql.join([letterVisible(actor, 'r', opts), ...filterParts(q)], sql` AND `)}`;
}

export function replyStatusOf(r: Pick<LedgerRow, 'reply_due' | 'replied_on' | 'reply_overdue'>): LetterReplyStatus {
  if (r.replied_on) return 'REPLIED';
  if (!r.reply_due) return 'NOT_DUE';
  return r.reply_overdue ? 'OVERDUE' : 'PENDING';
}

export function toListItem(r: LedgerRow): LetterListItem {
  return {
    id: r.id,
    type: r.type,
    origin: r.origin,
    title: r.title,
    draftingOrg: { id: r.drafting_org_id, name: r.drafting_org_name },
    recipientOrgId: r.recipient_org_id,
    recipientName: r.recipient_name,
    state: r.state,
    docNo: r.doc_no,
    issuedOn: r.issued_on,
    servedOn: r.served_on,
    objectionDue: r.objection_due,
    replyDue: r.reply_due,
    repliedOn: r.replied_on,
    replied: r.replied_on !== null,
    replyOverdue: r.reply_overdue,
    replyStatus: replyStatusOf(r),
    itemCount: r.item_count,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

/**
 * GET /api/v1/letters — O(page) (issue 12, platform/keyed-page.ts): letterVisible's own part and the filters on every
 * row, its OR arm by arm — each org in scope one index probe for its first rows (the drafting org, the recipient org and
 * the lead org of the letter's case, which the letter keeps: `caseCheck: 'stored'`, migration 0063), or for a wide scope
 * the sort order walked with the whole predicate — the union sorted and paged, and only the page's letters joined and
 * presented, in one statement; the total counted up to the cap beside it (exact with `exactTotal`). The ledger as it
 * opens is sent named (planned once per connection).
 */
export async function listLetters(ctx: Ctx, q: LetterListQuery, opts: { joinedNames?: boolean } = {}): Promise<LetterList> {
  const parts = letterVisibleParts(ctx.actor, 'r', { caseCheck: 'stored' });
  const filters = filterParts(q);
  const page = await keyedPageRows<LedgerRow & BareRow>(ctx.db, {
    table: 'letter',
    alias: 'r',
    arms: parts,
    filters,
    orderBy: (t) => sortSql(q.sort, t),
    sortColumns: SORT[q.sort].map(([c]) => c),
    // Walked row by row for a wide scope (and counted so with `exactTotal`): each key set hashed once per statement — an
    // office's or a 分管领导's ~800 orgs per arm searched linearly for every letter walked was most of the page's time
    // (issue 12: office 13.7 ms, leader 11.3 ms per page at full scale) — the case's other arms one hashed set too.
    where: sql<boolean>`${sql.join([hashedVisible(letterVisibleParts(ctx.actor, 'r', { caseCheck: 'stored', hashedSets: true }), 'r'), ...filters], sql` AND `)}`,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    exact: q.exactTotal,
    // A case scope of many orgs (a county's, a 分管领导's) comes with many case teams: walk the sort order (each letter's
    // gate read off the index) rather than gather every letter of those teams' cases for a page of 20.
    ...(letterLedgerWalks(ctx.actor) ? { probeLimit: 0 } : {}),
    opaqueKeys: true,
    prepared: opensLedger(filters, q.page, q.pageSize),
    // Its generic plan from the first call on each pooled connection: PostgreSQL settles on the same generic plan after
    // five custom ones, but a short busy run paid those plans on each of 20 connections (issue 12: an office's ledger
    // 24.8 ms of PostgreSQL per request at 32 connections, 2.6 on one warm connection).
    genericPlan: true,
    // The names from the node's kept names (`withNames`), or (`joinedNames`) joined per row as before.
    present: opts.joinedNames
      ? sql`SELECT ${LEDGER_COLUMNS} FROM ledger_page lp JOIN letter r ON r.id = lp.id JOIN org d ON d.id = r.drafting_org_id ORDER BY lp.ord`
      : sql`SELECT ${LEDGER_COLUMNS_BARE} FROM ledger_page lp JOIN letter r ON r.id = lp.id ORDER BY lp.ord`,
  });
  const rows = opts.joinedNames ? page.rows : await withNames(ctx, page.rows);
  return { items: rows.map(toListItem), total: page.total, totalCapped: page.totalCapped };
}
