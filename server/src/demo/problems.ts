/**
 * 演示数据 — a systemic problem of 校园餐 procurement (issue 15), all names fictional: the 驻县教育局组 of three
 * counties (榆中县, 永登县, 兰州新区) each record a finding on their own supervision item; the problem register's
 * clustering groups the three; the 第三监督检查室 confirms them as one 系统性问题 analysed jointly with the three
 * county commissions; the 党风政风监督室 turns it into next year's common supervision item through the
 * supervision module's own service (issued to every group, in the same transaction as the demo).
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/types';
import { actorWith } from '../platform/account-actor';
import { todayIso } from '../platform/calendar';
import { type Ctx, inTx } from '../platform/context';
import { transition } from '../platform/workflow';
import { clusterDocuments, problemWorkflow } from '../modules/problems';

const COUNTIES: { group: string; unit: string; commission: string; text: string }[] = [
  {
    group: 'LZ-YZ-PZ-JYJ',
    unit: 'LZ-YZ-HU-JYJ',
    commission: 'LZ-YZ',
    text: '演示数据：榆中县部分中小学校园餐食材采购未经公开招标，由学校后勤直接指定供应商，采购价格明显高于市场价',
  },
  {
    group: 'LZ-YD-PZ-JYJ',
    unit: 'LZ-YD-HU-JYJ',
    commission: 'LZ-YD',
    text: '演示数据：永登县教育局校园餐食材采购未公开招标，供应商由学校指定，采购价格高于市场价，资质审核不严',
  },
  {
    group: 'LZ-XQ-PZ-JYJ',
    unit: 'LZ-XQ-HU-JYJ',
    commission: 'LZ-XQ',
    text: '演示数据：兰州新区多所学校校园餐食材集中采购未经公开招标程序，指定供应商供货，采购价格高于同期市场价',
  },
];

export const DEMO_PROBLEM_TITLE = '演示数据：校园餐食材采购未公开招标、学校自行指定供应商（三县区共性问题）';
export const DEMO_PROBLEM_MATTER = '监督校园餐食材采购公开招标和供应商准入制度落实情况（演示数据）';

/** The year the demo problem is converted into: 2027, or the next year once the demo runs later (conversion is into a coming year). */
export const demoProblemYear = () => Math.max(2027, Number(todayIso().slice(0, 4)) + 1);

export async function loadDemoProblems(trx: Transaction<DB>, cid: string): Promise<void> {
  const orgs = await trx.selectFrom('org').select(['id', 'code']).where('commission_id', '=', cid).execute();
  const org = (code: string) => {
    const id = orgs.find((o) => o.code === code)?.id;
    if (!id) throw new Error(`demo problems: no org ${code}`);
    return id;
  };
  const findingIds: string[] = [];
  for (const c of COUNTIES) {
    // the group's own 2026 item (its first individual one)
    const item = await trx
      .selectFrom('supervision_item as i')
      .innerJoin('supervision_list as l', 'l.id', 'i.list_id')
      .select(['i.id', 'i.created_by'])
      .where('l.owner_group_id', '=', org(c.group))
      .where('l.year', '=', 2026)
      .where('l.type', '=', 'INDIVIDUAL')
      .orderBy('i.seq')
      .executeTakeFirstOrThrow();
    const f = await trx
      .insertInto('supervision_finding')
      .values({
        commission_id: cid,
        item_id: item.id,
        org_id: org(c.group),
        description: c.text,
        disposition: 'RECOMMENDATION',
        host_unit_id: org(c.unit),
        sector_code: 'SCHOOL_CATERING',
        created_by: item.created_by,
        created_at: new Date('2026-09-15T10:00:00+08:00'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    findingIds.push(f.id);
  }
  // the clustering over all the commission's findings (as GET /problems/candidates does) groups the three
  const corpus = await trx
    .selectFrom('supervision_finding')
    .select(['id', 'description'])
    .where('commission_id', '=', cid)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const clusters = clusterDocuments(
    corpus.map((f) => ({ key: f.id, text: f.description })),
    { threshold: 0.35 },
  );
  const ours = clusters.find((c) => c.members.some((i) => corpus[i]!.id === findingIds[0]));
  const grouped = new Set(ours?.members.map((i) => corpus[i]!.id) ?? []);
  if (!findingIds.every((id) => grouped.has(id))) throw new Error('demo problems: the 校园餐 findings do not cluster');
  const u = await trx
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'person_id', 'commission_id', 'org_id', 'clearance'])
    .where('commission_id', '=', cid)
    .where('username', 'in', ['jc3.staff', 'dfzf.staff'])
    .execute();
  const jc3 = u.find((x) => x.username === 'jc3.staff')!;
  const dfzf = u.find((x) => x.username === 'dfzf.staff')!;
  const problem = await trx
    .insertInto('problem')
    .values({
      commission_id: cid,
      title: DEMO_PROBLEM_TITLE,
      description: '演示数据：三个县区驻教育局纪检监察组在日常监督中分别发现校园餐食材采购不规范问题，经相似问题聚类后确认为系统性问题。',
      sector_code: 'SCHOOL_CATERING',
      type_code: 'SYSTEMIC',
      owner_org_id: jc3.org_id,
      state: 'CONFIRMED',
      origin: 'CLUSTER',
      analysis:
        '演示数据：联合汇总剖析认为，县区教育部门未建立校园餐食材集中采购制度，学校后勤自行选择供应商，供应商准入和价格监测缺位，属于系统性制度漏洞。建议下一年度将校园餐食材采购列为共性监督事项。',
      analysed_on: '2026-10-20',
      created_by: jc3.id,
      created_at: new Date('2026-10-12T09:30:00+08:00'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('problem_evidence')
    .values(findingIds.map((id) => ({ problem_id: problem.id, object_type: 'finding', object_id: id, added_by: jc3.id })))
    .execute();
  await trx
    .insertInto('problem_unit')
    .values(COUNTIES.map((c) => ({ problem_id: problem.id, org_id: org(c.unit) })))
    .execute();
  await trx
    .insertInto('problem_analysis_org')
    .values([dfzf.org_id, ...COUNTIES.map((c) => org(c.commission))].map((org_id) => ({ problem_id: problem.id, org_id })))
    .execute();

  // 党风政风监督室 converts it into next year's common item (the kernel; the supervision module issues it)
  const actor = actorWith(dfzf, { roles: ['OFFICE_STAFF'], scope: { wide: false, orgIds: [dfzf.org_id] }, clearance: 'WORK_SECRET' });
  const ctx = { actor, requestId: 'demo', ip: '127.0.0.1' } as Ctx;
  // through the problem's machine, as POST /problems/:id/actions { action: 'convert' } does
  await transition(inTx(ctx, trx), problemWorkflow, problem.id, {
    action: 'convert',
    version: 1,
    year: demoProblemYear(),
    matter: DEMO_PROBLEM_MATTER,
    bases: ['SECTOR_FEATURE'],
    methods: ['DOCUMENT_REVIEW', 'FIELD_CHECK'],
    frequency: 'QUARTERLY',
    dueDate: `${demoProblemYear()}-11-30`,
  });
}
