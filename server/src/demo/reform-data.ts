/**
 * 演示数据 — 以案促改 of the finance case (domain.md g.4 scenario 4). FICTIONAL: 第十审查调查室 and its linked
 * 驻市金融工作部门纪检监察组 investigate 樊某某 of 示例城市商业银行 as a 联合专案组 (both on the case team); 以案促改
 * starts at filing and the 专案组 keeps a 问题清单 while investigating; after the decision 第五监督检查室 analyses
 * the causes with the 专案组 — the record is owned jointly by the three — and issues a 监察建议书
 * (兰监建〔2026〕N号) to the bank: consultation, trial-office review, the
 * secretary's approval, numbering, service with a receipt, adoption, three rectification tasks verified and
 * closed (销号), the written reply within 30 days, 回头看 with a score, closed.
 */
import type { DemoLetter, DemoReformRecord } from './reform-types';

export const FINANCE_CASE_KEY = 'bank-credit';
const BANK = 'LZ-HU-CSYH';

export const financeRecord: DemoReformRecord = {
  caseKey: FINANCE_CASE_KEY,
  title: '樊某某违规发放贷款案以案促改（示例城市商业银行）',
  sector: 'FINANCE',
  ownerCode: 'LZ-JW-SC10',
  coOwnerCodes: ['LZ-JW-PZ-JR', 'LZ-JW-JC5'],
  coOwnedOn: '2026-08-26',
  unitCode: BANK,
  by: 'sc10.staff',
  state: 'CLOSED',
  rootCauses:
    '一是信贷审批权力过于集中，部门负责人对贷款调查、审查、审批环节实际“一手托”，审贷分离流于形式；二是关联交易管理制度缺失，员工亲属关联企业未纳入授信限制名单；三是贷后管理和内部审计监督不力，逾期贷款长期未被预警；四是廉洁教育针对性不强，关键岗位人员交流轮岗滞后。（演示数据）',
  causeCategories: ['POWER_CONCENTRATION', 'SYSTEM_GAP', 'OVERSIGHT_WEAKNESS', 'EDUCATION'],
  problems: [
    {
      description: '信贷管理部负责人同时掌握贷前调查人选指派和审查意见签批，审贷分离、岗位制衡形同虚设。',
      category: 'POWER_CONCENTRATION',
      foundOn: '2026-06-10',
    },
    {
      description: '未建立员工近亲属及其关联企业名单，向员工亲属控制企业发放贷款未执行回避和关联交易审批程序。',
      category: 'SYSTEM_GAP',
      foundOn: '2026-06-18',
    },
    {
      description: '贷后检查以“走过场”为主，两笔大额贷款逾期九个月未触发风险预警，内审部门连续两年未将信贷审批纳入重点审计事项。',
      category: 'OVERSIGHT_WEAKNESS',
      foundOn: '2026-07-02',
    },
    {
      description: '对客户赠送购物卡、宴请等问题未建立报告登记制度，廉洁提醒停留在会议传达层面。',
      category: 'RISK_CONTROL',
      foundOn: '2026-07-15',
    },
    {
      description: '信贷审批、客户经理等关键岗位人员在岗超过八年未交流，警示教育未结合本行案例开展。',
      category: 'EDUCATION',
      foundOn: '2026-07-28',
    },
  ],
  updatedOn: '2026-11-25',
};

