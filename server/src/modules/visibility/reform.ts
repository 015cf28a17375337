import { LETTER_ISSUED_STATES } from '@liandong/domain/reform/machine';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/types';
import { type Actor, hasAnyRole, inOrgScope, recordVisible } from '../../platform/access';
import { whoMayOpen } from '../../platform/inbox';
import { armSql, type VisibilityArm } from '../../platform/ledger-page';
import { campaignMemberArm } from './campaigns';
import { caseVisible } from './cases';
import { REFORM_WIDE_ROLES, REFORM_SCOPED_ROLES, REFORM_STAFF_ROLES, REFORM_READ_ROLES } from '@liandong/domain/access/role-sets';
export { REFORM_WIDE_ROLES, REFORM_SCOPED_ROLES, REFORM_STAFF_ROLES, REFORM_READ_ROLES };

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
 * - A member of a campaign's 工作专班 sees, for the membership's dates, the letters, tasks, reform and
 *   accountability records and bulletins tagged with that campaign (issue 10) — as if the campaign were in
 *   their scope for those rows only; a record born from a case still follows the case until its decision.
 */

/** Letter states a recipient may see: the numbered ones (AMENDING included: their objection was upheld); a draft is never shown outside the commission. */
export const LETTER_RECIPIENT_STATES = LETTER_ISSUED_STATES;

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

/** The row is tagged with a campaign whose 专班 the actor is today a member of (an init plan, as `caseArm`). */
const campaignArm = (actor: Actor, t: string) => sql<boolean>`(${ref(t, 'campaign_id')} IS NOT NULL AND ${campaignMemberArm(actor, ref(t, 'campaign_id'))})`;

/** Case states from the decision on (处分决定): the supervising side may then work on the case's 以案促改. */
export const CASE_DECIDED_STATES = ['DECIDED', 'PROSECUTION_TRANSFERRED', 'SANCTION_ANNOUNCED', 'EXECUTED', 'ARCHIVED'] as const;

/** Clearance and recusal (回避) of a row's own: `objectType` names it in the recusal table. */
const own = (actor: Actor, t: string, objectType: string, classification?: string) =>
  classification
    ? recordVisible(actor, { classification: `${t}.${classification}`, objectType, id: `${t}.id` })
    : sql<boolean>`NOT EXISTS (SELECT 1 FROM recusal rc WHERE rc.user_id = ${actor.userId}::uuid
        AND rc.object_type = ${objectType} AND rc.object_id = ${ref(t, 'id')})`;

/** Not recused from the case a row was born from (nothing to check when it has none). */
const notRecusedFromCase = (actor: Actor, t: string) => sql<boolean>`(${ref(t, 'case_id')} IS NULL OR NOT EXISTS (SELECT 1 FROM recusal rcc
  WHERE rcc.user_id = ${actor.userId}::uuid AND rcc.object_type = 'case' AND rcc.object_id = ${ref(t, 'case_id')}))`;

/**
 * The row's case is decided, and the actor is cleared for it and not recused from it: from then on the
 * supervising side (the owner office, the group stationed in the unit, the commission-wide coordinators)
 * runs the case's 以案促改 without seeing the case itself (its number and title stay behind `caseVisible`).
 */
const caseDecidedArm = (actor: Actor, t: string) => sql<boolean>`EXISTS (SELECT 1 FROM case_file kd WHERE kd.id = ${ref(t, 'case_id')}
  AND kd.state = ANY(${[...CASE_DECIDED_STATES]}::text[])
  AND ${recordVisible(actor, { classification: 'kd.classification', objectType: 'case', id: 'kd.id' })})`;

/**
 * The parts of `letterVisible`: `same` (commission, clearance, recusal; the liaison's unit and issued states) and, for
 * the scoped staff, the arms of the OR (the letter's case visible, its campaign's 专班, the drafting or the recipient
 * org in scope, 审理室 once submitted). The ledger pages on them arm by arm (issue 12); `letterVisible` is their SQL.
 */
