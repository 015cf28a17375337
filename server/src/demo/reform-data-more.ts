/**
 * 演示数据 — the rest of the 以案促改 demo (FICTIONAL): a 纪律检查建议书 to the Party group of 市教育局 still
 * rectifying, with one task overdue and escalated (催办, then 约谈); a letter being drafted (grain case) and
 * one under review (rural-revitalisation case) so the ledger and the review queue are not empty; two
 * accountability records; an issued 通报.
 */
import type { DemoAccountability, DemoBulletin, DemoLetter, DemoReformRecord } from './reform-types';

export const SCHOOL_CATERING_CAMPAIGN = '校园餐突出问题专项整治';

export const moreRecords: DemoReformRecord[] = [
  {
    caseKey: 'edu-canteen-case',
    title: '管某某校园餐配送招标受贿案以案促改（市教育局）',
    sector: 'EDUCATION',
    ownerCode: 'LZ-JW-PZ-JYJ',
    unitCode: 'LZ-HU-JYJ',
    by: 'edu.staff',
    state: 'RECOMMENDED',
    rootCauses: '食材配送企业遴选由后勤保障科一个科室主导，缺少纪检和财务等部门全程参与；对学校食堂的日常监管依赖学校自查，监督检查流于形式。（演示数据）',
    causeCategories: ['POWER_CONCENTRATION', 'OVERSIGHT_WEAKNESS', 'SYSTEM_GAP'],
    problems: [
      { description: '配送企业遴选评分由后勤保障科自行组织，评审专家由科室负责人指定。', category: 'POWER_CONCENTRATION', foundOn: '2026-06-03' },
      { description: '配送企业入围后缺少履约评价和退出机制，价格高于市场水平未被发现。', category: 'SYSTEM_GAP', foundOn: '2026-06-12' },
      { description: '学校食堂膳食经费收支未单独核算、未定期公示，家长委员会监督缺位。', category: 'OVERSIGHT_WEAKNESS', foundOn: '2026-06-24' },
    ],
    updatedOn: '2026-08-24',
  },
  {
    caseKey: 'grain-related-party',
    title: '聂某某关联交易案以案促改（示例国有粮食储备库）',
    sector: 'GRAIN',
    ownerCode: 'LZ-JW-PZ-FGW',
    unitCode: 'LZ-HU-LCK',
    by: 'fgw.group',
    state: 'COLLECTING',
    rootCauses: '',
    causeCategories: [],
    problems: [
      { description: '仓储运输合同未经集体决策，由主任一人签批。', category: 'POWER_CONCENTRATION', foundOn: '2026-10-28' },
      { description: '未建立关联交易申报和回避制度，关联物流公司长期承接业务。', category: 'SYSTEM_GAP', foundOn: '2026-11-06' },
      { description: '上级主管部门对储备库费用支出的审核只看票据、不看价格。', category: 'OVERSIGHT_WEAKNESS', foundOn: '2026-11-13' },
    ],
    updatedOn: '2026-11-13',
  },
  {
    caseKey: 'agri-fund',
    title: '解某某截留挪用衔接资金案以案促改（市农业农村局）',
    sector: 'RURAL_REVITALISATION',
    ownerCode: 'LZ-JW-PZ-NYNC',
    unitCode: 'LZ-HU-NYNC',
    by: 'nync.group',
    state: 'ANALYSED',
    rootCauses: '项目验收由业务科室自验自收，工程量核定缺少第三方复核；资金拨付与验收结果未有效挂钩。（演示数据）',
    causeCategories: ['OVERSIGHT_WEAKNESS', 'RISK_CONTROL'],
    problems: [
      { description: '衔接资金项目验收由乡村振兴科自行组织，未引入第三方复核工程量。', category: 'OVERSIGHT_WEAKNESS', foundOn: '2026-05-06' },
      { description: '项目资金拨付前未核对验收资料与现场实际，虚报工程量未被发现。', category: 'RISK_CONTROL', foundOn: '2026-05-19' },
    ],
    updatedOn: '2026-10-30',
  },
];

const EDU_PARTY_GROUP = '中共兰州市教育局党组';

