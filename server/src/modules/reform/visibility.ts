import type { Role } from '@liandong/domain/access/enums';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole, inOrgScope } from '../../platform/access';
import { caseVisible } from '../cases/visibility';

/**
 * Who sees what of 以案促改 (issue 5; domain.md d). One definition per object, used by every query.
 *
 * - The recipient unit's contact person (UNIT_LIAISON) sees only the letters addressed to their own
 *   unit once issued (never drafts) and the rectification tasks of their unit — nothing else anywhere.
 * - 书记, 案管室 and the standing committee, and the commission-wide coordinators (党风政风监督室), see the
 *   commission's letters, tasks, reform records and accountability records.
 * - Offices, groups, counties and 分管领导 see what their org scope drafts, supervises or concerns (the
 *   recipient unit in scope: a group sees letters to its host units), and the reform record and letters of
 *   a case they can see.
 * - 审理室 staff review letters (legal/trial review) and see them once submitted for review.
 */
export const REFORM_WIDE_ROLES: readonly Role[] = ['SECRETARY', 'CASE_MANAGER', 'STANDING_COMMITTEE'];
export const REFORM_SCOPED_ROLES: readonly Role[] = ['DEPUTY_OR_MEMBER', 'OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF'];
/** Staff roles that reach the reform routes (the liaison has its own, narrower door on the same routes). */
export const REFORM_STAFF_ROLES: readonly Role[] = [...REFORM_WIDE_ROLES, ...REFORM_SCOPED_ROLES, 'TRIAL_STAFF'];
export const REFORM_READ_ROLES: readonly Role[] = [...REFORM_STAFF_ROLES, 'UNIT_LIAISON'];

/** Letter states a recipient may see: from issuing on (a draft is never shown outside the commission). */
export const LETTER_RECIPIENT_STATES = ['ISSUED', 'SERVED', 'OBJECTED', 'RECTIFYING', 'REPLIED', 'EVALUATED', 'CLOSED', 'NON_COMPLIANT', 'ESCALATED'] as const;

function isWide(actor: Actor): boolean {
  return hasAnyRole(actor, REFORM_WIDE_ROLES) || (hasAnyRole(actor, REFORM_SCOPED_ROLES) && actor.scope.wide);
}
function isLiaisonOnly(actor: Actor): boolean {
  return hasAnyRole(actor, ['UNIT_LIAISON']) && !hasAnyRole(actor, REFORM_STAFF_ROLES);
}
const ref = (t: string, c: string) => sql.ref(`${t}.${c}`);
/**
 * The record belongs to a case the actor sees. As `= ANY(ARRAY(SELECT …))` (an init plan evaluated once per
 * query) so the org-scope arms of the same OR stay index conditions (bench: letter ledger, office staff).
 */
const caseArm = (actor: Actor, t: string) => sql<boolean>`${ref(t, 'case_id')} = ANY(ARRAY(SELECT kv.id FROM case_file kv WHERE ${caseVisible(actor, 'kv')}))`;

/** SQL predicate over a `recommendation` row aliased `t`. */
export function letterVisible(actor: Actor, t = 'recommendation'): RawBuilder<boolean> {
  const same = sql<boolean>`${ref(t, 'commission_id')} = ${actor.commissionId}::uuid`;
  if (isLiaisonOnly(actor)) {
    return sql<boolean>`(${same} AND ${ref(t, 'recipient_org_id')} = ${actor.orgId}::uuid
      AND ${ref(t, 'state')} = ANY(${[...LETTER_RECIPIENT_STATES]}::text[]))`;
  }
  if (isWide(actor)) return same;
  const arms: RawBuilder<boolean>[] = [caseArm(actor, t)];
  if (hasAnyRole(actor, REFORM_SCOPED_ROLES)) arms.push(inOrgScope(actor, ref(t, 'drafting_org_id')), inOrgScope(actor, ref(t, 'recipient_org_id')));
  if (hasAnyRole(actor, ['TRIAL_STAFF'])) arms.push(sql<boolean>`${ref(t, 'state')} NOT IN ('DRAFTING','CONSULTING')`);
  return sql<boolean>`(${same} AND (${sql.join(arms, sql` OR `)}))`;
}

