import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/** 线索来源 (domain.md b.4). The four 信访举报 channels are received by the 信访室 (归口受理). */
export const CLUE_SOURCE_LABELS = {
  PETITION_LETTER: { zh: '来信', en: 'Letter' },
  PETITION_VISIT: { zh: '来访', en: 'Visit' },
  PETITION_PHONE: { zh: '电话举报', en: 'Phone' },
  PETITION_ONLINE: { zh: '网络举报', en: 'Online' },
  FOUND_IN_SUPERVISION: { zh: '监督检查中发现', en: 'Found in supervision' },
  FOUND_IN_INVESTIGATION: { zh: '审查调查中发现', en: 'Found in investigation' },
  INSPECTION_TOUR: { zh: '巡视巡察移交', en: 'Inspection tour' },
  AUDIT: { zh: '审计移交', en: 'Audit' },
  LAW_ENFORCEMENT: { zh: '执法机关移交', en: 'Law enforcement' },
  JUDICIAL: { zh: '司法机关移交', en: 'Judicial organs' },
  SUPERIOR_ASSIGNED: { zh: '上级交办', en: 'Assigned by the upper level' },
  DATA_ALERT: { zh: '大数据预警', en: 'Data alert' },
  CAMPAIGN_SCREENING: { zh: '专项整治排查', en: 'Campaign screening' },
  OTHER: { zh: '其他', en: 'Other' },
} as const satisfies Labelled<string>;
export const ClueSourceSchema = z.enum(codesOf(CLUE_SOURCE_LABELS));
export type ClueSource = z.infer<typeof ClueSourceSchema>;

/** 检举控告 channels: real-name reports among them get acknowledgement and result feedback. */
export const PETITION_SOURCES: readonly ClueSource[] = ['PETITION_LETTER', 'PETITION_VISIT', 'PETITION_PHONE', 'PETITION_ONLINE'];

/** 问题类别: the 六大纪律, 四风, 职务违法/犯罪, 失职失责 (domain.md b.4). */
export const ISSUE_TYPE_LABELS = {
  POLITICAL: { zh: '违反政治纪律', en: 'Political discipline' },
  ORGANISATIONAL: { zh: '违反组织纪律', en: 'Organisational discipline' },
  INTEGRITY: { zh: '违反廉洁纪律', en: 'Integrity discipline' },
  MASSES: { zh: '违反群众纪律', en: 'Mass discipline' },
  WORK: { zh: '违反工作纪律', en: 'Work discipline' },
  LIFE: { zh: '违反生活纪律', en: 'Life discipline' },
  FOUR_WINDS: { zh: '四风问题', en: 'Four undesirable work styles' },
  DUTY_VIOLATION: { zh: '职务违法', en: 'Duty violation' },
  DUTY_CRIME: { zh: '职务犯罪', en: 'Duty crime' },
  ACCOUNTABILITY: { zh: '失职失责', en: 'Dereliction of responsibility' },
} as const satisfies Labelled<string>;
export const IssueTypeSchema = z.enum(codesOf(ISSUE_TYPE_LABELS));
export type IssueType = z.infer<typeof IssueTypeSchema>;

/** 处置方式（四类） (domain.md a.2). */
export const DISPOSITION_METHOD_LABELS = {
  TALK_INQUIRY: { zh: '谈话函询', en: 'Talk or letter inquiry' },
  PRELIM_VERIFICATION: { zh: '初步核实', en: 'Preliminary verification' },
  PENDING_HOLD: { zh: '暂存待查', en: 'Pending hold' },
  CLOSE: { zh: '予以了结', en: 'Close' },
} as const satisfies Labelled<string>;
export const DispositionMethodSchema = z.enum(codesOf(DISPOSITION_METHOD_LABELS));
export type DispositionMethod = z.infer<typeof DispositionMethodSchema>;

