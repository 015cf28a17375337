import { ADMIN_ROLES, type Role } from '@liandong/domain/access/enums';
import type { UserStatus } from '@liandong/domain/access/enums';
import type { User } from '@liandong/domain/users/contracts';
import { type Actor, hasAnyRole } from '../../platform/access';

/**
 * Who may do what to an account (三员 separation, architecture.md §4): the system administrator
 * creates and maintains accounts (data, org, disable/enable); the security administrator grants roles,
 * sets clearances, unlocks and resets credentials (a privileged account's reset needs a second
 * administrator's approval: resets.ts). Nobody changes their own roles or resets their own
 * credentials here (self-service lives under /auth).
 */

export interface UserFacts {
  id: string;
  status: UserStatus;
  lockedUntil: Date | null;
  totpEnabled: boolean;
}

export const canCreateUser = (actor: Actor) => hasAnyRole(actor, ['SYS_ADMIN']);

/** True while the account is locked by failed sign-ins (status LOCKED or a lockout still running). */
export function isLocked(u: Pick<UserFacts, 'status' | 'lockedUntil'>, now = Date.now()): boolean {
  return u.status === 'LOCKED' || (u.lockedUntil !== null && u.lockedUntil.getTime() > now);
}

export function userAbilities(actor: Actor, u: UserFacts, now = Date.now()): User['abilities'] {
  const sys = hasAnyRole(actor, ['SYS_ADMIN']);
  const sec = hasAnyRole(actor, ['SEC_ADMIN']);
  const self = actor.userId === u.id;
  return {
    update: sys,
    assignRoles: sec && !self,
    unlock: sec && u.status !== 'DISABLED' && isLocked(u, now),
    disable: sys && !self && u.status !== 'DISABLED',
    enable: sys && u.status === 'DISABLED',
    resetPassword: sec && !self && u.status !== 'DISABLED',
    resetTotp: sec && !self && u.totpEnabled,
    setClearance: sec && !self && u.status !== 'DISABLED',
  };
}

/**
 * Why a role set may not be held by one account, or null when it may: an administrator role is never
 * combined with a business role (the 三员 read no business content) nor with another administrator role.
 */
export function roleSetProblem(roles: readonly Role[]): string | null {
  const admin = roles.filter((r) => ADMIN_ROLES.includes(r));
  if (admin.length > 1) return '三员分立：一个账号只能担任系统管理员、安全管理员、安全审计员中的一种';
  if (admin.length === 1 && roles.length > 1) return '三员分立：管理员角色不能与业务角色兼任';
  return null;
}
