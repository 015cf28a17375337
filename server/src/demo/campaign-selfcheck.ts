/**
 * 演示数据 — the 校园餐 campaign's 自查自纠 (issue 10, domain.md g.4 scenario 2), all names fictional:
 * the eight-aspect checklist sent to the municipal and county education bureaus and a few example schools
 * (whose contact accounts are UNIT_LIAISON), in two rounds:
 * - 第一批 (spring term, due 2026-05-15): most units answered and accepted; 兰州新区教育局 had two aspects
 *   returned; two schools never answered (overdue, already marked by the daily job); one school's answers
 *   await review;
 * - 第二批 (autumn term, due 20 days after the demo is loaded): some submitted, some drafts, most not started.
 */
import type { Role } from '@liandong/domain/access/enums';
import { type ResponseStatus, SCHOOL_CATERING_ASPECTS } from '@liandong/domain/self-inspection/enums';
import type { Transaction } from 'kysely';
import type { DB } from '../db/types';
import { todayIso } from '../platform/calendar';
import type { DemoAccount } from './data';
import { selfcheckDemoOrgs } from './selfcheck-orgs';

const LIAISON: readonly Role[] = ['UNIT_LIAISON'];
const liaison = (username: string, displayName: string, orgCode: string, position: string, gender: 'M' | 'F'): DemoAccount => ({
  username,
  displayName,
  orgCode,
  roles: LIAISON,
  clearance: 'PUBLIC',
  position,
  rankLevel: '科员',
  gender,
});

/** The units' contact persons (自查自纠联络人). */
export const selfcheckDemoAccounts: readonly DemoAccount[] = [
  liaison('yzjyj.liaison', '闵晓川', 'LZ-YZ-HU-JYJ', '榆中县教育局办公室主任', 'M'),
  liaison('ydjyj.liaison', '訾雅琴', 'LZ-YD-HU-JYJ', '永登县教育局后勤管理股股长', 'F'),
  liaison('xqjyj.liaison', '沃建邦', 'LZ-XQ-HU-JYJ', '兰州新区教育局综合科科长', 'M'),
  liaison('yz1z.liaison', '郗文静', 'LZ-YZ-HU-JYJ-S001', '榆中县示例第一中学总务主任', 'F'),
  liaison('yzcg.liaison', '满振宇', 'LZ-YZ-HU-JYJ-S002', '榆中县示例城关小学总务主任', 'M'),
  liaison('yd2z.liaison', '蔺慧敏', 'LZ-YD-HU-JYJ-S001', '永登县示例第二中学总务主任', 'F'),
  liaison('xqsy.liaison', '乜国栋', 'LZ-XQ-HU-JYJ-S001', '兰州新区示例实验学校后勤主任', 'M'),
];

/** Phone numbers of the contacts (fictional, 13800000xxx). */
const PHONE = (i: number) => `138000001${String(i).padStart(2, '0')}`;

/** Target units in display order: the municipal bureau (edu.liaison exists), the county bureaus, the schools. */
const TARGETS = ['LZ-HU-JYJ', 'LZ-YZ-HU-JYJ', 'LZ-YD-HU-JYJ', 'LZ-XQ-HU-JYJ', ...selfcheckDemoOrgs.map((o) => o.code)];

