import { type Block, bodyParagraphs, Headings, labelLine, type OfficialDocInput, officialTable } from '../src/platform/official-doc';

/*
 * One document of each type the platform issues (通知, 通报, 建议书, 函, 纪要, 报告), fictional and labelled 演示数据,
 * rendered through platform/official-doc.ts by the geometry test and by scripts/doc-pages.ts (docs/screenshots).
 * Their lengths differ on purpose: texts that end on an odd page (版记 on an even page of its own), on an even
 * page with room (版记 at its foot), and a long one over several pages.
 */

const para = (n: number) =>
  '各单位要切实提高政治站位，把监督检查工作作为履行全面从严治党政治责任的重要抓手，紧盯关键环节和重点岗位，细化工作措施，压实工作责任，确保各项任务落地见效。'.repeat(
    n,
  );

function reportBody(sections: number, paras: number): Block[] {
  const h = new Headings();
  const blocks: Block[] = [...bodyParagraphs(para(1))];
  for (let i = 0; i < sections; i++) {
    blocks.push(h.h1(['基本情况', '存在的主要问题', '下一步工作打算', '有关建议'][i % 4]!));
    for (let k = 0; k < 2; k++) {
      blocks.push(h.h2(['压实工作责任', '健全制度机制'][k]!));
      blocks.push(h.h3('聚焦重点领域'), ...bodyParagraphs(Array.from({ length: paras }, () => para(1)).join('\n')));
    }
  }
  return blocks;
}

const base = {
  creator: '演示用户（demo）',
  watermark: '导出人 演示用户（demo） 2026-12-04 10:00',
  demo: true,
  copy: 'print' as const,
};

export const SAMPLES: Record<string, OfficialDocInput> = {
  通知: {
    ...base,
    title: '关于开展校园餐突出问题专项整治监督检查工作的通知',
    organMarks: ['中共兰州市纪委 兰州市监委'],
    docNo: '兰纪发〔2026〕12号',
    mainRecipient: '各县区纪委监委，市纪委监委各派驻纪检监察组',
    body: [
      ...bodyParagraphs(para(2)),
      ...bodyParagraphs('附件：监督检查事项清单'),
      officialTable(
        [
          ['序号', 10],
          ['检查事项', 50],
          ['牵头部门', 20],
          ['完成时限', 20],
        ],
        [
          ['1', '食材采购与验收管理情况（演示数据）', '第六监督检查室', '2026年12月31日'],
          ['2', '校园餐经费使用情况（演示数据）', '驻市教育局纪检监察组', '2026年12月31日'],
        ],
      ),
    ],
    signature: { organs: ['中共兰州市纪委 兰州市监委'], date: '2026年12月4日' },
    copyTo: '市委办公室，市政府办公室',
    printer: { name: '兰州市纪委监委办公室', date: '2026年12月4日' },
  },
  通报: {
    ...base,
    title: '关于2026年第三季度违反中央八项规定精神问题典型案例的通报',
    organMarks: ['中共兰州市纪委 兰州市监委'],
    docNo: '兰纪通〔2026〕5号',
    mainRecipient: '各县区纪委监委，市纪委监委各派驻纪检监察组',
    body: bodyParagraphs(Array.from({ length: 12 }, () => para(2)).join('\n')),
    signature: { organs: ['中共兰州市纪委 兰州市监委'], date: '2026年12月4日' },
    copyTo: null,
    printer: { name: '兰州市纪委监委办公室', date: '2026年12月4日' },
  },
  建议书: {
    ...base,
    title: '关于市住房和城乡建设局工程项目廉洁风险防控问题的监察建议书',
    organMarks: ['中共兰州市纪律检查委员会', '兰州市监察委员会'],
    docNo: '兰纪监建〔2026〕3号',
    mainRecipient: '兰州市住房和城乡建设局（演示数据）',
    body: (() => {
      const h = new Headings();
      return [
        h.h1('监督调查情况'),
        ...bodyParagraphs(para(2)),
        h.h1('主要问题及其产生的原因'),
        ...bodyParagraphs(para(2)),
        h.h1('监察建议'),
        h.h2('健全工程项目招投标管理制度'),
        ...bodyParagraphs(para(1)),
        h.h2('加强对关键岗位人员的监督'),
        ...bodyParagraphs(para(1)),
      ];
    })(),
    signature: { organs: ['中共兰州市纪律检查委员会', '兰州市监察委员会'], date: '2026年12月4日' },
    copyTo: '市委办公室，市政府办公室',
    printer: { name: '兰州市纪委监委办公室', date: '2026年12月4日' },
  },
  函: {
    ...base,
    title: '关于商请提供有关资料的函',
    organMarks: ['中共兰州市纪委 兰州市监委'],
    docNo: '兰纪函〔2026〕8号',
    mainRecipient: '兰州市财政局（演示数据）',
    body: bodyParagraphs(`${para(1)}\n请于2026年12月18日前将有关资料报送我委第六监督检查室。\n联系人：演示联系人，电话：0931-0000000（演示数据）。`),
    signature: { organs: ['中共兰州市纪委 兰州市监委'], date: '2026年12月4日' },
    copyTo: null,
    printer: { name: '兰州市纪委监委办公室', date: '2026年12月4日' },
  },
  纪要: {
    ...base,
    title: '第六监督检查室与驻市教育局纪检监察组室组会商纪要',
    organMarks: ['兰州市纪委监委室组会商纪要'],
    docNo: null,
    draftMark: null,
    body: [
      ...bodyParagraphs(`2026年12月3日上午，第六监督检查室在第一会议室召开室组会商会议。${para(1)}`),
      ...bodyParagraphs(para(3)),
      labelLine('出席', '演示人员甲（第六监督检查室）、演示人员乙（驻市教育局纪检监察组）'),
      labelLine('请假', '演示人员丙（第六监督检查室，公务外出）'),
      labelLine('列席', '无'),
    ],
    copyTo: null,
    printer: { name: '兰州市纪委监委办公室', date: '2026年12月4日' },
  },
  报告: {
    ...base,
    title: '兰州市纪委监委第三监督检查室关于落实全面从严治党监督责任情况的报告',
    organMarks: ['兰州市纪委监委第三监督检查室'],
    docNo: '兰纪三报〔2026〕2号',
    mainRecipient: '市纪委监委',
    body: reportBody(3, 2),
    signature: { organs: ['兰州市纪委监委第三监督检查室'], date: '2026年12月4日' },
    copyTo: null,
    printer: { name: '兰州市纪委监委第三监督检查室', date: '2026年12月4日' },
  },
};
