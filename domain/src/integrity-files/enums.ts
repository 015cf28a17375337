import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/**
 * 廉政档案的内容 (domain.md b.6; regional rules [C S64]): the sections of a cadre's integrity file. The custodian
 * (干部监督室) keeps the entries of the first seven; the last three are read from the records they come from at
 * the time of each consultation — the issued 党风廉政意见回复 naming the cadre, the clues and cases about the
 * cadre the READER may see, and the 谈话函询 results filed to the file (存入廉政档案, [C S13]).
 */
export const INTEGRITY_SECTION_LABELS = {
  BASIC: { zh: '基本情况', en: 'Basic information' },
  FAMILY: { zh: '家庭成员及主要社会关系', en: 'Family and main social relations' },
  DECLARATIONS: { zh: '个人有关事项报告及收入申报', en: 'Personal-matter reports and income declarations' },
  DEMOCRATIC_EVALUATION: { zh: '民主测评', en: 'Democratic evaluation' },
  ECONOMIC_AUDIT: { zh: '经济责任审计', en: 'Economic-responsibility audits' },
  ACCOUNTABILITY: { zh: '问责及奖惩', en: 'Accountability, rewards and punishments' },
  OTHER: { zh: '其他', en: 'Other' },
  INTEGRITY_OPINIONS: { zh: '党风廉政意见回复', en: 'Integrity opinion replies' },
  CLUES_CASES: { zh: '问题线索及处置、案件', en: 'Problem clues, dispositions and cases' },
  TALK_INQUIRIES: { zh: '谈话函询结果', en: 'Talk and letter inquiry results' },
} as const satisfies Labelled<string>;
export const IntegritySectionSchema = z.enum(codesOf(INTEGRITY_SECTION_LABELS), '档案栏目不正确');
export type IntegritySection = z.infer<typeof IntegritySectionSchema>;

/** The sections whose entries the custodian keeps (the rest are computed). */
export const KEPT_SECTIONS = ['BASIC', 'FAMILY', 'DECLARATIONS', 'DEMOCRATIC_EVALUATION', 'ECONOMIC_AUDIT', 'ACCOUNTABILITY', 'OTHER'] as const;
export const KeptSectionSchema = z.enum(KEPT_SECTIONS, '该栏目由系统汇集，不能手工登记');
export type KeptSection = z.infer<typeof KeptSectionSchema>;
/** Sections kept by year (declarations, evaluations): an entry there must say its year. */
export const YEARLY_SECTIONS: readonly KeptSection[] = ['DECLARATIONS', 'DEMOCRATIC_EVALUATION'];
export const ALL_SECTIONS = codesOf(INTEGRITY_SECTION_LABELS);

/** 查阅申请的状态 (the machine is in ./machine.ts). An approval past its end date reads as 已过期 (not a state). */
export const FILE_REQUEST_STATE_LABELS = {
  PENDING: { zh: '待审批', en: 'Pending' },
  APPROVED: { zh: '已批准', en: 'Approved' },
  REJECTED: { zh: '不予批准', en: 'Rejected' },
  WITHDRAWN: { zh: '已撤回', en: 'Withdrawn' },
  REVOKED: { zh: '已收回', en: 'Revoked' },
} as const satisfies Labelled<string>;
export const FileRequestStateSchema = z.enum(codesOf(FILE_REQUEST_STATE_LABELS), '状态不正确');
export type FileRequestState = z.infer<typeof FileRequestStateSchema>;

/** Days an approval holds when the request names no end date (查阅期限, default 7 days). */
export const DEFAULT_READ_DAYS = 7;
/** The longest a consultation may be granted for. */
export const MAX_READ_DAYS = 30;
/** A file whose content has not changed for more than this many days is flagged (b.5: updated at least yearly). */
export const STALE_AFTER_DAYS = 365;
