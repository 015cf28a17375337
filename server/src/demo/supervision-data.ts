/**
 * 演示数据 — 2026 supervision lists (共性 + 个性清单), texts only. Every fact, report and finding here is
 * FICTIONAL; the loader (supervision.ts) turns it into rows. Dates are relative to the demo's "now",
 * late November 2026: some running items are overdue (red) and some are due within three working
 * days of 2026-11-27 (yellow).
 */
import type { Basis, Frequency, Method } from '@liandong/domain/supervision/enums';
import type { ItemState } from '@liandong/domain/supervision/machine';

export const DEMO_YEAR = 2026;

export interface DemoCommonItem {
  matter: string;
  bases: Basis[];
  methods: Method[];
  frequency: Frequency;
  dueDate: string;
}

/** The coordinator's eight common items, issued to every dispatched group. */
export const demoCommonItems: readonly DemoCommonItem[] = [
  {
    matter: '学习贯彻中央八项规定精神及其实施细则情况',
    bases: ['CENTRAL_DECISION', 'CCDI_PLENARY'],
    methods: ['ATTEND_MEETING', 'DOCUMENT_REVIEW', 'UNANNOUNCED_VISIT'],
    frequency: 'ONGOING',
    dueDate: '2026-12-31',
  },
  {
    matter: '巡视巡察反馈问题整改落实情况',
    bases: ['PROVINCIAL_PLENARY', 'MUNICIPAL_PLENARY'],
    methods: ['DOCUMENT_REVIEW', 'TALK', 'FIELD_CHECK'],
    frequency: 'QUARTERLY',
    dueDate: '2026-06-30',
  },
  {
    matter: '"三重一大"决策制度执行情况',
    bases: ['CCDI_PLENARY', 'UNIT_DUTY'],
    methods: ['ATTEND_MEETING', 'DOCUMENT_REVIEW'],
    frequency: 'HALF_YEARLY',
    dueDate: '2026-11-30',
  },
  {
    matter: '政府采购和工程建设项目管理情况',
    bases: ['MUNICIPAL_PLENARY', 'SECTOR_FEATURE'],
    methods: ['DOCUMENT_REVIEW', 'DATA_ANALYSIS', 'FIELD_CHECK'],
    frequency: 'HALF_YEARLY',
    dueDate: '2026-09-30',
  },
  {
    matter: '整治形式主义为基层减负工作落实情况',
    bases: ['CENTRAL_DECISION', 'MUNICIPAL_PLENARY'],
    methods: ['TALK', 'UNANNOUNCED_VISIT'],
    frequency: 'QUARTERLY',
    dueDate: '2026-12-15',
  },
  {
    matter: '干部选拔任用和日常监督管理情况',
    bases: ['CCDI_PLENARY', 'UNIT_DUTY'],
    methods: ['ATTEND_MEETING', 'DOCUMENT_REVIEW', 'TALK'],
    frequency: 'ONGOING',
    dueDate: '2026-12-01',
  },
  {
    matter: '意识形态工作责任制落实情况',
    bases: ['CENTRAL_DECISION', 'ANNUAL_PRIORITY'],
    methods: ['ATTEND_MEETING', 'DOCUMENT_REVIEW'],
    frequency: 'HALF_YEARLY',
    dueDate: '2026-10-30',
  },
  {
    matter: '群众身边不正之风和腐败问题集中整治情况',
    bases: ['CCDI_PLENARY', 'MUNICIPAL_PLENARY'],
    methods: ['FIELD_CHECK', 'UNANNOUNCED_VISIT', 'DATA_ANALYSIS'],
    frequency: 'MONTHLY',
    dueDate: '2026-11-20',
  },
];

/** 驻市教育局组's copy of common item 8 names its sector focus (校园餐). */
export const EDU_COMMON_MATTER_8 = '群众身边不正之风和腐败问题集中整治情况（校园餐突出问题专项整治）';

export interface DemoIndividualItem {
  matter: string;
  bases: Basis[];
  methods: Method[];
  frequency: Frequency;
  dueDate: string;
}

const ind = (matter: string, bases: Basis[], methods: Method[], frequency: Frequency, dueDate: string): DemoIndividualItem => ({
  matter,
  bases,
  methods,
  frequency,
  dueDate,
});

