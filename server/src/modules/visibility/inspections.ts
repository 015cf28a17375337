import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole, recordVisible } from '../../platform/access';
import { CAMPAIGN_READ_ROLES, campaignMemberArm, campaignVisible } from './campaigns';
import { type SharedRead, sharedTo } from './shares';

/*
 * 四不两直: a check is secret until its visit date. ONE predicate, `inspectionVisible`, decides who sees a
 * check; every query of this module (list, detail, findings, photos, export, counts, notices, the
 * attachment owner registry) goes through it, so a row outside it is a 404 and never a count.
 */

/** Roles whose routes reach checks at all (the campaign's readers); unit liaisons and the 三员 never do. */
export const INSPECTION_ROLES = CAMPAIGN_READ_ROLES;

/** SQL: the actor is a 分管领导 who oversees, today, the org in `orgColumn` (or the office liaising with it). */
export function oversees(actor: Actor, orgColumn: RawBuilder<unknown>): RawBuilder<boolean> {
  if (!hasAnyRole(actor, ['DEPUTY_OR_MEMBER'])) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM oversight ov JOIN leadership_member lm ON lm.id = ov.leader_id
    WHERE lm.person_id = ${actor.personId}::uuid AND ov.commission_id = ${actor.commissionId}::uuid
      AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)
      AND (lm.valid_to IS NULL OR lm.valid_to >= current_date)
      AND (ov.office_id = ${orgColumn} OR ov.office_id IN (SELECT li.office_id FROM liaison li WHERE li.target_id = ${orgColumn}
        AND li.valid_from <= current_date AND (li.valid_to IS NULL OR li.valid_to >= current_date))))`;
}

/** SQL: the actor is, today, a 双组长 (CO_LEADER) of the 专班 of the campaign aliased `c`. */
export function coLeaderOf(actor: Actor, c = 'c'): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM task_force_member m JOIN task_force tf ON tf.id = m.task_force_id
    WHERE tf.campaign_id = ${sql.ref(`${c}.id`)} AND m.user_id = ${actor.userId}::uuid AND m.role = 'CO_LEADER'
      AND current_date BETWEEN m.valid_from AND m.valid_to)`;
}

/**
 * SQL: the actor approves checks of the campaign aliased `c` — the 书记, the leader overseeing its lead
 * office, or one of its 专班 co-leaders. Why: they must know a secret plan to approve or stop it.
 */
export function approverOf(actor: Actor, c = 'c'): RawBuilder<boolean> {
  if (hasAnyRole(actor, ['SECRETARY'])) return sql<boolean>`true`;
  return sql<boolean>`(${oversees(actor, sql.ref(`${c}.lead_org_id`))} OR ${coLeaderOf(actor, c)})`;
}

/** SQL: the actor plans checks of the campaign aliased `c` — staff of its lead office, or its 专班 co-leaders. */
export function plannerOf(actor: Actor, c = 'c'): RawBuilder<boolean> {
  const lead = hasAnyRole(actor, ['OFFICE_STAFF']) ? sql<boolean>`${sql.ref(`${c}.lead_org_id`)} = ${actor.orgId}::uuid` : sql<boolean>`false`;
  return sql<boolean>`(${lead} OR ${coLeaderOf(actor, c)})`;
}

/** SQL: the actor is on the team of the check aliased `i`. */
export function onTeam(actor: Actor, i = 'i'): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM inspection_team tm WHERE tm.inspection_id = ${sql.ref(`${i}.id`)} AND tm.user_id = ${actor.userId}::uuid)`;
}

/**
 * SQL predicate over an `inspection` row aliased `i` (default 'i'): the check is visible to the actor.
 * - Before its visit date: only to its team, whoever planned it, and its approvers (the 书记, the leader
 *   overseeing the campaign's lead office, the campaign's 专班 co-leaders) — not to the campaign's other
 *   readers, and never to the target units (their liaisons reach no campaign route).
 * - From its visit date on: also to whoever sees the campaign (`campaignVisible`) and to the members of
 *   the campaign's 专班 (`campaignMemberArm`).
 * Always: own commission, clearance ≥ classification, no recusal.
 */
export function inspectionVisible(actor: Actor, i = 'i', opts: { shared?: SharedRead } = {}): RawBuilder<boolean> {
  if (!hasAnyRole(actor, INSPECTION_ROLES)) return sql<boolean>`false`;
  const col = (name: string) => sql.ref(`${i}.${name}`);
  const due = sql<boolean>`${col('visit_on')} <= current_date`;
  // 信息互通: a grant opens a check (with its findings) once visited — never a secret plan before its date.
  const shared = opts.shared ? sql<boolean>`(${due} AND ${sharedTo('INSPECTION', i, opts.shared)})` : sql<boolean>`false`;
  return sql<boolean>`(${col('commission_id')} = ${actor.commissionId}::uuid
    AND ${recordVisible(actor, { classification: `${i}.classification`, objectType: 'inspection', id: `${i}.id` })}
    AND (${col('created_by')} = ${actor.userId}::uuid
      OR ${onTeam(actor, i)}
      OR EXISTS (SELECT 1 FROM campaign ic WHERE ic.id = ${col('campaign_id')}
           AND (${approverOf(actor, 'ic')} OR (${due} AND ${campaignVisible(actor, 'ic')})))
      OR (${due} AND ${campaignMemberArm(actor, col('campaign_id'))})
      OR ${shared}))`;
}

/** SQL: `SELECT i.id FROM inspection_finding …` of the findings whose check the actor sees (attachment owner registry). */
export function visibleFindingIds(actor: Actor): RawBuilder<{ id: string }> {
  return sql`SELECT f.id FROM inspection_finding f JOIN inspection i ON i.id = f.inspection_id WHERE ${inspectionVisible(actor, 'i')}`;
}
