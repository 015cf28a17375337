import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole, recordVisible } from '../../platform/access';
import { campaignMemberArm } from './campaigns';
import { type SharedRead, sharedParts } from './shares';
import { armsPredicate, type KeyedArms } from '../../platform/keyed-page';
import { CASE_BOOK_ROLES, CASE_SCOPED_ROLES, CASE_READ_ROLES } from '@liandong/domain/access/role-sets';
export { CASE_BOOK_ROLES, CASE_SCOPED_ROLES, CASE_READ_ROLES };

/**
 * Who sees which case (domain.md d, issue 4): the one definition every case query uses.
 *
 * - The 书记 and the 案管室 see every case of their commission (the 案管室 oversees the process).
 * - 分管领导, county staff and dispatched-group staff see the cases their scope leads (lead_org_id in
 *   scope): what a leader oversees, a county's own cases, a group's own cases.
 * - 审查调查室 and other office staff see case content only while on its team (室组联合办案: members drawn
 *   from offices, groups and counties see the case for as long as they are on the team).
 * - 审理室 staff see cases once transferred to trial — never one whose investigation team they were on.
 * - A member of a campaign's 工作专班 sees, for the membership's dates, the cases filed on the campaign's
 *   clues (issue 10: a case belongs to a campaign through the clue it was filed on).
 * - With `shared` (ledger, detail, search, export, dashboard): the staff of an org holding a 信息互通 grant
 *   in force on the case or on its lead org's cases (visibility/shares.ts).
 * - Standing committee: aggregates only; unit liaisons and the 三员: nothing.
 */

/** States from the transfer to trial on: what 审理室 staff may see. */
export const TRIAL_VISIBLE_STATES = [
  'IN_TRIAL',
  'SUPPLEMENT_REQUESTED',
  'TRIAL_DELIBERATED',
  'DECIDED',
  'PROSECUTION_TRANSFERRED',
  'SANCTION_ANNOUNCED',
  'EXECUTED',
  'ARCHIVED',
] as const;

/** SQL predicate over a `case_file` row aliased `t` (default 'case_file'). */
export function caseVisible(actor: Actor, t = 'case_file', opts: { shared?: SharedRead; storedTeamGate?: boolean } = {}): RawBuilder<boolean> {
  const arms = caseVisibleArms(actor, t, opts);
  return arms.book ? sql<boolean>`${arms.scope}` : sql<boolean>`(${arms.scope} AND ${armsPredicate(arms, t)})`;
}

/**
 * `caseVisible` taken apart into the arms of its OR (issue 12): the org-keyed arms (lead org in scope, the
 * owner orgs of 信息互通 category grants) and the others (team, trial, 专班, named grants). `caseVisible` is
 * built from these arms; the keyed ledger page (platform/keyed-page.ts) reads them.
 */
export function caseVisibleArms(actor: Actor, t = 'case_file', opts: { shared?: SharedRead; storedTeamGate?: boolean } = {}): KeyedArms {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  const sameCommission = sql<boolean>`${col('commission_id')} = ${actor.commissionId}::uuid`;
  const record = recordVisible(actor, { classification: `${t}.classification`, objectType: 'case', id: `${t}.id` });
  const scope = sql<boolean>`(${sameCommission} AND ${record})`;
  if (hasAnyRole(actor, CASE_BOOK_ROLES)) return { book: true, scope, keyed: [], rest: [] };

  const keyed: KeyedArms['keyed'] = [];
  const leadArm = hasAnyRole(actor, CASE_SCOPED_ROLES) && !actor.scope.wide && actor.scope.orgIds.length > 0;
  if (leadArm) keyed.push({ column: 'lead_org_id', orgIds: actor.scope.orgIds });
  // As `= ANY(ARRAY(SELECT …))` (an init plan evaluated once) so the scope arm stays an index condition. Beside the
  // lead-org arm, the team arm leaves out the team cases whose lead org (kept on the membership, migration 0068) is in
  // the scope — that arm has them already — read off case_team_member_user_keys (0073) alone: a county's staff sit on
  // thousands of its own cases' teams. `storedTeamGate: false` is the plain arm (the property test's reference).
  const rest: RawBuilder<boolean>[] = [sql<boolean>`${col('id')} = ANY(ARRAY(${teamCaseIds(actor, leadArm, opts)}))`];
  if (hasAnyRole(actor, ['TRIAL_STAFF'])) {
    rest.push(sql<boolean>`(${col('state')} = ANY(${[...TRIAL_VISIBLE_STATES]}::text[])
      AND NOT EXISTS (SELECT 1 FROM case_team_member inv WHERE inv.case_id = ${col('id')}
        AND inv.user_id = ${actor.userId}::uuid AND inv.team = 'INVESTIGATION'))`);
  }
  // Also an init plan: the cases filed on clues of the campaigns the actor is today a 专班 member of.
  rest.push(sql<boolean>`${col('id')} = ANY(ARRAY(${campaignCaseIds(actor)}))`);
  // 信息互通: the named cases, and the cases led by the owner orgs of category grants (SHARE_OWNER_COLUMNS.CASE).
  const shared = sharedParts('CASE', opts.shared);
  if (shared.ids.length) rest.push(sql<boolean>`${col('id')} = ANY(${shared.ids}::uuid[])`);
  if (shared.owners.length) keyed.push({ column: 'lead_org_id', orgIds: shared.owners });
  return { book: false, scope, keyed, rest };
}

/** The case ids of the team arm of `caseVisibleArms` (`leadArm`: the lead-org arm is there, see its gate). */
function teamCaseIds(actor: Actor, leadArm: boolean, opts: { storedTeamGate?: boolean }): RawBuilder<unknown> {
  const teamGate =
    leadArm && opts.storedTeamGate !== false ? sql`AND NOT coalesce(ktm.case_lead_org_id = ANY(${[...actor.scope.orgIds]}::uuid[]), false)` : sql``;
  return sql`SELECT ktm.case_id FROM case_team_member ktm WHERE ktm.user_id = ${actor.userId}::uuid AND ktm.left_on IS NULL ${teamGate}`;
}

/** The case ids of the 专班 arm of `caseVisibleArms`: the cases filed on clues of the campaigns the actor is today a member of. */
function campaignCaseIds(actor: Actor): RawBuilder<unknown> {
  return sql`SELECT cc.case_id FROM clue cc WHERE cc.case_id IS NOT NULL AND cc.campaign_id IS NOT NULL AND ${campaignMemberArm(actor, sql.ref('cc.campaign_id'))}`;
}

/**
 * The ids `caseVisibleArms(actor).rest` (without `shared`) admit, read off the team and 专班 sets alone — no case row:
 * a case of the actor's commission is visible by those arms iff its id is one of these. Undefined when a rest arm reads
 * the case's row (审理室 staff: the case's state). With it a reader tests the commission of the few cases it meets by
 * their key instead of looking up every team case first (reform records, issue 12: an office's 128 team cases, 485 of
 * the walk's 669 buffers).
 */
export function caseRestIds(actor: Actor): RawBuilder<unknown> | undefined {
  if (hasAnyRole(actor, CASE_BOOK_ROLES) || hasAnyRole(actor, ['TRIAL_STAFF'])) return undefined;
  const leadArm = hasAnyRole(actor, CASE_SCOPED_ROLES) && !actor.scope.wide && actor.scope.orgIds.length > 0;
  return sql`${teamCaseIds(actor, leadArm, {})} UNION ALL ${campaignCaseIds(actor)}`;
}
