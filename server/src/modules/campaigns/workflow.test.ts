/**
 * The 专项整治 workflow over HTTP (c.4): the plan approved by the 书记 or recorded as a 常委会 decision
 * (only the approver; the overseeing 分管领导 counts, another leader does not), launch guarded by the
 * approval (422), self-inspection guarded by the 专班's 双组长 (one office, one group or county), the
 * co-leaders running the phases, the approver closing; 409 on stale versions and illegal steps; notices
 * and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { userIdOf } from '../../../test/fixtures';
import { auditsOf, formTaskForce, newCampaign, req } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const act = (id: string, as: string, body: Record<string, unknown>) => req(t, 'POST', `/api/v1/campaigns/${id}/actions`, as, body);
const detail = async (id: string, as = 'dfzf.staff') => (await req(t, 'GET', `/api/v1/campaigns/${id}`, as)).json();
const inbox = async (username: string, campaignId: string) =>
  t.db
    .selectFrom('inbox_message')
    .select(['title', 'body'])
    .where('user_id', '=', await userIdOf(t.db, username))
    .where('link', '=', `/campaigns/${campaignId}`)
    .execute();

describe('plan approval and launch', () => {
  it('the launch waits for the approved plan (422), the approval belongs to the 书记 or the overseeing leader', async () => {
    const c = await newCampaign(t);
    const early = await act(c.id, 'dfzf.staff', { action: 'launch', version: c.version });
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toBe('工作方案尚未经书记审批或常委会研究决定，不能动员部署');

    // The lead office drafts but does not approve; a leader who does not oversee 党风政风监督室 neither.
    for (const as of ['dfzf.director', 'fsj1.deputy']) {
      const denied = await act(c.id, as, { action: 'approvePlan', version: c.version, planApproval: 'SECRETARY' });
      expect(denied.statusCode, as).toBe(403);
      expect(denied.json().message).toBe('“审批工作方案”由书记或分管领导办理');
    }
    // A participant office cannot even see an action it may not take: 403, and an outsider 404.
    expect((await act(c.id, 'jc6.staff', { action: 'launch', version: c.version })).statusCode).toBe(403);
    expect((await act(c.id, 'jc2.staff', { action: 'launch', version: c.version })).statusCode).toBe(404);

    // The overseeing 分管领导 sees approvePlan among his abilities and approves.
    expect((await detail(c.id, 'fsj2.deputy')).abilities.actions).toEqual(['approvePlan']);
    expect((await detail(c.id, 'fsj1.deputy')).abilities.actions).toEqual([]);
    const ok = await act(c.id, 'fsj2.deputy', { action: 'approvePlan', version: c.version, planApproval: 'SECRETARY', approvedOn: '2026-03-02' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'PLANNED', planApproval: 'SECRETARY', planApprovedOn: '2026-03-02', version: c.version + 1 });
    expect(ok.json().planApprovedBy.id).toBe(await userIdOf(t.db, 'fsj2.deputy'));
    expect(ok.json().events.at(-1)).toMatchObject({ action: 'approvePlan', fromState: 'PLANNED', toState: 'PLANNED', comment: '书记审批同意' });
    expect(await auditsOf(t, 'campaign.plan_approved', c.id)).toHaveLength(1);
    // The lead office hears of it; the approver himself does not.
    expect(await inbox('dfzf.director', c.id)).toHaveLength(1);
    expect(await inbox('fsj2.deputy', c.id)).toHaveLength(0);

    // Approved once: a second approval is refused until the plan changes.
    expect((await act(c.id, 'sj.secretary', { action: 'approvePlan', version: c.version + 1, planApproval: 'SECRETARY' })).statusCode).toBe(409);

    // Approved: the launch is offered to the lead office now.
    expect((await detail(c.id, 'dfzf.staff')).abilities.actions).toEqual(['launch']);
    const stale = await act(c.id, 'dfzf.staff', { action: 'launch', version: c.version });
    expect(stale.statusCode).toBe(409);
    const launched = await act(c.id, 'dfzf.staff', { action: 'launch', version: c.version + 1 });
    expect(launched.statusCode, launched.body).toBe(200);
    expect(launched.json().state).toBe('LAUNCHED');
    expect(await auditsOf(t, 'campaign.transitioned', c.id)).toHaveLength(1);
    // Launched: the register fields are frozen.
    const frozen = await req(t, 'PATCH', `/api/v1/campaigns/${c.id}`, 'dfzf.staff', { version: c.version + 2, goal: '改' });
    expect(frozen.statusCode).toBe(409);
  });

  it('a 常委会 decision needs its reference (400 on the field); with it the decision is recorded', async () => {
    const c = await newCampaign(t);
    const missing = await act(c.id, 'sj.secretary', { action: 'approvePlan', version: c.version, planApproval: 'STANDING_COMMITTEE' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.issues).toEqual([{ path: 'planDecisionRef', message: '常委会研究决定须填写会议决定文号或会议名称' }]);
    const bad = await act(c.id, 'sj.secretary', { action: 'approvePlan', version: c.version, planApproval: 'BOARD' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('planApproval');
    const ok = await act(c.id, 'sj.secretary', {
      action: 'approvePlan',
      version: c.version,
      planApproval: 'STANDING_COMMITTEE',
      planDecisionRef: '市纪委常委会2026年第9次会议',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ planApproval: 'STANDING_COMMITTEE', planDecisionRef: '市纪委常委会2026年第9次会议' });
    expect(ok.json().events.at(-1).comment).toBe('经市纪委常委会2026年第9次会议研究决定');
  });

  it('changing the approved plan clears the approval, so the launch waits again', async () => {
    const c = await newCampaign(t);
    await act(c.id, 'sj.secretary', { action: 'approvePlan', version: c.version, planApproval: 'SECRETARY' });
    const edited = await req(t, 'PATCH', `/api/v1/campaigns/${c.id}`, 'dfzf.staff', { version: c.version + 1, plan: '修改后的工作方案' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ planApproval: null, planApprovedBy: null, planApprovedOn: null });
    expect((await act(c.id, 'dfzf.staff', { action: 'launch', version: c.version + 2 })).statusCode).toBe(422);
  });
});

describe('the 专班 and its 双组长', () => {
  async function launched(): Promise<{ id: string; version: number }> {
    const c = await newCampaign(t);
    await act(c.id, 'sj.secretary', { action: 'approvePlan', version: c.version, planApproval: 'SECRETARY' });
    const r = await act(c.id, 'dfzf.staff', { action: 'launch', version: c.version + 1 });
    return { id: c.id, version: r.json().version };
  }
  const RULE = '工作专班须有两名组长（双组长）：一名来自委机关监督检查室，一名来自派驻纪检监察组或县区纪委监委';

  it('self-inspection needs the campaign’s 专班 (422 without one)', async () => {
    const c = await launched();
    const res = await act(c.id, 'dfzf.staff', { action: 'startSelfInspection', version: c.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe('尚未组建工作专班，不能转入自查自纠');
    expect((await detail(c.id)).abilities.actions).toEqual([]);
  });

  it('one co-leader, or two from internal offices, do not make a 双组长 (422)', async () => {
    const one = await launched();
    await formTaskForce(t, one.id, [{ user: 'jc6.staff', fromOrg: 'LZ-JW-JC6' }]);
    expect((await act(one.id, 'dfzf.staff', { action: 'startSelfInspection', version: one.version })).json().message).toBe(RULE);
    const two = await launched();
    await formTaskForce(t, two.id, [
      { user: 'jc6.staff', fromOrg: 'LZ-JW-JC6' },
      { user: 'jc3.director', fromOrg: 'LZ-JW-JC3' },
    ]);
    const res = await act(two.id, 'dfzf.staff', { action: 'startSelfInspection', version: two.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe(RULE);
  });

  it('with an office director and a group leader the phases run; the co-leaders act, the approver closes', async () => {
    const c = await launched();
    await formTaskForce(t, c.id, [
      { user: 'jc6.staff', fromOrg: 'LZ-JW-JC6' },
      { user: 'edu.group', fromOrg: 'LZ-JW-PZ-JYJ' },
    ]);
    const d = await detail(c.id, 'edu.group');
    expect(d.taskForce.coLeaders.map((l: { id: string }) => l.id).sort()).toEqual(
      [await userIdOf(t.db, 'jc6.staff'), await userIdOf(t.db, 'edu.group')].sort(),
    );
    expect(d.abilities.actions).toEqual(['startSelfInspection']);
    let v = c.version;
    const steps: [string, string, string][] = [
      ['startSelfInspection', 'edu.group', 'SELF_INSPECTION'],
      ['startChecking', 'jc6.staff', 'CHECKING'],
      ['startHandling', 'dfzf.staff', 'CONCENTRATED_HANDLING'],
      ['startConsolidating', 'edu.group', 'CONSOLIDATING'],
      ['evaluate', 'jc6.staff', 'EVALUATED'],
    ];
    for (const [action, as, state] of steps) {
      const r = await act(c.id, as, { action, version: v });
      expect(r.statusCode, `${action} ${r.body}`).toBe(200);
      expect(r.json().state).toBe(state);
      v = r.json().version;
    }
    // The co-leaders and the lead office heard of the phases; the approvers of the end of the evaluation.
    expect((await inbox('edu.group', c.id)).length).toBeGreaterThan(0);
    expect((await inbox('sj.secretary', c.id)).map((m) => m.body)).toContain('总结评估已完成，请结束或转入常态化监督');
    // Closing belongs to the approver; normalising needs a reason.
    const lead = await act(c.id, 'dfzf.staff', { action: 'close', version: v });
    expect(lead.statusCode).toBe(403);
    expect(lead.json().message).toBe('“结束专项整治”由书记或分管领导办理');
    const noReason = await act(c.id, 'sj.secretary', { action: 'normalise', version: v });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0].path).toBe('comment');
    const closed = await act(c.id, 'sj.secretary', { action: 'close', version: v });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'CLOSED', abilities: { actions: [], update: false, manageParticipants: false } });
    // Terminal: nothing more, and no participant changes.
    expect((await act(c.id, 'sj.secretary', { action: 'normalise', version: v + 1, comment: '转常态' })).statusCode).toBe(409);
    expect(await auditsOf(t, 'campaign.transitioned', c.id)).toHaveLength(7);
  });

  it('a co-leader whose membership has ended no longer counts: neither for the 双组长 nor as an actor (404)', async () => {
    const c = await launched();
    const tf = await formTaskForce(t, c.id, [
      { user: 'jc6.staff', fromOrg: 'LZ-JW-JC6' },
      { user: 'edu.group', fromOrg: 'LZ-JW-PZ-JYJ' },
    ]);
    await t.db
      .updateTable('task_force_member')
      .set({ valid_from: '2025-01-01', valid_to: '2025-12-31' })
      .where('task_force_id', '=', tf)
      .where('user_id', '=', await userIdOf(t.db, 'edu.group'))
      .execute();
    const lead = await act(c.id, 'dfzf.staff', { action: 'startSelfInspection', version: c.version });
    expect(lead.statusCode).toBe(422);
    // The group's staff saw the campaign only as a 专班 member: after the end date it does not exist for them.
    expect((await act(c.id, 'edu.group', { action: 'startSelfInspection', version: c.version })).statusCode).toBe(404);
    expect((await req(t, 'GET', `/api/v1/campaigns/${c.id}`, 'edu.group')).statusCode).toBe(404);
  });

  it('an action out of order is 409 with the phase named', async () => {
    const c = await launched();
    const res = await act(c.id, 'dfzf.staff', { action: 'evaluate', version: c.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('专项整治处于“动员部署”状态，不能“总结评估”');
  });
});