type Plan = Record<string, ResponseStatus[] | ResponseStatus>;
/** Round 1 (past due): the status of each unit's eight answers. */
const ROUND1: Plan = {
  'LZ-HU-JYJ': 'ACCEPTED',
  'LZ-YZ-HU-JYJ': 'ACCEPTED',
  'LZ-YD-HU-JYJ': 'ACCEPTED',
  'LZ-XQ-HU-JYJ': ['ACCEPTED', 'ACCEPTED', 'RETURNED', 'ACCEPTED', 'ACCEPTED', 'RETURNED', 'ACCEPTED', 'ACCEPTED'],
  'LZ-YZ-HU-JYJ-S001': 'ACCEPTED',
  'LZ-YZ-HU-JYJ-S002': 'PENDING',
  'LZ-YD-HU-JYJ-S001': ['DRAFT', 'DRAFT', 'DRAFT', 'PENDING', 'PENDING', 'PENDING', 'PENDING', 'PENDING'],
  'LZ-XQ-HU-JYJ-S001': 'SUBMITTED',
};
/** Round 2 (running). */
const ROUND2: Plan = {
  'LZ-HU-JYJ': ['ACCEPTED', 'ACCEPTED', 'ACCEPTED', 'ACCEPTED', 'SUBMITTED', 'SUBMITTED', 'SUBMITTED', 'SUBMITTED'],
  'LZ-YZ-HU-JYJ': 'SUBMITTED',
  'LZ-YZ-HU-JYJ-S001': ['DRAFT', 'DRAFT', 'DRAFT', 'PENDING', 'PENDING', 'PENDING', 'PENDING', 'PENDING'],
};

/** A plausible answer per aspect: problems found, corrected now, plan (演示数据). */
const ANSWERS: Record<string, { problems: string; corrected: string; plan: string }> = {
  FUNDS: { problems: '个别月份膳食补助资金未单独核算。', corrected: '已建立膳食补助专账并补记往来。', plan: '' },
  TENDERING: { problems: '配送企业续签未重新履行采购程序。', corrected: '已暂停续签，启动公开采购。', plan: '下学期开学前完成公开采购。' },
  PURCHASE_ACCEPTANCE: { problems: '部分批次食材验收记录缺少索证索票。', corrected: '补齐索证索票，验收实行双人签字。', plan: '' },
  CANTEEN: { problems: '食堂委托经营合同未明确利润上限。', corrected: '已与经营方签订补充协议。', plan: '' },
  MEAL_FUNDS: { problems: '伙食费收支未按月公示。', corrected: '已在校务公开栏按月公示。', plan: '' },
  FOOD_SAFETY: { problems: '留样记录个别日期缺失。', corrected: '已整改留样制度并加强检查。', plan: '' },
  PARENTS: { problems: '家长委员会陪餐记录不完整。', corrected: '已建立陪餐登记本。', plan: '每月组织一次家长满意度测评。' },
  INTEGRITY: { problems: '未发现问题。', corrected: '', plan: '' },
};

