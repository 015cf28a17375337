import type { Role } from '@liandong/domain/access/enums';
import type { Me } from '@liandong/domain/auth/contracts';

/**
 * Which screens a user may open. This only decides navigation (menu and the 403 page); the server
 * enforces every rule again and answers 403/404 on its own.
 */
export type ScreenRule = (me: Me) => boolean;

const everyone: ScreenRule = () => true;
/** Any role except the 三员 (server truth: `me.business`). */
const business: ScreenRule = (me) => me.business;
const roles =
  (...allowed: Role[]): ScreenRule =>
  (me) =>
    me.user.roles.some((r) => allowed.includes(r));
const either =
  (...rules: ScreenRule[]): ScreenRule =>
  (me) =>
    rules.some((rule) => rule(me));

export const SCREEN_RULES = {
  '/': everyone,
  '/org/tree': either(business, roles('SYS_ADMIN', 'SEC_ADMIN')),
  '/org/map': either(business, roles('SYS_ADMIN')),
  '/org/leaders': either(business, roles('SYS_ADMIN')),
  '/org/zones': either(business, roles('SYS_ADMIN')),
  '/people': business,
  '/admin/users': roles('SYS_ADMIN', 'SEC_ADMIN'),
  '/admin/sessions': roles('SEC_ADMIN', 'SYS_ADMIN'),
  '/admin/login-log': roles('SEC_ADMIN', 'AUDIT_ADMIN'),
  '/admin/calendar': everyone,
  '/admin/dictionaries': roles('SYS_ADMIN'),
  '/admin/settings': roles('SEC_ADMIN', 'SYS_ADMIN'),
  '/audit': roles('AUDIT_ADMIN'),
  '/inbox': everyone,
  '/account/password': everyone,
  '/account/totp': everyone,
  '/account/sessions': everyone,
} as const satisfies Record<string, ScreenRule>;

export type ScreenPath = keyof typeof SCREEN_RULES;

export function canOpen(path: ScreenPath, me: Me): boolean {
  return SCREEN_RULES[path](me);
}
