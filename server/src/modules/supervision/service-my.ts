import type { MyItemsQuery } from '@liandong/domain/supervision/contracts';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { pageRowsByArms, type SortKey, type VisibilityArm } from '../../platform/ledger-page';
import { lightDates, lightIs } from './light';
import { presentItem } from './present';
import { ITEM_FROM, type ItemRow, itemColumns, itemScopeArms, itemVisibleSame, loadActorFacts } from './repo';

/** The ledger's sort: due date first (none last), then the newest year, the item number. */
const ITEM_SORT: readonly SortKey[] = [
  { expr: sql`p.due_date`, dir: 'ASC NULLS LAST' },
  { expr: sql`p.year`, dir: 'DESC' },
  { expr: sql`p.seq`, dir: 'ASC' },
  { expr: sql`p.id`, dir: 'ASC' },
];

/**
 * GET /supervision/my-items — items the actor's org leads or assists, or names the actor as
 * responsible; with `role=scope` every item of the actor's org scope (a leader's overdue items across it). Page first,
 * then names: the page is chosen on the item (and its list) alone and only that page is joined with names. The scope's
 * OR (the lists of the scope's owner groups and liaison offices, the lead org, the assist org) is paged arm by arm
 * (issue 12, `pageRowsByArms`): each list or org one probe of an index in ledger order (migration 0056), the total
 * counted up to the cap the same way, exact with `exactTotal`.
 */
export async function myItems(ctx: Ctx, q: MyItemsQuery) {
  const [facts, d, scopeArms, responsibleFor] = await Promise.all([
    loadActorFacts(ctx.db, ctx.actor),
    lightDates(ctx.db, ctx.actor.commissionId),
    q.role === 'scope' ? itemScopeArms(ctx.db, ctx.actor, 'p', 'pl') : undefined,
    // The items naming me as responsible, by the GIN index (as an arm walked in ledger order it reads every item).
    q.role === 'all'
      ? sql<{ id: string }>`SELECT ri.id FROM supervision_item ri WHERE ri.responsible_user_ids @> ARRAY[${ctx.actor.userId}::uuid]`
          .execute(ctx.db)
          .then((r) => r.rows.map((x) => x.id))
      : undefined,
  ]);
  const org = ctx.actor.orgId;
  // Every item of my org scope, as the item page decides it (shares granted to me are not my scope); else my org
  // leads or assists it (or I am responsible), so the scope holds — the list's classification and recusal still apply.
  const arms: VisibilityArm[] | undefined =
    q.role === 'scope'
      ? scopeArms
      : q.role === 'lead'
        ? [{ orgs: [org], column: sql`p.lead_org_id` }]
        : q.role === 'assist'
          ? [{ orgs: [org], column: sql`p.assist_org_id` }]
          : [
              { orgs: [org], column: sql`p.lead_org_id` },
              { orgs: [org], column: sql`p.assist_org_id` },
              { orgs: responsibleFor ?? [], column: sql`p.id` },
            ];
  const conds = [itemVisibleSame(ctx.actor, 'p', 'pl')];
  if (q.state) conds.push(sql<boolean>`p.state = ${q.state}`);
  if (q.light) conds.push(lightIs('p.state', 'p.due_date', q.light, d));
  if (q.year !== undefined) conds.push(sql<boolean>`p.year = ${q.year}`);
  if (q.leadOrgId) conds.push(sql<boolean>`p.lead_org_id = ${q.leadOrgId}::uuid`);
  const { rows, total, totalCapped } = await pageRowsByArms<ItemRow>(ctx.db, {
    from: sql`supervision_item p JOIN supervision_list pl ON pl.id = p.list_id`,
    id: sql`p.id`,
    where: sql`${sql.join(conds, sql` AND `)}`,
    arms,
    sort: ITEM_SORT,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    exact: q.exactTotal,
    present: sql`SELECT ${itemColumns(d)} FROM ledger_page lp JOIN (${ITEM_FROM}) ON i.id = lp.id ORDER BY lp.ord`,
  });
  return { items: rows.map((r) => presentItem(facts, r)), total, totalCapped };
}