export const moreLetters: DemoLetter[] = [
  {
    key: 'education',
    type: 'DISCIPLINE',
    origin: 'CASE',
    caseKey: 'edu-canteen-case',
    draftingCode: 'LZ-JW-PZ-JYJ',
    drafter: 'edu.group',
    supervisor: 'edu.staff',
    recipientCode: 'LZ-HU-JYJ',
    recipientName: EDU_PARTY_GROUP,
    liaison: 'edu.liaison',
    title: '关于市教育局党组加强校园餐管理、落实全面从严治党主体责任的纪律检查建议书',
    background: '驻市教育局纪检监察组在查处市教育局后勤保障科原科长管某某收受好处问题中，对校园餐管理中的突出问题进行了剖析。（演示数据）',
    facts:
      '经查，管某某在学校食材配送企业遴选中为特定企业提供帮助，收受企业负责人所送礼金。调查发现，配送企业遴选权力过于集中、履约监管缺失、膳食经费管理不规范。（演示数据）',
    causes: '配送企业遴选缺少多部门参与和制衡；入围企业缺少动态评价退出机制；学校食堂经费监管依赖自查。（演示数据）',
    legalBasis: ['《中国共产党纪律检查机关监督执纪工作规则》第十九条', '《中国共产党问责条例》有关规定'],
    replyDays: 120,
    objectionDays: 15,
    objectionChannel: '书面形式（送交驻市教育局纪检监察组）',
    contact: '驻市教育局纪检监察组 饶安琪，联系电话 0931-0000001（演示数据）',
    draftedOn: '2026-07-28',
    items: [
      {
        text: '修订学校食材配送企业遴选办法，实行纪检、财务、家长代表全程参与的集体评审。',
        deadline: '2026-09-30',
        task: {
          issue: '配送企业遴选权力过于集中',
          requiredOutcome: '遴选办法修订印发，下一轮遴选按新办法实施。',
          responsible: '市教育局后勤保障科 蒲某某',
          plan: {
            measures: ['修订配送企业遴选办法', '建立评审专家随机抽取机制'],
            timetable: [
              { step: '遴选办法修订稿征求意见', due: '2026-09-15' },
              { step: '局党组会审议印发', due: '2026-09-28' },
            ],
          },
          steps: [
            { action: 'submitPlan', day: '2026-09-07', content: '报送整改方案：修订遴选办法、随机抽取评审专家。' },
            { action: 'acceptPlan', day: '2026-09-09', content: '同意方案。' },
            { action: 'reportProgress', day: '2026-09-18', content: '遴选办法修订稿已征求各学校和家长委员会意见。' },
            { action: 'reportDone', day: '2026-09-28', content: '《学校食材配送企业遴选办法》已经局党组会审议印发。佐证材料：党组会纪要、制度文本。' },
            { action: 'verify', day: '2026-10-09', content: '查阅制度文本及新一轮遴选方案，集体评审和随机抽取专家已落实。' },
            { action: 'closeOut', day: '2026-10-12', content: '经审批予以销号。' },
          ],
        },
      },
      {
        text: '建立配送企业履约评价和退出机制，对现有入围企业开展一次全面履约评价。',
        deadline: '2026-10-31',
        task: {
          issue: '入围配送企业缺少履约评价和退出机制',
          requiredOutcome: '履约评价和退出机制建立；全部入围企业完成一次履约评价，不合格企业退出。',
          responsible: '市教育局后勤保障科 蒲某某',
          plan: {
            measures: ['制定配送企业履约评价细则', '组织对现有11家入围企业开展履约评价'],
            timetable: [
              { step: '评价细则印发', due: '2026-09-30' },
              { step: '履约评价完成并公布结果', due: '2026-10-31' },
            ],
          },
          steps: [
            { action: 'submitPlan', day: '2026-09-08', content: '报送整改方案：评价细则、全面履约评价。' },
            { action: 'acceptPlan', day: '2026-09-10', content: '同意方案，请每月报告进展。' },
            { action: 'reportProgress', day: '2026-10-15', content: '评价细则已起草，尚未印发；履约评价尚未启动。' },
            { action: 'markOverdue', day: '2026-11-01', content: '已超过整改期限，系统提醒单位联络人和督办人。' },
            { action: 'escalate', day: '2026-11-04', content: '向市教育局发出催办通知，要求11月15日前报告整改进展。' },
            { action: 'escalate', day: '2026-11-18', content: '催办后仍未按期报告，约谈市教育局分管负责同志，责令限期完成。' },
          ],
        },
      },
      {
        text: '推行学校食堂膳食经费单独核算和每月公示，家长委员会参与食堂日常监督。',
        deadline: '2026-12-15',
        task: {
          issue: '食堂膳食经费未单独核算、未公示',
          requiredOutcome: '全市中小学食堂膳食经费单独核算、每月公示，家长委员会参与陪餐和监督。',
          responsible: '市教育局财务科 岳某某',
          plan: {
            measures: ['印发膳食经费核算和公示规范', '各学校建立家长陪餐和监督制度'],
            timetable: [
              { step: '核算和公示规范印发', due: '2026-10-20' },
              { step: '全市学校落实并自查', due: '2026-12-10' },
            ],
          },
          steps: [
            { action: 'submitPlan', day: '2026-09-08', content: '报送整改方案：核算公示规范、家长陪餐监督。' },
            { action: 'acceptPlan', day: '2026-09-10', content: '同意方案。' },
            { action: 'reportProgress', day: '2026-11-10', content: '核算和公示规范已印发，已有62%的学校按月公示膳食经费。' },
          ],
        },
      },
    ],
    opinions: [
      {
        kind: 'CONSULTATION',
        orgCode: 'LZ-JW-JC3',
        orgName: '第三监督检查室',
        opinion: '同意，建议与校园餐专项整治工作要求衔接。',
        by: 'jc3.director',
        day: '2026-08-06',
      },
      {
        kind: 'CONSULTATION',
        orgCode: 'LZ-HU-JYJ',
        orgName: EDU_PARTY_GROUP,
        opinion: '对建议内容无异议。',
        by: 'edu.group',
        day: '2026-08-10',
      },
      {
        kind: 'REVIEW',
        orgCode: 'LZ-JW-SLS',
        orgName: '案件审理室',
        opinion: '事实与处分决定认定一致，建议事项可行，同意提请审批。',
        by: 'sl.staff2',
        day: '2026-08-18',
      },
    ],
    steps: [
      { action: 'consult', day: '2026-08-03' },
      { action: 'submitReview', day: '2026-08-14' },
      { action: 'approve', day: '2026-08-21', comment: '同意印发。' },
      { action: 'issue', day: '2026-08-24' },
      { action: 'serve', day: '2026-08-26', comment: '送达市教育局党组，办公室签收。' },
      { action: 'adopt', day: '2026-08-31', comment: '局党组会研究，全部采纳。' },
    ],
    receiptSignedBy: '钭文博（市教育局办公室）',
  },
  {
    key: 'grain',
    type: 'SUPERVISION',
    origin: 'CASE',
    caseKey: 'grain-related-party',
    draftingCode: 'LZ-JW-PZ-FGW',
    drafter: 'fgw.group',
    supervisor: 'fgw.group',
    recipientCode: 'LZ-HU-LCK',
    recipientName: '示例国有粮食储备库',
    title: '关于示例国有粮食储备库规范关联交易和费用支出管理的监察建议书',
    background: '驻市发展和改革委员会纪检监察组在审查调查聂某某涉嫌关联交易问题中，对储备库经营管理中的问题进行了梳理。（演示数据）',
    facts: '审查调查尚在进行中，已查明储备库仓储运输合同长期由主任一人签批，关联物流公司承接业务未经申报。（演示数据）',
    causes: '',
    legalBasis: ['《中华人民共和国监察法》第十一条第（三）项'],
    replyDays: 30,
    objectionDays: 15,
    objectionChannel: '书面形式（送交驻市发展和改革委员会纪检监察组）',
    contact: '驻市发展和改革委员会纪检监察组 滕怀礼（演示数据）',
    draftedOn: '2026-11-18',
    items: [
      { text: '建立合同集体决策和关联交易申报回避制度。', deadline: '2027-01-31' },
      { text: '对近三年仓储运输合同开展价格复核，追回多付费用。', deadline: '2027-02-28' },
      { text: '建立费用支出价格比对机制，主管部门按季度抽查。', deadline: '2027-03-31' },
    ],
    opinions: [],
    steps: [],
  },
  {
    key: 'agri',
    type: 'COMBINED',
    origin: 'CASE',
    caseKey: 'agri-fund',
    draftingCode: 'LZ-JW-PZ-NYNC',
    drafter: 'nync.group',
    supervisor: 'nync.group',
    recipientCode: 'LZ-HU-NYNC',
    recipientName: '中共兰州市农业农村局党组、兰州市农业农村局',
    title: '关于规范乡村振兴衔接资金项目验收和资金拨付的纪检监察建议书',
    background: '驻市农业农村局纪检监察组在查处解某某截留挪用衔接资金问题中，对项目验收和资金拨付环节进行了剖析。（演示数据）',
    facts: '经查，解某某在衔接资金项目验收中虚报工程量，截留资金用于科室福利发放；项目验收由业务科室自验自收。（演示数据）',
    causes: '项目验收缺少第三方复核；资金拨付与验收结果未挂钩。（演示数据）',
    legalBasis: ['《中国共产党纪律检查机关监督执纪工作规则》第十九条', '《中华人民共和国监察法》第五十二条第一款第（五）项'],
    replyDays: 60,
    objectionDays: 15,
    objectionChannel: '书面形式（送交驻市农业农村局纪检监察组）',
    contact: '驻市农业农村局纪检监察组 浦禾丰（演示数据）',
    draftedOn: '2026-11-02',
    items: [
      { text: '建立衔接资金项目第三方验收复核制度。', deadline: '2027-01-15' },
      { text: '资金拨付与验收结果挂钩，拨付前核对现场实际。', deadline: '2027-01-15' },
      { text: '对2024年以来衔接资金项目开展一次全面排查。', deadline: '2027-03-31' },
    ],
    opinions: [
      {
        kind: 'CONSULTATION',
        orgCode: 'LZ-JW-JC4',
        orgName: '第四监督检查室',
        opinion: '同意，建议增加对县区同类项目的延伸排查。',
        by: 'jc4.staff',
        day: '2026-11-09',
      },
    ],
    steps: [
      { action: 'consult', day: '2026-11-06' },
      { action: 'submitReview', day: '2026-11-16' },
    ],
  },
];