/** SQL predicate over a `rectification_task` row aliased `t`. */
export function taskVisible(actor: Actor, t = 'rectification_task'): RawBuilder<boolean> {
  const same = sql<boolean>`${ref(t, 'commission_id')} = ${actor.commissionId}::uuid`;
  if (isLiaisonOnly(actor)) return sql<boolean>`(${same} AND ${ref(t, 'unit_org_id')} = ${actor.orgId}::uuid)`;
  if (isWide(actor)) return same;
  if (!hasAnyRole(actor, REFORM_SCOPED_ROLES)) return sql<boolean>`(${same} AND ${ref(t, 'supervisor_user_id')} = ${actor.userId}::uuid)`;
  return sql<boolean>`(${same} AND (${inOrgScope(actor, ref(t, 'supervisor_org_id'))} OR ${inOrgScope(actor, ref(t, 'unit_org_id'))}
    OR ${ref(t, 'supervisor_user_id')} = ${actor.userId}::uuid))`;
}

/** SQL predicate over a `reform_record` row aliased `t` (never the liaison). */
export function reformVisible(actor: Actor, t = 'reform_record'): RawBuilder<boolean> {
  const same = sql<boolean>`${ref(t, 'commission_id')} = ${actor.commissionId}::uuid`;
  if (isLiaisonOnly(actor)) return sql<boolean>`false`;
  if (isWide(actor)) return same;
  const arms: RawBuilder<boolean>[] = [caseArm(actor, t)];
  if (hasAnyRole(actor, REFORM_SCOPED_ROLES)) arms.push(inOrgScope(actor, ref(t, 'owner_org_id')), inOrgScope(actor, ref(t, 'unit_org_id')));
  return sql<boolean>`(${same} AND (${sql.join(arms, sql` OR `)}))`;
}

/** SQL predicate over an `accountability` row aliased `t` (never the liaison). */
export function accountabilityVisible(actor: Actor, t = 'accountability'): RawBuilder<boolean> {
  const same = sql<boolean>`${ref(t, 'commission_id')} = ${actor.commissionId}::uuid`;
  if (isLiaisonOnly(actor)) return sql<boolean>`false`;
  if (isWide(actor)) return same;
  const arms: RawBuilder<boolean>[] = [caseArm(actor, t)];
  if (hasAnyRole(actor, REFORM_SCOPED_ROLES)) arms.push(inOrgScope(actor, ref(t, 'owner_org_id')), inOrgScope(actor, ref(t, 'target_org_id')));
  return sql<boolean>`(${same} AND (${sql.join(arms, sql` OR `)}))`;
}

/** SQL predicate over a `bulletin` row aliased `t`: its owner's scope, or system-wide/public ones for all staff. */
export function bulletinVisible(actor: Actor, t = 'bulletin'): RawBuilder<boolean> {
  const same = sql<boolean>`${ref(t, 'commission_id')} = ${actor.commissionId}::uuid`;
  if (isLiaisonOnly(actor)) return sql<boolean>`(${same} AND ${ref(t, 'scope')} = 'PUBLIC' AND ${ref(t, 'issued_on')} IS NOT NULL)`;
  if (isWide(actor)) return same;
  const arms: RawBuilder<boolean>[] = [sql<boolean>`(${ref(t, 'scope')} <> 'INTERNAL' AND ${ref(t, 'issued_on')} IS NOT NULL)`];
  if (hasAnyRole(actor, REFORM_SCOPED_ROLES)) arms.push(inOrgScope(actor, ref(t, 'owner_org_id')));
  return sql<boolean>`(${same} AND (${sql.join(arms, sql` OR `)}))`;
}
