/**
 * 演示数据 — open clues: 谈话函询, 暂存待查, analysis, proposals awaiting approval, intake, 初核 (part of the clue book, see clues-data.ts). FICTIONAL.
 */
import type { DemoClue } from './clues-data';
import { demoComplainant as C } from './clues-data-cases';

export const demoOpenClues: readonly DemoClue[] = [
  // ---- 谈话函询 (函询回复到期 ×2, 谈话函询报告到期 ×2)
  // biome-ignore format: one clue per line
  ...(
    [
      ['inq-1', 'PETITION_PHONE', '2026-08-03', '反映市体育局某科长违规报销差旅费问题', '电话举报反映，该科长多次以参加培训名义报销与公务无关的差旅费用。', '刘某某', 'LZ-HU-TYJ', '计划财务科科长', 'LZ-JW-PZ-JYJ', 'LETTER', true],
      ['inq-2', 'PETITION_ONLINE', '2026-07-21', '反映市医疗保障局某干部违规兼职取酬问题', '网络举报反映，该干部在民营医疗机构兼任顾问并领取报酬。', '陈某', 'LZ-HU-YBJ', '待遇保障科副科长', 'LZ-JW-PZ-WJW', 'LETTER', true],
      ['inq-3', 'PETITION_LETTER', '2026-07-06', '反映市公共资源交易中心某干部接受宴请问题', '来信反映，该干部多次接受投标企业安排的宴请，影响公正履职。', '周某某', 'LZ-HU-GGZY', '交易服务科科长', 'LZ-JW-PZ-CZJ', 'TALK', false],
      ['inq-4', 'FOUND_IN_SUPERVISION', '2026-06-29', '市住房公积金管理中心某干部违规为他人提取公积金问题', '驻市住房和城乡建设局纪检监察组监督发现，该干部为不符合条件的熟人办理公积金提取。', '吴某', 'LZ-HU-GJJ', '归集管理科干部', 'LZ-JW-PZ-ZJJ', 'TALK', false],
      ['inq-5', 'PETITION_LETTER', '2026-10-20', '反映市统计局某干部工作作风粗暴问题', '来信反映，该干部在统计执法检查中态度粗暴，对企业吃拿卡要。', '郑某', 'LZ-HU-TJJ', '执法检查科干部', 'LZ-JW-PZ-SJJ', 'BOTH', false],
    ] as const
  ).map(
    ([key, source, receivedOn, title, summary, subjectName, unit, position, undertakingCode, inquiryForm, noReply]): DemoClue => ({
      key,
      source,
      receivedOn,
      title,
      summary,
      issues: ['FOUR_WINDS'],
      subjectName,
      unit,
      position,
      undertakingCode,
      state: 'TALK_INQUIRY',
      method: 'TALK_INQUIRY',
      inquiryForm,
      noReply,
    }),
  ),
  // biome-ignore format: one clue per line
  ...(
    [
      ['inq-r1', 'PETITION_LETTER', '2026-05-11', '反映市民政局某干部违规插手养老机构补贴审核问题', '来信反映该干部在养老机构运营补贴审核中打招呼。', '孙某某', 'LZ-HU-MZJ', '养老服务科科长', 'LZ-JW-PZ-MZJ'],
      ['inq-r2', 'PETITION_ONLINE', '2026-06-02', '反映市林业和草原局某干部违规收受礼品问题', '网络举报反映该干部在节日期间收受管理服务对象所送土特产。', '马某', 'LZ-HU-LCJ', '资源管理科干部', 'LZ-JW-PZ-ZRZY'],
    ] as const
  ).map(
    ([key, source, receivedOn, title, summary, subjectName, unit, position, undertakingCode]): DemoClue => ({
      key,
      source,
      receivedOn,
      title,
      summary,
      issues: ['INTEGRITY'],
      subjectName,
      unit,
      position,
      undertakingCode,
      state: 'TALK_INQUIRY_REPORTED',
      method: 'TALK_INQUIRY',
      inquiryForm: 'LETTER',
    }),
  ),
  // ---- 暂存待查 (到期 ×2, one running)
  // biome-ignore format: one clue per line
  ...(
    [
      ['hold-1', 'PETITION_LETTER', '2026-01-20', '反映市供销合作社某负责人违规处置资产问题', '来信反映该负责人低价处置社有门面房，但反映内容笼统、暂不具备核查条件。', '黄某某', 'LZ-HU-GXS', '资产管理科科长', 'LZ-JW-PZ-NYNC'],
      ['hold-2', 'JUDICIAL', '2026-02-09', '法院移送：市自然资源局某干部涉嫌与开发商利益往来问题', '人民法院在审理民事案件中发现相关线索并移送，因涉案企业账目尚在司法鉴定，暂存待查。', '胡某', 'LZ-HU-ZRZY', '耕地保护科干部', 'LZ-JW-JC4'],
      ['hold-3', 'PETITION_VISIT', '2026-09-14', '反映市退役军人事务局某干部优待证办理中吃拿卡要问题', '来访反映该干部办理优待证时暗示办事群众送礼，因举报人无法提供具体时间地点，暂存待查。', '林某某', 'LZ-HU-TYJR', '优抚科干部', 'LZ-JW-PZ-MZJ'],
    ] as const
  ).map(
    ([key, source, receivedOn, title, summary, subjectName, unit, position, undertakingCode]): DemoClue => ({
      key,
      source,
      receivedOn,
      title,
      summary,
      issues: ['INTEGRITY'],
      subjectName,
      unit,
      position,
      undertakingCode,
      state: 'PENDING_HOLD',
      method: 'PENDING_HOLD',
    }),
  ),
  // ---- 处置建议到期: received more than a month ago, still in analysis
  // biome-ignore format: one clue per line
  ...(
    [
      ['ana-1', 'PETITION_PHONE', '2026-09-22', '反映市市场监督管理局某干部对违规企业罚款“放水”问题', '电话举报反映该干部对同一企业多次违法行为仅作警告处理。', '何某', 'LZ-HU-SCJG', '执法稽查科干部', 'LZ-JW-PZ-SCJG'],
      ['ana-2', 'PETITION_ONLINE', '2026-10-09', '反映市人力资源和社会保障局某干部违规发放技能补贴问题', '网络举报反映部分培训机构虚报参训人数骗取补贴，相关干部审核把关不严。', '高某某', 'LZ-HU-RS', '职业能力建设科干部', 'LZ-JW-PZ-RS'],
      ['ana-3', 'LAW_ENFORCEMENT', '2026-10-12', '公安机关移送：榆中县某镇干部涉嫌违规收取征地补偿“手续费”问题', '公安机关在侦办案件中发现，该镇干部在征地补偿发放中向群众收取“手续费”。', '罗某某', null, '榆中县某镇干部', 'LZ-YZ'],
      ['ana-4', 'PETITION_LETTER', '2026-11-10', '反映市教育局某校长违规收取择校费问题', '来信反映该校长以捐资助学名义向学生家长收取费用。', '梁某', 'LZ-HU-JYJ', '某中学校长', 'LZ-JW-PZ-JYJ'],
      ['ana-5', 'PETITION_VISIT', '2026-11-16', '反映市水务局某干部在供水工程验收中降低标准问题', '来访反映供水管网改造工程质量不达标但通过验收。', '宋某某', 'LZ-HU-SWJ', '工程建设科干部', 'LZ-JW-PZ-SWJ'],
    ] as const
  ).map(
    ([key, source, receivedOn, title, summary, subjectName, unit, position, undertakingCode]): DemoClue => ({
      key,
      source,
      receivedOn,
      title,
      summary,
      issues: ['WORK'],
      subjectName,
      unit,
      position,
      undertakingCode,
      state: 'UNDER_ANALYSIS',
    }),
  ),
  // ---- disposition proposed, waiting for the overseeing leader (inboxes of fsj1–3)
  {
    key: 'prop-fgw',
    source: 'PETITION_LETTER',
    receivedOn: '2026-10-28',
    title: '反映市粮食和物资储备局某干部在储备粮轮换中违规操作问题',
    summary: '来信反映，该干部在储备粮轮换招标中泄露标底，帮助特定粮商中标。',
    issues: ['INTEGRITY', 'WORK'],
    subjectName: '郭某某',
    unit: 'LZ-HU-LSJ',
    position: '储备管理科干部',
    undertakingCode: 'LZ-JW-PZ-FGW',
    state: 'DISPOSITION_PROPOSED',
    method: 'TALK_INQUIRY',
    pending: { action: 'approveTalkInquiry', rationale: '反映问题具有一般性，拟采取函询方式了解核实。', payload: { form: 'LETTER' } },
  },
  {
    key: 'prop-sc7',
    source: 'SUPERIOR_ASSIGNED',
    receivedOn: '2026-10-14',
    title: '上级交办：示例市公共交通集团有限公司某负责人违规采购车辆问题',
    summary: '上级纪委监委交办线索反映，该负责人在新能源公交车采购中指定品牌，抬高采购价格。',
    issues: ['INTEGRITY'],
    subjectName: '唐某',
    unit: 'LZ-HU-GJJT',
    position: '示例市公共交通集团有限公司副总经理',
    receivingCode: 'LZ-JW-AGS',
    undertakingCode: 'LZ-JW-SC7',
    state: 'DISPOSITION_PROPOSED',
    method: 'PRELIM_VERIFICATION',
    pending: {
      action: 'approvePrelim',
      rationale: '反映问题具体、可查性强，拟进行初步核实。',
      payload: { plan: '调取车辆采购招标文件和合同，询问评标专家。', measures: ['REVIEW_COPY', 'ENQUIRY'], teamUserIds: [], leadUserId: null },
    },
  },
  {
    key: 'prop-bgs',
    source: 'OTHER',
    receivedOn: '2026-10-30',
    title: '市纪委监委办公室转来：反映市委政策研究室某干部违规使用公务用车问题',
    summary: '机关办公室转来群众来信，反映该干部周末驾驶公务用车办理私事，经了解情节轻微。',
    issues: ['FOUR_WINDS'],
    subjectName: '冯某',
    unit: 'LZ-HU-SWZYS',
    position: '综合科干部',
    receivingCode: 'LZ-JW-BGS',
    undertakingCode: 'LZ-JW-JC1',
    state: 'DISPOSITION_PROPOSED',
    method: 'CLOSE',
    pending: { action: 'approveClose', rationale: '经分析，反映问题情节轻微且已整改，拟予以了结。', payload: { closedKind: 'DIRECT' } },
  },
  // ---- waiting for 分办 (书记's inbox)
  // biome-ignore format: one clue per line
  ...(
    [
      ['reg-1', 'PETITION_LETTER', '2026-11-18', '反映市财政局某干部违规发放津补贴问题', '来信反映该局下属单位以加班费名义违规发放津补贴。', '谢某', 'LZ-HU-CZJ', '预算科干部', 'LZ-JW-PZ-CZJ'],
      ['reg-2', 'PETITION_ONLINE', '2026-11-19', '反映示例城市商业银行某支行行长违规放贷问题', '网络举报反映该支行行长向不符合条件的企业发放贷款。', '韩某某', 'LZ-HU-CSYH', '某支行行长', 'LZ-JW-PZ-JR'],
    ] as const
  ).map(
    ([key, source, receivedOn, title, summary, subjectName, unit, position, undertakingCode]): DemoClue => ({
      key,
      source,
      receivedOn,
      title,
      summary,
      issues: ['INTEGRITY'],
      subjectName,
      unit,
      position,
      state: 'REGISTERED',
      pending: { action: 'assign', rationale: '按照管辖范围，拟分办至相关派驻纪检监察组办理。', payload: { undertakingOrgCode: undertakingCode } },
    }),
  ),
  // ---- fresh intake
  // biome-ignore format: one clue per line
  ...(
    [
      ['new-1', 'PETITION_PHONE', '2026-11-24', '反映市文化和旅游局某干部违规收受景区门票问题', '电话举报反映该干部多次向景区索要门票送人。', '曹某', 'LZ-HU-WL', '市场管理科干部'],
      ['new-2', 'PETITION_ONLINE', '2026-11-25', '反映市生态环境局某干部对排污企业违规“打招呼”问题', '网络举报反映该干部为某排污企业说情，干预执法检查。', '彭某某', 'LZ-HU-SHJ', '执法支队干部'],
      ['new-3', 'PETITION_VISIT', '2026-11-26', '反映市司法局某干部违规介入律所纠纷问题', '来访反映该干部利用职务影响为某律所争取案源。', '袁某', 'LZ-HU-SFJ', '律师工作科干部'],
    ] as const
  ).map(
    ([key, source, receivedOn, title, summary, subjectName, unit, position]): DemoClue => ({
      key,
      source,
      receivedOn,
      title,
      summary,
      issues: ['WORK'],
      subjectName,
      unit,
      position,
      state: 'RECEIVED',
    }),
  ),
  // ---- assigned and accepted, in analysis within the month
  // biome-ignore format: one clue per line
  ...(
    [
      ['asg-1', 'PETITION_LETTER', '2026-11-12', '反映市应急管理局某干部安全检查走过场问题', '来信反映该干部对企业安全隐患检查敷衍了事、弄虚作假。', '邓某', 'LZ-HU-YJJ', '安全监管科干部', 'LZ-JW-PZ-YJJ', 'ASSIGNED'],
      ['asg-2', 'PETITION_PHONE', '2026-11-05', '反映市公安局某民警违规插手经济纠纷问题', '电话举报反映该民警违规介入企业之间的合同纠纷。', '许某某', 'LZ-HU-GAJ', '某派出所民警', 'LZ-JW-PZ-GAJ', 'UNDER_ANALYSIS'],
      ['asg-3', 'FOUND_IN_INVESTIGATION', '2026-11-03', '审查调查中发现：示例国有粮食储备库财务科温某某协助虚列费用问题', '在审查调查聂某某案中发现，财务科负责人温某某按聂某某授意虚列仓储运输费用。', '温某某', 'LZ-HU-LCK', '财务科科长', 'LZ-JW-PZ-FGW', 'UNDER_ANALYSIS'],
    ] as const
  ).map(
    ([key, source, receivedOn, title, summary, subjectName, unit, position, undertakingCode, state]): DemoClue => ({
      key,
      source,
      receivedOn,
      title,
      summary,
      issues: ['WORK'],
      subjectName,
      unit,
      position,
      undertakingCode,
      state,
      ...(key === 'asg-3' ? { personKey: 'depot-finance' } : {}),
    }),
  ),
  // ---- 初步核实 running and reported
  {
    key: 'prelim-1',
    source: 'PETITION_LETTER',
    receivedOn: '2026-08-19',
    title: '反映市教育局伍某某挪用学生资助资金问题',
    summary: '实名来信反映，伍某某在学生资助资金发放中虚报受助学生名单，套取资金用于个人开支。',
    issues: ['MASSES', 'DUTY_VIOLATION'],
    subjectName: '伍某某',
    unit: 'LZ-HU-JYJ',
    position: '学生资助管理中心主任',
    personKey: 'edu-aid-centre',
    undertakingCode: 'LZ-JW-PZ-JYJ',
    state: 'PRELIM_VERIFICATION',
    complainant: C('李某'),
  },
  {
    key: 'prelim-2',
    source: 'PETITION_ONLINE',
    receivedOn: '2026-07-30',
    title: '反映榆中县某镇干部在危房改造补助发放中优亲厚友问题',
    summary: '网络举报反映，某镇干部将危房改造补助优先安排给亲属，部分真正困难户未获补助。',
    issues: ['MASSES'],
    subjectName: '蒋某某',
    unit: null,
    position: '榆中县某镇干部',
    undertakingCode: 'LZ-YZ',
    state: 'PRELIM_REPORTED',
  },
];
