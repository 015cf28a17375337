import type { MyItemsQuery } from '@liandong/domain/supervision/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { armsPredicate, type KeyedArms, keyedPageRows, opensLedger } from '../../platform/keyed-page';
import { lightDates, lightIs } from './light';
import { presentItem } from './present';
import { ITEM_FROM, type ItemRow, itemColumns, itemScopeArms, itemVisibleSame, loadActorFacts } from './repo';

/** The ledger's order: due date first (none last), then the newest year, the item number (the *_ledger indexes of 0056). */
const itemOrder = (a: string) => sql`${sql.ref(`${a}.due_date`)} ASC NULLS LAST, ${sql.ref(`${a}.year`)} DESC, ${sql.ref(`${a}.seq`)}, ${sql.ref(`${a}.id`)}`;

/**
 * GET /supervision/my-items — items the actor's org leads or assists, or names the actor as
 * responsible; with `role=scope` every item of the actor's org scope (a leader's overdue items across it). O(page)
 * (issue 12, platform/keyed-page.ts): the item's own part (its list's classification and recusal, the list joined by
 * its key) and the filters on every row, the OR arm by arm — each lead or assist org, each list of the scope's owner
 * groups and liaison offices one probe of an index in ledger order (migration 0056), the items naming me as responsible
 * one small set (the GIN index) — the union sorted and paged and only the page presented; the total counted up to the
 * cap, exact with `exactTotal`.
 */
export async function myItems(ctx: Ctx, q: MyItemsQuery) {
  const [facts, d] = await Promise.all([loadActorFacts(ctx.db, ctx.actor), lightDates(ctx.db, ctx.actor.commissionId)]);
  const org = [ctx.actor.orgId];
  const same = itemVisibleSame(ctx.actor, 'p', 'pl');
  // Every item of my org scope, as the item page decides it (shares granted to me are not my scope); else my org
  // leads or assists it (or I am responsible), so the scope holds — the list's classification and recusal still apply.
  const arms: KeyedArms =
    q.role === 'scope'
      ? itemScopeArms(ctx.actor, 'p', 'pl')
      : {
          book: false,
          scope: same,
          keyed: [
            ...(q.role !== 'assist' ? [{ column: 'lead_org_id', orgIds: org }] : []),
            ...(q.role !== 'lead' ? [{ column: 'assist_org_id', orgIds: org }] : []),
          ],
          // The items naming me as responsible, gathered by the GIN index (walked in ledger order it reads every item).
          rest:
            q.role === 'all'
              ? [sql<boolean>`p.id = ANY(ARRAY(SELECT ri.id FROM supervision_item ri WHERE ri.responsible_user_ids @> ARRAY[${ctx.actor.userId}::uuid]))`]
              : [],
        };
  const filters: RawBuilder<boolean>[] = [];
  if (q.state) filters.push(sql<boolean>`p.state = ${q.state}`);
  if (q.light) filters.push(lightIs('p.state', 'p.due_date', q.light, d));
  if (q.year !== undefined) filters.push(sql<boolean>`p.year = ${q.year}`);
  if (q.leadOrgId) filters.push(sql<boolean>`p.lead_org_id = ${q.leadOrgId}::uuid`);
  const { rows, total, totalCapped } = await keyedPageRows<ItemRow>(ctx.db, {
    table: 'supervision_item',
    alias: 'p',
    joins: sql`JOIN supervision_list pl ON pl.id = p.list_id`,
    arms,
    filters,
    orderBy: itemOrder,
    sortColumns: ['due_date', 'year', 'seq'],
    where: sql<boolean>`${sql.join([arms.book ? arms.scope : sql<boolean>`(${arms.scope} AND ${armsPredicate(arms, 'p')})`, ...filters], sql` AND `)}`,
    // As it opens: named, planned once per connection (its text depends on the role asked and the actor's kind only).
    prepared: opensLedger(filters, q.page, q.pageSize),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    exact: q.exactTotal,
    // Row by row by its key (LATERAL): a named statement's generic plan does not know the page is 20 rows (OFFSET 0: not pulled up).
    present: sql`SELECT x.* FROM ledger_page lp CROSS JOIN LATERAL (SELECT ${itemColumns(d)} FROM ${ITEM_FROM} WHERE i.id = lp.id OFFSET 0) x ORDER BY lp.ord`,
  });
  return { items: rows.map((r) => presentItem(facts, r)), total, totalCapped };
}
