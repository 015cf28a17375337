import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/** 清单类型 — common list (共性清单: office and group do it together; same items for every group) or individual (个性清单). */
export const LIST_TYPE_LABELS = {
  COMMON: { zh: '共性清单', en: 'Common list' },
  INDIVIDUAL: { zh: '个性清单', en: 'Individual list' },
} as const satisfies Labelled<string>;
export const ListTypeSchema = z.enum(codesOf(LIST_TYPE_LABELS));
export type ListType = z.infer<typeof ListTypeSchema>;

/** 机关代字 of the 通知 that issues a supervision list (兰纪发〔年〕N号; invented, like every 代字 of the demo commission). */
export const LIST_NOTICE_DOC_CODE = '兰纪发';

/** 依据 — where a list or an item comes from (domain.md b.3, C S1). */
export const BASIS_LABELS = {
  CENTRAL_DECISION: { zh: '党中央重大决策部署', en: 'Central Party decisions' },
  CCDI_PLENARY: { zh: '中央纪委全会部署', en: 'CCDI plenary' },
  PROVINCIAL_PLENARY: { zh: '省纪委全会部署', en: 'Provincial plenary' },
  MUNICIPAL_PLENARY: { zh: '市纪委全会部署', en: 'Municipal plenary' },
  SECTOR_FEATURE: { zh: '行业特点', en: 'Sector features' },
  UNIT_DUTY: { zh: '履责事项', en: 'Unit duties' },
  ANNUAL_PRIORITY: { zh: '年度重点工作', en: 'Annual priorities' },
} as const satisfies Labelled<string>;
export const BasisSchema = z.enum(codesOf(BASIS_LABELS));
export type Basis = z.infer<typeof BasisSchema>;

/** 牵头方 / 协助方 — which side leads or assists an item. */
export const SIDE_LABELS = {
  OFFICE: { zh: '监督检查室', en: 'Office' },
  GROUP: { zh: '派驻组', en: 'Dispatched group' },
  COUNTY: { zh: '县区纪委监委', en: 'County commission' },
} as const satisfies Labelled<string>;
export const SideSchema = z.enum(codesOf(SIDE_LABELS));
export type Side = z.infer<typeof SideSchema>;

/** 监督方式 (domain.md b.3). */
export const METHOD_LABELS = {
  ATTEND_MEETING: { zh: '参加会议', en: 'Attending meetings' },
  TALK: { zh: '谈话', en: 'Talks' },
  DOCUMENT_REVIEW: { zh: '查阅资料', en: 'Reviewing documents' },
  FIELD_CHECK: { zh: '实地检查', en: 'Field checks' },
  UNANNOUNCED_VISIT: { zh: '明察暗访', en: 'Unannounced visits' },
  DATA_ANALYSIS: { zh: '数据分析', en: 'Data analysis' },
  SPECIAL_INSPECTION: { zh: '专项检查', en: 'Special inspection' },
} as const satisfies Labelled<string>;
export const MethodSchema = z.enum(codesOf(METHOD_LABELS));
export type Method = z.infer<typeof MethodSchema>;

/** 频次 */
export const FREQUENCY_LABELS = {
  ONCE: { zh: '一次', en: 'Once' },
  MONTHLY: { zh: '每月', en: 'Monthly' },
  QUARTERLY: { zh: '每季度', en: 'Quarterly' },
  HALF_YEARLY: { zh: '每半年', en: 'Half-yearly' },
  YEARLY: { zh: '每年', en: 'Yearly' },
  ONGOING: { zh: '经常性', en: 'Ongoing' },
} as const satisfies Labelled<string>;
export const FrequencySchema = z.enum(codesOf(FREQUENCY_LABELS));
export type Frequency = z.infer<typeof FrequencySchema>;

/** 发现问题的处置建议 — proposed disposition of a finding. */
export const FINDING_DISPOSITION_LABELS = {
  RECTIFY: { zh: '督促整改', en: 'Rectification' },
  CLUE: { zh: '移交问题线索', en: 'Hand over as a clue' },
  RECOMMENDATION: { zh: '提出纪检监察建议', en: 'LetterTable letter' },
  NONE: { zh: '无需处置', en: 'None' },
} as const satisfies Labelled<string>;
export const FindingDispositionSchema = z.enum(codesOf(FINDING_DISPOSITION_LABELS));
export type FindingDisposition = z.infer<typeof FindingDispositionSchema>;

/** 督办灯 — deadline light: green on track, yellow within the reminder window, red overdue. */
export const LIGHT_LABELS = {
  GREEN: { zh: '正常', en: 'On track' },
  YELLOW: { zh: '临期', en: 'Due soon' },
  RED: { zh: '逾期', en: 'Overdue' },
  DONE: { zh: '已办结', en: 'Done' },
  NONE: { zh: '—', en: '—' },
} as const satisfies Labelled<string>;
export const LightSchema = z.enum(codesOf(LIGHT_LABELS));
export type Light = z.infer<typeof LightSchema>;

/** 片区协作活动的模式 reuses ZONE_MODE_LABELS from org/enums (日常联动 / 专项监督 / 多层级联动). */
