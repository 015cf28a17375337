/**
 * 演示数据 — the 工作专班 of the two demo campaigns (issue 10; domain.md b.5, g.4), all names fictional:
 * - 校园餐: 双组长 = 第六监督检查室主任 (jc6.director) + 驻市教育局纪检监察组组长 (edu.group); members from the
 *   county 派驻教育局 groups of 榆中, 永登 and 兰州新区, the two lead units' staff; one member from 党风政风监督室
 *   who served during the self-inspection phase and was ended (history kept).
 * - 粮食购销: 双组长 = 党风政风监督室主任 (dfzf.director) + 驻市发改委纪检监察组组长 (fgw.group), with
 *   第一监督检查室 staff.
 * Membership grants the campaign's own objects only (visibility/campaigns.ts campaignMemberArm).
 */
import type { TaskForceRole } from '@liandong/domain/taskforces/enums';
import type { Transaction } from 'kysely';
import type { DB } from '../db/types';
import { demoCampaigns } from './campaigns';

type DemoCampaignKey = (typeof demoCampaigns)[number]['key'];

interface DemoMember {
  username: string;
  fromOrgCode: string;
  role: TaskForceRole;
  validFrom: string;
  validTo: string;
  /** Ended early through the end action (by the lead office's director). */
  ended?: boolean;
}

interface DemoTaskForce {
  campaignKey: DemoCampaignKey;
  name: string;
  note: string;
  validFrom: string;
  validTo: string;
  formedBy: string;
  members: DemoMember[];
}

const END = '2026-12-31';
const member = (username: string, fromOrgCode: string, validFrom: string, validTo = END, ended = false): DemoMember => ({
  username,
  fromOrgCode,
  role: 'MEMBER',
  validFrom,
  validTo,
  ...(ended ? { ended } : {}),
});
const leader = (username: string, fromOrgCode: string, validFrom: string): DemoMember => ({
  username,
  fromOrgCode,
  role: 'CO_LEADER',
  validFrom,
  validTo: END,
});

export const demoTaskForces: readonly DemoTaskForce[] = [
  {
    campaignKey: 'catering',
    name: '校园餐突出问题专项整治工作专班',
    note: '实行双组长制，第六监督检查室主任和驻市教育局纪检监察组组长共同牵头；县区派驻教育局纪检监察组抽调骨干参加。（演示数据）',
    validFrom: '2026-03-05',
    validTo: END,
    formedBy: 'dfzf.director',
    members: [
      leader('jc6.director', 'LZ-JW-JC6', '2026-03-05'),
      leader('edu.group', 'LZ-JW-PZ-JYJ', '2026-03-05'),
      member('jc6.staff', 'LZ-JW-JC6', '2026-03-05'),
      member('edu.staff', 'LZ-JW-PZ-JYJ', '2026-03-05'),
      member('yz.jyj', 'LZ-YZ-PZ-JYJ', '2026-03-10'),
      member('yd.jyj', 'LZ-YD-PZ-JYJ', '2026-03-10'),
      member('xq.jyj', 'LZ-XQ-PZ-JYJ', '2026-03-10'),
      member('dfzf.staff', 'LZ-JW-DFZF', '2026-03-05', '2026-05-31', true),
    ],
  },
  {
    campaignKey: 'grain',
    name: '粮食购销领域腐败问题专项整治工作专班',
    note: '实行双组长制，党风政风监督室主任和驻市发展和改革委员会纪检监察组组长共同牵头。（演示数据）',
    validFrom: '2026-03-01',
    validTo: END,
    formedBy: 'dfzf.director',
    members: [
      leader('dfzf.director', 'LZ-JW-DFZF', '2026-03-01'),
      leader('fgw.group', 'LZ-JW-PZ-FGW', '2026-03-01'),
      member('jc1.staff', 'LZ-JW-JC1', '2026-03-01'),
    ],
  },
];

/** Loads the demo 专班 of the campaigns loadDemoCampaigns has loaded (found by their names). */
export async function loadDemoTaskForces(trx: Transaction<DB>, cid: string): Promise<void> {
  const byName = new Map((await trx.selectFrom('campaign').select(['id', 'name']).where('commission_id', '=', cid).execute()).map((c) => [c.name, c.id]));
  const campaignIds = new Map(demoCampaigns.map((c) => [c.key, byName.get(c.name)] as const).filter((e): e is [DemoCampaignKey, string] => !!e[1]));
  const orgs = new Map((await trx.selectFrom('org').select(['id', 'code']).where('commission_id', '=', cid).execute()).map((o) => [o.code, o.id]));
  const users = new Map(
    (await trx.selectFrom('app_user').select(['id', 'username']).where('commission_id', '=', cid).execute()).map((u) => [u.username, u.id]),
  );
  const need = <T>(m: Map<string, T>, k: string): T => {
    const v = m.get(k);
    if (v === undefined) throw new Error(`demo 专班: ${k} missing`);
    return v;
  };
  for (const tf of demoTaskForces) {
    const by = need(users, tf.formedBy);
    const row = await trx
      .insertInto('task_force')
      .values({
        commission_id: cid,
        campaign_id: need(campaignIds, tf.campaignKey),
        purpose: 'CAMPAIGN',
        name_zh: tf.name,
        note: tf.note,
        valid_from: tf.validFrom,
        valid_to: tf.validTo,
        created_by: by,
        // A version per change, as over the API: formed with the two co-leaders, then each member added or ended.
        version: 1 + tf.members.filter((m) => m.role === 'MEMBER').length + tf.members.filter((m) => m.ended).length,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('task_force_member')
      .values(
        tf.members.map((m) => ({
          commission_id: cid,
          task_force_id: row.id,
          user_id: need(users, m.username),
          role: m.role,
          from_org_id: need(orgs, m.fromOrgCode),
          valid_from: m.validFrom,
          valid_to: m.validTo,
          added_by: by,
          added_at: new Date(`${m.validFrom}T09:00:00+08:00`),
          ended_by: m.ended ? by : null,
          ended_at: m.ended ? new Date(`${m.validTo}T17:00:00+08:00`) : null,
        })),
      )
      .execute();
  }
}
