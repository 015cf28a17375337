/**
 * 演示数据 — shapes of the 以案促改 demo (reform-data*.ts): reform records with their 问题清单, letters
 * walked through the letter machine step by step, their rectification tasks walked through the task
 * machine, accountability records and a bulletin. Pure types, no I/O.
 */
import type { AccountabilityMethod, AccountabilityTarget, LetterOrigin, LetterType } from '@liandong/domain/reform/enums';
import type { LetterAction, TaskAction } from '@liandong/domain/reform/machine';

export type CauseCategory = 'SYSTEM_GAP' | 'OVERSIGHT_WEAKNESS' | 'POWER_CONCENTRATION' | 'RISK_CONTROL' | 'EDUCATION' | 'CULTURE' | 'OTHER';

export interface DemoProblem {
  description: string;
  category: CauseCategory;
  foundOn: string;
}

/** A 以案促改 record opened on a demo case (origin CASE), keyed by the demo clue that became the case. */
export interface DemoReformRecord {
  caseKey: string;
  title: string;
  /** 行业领域 code (SECTOR dictionary) */
  sector: string;
  /** the lead owner org (牵头) */
  ownerCode: string;
  /** co-owner orgs of a jointly run record (reform_record_co_owner) */
  coOwnerCodes?: readonly string[];
  /** the day the co-owners joined (第五监督检查室: after the case's decision) */
  coOwnedOn?: string;
  unitCode: string;
  /** account that opened it and records the problems */
  by: string;
  state: 'COLLECTING' | 'ANALYSED' | 'RECOMMENDED' | 'CLOSED';
  rootCauses: string;
  causeCategories: CauseCategory[];
  problems: DemoProblem[];
  /** last change of the record (analysis, recommendation or closing) */
  updatedOn: string;
}

/** One step of a rectification task: an action of the task machine on a day, with its text. */
export interface DemoTaskStep {
  action: TaskAction;
  day: string;
  content: string;
}

export interface DemoPlan {
  measures: string[];
  timetable: { step: string; due: string }[];
}

/** A numbered recommendation with its deadline; `task` walks the task spawned from it at adoption. */
export interface DemoItem {
  text: string;
  deadline: string;
  task?: {
    issue: string;
    requiredOutcome: string;
    responsible: string;
    plan: DemoPlan;
    steps: DemoTaskStep[];
  };
}

export interface DemoOpinion {
  kind: 'CONSULTATION' | 'REVIEW';
  orgCode: string;
  orgName: string;
  opinion: string;
  by: string;
  day: string;
}

/** One step of a letter: an action of the letter machine on a day (the actor follows from the machine). */
export interface DemoLetterStep {
  action: LetterAction;
  day: string;
  comment?: string;
}

export interface DemoLetter {
  key: string;
  type: LetterType;
  origin: LetterOrigin;
  /** demo clue key of the case the letter comes from (also links its reform record) */
  caseKey?: string;
  draftingCode: string;
  drafter: string;
  /** who follows the rectification (谁建议谁跟踪) */
  supervisor: string;
  recipientCode: string;
  recipientName: string;
  /** the recipient unit's contact account (UNIT_LIAISON) acting for the unit */
  liaison?: string;
  title: string;
  background: string;
  facts: string;
  causes: string;
  legalBasis: string[];
  replyDays: number;
  /** required above 30 days (issue 14) */
  replyDaysReason?: string;
  objectionDays: number;
  /** 抄送机关 (organs, never the drafting office) */
  copyTo?: string[];
  objectionChannel: string;
  contact: string;
  draftedOn: string;
  items: DemoItem[];
  opinions: DemoOpinion[];
  steps: DemoLetterStep[];
  receiptSignedBy?: string;
  reply?: string;
  evaluation?: { text: string; score: number };
}

export interface DemoAccountability {
  targetKind: AccountabilityTarget;
  targetName: string;
  targetOrgCode: string;
  targetPosition: string;
  method: AccountabilityMethod;
  basis: string;
  facts: string;
  decidingBody: string;
  decidedOn: string;
  ownerCode: string;
  by: string;
  caseKey?: string;
  /** Key of the demo campaign (campaigns.ts) the accountability belongs to. */
  campaign?: 'catering' | 'grain';
  letterKey?: string;
}

export interface DemoBulletin {
  type: 'TYPICAL_CASES_EXPOSURE' | 'CAMPAIGN_PROGRESS' | 'INTERNAL' | 'ACCOUNTABILITY';
  /** Key of the demo campaign (campaigns.ts) the bulletin reports on. */
  campaign?: 'catering' | 'grain';
  scope: 'INTERNAL' | 'SYSTEM' | 'PUBLIC';
  title: string;
  recipients: string;
  body: string;
  ownerCode: string;
  by: string;
  createdOn: string;
  issuedOn: string;
}
