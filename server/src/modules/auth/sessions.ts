import { hasAnyRole } from '../../platform/access';
import { notFound } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';

/** Online sessions: one's own, or (security/system administrator) everyone's in the commission. */
export async function listSessions(ctx: Ctx, opts: { mine: boolean }) {
  let q = ctx.db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.public_id', 's.user_id', 'u.username', 'u.display_name', 's.created_at', 's.last_seen_at', 's.expires_at', 's.ip', 's.user_agent'])
    .where('s.commission_id', '=', ctx.actor.commissionId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .orderBy('s.last_seen_at', 'desc')
    .limit(500);
  if (opts.mine) q = q.where('s.user_id', '=', ctx.actor.userId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.public_id,
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    createdAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.public_id === ctx.actor.sessionId,
  }));
}

/** Ends a session: one's own, or any in the commission for the security administrator (强制下线). */
export async function revokeSession(ctx: Ctx, publicId: string) {
  const isAdmin = hasAnyRole(ctx.actor, ['SEC_ADMIN', 'SYS_ADMIN']);
  await ctx.db.transaction().execute(async (trx) => {
    let q = trx
      .updateTable('user_session')
      .set({ revoked_at: new Date(), revoked_reason: isAdmin ? 'FORCED' : 'USER' })
      .where('public_id', '=', publicId)
      .where('commission_id', '=', ctx.actor.commissionId)
      .where('revoked_at', 'is', null);
    if (!isAdmin) q = q.where('user_id', '=', ctx.actor.userId);
    const res = await q.returning('user_id').executeTakeFirst();
    if (!res) throw notFound('会话');
    await audit(trx, ctx, {
      type: 'auth.session_revoked',
      objectType: 'session',
      objectId: publicId,
      payload: { userId: res.user_id, forced: isAdmin && res.user_id !== ctx.actor.userId },
    });
  });
}

export async function listLoginLog(ctx: Ctx, q: { username?: string; outcome?: string; limit: number; before?: number }) {
  let query = ctx.db.selectFrom('login_log').selectAll().where('commission_id', '=', ctx.actor.commissionId).orderBy('id', 'desc').limit(q.limit);
  if (q.username) query = query.where('username', '=', q.username.toLowerCase());
  if (q.outcome) query = query.where('outcome', '=', q.outcome);
  if (q.before) query = query.where('id', '<', q.before);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    username: r.username,
    userId: r.user_id,
    ip: r.ip,
    userAgent: r.user_agent,
    outcome: r.outcome,
    detail: r.detail,
  }));
}
