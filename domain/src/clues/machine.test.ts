import { describe, expect, it } from 'vitest';
import { buildWorkCalendar } from '../calendar/calendar';
import { CN_CALENDAR_SEED } from '../calendar/seed-cn';
import { addMonths, clueDeadlines, inquiryReportDue, letterReplyDue, resultFeedbackDue } from './deadlines';
import {
  approvalChain,
  CLUE_ACTION_LABELS,
  CLUE_MACHINE,
  CLUE_RECORD_LABELS,
  CLUE_OPEN,
  CLUE_STATE_LABELS,
  CLUE_TERMINAL,
  CLUE_TRANSITIONS,
  type ClueAction,
  type ClueState,
  nextClueState,
  type ClueRecordAction,
} from './machine';
import { stepRefusal } from './approvals';

const STATES = Object.keys(CLUE_STATE_LABELS) as ClueState[];
const ACTIONS = Object.keys(CLUE_ACTION_LABELS) as ClueAction[];

/** The allowed pairs written out from domain.md c.1 — every other state × action must be refused. */
const ALLOWED: Record<string, ClueState> = {
  'RECEIVED:transferOut': 'TRANSFERRED_OUT',
  'RECEIVED:register': 'REGISTERED',
  'REGISTERED:assign': 'ASSIGNED',
  'ASSIGNED:accept': 'UNDER_ANALYSIS',
  'REOPENED:accept': 'UNDER_ANALYSIS',
  'UNDER_ANALYSIS:propose': 'DISPOSITION_PROPOSED',
  'DISPOSITION_PROPOSED:approveTalkInquiry': 'TALK_INQUIRY',
  'DISPOSITION_PROPOSED:approvePrelim': 'PRELIM_VERIFICATION',
  'TALK_INQUIRY_REPORTED:approvePrelim': 'PRELIM_VERIFICATION',
  'PENDING_HOLD:approvePrelim': 'PRELIM_VERIFICATION',
  'DISPOSITION_PROPOSED:approveHold': 'PENDING_HOLD',
  'PRELIM_REPORTED:approveHold': 'PENDING_HOLD',
  'DISPOSITION_PROPOSED:approveClose': 'CLOSED',
  'TALK_INQUIRY_REPORTED:approveClose': 'CLOSED',
  'PRELIM_REPORTED:approveClose': 'CLOSED',
  'PENDING_HOLD:approveClose': 'CLOSED',
  'TALK_INQUIRY:reportTalkInquiry': 'TALK_INQUIRY_REPORTED',
  'TALK_INQUIRY_REPORTED:repeatTalkInquiry': 'TALK_INQUIRY',
  'PENDING_HOLD:repeatTalkInquiry': 'TALK_INQUIRY',
  'TALK_INQUIRY_REPORTED:closeFirstForm': 'CLOSED_FIRST_FORM',
  'PRELIM_REPORTED:closeFirstForm': 'CLOSED_FIRST_FORM',
  'TALK_INQUIRY_REPORTED:findFalseAccusation': 'FALSE_ACCUSATION',
  'PRELIM_REPORTED:findFalseAccusation': 'FALSE_ACCUSATION',
  'PRELIM_VERIFICATION:reportPrelim': 'PRELIM_REPORTED',
  'PRELIM_REPORTED:proposeCase': 'CASE_PROPOSED',
  'PRELIM_REPORTED:transferToPartyOrg': 'TRANSFERRED_TO_PARTY_ORG',
  'CASE_PROPOSED:fileCase': 'CASE_FILED',
  'CLOSED:reopen': 'REOPENED',
  'CLOSED_FIRST_FORM:reopen': 'REOPENED',
};
for (const s of CLUE_OPEN) ALLOWED[`${s}:merge`] = 'MERGED';