export const demoAccountabilities: DemoAccountability[] = [
  {
    targetKind: 'LEADER',
    targetName: '郝某某',
    targetOrgCode: 'LZ-HU-JYJ',
    targetPosition: '市教育局直属某中学校长',
    method: 'BULLETIN',
    basis: '《中国共产党问责条例》第七条、第八条',
    facts: '校园餐专项整治中自查自纠走过场，学校食堂食材验收制度长期未落实，发生变质食材流入食堂问题，家长反映强烈。（演示数据）',
    decidingBody: '中共兰州市纪委常委会',
    decidedOn: '2026-10-28',
    ownerCode: 'LZ-JW-PZ-JYJ',
    by: 'edu.group',
    campaign: 'catering',
  },
  {
    targetKind: 'LEADER',
    targetName: '甘某某',
    targetOrgCode: 'LZ-HU-CSYH',
    targetPosition: '示例城市商业银行副行长（分管信贷）',
    method: 'ADMONITION',
    basis: '《中国共产党问责条例》第七条、第八条',
    facts: '分管信贷工作期间，对信贷管理部审批权力过于集中、关联贷款违规发放等问题失察失责，对樊某某违规发放贷款问题负有主要领导责任。（演示数据）',
    decidingBody: '兰州市监察委员会',
    decidedOn: '2026-11-23',
    ownerCode: 'LZ-JW-JC5',
    by: 'jc5.staff',
    caseKey: 'bank-credit',
    letterKey: 'finance',
  },
];

