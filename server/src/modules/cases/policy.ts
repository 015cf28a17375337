import type { Role } from '@liandong/domain/access/enums';
import type { CaseAbilities } from '@liandong/domain/cases/contracts';
import { CASE_ACTION_LABELS, CASE_MACHINE, type CaseAction, type CaseActor, type CaseState } from '@liandong/domain/cases/machine';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole, inOrgScope } from '../../platform/access';

/*
 * Who may do what to a case (domain.md c.2, docs/clues-cases-api.md "Cases"). Pure functions over the
 * facts of one actor and one case; the SQL that loads those facts is `actorFactsSql`. Visibility
 * (404) is caseVisible's job and is checked before any of this.
 */

/** Roles whose holders may be drawn into an 审查调查组 (室组联合办案: offices, groups, counties, and
 * commission staff seconded to the team). */
export const INVESTIGATOR_ROLES: readonly Role[] = [
  'OFFICE_STAFF',
  'GROUP_STAFF',
  'COUNTY_STAFF',
  'TRIAL_STAFF',
  'CASE_MANAGER',
  'PETITION_OFFICER',
  'CADRE_SUPERVISION',
];
/** The 审理组 is formed from the 审理室. */
export const TRIAL_TEAM_ROLES: readonly Role[] = ['TRIAL_STAFF'];
/** Staff of an undertaking department (审查调查室, 派驻组, 县区纪委监委). */
const LEAD_DEPT_ROLES: readonly Role[] = ['OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF'];

/** States in which the case is closed for team and content changes. */
export const FINAL_STATES: readonly CaseState[] = ['ARCHIVED', 'REVOKED'];
/** States before the transfer to trial (the investigation fields are edited then). */
export const INVESTIGATION_STATES: readonly CaseState[] = [
  'FILING_PROPOSED',
  'FILED',
  'PLAN_APPROVED',
  'ANNOUNCED',
  'INVESTIGATING',
  'FACTS_CONFIRMED',
  'INVESTIGATION_REPORTED',
];
export const TRIAL_STATES: readonly CaseState[] = ['IN_TRIAL', 'SUPPLEMENT_REQUESTED'];
/** The trial team may be formed and changed until the decision. */
export const TRIAL_TEAM_STATES: readonly CaseState[] = [...INVESTIGATION_STATES, 'IN_TRIAL', 'SUPPLEMENT_REQUESTED', 'TRIAL_DELIBERATED'];
/** Measures are recorded from the filing until the decision. */
export const MEASURE_STATES: readonly CaseState[] = TRIAL_TEAM_STATES.filter((s) => s !== 'FILING_PROPOSED');

/** What the actor is with respect to one case. */
export interface CaseActorFacts {
  secretary: boolean;
  caseManager: boolean;
  trialStaff: boolean;
  /** Staff of the lead (undertaking) department. */
  leadDept: boolean;
  /** Active member of the 审查调查组 / its 组长. */
  invMember: boolean;
  invLead: boolean;
  /** Active member of the 审理组. */
  trialMember: boolean;
  /** 分管领导 whose scope covers the lead department. */
  overseeing: boolean;
}

/** Columns the facts are computed from, selected next to a case_file row aliased `c`. */
export interface CaseActorFactsRow {
  f_inv_member: boolean;
  f_inv_lead: boolean;
  f_trial_member: boolean;
  f_overseeing: boolean;
}

/** SQL select list (prefixed by a comma) computing CaseActorFactsRow for the actor over case `c`. */
export function actorFactsSql(actor: Actor): RawBuilder<unknown> {
  const overseeing = hasAnyRole(actor, ['DEPUTY_OR_MEMBER']) && !actor.scope.wide ? inOrgScope(actor, sql.ref('c.lead_org_id')) : sql<boolean>`false`;
  return sql`, EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = c.id AND m.user_id = ${actor.userId}::uuid
        AND m.team = 'INVESTIGATION' AND m.left_on IS NULL) AS f_inv_member,
      EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = c.id AND m.user_id = ${actor.userId}::uuid
        AND m.team = 'INVESTIGATION' AND m.role = 'LEAD' AND m.left_on IS NULL) AS f_inv_lead,
      EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = c.id AND m.user_id = ${actor.userId}::uuid
        AND m.team = 'TRIAL' AND m.left_on IS NULL) AS f_trial_member,
      ${overseeing} AS f_overseeing`;
}

export function factsOf(actor: Actor, leadOrgId: string, row: CaseActorFactsRow): CaseActorFacts {
  return {
    secretary: hasAnyRole(actor, ['SECRETARY']),
    caseManager: hasAnyRole(actor, ['CASE_MANAGER']),
    trialStaff: hasAnyRole(actor, ['TRIAL_STAFF']),
    leadDept: actor.orgId === leadOrgId && hasAnyRole(actor, LEAD_DEPT_ROLES),
    invMember: row.f_inv_member,
    invLead: row.f_inv_lead,
    trialMember: row.f_trial_member,
    overseeing: row.f_overseeing,
  };
}

const investigationSide = (f: CaseActorFacts) => f.invLead || (f.leadDept && f.invMember) || f.overseeing;
const trialSide = (f: CaseActorFacts) => f.trialStaff && f.trialMember;
const leadSide = (f: CaseActorFacts) => f.leadDept || f.invMember || f.overseeing;

