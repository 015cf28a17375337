import type { Role } from '@liandong/domain/access/enums';
import type { LetterAbilities } from '@liandong/domain/reform/contracts-letters';
import { LETTER_EDITABLE_STATES, LETTER_MACHINE, type LetterAction, type LetterActor, type LetterState } from '@liandong/domain/reform/machine';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole } from '../../platform/access';
import { REFORM_READ_ROLES, REFORM_STAFF_ROLES } from '../visibility';
import { LETTER_DRAFTER_ROLES } from '@liandong/domain/access/role-sets';

/*
 * Who may do what with a recommendation letter (建议书, domain.md c.6, d) and a 通报 (f.3). Visibility
 * (404) is letterVisible / bulletinVisible in SQL; these functions decide the actor's sides on a visible
 * letter (LETTER_MACHINE's `who`):
 * - DRAFTER: staff (室、组、县区) of the drafting org, or the letter's creator;
 * - REVIEWER: 审理室 (TRIAL_STAFF) or 案管室 (CASE_MANAGER) — the legal/trial review;
 * - APPROVER: the 书记 (SECRETARY);
 * - SIGNER: the 分管领导 overseeing the drafting office today (for a group or county: the office that
 *   liaises with it) — who may 签发 an outgoing document like the 书记 (issue 9);
 * - RECIPIENT: the contact person (UNIT_LIAISON) of the recipient unit.
 */

export const DRAFTER_ROLES: readonly Role[] = LETTER_DRAFTER_ROLES;
export const REVIEWER_ROLES: readonly Role[] = ['TRIAL_STAFF', 'CASE_MANAGER'];
export const APPROVER_ROLES: readonly Role[] = ['SECRETARY'];

/** Routes on letters: the staff roles plus the unit liaison (who sees only their unit's issued letters). */
export const LETTER_ROLES: readonly Role[] = REFORM_READ_ROLES;
/** Bulletins: staff only; the liaison sees issued public bulletins (bulletinVisible). */
export const BULLETIN_ROLES: readonly Role[] = REFORM_READ_ROLES;
export const BULLETIN_WRITE_ROLES: readonly Role[] = [...DRAFTER_ROLES, 'SECRETARY'];
export { REFORM_STAFF_ROLES };

/**
 * SQL: the actor is a 分管领导 (DEPUTY_OR_MEMBER) who oversees the org today — the office itself, or
 * the office that liaises with the dispatched group / county commission (domain.md d). Why: the 签发 of
 * an outgoing document belongs to the 书记 or the overseeing leader of the department that drafted it,
 * not to any leader who can see it.
 */
export function oversees(actor: Actor, orgColumn: string): RawBuilder<boolean> {
  if (!hasAnyRole(actor, ['DEPUTY_OR_MEMBER'])) return sql<boolean>`false`;
  const org = sql.ref(orgColumn);
  return sql<boolean>`EXISTS (SELECT 1 FROM oversight ov JOIN leadership_member lm ON lm.id = ov.leader_id
    WHERE lm.person_id = ${actor.personId}::uuid AND ov.commission_id = ${actor.commissionId}::uuid
      AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)
      AND (lm.valid_to IS NULL OR lm.valid_to >= current_date)
      AND (ov.office_id = ${org} OR ov.office_id IN (SELECT li.office_id FROM liaison li WHERE li.target_id = ${org}
        AND li.valid_from <= current_date AND (li.valid_to IS NULL OR li.valid_to >= current_date))))`;
}

/** The parties of a letter the sides are computed from. */
export interface LetterParties {
  draftingOrgId: string;
  recipientOrgId: string;
  createdBy: string | null;
  /** The actor oversees the drafting org (oversees() evaluated with the row). */
  overseen: boolean;
}

/** The actor's sides on a letter. */
export function letterSides(actor: Actor, l: LetterParties): Set<LetterActor> {
  const s = new Set<LetterActor>();
  if ((hasAnyRole(actor, DRAFTER_ROLES) && actor.orgId === l.draftingOrgId) || (l.createdBy !== null && actor.userId === l.createdBy)) s.add('DRAFTER');
  if (hasAnyRole(actor, REVIEWER_ROLES)) s.add('REVIEWER');
  if (hasAnyRole(actor, APPROVER_ROLES)) s.add('APPROVER');
  if (l.overseen) s.add('SIGNER');
  if (hasAnyRole(actor, ['UNIT_LIAISON']) && actor.orgId === l.recipientOrgId) s.add('RECIPIENT');
  return s;
}

/** 403 message when the side is missing (the machine's, from its actors' labels). */
export function actorMessage(action: LetterAction): string {
  return LETTER_MACHINE.deniedMessage(action);
}

/** The detail's abilities: the machine's actions for the caller's sides, and the drafting abilities. */
export function abilitiesOf(sides: Set<LetterActor>, state: LetterState): LetterAbilities {
  const editable = LETTER_EDITABLE_STATES.includes(state);
  return {
    actions: LETTER_MACHINE.abilities(state, sides),
    update: editable && sides.has('DRAFTER'),
    addConsultation: editable && sides.has('DRAFTER'),
    addReview: state === 'UNDER_REVIEW' && sides.has('REVIEWER'),
    exportDocx: state !== 'WITHDRAWN',
  };
}
