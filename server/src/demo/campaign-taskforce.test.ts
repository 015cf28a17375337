/** The demo 专班 obey the rules the API enforces: 双组长, members' dates within the 专班's, each org on the member's chain. */
import { coLeaderIssues } from '@liandong/domain/taskforces/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { demoTaskForces } from './campaign-taskforce';
import { demoAccounts } from './data';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo 工作专班', () => {
  it('each has a valid 双组长 pair (an office director and a group leader) and members within its dates', async () => {
    for (const tf of demoTaskForces) {
      const leaders = tf.members.filter((m) => m.role === 'CO_LEADER');
      const facts = await Promise.all(
        leaders.map(async (m) => {
          const org = await t.db.selectFrom('org').select(['id', 'kind']).where('code', '=', m.fromOrgCode).executeTakeFirstOrThrow();
          const account = demoAccounts.find((a) => a.username === m.username)!;
          expect(account.orgCode, m.username).toBe(m.fromOrgCode);
          return { userId: m.username, orgId: org.id, orgKind: org.kind as never, position: account.position };
        }),
      );
      expect(coLeaderIssues(facts), tf.name).toEqual([]);
      for (const m of tf.members) {
        expect(m.validFrom >= tf.validFrom && m.validTo <= tf.validTo && m.validFrom <= m.validTo, m.username).toBe(true);
      }
    }
  });

  it('shows the 校园餐 专班 to its county member under 我的专班, with the 双组长 first', async () => {
    const mine = (await t.request({ method: 'GET', url: '/api/v1/task-forces/mine', as: 'yz.jyj' })).json().items;
    expect(mine).toEqual([
      expect.objectContaining({
        taskForceName: '校园餐突出问题专项整治工作专班',
        role: 'MEMBER',
        fromOrg: expect.objectContaining({ name: '驻榆中县教育局纪检监察组' }),
      }),
    ]);
    const view = (await t.request({ method: 'GET', url: `/api/v1/campaigns/${mine[0].campaign.id}/task-force`, as: 'yz.jyj' })).json();
    expect(view.taskForce.members.slice(0, 2).map((m: { user: { username: string } }) => m.user.username)).toEqual(['jc6.director', 'edu.group']);
    expect(view.abilities).toMatchObject({ update: false, addMember: false });
    expect(view.taskForce.members.find((m: { user: { username: string } }) => m.user.username === 'dfzf.staff')).toMatchObject({ ended: true, active: false });
  });
});