/** Individual items by group suffix; groups not named get the generic four (built with their host unit's name). */
export const demoIndividualItems: Readonly<Record<string, readonly DemoIndividualItem[]>> = {
  JYJ: [
    ind('校园餐食材采购、配送和资金管理监督', ['SECTOR_FEATURE', 'ANNUAL_PRIORITY'], ['FIELD_CHECK', 'UNANNOUNCED_VISIT'], 'MONTHLY', '2026-11-25'),
    ind('教育领域招生入学和学籍管理廉洁风险监督', ['SECTOR_FEATURE', 'UNIT_DUTY'], ['DOCUMENT_REVIEW', 'DATA_ANALYSIS'], 'ONCE', '2026-09-15'),
    ind('学生资助资金发放管理监督', ['UNIT_DUTY'], ['DATA_ANALYSIS', 'DOCUMENT_REVIEW'], 'QUARTERLY', '2026-12-02'),
    ind('教育系统基建项目和大宗物资采购监督', ['SECTOR_FEATURE'], ['DOCUMENT_REVIEW', 'FIELD_CHECK'], 'HALF_YEARLY', '2026-12-20'),
  ],
  NYNC: [
    ind('巩固拓展脱贫攻坚成果同乡村振兴有效衔接监督', ['CENTRAL_DECISION', 'SECTOR_FEATURE'], ['FIELD_CHECK', 'TALK'], 'QUARTERLY', '2026-11-24'),
    ind('高标准农田建设项目监督', ['SECTOR_FEATURE'], ['FIELD_CHECK', 'DOCUMENT_REVIEW'], 'HALF_YEARLY', '2026-10-30'),
    ind('惠农补贴资金发放监督', ['UNIT_DUTY'], ['DATA_ANALYSIS'], 'QUARTERLY', '2026-12-10'),
    ind('农村集体"三资"管理监督', ['ANNUAL_PRIORITY'], ['DOCUMENT_REVIEW', 'UNANNOUNCED_VISIT'], 'HALF_YEARLY', '2026-12-25'),
  ],
  JR: [
    ind('地方金融风险防范化解责任落实监督', ['CENTRAL_DECISION', 'SECTOR_FEATURE'], ['ATTEND_MEETING', 'TALK'], 'QUARTERLY', '2026-12-18'),
    ind('城商行信贷审批和关联交易监督', ['SECTOR_FEATURE'], ['DATA_ANALYSIS', 'DOCUMENT_REVIEW'], 'QUARTERLY', '2026-11-26'),
    ind('金融领域以案促改整改落实监督', ['MUNICIPAL_PLENARY'], ['TALK', 'FIELD_CHECK'], 'ONCE', '2026-08-31'),
    ind('金融系统领导人员亲属从业行为监督', ['UNIT_DUTY'], ['DOCUMENT_REVIEW'], 'YEARLY', '2026-12-30'),
  ],
  WJW: [
    ind('医保基金使用管理监督', ['SECTOR_FEATURE', 'ANNUAL_PRIORITY'], ['DATA_ANALYSIS', 'FIELD_CHECK'], 'QUARTERLY', '2026-12-01'),
    ind('医药领域腐败问题集中整治监督', ['CENTRAL_DECISION'], ['TALK', 'DOCUMENT_REVIEW'], 'QUARTERLY', '2026-11-18'),
    ind('公立医院大型设备采购监督', ['SECTOR_FEATURE'], ['DOCUMENT_REVIEW'], 'HALF_YEARLY', '2026-10-15'),
    ind('卫生健康系统行风建设监督', ['UNIT_DUTY'], ['UNANNOUNCED_VISIT'], 'ONGOING', '2026-12-28'),
  ],
};

export function genericIndividualItems(unit: string): DemoIndividualItem[] {
  return [
    ind(`${unit}权力运行和内控制度建设监督`, ['UNIT_DUTY'], ['DOCUMENT_REVIEW', 'TALK'], 'HALF_YEARLY', '2026-10-30'),
    ind(`${unit}专项资金管理使用监督`, ['SECTOR_FEATURE'], ['DATA_ANALYSIS', 'DOCUMENT_REVIEW'], 'QUARTERLY', '2026-12-02'),
    ind(`${unit}领导班子及成员履职用权监督`, ['ANNUAL_PRIORITY', 'UNIT_DUTY'], ['ATTEND_MEETING', 'TALK'], 'ONGOING', '2026-12-25'),
    ind(`${unit}行政审批和执法事项廉洁风险监督`, ['SECTOR_FEATURE'], ['FIELD_CHECK', 'UNANNOUNCED_VISIT'], 'HALF_YEARLY', '2026-11-13'),
  ];
}

/** Progress report texts (fictional); {m} is the matter, {u} the host unit. */
export const PROGRESS_TEXTS: readonly string[] = [
  '围绕"{m}"制定监督工作方案，明确责任分工和时间节点，已向{u}反馈阶段性监督意见。（演示数据）',
  '列席{u}党组（党委）会议2次，查阅会议记录、决策文件等资料30余份，对发现的程序不规范问题当场提醒。（演示数据）',
  '会同联系室开展实地检查，随机抽查下属单位3家，个别谈话12人次，形成监督检查记录。（演示数据）',
  '对前期发现问题建立台账，督促{u}逐项制定整改措施，已完成整改4项、正在推进2项。（演示数据）',
  '调取相关业务数据开展比对分析，筛查异常数据17条，已核实排除14条，其余3条正在进一步核查。（演示数据）',
];

/** Findings recorded on items in ISSUE_FOUND (fictional). */
export const FINDING_TEXTS: readonly { description: string; disposition: 'RECTIFY' | 'CLUE' | 'RECOMMENDATION' }[] = [
  { description: '{u}个别处室公务接待超标准、无公函接待，涉及金额较小。（演示数据）', disposition: 'RECTIFY' },
  { description: '{u}部分"三重一大"事项未经集体研究即组织实施，会议记录不完整。（演示数据）', disposition: 'RECOMMENDATION' },
  { description: '{u}某下属单位负责人在项目验收中涉嫌违规干预，已形成问题线索。（演示数据）', disposition: 'CLUE' },
  { description: '{u}专项资金拨付滞后，台账登记与实际支出不一致。（演示数据）', disposition: 'RECTIFY' },
];

/** Final states: for items already due (before the demo date) and for items still running. */
export const PAST_DUE_STATES: readonly ItemState[] = [
  'CLOSED',
  'COMPLETED',
  'CLOSED',
  'IN_PROGRESS',
  'CLOSED',
  'COMPLETED',
  'CLOSED',
  'COMPLETED',
  'ISSUE_FOUND',
  'CLOSED',
  'COMPLETED',
];
export const FUTURE_DUE_STATES: readonly ItemState[] = ['IN_PROGRESS', 'IN_PROGRESS', 'ISSUE_FOUND', 'APPROVED', 'IN_PROGRESS', 'COMPLETED'];

/** Group whose individual list is still being agreed (items DRAFT / CONSULTED). */
export const DRAFTING_GROUP = 'YJJ';
