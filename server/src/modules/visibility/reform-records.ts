import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole, inOrgScope } from '../../platform/access';
import type { KeyedArms } from '../../platform/keyed-page';
import { caseVisible, caseVisibleArms } from './cases';
import { REFORM_SCOPED_ROLES } from '@liandong/domain/access/role-sets';
import {
  campaignArm,
  caseArm,
  caseDecidedArm,
  caseRestSet,
  cleared,
  inSet,
  isLiaisonOnly,
  isWide,
  memberCampaigns,
  notRecusedFromCase,
  notRecusedSet,
  own,
  partsSql,
  ref,
} from './reform-shared';

/** Who sees which 以案促改 record (台账; domain.md d): see reform.ts for the 以案促改 rules as a whole. */

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

/** How the record ledger checks a case-born record's case (`reformVisibleParts`). */
export type RecordCaseCheck = 'stored' | 'row';

/**
 * Options of `reformVisibleParts`: how a case-born record's case is checked; `hashedSets` — the sets of ids (the case's
 * other arms, the co-owned records) tested as `IN (SELECT …)` (one hash, probed per row: for a walk or a count that tests
 * thousands of rows) rather than `= ANY(ARRAY(SELECT …))` (an index condition for a part that gathers the set's rows).
 */
export interface RecordVisibleOptions {
  caseCheck?: RecordCaseCheck;
  hashedSets?: boolean;
  /**
   * How a co-owner org in scope is found: `set` (the default) — the scope's co-owned records gathered once per statement
   * (by reform_record_co_owner_org, org by org), for the keyed parts and counts; `row` — the record's own co-owners by its
   * key (reform_record_co_owner_pkey), each org tested against the scope hashed once (the walk itself reads
   * `reformWalkVisible`, which tests co-owners so; this stays as the property tests' second reading).
   */
  coOwnerCheck?: 'set' | 'row';
  /**
   * The case's other arms (`caseRestSet`): `keyed` (the default) — their ids read off their own sets, each case met
   * tested by its key; `gathered` — their cases gathered from case_file once per statement (as before; the property
   * tests' second reading).
   */
  caseSet?: 'keyed' | 'gathered';
}

/**
 * `reformVisible` taken apart for the record ledger (keyed-page.ts; issue 12). `reformVisible` is `same ∧ (C ∨ (S ∧ G))`
 * — C the record's case visible, S the scope OR, G no case or the case decided (cleared, not recused) — which is
 * `same ∧ (C ∨ G) ∧ (C ∨ S)`: `scope` carries `same ∧ (C ∨ G)`, the arms are C and those of S. Under `same` a record's
 * case is one the actor is not recused from, so C is `cleared ∧ K` — the actor cleared for the case's classification and
 * one of the case's own arms K (`caseVisibleArms`) — and `C ∨ G` is `no case ∨ (cleared ∧ (decided ∨ K))`, all read off
 * the record: the case's lead org, state (decided) and classification are kept on it (`case_lead_org_id`, `case_decided`,
 * `case_classification`, equal to the case's by triggers, migration 0059). K: the case's lead org in scope keyed on
 * `case_lead_org_id`, the other case arms (team, 审理室, 专班 cases, named grants) one set of case ids. S: owner org and
 * unit org keyed per org of the scope; a co-owner org in scope (one set of record ids, by reform_record_co_owner_org);
 * the 专班's campaigns keyed per campaign. The commission-wide roles have S true: the whole book under `scope`. The
 * liaison sees none.
 *
 * `stored` (the default): the whole scope from the record's own columns — in the covering indexes of migration 0064, so a
 * probe, a walk or a capped count reads the index alone — and the actor's recusals gathered once per statement (an init
 * plan each), the case's org keys a hashed set; no subquery per row. `row`: the case looked up by its key per record
 * (`caseVisible`), as before 0064 (the property test compares the two: reform/keyed-ledgers.test.ts).
 */
