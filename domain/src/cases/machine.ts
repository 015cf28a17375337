import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';

/** 案件状态机 (domain.md c.2): from the filing proposal to the archive. */
export const CASE_STATE_LABELS = {
  FILING_PROPOSED: { zh: '拟立案', en: 'Filing proposed' },
  FILED: { zh: '已立案', en: 'Filed' },
  PLAN_APPROVED: { zh: '方案已审定', en: 'Plan approved' },
  ANNOUNCED: { zh: '已宣布立案', en: 'Announced' },
  INVESTIGATING: { zh: '审查调查中', en: 'Investigating' },
  FACTS_CONFIRMED: { zh: '事实材料已见面', en: 'Facts put to the person' },
  INVESTIGATION_REPORTED: { zh: '审查调查报告已形成', en: 'Investigation reported' },
  IN_TRIAL: { zh: '审理中', en: 'In trial' },
  SUPPLEMENT_REQUESTED: { zh: '退回补充证据', en: 'Supplementary evidence requested' },
  TRIAL_DELIBERATED: { zh: '审理已集体审议', en: 'Trial deliberated' },
  DECIDED: { zh: '已作出处理决定', en: 'Decided' },
  PROSECUTION_TRANSFERRED: { zh: '已移送检察机关', en: 'Transferred to the procuratorate' },
  SANCTION_ANNOUNCED: { zh: '处分决定已宣布', en: 'Decision announced' },
  EXECUTED: { zh: '已执行', en: 'Executed' },
  ARCHIVED: { zh: '已归档', en: 'Archived' },
  REVOKED: { zh: '已撤销', en: 'Revoked' },
} as const satisfies Labelled<string>;
export const CaseStateSchema = z.enum(codesOf(CASE_STATE_LABELS));
export type CaseState = z.infer<typeof CaseStateSchema>;

export const CASE_ACTION_LABELS = {
  approveFiling: { zh: '批准立案', en: 'Approve filing' },
  approvePlan: { zh: '审定审查调查方案', en: 'Approve the plan' },
  announce: { zh: '宣布立案', en: 'Announce' },
  startInvestigation: { zh: '开展审查调查', en: 'Start investigating' },
  confirmFacts: { zh: '违纪违法事实材料见面', en: 'Put the facts to the person' },
  reportInvestigation: { zh: '形成审查调查报告', en: 'Report the investigation' },
  transferToTrial: { zh: '移送审理', en: 'Transfer to trial' },
  requestSupplement: { zh: '退回补充证据', en: 'Request supplementary evidence' },
  returnSupplement: { zh: '补充证据后重新移送', en: 'Return with supplementary evidence' },
  deliberate: { zh: '集体审议', en: 'Deliberate' },
  decide: { zh: '作出处理决定', en: 'Decide' },
  transferToProcuratorate: { zh: '移送检察机关', en: 'Transfer to the procuratorate' },
  announceDecision: { zh: '宣布处分决定', en: 'Announce the decision' },
  reportExecution: { zh: '报告执行情况', en: 'Report execution' },
  archive: { zh: '归档', en: 'Archive' },
  revoke: { zh: '撤销案件', en: 'Revoke' },
} as const satisfies Labelled<string>;
export const CaseActionSchema = z.enum(codesOf(CASE_ACTION_LABELS));
export type CaseAction = z.infer<typeof CaseActionSchema>;

/** Guards the server evaluates at the transition (c.2). */
export type CaseGuard =
  /** 审理组 holds nobody who was on the 审查调查组 (审查与审理分离) [C S16]. */
  | 'trialTeamIndependent'
  /** 审理谈话 held and 审理报告 written before deliberation [C S16]. */
  | 'trialTalkHeld'
  /** Same-level-Party-managed cadre: the same-level Party committee approved the filing [C S29]. */
  | 'partyCommitteeApproved';

/**
 * Who may take an action, as roles relative to the case (resolved by the server's policy, cases/policy.ts):
 * - SECRETARY: the 书记; CASE_MANAGER: the 案件监督管理室;
 * - INVESTIGATION: the 审查调查组组长, a team member of the lead department, or the overseeing 分管领导;
 * - INV_MEMBER: any active member of the 审查调查组;
 * - TRIAL: 审理室 staff on the 审理组;
 * - LEAD_SIDE: the lead department, a team member or the overseeing leader.
 */
export type CaseActor = 'SECRETARY' | 'CASE_MANAGER' | 'INVESTIGATION' | 'INV_MEMBER' | 'TRIAL' | 'LEAD_SIDE';

const BEFORE_DECISION: readonly CaseState[] = [
  'FILING_PROPOSED',
  'FILED',
  'PLAN_APPROVED',
  'ANNOUNCED',
  'INVESTIGATING',
  'FACTS_CONFIRMED',
  'INVESTIGATION_REPORTED',
  'IN_TRIAL',
  'SUPPLEMENT_REQUESTED',
  'TRIAL_DELIBERATED',
];