/** 予以了结的三种情形: 不查而结, 谈话函询后了结, 初核后了结. */
export const CLOSED_KIND_LABELS = {
  DIRECT: { zh: '直接了结', en: 'Closed directly' },
  AFTER_INQUIRY: { zh: '谈话函询后了结', en: 'Closed after inquiry' },
  AFTER_VERIFICATION: { zh: '初步核实后了结', en: 'Closed after verification' },
} as const satisfies Labelled<string>;
export const ClosedKindSchema = z.enum(codesOf(CLOSED_KIND_LABELS));
export type ClosedKind = z.infer<typeof ClosedKindSchema>;

/** 谈话函询方式. */
export const INQUIRY_FORM_LABELS = {
  TALK: { zh: '谈话', en: 'Talk' },
  LETTER: { zh: '函询', en: 'Letter' },
  BOTH: { zh: '谈话并函询', en: 'Talk and letter' },
} as const satisfies Labelled<string>;
export const InquiryFormSchema = z.enum(codesOf(INQUIRY_FORM_LABELS));
export type InquiryForm = z.infer<typeof InquiryFormSchema>;

/** 谈话函询结果. */
export const INQUIRY_OUTCOME_LABELS = {
  ACCEPT_AND_CLOSE: { zh: '采信了结', en: 'Accept and close' },
  FIRST_FORM: { zh: '第一种形态处理', en: 'First-form measure' },
  REPEAT_INQUIRY: { zh: '再次谈话函询', en: 'Repeat inquiry' },
  PROPOSE_PRELIM: { zh: '转初步核实', en: 'Escalate to verification' },
  FALSE_ACCUSATION: { zh: '诬告陷害', en: 'False accusation' },
} as const satisfies Labelled<string>;
export const InquiryOutcomeSchema = z.enum(codesOf(INQUIRY_OUTCOME_LABELS));
export type InquiryOutcome = z.infer<typeof InquiryOutcomeSchema>;

/** 初核处置建议 (domain.md b.4). */
export const VERIFICATION_PROPOSAL_LABELS = {
  PROPOSE_FILING: { zh: '建议立案', en: 'Propose filing' },
  CLOSE: { zh: '予以了结', en: 'Close' },
  REMIND_TALK: { zh: '谈话提醒', en: 'Reminder talk' },
  PENDING_HOLD: { zh: '暂存待查', en: 'Pending hold' },
  TRANSFER_TO_PARTY_ORG: { zh: '移交党组织处理', en: 'Transfer to Party organisation' },
} as const satisfies Labelled<string>;
export const VerificationProposalSchema = z.enum(codesOf(VERIFICATION_PROPOSAL_LABELS));
export type VerificationProposal = z.infer<typeof VerificationProposalSchema>;

/** 初核措施 [C S32]. */
export const VERIFICATION_MEASURE_LABELS = {
  TALK: { zh: '谈话', en: 'Talk' },
  ENQUIRY: { zh: '询问', en: 'Enquiry' },
  PERSONAL_REPORT: { zh: '调取个人有关事项报告', en: 'Personal matters report' },
  REVIEW_COPY: { zh: '查阅、复制文件资料', en: 'Review and copy records' },
  ASSET_CHECK: { zh: '查核资产情况', en: 'Asset check' },
  EXPERT_EXAMINATION: { zh: '鉴定勘验', en: 'Expert examination' },
} as const satisfies Labelled<string>;
export const VerificationMeasureSchema = z.enum(codesOf(VERIFICATION_MEASURE_LABELS));
export type VerificationMeasure = z.infer<typeof VerificationMeasureSchema>;

