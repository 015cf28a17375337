import { REFORM_READ_ROLES, REFORM_SCOPED_ROLES, REFORM_STAFF_ROLES, REFORM_WIDE_ROLES } from '@liandong/domain/access/role-sets';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/types';
import { type Actor, hasAnyRole, inOrgScope } from '../../platform/access';
import { whoMayOpen } from '../../platform/inbox';
import type { KeyedArms } from '../../platform/keyed-page';
import {
  campaignArm,
  caseArm,
  caseDecidedArm,
  cleared,
  isLiaisonOnly,
  isWide,
  memberCampaigns,
  notRecusedFromCase,
  notRecusedSet,
  own,
  partsSql,
  ref,
} from './reform-shared';
export { REFORM_WIDE_ROLES, REFORM_SCOPED_ROLES, REFORM_STAFF_ROLES, REFORM_READ_ROLES };
export { CASE_DECIDED_STATES } from './reform-shared';
export {
  CASE_SET_ORG_LIMIT,
  CASE_WALK_ORG_LIMIT,
  LETTER_RECIPIENT_STATES,
  type LetterCaseCheck,
  type LetterVisibleOptions,
  letterCaseByRow,
  letterLedgerWalks,
  letterVisible,
  letterVisibleParts,
  whoMayOpenLetter,
} from './reform-letters';
export { type RecordCaseCheck, reformVisible, reformVisibleKeyed, reformVisibleParts, reformWalkVisible } from './reform-records';

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

/**
 * `taskVisible` taken apart (keyed-page.ts): `scope` (commission, recusal, the letter's clearance and recusal), the
 * keyed arms (supervising or unit org in scope, the supervisor; the liaison's own unit) and the campaign's 专班.
 */
export function taskVisibleParts(
  actor: Actor,
  t = 'rectification_task',
  opts: { letterCheck?: 'row' | 'set' | 'stored'; campaignKeyed?: boolean } = {},
): KeyedArms {
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
  // `campaignKeyed` (the task board): the 专班 arm as keys the database gathers (the actor's campaigns), each probed by
  // its own index (0077), not a predicate tested row by row — a light's capped count read the commission's whole range
  // of the light for it (issue 12: a group's RED count, 25 ms, for a reader in no 专班). The same rows: a task with no
  // campaign is in neither.
  if (opts.campaignKeyed) return { book: false, scope: same, keyed, keyedBy: [{ column: 'campaign_id', keys: memberCampaigns(actor) }], rest: [] };
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
