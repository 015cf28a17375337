import { ClassificationSchema } from '@liandong/domain/access/enums';
import { LETTER_ISSUED_STATES } from '@liandong/domain/reform/machine';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/types';
import { type Actor, clearedFor, hasAnyRole, inOrgScope, recordVisible } from '../../platform/access';
import { whoMayOpen } from '../../platform/inbox';
import { armsPredicate, type KeyedArms, keyedRowsSql } from '../../platform/keyed-page';
import { campaignMemberArm } from './campaigns';
import { caseVisible, caseVisibleArms } from './cases';
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
const caseArm = (actor: Actor, t: string) => sql<boolean>`${ref(t, 'case_id')} = ANY(ARRAY(${visibleCaseIds(actor)}))`;

/**
 * The ids of the cases the actor sees (`caseVisible`), gathered arm by arm (keyed-page.ts `keyedRowsSql`): the lead
 * orgs of the scope on their index, the teams and 专班 from their own sets — never the commission's cases each tested
 * against the whole OR, which a covering index of the cases tempts the planner into (2 s for a county's 86 orgs).
 */
const visibleCaseIds = (actor: Actor) =>
  keyedRowsSql({ table: 'case_file', alias: 'kv', arms: caseVisibleArms(actor, 'kv'), filters: [], columns: [sql`kv.id`] });

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

/**
 * `col` (never null where used) is not one of the `objectType` objects the actor is recused from — the same test as
 * `NOT EXISTS (SELECT 1 FROM recusal …)`, but the actor's recusals gathered once per statement (an init plan) and each
 * row tested against that (mostly empty) array: no subplan run per row of a count or a walk (issue 12).
 */
const notRecusedSet = (actor: Actor, col: RawBuilder<unknown>, objectType: string) =>
  sql<boolean>`NOT (${col} = ANY(ARRAY(SELECT rs.object_id FROM recusal rs WHERE rs.user_id = ${actor.userId}::uuid AND rs.object_type = ${objectType})))`;

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
 * How `letterVisible` checks the letter's case: `set` — the ids of every case the actor sees, gathered once (an init
 * plan: cheap when the actor's case scope is a few orgs, and an index condition on `letter_case`); `row` — the letter's
 * own case by its key, row by row (a 分管领导 sees tens of thousands of cases: gathering them costs more than checking
 * the few letters a page or a capped count reads). Both are `caseVisible`; `auto` picks by the size of the case scope.
 * `stored` — from the facts the letter keeps of its case (migration 0063: its lead org and classification): the case's
 * lead org in scope is one more org-keyed arm (`case_lead_org_id`), probed per org like the letter's own, and the case's
 * clearance goes into `scope` (see `letterVisibleParts`); the case's other arms (team, 专班) one small set of case ids.
 * 审理室 staff check the case as `auto` (their case arm is every case in trial: not a small set).
 */
export type LetterCaseCheck = 'set' | 'row' | 'auto' | 'stored';

/** Above this many orgs keying the actor's cases (lead org in scope, 信息互通 owner orgs), `auto` checks row by row. */
export const CASE_SET_ORG_LIMIT = 100;

/**
 * Above this many, the letter ledger walks its sort order checking the letter's case row by row (a county's 86 orgs
 * lead 10,000 cases: gathering them costs 35 ms, the walk a few); the set stays for the capped count's last arm,
 * which runs only when the org arms do not reach the cap.
 */
export const CASE_WALK_ORG_LIMIT = 40;

function caseOrgCount(actor: Actor): number {
  const arms = caseVisibleArms(actor, 'kv');
  if (arms.book || hasAnyRole(actor, ['TRIAL_STAFF'])) return Number.POSITIVE_INFINITY;
  return arms.keyed.reduce((n, k) => n + k.orgIds.length, 0);
}

/** Whether `auto` checks the letter's case row by row for this actor (see `LetterCaseCheck`). */
export function letterCaseByRow(actor: Actor): boolean {
  return caseOrgCount(actor) > CASE_SET_ORG_LIMIT;
}

/** Whether the letter ledger walks its sort order with the letter's case checked row by row (`CASE_WALK_ORG_LIMIT`). */
export function letterLedgerWalks(actor: Actor): boolean {
  return caseOrgCount(actor) > CASE_WALK_ORG_LIMIT;
}

