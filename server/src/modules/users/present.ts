import type { Classification, UserStatus } from '@liandong/domain/access/enums';
import type { User } from '@liandong/domain/users/contracts';
import type { Actor } from '../../platform/access';
import { userAbilities } from './policy';
import type { UserRow } from './repo';

/** Row → API shape with the caller's abilities. Hashes and TOTP secrets are not even selected. */
export function presentUser(row: UserRow, actor: Actor): User {
  const status = row.status as UserStatus;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    orgId: row.org_id,
    orgName: row.org_name,
    roles: row.roles,
    clearance: row.clearance as Classification,
    status,
    totpEnabled: row.totp_enabled,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    lockedUntil: row.locked_until?.toISOString() ?? null,
    mustChangePassword: row.must_change_password,
    version: row.version,
    abilities: userAbilities(actor, { id: row.id, status, lockedUntil: row.locked_until, totpEnabled: row.totp_enabled }),
  };
}
