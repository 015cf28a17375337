import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';

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

/**
 * Who acts, as roles relative to the clue (resolved by the server's policy): 信访室, 案管室, the
 * undertaking department (承办部门), the department that received the clue (受理部门), or the approver
 * of the pending request's current step.
 */
export type ClueActor = 'PETITION' | 'CASE_MANAGEMENT' | 'UNDERTAKING' | 'RECEIVER' | 'APPROVER';

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
/** The acts of c.1 that move a clue between states. */
export type ClueAction = z.infer<typeof ClueActionSchema>;

/**
 * The records of the clue's way that leave its state as it is (the timeline still shows them, the
 * version still moves): a request for approval, an intermediate or rejecting decision of its chain,
 * 受理告知, 结果反馈, and edits of the intake while the clue is not yet assigned.
 */
export const CLUE_RECORD_LABELS = {
  request: { zh: '提请审批', en: 'Request approval' },
  decide: { zh: '审批', en: 'Decide a step' },
  acknowledge: { zh: '受理告知', en: 'Acknowledge receipt' },
  feedback: { zh: '结果反馈', en: 'Give result feedback' },
  update: { zh: '修改受理信息', en: 'Edit intake' },
} as const satisfies Labelled<string>;
export type ClueRecordAction = keyof typeof CLUE_RECORD_LABELS;
/** Every action of the clue's machine: the acts of c.1 and the records. */
export type ClueMachineAction = ClueAction | ClueRecordAction;

/** Guards the server evaluates: every 核查组 member signed the report; new evidence exists; not into itself; a request the table allows. */
export type ClueGuard = 'allTeamSigned' | 'newEvidence' | 'notSelf' | 'requestable';

const CLOSABLE: readonly ClueState[] = ['DISPOSITION_PROPOSED', 'TALK_INQUIRY_REPORTED', 'PRELIM_REPORTED', 'PENDING_HOLD'];
/** States from which some act needs approval: where a request may be filed and its chain decided. */
const REQUESTABLE_FROM: readonly ClueState[] = [
  'RECEIVED',
  'REGISTERED',
  'DISPOSITION_PROPOSED',
  'TALK_INQUIRY_REPORTED',
  'PRELIM_REPORTED',
  'PENDING_HOLD',
  'CASE_PROPOSED',
  'CLOSED',
  'CLOSED_FIRST_FORM',
];
const ALL_STATES = Object.keys(CLUE_STATE_LABELS) as ClueState[];

/**
 * The clue's machine (c.1). `who` of an act that needs approval is who files its request (POST
 * /clues/:id/requests); the chain of approvalChain() approves it and the kernel applies it then. The
 * undertaking department asks for the approvers' acts; a 重新启用 may also be asked by the 信访室 or the
 * 案管室 (new evidence usually arrives through them).
 */
