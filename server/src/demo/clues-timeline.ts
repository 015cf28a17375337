/**
 * 演示数据 — pure helpers of the clue-book loader: the action path that leads a demo clue to its state
 * (checked against the clue state machine), the day of every step, and the case ladder.
 */
import { addMonths } from '@liandong/domain/clues/deadlines';
import { type ClueAction, type ClueState, nextClueState } from '@liandong/domain/clues/machine';
import { type CaseAction, type CaseState, nextCaseState } from '@liandong/domain/cases/machine';
import { type DemoClue, DEMO_CLUES_TODAY } from './clues-data';

export const LAST_DAY = '2026-11-26';

export const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const minDay = (a: string, b: string) => (a < b ? a : b);
export const maxDay = (a: string, b: string) => (a > b ? a : b);
export const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

const PRE: ClueAction[] = ['register', 'assign', 'accept', 'propose'];
const TALK: ClueAction[] = [...PRE, 'approveTalkInquiry', 'reportTalkInquiry'];
const PRELIM: ClueAction[] = [...PRE, 'approvePrelim', 'reportPrelim'];

/** The actions from RECEIVED to the clue's state. */
export function pathOf(c: DemoClue): ClueAction[] {
  const closing: Record<string, ClueAction[]> = {
    DIRECT: [...PRE, 'approveClose'],
    AFTER_INQUIRY: [...TALK, 'approveClose'],
    AFTER_VERIFICATION: [...PRELIM, 'approveClose'],
  };
  const paths: Record<ClueState, ClueAction[]> = {
    RECEIVED: [],
    REGISTERED: ['register'],
    ASSIGNED: ['register', 'assign'],
    UNDER_ANALYSIS: ['register', 'assign', 'accept'],
    DISPOSITION_PROPOSED: PRE,
    TALK_INQUIRY: [...PRE, 'approveTalkInquiry'],
    TALK_INQUIRY_REPORTED: TALK,
    PRELIM_VERIFICATION: [...PRE, 'approvePrelim'],
    PRELIM_REPORTED: PRELIM,
    CASE_PROPOSED: [...PRELIM, 'proposeCase'],
    CASE_FILED: [...PRELIM, 'proposeCase', 'fileCase'],
    PENDING_HOLD: [...PRE, 'approveHold'],
    CLOSED: closing[c.closedKind ?? 'DIRECT']!,
    CLOSED_FIRST_FORM: [...TALK, 'closeFirstForm'],
    FALSE_ACCUSATION: [...TALK, 'findFalseAccusation'],
    TRANSFERRED_TO_PARTY_ORG: [...PRELIM, 'transferToPartyOrg'],
    TRANSFERRED_OUT: ['transferOut'],
    MERGED: ['register', 'merge'],
    REOPENED: [...PRE, 'approveClose', 'reopen'],
  };
  const path = paths[c.state];
  let s: ClueState = 'RECEIVED';
  for (const a of path) {
    const n = nextClueState(s, a);
    if (!n) throw new Error(`demo clue ${c.key}: ${a} is not allowed from ${s}`);
    s = n;
  }
  if (s !== c.state) throw new Error(`demo clue ${c.key}: path ends in ${s}, not ${c.state}`);
  if (c.pending && !nextClueState(c.state, c.pending.action)) throw new Error(`demo clue ${c.key}: pending ${c.pending.action} not allowed from ${c.state}`);
  return path;
}

const OFFSET: Partial<Record<ClueAction, number>> = {
  register: 1,
  transferOut: 10,
  merge: 2,
  assign: 3,
  accept: 5,
  propose: 12,
  approveTalkInquiry: 18,
  approvePrelim: 18,
  approveHold: 18,
  reportTalkInquiry: 50,
  reportPrelim: 60,
  proposeCase: 63,
  fileCase: 70,
  closeFirstForm: 58,
  findFalseAccusation: 62,
  transferToPartyOrg: 68,
  reopen: 95,
};

/** The day of each step: fixed offsets from receipt, a case clue's last steps from its filing, never after LAST_DAY. */
export function stepDays(c: DemoClue, path: readonly ClueAction[]): string[] {
  const days: string[] = [];
  let prev = c.receivedOn;
  for (const [i, a] of path.entries()) {
    let off = OFFSET[a] ?? 20;
    if (a === 'approveClose') off = path[i - 1] === 'propose' ? 20 : 62;
    let day = plusDays(c.receivedOn, off);
    if (c.case && a === 'reportPrelim') day = plusDays(c.case.filedOn, -10);
    if (c.case && a === 'proposeCase') day = plusDays(c.case.filedOn, -7);
    if (c.case && a === 'fileCase') day = c.case.filedOn;
    if (!c.case && c.state === 'CASE_PROPOSED' && a === 'reportPrelim') day = plusDays(c.receivedOn, 50);
    if (!c.case && c.state === 'CASE_PROPOSED' && a === 'proposeCase') day = plusDays(c.receivedOn, 55);
    day = minDay(maxDay(day, prev), LAST_DAY);
    days.push(day);
    prev = day;
  }
  return days;
}

/** The case ladder (c.2) with each state's day offset from the filing. */
const LADDER: { action: CaseAction; to: CaseState; off: number }[] = [
  { action: 'approveFiling', to: 'FILED', off: 0 },
  { action: 'approvePlan', to: 'PLAN_APPROVED', off: 3 },
  { action: 'announce', to: 'ANNOUNCED', off: 5 },
  { action: 'startInvestigation', to: 'INVESTIGATING', off: 6 },
  { action: 'confirmFacts', to: 'FACTS_CONFIRMED', off: 50 },
  { action: 'reportInvestigation', to: 'INVESTIGATION_REPORTED', off: 60 },
  { action: 'transferToTrial', to: 'IN_TRIAL', off: 62 },
  { action: 'deliberate', to: 'TRIAL_DELIBERATED', off: 80 },
  { action: 'decide', to: 'DECIDED', off: 85 },
  { action: 'announceDecision', to: 'SANCTION_ANNOUNCED', off: 90 },
  { action: 'reportExecution', to: 'EXECUTED', off: 120 },
  { action: 'archive', to: 'ARCHIVED', off: 130 },
];

/** The case steps from FILING_PROPOSED to `state`, each with its day (checked against the case machine). */
export function caseSteps(state: CaseState, filedOn: string): { action: CaseAction; from: CaseState; to: CaseState; day: string }[] {
  if (state === 'FILING_PROPOSED') return [];
  const steps: { action: CaseAction; from: CaseState; to: CaseState; day: string }[] = [];
  let s: CaseState = 'FILING_PROPOSED';
  for (const l of LADDER) {
    if (nextCaseState(s, l.action) !== l.to) throw new Error(`demo case: ${l.action} not allowed from ${s}`);
    const day = minDay(plusDays(filedOn, l.off), LAST_DAY);
    steps.push({ action: l.action, from: s, to: l.to, day });
    s = l.to;
    if (s === state) return steps;
  }
  throw new Error(`demo case: state ${state} is not on the ladder`);
}

export const monthLater = addMonths;
export { DEMO_CLUES_TODAY };
