import { createHash } from 'node:crypto';
import { type Cockpit, type CockpitQuery, CockpitSchema } from '@liandong/domain/cockpit/contracts';
import { sql } from 'kysely';
import { prepared } from '../../db/pool';
import type { Ctx } from '../../platform/context';
import { type EpochArea, SingleFlight } from '../../platform/epoch-cache';
import { notFound, validation } from '../../platform/errors';
import { currentYear } from '../../platform/zone';
import { grantsFor } from '../visibility';
import { type CockpitParams, computeCockpit, isWideCockpit, ORG_KINDS, type RowKey } from './service';

/*
 * The cockpit's parameters checked against the commission (an org outside the caller's scope is 404, an
 * unknown sector 400) and its answers cached per node. The key holds the data epochs of the four areas
 * (bumped by statement triggers on items, lists, clues, cases, letters, tasks, campaigns and orgs), today
 * (lights and overdue move with the date), the parameters, the names of the rows, and the caller's scope:
 * `commission` for the wide roles, else the account's fingerprint of memberships, recusals and 信息互通
 * grants (the same fingerprint as casework's dashboard key). A cached answer is therefore never served
 * after a change.
 *
 * A request costs one statement before the cache is consulted (the org check, the sector dictionary, the
 * rows of the dimension, today, the epochs and the scope fingerprint together), plus the grants' own
 * cached read for scoped callers. The answer is kept serialised (validated against CockpitSchema when
 * computed) and sent as is: a hit neither recomputes, nor re-validates, nor re-serialises.
 */

const AREAS: readonly EpochArea[] = ['supervision', 'clues', 'reform', 'campaign'];

interface Loaded {
  params: CockpitParams;
  rowKeys: RowKey[];
  today: string;
  epochs: string;
  /** The scoped caller's fingerprint of memberships and recusals (null for the wide roles). */
  fingerprint: string | null;
}

/** One round trip: the parameters checked, the rows, today, the epochs and (scoped callers) the scope fingerprint. */
async function load(ctx: Ctx, q: CockpitQuery): Promise<Loaded> {
  const a = ctx.actor;
  const cid = a.commissionId;
  const wide = isWideCockpit(a);
  const params: CockpitParams = { year: q.year ?? currentYear(), dimension: q.dimension, orgId: q.orgId ?? null, sector: q.sector ?? null };
  const scoped = !wide && !a.scope.wide;
  const kinds = params.dimension === 'sector' ? null : ORG_KINDS[params.dimension];
  // Named (db/pool.ts `prepared`): a handful of texts (the caller's kind, the dimension, an org filter), planned once per connection.
  const { rows } = await prepared(sql<{
    today: string;
    epochs: string | null;
    org_ok: boolean | null;
    sectors: [string, string][];
    orgs: [string, string][] | null;
    f: string | null;
  }>`SELECT to_char(current_date, 'YYYY-MM-DD') AS today,
      (SELECT string_agg(area || ':' || epoch, '|' ORDER BY area) FROM data_epoch WHERE area = ANY(${AREAS as string[]}::text[])) AS epochs,
      ${params.orgId ? sql`EXISTS (SELECT 1 FROM org WHERE id = ${params.orgId}::uuid AND commission_id = ${cid}::uuid)` : sql`NULL::boolean`} AS org_ok,
      (SELECT coalesce(json_agg(json_build_array(i.code, i.label_zh) ORDER BY i.sort_order, i.code), '[]') FROM dictionary_item i
        JOIN dictionary d ON d.id = i.dictionary_id WHERE d.commission_id = ${cid}::uuid AND d.code = 'SECTOR') AS sectors,
      ${
        kinds
          ? sql`(SELECT coalesce(json_agg(json_build_array(o.id, o.name_zh) ORDER BY o.sort_order, o.name_zh), '[]') FROM org o
        WHERE o.commission_id = ${cid}::uuid AND o.kind = ANY(${[...kinds]}::text[])
          ${scoped ? sql`AND o.id = ANY(${a.scope.orgIds}::uuid[])` : sql``}
          ${params.orgId ? sql`AND o.id = ${params.orgId}::uuid` : sql``})`
          : sql`NULL::json`
      } AS orgs,
      ${
        wide
          ? sql`NULL::text`
          : sql`md5(concat_ws('|',
      (SELECT string_agg(clue_id::text, ',' ORDER BY clue_id) FROM clue_team_member WHERE user_id = ${a.userId}::uuid AND left_on IS NULL),
      (SELECT string_agg(case_id::text || team || coalesce(left_on::text, ''), ',' ORDER BY case_id, team, left_on) FROM case_team_member WHERE user_id = ${a.userId}::uuid),
      (SELECT string_agg(object_id::text, ',' ORDER BY object_id) FROM recusal WHERE user_id = ${a.userId}::uuid),
      (SELECT 'campaigns:' || string_agg(DISTINCT tf.campaign_id::text, ',' ORDER BY tf.campaign_id::text) FROM task_force_member m JOIN task_force tf ON tf.id = m.task_force_id
        WHERE m.user_id = ${a.userId}::uuid AND tf.campaign_id IS NOT NULL AND current_date BETWEEN m.valid_from AND m.valid_to)))`
      } AS f`).execute(ctx.db);
  const r = rows[0];
  if (!r) throw new Error('cockpit parameters: no answer');
  // Outside the commission, or outside a scoped caller's org scope: the same answer, 404.
  if (params.orgId && (!r.org_ok || (!wide && !a.scope.wide && !a.scope.orgIds.includes(params.orgId)))) throw notFound('组织');
  if (params.sector && !r.sectors.some(([code]) => code === params.sector)) {
    throw validation([{ path: 'querystring.sector', message: '行业领域不在字典中' }], '行业领域不在字典中');
  }
  const rowKeys: RowKey[] =
    params.dimension === 'sector'
      ? r.sectors.filter(([code]) => !params.sector || code === params.sector).map(([key, name]) => ({ key, name }))
      : (r.orgs ?? []).map(([key, name]) => ({ key, name }));
  return { params, rowKeys, today: r.today, epochs: r.epochs ?? '', fingerprint: r.f };
}