/** The letter's (or task's) case is one the actor sees (`caseVisible`), as `check` says. */
function letterCaseArm(actor: Actor, t: string, check: LetterCaseCheck): RawBuilder<boolean> {
  const byRow = check === 'row' || (check === 'auto' && letterCaseByRow(actor));
  if (!byRow) return caseArm(actor, t);
  // A scalar subquery per row (the case by its key), never a hashed subplan over every visible case.
  return sql<boolean>`COALESCE((SELECT ${caseVisible(actor, 'kv')} FROM case_file kv WHERE kv.id = ${ref(t, 'case_id')}), false)`;
}

/**
 * `letterVisible` taken apart (keyed-page.ts): `scope` (commission, clearance, recusal; the liaison's issued states),
 * the org-keyed arms (drafting or recipient org in scope; the liaison's own unit) and the other arms (the letter's case
 * visible, its campaign's 专班, 审理室 once submitted). The ledger pages on them; `letterVisible` is their SQL.
 */
export function letterVisibleParts(actor: Actor, t = 'letter', opts: { caseCheck?: LetterCaseCheck } = {}): KeyedArms {
  const same = sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid AND ${own(actor, t, 'letter', 'classification')}
    AND ${notRecusedFromCase(actor, t)})`;
  if (opts.caseCheck === 'stored' && !isLiaisonOnly(actor) && !isWide(actor) && !hasAnyRole(actor, ['TRIAL_STAFF'])) {
    // `same` with the recusals gathered once (`notRecusedSet`).
    const sameSet = sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid
      AND ${ref(t, 'classification')} = ANY(${cleared(actor)}::text[]) AND ${notRecusedSet(actor, ref(t, 'id'), 'letter')}
      AND (${ref(t, 'case_id')} IS NULL OR ${notRecusedSet(actor, ref(t, 'case_id'), 'case')}))`;
    return letterStoredParts(actor, t, sameSet);
  }
  if (isLiaisonOnly(actor)) {
    return {
      book: false,
      scope: sql<boolean>`(${same} AND ${ref(t, 'state')} = ANY(${[...LETTER_RECIPIENT_STATES]}::text[]))`,
      keyed: [{ column: 'recipient_org_id', orgIds: [actor.orgId] }],
      rest: [],
    };
  }
  if (isWide(actor)) return { book: true, scope: same, keyed: [], rest: [] };
  const check = opts.caseCheck === 'stored' ? 'auto' : (opts.caseCheck ?? 'auto');
  const rest = [letterCaseArm(actor, t, check), campaignArm(actor, t)];
  if (hasAnyRole(actor, ['TRIAL_STAFF'])) rest.push(sql<boolean>`${ref(t, 'state')} NOT IN ('DRAFTING','CONSULTING')`);
  const keyed: KeyedArms['keyed'] = [];
  if (hasAnyRole(actor, REFORM_SCOPED_ROLES)) {
    // Not wide here (isWide above): the scope is its org list.
    keyed.push({ column: 'drafting_org_id', orgIds: actor.scope.orgIds }, { column: 'recipient_org_id', orgIds: actor.scope.orgIds });
  }
  return { book: false, scope: same, keyed, rest };
}

/**
 * `letterVisibleParts` with the letter's case read off the letter (`stored`; migration 0063). The letter is visible when
 * `same ∧ (D ∨ R ∨ P ∨ C)` — D, R the drafting and recipient orgs in scope, P the 专班's campaign, C the letter's case
 * visible — and C is `cleared ∧ K`: the actor cleared for the case's classification (recusal from it is in `same`) and
 * one of the case's own arms K (`caseVisibleArms`: its lead org in scope, its team, the 专班's cases). So the letters
 * are `same ∧ (no case ∨ cleared ∨ D ∨ R ∨ P) ∧ (D ∨ R ∨ P ∨ K)`: the first two parts are `scope` (the case's clearance,
 * or another arm for a letter whose case is classified above the actor — rare, so the OR mostly stops at its first
 * term), the arms are D, R, P and K — K's lead org keyed on `case_lead_org_id`, its other arms one set of case ids.
 */