/** 第一种形态措施: the 12 statistical measures [C S20]. */
export const FIRST_FORM_MEASURE_LABELS = {
  REMINDER_TALK: { zh: '提醒谈话', en: 'Reminder talk' },
  WARNING_TALK: { zh: '警示谈话', en: 'Warning talk' },
  CRITICISM: { zh: '批评教育', en: 'Criticism and education' },
  CORRECT: { zh: '纠正或停止违纪行为', en: 'Correct the conduct' },
  RETURN_GAINS: { zh: '责成退出违纪所得', en: 'Return the gains' },
  RECTIFY_BY_DEADLINE: { zh: '限期整改', en: 'Rectify by a deadline' },
  SELF_CRITICISM: { zh: '责令作出口头或书面检查', en: 'Oral or written self-criticism' },
  DEMOCRATIC_LIFE_MEETING: { zh: '召开民主生活会批评帮助', en: 'Criticism at a democratic life meeting' },
  PUBLIC_APOLOGY: { zh: '责令公开道歉（检讨）', en: 'Public apology' },
  NOTICE_CRITICISM: { zh: '通报（通报批评）', en: 'Notice of criticism' },
  ADMONITION: { zh: '诫勉', en: 'Admonition' },
  OTHER: { zh: '其他', en: 'Other' },
} as const satisfies Labelled<string>;
export const FirstFormMeasureSchema = z.enum(codesOf(FIRST_FORM_MEASURE_LABELS));
export type FirstFormMeasure = z.infer<typeof FirstFormMeasureSchema>;

/** 并案类型: 重复件 or 同案人员. */
export const MERGE_KIND_LABELS = {
  DUPLICATE: { zh: '重复件', en: 'Duplicate' },
  CO_PARTY: { zh: '同案人员', en: 'Same-matter party' },
} as const satisfies Labelled<string>;
export const MergeKindSchema = z.enum(codesOf(MERGE_KIND_LABELS));
export type MergeKind = z.infer<typeof MergeKindSchema>;

/** 审批人 — the approver kinds of approvalChain(). */
export const APPROVER_LABELS = {
  OVERSEEING_LEADER: { zh: '分管领导', en: 'Overseeing leader' },
  PRINCIPAL_LEADER: { zh: '主要负责人', en: 'Principal leader' },
  PARTY_COMMITTEE_SECRETARY: { zh: '同级党委主要负责人', en: 'Same-level Party committee secretary' },
  UPPER_COMMISSION: { zh: '上级纪委监委', en: 'Upper commission' },
} as const satisfies Labelled<string>;

/**
 * 到期提醒 kinds — the due-date alarms real systems keep (domain.md g.4 scenario 6, [C S69]):
 * 处置建议到期, 受理告知到期, 谈话函询（回复/报告）到期, 暂存待查到期, 交办件到期, 结果反馈到期, and for cases
 * 审理到期, 处分宣布到期, 处分执行到期, 留置到期.
 */
export const OVERDUE_KIND_LABELS = {
  PROPOSAL_DUE: { zh: '处置建议到期', en: 'Disposition proposal due' },
  ACKNOWLEDGE_DUE: { zh: '受理告知到期', en: 'Acknowledgement due' },
  INQUIRY_REPLY_DUE: { zh: '函询回复到期', en: 'Letter reply due' },
  INQUIRY_REPORT_DUE: { zh: '谈话函询报告到期', en: 'Inquiry report due' },
  HOLD_REVIEW_DUE: { zh: '暂存待查到期', en: 'Pending hold review due' },
  ASSIGNED_CASE_DUE: { zh: '交办件办结到期', en: 'Assigned case due' },
  FEEDBACK_DUE: { zh: '结果反馈到期', en: 'Result feedback due' },
  TRIAL_DUE: { zh: '审理到期', en: 'Trial due' },
  DECISION_ANNOUNCE_DUE: { zh: '处分宣布到期', en: 'Decision announcement due' },
  EXECUTION_DUE: { zh: '处分执行到期', en: 'Execution report due' },
  MEASURE_DUE: { zh: '留置等措施到期', en: 'Measure due' },
} as const satisfies Labelled<string>;
export const OverdueKindSchema = z.enum(codesOf(OVERDUE_KIND_LABELS));
export type OverdueKind = z.infer<typeof OverdueKindSchema>;
