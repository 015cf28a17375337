/**
 * 四眼原则 on a check plan: whoever planned the check and the members of its own team may not approve it,
 * even when they hold an approver's seat (a 专班 co-leader, the 书记). The rule as a table over the
 * relations (pure), then over HTTP: the 403 and its message, nothing written, and `abilities` that offer
 * `approve` only to an independent approver — while a 书记 on the team may still stop the plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { cateringId, dayFromToday, orgId, userId } from './fixtures';
import { actorKinds, inspectionActions, type Relations } from './relations';

const DENIED = '检查计划须由计划人和检查组成员以外的书记、分管领导或专班组长审批';

describe('relations × approve (pure table)', () => {
  const none: Relations = { is_planner: false, is_approver: false, is_team_leader: false, is_team: false, is_creator: false };
  const rows: [string, Relations, boolean][] = [
    ['the co-leader who planned it', { ...none, is_planner: true, is_approver: true, is_creator: true }, false],
    ['a co-leader on its team', { ...none, is_planner: true, is_approver: true, is_team: true }, false],
    ['a co-leader leading its team', { ...none, is_planner: true, is_approver: true, is_team: true, is_team_leader: true }, false],
    ['the other co-leader', { ...none, is_planner: true, is_approver: true }, true],
    ['the 书记', { ...none, is_approver: true }, true],
    ['the 书记 on its team', { ...none, is_approver: true, is_team: true }, false],
    ['a planner of the lead office who is no approver', { ...none, is_planner: true }, false],
  ];
  it.each(rows)('%s: may approve = %s', (_who, r, may) => {
    expect(actorKinds(r, 'approve').includes('APPROVER')).toBe(may);
    expect(inspectionActions({ ...r, state: 'PLANNED', approved_by: null }).includes('approve')).toBe(may);
    // Approved once: nobody is offered approve again.
    expect(inspectionActions({ ...r, state: 'PLANNED', approved_by: 'someone' }).includes('approve')).toBe(false);
  });
  it('an approver on the team keeps the right to stop (cancel) the plan; without an action APPROVER is withheld', () => {
    const r = { ...none, is_approver: true, is_team: true };
    expect(actorKinds(r, 'cancel')).toContain('APPROVER');
    expect(inspectionActions({ ...r, state: 'PLANNED', approved_by: null })).toEqual(['cancel']);
    expect(actorKinds(r)).not.toContain('APPROVER');
  });
});

let t: TestApp;
let campaign: string;

/** A check planned by jc6.director (a 专班 co-leader) with jc6.staff leading and `member` on the team. */
async function plan(title: string, member = 'edu.group'): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: `/api/v1/campaigns/${campaign}/inspections`,
    as: 'jc6.director',
    payload: {
      type: 'UNANNOUNCED',
      title,
      visitOn: await dayFromToday(t, 5),
      team: [
        { userId: await userId(t, 'jc6.staff'), role: 'LEADER' },
        { userId: await userId(t, member), role: 'MEMBER' },
      ],
      targetOrgIds: [await orgId(t, 'LZ-YZ-HU-JYJ')],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const detail = (id: string, as: string) => t.request({ method: 'GET', url: `/api/v1/inspections/${id}`, as });
const approve = (id: string, as: string) =>
  t.request({ method: 'POST', url: `/api/v1/inspections/${id}/actions`, as, payload: { action: 'approve', version: 1 } });

beforeAll(async () => {
  t = await createTestApp();
  campaign = await cateringId(t);
  // The 专班 of the campaign, with three co-leaders for the test (dated so that it holds whatever today is).
  const c = await t.db.selectFrom('campaign').select(['commission_id']).where('id', '=', campaign).executeTakeFirstOrThrow();
  const force =
    (await t.db.selectFrom('task_force').select('id').where('campaign_id', '=', campaign).executeTakeFirst())?.id ??
    (
      await t.db
        .insertInto('task_force')
        .values({ commission_id: c.commission_id, name_zh: '校园餐专项整治工作专班（四眼测试）', campaign_id: campaign, purpose: 'CAMPAIGN' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  for (const username of ['jc6.director', 'edu.group', 'qlh.county']) {
    await t.db
      .insertInto('task_force_member')
      .values({
        commission_id: c.commission_id,
        task_force_id: force,
        user_id: await userId(t, username),
        role: 'CO_LEADER',
        valid_from: '2026-01-01',
        valid_to: '2099-12-31',
      })
      .execute();
  }
});
afterAll(() => t.close());

describe('approving a check plan over HTTP (四眼)', () => {
  // [who, account, expected status, the team's member (default edu.group)]
  const rows: [string, string, number, string | undefined][] = [
    ['the co-leader who planned it', 'jc6.director', 403, undefined],
    ['a co-leader on its team', 'edu.group', 403, undefined],
    ['the 书记 on its team', 'sj.secretary', 403, 'sj.secretary'],
    ['the other co-leader', 'qlh.county', 200, undefined],
    ['the 书记', 'sj.secretary', 200, undefined],
  ];
  it.each(rows)('%s (%s) → %i', async (who, as, status, member) => {
    const id = await plan(`四眼测试：${who}`, member);
    const before = await detail(id, as);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().abilities.actions.includes('approve'), 'abilities offer approve').toBe(status === 200);
    const res = await approve(id, as);
    expect(res.statusCode, res.body).toBe(status);
    const row = await t.db.selectFrom('inspection').select(['approved_by', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    if (status === 403) {
      expect(res.json().message).toBe(DENIED);
      expect(row).toEqual({ approved_by: null, version: 1 });
    } else {
      expect(res.json().approved).toBe(true);
      expect(row.approved_by).toBe(await userId(t, as));
    }
  });

  it('the 书记 on the team is not offered approve but may still cancel the plan', async () => {
    const id = await plan('四眼测试：书记在检查组仍可取消', 'sj.secretary');
    expect((await detail(id, 'sj.secretary')).json().abilities.actions).toEqual(['cancel']);
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/inspections/${id}/actions`,
      as: 'sj.secretary',
      payload: { action: 'cancel', version: 1, comment: '计划泄露，取消本次暗访' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('CANCELLED');
  });
});