export const financeLetter: DemoLetter = {
  key: 'finance',
  type: 'SUPERVISION',
  origin: 'CASE',
  caseKey: FINANCE_CASE_KEY,
  draftingCode: 'LZ-JW-JC5',
  drafter: 'jc5.staff',
  supervisor: 'jc5.staff',
  recipientCode: BANK,
  recipientName: '示例城市商业银行',
  liaison: 'bank.liaison',
  title: '关于示例城市商业银行加强信贷管理、防范廉洁风险的监察建议书',
  background:
    '本委第十审查调查室会同驻市金融工作部门纪检监察组组成联合专案组，对示例城市商业银行信贷管理部原总经理樊某某严重违纪违法问题进行审查调查；案件处理决定作出后，第五监督检查室会同专案组对该行信贷业务管理情况进行了深入剖析。（演示数据）',
  facts:
    '经查，2022年至2025年，樊某某利用职务便利，违规为其亲属实际控制的两家企业审批发放贷款共计二千余万元，其中一千余万元已逾期；收受企业负责人所送购物卡、现金。调查中发现，该行在信贷审批权力制约、关联交易管理、贷后管理和内部监督等方面存在明显漏洞。（演示数据）',
  causes: financeRecord.rootCauses,
  legalBasis: ['《中华人民共和国监察法》第十一条第（三）项', '《中华人民共和国监察法》第五十二条第一款第（五）项', '《中华人民共和国监察法实施条例》有关规定'],
  replyDays: 30,
  objectionDays: 15,
  objectionChannel: '书面形式（送交兰州市纪委监委第五监督检查室）',
  contact: '第五监督检查室 郦青蔓，联系电话 0931-0000000（演示数据）',
  draftedOn: '2026-09-30',
  items: [
    {
      text: '全面排查员工近亲属及其关联企业授信情况，建立关联方名单并嵌入信贷系统，对已发放的关联贷款逐笔核查整改。',
      deadline: '2026-11-05',
      task: {
        issue: '员工近亲属关联企业授信未执行回避和关联交易审批程序',
        requiredOutcome: '关联方名单建立并嵌入信贷系统；存量关联贷款逐笔核查，问题贷款全部整改到位。',
        responsible: '示例城市商业银行风险管理部 齐某某',
        plan: {
          measures: ['组织全行员工申报近亲属及其关联企业信息', '将关联方名单嵌入信贷管理系统并设置自动拦截', '对存量关联贷款逐笔核查，制定清收方案'],
          timetable: [
            { step: '完成员工申报和名单汇总', due: '2026-10-26' },
            { step: '信贷系统关联方拦截上线', due: '2026-10-31' },
            { step: '存量关联贷款核查整改完毕', due: '2026-11-04' },
          ],
        },
        steps: [
          { action: 'submitPlan', day: '2026-10-22', content: '报送整改方案：员工申报、系统拦截、存量核查三项措施及时间表。' },
          { action: 'acceptPlan', day: '2026-10-23', content: '方案措施具体、时限明确，同意按方案实施。' },
          { action: 'reportProgress', day: '2026-10-29', content: '已完成全行1,236名员工近亲属关联企业申报，汇总关联方312户。' },
          {
            action: 'reportDone',
            day: '2026-11-04',
            content: '关联方拦截功能已于10月31日上线；存量关联贷款47笔逐笔核查完毕，2笔问题贷款已提前收回。佐证材料：系统上线通知、核查台账、收回凭证。',
          },
          { action: 'verify', day: '2026-11-07', content: '会同驻市金融工作部门纪检监察组现场抽查系统拦截功能和核查台账，整改到位。' },
          { action: 'closeOut', day: '2026-11-09', content: '经审批予以销号。' },
        ],
      },
    },
    {
      text: '修订授信审批管理办法，落实审贷分离和集体审议，明确部门负责人审批权限，建立大额授信双人调查和交叉复核制度。',
      deadline: '2026-11-12',
      task: {
        issue: '信贷审批权力过于集中，审贷分离流于形式',
        requiredOutcome: '修订授信审批管理办法并经董事会审议通过，大额授信实行双人调查、交叉复核和贷审会集体审议。',
        responsible: '示例城市商业银行信贷管理部 陆某某',
        plan: {
          measures: ['修订授信审批管理办法和贷审会议事规则', '明确部门负责人审批权限上限', '建立大额授信双人调查、交叉复核制度'],
          timetable: [
            { step: '制度修订稿征求意见', due: '2026-10-30' },
            { step: '董事会审议通过', due: '2026-11-08' },
            { step: '制度培训和执行检查', due: '2026-11-11' },
          ],
        },
        steps: [
          { action: 'submitPlan', day: '2026-10-23', content: '报送整改方案：制度修订、权限调整、交叉复核三项措施。' },
          { action: 'acceptPlan', day: '2026-10-26', content: '同意方案，请在制度中明确贷审会表决规则。' },
          { action: 'reportProgress', day: '2026-11-02', content: '授信审批管理办法修订稿已征求各部门意见，补充了贷审会表决规则。' },
          {
            action: 'reportDone',
            day: '2026-11-10',
            content: '《授信审批管理办法（2026年修订）》已经董事会审议通过并印发，组织培训2场。佐证材料：董事会决议、制度文本、培训签到表。',
          },
          { action: 'verify', day: '2026-11-12', content: '查阅制度文本和新制度实施后10笔授信档案，双人调查和集体审议执行到位。' },
          { action: 'closeOut', day: '2026-11-13', content: '经审批予以销号。' },
        ],
      },
    },
    {
      text: '以樊某某案为反面教材开展警示教育，建立客户礼品礼金报告登记制度，对信贷关键岗位人员实行定期交流轮岗。',
      deadline: '2026-11-10',
      task: {
        issue: '廉洁教育针对性不强，关键岗位长期未交流',
        requiredOutcome: '召开警示教育大会；礼品礼金报告登记制度建立并执行；制定关键岗位交流轮岗计划并完成首批交流。',
        responsible: '示例城市商业银行办公室 居安然',
        plan: {
          measures: ['召开全行警示教育大会，开展案例剖析', '建立礼品礼金报告登记制度', '制定关键岗位轮岗计划，完成首批交流'],
          timetable: [
            { step: '警示教育大会', due: '2026-10-28' },
            { step: '礼品礼金登记制度印发', due: '2026-11-03' },
            { step: '首批关键岗位交流', due: '2026-11-09' },
          ],
        },
        steps: [
          { action: 'submitPlan', day: '2026-10-22', content: '报送整改方案：警示教育、登记制度、交流轮岗三项措施。' },
          { action: 'acceptPlan', day: '2026-10-23', content: '同意方案。' },
          { action: 'reportProgress', day: '2026-10-28', content: '已召开全行警示教育大会，樊某某案忏悔录印发全行学习。' },
          {
            action: 'reportDone',
            day: '2026-11-06',
            content: '礼品礼金报告登记制度已印发执行，首批14名关键岗位人员完成交流。佐证材料：会议纪要、制度文本、交流名单。',
          },
          { action: 'verify', day: '2026-11-09', content: '个别访谈信贷条线干部8人，登记制度知晓率高，交流名单与人事文件一致，整改到位。' },
          { action: 'closeOut', day: '2026-11-10', content: '经审批予以销号。' },
        ],
      },
    },
  ],
  opinions: [
    {
      kind: 'CONSULTATION',
      orgCode: 'LZ-JW-PZ-JR',
      orgName: '驻市金融工作部门纪检监察组',
      opinion: '同意。建议将关联方名单嵌入信贷系统作为刚性要求，并由我组跟进日常监督。',
      by: 'fin.group',
      day: '2026-10-10',
    },
    {
      kind: 'CONSULTATION',
      orgCode: 'LZ-JW-JC2',
      orgName: '第二监督检查室',
      opinion: '同意，建议整改期限与该行年度内控检查衔接。',
      by: 'jc5.staff',
      day: '2026-10-10',
    },
    {
      kind: 'CONSULTATION',
      orgCode: BANK,
      orgName: '示例城市商业银行党委',
      opinion: '对建议书反映的问题无异议，将认真组织整改。',
      by: 'jc5.staff',
      day: '2026-10-12',
    },
    {
      kind: 'REVIEW',
      orgCode: 'LZ-JW-SLS',
      orgName: '案件审理室',
      opinion: '事实表述与审查调查认定一致，法律依据准确，建议事项具体可行，同意提请审批。',
      by: 'sl.staff1',
      day: '2026-10-13',
    },
  ],
  steps: [
    { action: 'consult', day: '2026-10-09', comment: '征求驻市金融工作部门纪检监察组、第二监督检查室和该行党委意见。' },
    { action: 'submitReview', day: '2026-10-12' },
    { action: 'approve', day: '2026-10-14', comment: '同意印发。' },
    { action: 'issue', day: '2026-10-15' },
    { action: 'serve', day: '2026-10-16', comment: '当面送达，该行办公室签收回执。' },
    { action: 'adopt', day: '2026-10-19', comment: '该行党委会研究，全部采纳，分解为三项整改任务。' },
    { action: 'reply', day: '2026-11-13' },
    { action: 'evaluate', day: '2026-11-20' },
    { action: 'close', day: '2026-11-24', comment: '整改到位，予以办结。' },
  ],
  receiptSignedBy: '居安然（示例城市商业银行办公室）',
  reply:
    '我行收到监察建议书后，党委会专题研究，全部采纳三项建议：关联方名单已嵌入信贷系统并拦截关联授信，授信审批管理办法已修订执行，警示教育和关键岗位交流已完成。三项整改任务均已通过核验并销号。（演示数据）',
  evaluation: {
    text: '回头看：抽查新制度实施后授信档案20笔、个别访谈12人，关联授信拦截有效，审贷分离和集体审议落实到位，未发现新的违规问题。建议该行持续做好贷后管理。（演示数据）',
    score: 92,
  },
};
