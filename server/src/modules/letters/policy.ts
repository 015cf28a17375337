import type { Role } from '@liandong/domain/access/enums';
import type { LetterAbilities } from '@liandong/domain/reform/contracts-letters';
import {
  nextRecState,
  REC_ACTION_LABELS,
  REC_EDITABLE_STATES,
  REC_TRANSITIONS,
  type RecAction,
  type RecActor,
  type RecState,
  RecActionSchema,
} from '@liandong/domain/reform/machine';
import { type Actor, hasAnyRole } from '../../platform/access';
import { REFORM_READ_ROLES, REFORM_STAFF_ROLES } from '../visibility';

/*
 * Who may do what with a recommendation letter (建议书, domain.md c.6, d). Visibility (404) is
 * letterVisible in SQL; these pure functions decide the actor's sides on a visible letter:
 * - DRAFTER: staff (室、组、县区) of the drafting org, or the letter's creator;
 * - REVIEWER: 审理室 (TRIAL_STAFF) or 案管室 (CASE_MANAGER) — the legal/trial review;
 * - APPROVER: the 书记 (SECRETARY);
 * - RECIPIENT: the contact person (UNIT_LIAISON) of the recipient unit.
 */

/** Roles that draft letters and bulletins (纪检监察室、派驻组、县区纪委监委). */
export const DRAFTER_ROLES: readonly Role[] = ['OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF'];
export const REVIEWER_ROLES: readonly Role[] = ['TRIAL_STAFF', 'CASE_MANAGER'];
export const APPROVER_ROLES: readonly Role[] = ['SECRETARY'];

/** Routes on letters: the staff roles plus the unit liaison (who sees only their unit's issued letters). */
export const LETTER_ROLES: readonly Role[] = REFORM_READ_ROLES;
/** Bulletins: staff only; the liaison sees issued public bulletins (bulletinVisible). */
export const BULLETIN_ROLES: readonly Role[] = REFORM_READ_ROLES;
export const BULLETIN_WRITE_ROLES: readonly Role[] = [...DRAFTER_ROLES, 'SECRETARY'];
export { REFORM_STAFF_ROLES };

/** The parties of a letter the sides are computed from. */
export interface LetterParties {
  draftingOrgId: string;
  recipientOrgId: string;
  createdBy: string | null;
}

/** The actor's sides on a letter. */
export function letterSides(actor: Actor, l: LetterParties): Set<RecActor> {
  const s = new Set<RecActor>();
  if ((hasAnyRole(actor, DRAFTER_ROLES) && actor.orgId === l.draftingOrgId) || (l.createdBy !== null && actor.userId === l.createdBy)) s.add('DRAFTER');
  if (hasAnyRole(actor, REVIEWER_ROLES)) s.add('REVIEWER');
  if (hasAnyRole(actor, APPROVER_ROLES)) s.add('APPROVER');
  if (hasAnyRole(actor, ['UNIT_LIAISON']) && actor.orgId === l.recipientOrgId) s.add('RECIPIENT');
  return s;
}

/** Sides that may take an action: the machine's actor; the 书记 may also return a draft (docs/reform-api.md). */
export function actorsFor(action: RecAction): readonly RecActor[] {
  const a = REC_TRANSITIONS[action].actor;
  return action === 'returnDraft' ? [a, 'APPROVER'] : [a];
}

const ACTOR_ZH: Record<RecActor, string> = {
  DRAFTER: '起草部门',
  REVIEWER: '审理室或案管室',
  APPROVER: '书记',
  RECIPIENT: '收文单位联络人',
};

/** 403 message when the side is missing. */
export function actorMessage(action: RecAction): string {
  return `“${REC_ACTION_LABELS[action].zh}”由${actorsFor(action)
    .map((a) => ACTOR_ZH[a])
    .join('或')}办理`;
}

export function mayAct(sides: Set<RecActor>, action: RecAction): boolean {
  return actorsFor(action).some((a) => sides.has(a));
}

/** The actions the caller may take now (state and side). */
export function allowedActions(sides: Set<RecActor>, state: RecState): RecAction[] {
  return RecActionSchema.options.filter((a) => nextRecState(state, a) !== null && mayAct(sides, a));
}

export function abilitiesOf(sides: Set<RecActor>, state: RecState): LetterAbilities {
  const editable = REC_EDITABLE_STATES.includes(state);
  return {
    actions: allowedActions(sides, state),
    update: editable && sides.has('DRAFTER'),
    addConsultation: editable && sides.has('DRAFTER'),
    addReview: state === 'UNDER_REVIEW' && sides.has('REVIEWER'),
    exportDocx: state !== 'WITHDRAWN',
  };
}
