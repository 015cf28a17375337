import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole, recordVisible } from '../../platform/access';
import { campaignMemberArm } from './campaigns';
import { type SharedRead, sharedParts } from './shares';
import { armsPredicate, type KeyedArms } from '../../platform/keyed-page';
import { CLUE_BOOK_ROLES, CLUE_SCOPED_ROLES, CLUE_READ_ROLES } from '@liandong/domain/access/role-sets';
export { CLUE_BOOK_ROLES, CLUE_SCOPED_ROLES, CLUE_READ_ROLES };

/**
 * Who sees which clue (domain.md d): the one definition every clue query uses — ledger, detail,
 * search, dashboard, overdue lists, reminders.
 *
 * - 信访室 (receives), 案管室 (registers and oversees) and the 书记 (approves) see the whole clue book of
 *   their commission. Only the 信访室 ever sees the complainant (a separate, audited endpoint).
 * - Leaders, offices, dispatched groups, counties and the 干部监督室 see a clue when the department that
 *   received it, the undertaking department or the subject's unit is in their org scope: a group sees its
 *   host units' clues, a county its own, an office what it liaises with, a 分管领导 what they oversee.
 *   A commission-wide coordinator (党风政风监督室, 干部监督室) is not thereby wide for clues: it sees the
 *   clues its own org received or undertakes.
 * - Anyone on the clue's 核查组 or on the 审查调查组/审理组 of the case filed on it sees it while on the team.
 * - A member of the 工作专班 of the campaign the clue is tagged with sees it for the membership's dates
 *   (issue 10: the campaign's own clues, not the rest of the participating orgs' clue books).
 * - With `shared` (the reads that show information: ledger, detail, search, export, dashboard): the staff of
 *   an org holding a 信息互通 grant in force that names the clue or its owner org's clues (visibility/shares.ts).
 * - Everyone else — standing committee (aggregates only), trial staff, unit liaisons, the 三员 — sees none.
 * On top: clearance ≥ classification and no recusal (回避).
 */

/** SQL predicate over a `clue` row aliased `t` (default 'clue'). */
export function clueVisible(actor: Actor, t = 'clue', opts: { shared?: SharedRead; storedTeamGate?: boolean } = {}): RawBuilder<boolean> {
  const arms = clueVisibleArms(actor, t, opts);
  return arms.book ? sql<boolean>`${arms.scope}` : sql<boolean>`(${arms.scope} AND ${armsPredicate(arms, t)})`;
}

/**
 * `clueVisible` taken apart into the arms of its OR (issue 12): the org-keyed arms (the org-scope arm
 * per org column, and the owner orgs of 信息互通 category grants) and the others (teams, 专班, named grants).
 * `clueVisible` is built from these arms; the keyed ledger page (platform/keyed-page.ts) reads them.
 */
export function clueVisibleArms(
  actor: Actor,
  t = 'clue',
  opts: { shared?: SharedRead; storedTeamGate?: boolean; hashedIds?: boolean; namedApart?: boolean } = {},
): KeyedArms {
  const col = (c: string) => sql.ref(`${t}.${c}`);
  const sameCommission = sql<boolean>`${col('commission_id')} = ${actor.commissionId}::uuid`;
  const record = recordVisible(actor, { classification: `${t}.classification`, objectType: 'clue', id: `${t}.id` });
  const scope = sql<boolean>`(${sameCommission} AND ${record})`;
  if (hasAnyRole(actor, CLUE_BOOK_ROLES)) return { book: true, scope, keyed: [], rest: [] };

  const keyed: KeyedArms['keyed'] = [];
  const scoped = hasAnyRole(actor, CLUE_SCOPED_ROLES);
  const orgs = scoped ? (actor.scope.wide ? [actor.orgId] : actor.scope.orgIds) : [];
  if (scoped) {
    keyed.push({ column: 'receiving_org_id', orgIds: orgs }, { column: 'undertaking_org_id', orgIds: orgs });
    if (!actor.scope.wide) keyed.push({ column: 'subject_org_id', orgIds: orgs });
  }
  // Beside the undertaking-org arm, the case-team arm leaves out the team cases whose clues all have their undertaking
  // org in `orgs` (kept on the membership, migration 0073) — that arm has each of their clues already — read off
  // case_team_member_user_keys alone: a county's staff sit on the teams of thousands of its own cases, each filed on a
  // clue the county undertakes. `storedTeamGate: false` is the plain arm (the property test's reference).
  const teamGate =
    orgs.length && opts.storedTeamGate !== false ? sql`AND NOT coalesce(ktm.clue_undertaking_org_id = ANY(${[...new Set(orgs)]}::uuid[]), false)` : sql``;
  // Team arms as `= ANY(ARRAY(SELECT …))`: evaluated once per query (an init plan), so every arm of the
  // OR stays an index condition (migration 0009; an EXISTS here forces a sequential scan of the book).
  const rest: RawBuilder<boolean>[] = [
    sql<boolean>`${col('id')} = ANY(ARRAY(SELECT ctm.clue_id FROM clue_team_member ctm
      WHERE ctm.user_id = ${actor.userId}::uuid AND ctm.left_on IS NULL))`,
    sql<boolean>`${col('case_id')} = ANY(ARRAY(SELECT ktm.case_id FROM case_team_member ktm
      WHERE ktm.user_id = ${actor.userId}::uuid AND ktm.left_on IS NULL ${teamGate}))`,
    sql<boolean>`(${col('campaign_id')} IS NOT NULL AND ${campaignMemberArm(actor, col('campaign_id'))})`,
  ];
  // 信息互通: the named clues, and the clues of the owner orgs of category grants (SHARE_OWNER_COLUMNS.CLUE).
  const shared = sharedParts('CLUE', opts.shared);
  // `hashedIds` (a walk of the ledger's order, which tests every row it reads): the named ids as a hashed set, not an
  // array searched linearly per row (a county holds ~560 named clues at full scale). Not an index condition: never for
  // the keyed page's fenced arms, which gather them by the primary key.
  // `namedApart`: the caller reads the named clues apart (sharedParts(…).ids; the cockpit's index-only lookup by id).
  if (shared.ids.length && !opts.namedApart)
    rest.push(opts.hashedIds ? sql<boolean>`${col('id')} IN (SELECT unnest(${shared.ids}::uuid[]))` : sql<boolean>`${col('id')} = ANY(${shared.ids}::uuid[])`);
  if (shared.owners.length) keyed.push({ column: 'undertaking_org_id', orgIds: shared.owners }, { column: 'receiving_org_id', orgIds: shared.owners });
  return { book: false, scope, keyed, rest };
}

/** The complainant's sealed identity: the 信访室 only (domain.md d). */
export function canReadComplainant(actor: Actor): boolean {
  return hasAnyRole(actor, ['PETITION_OFFICER']);
}