function letterStoredParts(actor: Actor, t: string, same: RawBuilder<boolean>): KeyedArms {
  const keyed: KeyedArms['keyed'] = [];
  const others: RawBuilder<boolean>[] = [];
  if (hasAnyRole(actor, REFORM_SCOPED_ROLES) && actor.scope.orgIds.length) {
    // Not wide here: the scope is its org list.
    keyed.push({ column: 'drafting_org_id', orgIds: actor.scope.orgIds }, { column: 'recipient_org_id', orgIds: actor.scope.orgIds });
    const orgs = sql`(SELECT ${[...new Set(actor.scope.orgIds)]}::uuid[])::uuid[]`;
    others.push(sql<boolean>`${ref(t, 'drafting_org_id')} = ANY(${orgs})`, sql<boolean>`${ref(t, 'recipient_org_id')} = ANY(${orgs})`);
  }
  const campaign = campaignArm(actor, t);
  others.push(campaign);
  const rest: RawBuilder<boolean>[] = [campaign];
  const cases = caseVisibleArms(actor, 'kv');
  if (cases.book) rest.push(sql<boolean>`${ref(t, 'case_id')} IS NOT NULL`);
  else {
    for (const k of cases.keyed) if (k.orgIds.length) keyed.push({ column: `case_${k.column}`, orgIds: k.orgIds });
    if (cases.rest.length) {
      rest.push(sql<boolean>`${ref(t, 'case_id')} = ANY(ARRAY(SELECT kv.id FROM case_file kv
        WHERE kv.commission_id = ${actor.commissionId}::uuid AND (${sql.join(cases.rest, sql` OR `)})))`);
    }
  }
  const scope = sql<boolean>`(${same} AND (${ref(t, 'case_id')} IS NULL OR ${ref(t, 'case_classification')} = ANY(${cleared(actor)}::text[])
    OR ${sql.join(others, sql` OR `)}))`;
  return { book: false, scope, keyed, rest };
}

/**
 * `scope AND (arm₁ OR …)`, or `scope` alone for the whole book. With `opaqueKeys` each key set is written
 * `col = ANY((SELECT $::uuid[])::uuid[])` (evaluated once): the same predicate, but the planner does not estimate a 分管领导's
 * hundreds of org ids one by one (issue 12: 15 ms of planning for a walk of 1 ms) — for predicates walked row by row.
 */
function partsSql(p: KeyedArms, t: string, opaqueKeys = false): RawBuilder<boolean> {
  if (p.book) return p.scope;
  if (!opaqueKeys) return sql<boolean>`(${p.scope} AND ${armsPredicate(p, t)})`;
  const keyed = p.keyed.filter((k) => k.orgIds.length).map((k) => sql<boolean>`${ref(t, k.column)} = ANY((SELECT ${[...new Set(k.orgIds)]}::uuid[])::uuid[])`);
  const keyedBy = (p.keyedBy ?? []).map((k) => sql<boolean>`${ref(t, k.column)} = ANY(${k.keys})`);
  const arms = [...keyed, ...keyedBy, ...p.rest];
  return arms.length ? sql<boolean>`(${p.scope} AND (${sql.join(arms, sql` OR `)}))` : sql<boolean>`false`;
}

/** Options of `letterVisible`: how the letter's case is checked; key sets opaque to the planner (`partsSql`). */
export interface LetterVisibleOptions {
  caseCheck?: LetterCaseCheck;
  opaqueKeys?: boolean;
}

/**
 * SQL predicate over a `recommendation` row aliased `t`. On top of the scope: clearance ≥ the letter's
 * classification and no recusal from the letter or from the case it was drafted from.
 */
export function letterVisible(actor: Actor, t = 'letter', opts: LetterVisibleOptions = {}): RawBuilder<boolean> {
  return partsSql(letterVisibleParts(actor, t, opts), t, opts.opaqueKeys);
}

/**
 * `taskVisible` taken apart (keyed-page.ts): `scope` (commission, recusal, the letter's clearance and recusal), the
 * keyed arms (supervising or unit org in scope, the supervisor; the liaison's own unit) and the campaign's 专班.
 */
