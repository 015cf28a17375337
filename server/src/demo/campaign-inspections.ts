/**
 * 演示数据 — the 校园餐 campaign's checks (联合抽查 / 明察暗访, 四不两直), all names fictional: two joint spot
 * checks done in June and July with findings (one handed over to a clue, one to a rectification task, both
 * through the clue and reform modules' own doors), one unannounced visit done in July with a finding, and
 * one unannounced visit planned three weeks ahead: secret, seen only by its team and its approvers.
 */
import type { InspectionType, Severity, FindingDisposition } from '@liandong/domain/inspections/enums';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/types';
import { audit } from '../platform/audit';
import { fileCampaignClue } from '../modules/clues';
import { createCampaignTask } from '../modules/reform';
import { demoCtx } from './demo-ctx';

interface DemoFinding {
  description: string;
  severity: Severity;
  unit: string;
  disposition: FindingDisposition;
  handOver?: 'clue' | 'rectification_task';
}

interface DemoCheck {
  type: InspectionType;
  title: string;
  /** A date, or days from today for the plan still ahead. */
  visitOn: string | number;
  done: boolean;
  report?: string;
  team: [string, 'LEADER' | 'MEMBER'][];
  targets: string[];
  findings: DemoFinding[];
}

const checks: readonly DemoCheck[] = [
  {
    type: 'JOINT_SPOT_CHECK',
    title: '校园餐专项整治第一轮联合抽查（市教育局、榆中县）',
    visitOn: '2026-06-18',
    done: true,
    report:
      '专班会同第六监督检查室、驻市教育局纪检监察组，对市教育局及榆中县教育局所属学校食堂开展联合抽查，查看食材验收台账、经费收支账目，发现问题2个。（演示数据）',
    team: [
      ['dfzf.director', 'LEADER'],
      ['jc6.staff', 'MEMBER'],
      ['edu.group', 'MEMBER'],
    ],
    targets: ['LZ-HU-JYJ', 'LZ-YZ-HU-JYJ'],
    findings: [
      {
        description: '榆中县某中学食堂近三个月食材验收记录缺失，部分批次无供货商资质证明和检验报告。（演示数据）',
        severity: 'MEDIUM',
        unit: 'LZ-YZ-HU-JYJ',
        disposition: 'RECTIFY',
        handOver: 'rectification_task',
      },
      {
        description: '市教育局所属某学校食堂承包经营企业与学校分管后勤负责人存在关联关系，涉嫌利益输送。（演示数据）',
        severity: 'HIGH',
        unit: 'LZ-HU-JYJ',
        disposition: 'CLUE',
        handOver: 'clue',
      },
    ],
  },
  {
    type: 'JOINT_SPOT_CHECK',
    title: '校园餐专项整治第二轮联合抽查（永登县）',
    visitOn: '2026-07-09',
    done: true,
    report: '抽查永登县教育局所属学校4所，膳食经费单独核算基本落实，个别学校公示不及时。（演示数据）',
    team: [
      ['jc6.staff', 'LEADER'],
      ['yd.jyj', 'MEMBER'],
    ],
    targets: ['LZ-YD-HU-JYJ'],
    findings: [
      { description: '两所学校膳食经费收支未按月公示，家长委员会未参与监督。（演示数据）', severity: 'LOW', unit: 'LZ-YD-HU-JYJ', disposition: 'NONE' },
    ],
  },
  {
    type: 'UNANNOUNCED',
    title: '兰州新区学校食堂明察暗访',
    visitOn: '2026-07-22',
    done: true,
    report: '按照“四不两直”要求，不打招呼直奔学校食堂后厨，发现过期调味品和留样不规范问题。（演示数据）',
    team: [
      ['dfzf.staff', 'LEADER'],
      ['xq.jyj', 'MEMBER'],
    ],
    targets: ['LZ-XQ-HU-JYJ'],
    findings: [
      { description: '某小学食堂库房存放过期调味品，食品留样记录不完整。（演示数据）', severity: 'MEDIUM', unit: 'LZ-XQ-HU-JYJ', disposition: 'RECTIFY' },
    ],
  },
  {
    type: 'UNANNOUNCED',
    title: '榆中县农村学校食堂明察暗访（计划）',
    visitOn: 21,
    done: false,
    team: [
      ['dfzf.staff', 'LEADER'],
      ['edu.staff', 'MEMBER'],
    ],
    targets: ['LZ-YZ-HU-JYJ'],
    findings: [],
  },
];

