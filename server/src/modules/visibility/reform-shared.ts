import { ClassificationSchema } from '@liandong/domain/access/enums';
import { REFORM_SCOPED_ROLES, REFORM_STAFF_ROLES, REFORM_WIDE_ROLES } from '@liandong/domain/access/role-sets';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, clearedFor, hasAnyRole, recordVisible } from '../../platform/access';
import { armsPredicate, type KeyedArms, keyedRowsSql } from '../../platform/keyed-page';
import { campaignMemberArm } from './campaigns';
import { caseRestIds, caseVisibleArms } from './cases';

/**
 * The pieces the 以案促改 predicates share (reform.ts: tasks, accountability, bulletins; reform-letters.ts: letters;
 * reform-records.ts: reform records): who is commission-wide or a liaison only, the case, campaign, clearance and
 * recusal arms, and how a predicate taken apart (keyed-page.ts `KeyedArms`) is written back as one.
 */

export function isWide(actor: Actor): boolean {
  return hasAnyRole(actor, REFORM_WIDE_ROLES) || (hasAnyRole(actor, REFORM_SCOPED_ROLES) && actor.scope.wide);
}
export function isLiaisonOnly(actor: Actor): boolean {
  return hasAnyRole(actor, ['UNIT_LIAISON']) && !hasAnyRole(actor, REFORM_STAFF_ROLES);
}
export const ref = (t: string, c: string) => sql.ref(`${t}.${c}`);
/**
 * The record belongs to a case the actor sees. As `= ANY(ARRAY(SELECT …))` (an init plan evaluated once per
 * query) so the org-scope arms of the same OR stay index conditions (bench: letter ledger, office staff).
 */
export const caseArm = (actor: Actor, t: string) => sql<boolean>`${ref(t, 'case_id')} = ANY(ARRAY(${visibleCaseIds(actor)}))`;

/**
 * The ids of the cases the actor sees (`caseVisible`), gathered arm by arm (keyed-page.ts `keyedRowsSql`): the lead
 * orgs of the scope on their index, the teams and 专班 from their own sets — never the commission's cases each tested
 * against the whole OR, which a covering index of the cases tempts the planner into (2 s for a county's 86 orgs).
 */
const visibleCaseIds = (actor: Actor) =>
  keyedRowsSql({ table: 'case_file', alias: 'kv', arms: caseVisibleArms(actor, 'kv'), filters: [], columns: [sql`kv.id`] });

/** The row is tagged with a campaign whose 专班 the actor is today a member of (an init plan, as `caseArm`). */
export const campaignArm = (actor: Actor, t: string) =>
  sql<boolean>`(${ref(t, 'campaign_id')} IS NOT NULL AND ${campaignMemberArm(actor, ref(t, 'campaign_id'))})`;

/** Case states from the decision on (处分决定): the supervising side may then work on the case's 以案促改. */
export const CASE_DECIDED_STATES = ['DECIDED', 'PROSECUTION_TRANSFERRED', 'SANCTION_ANNOUNCED', 'EXECUTED', 'ARCHIVED'] as const;

/** Clearance and recusal (回避) of a row's own: `objectType` names it in the recusal table. */
export const own = (actor: Actor, t: string, objectType: string, classification?: string) =>
  classification
    ? recordVisible(actor, { classification: `${t}.${classification}`, objectType, id: `${t}.id` })
    : sql<boolean>`NOT EXISTS (SELECT 1 FROM recusal rc WHERE rc.user_id = ${actor.userId}::uuid
        AND rc.object_type = ${objectType} AND rc.object_id = ${ref(t, 'id')})`;

/**
 * `col` (never null where used) is not one of the `objectType` objects the actor is recused from — the same test as
 * `NOT EXISTS (SELECT 1 FROM recusal …)`, but the actor's recusals gathered once per statement (an init plan) and each
 * row tested against that (mostly empty) array: no subplan run per row of a count or a walk (issue 12).
 */
export const notRecusedSet = (actor: Actor, col: RawBuilder<unknown>, objectType: string) =>
  sql<boolean>`NOT (${col} = ANY(ARRAY(SELECT rs.object_id FROM recusal rs WHERE rs.user_id = ${actor.userId}::uuid AND rs.object_type = ${objectType})))`;

/** Not recused from the case a row was born from (nothing to check when it has none). */
export const notRecusedFromCase = (actor: Actor, t: string) => sql<boolean>`(${ref(t, 'case_id')} IS NULL OR NOT EXISTS (SELECT 1 FROM recusal rcc
  WHERE rcc.user_id = ${actor.userId}::uuid AND rcc.object_type = 'case' AND rcc.object_id = ${ref(t, 'case_id')}))`;

/**
 * The row's case is decided, of the actor's commission, and the actor is cleared for it and not recused from it: from
 * then on the supervising side (the owner office, the group stationed in the unit, the commission-wide coordinators)
 * runs the case's 以案促改 without seeing the case itself (its number and title stay behind `caseVisible`). The
 * commission: a row's case is of the row's commission (for a reform record the database's rule, migration 0095); never
 * a gate opened by another commission's case whatever wrote the row.
 */
