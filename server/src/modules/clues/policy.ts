import type { Role } from '@liandong/domain/access/enums';
import type { ClueDirectAction, ClueRequestAction } from '@liandong/domain/clues/contracts';
import { type ClueSource, PETITION_SOURCES } from '@liandong/domain/clues/enums';
import { type Approver, CLUE_MACHINE, type ClueActor, type ClueState } from '@liandong/domain/clues/machine';
import { type Actor, hasAnyRole } from '../../platform/access';
import { CLUE_READ_ROLES } from '../visibility';
import { UNDERTAKING_ROLES, INTAKE_ROLES, REQUEST_INBOX_ROLES, CLUE_MEETING_ROLES } from '@liandong/domain/access/role-sets';
export { UNDERTAKING_ROLES, INTAKE_ROLES, REQUEST_INBOX_ROLES };

/*
 * Who may do what with a clue (domain.md c.1, d): the machine's actor kinds mapped onto roles and orgs,
 * the approver kinds of approvalChain() mapped onto accounts, and the abilities a screen shows.
 * Visibility itself is clueVisible() (modules/visibility/clues.ts); everything here assumes the clue is visible.
 */

export const MEETING_ROLES: readonly Role[] = CLUE_MEETING_ROLES;
export const MEETING_CREATE_ROLES: readonly Role[] = ['CASE_MANAGER', ...UNDERTAKING_ROLES];
export { CLUE_READ_ROLES };

/** The facts of a clue the policy needs. */
export interface ClueFacts {
  state: ClueState;
  receivingOrgId: string;
  undertakingOrgId: string | null;
  source: ClueSource;
  realName: boolean;
  acknowledgeDue: string | null;
  acknowledgedOn: string | null;
  feedbackDue: string | null;
  feedbackOn: string | null;
  hasPendingRequest: boolean;
}

export function isPetitionSource(source: ClueSource): boolean {
  return PETITION_SOURCES.includes(source);
}

/** May the actor file (受理) a clue of this source? */
export function canIntake(actor: Actor, source: ClueSource): boolean {
  if (isPetitionSource(source)) return hasAnyRole(actor, ['PETITION_OFFICER']);
  return hasAnyRole(actor, ['CASE_MANAGER', ...UNDERTAKING_ROLES]);
}

/** The machine's actor kinds the account holds for this clue. */
export function actorKinds(actor: Actor, clue: Pick<ClueFacts, 'undertakingOrgId'>): Set<ClueActor> {
  const kinds = new Set<ClueActor>();
  if (hasAnyRole(actor, ['PETITION_OFFICER'])) kinds.add('PETITION');
  if (hasAnyRole(actor, ['CASE_MANAGER'])) kinds.add('CASE_MANAGEMENT');
  if (clue.undertakingOrgId && actor.orgId === clue.undertakingOrgId && hasAnyRole(actor, UNDERTAKING_ROLES)) kinds.add('UNDERTAKING');
  return kinds;
}

/** The actors' labels, as the machine names them in refusals. */
export const ACTOR_LABEL: Record<ClueActor, string> = CLUE_MACHINE.actors!;

/**
 * May the account decide a step of this approver kind? OVERSEEING_LEADER: a 分管领导 who sees the clue
 * (the caller checks visibility) or the 书记; PRINCIPAL_LEADER: the 书记; the external steps (同级党委,
 * 上级纪委) are recorded by the 书记 or the 案管室.
 */
export function mayDecide(actor: Actor, kind: Approver): boolean {
  switch (kind) {
    case 'OVERSEEING_LEADER':
      return hasAnyRole(actor, ['DEPUTY_OR_MEMBER', 'SECRETARY']);
    case 'PRINCIPAL_LEADER':
      return hasAnyRole(actor, ['SECRETARY']);
    case 'PARTY_COMMITTEE_SECRETARY':
    case 'UPPER_COMMISSION':
      return hasAnyRole(actor, ['SECRETARY', 'CASE_MANAGER']);
  }
}

/** External approvals are recorded with the approval's reference (comment required). */
export function needsDecisionComment(kind: Approver): boolean {
  return kind === 'PARTY_COMMITTEE_SECRETARY' || kind === 'UPPER_COMMISSION';
}

const DIRECT_MACHINE: readonly ClueDirectAction[] = ['register', 'accept', 'propose', 'reportTalkInquiry', 'reportPrelim', 'merge'];
const REQUESTABLE: readonly ClueRequestAction[] = [
  'assign',
  'transferOut',
  'approveTalkInquiry',
  'approvePrelim',
  'approveHold',
  'approveClose',
  'repeatTalkInquiry',
  'closeFirstForm',
  'findFalseAccusation',
  'proposeCase',
  'transferToPartyOrg',
  'fileCase',
  'reopen',
];

/**
 * The actions and requests the account may start now (screens show only those buttons): the machine's
 * abilities for the kinds the account holds (an act that needs approval appears as a request), then the
 * facts the records depend on (a contact date still due, no open request).
 */
export function clueAbilities(actor: Actor, clue: ClueFacts) {
  const kinds = actorKinds(actor, clue);
  if (actor.orgId === clue.receivingOrgId && hasAnyRole(actor, INTAKE_ROLES)) kinds.add('RECEIVER');
  const able = new Set<string>(CLUE_MACHINE.abilities(clue.state, kinds));
  const actions: ClueDirectAction[] = DIRECT_MACHINE.filter((a) => able.has(a));
  if (able.has('acknowledge') && clue.acknowledgeDue && !clue.acknowledgedOn && clue.state !== 'MERGED') actions.push('acknowledge');
  if (able.has('feedback') && clue.feedbackDue && !clue.feedbackOn) actions.push('feedback');
  const requests = clue.hasPendingRequest || !able.has('request') ? [] : REQUESTABLE.filter((a) => able.has(a));
  const undertaking = kinds.has('UNDERTAKING');
  return {
    update: able.has('update'),
    actions,
    requests,
    readComplainant: hasAnyRole(actor, ['PETITION_OFFICER']) && clue.realName,
    editInquiry: undertaking,
    editVerification: undertaking,
  };
}
