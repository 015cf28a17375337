import { type RawBuilder, sql } from 'kysely';
import { type Actor, inOrgScope, orgScopeSubquery } from '../../platform/access';
import { seesWholeStructure } from './policy';

/*
 * Visibility of structure rows in SQL (style rule 5): one helper per entity, all built on
 * actor_org_scope (migration 0001), the single definition of an account's org scope. The system and
 * security administrators see the whole commission's structure; callers always add the
 * commission_id filter themselves.
 */

const TRUE = sql<boolean>`true`;

/** An org (column holding its id) is visible as structure. */
export function orgVisible(actor: Actor, column: string): RawBuilder<boolean> {
  return seesWholeStructure(actor) ? TRUE : inOrgScope(actor, column);
}

/**
 * A link of the `org_link` view (alias) is visible when either org end is in scope: the office,
 * group, host unit or member, or the org that stands for the from end (the leader's commission for
 * 分管 — 领导分工 is published inside the commission — and the zone's county for 片区成员).
 */
export function linkVisible(actor: Actor, alias: string): RawBuilder<boolean> {
  if (seesWholeStructure(actor)) return TRUE;
  const scope = orgScopeSubquery(actor);
  return sql<boolean>`(${sql.ref(`${alias}.to_id`)} IN ${scope} OR ${sql.ref(`${alias}.from_org_id`)} IN ${scope})`;
}

/** A 委领导 (alias of leadership_member) is visible when their commission or an office they oversee today is in scope. */
export function leaderVisible(actor: Actor, alias: string): RawBuilder<boolean> {
  if (seesWholeStructure(actor)) return TRUE;
  const scope = orgScopeSubquery(actor);
  return sql<boolean>`(${sql.ref(`${alias}.org_id`)} IN ${scope} OR EXISTS (SELECT 1 FROM oversight ov
    WHERE ov.leader_id = ${sql.ref(`${alias}.id`)} AND ov.valid_from <= current_date
      AND (ov.valid_to IS NULL OR ov.valid_to >= current_date) AND ov.office_id IN ${scope}))`;
}

/** A 片区 (alias of work_zone) is visible when its county, its lead or one of today's members is in scope. */
export function zoneVisible(actor: Actor, alias: string): RawBuilder<boolean> {
  if (seesWholeStructure(actor)) return TRUE;
  const scope = orgScopeSubquery(actor);
  return sql<boolean>`(${sql.ref(`${alias}.county_org_id`)} IN ${scope} OR ${sql.ref(`${alias}.lead_org_id`)} IN ${scope}
    OR EXISTS (SELECT 1 FROM work_zone_member zm WHERE zm.zone_id = ${sql.ref(`${alias}.id`)}
      AND (zm.valid_to IS NULL OR zm.valid_to >= current_date) AND zm.org_id IN ${scope}))`;
}

/** A person (column holding their unit id) is visible: business content, always scoped, never wide. */
export function personVisible(actor: Actor, unitColumn: string): RawBuilder<boolean> {
  return inOrgScope(actor, unitColumn);
}

/** SQL: a dated row is in force today (validFrom ≤ today ≤ validTo). */
export function inForceToday(alias: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${alias}.valid_from`)} <= current_date AND (${sql.ref(`${alias}.valid_to`)} IS NULL OR ${sql.ref(`${alias}.valid_to`)} >= current_date))`;
}

/** SQL: a dated row has not ended (it may still start in the future). */
export function notEnded(alias: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${alias}.valid_to`)} IS NULL OR ${sql.ref(`${alias}.valid_to`)} >= current_date)`;
}
