/**
 * 演示数据 — 抽调 / 传帮带 / 以干代训 (domain.md g, item 7): six county cadres seconded to the grain-depot case's
 * 审查调查组 with mentors from the investigating offices, and two cadres seconded to a 巡察组 (a 专班 covering the
 * inspected unit, dates from the batch), with skills in the pool and periodic evaluations. The access of each seconded
 * cadre is the team membership the batch created (case_team_member with a planned end; task_force_member ending the
 * day before the planned end). All names, text and scores are fictional.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/types';

const user = async (trx: Transaction<DB>, cid: string, username: string) =>
  trx.selectFrom('app_user').select(['id', 'org_id']).where('commission_id', '=', cid).where('username', '=', username).executeTakeFirstOrThrow();

interface Seconded {
  username: string;
  role: string;
  mentor: string;
  goals: string;
  skills: string[];
  /** [days ago, score, comment] */
  evaluations: [number, number, string][];
}

const CASE_MEMBERS: Seconded[] = [
  {
    username: 'yz.wjj',
    role: '谈话组',
    mentor: 'jc1.staff',
    goals: '掌握谈话方案制定和笔录制作，能独立主谈一般涉案人员',
    skills: ['INTERVIEW'],
    evaluations: [
      [30, 78, '谈话准备较充分，追问不够深入（演示数据）'],
      [7, 85, '能够独立完成一般证人谈话，笔录规范（演示数据）'],
    ],
  },
  {
    username: 'qlh.county',
    role: '资料组',
    mentor: 'sc7.staff',
    goals: '熟悉调取证据的程序和证据审查标准',
    skills: ['LAW'],
    evaluations: [
      [30, 80, '证据目录编制清晰（演示数据）'],
      [7, 83, '证据审查意识增强（演示数据）'],
    ],
  },
  {
    username: 'yz.xgy',
    role: '外查组',
    mentor: 'sc7.staff',
    goals: '掌握银行流水调取与资金穿透分析',
    skills: ['FINANCE_AUDIT'],
    evaluations: [[20, 82, '资金流水梳理细致，发现关联交易线索两条（演示数据）']],
  },
  {
    username: 'yd.county',
    role: '外查组',
    mentor: 'fgw.group',
    goals: '熟悉粮食购销领域业务流程和廉政风险点',
    skills: ['SUPERVISION_CHECK'],
    evaluations: [[20, 76, '业务学习主动，现场核查经验不足（演示数据）']],
  },
  {
    username: 'yz.jjs2',
    role: '综合组',
    mentor: 'jc1.staff',
    goals: '掌握审查调查报告的起草要求',
    skills: ['WRITING'],
    evaluations: [[14, 88, '材料起草扎实，逻辑清晰（演示数据）']],
  },
  {
    username: 'xq.county',
    role: '数据组',
    mentor: 'fgw.group',
    goals: '运用大数据比对发现问题线索',
    skills: ['DATA_ANALYSIS'],
    evaluations: [[14, 84, '完成合同与付款数据比对模型（演示数据）']],
  },
];

const TOUR_MEMBERS: Seconded[] = [
  {
    username: 'yz.mzj',
    role: '巡察组副组长',
    mentor: 'jc3.staff',
    goals: '熟悉巡察谈话、个别访谈和问题底稿撰写',
    skills: ['INSPECTION_TOUR', 'INTERVIEW'],
    evaluations: [[10, 86, '个别谈话组织有序，问题底稿规范（演示数据）']],
  },
  {
    username: 'yz.nyj',
    role: '巡察组成员',
    mentor: 'jc3.staff',
    goals: '掌握工程建设项目巡察的重点和方法',
    skills: ['ENGINEERING'],
    evaluations: [[10, 79, '工程项目资料查阅认真，问题定性需加强（演示数据）']],
  },
];