export function taskVisibleParts(actor: Actor, t = 'rectification_task', opts: { letterCheck?: 'row' | 'set' | 'stored' } = {}): KeyedArms {
  // No letter, or the letter admits the actor (cleared for it, not recused from it nor from its case).
  // `stored` (the default): from the facts the task keeps of its letter (migration 0063: its classification and case,
  // kept by triggers), read off the task's own row — in the covering indexes of the board, so a probe or a capped count
  // reads the task's index alone (issue 12: the letter looked up per visible task was most of the board's time).
  // `row`: a scalar subquery per task (the letter by its key), not `OR EXISTS`, which the planner may turn into a
  // hashed subplan over every letter (issue 12: a board of 20 read 50,000 letters). `set`: the letters that admit the
  // actor hashed once (a count over tens of thousands of tasks: one probe each instead of a subquery each).
  // The same test each way (property test: reform/keyed-ledgers.test.ts).
  const check = opts.letterCheck ?? 'stored';
  const letterOk =
    check === 'set'
      ? sql<boolean>`(${ref(t, 'letter_id')} IS NULL OR ${ref(t, 'letter_id')} IN (SELECT tl.id FROM letter tl
        WHERE ${own(actor, 'tl', 'letter', 'classification')} AND ${notRecusedFromCase(actor, 'tl')}))`
      : check === 'row'
        ? sql<boolean>`COALESCE((SELECT ${own(actor, 'tl', 'letter', 'classification')} AND ${notRecusedFromCase(actor, 'tl')}
    FROM letter tl WHERE tl.id = ${ref(t, 'letter_id')}), ${ref(t, 'letter_id')} IS NULL)`
        : sql<boolean>`(${ref(t, 'letter_id')} IS NULL OR (${ref(t, 'letter_classification')} = ANY(${cleared(actor)}::text[])
    AND ${notRecusedSet(actor, ref(t, 'letter_id'), 'letter')}
    AND (${ref(t, 'letter_case_id')} IS NULL OR ${notRecusedSet(actor, ref(t, 'letter_case_id'), 'case')})))`;
  // The task's own recusal: gathered once with the stored gate (`notRecusedSet`), as before otherwise.
  const ownTask = check === 'stored' ? notRecusedSet(actor, ref(t, 'id'), 'rectification_task') : own(actor, t, 'rectification_task');
  const same = sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid AND ${ownTask} AND ${letterOk})`;
  if (isLiaisonOnly(actor)) return { book: false, scope: same, keyed: [{ column: 'unit_org_id', orgIds: [actor.orgId] }], rest: [] };
  if (isWide(actor)) return { book: true, scope: same, keyed: [], rest: [] };
  // The supervisor is keyed too (index (supervisor_user_id, deadline, id)): a county's supervisor may hold 10,000 tasks.
  const keyed: KeyedArms['keyed'] = [];
  if (hasAnyRole(actor, REFORM_SCOPED_ROLES)) {
    keyed.push({ column: 'supervisor_org_id', orgIds: actor.scope.orgIds }, { column: 'unit_org_id', orgIds: actor.scope.orgIds });
  }
  keyed.push({ column: 'supervisor_user_id', orgIds: [actor.userId] });
  return { book: false, scope: same, keyed, rest: [campaignArm(actor, t)] };
}

/**
 * SQL predicate over a `rectification_task` row aliased `t`. A task has no classification of its own: it
 * carries its letter's (clearance and recusal of the letter apply), plus recusal from the task itself.
 */
export function taskVisible(
  actor: Actor,
  t = 'rectification_task',
  opts: { opaqueKeys?: boolean; letterCheck?: 'row' | 'set' | 'stored' } = {},
): RawBuilder<boolean> {
  return partsSql(taskVisibleParts(actor, t, opts.letterCheck ? { letterCheck: opts.letterCheck } : {}), t, opts.opaqueKeys);
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
 * `reformVisible` taken apart for the record ledger (keyed-page.ts; issue 12). `reformVisible` is `same ∧ (C ∨ (S ∧ G))`
 * — C the record's case visible, S the scope OR, G no case or the case decided (cleared, not recused) — which is
 * `same ∧ (C ∨ G) ∧ (C ∨ S)`: `scope` carries `same ∧ (C ∨ G)` (the case checked per row, by its key), the arms are C and
 * those of S. Under `scope` a record's case is one the actor is cleared for and not recused from, so C is the case's
 * own arms (`caseVisibleArms`) read off the record: the case's lead org in scope keyed on `case_lead_org_id` (kept
 * equal to the case's lead_org_id by triggers, migration 0059), the other case arms (team, 审理室, 专班 cases, named
 * grants) one set of case ids. S: owner org and unit org keyed per org of the scope; a co-owner org in scope (one set
 * of record ids, by reform_record_co_owner_org); the 专班's campaigns keyed per campaign. The commission-wide roles
 * have S true: the whole book under `scope`. The liaison sees none.
 */
export function reformVisibleParts(actor: Actor, t = 'reform_record'): KeyedArms {
  if (isLiaisonOnly(actor)) return { book: false, scope: sql<boolean>`false`, keyed: [], rest: [] };
  // The case's gate: decided and cleared, from the facts the record keeps of its case (migration 0059; recusal from the
  // case is in `same`), else — an undecided case, or one classified above the actor — the case visible, by its key (one
  // scalar subquery: `OR EXISTS` here becomes a hashed subplan over every case).
  const caseGate = sql<boolean>`(${ref(t, 'case_decided')} AND ${ref(t, 'case_classification')} = ANY(${cleared(actor)}::text[])
    OR COALESCE((SELECT ${caseVisible(actor, 'kr')} FROM case_file kr WHERE kr.id = ${ref(t, 'case_id')}), false))`;
  const scope = sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid AND ${own(actor, t, 'reform_record', 'classification')}
    AND ${notRecusedFromCase(actor, t)}
    AND (${ref(t, 'case_id')} IS NULL OR ${caseGate}))`;
  if (isWide(actor)) return { book: true, scope, keyed: [], rest: [] };
  const keyed: KeyedArms['keyed'] = [];
  const rest: RawBuilder<boolean>[] = [];
  // C: the case's arms, read off the record.
  const cases = caseVisibleArms(actor, 'kv');
  if (cases.book) rest.push(sql<boolean>`${ref(t, 'case_id')} IS NOT NULL`);
  else {
    for (const k of cases.keyed) keyed.push({ column: `case_${k.column}`, orgIds: k.orgIds });
    if (cases.rest.length) {
      rest.push(sql<boolean>`${ref(t, 'case_id')} = ANY(ARRAY(SELECT kv.id FROM case_file kv
        WHERE kv.commission_id = ${actor.commissionId}::uuid AND (${sql.join(cases.rest, sql` OR `)})))`);
    }
  }
  // S: the scope's orgs (lead owner, unit, co-owners) and the 专班's campaigns.
  if (hasAnyRole(actor, REFORM_SCOPED_ROLES)) {
    // Not wide here (isWide above): the scope is its org list.
    keyed.push({ column: 'owner_org_id', orgIds: actor.scope.orgIds }, { column: 'unit_org_id', orgIds: actor.scope.orgIds });
    if (actor.scope.orgIds.length) {
      rest.push(sql<boolean>`${ref(t, 'id')} = ANY(ARRAY(SELECT rco.record_id FROM reform_record_co_owner rco
        WHERE rco.commission_id = ${actor.commissionId}::uuid AND rco.org_id = ANY(${[...actor.scope.orgIds]}::uuid[])))`);
    }
  }
  const keyedBy = [{ column: 'campaign_id', keys: memberCampaigns(actor) }];
  return { book: false, scope, keyed, keyedBy, rest };
}

/** The classifications the actor is cleared for. */
const cleared = (actor: Actor) => ClassificationSchema.options.filter((c) => clearedFor(actor, c));

/** The campaigns whose 专班 the actor is today a member of, as a `uuid[]` (evaluated once per statement). */
const memberCampaigns = (actor: Actor) => sql`ARRAY(SELECT tf.campaign_id FROM task_force_member m JOIN task_force tf ON tf.id = m.task_force_id
  WHERE m.user_id = ${actor.userId}::uuid AND tf.campaign_id IS NOT NULL AND current_date BETWEEN m.valid_from AND m.valid_to)`;

/** `reformVisibleParts` as one predicate over the record `t` (the ledger's walk and exact count): the same rows as `reformVisible`. */
export function reformVisibleKeyed(actor: Actor, t = 'reform_record'): RawBuilder<boolean> {
  return partsSql(reformVisibleParts(actor, t), t, true);
}