export const demoBulletin: DemoBulletin = {
  type: 'TYPICAL_CASES_EXPOSURE',
  campaign: 'catering',
  scope: 'SYSTEM',
  title: '关于校园餐突出问题专项整治中典型问题的通报',
  recipients: '各县区纪委监委，市纪委监委各派驻纪检监察组，市教育局党组',
  body: [
    '校园餐突出问题专项整治开展以来，全市纪检监察机关紧盯食材采购、配送和经费管理等关键环节，查处了一批侵害学生利益的问题。现将两起典型问题通报如下：',
    '一、市教育局后勤保障科原科长管某某在校园餐配送招标中收受好处问题。管某某在学校食材配送企业遴选中为特定企业提供帮助，收受企业负责人所送礼金。管某某受到党内警告处分。',
    '二、市教育局直属某中学校长郝某某履行主体责任不力问题。该校在专项整治中自查自纠走过场，食材验收制度长期未落实。郝某某被通报问责。',
    '各级党组织要以案为鉴，压紧压实主体责任，对校园餐问题发现一起、查处一起、通报一起。（演示数据）',
  ].join('\n'),
  ownerCode: 'LZ-JW-DFZF',
  by: 'dfzf.director',
  createdOn: '2026-11-02',
  issuedOn: '2026-11-05',
};
