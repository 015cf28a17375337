import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/** 自查反馈状态 of one (round, unit, aspect) answer. */
export const RESPONSE_STATUS_LABELS = {
  /** 已下发、未填报 */
  PENDING: { zh: '未填报', en: 'Not started' },
  DRAFT: { zh: '草稿', en: 'Draft' },
  SUBMITTED: { zh: '已报送', en: 'Submitted' },
  /** 专班退回补充 */
  RETURNED: { zh: '已退回', en: 'Returned' },
  ACCEPTED: { zh: '已认可', en: 'Accepted' },
} as const satisfies Labelled<string>;
export const ResponseStatusSchema = z.enum(codesOf(RESPONSE_STATUS_LABELS));
export type ResponseStatus = z.infer<typeof ResponseStatusSchema>;

/**
 * 自查灯 of a matrix cell: green accepted, blue submitted (awaiting review), yellow draft or returned,
 * red unanswered past the due date, grey not started. Five colours, so not the 督办灯 of supervision items
 * (which has no "submitted, awaiting review").
 */
export const SELF_LIGHT_LABELS = {
  GREEN: { zh: '已认可', en: 'Accepted' },
  BLUE: { zh: '待审核', en: 'Awaiting review' },
  YELLOW: { zh: '填报中/退回', en: 'Draft or returned' },
  RED: { zh: '逾期未报', en: 'Overdue' },
  GREY: { zh: '未开始', en: 'Not started' },
} as const satisfies Labelled<string>;
export const SelfLightSchema = z.enum(codesOf(SELF_LIGHT_LABELS));
export type SelfLight = z.infer<typeof SelfLightSchema>;

/** Statuses still waiting for the unit: the due date runs against them and the overdue sweep marks them. */
export const UNANSWERED_STATUSES: readonly ResponseStatus[] = ['PENDING', 'DRAFT', 'RETURNED'];
/** Statuses whose figures count (报送后才计入问题数和整改数). */
export const REPORTED_STATUSES: readonly ResponseStatus[] = ['SUBMITTED', 'ACCEPTED'];

/** The light of one answer (the TypeScript twin of the SQL in the server's matrix). */
export function selfLightOf(status: ResponseStatus, dueOn: string, today: string, overdueMarked: boolean): SelfLight {
  if (status === 'ACCEPTED') return 'GREEN';
  if (status === 'SUBMITTED') return 'BLUE';
  if (overdueMarked || dueOn < today) return 'RED';
  if (status === 'DRAFT' || status === 'RETURNED') return 'YELLOW';
  return 'GREY';
}

/** 校园餐 checklist (issue 10): the eight aspects of the seed, with what each asks the unit to check. */
export const SCHOOL_CATERING_ASPECTS: readonly { code: string; title: string; guidance: string }[] = [
  { code: 'FUNDS', title: '资金使用', guidance: '膳食补助、伙食费等资金是否专款专用，有无挤占、挪用、截留、虚报冒领。' },
  { code: 'TENDERING', title: '招标采购', guidance: '供餐企业、配送企业的招标采购是否合规，有无围标串标、指定供应商、利益输送。' },
  { code: 'PURCHASE_ACCEPTANCE', title: '食材采购与验收', guidance: '食材采购价格、数量、质量是否与合同一致，入库验收、索证索票是否落实。' },
  { code: 'CANTEEN', title: '食堂管理', guidance: '食堂承包、委托经营是否合规，有无违规对外承包、以包代管。' },
  { code: 'MEAL_FUNDS', title: '膳食经费', guidance: '膳食经费收支是否公开透明，收费标准是否合规，结余是否按规定处理。' },
  { code: 'FOOD_SAFETY', title: '食品安全', guidance: '加工制作、留样、从业人员健康管理等食品安全制度是否落实。' },
  { code: 'PARENTS', title: '家长委员会监督', guidance: '家长委员会是否参与食堂监督、陪餐、满意度评议，意见是否整改。' },
  { code: 'INTEGRITY', title: '廉洁风险', guidance: '相关人员有无吃拿卡要、收受供应商好处，廉洁风险点是否排查防控。' },
];
