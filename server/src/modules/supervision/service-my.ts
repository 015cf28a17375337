import type { MyItemsQuery } from '@liandong/domain/supervision/contracts';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/http';
import { lightDates, lightIs } from './light';
import { presentItem } from './present';
import { ITEM_FROM, type ItemRow, itemColumns, loadActorFacts } from './repo';

/**
 * GET /supervision/my-items — items the actor's org leads or assists, or names the actor as
 * responsible. One statement: each arm of the OR is served by its own index (lead, assist, the GIN on
 * responsible users) and combined by a bitmap OR; the total comes from a window count.
 */
export async function myItems(ctx: Ctx, q: MyItemsQuery) {
  const [facts, d] = await Promise.all([loadActorFacts(ctx.db, ctx.actor), lightDates(ctx.db, ctx.actor.commissionId)]);
  const cid = ctx.actor.commissionId;
  const org = ctx.actor.orgId;
  const mine =
    q.role === 'lead'
      ? sql`i.lead_org_id = ${org}::uuid`
      : q.role === 'assist'
        ? sql`i.assist_org_id = ${org}::uuid`
        : sql`(i.lead_org_id = ${org}::uuid OR i.assist_org_id = ${org}::uuid OR i.responsible_user_ids @> ARRAY[${ctx.actor.userId}::uuid])`;
  const conds = [sql`i.commission_id = ${cid}::uuid`, mine];
  if (q.state) conds.push(sql`i.state = ${q.state}`);
  if (q.light) conds.push(lightIs('i.state', 'i.due_date', q.light, d));
  if (q.year !== undefined) conds.push(sql`l.year = ${q.year}`);
  const offset = (q.page - 1) * q.pageSize;
  const { rows } = await sql<ItemRow>`SELECT ${itemColumns(d)}, count(*) OVER ()::int AS total FROM ${ITEM_FROM}
    WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY i.due_date ASC NULLS LAST, l.year DESC, i.seq, i.id
    LIMIT ${q.pageSize} OFFSET ${offset}`.execute(ctx.db);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && offset > 0) {
    const c = await sql<{ n: number }>`SELECT count(*)::int AS n FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id
      WHERE ${sql.join(conds, sql` AND `)}`.execute(ctx.db);
    total = c.rows[0]?.n ?? 0;
  }
  return { items: rows.map((r) => presentItem(facts, r)), total };
}