export const CLUE_MACHINE = defineMachine<ClueState, ClueMachineAction, ClueActor, ClueGuard>({
  noun: '问题线索',
  states: CLUE_STATE_LABELS,
  actions: { ...CLUE_ACTION_LABELS, ...CLUE_RECORD_LABELS },
  actors: { PETITION: '信访室', CASE_MANAGEMENT: '案件监督管理室', UNDERTAKING: '承办部门', RECEIVER: '受理部门', APPROVER: '审批人' },
  guards: { allTeamSigned: '初核报告须经核查组全体成员签名后方可报送', notSelf: '不能并入线索本身' },
  table: {
    /** 不属于本机关管辖的，应当移送主管机关处理 (监察法 2024 art.38). */
    transferOut: { from: ['RECEIVED'], to: 'TRANSFERRED_OUT', who: ['PETITION'], needsApproval: true },
    /** 归口受理后移送案管室集中登记、逐件编号. */
    register: { from: ['RECEIVED'], to: 'REGISTERED', who: ['CASE_MANAGEMENT'] },
    /** 分办意见 by 案管室, approved by the principal leader. */
    assign: { from: ['REGISTERED'], to: 'ASSIGNED', who: ['CASE_MANAGEMENT'], needsApproval: true },
    accept: { from: ['ASSIGNED', 'REOPENED'], to: 'UNDER_ANALYSIS', who: ['UNDERTAKING'] },
    /** Within one month of receipt (2019 规则 art.21(2)). */
    propose: { from: ['UNDER_ANALYSIS'], to: 'DISPOSITION_PROPOSED', who: ['UNDERTAKING'] },
    approveTalkInquiry: { from: ['DISPOSITION_PROPOSED'], to: 'TALK_INQUIRY', who: ['UNDERTAKING'], needsApproval: true },
    approvePrelim: {
      from: ['DISPOSITION_PROPOSED', 'TALK_INQUIRY_REPORTED', 'PENDING_HOLD'],
      to: 'PRELIM_VERIFICATION',
      who: ['UNDERTAKING'],
      needsApproval: true,
    },
    approveHold: { from: ['DISPOSITION_PROPOSED', 'PRELIM_REPORTED'], to: 'PENDING_HOLD', who: ['UNDERTAKING'], needsApproval: true },
    approveClose: { from: CLOSABLE, to: 'CLOSED', who: ['UNDERTAKING'], needsApproval: true },
    reportTalkInquiry: { from: ['TALK_INQUIRY'], to: 'TALK_INQUIRY_REPORTED', who: ['UNDERTAKING'] },
    repeatTalkInquiry: { from: ['TALK_INQUIRY_REPORTED', 'PENDING_HOLD'], to: 'TALK_INQUIRY', who: ['UNDERTAKING'], needsApproval: true },
    closeFirstForm: { from: ['TALK_INQUIRY_REPORTED', 'PRELIM_REPORTED'], to: 'CLOSED_FIRST_FORM', who: ['UNDERTAKING'], needsApproval: true },
    /** 诬告陷害 needs a 地市级以上 Party committee or 纪委 (see approvalChain). */
    findFalseAccusation: { from: ['TALK_INQUIRY_REPORTED', 'PRELIM_REPORTED'], to: 'FALSE_ACCUSATION', who: ['UNDERTAKING'], needsApproval: true },
    /** 初步核实情况报告 signed by every member of the 核查组. */
    reportPrelim: { from: ['PRELIM_VERIFICATION'], to: 'PRELIM_REPORTED', who: ['UNDERTAKING'], guard: 'allTeamSigned' },
    proposeCase: { from: ['PRELIM_REPORTED'], to: 'CASE_PROPOSED', who: ['UNDERTAKING'], needsApproval: true },
    transferToPartyOrg: { from: ['PRELIM_REPORTED'], to: 'TRANSFERRED_TO_PARTY_ORG', who: ['UNDERTAKING'], needsApproval: true },
    fileCase: { from: ['CASE_PROPOSED'], to: 'CASE_FILED', who: ['UNDERTAKING'], needsApproval: true },
    merge: { from: CLUE_OPEN, to: 'MERGED', who: ['CASE_MANAGEMENT'], guard: 'notSelf' },
    /** Only on new evidence; without it a repeat report is a duplicate and is closed. */
    reopen: {
      from: ['CLOSED', 'CLOSED_FIRST_FORM'],
      to: 'REOPENED',
      who: ['UNDERTAKING', 'PETITION', 'CASE_MANAGEMENT'],
      needsApproval: true,
      guard: 'newEvidence',
    },
    // ---- records: the state stays
    /** The requested act must be allowed from the state and asked by its `who` (guard). */
    request: { from: REQUESTABLE_FROM, to: 'stay', who: ['UNDERTAKING', 'PETITION', 'CASE_MANAGEMENT'], guard: 'requestable' },
    /** A step of the chain that is not the last approval, or a rejection (the last approval applies the act itself). */
    decide: { from: REQUESTABLE_FROM, to: 'stay', who: ['APPROVER'] },
    acknowledge: { from: ALL_STATES, to: 'stay', who: ['PETITION'] },
    feedback: { from: ALL_STATES, to: 'stay', who: ['PETITION'] },
    update: { from: ['RECEIVED', 'REGISTERED'], to: 'stay', who: ['RECEIVER', 'CASE_MANAGEMENT'] },
  },
});
/** The table (kept under its earlier name for the demo seed and the table tests). */
export const CLUE_TRANSITIONS = CLUE_MACHINE.table;

/** Next state for an act of c.1, or null when the table forbids it (→ 409). */
export function nextClueState(from: ClueState, action: ClueAction): ClueState | null {
  return CLUE_MACHINE.next(from, action);
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
 * Approval chain of a clue action by the subject's cadre level (c.1) and the state it is asked from:
 * - 分办: the principal leader [C S30];
 * - 谈话函询 of a 下一级党委主要负责人: the principal leader [C S31]; 初核 of one: the 同级党委主要负责人 [C S15];
 * - same-level-Party-managed cadres: 分管领导 then 主要负责人 for any disposition; first-form closing by 纪委主要领导 [C S20];
 * - 诬告陷害: a 地市级以上 Party committee or 纪委 [C S26] — the municipal commission's principal leader,
 *   for a county commission the upper (municipal) commission;
 * - after 初步核实 (from PRELIM_REPORTED) the 初核报告 and its disposition — 了结, 暂存待查, 谈话提醒 /
 *   第一种形态, 移送党组织, 拟立案 — go to the 主要负责人 (监督执纪工作规则 art. 35; 监察法 art. 41),
 *   through the 分管领导, never the 分管领导 alone;
 * - otherwise the 分管领导.
 */
export function approvalChain(action: ClueAction, subject: ClueSubject, level: 'MUNICIPAL' | 'COUNTY', from: ClueState): Approver[] {
  const chain = baseChain(action, subject, level);
  if (from === 'PRELIM_REPORTED' && chain.length > 0 && !chain.includes('PRINCIPAL_LEADER')) return ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER'];
  return chain;
}

function baseChain(action: ClueAction, subject: ClueSubject, level: 'MUNICIPAL' | 'COUNTY'): Approver[] {
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
