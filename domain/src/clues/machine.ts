import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/**
 * 问题线索状态机 (domain.md c.1). Pure table: the server's transition() will be the only writer of a
 * clue's state, checking this table, the actor's role (信访室 / 案管室 / 承办部门 / approvers) and the
 * approval chain of `approvalChain()` in one transaction.
 */
export const CLUE_STATE_LABELS = {
  RECEIVED: { zh: '已受理', en: 'Received' },
  REGISTERED: { zh: '已登记编号', en: 'Registered' },
  ASSIGNED: { zh: '已分办', en: 'Assigned' },
  UNDER_ANALYSIS: { zh: '分析研判中', en: 'Under analysis' },
  DISPOSITION_PROPOSED: { zh: '已提出处置意见', en: 'Disposition proposed' },
  TALK_INQUIRY: { zh: '谈话函询', en: 'Talk or letter inquiry' },
  TALK_INQUIRY_REPORTED: { zh: '谈话函询已报告', en: 'Inquiry reported' },
  PRELIM_VERIFICATION: { zh: '初步核实', en: 'Preliminary verification' },
  PRELIM_REPORTED: { zh: '初核已报告', en: 'Verification reported' },
  PENDING_HOLD: { zh: '暂存待查', en: 'Pending hold' },
  CASE_PROPOSED: { zh: '拟立案', en: 'Case proposed' },
  CLOSED: { zh: '予以了结', en: 'Closed' },
  CLOSED_FIRST_FORM: { zh: '了结（第一种形态处理）', en: 'Closed with first-form measure' },
  TRANSFERRED_OUT: { zh: '已移送主管机关', en: 'Transferred out' },
  TRANSFERRED_TO_PARTY_ORG: { zh: '移交党组织处理', en: 'Transferred to Party organisation' },
  MERGED: { zh: '已并案（重复件）', en: 'Merged' },
  FALSE_ACCUSATION: { zh: '查明诬告陷害', en: 'False accusation' },
  CASE_FILED: { zh: '已立案', en: 'Case filed' },
  REOPENED: { zh: '重新启用', en: 'Reopened' },
} as const satisfies Labelled<string>;
export const ClueStateSchema = z.enum(codesOf(CLUE_STATE_LABELS));
export type ClueState = z.infer<typeof ClueStateSchema>;

/** Terminal states (c.1): nothing but a reopen (from the two closed states) leaves them. */
export const CLUE_TERMINAL: readonly ClueState[] = [
  'CLOSED',
  'CLOSED_FIRST_FORM',
  'TRANSFERRED_OUT',
  'TRANSFERRED_TO_PARTY_ORG',
  'MERGED',
  'FALSE_ACCUSATION',
  'CASE_FILED',
];
/** Open states: a clue in one of these can be merged as a duplicate (重复件 / 同案人员). */
export const CLUE_OPEN: readonly ClueState[] = (Object.keys(CLUE_STATE_LABELS) as ClueState[]).filter((s) => !CLUE_TERMINAL.includes(s));

/** Who acts: 信访室, 案管室, the undertaking department (承办部门), or an approver of the chain. */
export type ClueActor = 'PETITION' | 'CASE_MANAGEMENT' | 'UNDERTAKING' | 'APPROVER';

export const CLUE_ACTION_LABELS = {
  transferOut: { zh: '移送主管机关', en: 'Transfer out' },
  register: { zh: '登记编号', en: 'Register' },
  assign: { zh: '分办', en: 'Assign' },
  accept: { zh: '承办部门接收', en: 'Accept' },
  propose: { zh: '提出处置意见', en: 'Propose disposition' },
  approveTalkInquiry: { zh: '批准谈话函询', en: 'Approve talk/letter inquiry' },
  approvePrelim: { zh: '批准初步核实', en: 'Approve preliminary verification' },
  approveHold: { zh: '批准暂存待查', en: 'Approve pending hold' },
  approveClose: { zh: '批准予以了结', en: 'Approve closing' },
  reportTalkInquiry: { zh: '报告谈话函询情况', en: 'Report inquiry' },
  repeatTalkInquiry: { zh: '再次谈话函询', en: 'Repeat inquiry' },
  closeFirstForm: { zh: '第一种形态处理后了结', en: 'Close with first-form measure' },
  findFalseAccusation: { zh: '认定诬告陷害', en: 'Find false accusation' },
  reportPrelim: { zh: '报送初核报告', en: 'Report verification' },
  proposeCase: { zh: '建议立案', en: 'Propose a case' },
  transferToPartyOrg: { zh: '移交党组织处理', en: 'Transfer to Party organisation' },
  fileCase: { zh: '立案', en: 'File the case' },
  merge: { zh: '并案（重复件）', en: 'Merge as duplicate' },
  reopen: { zh: '重新启用', en: 'Reopen' },
} as const satisfies Labelled<string>;
export const ClueActionSchema = z.enum(codesOf(CLUE_ACTION_LABELS));
export type ClueAction = z.infer<typeof ClueActionSchema>;