export async function loadDemoSecondments(trx: Transaction<DB>, cid: string): Promise<void> {
  const manager = await user(trx, cid, 'gbjd.staff');
  const shift = async (days: number) => (await sql<{ d: string }>`SELECT to_char(current_date + ${days}::int, 'YYYY-MM-DD') AS d`.execute(trx)).rows[0]!.d;
  const k = await trx
    .selectFrom('case_file')
    .select(['id', 'case_no'])
    .where('commission_id', '=', cid)
    .where('title', 'like', '%粮食储备库%')
    .where('state', '=', 'INVESTIGATING')
    .executeTakeFirstOrThrow();

  // batch 1: six county cadres to the grain-depot case
  const caseEnd = await shift(45);
  const b1 = await trx
    .insertInto('secondment_batch')
    .values({
      commission_id: cid,
      name: '2026年第一批县区干部抽调参加专案（以干代训）',
      purpose: '从六个县区纪委监委抽调骨干参加粮食购销领域专案审查调查，以干代训，师徒结对，提升县区办案能力。（演示数据）',
      target_kind: 'CASE',
      case_id: k.id,
      planned_start: await shift(-35),
      planned_end: caseEnd,
      created_by: manager.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const m of CASE_MEMBERS) {
    const u = await user(trx, cid, m.username);
    const ctm = await trx
      .insertInto('case_team_member')
      .values({
        commission_id: cid,
        case_id: k.id,
        team: 'INVESTIGATION',
        user_id: u.id,
        org_id: u.org_id,
        role: 'MEMBER',
        joined_on: await shift(-35),
        planned_end_on: caseEnd,
        added_by: manager.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addMember(trx, cid, b1.id, m, u, { case_team_member_id: ctm.id }, manager.id);
  }

  // batch 2: a 巡察组 — a 专班 covering the inspected unit, with the batch's dates
  const tourStart = await shift(-20);
  const tourEnd = await shift(40);
  const tf = await trx
    .insertInto('task_force')
    .values({
      commission_id: cid,
      name_zh: '市委第三巡察组（对市住房和城乡建设局巡察）（演示数据）',
      valid_from: tourStart,
      valid_to: tourEnd,
      purpose: 'THEME',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const unit = await trx.selectFrom('org').select('id').where('commission_id', '=', cid).where('code', '=', 'LZ-HU-ZJJ').executeTakeFirstOrThrow();
  await trx.insertInto('task_force_org').values({ task_force_id: tf.id, org_id: unit.id }).execute();
  const b2 = await trx
    .insertInto('secondment_batch')
    .values({
      commission_id: cid,
      name: '2026年第二批抽调干部参加市委巡察',
      purpose: '抽调县区纪检监察干部参加市委第三巡察组，对市住房和城乡建设局开展常规巡察，以干代训。（演示数据）',
      target_kind: 'INSPECTION_TOUR',
      task_force_id: tf.id,
      planned_start: tourStart,
      planned_end: tourEnd,
      created_by: manager.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const m of TOUR_MEMBERS) {
    const u = await user(trx, cid, m.username);
    const tfm = await trx
      .insertInto('task_force_member')
      .values({
        commission_id: cid,
        task_force_id: tf.id,
        user_id: u.id,
        role: 'MEMBER',
        valid_from: tourStart,
        valid_to: await shift(39),
        from_org_id: u.org_id,
        added_by: manager.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addMember(trx, cid, b2.id, m, u, { task_force_member_id: tfm.id }, manager.id);
  }
}

async function addMember(
  trx: Transaction<DB>,
  cid: string,
  batchId: string,
  m: Seconded,
  u: { id: string; org_id: string },
  team: { case_team_member_id?: string; task_force_member_id?: string },
  managerId: string,
) {
  const mentor = await user(trx, cid, m.mentor);
  const sm = await trx
    .insertInto('secondment_member')
    .values({ commission_id: cid, batch_id: batchId, user_id: u.id, from_org_id: u.org_id, role: m.role, mentor_id: mentor.id, goals: m.goals, ...team })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('cadre_profile')
    .values({ user_id: u.id, commission_id: cid, skills: m.skills, updated_by: managerId })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  for (const [ago, score, comment] of m.evaluations)
    await trx
      .insertInto('secondment_evaluation')
      .values({ commission_id: cid, member_id: sm.id, evaluated_on: sql<string>`current_date - ${ago}::int`, score, comment, by_user: mentor.id })
      .execute();
}