const REVIEW_RETURNED = '问题描述过于笼统，请补充具体金额、时间和整改佐证材料。（演示数据）';

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Loads the contacts of the units (the schools are in demoOrgs), the 校园餐 checklist and its two rounds. `passwordHash`: the demo password. */
export async function loadDemoSelfInspection(trx: Transaction<DB>, cid: string, campaignIds: Map<string, string>, passwordHash: string): Promise<void> {
  const campaignId = campaignIds.get('catering');
  if (!campaignId) throw new Error('demo campaign catering missing');
  const orgs = new Map((await trx.selectFrom('org').select(['id', 'code']).where('commission_id', '=', cid).execute()).map((o) => [o.code, o.id]));
  const org = (code: string) => orgs.get(code) ?? fail(`demo org ${code}`);
  for (const a of selfcheckDemoAccounts) {
    const p = await trx
      .insertInto('person')
      .values({
        commission_id: cid,
        name_zh: a.displayName,
        gender: a.gender,
        unit_id: org(a.orgCode),
        position: a.position,
        rank_level: a.rankLevel,
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const u = await trx
      .insertInto('app_user')
      .values({
        commission_id: cid,
        username: a.username,
        person_id: p.id,
        org_id: org(a.orgCode),
        display_name: a.displayName,
        clearance: a.clearance,
        password_hash: passwordHash,
        must_change_password: false,
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('user_role').values({ user_id: u.id, role: 'UNIT_LIAISON' }).execute();
  }
  const users = new Map(
    (await trx.selectFrom('app_user').select(['id', 'username', 'org_id', 'display_name']).where('commission_id', '=', cid).execute()).map((u) => [
      u.username,
      u,
    ]),
  );
  const user = (name: string) => users.get(name) ?? fail(`demo user ${name}`);
  const contactOf = (orgId: string) => [...users.values()].find((u) => u.org_id === orgId && u.username.endsWith('.liaison'));
  const director = user('dfzf.director').id;

  const template = await trx
    .insertInto('self_inspection_template')
    .values({ commission_id: cid, campaign_id: campaignId, title: '校园餐突出问题专项整治自查清单', created_by: director })
    .returning('id')
    .executeTakeFirstOrThrow();
  const aspects = await trx
    .insertInto('self_inspection_aspect')
    .values(
      SCHOOL_CATERING_ASPECTS.map((a, i) => ({
        commission_id: cid,
        template_id: template.id,
        code: a.code,
        title: a.title,
        guidance: a.guidance,
        sort_order: i + 1,
      })),
    )
    .returning(['id', 'code'])
    .execute();
  for (const [i, code] of TARGETS.entries()) {
    const contact = contactOf(org(code));
    await trx
      .insertInto('self_inspection_unit')
      .values({
        campaign_id: campaignId,
        org_id: org(code),
        commission_id: cid,
        contact_name: contact?.display_name ?? '',
        contact_phone: PHONE(i + 1),
        added_by: director,
      })
      .execute();
  }

  const today = todayIso();
  const rounds = [
    { seq: 1, title: '第一批：2026年春季学期自查', dueOn: '2026-05-15', sentAt: '2026-04-10T09:00:00+08:00', plan: ROUND1, units: TARGETS },
    { seq: 2, title: '第二批：2026年秋季学期自查', dueOn: addDays(today, 20), sentAt: `${addDays(today, -5)}T09:00:00+08:00`, plan: ROUND2, units: TARGETS },
  ];
  for (const r of rounds) {
    const round = await trx
      .insertInto('self_inspection_round')
      .values({ commission_id: cid, campaign_id: campaignId, seq: r.seq, title: r.title, due_on: r.dueOn, sent_by: director, sent_at: new Date(r.sentAt) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const late = r.dueOn < today;
    const rows = r.units.flatMap((code) => {
      const unitId = org(code);
      const contact = contactOf(unitId);
      const plan = r.plan[code] ?? 'PENDING';
      return aspects.map((a, i) => {
        const status = Array.isArray(plan) ? plan[i]! : plan;
        const answer = ANSWERS[a.code]!;
        const answered = status !== 'PENDING';
        const problems = a.code === 'INTEGRITY' ? 0 : 1 + ((i + code.length) % 3);
        const corrected = answer.plan ? problems - 1 : problems;
        const reviewed = status === 'ACCEPTED' || status === 'RETURNED';
        return {
          commission_id: cid,
          campaign_id: campaignId,
          round_id: round.id,
          unit_id: unitId,
          aspect_id: a.id,
          due_on: r.dueOn,
          state: status,
          problems_text: answered ? `${answer.problems}（演示数据）` : '',
          problems_count: answered ? problems : 0,
          corrected_count: answered ? corrected : 0,
          corrected_text: answered && answer.corrected ? `${answer.corrected}（演示数据）` : '',
          plan: answered && answer.plan ? `${answer.plan}（演示数据）` : '',
          answered_by: answered ? (contact?.id ?? null) : null,
          answered_at: answered ? new Date(r.sentAt) : null,
          submitted_at: answered && status !== 'DRAFT' ? new Date(r.sentAt) : null,
          reviewed_by: reviewed ? director : null,
          reviewed_at: reviewed ? new Date(r.sentAt) : null,
          review_comment: status === 'RETURNED' ? REVIEW_RETURNED : status === 'ACCEPTED' ? '认可。' : null,
          // The daily job has already run past the first round's due date.
          overdue_marked_at: late && ['PENDING', 'DRAFT', 'RETURNED'].includes(status) ? new Date(`${addDays(r.dueOn, 1)}T08:25:00+08:00`) : null,
        };
      });
    });
    await trx.insertInto('self_inspection_response').values(rows).execute();
  }
}

function fail(what: string): never {
  throw new Error(`${what} missing`);
}
