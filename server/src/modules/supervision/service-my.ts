import type { MyItemsQuery } from '@liandong/domain/supervision/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { hashedVisible, type KeyedArms, keyedPageRows, opensLedger } from '../../platform/keyed-page';
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
      ? itemScopeArms(ctx.actor, 'p', 'pl', { hashedLists: true })
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
  const opens = opensLedger(filters, q.page, q.pageSize);
  const scopeOrgs = [...new Set(ctx.actor.scope.orgIds)];
  const walkArms: KeyedArms =
    q.role === 'scope' && !arms.book && arms.keyedBy?.length
      ? {
          ...arms,
          keyedBy: [],
          rest: [
            ...arms.rest,
            sql<boolean>`(pl.owner_group_id IN (SELECT unnest(${scopeOrgs}::uuid[])) OR pl.liaison_office_id IN (SELECT unnest(${scopeOrgs}::uuid[])))`,
          ],
        }
      : arms;
  const { rows, total, totalCapped } = await keyedPageRows<ItemRow>(ctx.db, {
    table: 'supervision_item',
    alias: 'p',
    // The item's list by its key, row by row (LATERAL, OFFSET 0): a probe or a capped count reads a few hundred items,
    // where a hash of every list of the commission (4,000) cost more than the items themselves (issue 12).
    joins: sql`CROSS JOIN LATERAL (SELECT ls.id, ls.classification, ls.owner_group_id, ls.liaison_office_id
      FROM supervision_list ls WHERE ls.id = p.list_id OFFSET 0) pl`,
    arms,
    filters,
    orderBy: itemOrder,
    sortColumns: ['due_date', 'year', 'seq'],
    // The walk of a wide scope (and the exact total) tests every row read against the org lists hashed once: a named
    // statement's generic plan searches a parameter array linearly (`= ANY($orgs)`, 782 orgs per item read).
    // The scope's lists, there, are the item's own list (joined by its key) tested against the orgs hashed: a walk reads
    // a few hundred items, where gathering the scope's lists tested every list of the commission (4,000: 2–8 ms).
    where: sql<boolean>`${sql.join([hashedVisible(walkArms, 'p'), ...filters], sql` AND `)}`,
    // As it opens: named, planned once per connection (its text depends on the role asked and the actor's kind only);
    // the count's stop in its text, so that its generic plan is costed for the cap and kept.
    prepared: opens,
    literalStop: opens,
    // My org's arms (one org each): probed as `col = $org`, so that the named statement's generic plan is kept.
    directSingleKeys: true,
    // A wide scope's org list once per statement (it is in every arm and part).
    arraysOnce: true,
    // Its generic plan kept: PostgreSQL planned the page (offices) or the count (groups, counties, leaders) afresh on
    // every call, 2–7 ms of planning for 2–8 ms of execution (bench/ledger-statements.ts --ledger=items).
    genericPlan: true,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    exact: q.exactTotal,
    // Row by row by its key (LATERAL): a named statement's generic plan does not know the page is 20 rows (OFFSET 0: not pulled up).
    present: sql`SELECT x.* FROM ledger_page lp CROSS JOIN LATERAL (SELECT ${itemColumns(d)} FROM ${ITEM_FROM} WHERE i.id = lp.id OFFSET 0) x ORDER BY lp.ord`,
  });
  return { items: rows.map((r) => presentItem(facts, r)), total, totalCapped };
}
