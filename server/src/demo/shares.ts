/**
 * 演示数据 — 信息互通 (FICTIONAL): shares between 第五监督检查室 and the 驻市金融工作部门纪检监察组 (one
 * approved, one waiting for the leader who oversees the office), and between 榆中县纪委监委第一纪检监察室 and
 * its 片区 partner 夏官营镇纪委 (one approved, one waiting). Dates are relative to the day the demo loads, so
 * the approved grants are in force on the first start.
 */
import type { ShareDetail, ShareKind, ShareObjectType, ShareOrigin, ShareState } from '@liandong/domain/shares/enums';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/types';

const fail = (what: string): never => {
  throw new Error(`${what} missing`);
};

interface DemoShare {
  origin: ShareOrigin;
  kind: ShareKind;
  owner: string;
  grantee: string;
  /** Who started it (a staff account of the requesting or the owning side). */
  by: string;
  purpose: string;
  detail: ShareDetail;
  categoryTypes: ShareObjectType[];
  /** Days from today: created, starts, ends. */
  created: number;
  starts: number;
  ends: number;
  state: ShareState;
  approver?: string;
  decided?: number;
  comment?: string;
}

const SHARES: readonly DemoShare[] = [
  {
    origin: 'REQUEST',
    kind: 'DAILY_SUPERVISION',
    owner: 'LZ-JW-JC5',
    grantee: 'LZ-JW-PZ-JR',
    by: 'fin.staff',
    purpose: '开展金融系统同类问题比对，申请了解第五监督检查室牵头的监督事项推进情况（演示数据）',
    detail: 'FULL',
    categoryTypes: ['SUPERVISION_ITEM'],
    created: -12,
    starts: -10,
    ends: 80,
    state: 'APPROVED',
    approver: 'cw2.member',
    decided: -10,
    comment: '同意，限于监督事项及进展，到期自动终止',
  },
  {
    origin: 'PUSH',
    kind: 'DISCIPLINARY_REVIEW',
    owner: 'LZ-JW-JC5',
    grantee: 'LZ-JW-PZ-JR',
    by: 'jc5.staff',
    purpose: '推送涉及金融系统干部的问题线索摘要，供派驻组在日常监督中关注（演示数据）',
    detail: 'SUMMARY',
    categoryTypes: ['CLUE'],
    created: -1,
    starts: 0,
    ends: 60,
    state: 'PENDING',
  },
  {
    origin: 'REQUEST',
    kind: 'DISCIPLINARY_REVIEW',
    owner: 'LZ-YZ-JJ1',
    grantee: 'LZ-YZ-XGY',
    by: 'yz.xgy',
    purpose: '片区协作办理夏官营镇相关问题线索，申请了解第一纪检监察室承办线索的基本情况（演示数据）',
    detail: 'SUMMARY',
    categoryTypes: ['CLUE'],
    created: -20,
    starts: -18,
    ends: 40,
    state: 'APPROVED',
    approver: 'cw2.member',
    decided: -18,
    comment: '同意，按摘要共享',
  },
  {
    origin: 'PUSH',
    kind: 'DAILY_SUPERVISION',
    owner: 'LZ-YZ-JJ1',
    grantee: 'LZ-YZ-XGY',
    by: 'yz.jjs1',
    purpose: '片区联合监督，推送第一纪检监察室监督事项清单（演示数据）',
    detail: 'FULL',
    categoryTypes: ['SUPERVISION_ITEM'],
    created: -2,
    starts: 0,
    ends: 90,
    state: 'PENDING',
  },
];

/** Loads the demo shares with their timelines (creation, and the decision of the approved ones). */
export async function loadDemoShares(trx: Transaction<DB>, cid: string): Promise<void> {
  const orgs = new Map((await trx.selectFrom('org').select(['id', 'code']).where('commission_id', '=', cid).execute()).map((o) => [o.code, o.id]));
  const users = new Map(
    (await trx.selectFrom('app_user').select(['id', 'username', 'org_id']).where('commission_id', '=', cid).execute()).map((u) => [u.username, u]),
  );
  const org = (code: string) => orgs.get(code) ?? fail(`demo org ${code}`);
  const user = (name: string) => users.get(name) ?? fail(`demo user ${name}`);
  const day = async (n: number) => (await sql<{ d: string }>`SELECT to_char(current_date + ${n}::int, 'YYYY-MM-DD') AS d`.execute(trx)).rows[0]!.d;
  const at = async (n: number, hour: number) => new Date(`${await day(n)}T${String(hour).padStart(2, '0')}:30:00+08:00`);

  for (const s of SHARES) {
    const starter = user(s.by);
    const decided = s.decided === undefined ? null : await at(s.decided, 16);
    const row = await trx
      .insertInto('information_share')
      .values({
        commission_id: cid,
        origin: s.origin,
        kind: s.kind,
        owner_org_id: org(s.owner),
        grantee_org_id: org(s.grantee),
        started_by: starter.id,
        started_org_id: starter.org_id,
        purpose: s.purpose,
        detail: s.detail,
        starts_on: await day(s.starts),
        ends_on: await day(s.ends),
        category_types: s.categoryTypes,
        state: s.state,
        approver_id: s.approver ? user(s.approver).id : null,
        decided_at: decided,
        decision_comment: s.comment ?? null,
        created_at: await at(s.created, 10),
        version: s.state === 'PENDING' ? 1 : 2,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const events = [{ action: 'create', to: 'PENDING', by: starter.id, when: await at(s.created, 10), comment: s.purpose }];
    if (s.approver && decided) events.push({ action: 'approve', to: s.state, by: user(s.approver).id, when: decided, comment: s.comment ?? '' });
    await trx
      .insertInto('information_share_event')
      .values(
        events.map((e) => ({
          commission_id: cid,
          share_id: row.id,
          action: e.action,
          from_state: null,
          to_state: e.to,
          comment: e.comment,
          actor_id: e.by,
          at: e.when,
        })),
      )
      .execute();
  }
}