export function reformVisibleParts(actor: Actor, t = 'reform_record', opts: RecordVisibleOptions = {}): KeyedArms {
  if (isLiaisonOnly(actor)) return { book: false, scope: sql<boolean>`false`, keyed: [], rest: [] };
  const cases = caseVisibleArms(actor, 'kv');
  // The case's other arms (team, 审理室, 专班 cases, named grants): one set of case ids, gathered once per statement.
  const caseSet = caseRestSet(actor, ref(t, 'case_id'), cases, opts);
  const scope = opts.caseCheck === 'row' ? rowScope(actor, t) : storedScope(actor, t, cases, caseSet);
  if (isWide(actor)) return { book: true, scope, keyed: [], rest: [] };
  const keyed: KeyedArms['keyed'] = [];
  const rest: RawBuilder<boolean>[] = [];
  // C: the case's arms, read off the record.
  if (cases.book) rest.push(sql<boolean>`${ref(t, 'case_id')} IS NOT NULL`);
  else {
    for (const k of cases.keyed) keyed.push({ column: `case_${k.column}`, orgIds: k.orgIds });
    if (caseSet) rest.push(caseSet);
  }
  // S: the scope's orgs (lead owner, unit, co-owners) and the 专班's campaigns.
  if (hasAnyRole(actor, REFORM_SCOPED_ROLES)) {
    // Not wide here (isWide above): the scope is its org list.
    keyed.push({ column: 'owner_org_id', orgIds: actor.scope.orgIds }, { column: 'unit_org_id', orgIds: actor.scope.orgIds });
    if (actor.scope.orgIds.length && opts.coOwnerCheck === 'row') {
      // A scalar subquery per record (never an EXISTS the planner may hash over every co-owner row).
      rest.push(sql<boolean>`COALESCE((SELECT true FROM reform_record_co_owner rco WHERE rco.record_id = ${ref(t, 'id')}
        AND rco.org_id IN (SELECT unnest(${[...new Set(actor.scope.orgIds)]}::uuid[])) LIMIT 1), false)`);
    } else if (actor.scope.orgIds.length) {
      // Org by org on reform_record_co_owner_org, index-only (a named statement's generic plan otherwise scans every
      // co-owner row against the whole list: 0.5 s for a 分管领导's 782 orgs at full scale).
      rest.push(
        inSet(
          ref(t, 'id'),
          sql`SELECT cr.record_id FROM unnest(${[...new Set(actor.scope.orgIds)]}::uuid[]) AS co(org_id) CROSS JOIN LATERAL (SELECT rco.record_id
            FROM reform_record_co_owner rco WHERE rco.commission_id = ${actor.commissionId}::uuid AND rco.org_id = co.org_id OFFSET 0) cr`,
          opts,
        ),
      );
    }
  }
  const keyedBy = [{ column: 'campaign_id', keys: memberCampaigns(actor) }];
  return { book: false, scope, keyed, keyedBy, rest };
}

/** `same ∧ (C ∨ G)` with the case read by its key per record (`row`: before 0064). */
function rowScope(actor: Actor, t: string): RawBuilder<boolean> {
  // Decided and cleared, from the facts the record keeps of its case, else the case visible by its key (one scalar
  // subquery: `OR EXISTS` here becomes a hashed subplan over every case).
  const caseGate = sql<boolean>`(${ref(t, 'case_decided')} AND ${ref(t, 'case_classification')} = ANY(${cleared(actor)}::text[])
    OR COALESCE((SELECT ${caseVisible(actor, 'kr')} FROM case_file kr WHERE kr.id = ${ref(t, 'case_id')}), false))`;
  return sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid AND ${own(actor, t, 'reform_record', 'classification')}
    AND ${notRecusedFromCase(actor, t)}
    AND (${ref(t, 'case_id')} IS NULL OR ${caseGate}))`;
}

/**
 * `same ∧ (no case ∨ (cleared ∧ (decided ∨ K)))` off the record's own columns (`stored`): the recusals gathered once
 * (`notRecusedSet`), the case's lead-org keys a hashed set (`IN (SELECT unnest(…))`: a scope of 800 orgs neither estimated
 * one by one nor searched linearly), the case's other arms the set of `caseSet`.
 */
function storedScope(actor: Actor, t: string, cases: KeyedArms, caseSet: RawBuilder<boolean> | undefined): RawBuilder<boolean> {
  const k: RawBuilder<boolean>[] = [];
  if (cases.book) k.push(sql<boolean>`true`);
  else {
    for (const arm of cases.keyed) {
      if (arm.orgIds.length) k.push(sql<boolean>`${ref(t, `case_${arm.column}`)} IN (SELECT unnest(${[...new Set(arm.orgIds)]}::uuid[]))`);
    }
    if (caseSet) k.push(caseSet);
  }
  const decidedOrK = sql.join([sql<boolean>`${ref(t, 'case_decided')}`, ...k], sql` OR `);
  return sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid
    AND ${ref(t, 'classification')} = ANY(${cleared(actor)}::text[]) AND ${notRecusedSet(actor, ref(t, 'id'), 'reform_record')}
    AND (${ref(t, 'case_id')} IS NULL OR (${notRecusedSet(actor, ref(t, 'case_id'), 'case')}
      AND ${ref(t, 'case_classification')} = ANY(${cleared(actor)}::text[]) AND (${decidedOrK}))))`;
}

