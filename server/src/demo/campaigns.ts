/**
 * 演示数据 — the two campaigns of the seed (domain.md g.4 scenarios 2 and 3), all names fictional:
 * - 校园餐突出问题专项整治: led by 党风政风监督室 with 第六监督检查室, the dispatched education group and the
 *   county 派驻教育局 groups; plan approved by the 书记; now in the checking phase.
 * - 粮食购销领域腐败问题专项整治: led by 党风政风监督室 with 第一监督检查室 and the 发改委 group (储备库 data
 *   alert → 初核 → 立案); plan recorded as a 常委会 decision; now in concentrated handling.
 * The phases a demo campaign has passed are written as its timeline (initial rows, no transition by hand).
 */
import type { CampaignDomain, CampaignState, ParticipantKind, PlanApproval } from '@liandong/domain/campaigns/enums';
import type { Transaction } from 'kysely';
import type { DB } from '../db/types';
import { SCHOOL_CATERING_CAMPAIGN } from './reform-data-more';

export const GRAIN_CAMPAIGN = '粮食购销领域腐败问题专项整治';

interface DemoCampaign {
  key: 'catering' | 'grain';
  name: string;
  domain: CampaignDomain;
  goal: string;
  plan: string;
  approval: PlanApproval;
  decisionRef: string | null;
  approvedOn: string;
  startsOn: string;
  endsOn: string;
  state: CampaignState;
  participants: { code: string; kind: ParticipantKind; division: string }[];
}

const DFZF = 'LZ-JW-DFZF';

export const demoCampaigns: readonly DemoCampaign[] = [
  {
    key: 'catering',
    name: SCHOOL_CATERING_CAMPAIGN,
    domain: 'SCHOOL_CATERING',
    goal: '聚焦校园餐经费管理、招标采购、食材验收、食堂承包等环节的突出问题，推动建立长效机制。（演示数据）',
    plan: '一、动员部署（3月）；二、自查自纠（4月—5月，8个方面）；三、联合抽查与明察暗访（6月—8月）；四、集中整治（9月—10月）；五、巩固提升（11月—12月）。（演示数据）',
    approval: 'SECRETARY',
    decisionRef: null,
    approvedOn: '2026-03-02',
    startsOn: '2026-03-05',
    endsOn: '2026-12-31',
    state: 'CHECKING',
    participants: [
      { code: 'LZ-JW-JC6', kind: 'OFFICE', division: '会同专班开展联合抽查，督促问题整改' },
      { code: 'LZ-JW-PZ-JYJ', kind: 'GROUP', division: '督促市教育局开展自查自纠，排查问题线索' },
      { code: 'LZ-YZ-PZ-JYJ', kind: 'GROUP', division: '督促榆中县教育局及所属学校自查自纠' },
      { code: 'LZ-YD-PZ-JYJ', kind: 'GROUP', division: '督促永登县教育局及所属学校自查自纠' },
      { code: 'LZ-XQ-PZ-JYJ', kind: 'GROUP', division: '督促兰州新区教育局及所属学校自查自纠' },
      { code: 'LZ-HU-JYJ', kind: 'DEPARTMENT', division: '组织全市学校自查，报送整改台账' },
    ],
  },
  {
    key: 'grain',
    name: GRAIN_CAMPAIGN,
    domain: 'GRAIN',
    goal: '深挖粮食购销领域“靠粮吃粮”、关联交易、利益输送等问题，严肃查处腐败案件。（演示数据）',
    plan: '一、动员部署；二、自查自纠；三、数据比对与联合抽查；四、集中查办；五、以案促改、建章立制。（演示数据）',
    approval: 'STANDING_COMMITTEE',
    decisionRef: '市纪委常委会2026年第5次会议',
    approvedOn: '2026-02-20',
    startsOn: '2026-03-01',
    endsOn: '2026-12-31',
    state: 'CONCENTRATED_HANDLING',
    participants: [
      { code: 'LZ-JW-JC1', kind: 'OFFICE', division: '统筹联系发改委（粮食）组，参与集中查办' },
      { code: 'LZ-JW-PZ-FGW', kind: 'GROUP', division: '督促市粮食和物资储备局自查，开展数据比对' },
      { code: 'LZ-HU-LSJ', kind: 'DEPARTMENT', division: '提供粮食购销、储备数据，配合抽查' },
    ],
  },
];

