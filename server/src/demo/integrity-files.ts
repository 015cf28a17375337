/**
 * 演示数据 — 廉政档案 (issue 15, domain.md b.5/b.6). The 干部监督室 keeps a file for every demo 监察对象 (the
 * supervised persons of the clue and case scenarios, 管玉洁 of the 党风廉政意见回复 among them), with the kept
 * sections filled: 基本情况, 家庭成员及主要社会关系, 个人有关事项报告 and 收入申报 by year, 民主测评, 经济责任审计
 * where it applies, 问责及奖惩. One file was last updated more than a year ago (flagged). Two consultations: the
 * 党风政风监督室 director's, approved by the leader overseeing the 干部监督室 for 7 days (read once), and the
 * 第三监督检查室 director's, waiting for that leader. All names and text are FICTIONAL.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/types';
import { notify } from '../platform/inbox';

const user = async (trx: Transaction<DB>, cid: string, username: string) =>
  trx.selectFrom('app_user').select(['id', 'org_id']).where('commission_id', '=', cid).where('username', '=', username).executeTakeFirstOrThrow();

type Kept = 'BASIC' | 'FAMILY' | 'DECLARATIONS' | 'DEMOCRATIC_EVALUATION' | 'ECONOMIC_AUDIT' | 'ACCOUNTABILITY' | 'OTHER';

/** Entries per cadre beyond the common ones: [section, year | null, title, content]. */
const EXTRA: Record<string, [Kept, number | null, string, string][]> = {
  管玉洁: [['ACCOUNTABILITY', 2026, '党内警告处分', '因在校园餐配送企业遴选中收受礼金，受到党内警告处分（见本委案件记录）。（演示数据）']],
  宗建平: [
    ['ECONOMIC_AUDIT', 2025, '任期经济责任审计', '市审计局对其任董事长期间经济责任履行情况进行审计，指出对外投资决策程序不规范问题1项，已整改。（演示数据）'],
    ['ACCOUNTABILITY', 2024, '年度考核优秀', '2024年度考核确定为优秀等次。（演示数据）'],
  ],
  聂长顺: [['ECONOMIC_AUDIT', 2024, '离任经济责任审计（原任职单位）', '未发现重大违规问题，提出管理建议2条。（演示数据）']],
};

function common(name: string, unit: string, position: string, year: number): [Kept, number | null, string, string][] {
  return [
    ['BASIC', null, '基本情况', `${name}，现任${unit}${position}。学历、工作经历、任职情况以组织部门干部档案为准。（演示数据）`],
    ['FAMILY', null, '家庭成员及主要社会关系', '配偶在本市事业单位工作；子女一人在读；父母退休。未发现配偶子女经商办企业情况。（演示数据）'],
    ['DECLARATIONS', year - 1, `${year - 1}年度个人有关事项报告`, '按期报告，房产、投资、婚姻变化等事项报告齐全，抽查核实结果一致。（演示数据）'],
    ['DECLARATIONS', year - 1, `${year - 1}年度收入申报`, '工资性收入及其他劳务所得如实申报。（演示数据）'],
    ['DECLARATIONS', year - 2, `${year - 2}年度个人有关事项报告`, '按期报告，未发现漏报瞒报。（演示数据）'],
    ['DEMOCRATIC_EVALUATION', year - 1, `${year - 1}年度民主测评`, '参评人数45人，廉洁自律评价“好”的占91%，“较好”的占9%。（演示数据）'],
  ];
}