/** `reformVisibleParts` as one predicate over the record `t` (the ledger's walk and exact count): the same rows as `reformVisible`. */
export function reformVisibleKeyed(actor: Actor, t = 'reform_record', opts: RecordVisibleOptions = {}): RawBuilder<boolean> {
  return partsSql(reformVisibleParts(actor, t, opts), t, true);
}

/**
 * `reformVisible` for a walk of the record ledger's order (issue 12: a scope of many orgs — an office's, a 分管领导's —
 * reads a few hundred records for a page of 20), in `reformVisible`'s own shape `same ∧ (C ∨ (G ∧ S))` off the record's
 * columns (0059, 0064) — C: a case, cleared for it and one of its arms K (the case's lead org in scope, the case's other
 * arms one set); G: no case, or the case decided and cleared; S: owner org, unit org or a co-owner org in scope, or the
 * 专班's campaign — so that each set is written once (`reformVisibleParts` puts the case's set in `scope` and in the arms:
 * two hashes built per statement) and every set is hashed once per statement: the scope's orgs, the case's other arms,
 * and a record's co-owners tested by its key against the scope hashed once (`IS TRUE` keeps the IN a hashed subplan,
 * not a semi-join that hashed the scope again for every co-owned record walked). The same rows as `reformVisible`
 * (property test: reform/walked-ledgers.test.ts).
 */
export function reformWalkVisible(actor: Actor, t = 'reform_record', opts: Pick<RecordVisibleOptions, 'caseSet'> = {}): RawBuilder<boolean> {
  if (isLiaisonOnly(actor)) return sql<boolean>`false`;
  const inOrgs = (col: RawBuilder<unknown>, orgIds: readonly string[]) => sql<boolean>`${col} IN (SELECT unnest(${[...new Set(orgIds)]}::uuid[]))`;
  const cases = caseVisibleArms(actor, 'kv');
  const k: RawBuilder<boolean>[] = [];
  if (cases.book) k.push(sql<boolean>`true`);
  else {
    for (const arm of cases.keyed) if (arm.orgIds.length) k.push(inOrgs(ref(t, `case_${arm.column}`), arm.orgIds));
    if (cases.rest.length) {
      k.push(caseRestSet(actor, ref(t, 'case_id'), cases, { ...opts, hashedSets: true }) as RawBuilder<boolean>);
    }
  }
  const clearedCase = sql<boolean>`${ref(t, 'case_classification')} = ANY(${cleared(actor)}::text[])`;
  const c = k.length ? sql<boolean>`(${ref(t, 'case_id')} IS NOT NULL AND ${clearedCase} AND (${sql.join(k, sql` OR `)}))` : sql<boolean>`false`;
  const g = sql<boolean>`(${ref(t, 'case_id')} IS NULL OR (${ref(t, 'case_decided')} AND ${clearedCase}))`;
  const s: RawBuilder<boolean>[] = [];
  if (isWide(actor)) s.push(sql<boolean>`true`);
  else {
    if (hasAnyRole(actor, REFORM_SCOPED_ROLES) && actor.scope.orgIds.length) {
      s.push(
        inOrgs(ref(t, 'owner_org_id'), actor.scope.orgIds),
        inOrgs(ref(t, 'unit_org_id'), actor.scope.orgIds),
        sql<boolean>`COALESCE((SELECT true FROM reform_record_co_owner rco WHERE rco.record_id = ${ref(t, 'id')}
          AND (${inOrgs(sql.ref('rco.org_id'), actor.scope.orgIds)}) IS TRUE LIMIT 1), false)`,
      );
    }
    s.push(campaignArm(actor, t));
  }
  const same = sql<boolean>`(${ref(t, 'commission_id')} = ${actor.commissionId}::uuid
    AND ${ref(t, 'classification')} = ANY(${cleared(actor)}::text[]) AND ${notRecusedSet(actor, ref(t, 'id'), 'reform_record')}
    AND (${ref(t, 'case_id')} IS NULL OR ${notRecusedSet(actor, ref(t, 'case_id'), 'case')}))`;
  return sql<boolean>`(${same} AND (${c} OR (${g} AND (${sql.join(s, sql` OR `)}))))`;
}