export function letterVisibleParts(actor: Actor, t = 'letter'): { same: RawBuilder<boolean>; arms?: VisibilityArm[] } {
  const same = sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid AND ${own(actor, t, 'letter', 'classification')}
    AND ${notRecusedFromCase(actor, t)})`;
  if (isLiaisonOnly(actor)) {
    return {
      same: sql<boolean>`(${same} AND ${ref(t, 'recipient_org_id')} = ${actor.orgId}::uuid
      AND ${ref(t, 'state')} = ANY(${[...LETTER_RECIPIENT_STATES]}::text[]))`,
    };
  }
  if (isWide(actor)) return { same };
  const arms: VisibilityArm[] = [{ when: caseArm(actor, t) }, { when: campaignArm(actor, t) }];
  if (hasAnyRole(actor, REFORM_SCOPED_ROLES)) arms.push(...orgArms(actor, [ref(t, 'drafting_org_id'), ref(t, 'recipient_org_id')]));
  if (hasAnyRole(actor, ['TRIAL_STAFF'])) arms.push({ when: sql<boolean>`${ref(t, 'state')} NOT IN ('DRAFTING','CONSULTING')` });
  return { same, arms };
}

/** `inOrgScope` of each column as an arm (the org list itself when the scope is not the whole commission). */
function orgArms(actor: Actor, columns: RawBuilder<unknown>[]): VisibilityArm[] {
  return columns.map((column) => (actor.scope.wide ? { when: inOrgScope(actor, column) } : { orgs: actor.scope.orgIds, column }));
}

/** `same AND (arm₁ OR arm₂ …)`, or `same` alone when there is no OR. */
function partsSql(p: { same: RawBuilder<boolean>; arms?: VisibilityArm[] }): RawBuilder<boolean> {
  return p.arms ? sql<boolean>`(${p.same} AND (${sql.join(p.arms.map(armSql), sql` OR `)}))` : p.same;
}

/**
 * SQL predicate over a `recommendation` row aliased `t`. On top of the scope: clearance ≥ the letter's
 * classification and no recusal from the letter or from the case it was drafted from.
 */
export function letterVisible(actor: Actor, t = 'letter'): RawBuilder<boolean> {
  return partsSql(letterVisibleParts(actor, t));
}

/**
 * The parts of `taskVisible`: `same` (commission, recusal, the letter's clearance and recusal; the liaison's unit) and
 * the arms of the OR (supervising or unit org in scope, the supervisor, the campaign's 专班).
 */
export function taskVisibleParts(actor: Actor, t = 'rectification_task'): { same: RawBuilder<boolean>; arms?: VisibilityArm[] } {
  // No letter, or the letter admits the actor. A scalar subquery per task (the letter by its key), not `OR EXISTS`,
  // which the planner may turn into a hashed subplan over every letter (issue 12: a board of 20 read 50,000 letters).
  const letterOk = sql<boolean>`COALESCE((SELECT ${own(actor, 'tl', 'letter', 'classification')} AND ${notRecusedFromCase(actor, 'tl')}
    FROM letter tl WHERE tl.id = ${ref(t, 'letter_id')}), ${ref(t, 'letter_id')} IS NULL)`;
  const same = sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid AND ${own(actor, t, 'rectification_task')} AND ${letterOk})`;
  if (isLiaisonOnly(actor)) return { same: sql<boolean>`(${same} AND ${ref(t, 'unit_org_id')} = ${actor.orgId}::uuid)` };
  if (isWide(actor)) return { same };
  const mine: VisibilityArm[] = [{ when: sql<boolean>`${ref(t, 'supervisor_user_id')} = ${actor.userId}::uuid` }, { when: campaignArm(actor, t) }];
  if (!hasAnyRole(actor, REFORM_SCOPED_ROLES)) return { same, arms: mine };
  return { same, arms: [...orgArms(actor, [ref(t, 'supervisor_org_id'), ref(t, 'unit_org_id')]), ...mine] };
}

/**
 * SQL predicate over a `rectification_task` row aliased `t`. A task has no classification of its own: it
 * carries its letter's (clearance and recusal of the letter apply), plus recusal from the task itself.
 */
export function taskVisible(actor: Actor, t = 'rectification_task'): RawBuilder<boolean> {
  return partsSql(taskVisibleParts(actor, t));
}