export async function loadDemoIntegrityFiles(trx: Transaction<DB>, cid: string): Promise<void> {
  const keeper = await user(trx, cid, 'gbjd.staff');
  const year = Number((await sql<{ y: number }>`SELECT extract(year FROM current_date)::int AS y`.execute(trx)).rows[0]!.y);
  const persons = await trx
    .selectFrom('person as p')
    .leftJoin('org as o', 'o.id', 'p.unit_id')
    .select(['p.id', 'p.name_zh', 'p.position', 'o.name_zh as unit'])
    .where('p.commission_id', '=', cid)
    .where('p.is_supervision_object', '=', true)
    .where('p.is_demo', '=', true)
    .orderBy('p.name_zh')
    .execute();
  const fileOf = new Map<string, string>();
  for (const [i, p] of persons.entries()) {
    // one file last touched 400 days ago: the register flags it (b.5: updated at least yearly)
    const stale = i === persons.length - 1;
    const at = sql<Date>`now() - make_interval(days => ${stale ? 400 : 20 + i * 3})`;
    const f = await trx
      .insertInto('integrity_file')
      .values({
        commission_id: cid,
        person_id: p.id,
        custodian_org_id: keeper.org_id,
        created_by: keeper.id,
        content_updated_at: at,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    fileOf.set(p.name_zh, f.id);
    const entries = [...common(p.name_zh, p.unit ?? '', p.position ?? '', stale ? year - 1 : year), ...(EXTRA[p.name_zh] ?? [])];
    for (const [section, y, title, content] of entries) {
      await trx
        .insertInto('integrity_file_entry')
        .values({
          commission_id: cid,
          file_id: f.id,
          section,
          year: y,
          title,
          content,
          recorded_on: y ? sql<string>`make_date(${y + 1}, 3, 31)` : null,
          created_by: keeper.id,
          updated_by: keeper.id,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
  }

  const approver = await user(trx, cid, 'cw4.member');
  const person = (name: string) => trx.selectFrom('person').select('id').where('commission_id', '=', cid).where('name_zh', '=', name).executeTakeFirstOrThrow();
  // approved: the 党风政风监督室 director consults 宗建平's file for a 回头看 (read once, logged)
  const dfzf = await user(trx, cid, 'dfzf.director');
  const zong = await person('宗建平');
  const approved = await trx
    .insertInto('integrity_file_request')
    .values({
      commission_id: cid,
      person_id: zong.id,
      requester_id: dfzf.id,
      requester_org_id: dfzf.org_id,
      custodian_org_id: keeper.org_id,
      reason: '国有企业领导人员履职情况专项监督“回头看”，需了解其经济责任审计和个人有关事项报告情况。（演示数据）',
      sections: ['BASIC', 'DECLARATIONS', 'ECONOMIC_AUDIT', 'INTEGRITY_OPINIONS'],
      state: 'APPROVED',
      valid_until: sql<string>`current_date + 7`,
      decided_by: approver.id,
      decided_at: sql<Date>`now() - interval '1 day'`,
      decision_comment: '同意查阅，限于专项监督使用。（演示数据）',
      version: 2,
      created_at: sql<Date>`now() - interval '2 days'`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const zongFile = fileOf.get('宗建平');
  if (zongFile) {
    await trx
      .insertInto('integrity_file_read')
      .values({
        commission_id: cid,
        file_id: zongFile,
        reader_id: dfzf.id,
        request_id: approved.id,
        sections: ['BASIC', 'DECLARATIONS', 'ECONOMIC_AUDIT', 'INTEGRITY_OPINIONS'],
        view: 'file',
        at: sql<Date>`now() - interval '20 hours'`,
      })
      .execute();
  }
  // pending: the 第三监督检查室 director asks to read 管玉洁's file before a 谈话
  const jc3 = await user(trx, cid, 'jc3.director');
  await trx
    .insertInto('integrity_file_request')
    .values({
      commission_id: cid,
      person_id: (await person('管玉洁')).id,
      requester_id: jc3.id,
      requester_org_id: jc3.org_id,
      custodian_org_id: keeper.org_id,
      reason: '拟对其开展提醒谈话，需了解以往谈话函询结果和问题线索处置情况。（演示数据）',
      sections: ['BASIC', 'CLUES_CASES', 'TALK_INQUIRIES'],
      created_at: sql<Date>`now() - interval '3 hours'`,
    })
    .execute();
  // the bells: the decision told to the requester, the waiting request to the leader
  await notify(trx, {
    commissionId: cid,
    userId: dfzf.id,
    kind: 'integrity-file',
    title: '廉政档案查阅申请（宗建平）：批准查阅',
    body: '状态变为“已批准”，操作人：练冬禾',
    link: `/integrity-files/requests?open=${approved.id}`,
  });
  await notify(trx, {
    commissionId: cid,
    userId: approver.id,
    kind: 'integrity-file',
    title: '廉政档案查阅申请待审批（管玉洁）',
    body: '申请人：桑恪之',
    link: '/integrity-files/approvals',
  });
}