/** The phases a campaign has passed on its way to `state`, with the action that entered each. */
const PATH: readonly [string, CampaignState][] = [
  ['launch', 'LAUNCHED'],
  ['startSelfInspection', 'SELF_INSPECTION'],
  ['startChecking', 'CHECKING'],
  ['startHandling', 'CONCENTRATED_HANDLING'],
];

/** Loads the demo campaigns and returns their ids by key. */
export async function loadDemoCampaigns(trx: Transaction<DB>, cid: string): Promise<Map<string, string>> {
  const orgs = new Map((await trx.selectFrom('org').select(['id', 'code']).where('commission_id', '=', cid).execute()).map((o) => [o.code, o.id]));
  const users = new Map(
    (await trx.selectFrom('app_user').select(['id', 'username']).where('commission_id', '=', cid).execute()).map((u) => [u.username, u.id]),
  );
  const org = (code: string) => orgs.get(code) ?? fail(`demo org ${code}`);
  const user = (name: string) => users.get(name) ?? fail(`demo user ${name}`);
  const ids = new Map<string, string>();
  for (const c of demoCampaigns) {
    const row = await trx
      .insertInto('campaign')
      .values({
        commission_id: cid,
        name: c.name,
        domain: c.domain,
        sector_code: c.domain,
        year: 2026,
        goal: c.goal,
        lead_org_id: org(DFZF),
        state: c.state,
        plan: c.plan,
        plan_approval: c.approval,
        plan_approved_by: user('sj.secretary'),
        plan_approved_on: c.approvedOn,
        plan_decision_ref: c.decisionRef,
        starts_on: c.startsOn,
        ends_on: c.endsOn,
        bulletin_schedule: 'MONTHLY',
        created_by: user('dfzf.director'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(c.key, row.id);
    await trx
      .insertInto('campaign_participant')
      .values(c.participants.map((p) => ({ campaign_id: row.id, org_id: org(p.code), kind: p.kind, division: p.division })))
      .execute();
    const reached = PATH.findIndex(([, s]) => s === c.state);
    // Each row at its own date (drafted, approved, then one phase a month from the start), so the
    // timeline reads in order: rows written in one statement would otherwise share one now().
    const timeline = [
      { action: 'create', to: 'PLANNED', comment: '起草工作方案（演示数据）', by: 'dfzf.director', at: shiftDays(c.approvedOn, -10) },
      {
        action: 'approvePlan',
        to: 'PLANNED',
        comment: c.decisionRef ? `经${c.decisionRef}研究决定` : '书记审批同意',
        by: 'sj.secretary',
        at: `${c.approvedOn}T10:00:00+08:00`,
      },
      ...PATH.slice(0, reached + 1).map(([action, to], i) => ({ action, to, comment: null, by: 'dfzf.director', at: shiftDays(c.startsOn, 30 * i) })),
    ];
    await trx
      .insertInto('campaign_event')
      .values(
        timeline.map((e) => ({
          commission_id: cid,
          campaign_id: row.id,
          action: e.action,
          from_state: null,
          to_state: e.to,
          comment: e.comment,
          actor_id: user(e.by),
          at: new Date(e.at),
        })),
      )
      .execute();
  }
  return ids;
}

/** An ISO date `days` later (earlier when negative), at 09:00 Beijing time. */
function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.toISOString().slice(0, 10)}T09:00:00+08:00`;
}

function fail(what: string): never {
  throw new Error(`${what} missing`);
}
