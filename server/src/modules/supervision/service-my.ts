import type { MyItemsQuery } from '@liandong/domain/supervision/contracts';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { pageRows } from '../../platform/ledger-page';
import { lightDates, lightIs } from './light';
import { presentItem } from './present';
import { ITEM_FROM, type ItemRow, itemColumns, itemOwnVisible, itemVisible, loadActorFacts } from './repo';

/**
 * GET /supervision/my-items — items the actor's org leads or assists, or names the actor as
 * responsible; with `role=scope` every item of the actor's org scope (a leader's overdue items across it). Page first, then names: the inner query filters, counts, sorts and pages on the item
 * table alone (indexes on lead / assist org with due date, the GIN on responsible users, and the
 * item's own `year`), and only the one page is joined with lists and names (migration 0007).
 */
export async function myItems(ctx: Ctx, q: MyItemsQuery) {
  const [facts, d] = await Promise.all([loadActorFacts(ctx.db, ctx.actor), lightDates(ctx.db, ctx.actor.commissionId)]);
  const cid = ctx.actor.commissionId;
  const org = ctx.actor.orgId;
  const mine =
    q.role === 'scope'
      ? // Every item of my org scope, as the item page decides it (shares granted to me are not my scope).
        sql`EXISTS (SELECT 1 FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id WHERE i.id = p.id AND ${itemVisible(ctx.actor)})`
      : q.role === 'lead'
        ? sql`p.lead_org_id = ${org}::uuid`
        : q.role === 'assist'
          ? sql`p.assist_org_id = ${org}::uuid`
          : sql`(p.lead_org_id = ${org}::uuid OR p.assist_org_id = ${org}::uuid OR p.responsible_user_ids @> ARRAY[${ctx.actor.userId}::uuid])`;
  // The org leads or assists it, so the scope holds; the list's classification and recusal still apply.
  const own = sql`EXISTS (SELECT 1 FROM supervision_list pl WHERE pl.id = p.list_id AND ${itemOwnVisible(ctx.actor, 'p', 'pl')})`;
  const conds = [sql`p.commission_id = ${cid}::uuid`, mine, own];
  if (q.state) conds.push(sql`p.state = ${q.state}`);
  if (q.light) conds.push(lightIs('p.state', 'p.due_date', q.light, d));
  if (q.year !== undefined) conds.push(sql`p.year = ${q.year}`);
  if (q.leadOrgId) conds.push(sql`p.lead_org_id = ${q.leadOrgId}::uuid`);
  const offset = (q.page - 1) * q.pageSize;
  // Page first, then names; the total counted up to the cap (issue 12), exact with `exactTotal`.
  const { rows, total, totalCapped } = await pageRows<ItemRow>(ctx.db, {
    from: sql`supervision_item p`,
    id: sql`p.id`,
    where: sql`${sql.join(conds, sql` AND `)}`,
    orderBy: sql`p.due_date ASC NULLS LAST, p.year DESC, p.seq, p.id`,
    limit: q.pageSize,
    offset,
    exact: q.exactTotal,
    present: sql`SELECT ${itemColumns(d)} FROM ledger_page lp JOIN (${ITEM_FROM}) ON i.id = lp.id ORDER BY lp.ord`,
  });
  return { items: rows.map((r) => presentItem(facts, r)), total, totalCapped };
}