/** Parameters of a request, validated against the commission and the caller's scope. */
export async function cockpitParams(ctx: Ctx, q: CockpitQuery): Promise<{ params: CockpitParams; rowKeys: RowKey[] }> {
  const { params, rowKeys } = await load(ctx, q);
  return { params, rowKeys };
}

interface Entry {
  value: Cockpit;
  json: string;
}
/**
 * The answers per node by full key, computed once however many callers miss it together (platform/epoch-cache.ts).
 * At most COMPUTE_SLOTS computations at once per node: each counts its areas side by side, on up to eight of the
 * generic-plan pool's connections (db/pool.ts; twenty by default), so that unbounded misses would hold the pool (a hit waiting behind them, or failing at
 * the pool's wait limit) and stretch every statement towards its timeout; the others wait their turn in the node.
 */
const COMPUTE_SLOTS = 2;
const answers = new SingleFlight<Entry>(500, COMPUTE_SLOTS);

/** The cached answer (object and JSON), or computed and kept; the epochs were read before computing. */
async function entryOf(ctx: Ctx, q: CockpitQuery): Promise<Entry> {
  const a = ctx.actor;
  const [l, grants] = await Promise.all([load(ctx, q), isWideCockpit(a) ? null : grantsFor(ctx)]);
  const scope = isWideCockpit(a)
    ? 'commission'
    : createHash('sha1')
        .update(
          [
            a.userId,
            [...a.roles].sort().join(','),
            a.clearance,
            a.scope.wide ? 'wide' : a.scope.orgIds.join(','),
            l.fingerprint ?? '',
            grants?.fingerprint ?? '',
          ].join('\n'),
        )
        .digest('base64url');
  const p = l.params;
  const rowsHash = createHash('sha1').update(JSON.stringify(l.rowKeys)).digest('base64url');
  const key = ['cockpit', a.commissionId, p.year, p.dimension, p.orgId ?? '-', p.sector ?? '-', l.today, scope, a.roles.join(','), rowsHash, l.epochs].join(
    ':',
  );
  return answers.get(ctx.db, key, async () => {
    const value = CockpitSchema.parse(await computeCockpit(ctx, p, l.rowKeys)) as Cockpit;
    return { value, json: JSON.stringify(value) };
  });
}

/** The cockpit (validated against CockpitSchema when computed), from this node's cache when nothing changed. */
export async function cockpitOf(ctx: Ctx, q: CockpitQuery): Promise<Cockpit> {
  return (await entryOf(ctx, q)).value;
}

/** The cockpit serialised, as the route sends it. */
export async function cockpitJson(ctx: Ctx, q: CockpitQuery): Promise<string> {
  return (await entryOf(ctx, q)).json;
}