describe('clue state machine: every state × action', () => {
  const pairs = STATES.flatMap((s) => ACTIONS.map((a) => [s, a] as const));
  it.each(pairs)('%s × %s', (state, action) => {
    expect(nextClueState(state, action)).toBe(ALLOWED[`${state}:${action}`] ?? null);
  });

  it('leaves terminal states only by reopening a closed clue', () => {
    for (const s of CLUE_TERMINAL) {
      const exits = ACTIONS.filter((a) => nextClueState(s, a) !== null);
      expect(exits, s).toEqual(s === 'CLOSED' || s === 'CLOSED_FIRST_FORM' ? ['reopen'] : []);
    }
  });

  it('has a route from receipt to each disposition', () => {
    const reachable = new Set<ClueState>(['RECEIVED']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of [...reachable])
        for (const a of ACTIONS) {
          const n = nextClueState(s, a);
          if (n && !reachable.has(n)) {
            reachable.add(n);
            changed = true;
          }
        }
    }
    expect([...reachable].sort()).toEqual([...STATES].sort());
  });
});

describe('approval chain by cadre level', () => {
  const ordinary = { cadreManagement: 'LOWER', isSubordinateTopLeader: false } as const;
  const sameLevel = { cadreManagement: 'SAME_LEVEL_PARTY', isSubordinateTopLeader: false } as const;
  const topLeader = { cadreManagement: 'LOWER', isSubordinateTopLeader: true } as const;
  it.each([
    ['assign', ordinary, 'MUNICIPAL', 'REGISTERED', ['PRINCIPAL_LEADER']],
    ['approveTalkInquiry', ordinary, 'MUNICIPAL', 'DISPOSITION_PROPOSED', ['OVERSEEING_LEADER']],
    ['approveTalkInquiry', topLeader, 'MUNICIPAL', 'DISPOSITION_PROPOSED', ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER']],
    ['approvePrelim', ordinary, 'MUNICIPAL', 'DISPOSITION_PROPOSED', ['OVERSEEING_LEADER']],
    ['approvePrelim', topLeader, 'MUNICIPAL', 'DISPOSITION_PROPOSED', ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER', 'PARTY_COMMITTEE_SECRETARY']],
    ['approveClose', ordinary, 'MUNICIPAL', 'DISPOSITION_PROPOSED', ['OVERSEEING_LEADER']],
    ['approveClose', sameLevel, 'MUNICIPAL', 'DISPOSITION_PROPOSED', ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER']],
    ['closeFirstForm', sameLevel, 'MUNICIPAL', 'TALK_INQUIRY_REPORTED', ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER']],
    ['closeFirstForm', ordinary, 'MUNICIPAL', 'TALK_INQUIRY_REPORTED', ['OVERSEEING_LEADER']],
    ['fileCase', ordinary, 'MUNICIPAL', 'CASE_PROPOSED', ['PRINCIPAL_LEADER']],
    ['fileCase', sameLevel, 'MUNICIPAL', 'CASE_PROPOSED', ['PRINCIPAL_LEADER', 'PARTY_COMMITTEE_SECRETARY']],
    ['findFalseAccusation', ordinary, 'MUNICIPAL', 'TALK_INQUIRY_REPORTED', ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER']],
    ['findFalseAccusation', ordinary, 'COUNTY', 'TALK_INQUIRY_REPORTED', ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER', 'UPPER_COMMISSION']],
    ['register', ordinary, 'MUNICIPAL', 'RECEIVED', []],
    ['reportPrelim', topLeader, 'MUNICIPAL', 'PRELIM_VERIFICATION', []],
  ] as const)('%s for %o at %s level from %s', (action, subject, level, from, chain) => {
    expect(approvalChain(action, subject, level, from)).toEqual(chain);
  });

  it('asks for approval exactly where the table says so', () => {
    for (const a of ACTIONS) {
      for (const from of CLUE_TRANSITIONS[a].from) {
        const chain = approvalChain(a, { cadreManagement: 'OTHER', isSubordinateTopLeader: false }, 'MUNICIPAL', from);
        expect(chain.length > 0, a).toBe(!!CLUE_TRANSITIONS[a].needsApproval);
      }
    }
  });
});

describe('after 初步核实 the 主要负责人 approves the report and its disposition (监督执纪工作规则 art. 35; 监察法 art. 41)', () => {
  const subjects = [
    { cadreManagement: 'OTHER', isSubordinateTopLeader: false },
    { cadreManagement: 'LOWER', isSubordinateTopLeader: false },
    { cadreManagement: 'LOWER', isSubordinateTopLeader: true },
    { cadreManagement: 'SAME_LEVEL_PARTY', isSubordinateTopLeader: false },
  ] as const;
  // Every approved act from PRELIM_REPORTED (并案 of a duplicate by the 案管室 is no disposition and needs none).
  const fromReport = ACTIONS.filter((a) => CLUE_TRANSITIONS[a].needsApproval && CLUE_TRANSITIONS[a].from.includes('PRELIM_REPORTED'));
  it('covers every disposition of the 初核报告: 了结, 暂存待查, 第一种形态, 诬告陷害, 移送党组织, 拟立案', () => {
    expect([...fromReport].sort()).toEqual(['approveClose', 'approveHold', 'closeFirstForm', 'findFalseAccusation', 'proposeCase', 'transferToPartyOrg']);
  });
  it.each(fromReport.flatMap((a) => subjects.flatMap((s) => (['MUNICIPAL', 'COUNTY'] as const).map((l) => [a, s, l] as const))))(
    '%s for %o at %s level: the chain holds PRINCIPAL_LEADER, never the 分管领导 alone',
    (action, subject, level) => {
      const chain = approvalChain(action, subject, level, 'PRELIM_REPORTED');
      expect(chain).toContain('PRINCIPAL_LEADER');
      expect(chain).not.toEqual(['OVERSEEING_LEADER']);
    },
  );
  it('an ordinary cadre: 了结 after 初核 goes 分管领导 → 主要负责人, the same 了结 after analysis stays with the 分管领导', () => {
    const ordinary = { cadreManagement: 'OTHER', isSubordinateTopLeader: false } as const;
    expect(approvalChain('approveClose', ordinary, 'MUNICIPAL', 'PRELIM_REPORTED')).toEqual(['OVERSEEING_LEADER', 'PRINCIPAL_LEADER']);
    expect(approvalChain('approveHold', ordinary, 'MUNICIPAL', 'PRELIM_REPORTED')).toEqual(['OVERSEEING_LEADER', 'PRINCIPAL_LEADER']);
    expect(approvalChain('closeFirstForm', ordinary, 'MUNICIPAL', 'PRELIM_REPORTED')).toEqual(['OVERSEEING_LEADER', 'PRINCIPAL_LEADER']);
    expect(approvalChain('transferToPartyOrg', ordinary, 'MUNICIPAL', 'PRELIM_REPORTED')).toEqual(['OVERSEEING_LEADER', 'PRINCIPAL_LEADER']);
    expect(approvalChain('approveClose', ordinary, 'MUNICIPAL', 'DISPOSITION_PROPOSED')).toEqual(['OVERSEEING_LEADER']);
  });
});

describe('each step of a chain by a different person, never the requester (approval is a check by another)', () => {
  const base = { userId: 'u-secretary', isSecretary: true, requestedBy: 'u-staff', decidedBy: [] as string[] };
  it.each([
    ['the requester approving their own request', { ...base, userId: 'u-staff', isSecretary: false, chain: ['OVERSEEING_LEADER'], step: 0 }, /提请人不能审批/],
    [
      'the same person deciding a second step',
      { ...base, decidedBy: ['u-secretary'], chain: ['PRINCIPAL_LEADER', 'PARTY_COMMITTEE_SECRETARY'], step: 1 },
      /不同的人/,
    ],
    [
      'the 书记 taking the 分管领导 step before the 主要负责人 step',
      { ...base, chain: ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER'], step: 0 },
      /书记不能同时代行分管领导/,
    ],
    [
      'the 书记 as 分管领导 in a three-step 初核 chain',
      { ...base, chain: ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER', 'PARTY_COMMITTEE_SECRETARY'], step: 0 },
      /书记/,
    ],
  ] as const)('refuses %s', (_name, facts, message) => {
    expect(stepRefusal({ ...facts, chain: [...facts.chain] })).toMatch(message);
  });
  it.each([
    ['a 分管领导 deciding step 1 of two', { ...base, userId: 'u-deputy', isSecretary: false, chain: ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER'], step: 0 }],
    ['the 书记 deciding step 2 after the 分管领导', { ...base, decidedBy: ['u-deputy'], chain: ['OVERSEEING_LEADER', 'PRINCIPAL_LEADER'], step: 1 }],
    ['the 书记 acting for the 分管领导 when the chain has one step', { ...base, chain: ['OVERSEEING_LEADER'], step: 0 }],
    [
      'the 案管室 recording the 同级党委 approval after the 书记',
      { ...base, userId: 'u-cm', isSecretary: false, decidedBy: ['u-secretary'], chain: ['PRINCIPAL_LEADER', 'PARTY_COMMITTEE_SECRETARY'], step: 1 },
    ],
  ] as const)('allows %s', (_name, facts) => {
    expect(stepRefusal({ ...facts, chain: [...facts.chain] })).toBeNull();
  });
});

describe('records of the clue machine: the state stays', () => {
  const RECORDS = Object.keys(CLUE_RECORD_LABELS) as ClueRecordAction[];
  const REQUEST_FROM = STATES.filter((s) => ACTIONS.some((a) => CLUE_TRANSITIONS[a].needsApproval && CLUE_TRANSITIONS[a].from.includes(s)));
  const ALLOWED_RECORD: Record<ClueRecordAction, readonly ClueState[]> = {
    request: REQUEST_FROM,
    decide: REQUEST_FROM,
    acknowledge: STATES,
    feedback: STATES,
    update: ['RECEIVED', 'REGISTERED'],
  };
  it.each(STATES.flatMap((s) => RECORDS.map((a) => [s, a] as const)))('%s × %s', (state, action) => {
    expect(CLUE_MACHINE.next(state, action)).toBe(ALLOWED_RECORD[action].includes(state) ? state : null);
  });
  it('a request may be filed exactly where some act needs approval', () => {
    expect([...CLUE_TRANSITIONS.request.from].sort()).toEqual([...REQUEST_FROM].sort());
  });
});

describe('clue time limits on the 2026 calendar', () => {
  const cal = buildWorkCalendar(CN_CALENDAR_SEED);
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2026-12-15', 1, '2027-01-15'],
  ])('addMonths(%s, %i) = %s', (day, n, expected) => {
    expect(addMonths(day, n)).toBe(expected);
  });

  it('counts the 15-working-day acknowledgement across 国庆 with the 10-10 make-up day', () => {
    const d = clueDeadlines(cal, { receivedOn: '2026-09-28', realName: true, upperAssigned: false });
    // 09-29, 09-30, (10-01…10-07 holiday), 10-08, 10-09, 10-10 (调休 Saturday), 10-12 … the 15th working day is 10-23.
    expect(d.acknowledgeBy).toBe('2026-10-23');
    expect(d.proposeBy).toBe('2026-10-28');
    expect(d.assignedCaseBy).toBeNull();
  });

  it('gives anonymous reports no acknowledgement date and upper-level assignments 3 (+3) months', () => {
    expect(clueDeadlines(cal, { receivedOn: '2026-03-10', realName: false, upperAssigned: true }).acknowledgeBy).toBeNull();
    expect(clueDeadlines(cal, { receivedOn: '2026-03-10', realName: false, upperAssigned: true }).assignedCaseBy).toBe('2026-06-10');
    expect(clueDeadlines(cal, { receivedOn: '2026-03-10', realName: false, upperAssigned: true, extensions: 1 }).assignedCaseBy).toBe('2026-09-10');
  });

  it('dates the letter reply, the inquiry report and the result feedback', () => {
    expect(letterReplyDue(cal, '2026-02-06')).toBe(addWorkingDaysRef(cal, '2026-02-06'));
    expect(inquiryReportDue('2026-05-29')).toBe('2026-06-29');
    expect(resultFeedbackDue(cal, '2026-12-01')).toBe('2026-12-22');
  });
});

function addWorkingDaysRef(cal: ReturnType<typeof buildWorkCalendar>, from: string): string {
  // Independent count: step day by day, skipping non-working days, until 15 working days have passed.
  let d = new Date(`${from}T00:00:00Z`);
  let n = 0;
  const seed = new Map(CN_CALENDAR_SEED.map((x) => [x.day, x.kind]));
  while (n < 15) {
    d = new Date(d.getTime() + 86_400_000);
    const iso = d.toISOString().slice(0, 10);
    const kind = seed.get(iso);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    if (kind === 'MAKEUP_WORKDAY' || (!weekend && kind !== 'HOLIDAY')) n++;
  }
  void cal;
  return d.toISOString().slice(0, 10);
}
