import { createHash } from 'node:crypto';
import { type Cockpit, type CockpitQuery, CockpitSchema } from '@liandong/domain/cockpit/contracts';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { epochCached } from '../../platform/epoch-cache';
import { notFound, validation } from '../../platform/errors';
import { currentYear } from '../../platform/zone';
import { dashboardScopeKey } from '../casework';
import { type CockpitParams, computeCockpit, isWideCockpit, ORG_KINDS, type RowKey } from './service';

/*
 * The cockpit's parameters checked against the commission (an org outside the caller's scope is 404, an
 * unknown sector 400) and its answers cached per node. The key holds the data epochs of the four areas
 * (bumped by statement triggers on items, lists, clues, cases, letters, tasks, campaigns and orgs), today
 * (lights and overdue move with the date), the parameters, the names of the rows, and the caller's scope:
 * `commission` for the wide roles, else the account's fingerprint of memberships, recusals and 信息互通
 * grants (casework's dashboard key). A cached answer is therefore never served after a change.
 */

/** Parameters of a request, validated against the commission and the caller's scope. */
export async function cockpitParams(ctx: Ctx, q: CockpitQuery): Promise<{ params: CockpitParams; rowKeys: RowKey[] }> {
  const a = ctx.actor;
  const cid = a.commissionId;
  const params: CockpitParams = { year: q.year ?? currentYear(), dimension: q.dimension, orgId: q.orgId ?? null, sector: q.sector ?? null };
  if (params.orgId) {
    const org = await ctx.db.selectFrom('org').select('id').where('id', '=', params.orgId).where('commission_id', '=', cid).executeTakeFirst();
    // Outside the commission, or outside a scoped caller's org scope: the same answer, 404.
    if (!org || (!isWideCockpit(a) && !a.scope.wide && !a.scope.orgIds.includes(params.orgId))) throw notFound('组织');
  }
  const sectors = await sql<{ code: string; label_zh: string }>`SELECT i.code, i.label_zh FROM dictionary_item i JOIN dictionary d ON d.id = i.dictionary_id
    WHERE d.commission_id = ${cid}::uuid AND d.code = 'SECTOR' ORDER BY i.sort_order, i.code`.execute(ctx.db);
  if (params.sector && !sectors.rows.some((s) => s.code === params.sector)) {
    throw validation([{ path: 'querystring.sector', message: '行业领域不在字典中' }], '行业领域不在字典中');
  }
  let rowKeys: RowKey[];
  if (params.dimension === 'sector') {
    rowKeys = sectors.rows.filter((s) => !params.sector || s.code === params.sector).map((s) => ({ key: s.code, name: s.label_zh }));
  } else {
    const kinds = ORG_KINDS[params.dimension];
    const scoped = !isWideCockpit(a) && !a.scope.wide;
    const { rows } = await sql<{ id: string; name_zh: string }>`SELECT o.id, o.name_zh FROM org o
      WHERE o.commission_id = ${cid}::uuid AND o.kind = ANY(${[...kinds]}::text[])
        ${scoped ? sql`AND o.id = ANY(${a.scope.orgIds}::uuid[])` : sql``}
        ${params.orgId ? sql`AND o.id = ${params.orgId}::uuid` : sql``}
      ORDER BY o.sort_order, o.name_zh`.execute(ctx.db);
    rowKeys = rows.map((r) => ({ key: r.id, name: r.name_zh }));
  }
  return { params, rowKeys };
}

/** The cockpit (validated against CockpitSchema when computed), from this node's cache when nothing changed. */
export async function cockpitOf(ctx: Ctx, q: CockpitQuery): Promise<Cockpit> {
  const { params, rowKeys } = await cockpitParams(ctx, q);
  const [scope, today] = await Promise.all([
    dashboardScopeKey(ctx),
    sql<{ d: string }>`SELECT to_char(current_date, 'YYYY-MM-DD') AS d`.execute(ctx.db).then((r) => r.rows[0]?.d ?? ''),
  ]);
  const rowsHash = createHash('sha1').update(JSON.stringify(rowKeys)).digest('base64url');
  const key = [
    'cockpit',
    ctx.actor.commissionId,
    params.year,
    params.dimension,
    params.orgId ?? '-',
    params.sector ?? '-',
    today,
    scope,
    ctx.actor.roles.join(','),
    rowsHash,
  ].join(':');
  return epochCached(
    ctx.db,
    ['supervision', 'clues', 'reform', 'campaign'],
    key,
    async () => CockpitSchema.parse(await computeCockpit(ctx, params, rowKeys)) as Cockpit,
  );
}
