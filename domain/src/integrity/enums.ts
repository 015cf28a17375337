import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/*
 * 党风廉政意见回复 (domain.md a.2 IntegrityOpinionReply, b.6): an organisation department asks the
 * commission, before promoting named cadres, what it holds on each of them; the 干部监督室 collects the
 * evidence in its own scope, concludes per cadre, the commission leader signs off, and the reply is
 * numbered and sent as a letter (GB/T 9704).
 */

/** 回复状态: drafted by the 干部监督室, submitted for sign-off, returned or approved, then numbered and issued. */
export const INTEGRITY_STATE_LABELS = {
  DRAFT: { zh: '起草中', en: 'Draft' },
  SUBMITTED: { zh: '待审批', en: 'Submitted' },
  RETURNED: { zh: '已退回', en: 'Returned' },
  APPROVED: { zh: '已签发', en: 'Approved' },
  ISSUED: { zh: '已编号印发', en: 'Issued' },
} as const satisfies Labelled<string>;
export const IntegrityStateSchema = z.enum(codesOf(INTEGRITY_STATE_LABELS));
export type IntegrityState = z.infer<typeof IntegrityStateSchema>;

/** 回复结论 per cadre: 无问题 / 有问题但不影响使用 / 不宜使用. */
export const INTEGRITY_CONCLUSION_LABELS = {
  CLEAR: { zh: '未发现影响使用的问题', en: 'Clear' },
  CONCERNS: { zh: '有问题但不影响使用', en: 'Concerns, may be used' },
  NOT_TO_BE_USED: { zh: '不宜使用', en: 'Not to be used' },
} as const satisfies Labelled<string>;
export const IntegrityConclusionSchema = z.enum(codesOf(INTEGRITY_CONCLUSION_LABELS), '回复结论不正确');
export type IntegrityConclusion = z.infer<typeof IntegrityConclusionSchema>;

/** Where an evidence line comes from: each source is read through its own visibility predicate. */
export const EVIDENCE_SOURCE_LABELS = {
  clue: { zh: '问题线索', en: 'Clue' },
  case: { zh: '案件', en: 'Case' },
  supervision_finding: { zh: '监督发现问题', en: 'Supervision finding' },
  inspection_finding: { zh: '检查发现问题', en: 'Inspection finding' },
} as const satisfies Labelled<string>;
export const EvidenceSourceSchema = z.enum(codesOf(EVIDENCE_SOURCE_LABELS));
export type EvidenceSource = z.infer<typeof EvidenceSourceSchema>;

/** 机关代字 of the reply letters (invented for the demo, like every 代字 here): 兰纪廉复〔2026〕N号. */
export const INTEGRITY_DOC_CODE = '兰纪廉复';