/**
 * SQL predicate over a `reform_record` row aliased `t` (never the liaison). A record born from a case
 * follows the case: before the decision only who sees the case sees the record (the group stationed in the
 * subject's unit does not learn of the case at filing); from the decision on, also the record's scope
 * (the lead owner org, every co-owner org, the unit) and the commission-wide roles, cleared for and not recused from the case.
 */
export function reformVisible(actor: Actor, t = 'reform_record'): RawBuilder<boolean> {
  const same = sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid AND ${own(actor, t, 'reform_record', 'classification')}
    AND ${notRecusedFromCase(actor, t)})`;
  if (isLiaisonOnly(actor)) return sql<boolean>`false`;
  const scopeArms: RawBuilder<boolean>[] = [];
  if (isWide(actor)) scopeArms.push(sql<boolean>`true`);
  else if (hasAnyRole(actor, REFORM_SCOPED_ROLES)) {
    scopeArms.push(inOrgScope(actor, ref(t, 'owner_org_id')), coOwnerInScope(actor, t), inOrgScope(actor, ref(t, 'unit_org_id')));
  }
  if (!isWide(actor)) scopeArms.push(campaignArm(actor, t));
  const byScope = scopeArms.length ? sql<boolean>`(${sql.join(scopeArms, sql` OR `)})` : sql<boolean>`false`;
  return sql<boolean>`(${same} AND (${caseArm(actor, t)}
    OR (${ref(t, 'case_id')} IS NULL AND ${byScope})
    OR (${ref(t, 'case_id')} IS NOT NULL AND ${byScope} AND ${caseDecidedArm(actor, t)})))`;
}

/**
 * One of the record's co-owner orgs (reform_record_co_owner, a jointly owned 以案促改) is in the actor's
 * scope: a co-owner stands exactly where the lead owner org stands in `reformVisible`.
 */
const coOwnerInScope = (actor: Actor, t: string) => sql<boolean>`EXISTS (SELECT 1 FROM reform_record_co_owner rco
  WHERE rco.record_id = ${ref(t, 'id')} AND ${inOrgScope(actor, 'rco.org_id')})`;

/**
 * SQL predicate over an `accountability` row aliased `t` (never the liaison). Born from a case: as the
 * reform record (the case's viewers; from the decision on, the scope too). Born from a letter or a task:
 * the actor must be cleared for the letter and not recused from it or the task.
 */
export function accountabilityVisible(actor: Actor, t = 'accountability'): RawBuilder<boolean> {
  const origins = sql<boolean>`(${ref(t, 'letter_id')} IS NULL OR EXISTS (SELECT 1 FROM letter al
      WHERE al.id = ${ref(t, 'letter_id')} AND ${own(actor, 'al', 'letter', 'classification')}))
    AND (${ref(t, 'rectification_task_id')} IS NULL OR NOT EXISTS (SELECT 1 FROM recusal rct WHERE rct.user_id = ${actor.userId}::uuid
      AND rct.object_type = 'rectification_task' AND rct.object_id = ${ref(t, 'rectification_task_id')}))`;
  const same = sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid AND ${own(actor, t, 'accountability')}
    AND ${notRecusedFromCase(actor, t)} AND ${origins})`;
  if (isLiaisonOnly(actor)) return sql<boolean>`false`;
  const scopeArms: RawBuilder<boolean>[] = [];
  if (isWide(actor)) scopeArms.push(sql<boolean>`true`);
  else if (hasAnyRole(actor, REFORM_SCOPED_ROLES)) scopeArms.push(inOrgScope(actor, ref(t, 'owner_org_id')), inOrgScope(actor, ref(t, 'target_org_id')));
  if (!isWide(actor)) scopeArms.push(campaignArm(actor, t));
  const byScope = scopeArms.length ? sql<boolean>`(${sql.join(scopeArms, sql` OR `)})` : sql<boolean>`false`;
  return sql<boolean>`(${same} AND (${caseArm(actor, t)}
    OR (${ref(t, 'case_id')} IS NULL AND ${byScope})
    OR (${ref(t, 'case_id')} IS NOT NULL AND ${byScope} AND ${caseDecidedArm(actor, t)})))`;
}

