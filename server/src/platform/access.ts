import { type Classification, classificationRank, type Role } from '@liandong/domain/access/enums';
import { type Expression, type RawBuilder, sql } from 'kysely';
import type { OrgScope } from './scope-cache';

/** The signed-in account as every service sees it. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  personId: string;
  commissionId: string;
  orgId: string;
  roles: Role[];
  clearance: Classification;
  sessionId: string;
  /** Set while the session may only enrol TOTP or change the password. */
  restriction: 'TOTP_ENROLMENT' | 'PASSWORD_CHANGE' | null;
  /** Need-to-know org scope (actor_org_scope), loaded by the access hook from the scope cache. */
  scope: OrgScope;
}

/**
 * Access rule every /api route must declare (deny by default: registering a route without one makes
 * start-up fail). `public` routes need no session; otherwise the caller needs a session and, when
 * `roles` is a list, one of those roles. `allowRestricted` lets a restricted session through
 * (sign-out, /me, TOTP enrolment, password change).
 */
export type AccessRule = { public: true } | { roles: readonly Role[] | 'any'; allowRestricted?: boolean; notFoundOnDeny?: boolean };

/**
 * Route configs of a resource read by `roles`: its collection (403 to anyone else) and one object of
 * it (404 to anyone else, as if it did not exist).
 */
export function routeAccess(roles: readonly Role[]) {
  return { collection: { access: { roles } }, object: { access: { roles, notFoundOnDeny: true } } };
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** Clearance check: the account's clearance must reach the record's classification. */
export function clearedFor(actor: Actor, classification: Classification): boolean {
  return classificationRank(actor.clearance) >= classificationRank(classification);
}

/**
 * SQL: the org ids in the actor's need-to-know scope, as a one-column subquery named `org_id`.
 * The scope itself has one definition, the SQL function `actor_org_scope` (migration 0001); the
 * access hook evaluates it once per account and scope epoch (platform/scope-cache.ts).
 */
export function orgScopeSubquery(actor: Actor): RawBuilder<unknown> {
  if (actor.scope.wide) return sql`(SELECT id AS org_id FROM org WHERE commission_id = ${actor.commissionId}::uuid)`;
  return sql`(SELECT unnest(${actor.scope.orgIds}::uuid[]) AS org_id)`;
}

/** SQL predicate: `column` names an org inside the actor's scope. */
export function inOrgScope(actor: Actor, column: Expression<unknown> | string): RawBuilder<boolean> {
  const ref = typeof column === 'string' ? sql.ref(column) : column;
  if (actor.scope.wide) return sql<boolean>`${ref} IN (SELECT id FROM org WHERE commission_id = ${actor.commissionId}::uuid)`;
  return sql<boolean>`${ref} = ANY(${actor.scope.orgIds}::uuid[])`;
}

const CLASSIFICATION_ORDER = ['PUBLIC', 'WORK_SECRET', 'SECRET', 'CONFIDENTIAL', 'TOP_SECRET'];

/** The classifications above the actor's clearance: those recordVisible hides (the complement of its allowed list). */
export function classificationsAbove(actor: Actor): string[] {
  return CLASSIFICATION_ORDER.slice(classificationRank(actor.clearance) + 1);
}

/**
 * SQL predicate for a record's own attributes beyond org scope: clearance ≥ classification, named
 * knowledge scope (知悉范围) if the record has one, and no recusal (回避) of the actor from it.
 */
export function recordVisible(actor: Actor, cols: { classification: string; knowledgeScopeId?: string; objectType: string; id: string }): RawBuilder<boolean> {
  const allowed = CLASSIFICATION_ORDER.slice(0, classificationRank(actor.clearance) + 1);
  const ks = cols.knowledgeScopeId
    ? sql`AND (${sql.ref(cols.knowledgeScopeId)} IS NULL OR EXISTS (SELECT 1 FROM knowledge_scope_member ksm
        WHERE ksm.scope_id = ${sql.ref(cols.knowledgeScopeId)} AND ksm.user_id = ${actor.userId}::uuid))`
    : sql``;
  return sql<boolean>`(${sql.ref(cols.classification)} = ANY(${allowed}::text[]) ${ks}
    AND NOT EXISTS (SELECT 1 FROM recusal rc WHERE rc.user_id = ${actor.userId}::uuid
      AND rc.object_type = ${cols.objectType} AND rc.object_id = ${sql.ref(cols.id)}))`;
}
