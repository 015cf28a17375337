import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/**
 * 汇报周期 of a reporter org's schedule (issue 11: e.g. each dispatched group yearly, the county
 * commissions half-yearly).
 */
export const CADENCE_LABELS = {
  YEARLY: { zh: '每年', en: 'Yearly' },
  HALF_YEARLY: { zh: '每半年', en: 'Half-yearly' },
  QUARTERLY: { zh: '每季度', en: 'Quarterly' },
} as const satisfies Labelled<string>;
export const CadenceSchema = z.enum(codesOf(CADENCE_LABELS), '汇报周期须为每年、每半年或每季度');
export type Cadence = z.infer<typeof CadenceSchema>;

/** 工作报告状态 (domain.md b.5 WorkReport). */
export const REPORT_STATE_LABELS = {
  DRAFT: { zh: '起草中', en: 'Draft' },
  /** 报本单位负责人审批. */
  PENDING_APPROVAL: { zh: '待审批', en: 'Pending approval' },
  RETURNED: { zh: '已退回', en: 'Returned' },
  APPROVED: { zh: '已审批', en: 'Approved' },
  /** 已报送常委会. */
  SUBMITTED: { zh: '已报送', en: 'Submitted' },
  /** 常委会已听取: set when the meeting whose agenda hears it is held. */
  HEARD: { zh: '已听取', en: 'Heard' },
} as const satisfies Labelled<string>;
export const ReportStateSchema = z.enum(codesOf(REPORT_STATE_LABELS));
export type ReportState = z.infer<typeof ReportStateSchema>;

/** Which reporter orgs a calendar shows: dispatched groups (组) or county commissions (地). */
export const REPORTER_KIND_LABELS = {
  GROUP: { zh: '派驻纪检监察组', en: 'Dispatched groups' },
  COUNTY: { zh: '县区纪委监委', en: 'County commissions' },
} as const satisfies Labelled<string>;
export const ReporterKindSchema = z.enum(codesOf(REPORTER_KIND_LABELS), '汇报单位类别须为派驻组或县区');
export type ReporterKind = z.infer<typeof ReporterKindSchema>;

/**
 * The pulled statistics of a report (统计数据), for the reporter org and the slot's period. Each key is a
 * count computed in SQL from the platform's own records (server/src/modules/work-reports/stats.ts).
 */
export const STAT_LABELS = {
  supervisionItems: { zh: '牵头或协同的监督事项（期内新增）', en: 'Supervision items (new)' },
  supervisionItemsCompleted: { zh: '期内完成的监督事项', en: 'Supervision items completed' },
  supervisionFindings: { zh: '日常监督发现问题', en: 'Supervision findings' },
  inspectionFindings: { zh: '抽查检查发现问题', en: 'Inspection findings' },
  cluesReceived: { zh: '受理问题线索', en: 'Clues received' },
  cluesDisposed: { zh: '处置问题线索', en: 'Clues disposed' },
  casesFiled: { zh: '立案审查调查', en: 'Cases filed' },
  formFirst: { zh: '运用第一种形态（人次）', en: 'First form (persons)' },
  formSecond: { zh: '运用第二种形态（人次）', en: 'Second form (persons)' },
  formThird: { zh: '运用第三种形态（人次）', en: 'Third form (persons)' },
  formFourth: { zh: '运用第四种形态（人次）', en: 'Fourth form (persons)' },
  lettersIssued: { zh: '制发纪检监察建议书', en: 'Recommendation letters issued' },
  tasksOpen: { zh: '督促整改任务（期末未销号）', en: 'Rectification tasks open' },
  tasksDone: { zh: '督促整改任务（期内完成）', en: 'Rectification tasks done' },
} as const satisfies Labelled<string>;
export type StatKey = keyof typeof STAT_LABELS;
export const STAT_KEYS = Object.keys(STAT_LABELS) as StatKey[];