/** SQL predicate over a `bulletin` row aliased `t`: its owner's scope, or system-wide/public ones for all staff. */
export function bulletinVisible(actor: Actor, t = 'bulletin'): RawBuilder<boolean> {
  const same = sql<boolean>`${ref(t, 'commission_id')} = ${actor.commissionId}::uuid`;
  if (isLiaisonOnly(actor)) return sql<boolean>`(${same} AND ${ref(t, 'scope')} = 'PUBLIC' AND ${ref(t, 'issued_on')} IS NOT NULL)`;
  if (isWide(actor)) return same;
  const arms: RawBuilder<boolean>[] = [sql<boolean>`(${ref(t, 'scope')} <> 'INTERNAL' AND ${ref(t, 'issued_on')} IS NOT NULL)`];
  if (hasAnyRole(actor, REFORM_SCOPED_ROLES)) arms.push(inOrgScope(actor, ref(t, 'owner_org_id')));
  arms.push(campaignArm(actor, t));
  return sql<boolean>`(${same} AND (${sql.join(arms, sql` OR `)}))`;
}

/** Of `userIds`, who may open the rectification task (its notices go to them only). */
export function whoMayOpenTask(db: Kysely<DB>, userIds: Iterable<string | null | undefined>, taskId: string): Promise<string[]> {
  return whoMayOpen(db, userIds, (a) => sql`SELECT 1 FROM rectification_task nt WHERE nt.id = ${taskId}::uuid AND ${taskVisible(a, 'nt')}`);
}

/** Of `userIds`, who may open the letter as it stands (its notices go to them only). */
export function whoMayOpenLetter(db: Kysely<DB>, userIds: Iterable<string | null | undefined>, letterId: string): Promise<string[]> {
  return whoMayOpen(db, userIds, (a) => sql`SELECT 1 FROM letter nl WHERE nl.id = ${letterId}::uuid AND ${letterVisible(a, 'nl')}`);
}

/**
 * The parts of `reformVisible` for the record ledger, which pages arm by arm (issue 12). `reformVisible` is
 * `same ∧ (C ∨ (S ∧ G))` — C the record's case visible, S the scope OR, G no case or the case decided (cleared, not
 * recused) — which is `same ∧ (C ∨ G) ∧ (C ∨ S)`: `same` here carries `C ∨ G` (the case checked per row, by its key),
 * the arms are C and those of S (owner org, unit org per org of the scope; a co-owner org in scope; the campaign's
 * 专班). The commission-wide roles have S true: no arms. The liaison sees none.
 */
export function reformVisibleParts(actor: Actor, t = 'reform_record'): { same: RawBuilder<boolean>; arms?: VisibilityArm[] } {
  if (isLiaisonOnly(actor)) return { same: sql<boolean>`false` };
  // The case by its key, one scalar subquery per record: `OR EXISTS` here becomes a hashed subplan over every case.
  const caseGate = sql<boolean>`COALESCE((SELECT (kr.state = ANY(${[...CASE_DECIDED_STATES]}::text[])
      AND ${recordVisible(actor, { classification: 'kr.classification', objectType: 'case', id: 'kr.id' })}) OR ${caseVisible(actor, 'kr')}
    FROM case_file kr WHERE kr.id = ${ref(t, 'case_id')}), false)`;
  const same = sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid AND ${own(actor, t, 'reform_record', 'classification')}
    AND ${notRecusedFromCase(actor, t)}
    AND (${ref(t, 'case_id')} IS NULL OR ${caseGate}))`;
  if (isWide(actor)) return { same };
  const arms: VisibilityArm[] = [{ when: caseArm(actor, t) }];
  if (hasAnyRole(actor, REFORM_SCOPED_ROLES)) {
    arms.push(...orgArms(actor, [ref(t, 'owner_org_id'), ref(t, 'unit_org_id')]), {
      when: sql<boolean>`${ref(t, 'id')} IN (SELECT rco.record_id FROM reform_record_co_owner rco WHERE ${inOrgScope(actor, 'rco.org_id')})`,
    });
  }
  arms.push({ when: campaignArm(actor, t) });
  return { same, arms };
}