/** The machine roles (CASE_MACHINE `who`) the actor holds on the case (c.2). */
export function caseRoles(f: CaseActorFacts): CaseActor[] {
  const roles: CaseActor[] = [];
  if (f.secretary) roles.push('SECRETARY');
  if (f.caseManager) roles.push('CASE_MANAGER');
  if (investigationSide(f)) roles.push('INVESTIGATION');
  if (f.invMember) roles.push('INV_MEMBER');
  if (trialSide(f)) roles.push('TRIAL');
  if (leadSide(f)) roles.push('LEAD_SIDE');
  return roles;
}

/** Why the actor may not do it (403 message). */
export function actorMessage(action: CaseAction): string {
  const who: Partial<Record<CaseAction, string>> = {
    approveFiling: '立案须通过线索的立案审批办理',
    approvePlan: '审查调查方案由书记审定',
    decide: '处理决定由书记作出',
    revoke: '撤销案件由书记决定',
    archive: '归档由案件监督管理室办理',
    requestSupplement: '退回补充证据由审理组办理',
    deliberate: '集体审议由审理组办理',
    returnSupplement: '补充证据由审查调查组或审理组办理',
    transferToProcuratorate: '由承办部门或审查调查组办理',
    announceDecision: '由承办部门或审查调查组办理',
    reportExecution: '由承办部门或审查调查组办理',
  };
  return who[action] ?? `“${CASE_ACTION_LABELS[action].zh}”由审查调查组组长、承办部门组内人员或分管领导办理`;
}

/** Facts the guards read (loaded by guardFacts in repo.ts). */
export interface CaseGuardFacts {
  trialActiveCount: number;
  /** Names of active trial members who were ever on the investigation team. */
  conflictNames: string[];
  trialTalkOn: string | null;
  trialReport: string | null;
  hasProsecution: boolean;
  prosecutionTransferred: boolean;
}

export interface GuardFailure {
  code: 'ILLEGAL_TRANSITION' | 'TRIAL_TEAM_CONFLICT';
  message: string;
}

/** The guard of an action, or null when it holds. */
export function guardFailure(action: CaseAction, state: CaseState, g: CaseGuardFacts): GuardFailure | null {
  switch (action) {
    case 'transferToTrial':
      if (g.conflictNames.length > 0) return { code: 'TRIAL_TEAM_CONFLICT', message: conflictMessage(g.conflictNames) };
      if (g.trialActiveCount === 0) return { code: 'ILLEGAL_TRANSITION', message: '请先组成审理组（至少一名审理室人员）再移送审理' };
      return null;
    case 'deliberate':
      if (!g.trialTalkOn || !g.trialReport?.trim()) return { code: 'ILLEGAL_TRANSITION', message: '集体审议前须完成审理谈话并形成审理报告' };
      return null;
    case 'transferToProcuratorate':
      if (!g.hasProsecution) return { code: 'ILLEGAL_TRANSITION', message: '处理决定中没有移送检察机关审查起诉的内容' };
      return null;
    case 'announceDecision':
      if (state === 'DECIDED' && g.hasProsecution && !g.prosecutionTransferred)
        return { code: 'ILLEGAL_TRANSITION', message: '处理决定包含移送审查起诉，须先移送检察机关' };
      return null;
    default:
      return null;
  }
}

export function conflictMessage(names: readonly string[]): string {
  return `${names.join('、')}曾是本案审查调查组成员，依照审查调查与审理分离的规定，不能担任本案审理组成员`;
}

/** Everything the caller may do now, for the `abilities` of the answer. */
export function abilitiesOf(f: CaseActorFacts, state: CaseState, g: CaseGuardFacts): CaseAbilities {
  const actions: CaseAbilities['actions'] = [];
  const blocked: CaseAbilities['blocked'] = [];
  for (const action of CASE_MACHINE.abilities(state, caseRoles(f))) {
    if (CASE_MACHINE.table[action].needsApproval) continue;
    const fail = guardFailure(action, state, g);
    if (fail) blocked.push({ action, reason: fail.message });
    else actions.push(action);
  }
  const open = !FINAL_STATES.includes(state);
  return {
    actions,
    blocked,
    update: open && mayUpdate(f),
    updateTrial: TRIAL_STATES.includes(state) && trialSide(f),
    manageInvestigationTeam: open && mayManageTeam(f, 'INVESTIGATION'),
    manageTrialTeam: TRIAL_TEAM_STATES.includes(state) && mayManageTeam(f, 'TRIAL'),
    recordMeasure: MEASURE_STATES.includes(state) && mayRecordMeasure(f),
    extendTrial: f.secretary && TRIAL_STATES.includes(state),
    prosecutionPending: state === 'DECIDED' && g.hasProsecution,
  };
}

/** PATCH of plan, reports and summary: the lead department, the team lead, the overseeing leader. */
export function mayUpdate(f: CaseActorFacts): boolean {
  return f.leadDept || f.invLead || f.overseeing;
}

export function mayUpdateTrial(f: CaseActorFacts): boolean {
  return trialSide(f);
}

/** Investigation team: lead department, team lead, 案管室, overseeing leader. Trial team: 审理室, 案管室. */
export function mayManageTeam(f: CaseActorFacts, team: 'INVESTIGATION' | 'TRIAL'): boolean {
  if (team === 'INVESTIGATION') return f.leadDept || f.invLead || f.caseManager || f.overseeing;
  return f.trialStaff || f.caseManager;
}

export function mayRecordMeasure(f: CaseActorFacts): boolean {
  return f.invMember || f.leadDept || f.overseeing;
}