/** Guards the server evaluates: every 核查组 member signed the report; new evidence exists. */
export type ClueGuard = 'allTeamSigned' | 'newEvidence' | 'notSelf';

export interface ClueTransition {
  from: readonly ClueState[];
  to: ClueState;
  actor: ClueActor;
  /** The approval chain of approvalChain() must be complete (or it is the approver's act). */
  needsApproval: boolean;
  guard?: ClueGuard;
}

const CLOSABLE: readonly ClueState[] = ['DISPOSITION_PROPOSED', 'TALK_INQUIRY_REPORTED', 'PRELIM_REPORTED', 'PENDING_HOLD'];

export const CLUE_TRANSITIONS: Readonly<Record<ClueAction, ClueTransition>> = {
  /** 不属于本机关管辖的，应当移送主管机关处理 (监察法 2024 art.38). */
  transferOut: { from: ['RECEIVED'], to: 'TRANSFERRED_OUT', actor: 'PETITION', needsApproval: true },
  /** 归口受理后移送案管室集中登记、逐件编号. */
  register: { from: ['RECEIVED'], to: 'REGISTERED', actor: 'CASE_MANAGEMENT', needsApproval: false },
  /** 分办意见 by 案管室, approved by the principal leader. */
  assign: { from: ['REGISTERED'], to: 'ASSIGNED', actor: 'CASE_MANAGEMENT', needsApproval: true },
  accept: { from: ['ASSIGNED', 'REOPENED'], to: 'UNDER_ANALYSIS', actor: 'UNDERTAKING', needsApproval: false },
  /** Within one month of receipt (2019 规则 art.21(2)). */
  propose: { from: ['UNDER_ANALYSIS'], to: 'DISPOSITION_PROPOSED', actor: 'UNDERTAKING', needsApproval: false },
  approveTalkInquiry: { from: ['DISPOSITION_PROPOSED'], to: 'TALK_INQUIRY', actor: 'APPROVER', needsApproval: true },
  approvePrelim: { from: ['DISPOSITION_PROPOSED', 'TALK_INQUIRY_REPORTED', 'PENDING_HOLD'], to: 'PRELIM_VERIFICATION', actor: 'APPROVER', needsApproval: true },
  approveHold: { from: ['DISPOSITION_PROPOSED', 'PRELIM_REPORTED'], to: 'PENDING_HOLD', actor: 'APPROVER', needsApproval: true },
  approveClose: { from: CLOSABLE, to: 'CLOSED', actor: 'APPROVER', needsApproval: true },
  reportTalkInquiry: { from: ['TALK_INQUIRY'], to: 'TALK_INQUIRY_REPORTED', actor: 'UNDERTAKING', needsApproval: false },
  repeatTalkInquiry: { from: ['TALK_INQUIRY_REPORTED', 'PENDING_HOLD'], to: 'TALK_INQUIRY', actor: 'APPROVER', needsApproval: true },
  closeFirstForm: { from: ['TALK_INQUIRY_REPORTED', 'PRELIM_REPORTED'], to: 'CLOSED_FIRST_FORM', actor: 'APPROVER', needsApproval: true },
  /** 诬告陷害 needs a 地市级以上 Party committee or 纪委 (see approvalChain). */
  findFalseAccusation: { from: ['TALK_INQUIRY_REPORTED', 'PRELIM_REPORTED'], to: 'FALSE_ACCUSATION', actor: 'APPROVER', needsApproval: true },
  /** 初步核实情况报告 signed by every member of the 核查组. */
  reportPrelim: { from: ['PRELIM_VERIFICATION'], to: 'PRELIM_REPORTED', actor: 'UNDERTAKING', needsApproval: false, guard: 'allTeamSigned' },
  proposeCase: { from: ['PRELIM_REPORTED'], to: 'CASE_PROPOSED', actor: 'UNDERTAKING', needsApproval: true },
  transferToPartyOrg: { from: ['PRELIM_REPORTED'], to: 'TRANSFERRED_TO_PARTY_ORG', actor: 'APPROVER', needsApproval: true },
  fileCase: { from: ['CASE_PROPOSED'], to: 'CASE_FILED', actor: 'APPROVER', needsApproval: true },
  merge: { from: CLUE_OPEN, to: 'MERGED', actor: 'CASE_MANAGEMENT', needsApproval: false, guard: 'notSelf' },
  /** Only on new evidence; without it a repeat report is a duplicate and is closed. */
  reopen: { from: ['CLOSED', 'CLOSED_FIRST_FORM'], to: 'REOPENED', actor: 'APPROVER', needsApproval: true, guard: 'newEvidence' },
};

