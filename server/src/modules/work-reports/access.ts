import type { Role } from '@liandong/domain/access/enums';
import type { ReportActor } from '@liandong/domain/work-reports/machine';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole, recordVisible } from '../../platform/access';
import { REPORT_ROLES } from '@liandong/domain/access/role-sets';
export { REPORT_ROLES };

/*
 * Who sees and does what in the reporting calendar and the work reports (issue 11, 统一调度). Deny by default.
 *
 * Calendar slots (汇报计划): the leaders (书记, 分管领导, 常委), the coordinating office (党风政风监督室, which
 * keeps the calendar) and each reporter org's own staff for its own slots. The schedule is set by the
 * coordinating office's staff and the 书记.
 *
 * Reports (工作报告), by stage:
 * - the reporter org's staff: always (they draft it);
 * - its approver (approves()), from the moment it is submitted for approval: the org's head (本单位负责人,
 *   org.head_user_id — the 组长 / 书记 who signs the unit's upward report, domain.md f.4 签发人); when no head
 *   counts (none recorded, or the account is disabled or has left the org) or the head drafted or submitted
 *   the report themself (four eyes would leave nobody), the 分管领导 who oversees the org today (directly, or
 *   through the 监督检查室 that liaises with it: how letters pick their 签发 leader);
 * - the 书记, the other leaders, the 常委 and the coordinating office: once it has been submitted to the
 *   常委会. The 书记 chairs the 常委会 the report goes to: he hears it, he does not approve it for the unit —
 *   except as the last resort, when neither a head nor any 分管领导 overseeing the org is there to approve it.
 * Nobody else: another group or county gets 404. Always own commission, clearance, no recusal.
 */

/** Staff roles of a reporter org (派驻组, 县区纪委监委). */
export const REPORTER_STAFF_ROLES: readonly Role[] = ['GROUP_STAFF', 'COUNTY_STAFF'];
const LEADER_ROLES: readonly Role[] = ['SECRETARY', 'DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE'];

/** States the readers beyond the reporter org and its head see (报送常委会 onwards). */
export const COMMITTEE_STATES = ['SUBMITTED', 'HEARD'] as const;

/** SQL: the actor belongs to the coordinating office (党风政风监督室) as its staff. */
export function coordinates(actor: Actor): RawBuilder<boolean> {
  if (!hasAnyRole(actor, ['OFFICE_STAFF'])) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM org co WHERE co.id = ${actor.orgId}::uuid AND co.kind = 'INTERNAL_OFFICE' AND co.office_kind = 'PARTY_CONDUCT')`;
}

/** SQL: an oversight in force today of the org in `org` (or of the office liaising with it), by a leader matching `who`. */
function overseenBy(commissionId: string, org: RawBuilder<unknown>, who: RawBuilder<boolean>): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM oversight ov JOIN leadership_member lm ON lm.id = ov.leader_id
    WHERE ${who} AND ov.commission_id = ${commissionId}::uuid
      AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)
      AND (lm.valid_to IS NULL OR lm.valid_to >= current_date)
      AND (ov.office_id = ${org} OR ov.office_id IN (SELECT li.office_id FROM liaison li WHERE li.target_id = ${org}
        AND li.valid_from <= current_date AND (li.valid_to IS NULL OR li.valid_to >= current_date))))`;
}

/** SQL: the actor is a 分管领导 overseeing, today, the org in `org` (or the office liaising with it). */
export function oversees(actor: Actor, org: RawBuilder<unknown>): RawBuilder<boolean> {
  if (!hasAnyRole(actor, ['DEPUTY_OR_MEMBER'])) return sql<boolean>`false`;
  return overseenBy(actor.commissionId, org, sql<boolean>`lm.person_id = ${actor.personId}::uuid`);
}

/**
 * SQL (FROM … WHERE, account aliased `hu`): the head recorded for the org in `org`, if that account is not
 * disabled and still belongs to the org. Callers append `AND …` conditions.
 */
export const countingHead = (org: RawBuilder<unknown>) => sql`org ho JOIN app_user hu ON hu.id = ho.head_user_id
  WHERE ho.id = ${org} AND hu.org_id = ho.id AND hu.status <> 'DISABLED'`;

/**
 * SQL: the actor approves the work report aliased `r` (the HEAD of its machine): the head of the reporter org
 * (a head who left the org or was disabled no longer counts); the overseeing 分管领导 instead when no head counts
 * or the head drafted or submitted the report (so no report is left without an approver; the workflow's
 * four-eyes guard still refuses the head their own report).
 */
