import { createHash } from 'node:crypto';
import { type Dashboard, DashboardSchema } from '@liandong/domain/casework/contracts';
import { sql } from 'kysely';
import { notFound } from '../../platform/errors';
import type { Ctx } from '../../platform/context';
import { grantsFor } from '../visibility';
import { computeDashboard, type DashboardParams, isWideDashboard } from './dashboard';

/**
 * Per-node cache of serialised dashboards. The key holds everything an answer depends on: commission,
 * year, org filter, today (overdue counts move with the date), the 'clues' data epoch (bumped by
 * triggers on clue, case_file and case_outcome — migration 0008) and the actor's scope. Commission-wide
 * viewers share one entry; a scoped viewer's entry is keyed by the account, its roles, clearance, org
 * scope and a fingerprint of its current 核查组 / 审查调查组 / 审理组 memberships, recusals and the campaigns
 * whose 专班 it is a member of today, and the 信息互通 grants its org holds today with their versions (none
 * of which the epoch covers; a membership or grant ending yesterday drops out of the fingerprint today,
 * a revocation or a narrowing changes the grant's version). A cached answer is therefore never served after a change.
 */
const caches = new WeakMap<object, Map<string, string>>();
const CAP = 500;

/** The scope part of a cache key: `commission` for the wide roles, else a fingerprint of what decides the caller's visibility. */
export async function dashboardScopeKey(ctx: Ctx): Promise<string> {
  if (isWideDashboard(ctx)) return 'commission';
  const a = ctx.actor;
  const { rows } = await sql<{ f: string | null }>`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(clue_id::text, ',' ORDER BY clue_id) FROM clue_team_member WHERE user_id = ${a.userId}::uuid AND left_on IS NULL),
      (SELECT string_agg(case_id::text || team || coalesce(left_on::text, ''), ',' ORDER BY case_id, team, left_on) FROM case_team_member WHERE user_id = ${a.userId}::uuid),
      (SELECT string_agg(object_id::text, ',' ORDER BY object_id) FROM recusal WHERE user_id = ${a.userId}::uuid),
      (SELECT 'campaigns:' || string_agg(DISTINCT tf.campaign_id::text, ',' ORDER BY tf.campaign_id::text) FROM task_force_member m JOIN task_force tf ON tf.id = m.task_force_id
        WHERE m.user_id = ${a.userId}::uuid AND tf.campaign_id IS NOT NULL AND current_date BETWEEN m.valid_from AND m.valid_to),
      ${(await grantsFor(ctx)).fingerprint}::text)) AS f`.execute(ctx.db);
  const scope = a.scope.wide ? 'wide' : a.scope.orgIds.join(',');
  return createHash('sha1')
    .update([a.userId, [...a.roles].sort().join(','), a.clearance, scope, rows[0]?.f ?? ''].join('\n'))
    .digest('base64url');
}

/** The dashboard as JSON (validated against DashboardSchema when computed), from cache when unchanged. */
export async function dashboardJson(ctx: Ctx, p: DashboardParams): Promise<string> {
  const cid = ctx.actor.commissionId;
  if (p.orgId) {
    const org = await ctx.db.selectFrom('org').select('id').where('id', '=', p.orgId).where('commission_id', '=', cid).executeTakeFirst();
    if (!org) throw notFound('组织');
  }
  const [meta, key] = await Promise.all([
    sql<{ epoch: number; today: string }>`SELECT epoch, to_char(current_date, 'YYYY-MM-DD') AS today FROM data_epoch WHERE area = 'clues'`.execute(ctx.db),
    dashboardScopeKey(ctx),
  ]);
  const m = meta.rows[0];
  const cacheKey = `${cid}:${p.year}:${p.orgId ?? '-'}:${m?.epoch ?? 0}:${m?.today ?? ''}:${key}`;
  let cache = caches.get(ctx.db);
  if (!cache) {
    cache = new Map();
    caches.set(ctx.db, cache);
  }
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const json = JSON.stringify(DashboardSchema.parse(await computeDashboard(ctx, p)) satisfies Dashboard);
  if (cache.size >= CAP) cache.clear();
  cache.set(cacheKey, json);
  return json;
}