/** Loads the 校园餐 campaign's checks. */
export async function loadDemoInspections(trx: Transaction<DB>, cid: string, campaignIds: Map<string, string>): Promise<void> {
  const campaignId = campaignIds.get('catering');
  if (!campaignId) throw new Error('demo campaign catering missing');
  const orgs = new Map((await trx.selectFrom('org').select(['id', 'code']).where('commission_id', '=', cid).execute()).map((o) => [o.code, o.id]));
  const users = new Map(
    (await trx.selectFrom('app_user').select(['id', 'username']).where('commission_id', '=', cid).execute()).map((u) => [u.username, u.id]),
  );
  const org = (code: string) => orgs.get(code) ?? fail(`demo org ${code}`);
  const user = (name: string) => users.get(name) ?? fail(`demo user ${name}`);
  const planner = await demoCtx(trx, 'dfzf.director', ['OFFICE_STAFF']);
  for (const c of checks) {
    const visitOn =
      typeof c.visitOn === 'number'
        ? (await sql<{ d: string }>`SELECT to_char(current_date + ${c.visitOn}::int, 'YYYY-MM-DD') AS d`.execute(trx)).rows[0]!.d
        : c.visitOn;
    const row = await trx
      .insertInto('inspection')
      .values({
        commission_id: cid,
        campaign_id: campaignId,
        type: c.type,
        title: c.title,
        visit_on: visitOn,
        state: c.done ? 'DONE' : 'PLANNED',
        approved_by: user('sj.secretary'),
        approved_at: sql`now()`,
        report: c.report ?? null,
        done_on: c.done ? visitOn : null,
        created_by: user('dfzf.director'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('inspection_team')
      .values(c.team.map(([name, role]) => ({ inspection_id: row.id, user_id: user(name), role })))
      .execute();
    await trx
      .insertInto('inspection_target')
      .values(c.targets.map((code) => ({ inspection_id: row.id, org_id: org(code) })))
      .execute();
    const timeline = [
      { action: 'plan', to: 'PLANNED', by: 'dfzf.director', comment: null },
      { action: 'approve', to: 'PLANNED', by: 'sj.secretary', comment: '同意，严格保密' },
      ...(c.done ? [{ action: 'complete', to: 'DONE', by: c.team[0]![0], comment: null }] : []),
    ];
    await trx
      .insertInto('inspection_event')
      .values(
        timeline.map((e) => ({
          commission_id: cid,
          inspection_id: row.id,
          action: e.action,
          from_state: null,
          to_state: e.to,
          comment: e.comment,
          actor_id: user(e.by),
        })),
      )
      .execute();
    for (const f of c.findings) {
      const finding = await trx
        .insertInto('inspection_finding')
        .values({
          commission_id: cid,
          inspection_id: row.id,
          description: f.description,
          severity: f.severity,
          unit_org_id: org(f.unit),
          disposition: f.disposition,
          created_by: user(c.team[0]![0]),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!f.handOver) continue;
      const sourceRef = { type: 'inspection_finding', id: finding.id };
      const id =
        f.handOver === 'clue'
          ? (
              await fileCampaignClue(planner, trx, {
                campaignId,
                source: 'FOUND_IN_SUPERVISION',
                title: '某学校食堂承包经营企业与学校后勤负责人关联问题',
                summary: `${c.title}发现：${f.description}`,
                subjectName: '某学校分管后勤负责人',
                subjectOrgId: org(f.unit),
                issueTypes: [],
                sourceRef,
              })
            ).id
          : await createCampaignTask(planner, trx, {
              campaignId,
              unitOrgId: org(f.unit),
              issue: f.description,
              requiredOutcome: '补齐食材验收台账，建立供货商资质审核和验收双人签字制度。（演示数据）',
              deadline: (await sql<{ d: string }>`SELECT to_char(current_date + 60, 'YYYY-MM-DD') AS d`.execute(trx)).rows[0]!.d,
              responsiblePerson: '学校后勤主任（演示）',
              sourceRef,
            });
      await trx
        .updateTable('inspection_finding')
        .set({ handed_over_type: f.handOver, handed_over_id: id, handed_over_at: sql`now()`, handed_over_by: planner.actor.userId })
        .where('id', '=', finding.id)
        .execute();
      await audit(trx, planner, {
        type: 'inspection.finding_handed_over',
        objectType: 'inspection_finding',
        objectId: finding.id,
        payload: { inspectionId: row.id, campaignId, to: f.handOver, id },
      });
    }
  }
}

function fail(what: string): never {
  throw new Error(`${what} missing`);
}