export function approves(actor: Actor, r = 'r'): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${r}.${c}`);
  const org = col('reporter_org_id');
  const isHead = sql<boolean>`EXISTS (SELECT 1 FROM ${countingHead(org)} AND hu.id = ${actor.userId}::uuid)`;
  if (!hasAnyRole(actor, ['DEPUTY_OR_MEMBER', 'SECRETARY'])) return isHead;
  const headMayApprove = sql<boolean>`EXISTS (SELECT 1 FROM ${countingHead(org)}
    AND hu.id <> ${col('created_by')} AND hu.id IS DISTINCT FROM ${col('submitted_by')})`;
  // Last resort, so a report is never stranded: the 书记 when no 分管领导 oversees the org today either.
  const stranded = hasAnyRole(actor, ['SECRETARY']) ? sql<boolean>`NOT ${overseenBy(actor.commissionId, org, sql<boolean>`true`)}` : sql<boolean>`false`;
  return sql<boolean>`(${isHead} OR (NOT ${headMayApprove} AND (${oversees(actor, org)} OR ${stranded})))`;
}

/** SQL: the actor is staff of the reporter org in `org`. */
export function draftsFor(actor: Actor, org: RawBuilder<unknown>): RawBuilder<boolean> {
  if (!hasAnyRole(actor, REPORTER_STAFF_ROLES)) return sql<boolean>`false`;
  return sql<boolean>`${org} = ${actor.orgId}::uuid`;
}

/** SQL predicate over a `report_slot` row aliased `s`. */
export function slotVisible(actor: Actor, s = 's'): RawBuilder<boolean> {
  if (!hasAnyRole(actor, REPORT_ROLES)) return sql<boolean>`false`;
  const col = (c: string) => sql.ref(`${s}.${c}`);
  const wide = hasAnyRole(actor, LEADER_ROLES) ? sql<boolean>`true` : coordinates(actor);
  return sql<boolean>`(${col('commission_id')} = ${actor.commissionId}::uuid AND (${wide} OR ${draftsFor(actor, col('reporter_org_id'))}))`;
}

/** SQL predicate over a `work_report` row aliased `r`: the one rule of every read, lock, export and notice. */
export function reportVisible(actor: Actor, r = 'r'): RawBuilder<boolean> {
  if (!hasAnyRole(actor, REPORT_ROLES)) return sql<boolean>`false`;
  const col = (c: string) => sql.ref(`${r}.${c}`);
  const readers = hasAnyRole(actor, LEADER_ROLES) ? sql<boolean>`true` : coordinates(actor);
  return sql<boolean>`(${col('commission_id')} = ${actor.commissionId}::uuid
    AND (${draftsFor(actor, col('reporter_org_id'))}
      OR (${col('state')} NOT IN ('DRAFT') AND ${approves(actor, r)})
      OR (${col('state')} IN ('SUBMITTED','HEARD') AND ${readers}))
    AND ${recordVisible(actor, { classification: `${r}.classification`, objectType: 'work_report', id: `${r}.id` })})`;
}

/** SQL: the actor maintains the calendar (sets schedules): the 书记 or the coordinating office's staff. */
export function managesCalendar(actor: Actor): RawBuilder<boolean> {
  return hasAnyRole(actor, ['SECRETARY']) ? sql<boolean>`true` : coordinates(actor);
}

/** The facts of a report the roles are computed from. */
export interface ReportFacts {
  reporter_org_id: string;
  /** The actor approves the report (approves() evaluated in the scoped read). */
  headed: boolean;
}

/** The caller's roles on a report: DRAFTER (its org's staff), HEAD (the org's head, or the overseeing 分管领导 in its stead). */
export function reportRoles(actor: Actor, r: ReportFacts): ReportActor[] {
  const roles: ReportActor[] = [];
  if (hasAnyRole(actor, REPORTER_STAFF_ROLES) && actor.orgId === r.reporter_org_id) roles.push('DRAFTER');
  if (r.headed) roles.push('HEAD');
  return roles;
}

/** SQL: the org aliased `o` may report to the 常委会: a county commission or a dispatched group of the municipal commission. */
export function isReporterOrg(o = 'o'): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${o}.${c}`);
  return sql<boolean>`(${col('kind')} IN ('COUNTY_COMMISSION','NEW_AREA_COMMISSION','DISPATCHED_GROUP')
    AND EXISTS (SELECT 1 FROM org po WHERE po.id = ${col('parent_id')} AND po.kind = 'MUNICIPAL_COMMISSION')
    AND (${col('valid_to')} IS NULL OR ${col('valid_to')} >= current_date))`;
}

/** SQL: the reporter kind (GROUP / COUNTY) of the org aliased `o`. */
export function reporterKindSql(o = 'o'): RawBuilder<'GROUP' | 'COUNTY'> {
  return sql<'GROUP' | 'COUNTY'>`(CASE WHEN ${sql.ref(`${o}.kind`)} = 'DISPATCHED_GROUP' THEN 'GROUP' ELSE 'COUNTY' END)`;
}
