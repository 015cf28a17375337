import type { ClueQuery } from '@liandong/domain/clues/contracts';
import { type RawBuilder, sql } from 'kysely';
import { prepared } from '../../db/pool';
import type { Ctx } from '../../platform/context';
import { executeArraysOnce } from '../../platform/arrays-once';
import { hashedVisible, type KeyedPageQuery, keyedCountSql, overProbeLimit } from '../../platform/keyed-page';
import { TOTAL_CAP } from '../../platform/ledger-page';
import { clueVisibleArms, type SharedRead } from '../visibility';

/*
 * 线索台账, the bounded walk (issue 12): the ledger as it opens (no filters, first page, newest first) for a scope of a
 * few hundred (column, org) probes — a county's 86 orgs × 3 org columns. The keyed page (platform/keyed-page.ts) takes
 * up to a page of every org of every column and sorts them (full scale: ~1,300 subject-org rows and the ~560 named
 * 信息互通 clues of a county, 3,800 buffers, 9–13 ms); such a scope is dense in the book (a county sees ~7 % of it),
 * so its first page lies among the newest few hundred clues of the commission. The walk reads the commission's
 * clues newest first, index-only over clue_ledger_walk (0083), at most `rows` of them, and keeps those the whole
 * predicate shows (`hashedVisible`: its org lists and named ids hashed). When these fill the page — or are, by the
 * capped count, every visible clue — they are the page of the predicate; else (a sparse scope) the keyed page
 * answers. Either way the same rows.
 */

/** When the ledger as it opens walks (`probes`: more (column, org) probes than this) and how far (`rows`). */
export interface OpeningWalk {
  probes: number;
  rows: number;
}

/**
 * Measured at full scale (load 7–11): a county's page 9–26 ms → 1–2.5 ms of execution (the walk reads ~280 rows for 20).
 * Above KEYED_PROBE_LIMIT the page walks unbounded already (keyedLedger). 2,000 rows: a scope seeing 1 % of the book.
 */
export const CLUE_OPENING_WALK: OpeningWalk = { probes: 200, rows: 2000 };

/** The columns the visibility predicate reads, all in clue_ledger_walk (0083): the walk reads that index alone. */
const WALK_COLUMNS = sql.raw(
  'c.id, c.received_on, c.commission_id, c.classification, c.receiving_org_id, c.undertaking_org_id, c.subject_org_id, c.case_id, c.campaign_id',
);

/** Whether the keyed page `kq` (keyedLedger) of `q` is the ledger as it opens for a scope the bounded walk suits. */
export function walksOpening(q: ClueQuery, kq: KeyedPageQuery, walk: OpeningWalk): boolean {
  return kq.prepared === true && kq.offset === 0 && !kq.exact && q.sort === '-receivedOn' && overProbeLimit(kq.arms, walk.probes) && !overProbeLimit(kq.arms);
}

/**
 * The ledger's first page by the bounded walk, presented by `present` (a SELECT over `ledger_page (id, ord)`, as for
 * keyedPageRows), and the capped total (the keyed count of `kq`, the same named statement as the keyed page's); null
 * when the walk's `rows` clues held neither a full page nor every visible clue.
 */
export async function walkedOpening<R>(
  ctx: Ctx,
  kq: KeyedPageQuery,
  shared: SharedRead,
  present: RawBuilder<unknown>,
  walk: OpeningWalk,
): Promise<{ rows: R[]; total: number; totalCapped: boolean } | null> {
  // The predicate over the walked rows (aliased w): the subquery's LIMIT keeps it out of the index scan, so the walk
  // stops at `rows` whatever it finds, and the page's LIMIT stops it at the page's last row.
  const visible = hashedVisible(clueVisibleArms(ctx.actor, 'w', { shared, hashedIds: true }), 'w');
  const page = sql`SELECT w.id FROM (SELECT ${WALK_COLUMNS} FROM clue c WHERE c.commission_id = ${ctx.actor.commissionId}::uuid
      ORDER BY c.received_on DESC, c.id DESC LIMIT ${sql.lit(walk.rows)}) w
    WHERE ${visible} ORDER BY w.received_on DESC, w.id DESC LIMIT ${sql.lit(kq.limit)}`;
  // Each scope list sent once per statement (arrays-once.ts `executeArraysOnce`), as the keyed page sends it.
  const [walked, count] = await Promise.all([
    executeArraysOnce(ctx.db, prepared(sql<R>`WITH ledger_page AS MATERIALIZED (SELECT kw.id, row_number() OVER () AS ord FROM (${page}) kw) ${present}`)),
    executeArraysOnce(ctx.db, prepared(keyedCountSql(kq, TOTAL_CAP + 1))),
  ]);
  const counted = count.rows[0]?.n ?? 0;
  const totalCapped = counted > TOTAL_CAP;
  const shown = walked.rows.length;
  // Fewer than a page: complete only if these are every visible clue (the count is exact below the cap).
  if (shown < kq.limit && (totalCapped || shown !== counted)) return null;
  return { rows: walked.rows, total: totalCapped ? Math.max(TOTAL_CAP, shown) : counted, totalCapped };
}