export const caseDecidedArm = (actor: Actor, t: string) => sql<boolean>`EXISTS (SELECT 1 FROM case_file kd WHERE kd.id = ${ref(t, 'case_id')}
  AND kd.commission_id = ${actor.commissionId}::uuid AND kd.state = ANY(${[...CASE_DECIDED_STATES]}::text[])
  AND ${recordVisible(actor, { classification: 'kd.classification', objectType: 'case', id: 'kd.id' })})`;

/**
 * `scope AND (arm₁ OR …)`, or `scope` alone for the whole book. With `opaqueKeys` each key set is written
 * `col = ANY((SELECT $::uuid[])::uuid[])` (evaluated once): the same predicate, but the planner does not estimate a 分管领导's
 * hundreds of org ids one by one (issue 12: 15 ms of planning for a walk of 1 ms) — for predicates walked row by row.
 */
export function partsSql(p: KeyedArms, t: string, opaqueKeys = false): RawBuilder<boolean> {
  if (p.book) return p.scope;
  if (!opaqueKeys) return sql<boolean>`(${p.scope} AND ${armsPredicate(p, t)})`;
  const keyed = p.keyed.filter((k) => k.orgIds.length).map((k) => sql<boolean>`${ref(t, k.column)} = ANY((SELECT ${[...new Set(k.orgIds)]}::uuid[])::uuid[])`);
  const keyedBy = (p.keyedBy ?? []).map((k) => sql<boolean>`${ref(t, k.column)} = ANY(${k.keys})`);
  const arms = [...keyed, ...keyedBy, ...p.rest];
  return arms.length ? sql<boolean>`(${p.scope} AND (${sql.join(arms, sql` OR `)}))` : sql<boolean>`false`;
}

/** The classifications the actor is cleared for. */
export const cleared = (actor: Actor) => ClassificationSchema.options.filter((c) => clearedFor(actor, c));

/** The campaigns whose 专班 the actor is today a member of, as a `uuid[]` (evaluated once per statement). */
export const memberCampaigns = (actor: Actor) => sql`ARRAY(SELECT tf.campaign_id FROM task_force_member m JOIN task_force tf ON tf.id = m.task_force_id
  WHERE m.user_id = ${actor.userId}::uuid AND tf.campaign_id IS NOT NULL AND current_date BETWEEN m.valid_from AND m.valid_to)`;

/** How the case's other arms are read (`caseRestSet`) and whether their sets are hashed. */
export interface CaseSetOptions {
  /**
   * `keyed` (the default): the ids the arms read off their own sets (`caseRestIds`), each case met tested for the
   * commission by its key; `gathered`: their cases gathered from case_file once per statement (the property tests' reading).
   */
  caseSet?: 'keyed' | 'gathered';
  /** A hashed subplan (`IN`) instead of an array (`= ANY(ARRAY(…))`), for a walk testing many rows. */
  hashedSets?: boolean;
}

/** `col` is one of the ids `ids` selects (gathered once per statement), as `CaseSetOptions.hashedSets` says. */
export const inSet = (col: RawBuilder<unknown>, ids: RawBuilder<unknown>, opts: CaseSetOptions) =>
  opts.hashedSets ? sql<boolean>`${col} IN (${ids})` : sql<boolean>`${col} = ANY(ARRAY(${ids}))`;

/**
 * The record's (or letter's) case `col` is one the case's other arms (`cases.rest`: team, 审理室, 专班) admit: with the ids those arms
 * read off their own sets (`caseRestIds`), `col` one of them and its case of the actor's commission by its key — tested
 * only for a record that reaches the arm (issue 12: an office's 128 team cases were each looked up in case_file first,
 * 485 of the walk's 669 buffers and 490 of the count's 752); else (审理室 staff) the arms' cases gathered from case_file
 * once per statement. `caseSet: 'gathered'` (property tests' reading) keeps the gathered set for every actor.
 */
export function caseRestSet(actor: Actor, col: RawBuilder<unknown>, cases: KeyedArms, opts: CaseSetOptions): RawBuilder<boolean> | undefined {
  if (!cases.rest.length) return undefined;
  const ids = opts.caseSet === 'gathered' ? undefined : caseRestIds(actor);
  if (!ids) {
    return inSet(col, sql`SELECT kv.id FROM case_file kv WHERE kv.commission_id = ${actor.commissionId}::uuid AND (${sql.join(cases.rest, sql` OR `)})`, opts);
  }
  // A scalar subquery (never a semi-join or a hashed subplan over the commission's cases).
  return sql<boolean>`(${inSet(col, ids, opts)}
    AND COALESCE((SELECT true FROM case_file kv WHERE kv.id = ${col} AND kv.commission_id = ${actor.commissionId}::uuid), false))`;
}
