import type { Classification, Role } from '@liandong/domain/access/enums';
import { sql } from 'kysely';
import { type Db, prepared } from '../../db/pool';
import type { Actor } from '../../platform/access';
import { randomToken, sha256 } from '../../platform/crypto';
import { getOrgScope } from '../../platform/scope-cache';
import { getSettings } from '../../platform/settings';

export const SESSION_COOKIE = 'ld_sid';

export function hashSessionToken(token: string): Buffer {
  return Buffer.from(sha256(token), 'hex');
}

export async function createSession(
  db: Pick<Db, 'insertInto'>,
  input: { userId: string; commissionId: string; ip: string; userAgent: string | undefined; absoluteHours: number; restriction: Actor['restriction'] },
): Promise<{ token: string; publicId: string }> {
  const token = randomToken();
  const row = await db
    .insertInto('user_session')
    .values({
      id_hash: hashSessionToken(token),
      user_id: input.userId,
      commission_id: input.commissionId,
      expires_at: new Date(Date.now() + input.absoluteHours * 3600_000),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      restriction: input.restriction,
    })
    .returning('public_id')
    .executeTakeFirstOrThrow();
  return { token, publicId: row.public_id };
}

export type SessionLookup = { actor: Actor } | { expired: true } | null;

/**
 * Per-node cache of resolved sessions, for `cacheMs` (config SESSION_CACHE_MS, default 2 s; 0 in
 * tests). It saves the session round trip on bursts of requests. Any state-changing request on this
 * node clears it (app.ts), so sign-out, forced logout, role and link changes apply at once here and
 * within `cacheMs` on other nodes (docs/adr/0003-session-cache.md).
 */
const sessionCaches = new WeakMap<Db, Map<string, { at: number; actor: Actor }>>();

export function clearSessionCache(db: Db): void {
  sessionCaches.get(db)?.clear();
}

/**
 * Resolves a session cookie to the actor in one query. Enforces the absolute expiry and the idle
 * timeout (a session idle too long is revoked), and refreshes last_seen_at at most once a minute.
 */
export async function loadSession(db: Db, token: string, cacheMs = 0): Promise<SessionLookup> {
  let cache = sessionCaches.get(db);
  if (!cache) {
    cache = new Map();
    sessionCaches.set(db, cache);
  }
  if (cacheMs > 0) {
    const hit = cache.get(token);
    if (hit && Date.now() - hit.at < cacheMs) return { actor: hit.actor };
  }
  const found = await lookupSession(db, token);
  if (cacheMs > 0 && found && 'actor' in found) {
    if (cache.size > 50_000) cache.clear();
    cache.set(token, { at: Date.now(), actor: found.actor });
  }
  return found;
}

async function lookupSession(db: Db, token: string): Promise<SessionLookup> {
  const idHash = hashSessionToken(token);
  // One named statement: the session, its account, roles and the scope epoch (prepared per connection).
  const { rows } = await prepared(
    sql<{
      public_id: string;
      last_seen_at: Date;
      expires_at: Date;
      restriction: string | null;
      revoked_at: Date | null;
      id: string;
      username: string;
      display_name: string;
      person_id: string;
      commission_id: string;
      org_id: string;
      clearance: string;
      status: string;
      roles: Role[];
      scope_epoch: number;
    }>`SELECT s.public_id, s.last_seen_at, s.expires_at, s.restriction, s.revoked_at, u.id, u.username, u.display_name,
              u.person_id, u.commission_id, u.org_id, u.clearance, u.status,
              ARRAY(SELECT role FROM user_role r WHERE r.user_id = u.id ORDER BY role) AS roles,
              (SELECT epoch FROM scope_epoch WHERE id = 1) AS scope_epoch
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id_hash = ${idHash}`,
  ).execute(db);
  const row = rows[0];
  if (!row || row.revoked_at) return null;
  // A lock after failed sign-ins stops new sign-ins, not the owner's open sessions (else anyone could end them).
  if (row.status === 'DISABLED') return null;
  const now = Date.now();
  const settings = await getSettings(db, row.commission_id);
  if (row.expires_at.getTime() <= now || now - row.last_seen_at.getTime() > settings['session.idleMinutes'] * 60_000) {
    await db
      .updateTable('user_session')
      .set({ revoked_at: new Date(), revoked_reason: 'EXPIRED' })
      .where('id_hash', '=', idHash)
      .where('revoked_at', 'is', null)
      .execute();
    return { expired: true };
  }
  if (now - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('user_session').set({ last_seen_at: new Date() }).where('id_hash', '=', idHash).execute();
  }
  return {
    actor: {
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      personId: row.person_id,
      commissionId: row.commission_id,
      orgId: row.org_id,
      roles: row.roles,
      clearance: row.clearance as Classification,
      sessionId: row.public_id,
      restriction: row.restriction as Actor['restriction'],
      scope: await getOrgScope(db, row.id, row.commission_id, row.scope_epoch),
    },
  };
}
