/**
 * 室组联合办案 and 审查调查与审理分离 over HTTP: the trial-team rule in both directions (422
 * TRIAL_TEAM_CONFLICT, also for a member who left), and who sees a case: team members while on the
 * team, trial staff only from the transfer to trial and never a case they investigated, nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { act, makeCase, userId, YZ } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (id: string, as: string) => t.request({ method: 'GET', url: `/api/v1/cases/${id}`, as });
const addMember = async (id: string, as: string, username: string, team: 'INVESTIGATION' | 'TRIAL', role = 'MEMBER') =>
  t.request({ method: 'POST', url: `/api/v1/cases/${id}/team`, as, payload: { team, userId: await userId(t, username), role } });
const memberRow = (detail: { teams: Record<string, { id: string; user: { name: string }; leftOn: string | null }[]> }, team: string, name: string) =>
  detail.teams[team]!.find((m) => m.user.name === name)!;

describe('审查调查与审理分离', () => {
  it('refuses a current investigator on the trial team with a clear message', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATION_REPORTED', trial: [] });
    const res = await addMember(id, 'ag.manager1', 'fin.staff', 'TRIAL');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('TRIAL_TEAM_CONFLICT');
    expect(res.json().message).toContain('亓思源');
    // someone never on the investigation team but not of the 审理室: refused as ineligible
    const other = await addMember(id, 'ag.manager1', 'jc1.staff', 'TRIAL');
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('BUSINESS_RULE');
    const inv = await addMember(id, 'sc8.staff', 'sl.staff2', 'INVESTIGATION');
    expect(inv.statusCode, inv.body).toBe(200);
    expect(memberRow(inv.json(), 'investigation', '芮知秋')).toBeDefined();
    const conflict = await addMember(id, 'ag.manager1', 'sl.staff2', 'TRIAL');
    expect(conflict.statusCode).toBe(422);
    expect(conflict.json().code).toBe('TRIAL_TEAM_CONFLICT');
    expect(conflict.json().message).toBe('芮知秋曾是本案审查调查组成员，依照审查调查与审理分离的规定，不能担任本案审理组成员');
  });

  it('still refuses after the investigator has left the team; the row stays with left_on', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATION_REPORTED', trial: [] });
    const added = (await addMember(id, 'sc8.staff', 'sl.staff2', 'INVESTIGATION')).json();
    const member = memberRow(added, 'investigation', '芮知秋');
    const del = await t.request({ method: 'DELETE', url: `/api/v1/cases/${id}/team/${member.id}`, as: 'sc8.staff' });
    expect(del.statusCode, del.body).toBe(200);
    const after = (await get(id, 'sc8.staff')).json();
    expect(memberRow(after, 'investigation', '芮知秋').leftOn).not.toBeNull();
    const conflict = await addMember(id, 'ag.manager1', 'sl.staff2', 'TRIAL');
    expect(conflict.statusCode).toBe(422);
    expect(conflict.json().code).toBe('TRIAL_TEAM_CONFLICT');
    const candidates = await t.request({ method: 'GET', url: `/api/v1/cases/${id}/team-candidates?team=TRIAL`, as: 'ag.manager1' });
    expect(candidates.statusCode, candidates.body).toBe(200);
    expect(candidates.json().items.map((c: { name: string }) => c.name)).toEqual(['鄢清和']);
    const invCandidates = await t.request({ method: 'GET', url: `/api/v1/cases/${id}/team-candidates?team=INVESTIGATION&q=榆中`, as: 'sc8.staff' });
    expect(invCandidates.json().items.map((c: { name: string }) => c.name)).toContain('晁立新');
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${id}/team-candidates?team=TRIAL`, as: 'fin.staff' })).statusCode).toBe(403);
    // the other trial staff member is fine, and the transfer then goes through
    expect((await addMember(id, 'ag.manager1', 'sl.staff1', 'TRIAL')).statusCode).toBe(200);
    expect((await act(t, id, 'transferToTrial', 'sc8.staff')).json().state).toBe('IN_TRIAL');
  });

  it('refuses a trial-team member on the investigation team (both directions)', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATING' }); // sl.staff1 on the trial team
    const res = await addMember(id, 'sc8.staff', 'sl.staff1', 'INVESTIGATION');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('TRIAL_TEAM_CONFLICT');
    expect(res.json().message).toContain('鄢清和');
  });

  it('records the member org (室组联合办案) and refuses duplicates, a second lead and ineligible accounts', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATING' });
    const res = await addMember(id, 'sc8.staff', 'yz.county', 'INVESTIGATION');
    expect(res.statusCode, res.body).toBe(200);
    expect(memberRow(res.json(), 'investigation', '晁立新')).toMatchObject({ org: { name: '榆中县纪委监委' }, role: 'MEMBER' });
    expect((await addMember(id, 'sc8.staff', 'yz.county', 'INVESTIGATION')).statusCode).toBe(409);
    expect((await addMember(id, 'sc8.staff', 'edu.staff', 'INVESTIGATION', 'LEAD')).statusCode).toBe(409);
    expect((await addMember(id, 'sc8.staff', 'bank.liaison', 'INVESTIGATION')).statusCode).toBe(422);
    expect((await addMember(id, 'fin.staff', 'edu.staff', 'INVESTIGATION')).statusCode).toBe(403); // a member, not the lead
    const audits = await t.db.selectFrom('audit_event').select('type').where('object_id', '=', id).where('type', '=', 'case.team_changed').execute();
    expect(audits).toHaveLength(1);
  });
});

describe('who sees a case', () => {
  it('an investigation-office colleague not on the team: 404 everywhere, absent from the ledger', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATING' });
    const reqs = [
      { method: 'GET', url: `/api/v1/cases/${id}` },
      { method: 'PATCH', url: `/api/v1/cases/${id}`, payload: { version: 1, plan: 'x' } },
      { method: 'POST', url: `/api/v1/cases/${id}/actions`, payload: { action: 'confirmFacts', version: 1 } },
      { method: 'POST', url: `/api/v1/cases/${id}/team`, payload: { team: 'INVESTIGATION', userId: await userId(t, 'sc8.director') } },
      { method: 'POST', url: `/api/v1/cases/${id}/measures`, payload: { kind: 'QUESTIONING', startedOn: '2026-02-01' } },
      { method: 'POST', url: `/api/v1/cases/${id}/trial-extension`, payload: { version: 1 } },
    ] as const;
    for (const as of ['sc8.director', 'sc7.staff', 'edu.staff', 'gbjd.staff']) {
      for (const r of reqs) expect((await t.request({ ...r, as } as never)).statusCode, `${as} ${r.method} ${r.url}`).toBe(404);
      const list = (await t.request({ method: 'GET', url: '/api/v1/cases?pageSize=100', as })).json();
      expect(list.items.map((i: { id: string }) => i.id)).not.toContain(id);
    }
  });

  it('a dispatched-group member sees the case while on the team, and not after leaving', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATING' });
    const view = await get(id, 'fin.staff');
    expect(view.statusCode).toBe(200);
    expect(memberRow(view.json(), 'investigation', '亓思源').id).toBeDefined();
    const member = memberRow(view.json(), 'investigation', '亓思源');
    expect((await t.request({ method: 'DELETE', url: `/api/v1/cases/${id}/team/${member.id}`, as: 'sc8.staff' })).statusCode).toBe(200);
    expect((await get(id, 'fin.staff')).statusCode).toBe(404);
    const list = (await t.request({ method: 'GET', url: '/api/v1/cases?pageSize=100', as: 'fin.staff' })).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('trial staff see a case from the transfer to trial on, never one they investigated', async () => {
    const early = await makeCase(t, { state: 'INVESTIGATING', trial: [] });
    const inTrial = await makeCase(t, { state: 'IN_TRIAL', trial: [] });
    const investigated = await makeCase(t, {
      state: 'IN_TRIAL',
      inv: [
        { user: 'sc8.staff', role: 'LEAD' },
        { user: 'sl.staff2', left: true },
      ],
      trial: [],
    });
    expect((await get(early, 'sl.staff2')).statusCode).toBe(404);
    expect((await get(inTrial, 'sl.staff2')).statusCode).toBe(200);
    expect((await get(investigated, 'sl.staff2')).statusCode).toBe(404);
    expect((await get(investigated, 'sl.staff1')).statusCode).toBe(200);
  });

  it('a county sees the cases it leads; the 书记 and 案管室 see all', async () => {
    const id = await makeCase(t, { state: 'FILED', leadOrg: YZ, inv: [{ user: 'yz.county', role: 'LEAD' }], trial: [] });
    expect((await get(id, 'yz.jjs1')).statusCode).toBe(200);
    expect((await get(id, 'sj.secretary')).statusCode).toBe(200);
    expect((await get(id, 'ag.manager1')).statusCode).toBe(200);
    expect((await get(id, 'edu.group')).statusCode).toBe(404);
  });

  it('unit liaisons, the 三员 and the standing committee: 403 on the ledger, 404 on a case', async () => {
    const id = await makeCase(t, { state: 'FILED' });
    const cw5 = await userId(t, 'cw5.member');
    await t.db.deleteFrom('user_role').where('user_id', '=', cw5).where('role', '=', 'DEPUTY_OR_MEMBER').execute();
    for (const as of ['bank.liaison', 'sysadmin', 'auditadmin', 'cw5.member']) {
      expect((await t.request({ method: 'GET', url: '/api/v1/cases', as })).statusCode, as).toBe(403);
      expect((await get(id, as)).statusCode, as).toBe(404);
      const res = await t.request({ method: 'POST', url: `/api/v1/cases/${id}/actions`, as, payload: { action: 'approvePlan', version: 1 } });
      expect(res.statusCode, as).toBe(404);
    }
  });
});
