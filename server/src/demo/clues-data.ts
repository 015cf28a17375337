/**
 * 演示数据 — the 2026 clue book (问题线索) and the cases filed on some of its clues. Every person, fact and
 * complaint here is FICTIONAL (names of the 张某某 kind); the loader (clues.ts) derives numbers, deadlines on
 * the demo calendar, events, approvals, inquiries, verifications and teams from each entry's state, so the
 * book follows the clue and case state machines. Demo "today" is 2026-11-27.
 */
import type { ClosedKind, ClueSource, DispositionMethod, InquiryForm, IssueType } from '@liandong/domain/clues/enums';
import type { ClueAction, ClueState } from '@liandong/domain/clues/machine';
import type { CaseState } from '@liandong/domain/cases/machine';
import { demoCaseClues } from './clues-data-cases';
import { demoOtherClues } from './clues-data-closed';
import { demoOpenClues } from './clues-data-open';

export const DEMO_CLUES_TODAY = '2026-11-27';

export interface DemoCase {
  state: CaseState;
  filedOn: string;
  /** Lead department (default: the clue's undertaking department). */
  leadCode?: string;
  /** 审查调查组: usernames, the first is the lead. */
  investigators: string[];
  /** 审理组 (from the transfer to trial on): usernames, the first is the lead. */
  trial?: string[];
  outcomes?: {
    kind: 'PARTY_SANCTION' | 'ADMIN_SANCTION' | 'FIRST_FORM_MEASURE' | 'ORGANISATIONAL_MEASURE' | 'PROSECUTION';
    detail: string;
    form: 'FIRST' | 'SECOND' | 'THIRD' | 'FOURTH';
    months?: number;
  }[];
  measures?: { kind: string; startedOn: string; dueOn: string | null; note: string }[];
  plan?: string;
  /** 追缴/挽回资金 (元) fixed by the decision, a decimal string ('386000.00'); only on decided cases. */
  fundsRecovered?: string;
}

export interface DemoClue {
  key: string;
  source: ClueSource;
  receivedOn: string;
  title: string;
  summary: string;
  issues: IssueType[];
  subjectName: string;
  /** Host unit of the subject (org code), or null (county-level subjects). */
  unit: string | null;
  position: string;
  /** Key of a demo supervised person (people.ts). */
  personKey?: string;
  /** Receiving department: default 信访室 for 信访举报, else the undertaking department. */
  receivingCode?: string;
  /** Undertaking department; unset while RECEIVED / REGISTERED. */
  undertakingCode?: string;
  state: ClueState;
  method?: DispositionMethod;
  closedKind?: ClosedKind;
  /** 实名举报: a fictional complainant, sealed with SM4. */
  complainant?: { name: string; phone: string; relation: string };
  inquiryForm?: InquiryForm;
  /** 函询 letters: the reply has not come back (函询回复到期). */
  noReply?: boolean;
  /** Real-name result feedback not yet given (结果反馈到期). */
  feedbackPending?: boolean;
  /** A request waiting for approval (the clue stays in its state). */
  pending?: { action: ClueAction; rationale: string; payload?: Record<string, unknown> };
  mergedInto?: string;
  case?: DemoCase;
}

/** The clue book. Keys are stable; tests and the meetings below refer to them. */
export const demoClues: readonly DemoClue[] = [...demoCaseClues, ...demoOpenClues, ...demoOtherClues];

/**
 * The clues of the two demo campaigns (campaigns.ts keys) with their 典型问题类型: the 专项整治排查 clues,
 * the grain data alert (储备库 → 初核 → 立案) and the clue found in its investigation.
 */
export const demoClueCampaigns: Readonly<Record<string, { campaign: 'catering' | 'grain'; typology: readonly string[] }>> = {
  'grain-related-party': { campaign: 'grain', typology: ['RELATED_TRANSACTION', 'TUNNELING'] },
  'asg-3': { campaign: 'grain', typology: ['FALSE_CLAIMS'] },
  'jc-6': { campaign: 'grain', typology: ['KICKBACKS'] },
  'edu-canteen-case': { campaign: 'catering', typology: ['IRREGULAR_PROCUREMENT', 'TUNNELING'] },
  'cl-5': { campaign: 'catering', typology: ['LEECHING_ENTERPRISE'] },
};

/** 集体排查 meetings: the clues discussed and the decision on each. */
export const demoClueMeetings = [
  {
    orgCode: 'LZ-JW-PZ-FGW',
    title: '驻市发展和改革委员会纪检监察组2026年第四季度问题线索集体排查会',
    heldOn: '2026-11-20',
    place: '驻市发展和改革委员会纪检监察组会议室',
    chair: 'fgw.group',
    participants: ['fgw.group', 'jc1.staff'],
    participantsText: '驻市发展和改革委员会纪检监察组全体干部，第一监督检查室列席',
    minutes: '会议逐件研判本季度受理的问题线索，明确处置方式和承办责任人。（演示数据）',
    items: [
      { clue: 'asg-3', method: null, decision: '与聂某某案关联，纳入审查调查统筹研判' },
      { clue: 'prop-fgw', method: 'TALK_INQUIRY', decision: '同意采取函询方式，报分管领导审批' },
    ],
  },
  {
    orgCode: 'LZ-YZ',
    title: '榆中县纪委监委2026年三季度线索专题会',
    heldOn: '2026-09-20',
    place: '榆中县纪委监委第一会议室',
    chair: 'yz.county',
    participants: ['yz.county', 'yz.jjs1', 'yz.jjs2'],
    participantsText: '县纪委监委分管领导，第一、第二纪检监察室',
    minutes: '会议研判片区协作专项监督和来信反映的问题线索，明确处置方式。（演示数据）',
    items: [
      { clue: 'yz-1', method: 'TALK_INQUIRY', decision: '采取谈话方式了解' },
      { clue: 'prelim-2', method: null, decision: '听取核查组初核情况汇报，同意按程序报批' },
    ],
  },
] as const;

/** 打听案情、说情干预登记. */
export const demoInterference = [
  {
    caseOf: 'bank-credit',
    kind: 'ENQUIRY',
    enquirerName: '某某（示例）',
    enquirerUnit: '某金融机构',
    enquirerPosition: '部门负责人',
    channel: 'PHONE',
    content: '来电询问樊某某案件办理进展及可能的处理结果，已按规定拒绝回答并登记。',
    occurredAt: '2026-07-14T15:20:00+08:00',
    reportedTo: '第十审查调查室主任',
    recordedBy: 'sc10.staff',
  },
  {
    caseOf: 'grain-related-party',
    kind: 'INTERCESSION',
    enquirerName: '某某某（示例）',
    enquirerUnit: '某物流公司',
    enquirerPosition: '股东',
    channel: 'IN_PERSON',
    content: '当面为聂某某说情，称其“一时糊涂”，希望从轻处理，已当场拒绝并登记报告。',
    occurredAt: '2026-10-22T10:05:00+08:00',
    reportedTo: '驻市发展和改革委员会纪检监察组组长',
    recordedBy: 'jc1.staff',
  },
  {
    clueOf: 'jc-3',
    kind: 'ENQUIRY',
    enquirerName: '某某（示例）',
    enquirerUnit: '某定点医药机构',
    enquirerPosition: '负责人',
    channel: 'MESSAGE',
    content: '通过微信打听线索核查范围，已拒绝并截图留存登记。',
    occurredAt: '2026-09-28T20:40:00+08:00',
    reportedTo: '第三监督检查室主任',
    recordedBy: 'jc3.staff',
  },
] as const;