/** Next state for an action, or null when the table forbids it (→ 409). */
export function nextClueState(from: ClueState, action: ClueAction): ClueState | null {
  const t = CLUE_TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

/** The subject's attributes that decide who approves (domain.md b.2, c.1). */
export interface ClueSubject {
  cadreManagement: 'SAME_LEVEL_PARTY' | 'LOWER' | 'OTHER';
  /** 下一级党委（党组）主要负责人. */
  isSubordinateTopLeader: boolean;
}

/**
 * Approvers in order: 分管领导 (OVERSEEING_LEADER), 主要负责人 (PRINCIPAL_LEADER), 同级党委主要负责人
 * (PARTY_COMMITTEE_SECRETARY), the upper commission (UPPER_COMMISSION).
 */
export type Approver = 'OVERSEEING_LEADER' | 'PRINCIPAL_LEADER' | 'PARTY_COMMITTEE_SECRETARY' | 'UPPER_COMMISSION';

/**
 * Approval chain of a clue action by the subject's cadre level (c.1):
 * - 分办: the principal leader [C S30];
 * - 谈话函询 of a 下一级党委主要负责人: the principal leader [C S31]; 初核 of one: the 同级党委主要负责人 [C S15];
 * - same-level-Party-managed cadres: 分管领导 then 主要负责人 for any disposition; first-form closing by 纪委主要领导 [C S20];
 * - 诬告陷害: a 地市级以上 Party committee or 纪委 [C S26] — the municipal commission's principal leader,
 *   for a county commission the upper (municipal) commission;
 * - otherwise the 分管领导.
 */
export function approvalChain(action: ClueAction, subject: ClueSubject, level: 'MUNICIPAL' | 'COUNTY'): Approver[] {
  const t = CLUE_TRANSITIONS[action];
  if (!t.needsApproval) return [];
  if (action === 'assign') return ['PRINCIPAL_LEADER'];
  if (action === 'findFalseAccusation')
    return level === 'MUNICIPAL' ? ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER'] : ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER', 'UPPER_COMMISSION'];
  if (action === 'approvePrelim' && subject.isSubordinateTopLeader) return ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER', 'PARTY_COMMITTEE_SECRETARY'];
  if ((action === 'approveTalkInquiry' || action === 'repeatTalkInquiry') && subject.isSubordinateTopLeader) return ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER'];
  if (action === 'fileCase') {
    // 立案 of a same-level-Party-managed cadre is approved by the same-level Party committee [C S29].
    return subject.cadreManagement === 'SAME_LEVEL_PARTY' ? ['PRINCIPAL_LEADER', 'PARTY_COMMITTEE_SECRETARY'] : ['PRINCIPAL_LEADER'];
  }
  if (subject.cadreManagement === 'SAME_LEVEL_PARTY' || subject.isSubordinateTopLeader) return ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER'];
  if (action === 'transferOut' || action === 'proposeCase') return ['PRINCIPAL_LEADER'];
  return ['OVERSEEING_LEADER'];
}
