import { LETTER_ISSUED_STATES } from '@liandong/domain/reform/machine';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/types';
import { type Actor, hasAnyRole } from '../../platform/access';
import { whoMayOpen } from '../../platform/inbox';
import type { KeyedArms } from '../../platform/keyed-page';
import { caseVisible, caseVisibleArms } from './cases';
import { REFORM_SCOPED_ROLES } from '@liandong/domain/access/role-sets';
import {
  type CaseSetOptions,
  campaignArm,
  caseArm,
  caseRestSet,
  cleared,
  isLiaisonOnly,
  isWide,
  notRecusedFromCase,
  notRecusedSet,
  own,
  partsSql,
  ref,
} from './reform-shared';

/** Who sees which recommendation letter (监察建议书; domain.md d): see reform.ts for the 以案促改 rules as a whole. */

/** Letter states a recipient may see: the numbered ones (AMENDING included: their objection was upheld); a draft is never shown outside the commission. */
export const LETTER_RECIPIENT_STATES = LETTER_ISSUED_STATES;

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
export function letterVisibleParts(actor: Actor, t = 'letter', opts: { caseCheck?: LetterCaseCheck } & CaseSetOptions = {}): KeyedArms {
  const same = sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid AND ${own(actor, t, 'letter', 'classification')}
    AND ${notRecusedFromCase(actor, t)})`;
  if (opts.caseCheck === 'stored' && !isLiaisonOnly(actor) && !isWide(actor) && !hasAnyRole(actor, ['TRIAL_STAFF'])) {
    // `same` with the recusals gathered once (`notRecusedSet`).
    const sameSet = sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid
      AND ${ref(t, 'classification')} = ANY(${cleared(actor)}::text[]) AND ${notRecusedSet(actor, ref(t, 'id'), 'letter')}
      AND (${ref(t, 'case_id')} IS NULL OR ${notRecusedSet(actor, ref(t, 'case_id'), 'case')}))`;
    return letterStoredParts(actor, t, sameSet, opts);
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
function letterStoredParts(actor: Actor, t: string, same: RawBuilder<boolean>, opts: CaseSetOptions): KeyedArms {
  const hashedSets = opts.hashedSets === true;
  const keyed: KeyedArms['keyed'] = [];
  const others: RawBuilder<boolean>[] = [];
  if (hasAnyRole(actor, REFORM_SCOPED_ROLES) && actor.scope.orgIds.length) {
    // Not wide here: the scope is its org list.
    keyed.push({ column: 'drafting_org_id', orgIds: actor.scope.orgIds }, { column: 'recipient_org_id', orgIds: actor.scope.orgIds });
    const list = [...new Set(actor.scope.orgIds)];
    // `hashedSets`: a hashed subplan each (the scope is tested on every letter of a walk or of the cockpit's year).
    const inOrgs = (col: RawBuilder<unknown>) =>
      hashedSets ? sql<boolean>`${col} IN (SELECT unnest(${list}::uuid[]))` : sql<boolean>`${col} = ANY((SELECT ${list}::uuid[])::uuid[])`;
    others.push(inOrgs(ref(t, 'drafting_org_id')), inOrgs(ref(t, 'recipient_org_id')));
  }
  const campaign = campaignArm(actor, t);
  others.push(campaign);
  const rest: RawBuilder<boolean>[] = [campaign];
  const cases = caseVisibleArms(actor, 'kv');
  if (cases.book) rest.push(sql<boolean>`${ref(t, 'case_id')} IS NOT NULL`);
  else {
    for (const k of cases.keyed) if (k.orgIds.length) keyed.push({ column: `case_${k.column}`, orgIds: k.orgIds });
    // The case's team and 专班 arms by their own ids, each case met tested for the commission by its key (`caseRestSet`;
    // issue 12: not every team case looked up in case_file first); `hashedSets`: one hash probed per row (a walk tests
    // hundreds of letters against an office's hundred team cases).
    const caseSet = caseRestSet(actor, ref(t, 'case_id'), cases, opts);
    if (caseSet) rest.push(caseSet);
  }
  const scope = sql<boolean>`(${same} AND (${ref(t, 'case_id')} IS NULL OR ${ref(t, 'case_classification')} = ANY(${cleared(actor)}::text[])
    OR ${sql.join(others, sql` OR `)}))`;
  return { book: false, scope, keyed, rest };
}

/** Options of `letterVisible`: how the letter's case is checked; key sets opaque to the planner (`partsSql`). */
export interface LetterVisibleOptions {
  caseCheck?: LetterCaseCheck;
  /** With `caseCheck: 'stored'`: how the case's other arms are read (`CaseSetOptions.caseSet`). */
  caseSet?: CaseSetOptions['caseSet'];
  opaqueKeys?: boolean;
}

/**
 * SQL predicate over a `recommendation` row aliased `t`. On top of the scope: clearance ≥ the letter's
 * classification and no recusal from the letter or from the case it was drafted from.
 */
export function letterVisible(actor: Actor, t = 'letter', opts: LetterVisibleOptions = {}): RawBuilder<boolean> {
  return partsSql(letterVisibleParts(actor, t, opts), t, opts.opaqueKeys);
}

/** Of `userIds`, who may open the letter as it stands (its notices go to them only). */
export function whoMayOpenLetter(db: Kysely<DB>, userIds: Iterable<string | null | undefined>, letterId: string): Promise<string[]> {
  return whoMayOpen(db, userIds, (a) => sql`SELECT 1 FROM letter nl WHERE nl.id = ${letterId}::uuid AND ${letterVisible(a, 'nl')}`);
}