/** The case's machine: the kernel (server/src/platform/workflow.ts) applies it, `abilities` come from it. */
export const CASE_MACHINE = defineMachine<CaseState, CaseAction, CaseActor, CaseGuard>({
  noun: '案件',
  states: CASE_STATE_LABELS,
  actions: CASE_ACTION_LABELS,
  table: {
    /** Taken by nobody by hand: applied by the clue's approved 立案 request (clues fileCase → cases/filing.ts). */
    approveFiling: { from: ['FILING_PROPOSED'], to: 'FILED', who: [], needsApproval: true, guard: 'partyCommitteeApproved' },
    approvePlan: { from: ['FILED'], to: 'PLAN_APPROVED', who: ['SECRETARY'] },
    announce: { from: ['PLAN_APPROVED'], to: 'ANNOUNCED', who: ['INVESTIGATION'] },
    startInvestigation: { from: ['ANNOUNCED'], to: 'INVESTIGATING', who: ['INVESTIGATION'] },
    confirmFacts: { from: ['INVESTIGATING'], to: 'FACTS_CONFIRMED', who: ['INVESTIGATION'] },
    reportInvestigation: { from: ['FACTS_CONFIRMED'], to: 'INVESTIGATION_REPORTED', who: ['INVESTIGATION'] },
    transferToTrial: { from: ['INVESTIGATION_REPORTED'], to: 'IN_TRIAL', who: ['INVESTIGATION'], guard: 'trialTeamIndependent' },
    requestSupplement: { from: ['IN_TRIAL'], to: 'SUPPLEMENT_REQUESTED', who: ['TRIAL'] },
    returnSupplement: { from: ['SUPPLEMENT_REQUESTED'], to: 'IN_TRIAL', who: ['TRIAL', 'INV_MEMBER'] },
    deliberate: { from: ['IN_TRIAL'], to: 'TRIAL_DELIBERATED', who: ['TRIAL'], guard: 'trialTalkHeld' },
    decide: { from: ['TRIAL_DELIBERATED'], to: 'DECIDED', who: ['SECRETARY'] },
    transferToProcuratorate: { from: ['DECIDED'], to: 'PROSECUTION_TRANSFERRED', who: ['LEAD_SIDE'] },
    announceDecision: { from: ['DECIDED', 'PROSECUTION_TRANSFERRED'], to: 'SANCTION_ANNOUNCED', who: ['LEAD_SIDE'] },
    reportExecution: { from: ['SANCTION_ANNOUNCED'], to: 'EXECUTED', who: ['LEAD_SIDE'] },
    archive: { from: ['EXECUTED', 'REVOKED'], to: 'ARCHIVED', who: ['CASE_MANAGER'] },
    /** No evidence of a violation: revoke and notify the unit (监察法 2024 art.52). */
    revoke: { from: BEFORE_DECISION, to: 'REVOKED', who: ['SECRETARY'] },
  },
});
/** The table, kept under its old name for callers (demo timeline, tests). */
export const CASE_TRANSITIONS = CASE_MACHINE.table;

/** The state an action leads to from `from`, or null when the table forbids it. */
export function nextCaseState(from: CaseState, action: CaseAction): CaseState | null {
  return CASE_MACHINE.next(from, action);
}

/**
 * Anyone who was ever on the investigation team cannot be put on the trial team (审查调查与审理分离,
 * [C S16]). Returns the conflicting account ids; empty when the trial team is independent.
 */
export function trialTeamConflicts(investigators: readonly string[], trialTeam: readonly string[]): string[] {
  const inv = new Set(investigators);
  return [...new Set(trialTeam.filter((id) => inv.has(id)))];
}

/** 四种形态 of an outcome (党纪处分条例 2024 art.5) [C S45]. */
export const FOUR_FORMS_LABELS = {
  FIRST: { zh: '第一种形态', en: 'First form' },
  SECOND: { zh: '第二种形态', en: 'Second form' },
  THIRD: { zh: '第三种形态', en: 'Third form' },
  FOURTH: { zh: '第四种形态', en: 'Fourth form' },
} as const satisfies Labelled<string>;
export type FourForm = keyof typeof FOUR_FORMS_LABELS;

/** Outcome kinds of a decision (c.2, 监察法 art.52 / 政务处分法 / 党纪处分条例). */
export type CaseOutcome =
  | { kind: 'FIRST_FORM_MEASURE' }
  | { kind: 'PARTY_SANCTION'; sanction: 'WARNING' | 'SERIOUS_WARNING' | 'REMOVAL_FROM_PARTY_POST' | 'PROBATION' | 'EXPULSION' }
  | { kind: 'ADMIN_SANCTION'; sanction: 'WARNING' | 'DEMERIT' | 'MAJOR_DEMERIT' | 'DEMOTION' | 'DISMISSAL_FROM_POST' | 'DISCHARGE' }
  | { kind: 'ORGANISATIONAL_MEASURE'; major: boolean }
  | { kind: 'PROSECUTION' };

/**
 * 四种形态: 1 批评教育·谈话提醒·诫勉; 2 党纪轻处分（警告、严重警告）·组织调整; 3 党纪重处分（撤销党内职务、留党察看、
 * 开除党籍）·重大职务调整; 4 严重违纪涉嫌犯罪追究刑事责任. 政务处分 follow the same weight: 警告/记过/记大过 → 2,
 * 降级/撤职/开除 → 3.
 */
export function fourFormOf(outcome: CaseOutcome): FourForm {
  switch (outcome.kind) {
    case 'FIRST_FORM_MEASURE':
      return 'FIRST';
    case 'PARTY_SANCTION':
      return outcome.sanction === 'WARNING' || outcome.sanction === 'SERIOUS_WARNING' ? 'SECOND' : 'THIRD';
    case 'ADMIN_SANCTION':
      return ['WARNING', 'DEMERIT', 'MAJOR_DEMERIT'].includes(outcome.sanction) ? 'SECOND' : 'THIRD';
    case 'ORGANISATIONAL_MEASURE':
      return outcome.major ? 'THIRD' : 'SECOND';
    case 'PROSECUTION':
      return 'FOURTH';
  }
}

/** 政务处分 periods in months (政务处分法 art.8) [C S6]; 开除 has none. */
export const ADMIN_SANCTION_MONTHS = { WARNING: 6, DEMERIT: 12, MAJOR_DEMERIT: 18, DEMOTION: 24, DISMISSAL_FROM_POST: 24, DISCHARGE: null } as const;
