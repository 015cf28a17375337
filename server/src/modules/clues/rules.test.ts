/**
 * Rule fixes of issue 9 over HTTP, each against the real database:
 * - after 初步核实 the report's disposition goes to the 主要负责人 (监督执纪工作规则 art. 35; 监察法 art. 41);
 * - each step of a request's chain by a different person, never the requester, the 书记 not a whole chain;
 * - the 核查组 is checked like a case team: no 案件审理室 staff, nobody recused (回避) from the clue.
 * Every refusal writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { ask, decideAs, detail, seedClue, userId } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const approvals = async (requestId: string) => (await t.db.selectFrom('clue_approval').select('id').where('request_id', '=', requestId).execute()).length;
const request = async (id: string) => (await t.request({ method: 'GET', url: `/api/v1/clue-requests/${id}`, as: 'ag.manager1' })).json();

describe('after 初步核实 the 主要负责人 approves (监督执纪工作规则 art. 35; 监察法 art. 41)', () => {
  it.each([
    ['approveClose', { closedKind: 'DIRECT' }, 'CLOSED'],
    ['approveHold', { reviewDue: '2099-12-31' }, 'PENDING_HOLD'],
    ['transferToPartyOrg', {}, 'TRANSFERRED_TO_PARTY_ORG'],
  ] as const)('%s of an ordinary cadre from PRELIM_REPORTED: the 分管领导 alone does not decide it, the 书记 then does', async (action, payload, to) => {
    const c = await seedClue(t, { state: 'PRELIM_REPORTED' });
    const r = await ask(t, c.id, { action, version: c.version, payload }, 'jc3.staff');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().chain).toEqual(['OVERSEEING_LEADER', 'PRINCIPAL_LEADER']);
    const s1 = await decideAs(t, r.json().id, r.json().version, 'cw1.member');
    expect(s1.statusCode, s1.body).toBe(200);
    expect(s1.json()).toMatchObject({ status: 'PENDING', nextApprover: 'PRINCIPAL_LEADER' });
    expect((await detail(t, c.id)).state).toBe('PRELIM_REPORTED');
    const s2 = await decideAs(t, r.json().id, s1.json().version, 'sj.secretary');
    expect(s2.json().status).toBe('APPROVED');
    expect((await detail(t, c.id)).state).toBe(to);
  });
});

describe('each step by a different person, never the requester', () => {
  it('the requester cannot approve their own request, even holding the approver role; another approver can', async () => {
    // A director of the undertaking office who is also a 委员 (分管领导): may ask and may approve, not both.
    const director = await userId(t, 'jc3.director');
    await t.db.insertInto('user_role').values({ user_id: director, role: 'DEPUTY_OR_MEMBER' }).execute();
    try {
      const c = await seedClue(t, { state: 'DISPOSITION_PROPOSED' });
      const r = (await ask(t, c.id, { action: 'approveClose', version: c.version, payload: { closedKind: 'DIRECT' } }, 'jc3.director')).json();
      expect(r.chain).toEqual(['OVERSEEING_LEADER']);
      const own = await decideAs(t, r.id, r.version, 'jc3.director');
      expect(own.statusCode).toBe(403);
      expect(own.json().message).toContain('提请人不能审批本人提请的事项');
      expect(await approvals(r.id)).toBe(0);
      expect(await request(r.id)).toMatchObject({ status: 'PENDING', version: r.version });
      expect((await detail(t, c.id)).state).toBe('DISPOSITION_PROPOSED');
      const other = await decideAs(t, r.id, r.version, 'cw1.member');
      expect(other.statusCode, other.body).toBe(200);
      expect((await detail(t, c.id)).state).toBe('CLOSED');
    } finally {
      await t.db.deleteFrom('user_role').where('user_id', '=', director).where('role', '=', 'DEPUTY_OR_MEMBER').execute();
    }
  });

  it('the 书记 cannot decide two steps of one chain, nor take the 分管领导 step before the 主要负责人 step; three persons can', async () => {
    const c = await seedClue(t, { state: 'DISPOSITION_PROPOSED', subordinateTop: true, cadreManagement: 'LOWER' });
    const me = await userId(t, 'jc3.staff');
    const body = { action: 'approvePrelim', version: c.version, payload: { plan: '初核', measures: [], teamUserIds: [me], leadUserId: me } };
    const r = (await ask(t, c.id, body, 'jc3.staff')).json();
    expect(r.chain).toEqual(['OVERSEEING_LEADER', 'PRINCIPAL_LEADER', 'PARTY_COMMITTEE_SECRETARY']);

    const asOverseer = await decideAs(t, r.id, r.version, 'sj.secretary');
    expect(asOverseer.statusCode).toBe(403);
    expect(asOverseer.json().message).toContain('书记不能同时代行分管领导');
    expect(await approvals(r.id)).toBe(0);

    const s1 = await decideAs(t, r.id, r.version, 'cw1.member');
    expect(s1.statusCode, s1.body).toBe(200);
    const s2 = await decideAs(t, r.id, s1.json().version, 'sj.secretary');
    expect(s2.statusCode, s2.body).toBe(200);
    expect(s2.json().nextApprover).toBe('PARTY_COMMITTEE_SECRETARY');

    const twice = await decideAs(t, r.id, s2.json().version, 'sj.secretary', 'APPROVED', '市委书记同意（市委〔2026〕2号）');
    expect(twice.statusCode).toBe(403);
    expect(twice.json().message).toContain('须由不同的人审批');
    expect(await approvals(r.id)).toBe(2);
    expect(await request(r.id)).toMatchObject({ status: 'PENDING', version: s2.json().version, nextStep: 2 });
    expect((await detail(t, c.id)).state).toBe('DISPOSITION_PROPOSED');

    const s3 = await decideAs(t, r.id, s2.json().version, 'ag.manager1', 'APPROVED', '市委书记同意（市委〔2026〕2号）');
    expect(s3.statusCode, s3.body).toBe(200);
    expect(s3.json().status).toBe('APPROVED');
    expect(s3.json().approvals.map((a: { decidedBy: { id: string } }) => a.decidedBy.id)).toHaveLength(3);
    expect(new Set(s3.json().approvals.map((a: { decidedBy: { id: string } }) => a.decidedBy.id)).size).toBe(3);
    expect((await detail(t, c.id)).state).toBe('PRELIM_VERIFICATION');
  });

  it('a pending request shows canDecide only to who may decide its step now', async () => {
    const c = await seedClue(t, { state: 'PRELIM_REPORTED' });
    const r = (await ask(t, c.id, { action: 'approveClose', version: c.version, payload: { closedKind: 'DIRECT' } }, 'jc3.staff')).json();
    const seen = async (as: string) => (await t.request({ method: 'GET', url: `/api/v1/clue-requests/${r.id}`, as })).json().canDecide;
    const inbox = async (as: string) =>
      (await t.request({ method: 'GET', url: '/api/v1/clue-requests?mine=true&pageSize=100', as })).json().items.map((i: { id: string }) => i.id);
    expect(await seen('sj.secretary')).toBe(false);
    expect(await inbox('sj.secretary')).not.toContain(r.id);
    expect(await seen('cw1.member')).toBe(true);
    expect(await inbox('cw1.member')).toContain(r.id);
    const s1 = (await decideAs(t, r.id, r.version, 'cw1.member')).json();
    expect(s1.nextApprover).toBe('PRINCIPAL_LEADER');
    expect(await seen('sj.secretary')).toBe(true);
    expect(await inbox('sj.secretary')).toContain(r.id);
    expect(await inbox('cw1.member')).not.toContain(r.id);
  });
});

describe('the 核查组 is checked like a case team (审查调查与审理分离; 回避)', () => {
  async function inVerification() {
    const c = await seedClue(t, { state: 'PRELIM_VERIFICATION' });
    const cid = (await t.db.selectFrom('clue').select('commission_id').where('id', '=', c.id).executeTakeFirstOrThrow()).commission_id;
    const v = await t.db
      .insertInto('clue_verification')
      .values({ commission_id: cid, clue_id: c.id, round: 1, started_on: '2026-09-01' })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    return { clueId: c.id, cid, v };
  }
  const members = async (verificationId: string) =>
    (await t.db.selectFrom('clue_team_member').select('user_id').where('verification_id', '=', verificationId).execute()).map((m) => m.user_id);
  const add = (id: string, userName: string, uid: string) =>
    t.request({ method: 'POST', url: `/api/v1/clue-verifications/${id}/team`, payload: { userId: uid, role: 'MEMBER' }, as: userName });

  it('refuses 案件审理室 staff with the field path, writes nothing', async () => {
    const { v } = await inVerification();
    const res = await add(v.id, 'jc3.staff', await userId(t, 'sl.staff1'));
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('案件审理室人员');
    expect(res.json().details.issues).toEqual([{ path: 'userId', message: expect.stringContaining('不能参加核查组') }]);
    expect(await members(v.id)).toEqual([]);
  });

  it('refuses a person recused from the clue, accepts them on another clue', async () => {
    const { clueId, cid, v } = await inVerification();
    const director = await userId(t, 'jc3.director');
    await t.db.insertInto('recusal').values({ commission_id: cid, user_id: director, object_type: 'clue', object_id: clueId, reason: '近亲属关系' }).execute();
    const res = await add(v.id, 'jc3.staff', director);
    expect(res.statusCode).toBe(422);
    expect(res.json().details.issues).toEqual([{ path: 'userId', message: expect.stringContaining('回避') }]);
    expect(await members(v.id)).toEqual([]);
    const other = await inVerification();
    const ok = await add(other.v.id, 'jc3.staff', director);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await members(other.v.id)).toEqual([director]);
  });

  it('a request for 初步核实 naming trial staff or a recused person in its 核查组 is refused before it is filed', async () => {
    const c = await seedClue(t, { state: 'DISPOSITION_PROPOSED' });
    const cid = (await t.db.selectFrom('clue').select('commission_id').where('id', '=', c.id).executeTakeFirstOrThrow()).commission_id;
    const me = await userId(t, 'jc3.staff');
    const director = await userId(t, 'jc3.director');
    await t.db
      .insertInto('recusal')
      .values({ commission_id: cid, user_id: director, object_type: 'clue', object_id: c.id, reason: '曾在被反映单位任职' })
      .execute();
    const payload = { plan: '初核', measures: [], teamUserIds: [me, await userId(t, 'sl.staff2'), director], leadUserId: me };
    const res = await ask(t, c.id, { action: 'approvePrelim', version: c.version, payload }, 'jc3.staff');
    expect(res.statusCode).toBe(422);
    expect(res.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['payload.teamUserIds.1', 'payload.teamUserIds.2']);
    expect(await t.db.selectFrom('clue_request').select('id').where('clue_id', '=', c.id).execute()).toEqual([]);
    expect((await detail(t, c.id)).version).toBe(c.version);
  });
});
