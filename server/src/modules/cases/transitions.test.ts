/**
 * The case machine over HTTP: every state × action (states set directly in the database for speed) —
 * 409 for what the table forbids, the exact next state for what it allows; then the door's other
 * checks (actor 403, stale version, guards) and the dates and deadlines written as the stages pass.
 */
import { CASE_ACTION_LABELS, CASE_STATE_LABELS, type CaseAction, type CaseState, nextCaseState } from '@liandong/domain/cases/machine';
import { addMonths } from '@liandong/domain/clues/deadlines';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { ACTOR_FOR, act, bodyFor, makeCase, prepareFor, version } from './fixtures';

const STATES = Object.keys(CASE_STATE_LABELS) as CaseState[];
/** approveFiling is not an action of this door (the clue's fileCase request files the case). */
const ACTIONS = (Object.keys(CASE_ACTION_LABELS) as CaseAction[]).filter((a) => a !== 'approveFiling');

let t: TestApp;
let today: string;
beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await sql<{ d: string }>`SELECT current_date::text AS d`.execute(t.db);
  today = rows[0]!.d;
});
afterAll(() => t.close());

const caseOf = async (id: string) => (await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, as: 'sj.secretary' })).json();

describe('every state × action over HTTP', () => {
  for (const state of STATES) {
    it(`from ${state}`, async () => {
      const id = await makeCase(t, { state });
      for (const action of ACTIONS) {
        if (nextCaseState(state, action) !== null) continue;
        const res = await act(t, id, action, ACTOR_FOR[action]);
        expect(res.statusCode, `${state} · ${action}: ${res.body}`).toBe(409);
        expect(res.json().code).toBe('ILLEGAL_TRANSITION');
      }
      expect(await version(t, id)).toBe(1); // nothing changed
      for (const action of ACTIONS) {
        const expected = nextCaseState(state, action);
        if (expected === null) continue;
        const fresh = await makeCase(t, { state });
        await prepareFor(t, fresh, action);
        const res = await act(t, fresh, action, ACTOR_FOR[action]);
        expect(res.statusCode, `${state} · ${action}: ${res.body}`).toBe(200);
        expect(res.json().state, `${state} · ${action}`).toBe(expected);
        expect(res.json().version).toBe(2);
        const events = await t.db.selectFrom('case_event').select(['action', 'from_state', 'to_state']).where('case_id', '=', fresh).execute();
        expect(events).toEqual([{ action, from_state: state, to_state: expected }]);
        const audits = await t.db.selectFrom('audit_event').select('type').where('object_id', '=', fresh).where('type', '=', 'case.transitioned').execute();
        expect(audits).toHaveLength(1);
      }
    });
  }

  it('approveFiling is refused at this door (400: filed only through the clue)', async () => {
    const id = await makeCase(t, { state: 'FILING_PROPOSED' });
    const res = await t.request({ method: 'POST', url: `/api/v1/cases/${id}/actions`, as: 'sj.secretary', payload: { action: 'approveFiling', version: 1 } });
    expect(res.statusCode).toBe(400);
  });
});

describe('the door', () => {
  it('stale version → 409 STALE_VERSION', async () => {
    const id = await makeCase(t, { state: 'FILED' });
    const res = await t.request({ method: 'POST', url: `/api/v1/cases/${id}/actions`, as: 'sj.secretary', payload: bodyFor('approvePlan', 7) });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('STALE_VERSION');
  });

  it('two approvals at once: one wins, the other gets 409', async () => {
    const id = await makeCase(t, { state: 'TRIAL_DELIBERATED' });
    const [a, b] = await Promise.all([act(t, id, 'decide', 'sj.secretary'), act(t, id, 'revoke', 'sj.secretary')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await version(t, id)).toBe(2);
  });

  it.each([
    ['approvePlan', 'FILED', 'sc8.staff'],
    ['announce', 'PLAN_APPROVED', 'fin.staff'], // on the team but neither lead nor of the lead department
    ['deliberate', 'IN_TRIAL', 'sc8.staff'],
    ['decide', 'TRIAL_DELIBERATED', 'ag.manager1'],
    ['archive', 'EXECUTED', 'sj.secretary'],
    ['revoke', 'INVESTIGATING', 'ag.manager1'],
  ] as [CaseAction, CaseState, string][])('%s from %s by %s → 403', async (action, state, as) => {
    const id = await makeCase(t, { state });
    await prepareFor(t, id, action);
    const res = await act(t, id, action, as);
    expect(res.statusCode, res.body).toBe(403);
  });

  it('the overseeing leader of the lead office (cw3.member oversees 第八审查调查室) may announce', async () => {
    const id = await makeCase(t, { state: 'PLAN_APPROVED' });
    expect((await act(t, id, 'announce', 'cw3.member')).statusCode).toBe(200);
    const other = await makeCase(t, { state: 'PLAN_APPROVED' });
    expect((await act(t, other, 'announce', 'fsj1.deputy')).statusCode).toBe(404);
  });

  it('the investigation team may return the supplement', async () => {
    const id = await makeCase(t, { state: 'SUPPLEMENT_REQUESTED' });
    expect((await act(t, id, 'returnSupplement', 'fin.staff')).statusCode).toBe(200);
  });
});

describe('guards', () => {
  it('transferToTrial needs a trial team', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATION_REPORTED', trial: [] });
    const res = await act(t, id, 'transferToTrial', 'sc8.staff');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('审理组');
    expect((await caseOf(id)).abilities).toBeDefined();
  });

  it('transferToTrial refuses a trial team holding a former investigator (422 TRIAL_TEAM_CONFLICT)', async () => {
    const id = await makeCase(t, {
      state: 'INVESTIGATION_REPORTED',
      inv: [
        { user: 'sc8.staff', role: 'LEAD' },
        { user: 'sl.staff2', left: true },
      ],
      trial: ['sl.staff2'],
    });
    const res = await act(t, id, 'transferToTrial', 'sc8.staff');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('TRIAL_TEAM_CONFLICT');
    expect(res.json().message).toContain('芮知秋');
    const view = (await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, as: 'sc8.staff' })).json();
    expect(view.abilities.actions).not.toContain('transferToTrial');
    expect(view.abilities.blocked.map((b: { action: string }) => b.action)).toContain('transferToTrial');
  });

  it('deliberate needs the trial talk and the trial report', async () => {
    const id = await makeCase(t, { state: 'IN_TRIAL' });
    expect((await act(t, id, 'deliberate', 'sl.staff1')).statusCode).toBe(409);
    const patch = await t.request({
      method: 'PATCH',
      url: `/api/v1/cases/${id}`,
      as: 'sl.staff1',
      payload: { version: 1, trialTalkOn: today, trialReport: '审理报告' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().abilities.actions).toContain('deliberate');
    expect((await act(t, id, 'deliberate', 'sl.staff1')).statusCode).toBe(200);
  });

  it('a decision with a prosecution must be transferred before it is announced', async () => {
    const id = await makeCase(t, { state: 'TRIAL_DELIBERATED' });
    const res = await act(t, id, 'decide', 'sj.secretary', {
      outcomes: [{ kind: 'PARTY_SANCTION', sanction: 'EXPULSION' }, { kind: 'ADMIN_SANCTION', sanction: 'DISCHARGE' }, { kind: 'PROSECUTION' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = (await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, as: 'sc8.staff' })).json();
    expect(view.abilities.actions).toEqual(['transferToProcuratorate']);
    expect(view.abilities.prosecutionPending).toBe(true);
    expect((await act(t, id, 'announceDecision', 'sc8.staff')).statusCode).toBe(409);
    expect((await act(t, id, 'transferToProcuratorate', 'sc8.staff')).statusCode).toBe(200);
    expect((await act(t, id, 'announceDecision', 'sc8.staff')).json().state).toBe('SANCTION_ANNOUNCED');
    const other = await makeCase(t, { state: 'DECIDED' });
    expect((await act(t, other, 'transferToProcuratorate', 'sc8.staff')).statusCode).toBe(409); // nothing to transfer
  });

  it('revoke needs a reason and records a REVOCATION outcome outside the four forms', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATING' });
    const bad = await t.request({ method: 'POST', url: `/api/v1/cases/${id}/actions`, as: 'sj.secretary', payload: { action: 'revoke', version: 1 } });
    expect(bad.statusCode).toBe(400);
    const res = await act(t, id, 'revoke', 'sj.secretary', { reason: '经审查调查，没有证据证明存在违纪违法行为' });
    expect(res.statusCode).toBe(200);
    expect(res.json().outcomes).toMatchObject([{ kind: 'REVOCATION', fourForm: null, detail: '经审查调查，没有证据证明存在违纪违法行为' }]);
    expect(res.json().revokeReason).toContain('没有证据');
    expect(res.json().deadlines.revokedOn).toBe(today);
  });
});

describe('outcomes and 四种形态', () => {
  it('computes the form of each outcome and the 政务处分 period', async () => {
    const id = await makeCase(t, { state: 'TRIAL_DELIBERATED' });
    const res = await act(t, id, 'decide', 'sj.secretary', {
      outcomes: [
        { kind: 'FIRST_FORM_MEASURE', measure: 'ADMONITION' },
        { kind: 'PARTY_SANCTION', sanction: 'WARNING' },
        { kind: 'PARTY_SANCTION', sanction: 'PROBATION' },
        { kind: 'ADMIN_SANCTION', sanction: 'MAJOR_DEMERIT' },
        { kind: 'ADMIN_SANCTION', sanction: 'DEMOTION' },
        { kind: 'ORGANISATIONAL_MEASURE', measure: 'POST_ADJUSTMENT' },
        { kind: 'ORGANISATIONAL_MEASURE', measure: 'REMOVAL' },
        { kind: 'ACCOUNTABILITY', detail: '通报问责' },
        { kind: 'RECOMMENDATION', detail: '建议完善资金审批制度' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const forms = res
      .json()
      .outcomes.map((o: { kind: string; detail: string; fourForm: string | null; periodMonths: number | null }) => [o.detail, o.fourForm, o.periodMonths]);
    expect(forms).toEqual([
      ['ADMONITION', 'FIRST', null],
      ['WARNING', 'SECOND', null],
      ['PROBATION', 'THIRD', null],
      ['MAJOR_DEMERIT', 'SECOND', 18],
      ['DEMOTION', 'THIRD', 24],
      ['POST_ADJUSTMENT', 'SECOND', null],
      ['REMOVAL', 'THIRD', null],
      ['通报问责', 'SECOND', null],
      ['建议完善资金审批制度', null, null],
    ]);
    expect(res.json().fourForms).toEqual(['FIRST', 'SECOND', 'THIRD']);
    expect(res.json().deadlines.decisionAnnounceDue).toBe(addMonths(today, 1));
  });

  it('refuses an outcome with an unknown sanction (400)', async () => {
    const id = await makeCase(t, { state: 'TRIAL_DELIBERATED' });
    const res = await act(t, id, 'decide', 'sj.secretary', { outcomes: [{ kind: 'PARTY_SANCTION', sanction: 'DEMOTION' }] });
    expect(res.statusCode).toBe(400);
    const empty = await act(t, id, 'decide', 'sj.secretary', { outcomes: [] });
    expect(empty.statusCode).toBe(400);
  });
});

describe('dates and deadlines', () => {
  it('records each stage date and the limits as the case passes', async () => {
    const id = await makeCase(t, { state: 'FILED' });
    for (const a of ['approvePlan', 'announce', 'startInvestigation', 'confirmFacts', 'reportInvestigation', 'transferToTrial'] as CaseAction[]) {
      expect((await act(t, id, a, ACTOR_FOR[a])).statusCode, a).toBe(200);
    }
    let c = await caseOf(id);
    expect(c.deadlines).toMatchObject({
      planApprovedOn: today,
      announcedOn: today,
      factsConfirmedOn: today,
      investigationReportedOn: today,
      trialReceivedOn: today,
      trialDue: addMonths(today, 1),
      trialExtended: false,
    });
    // Ten days in supplement do not count: the limit moves by ten days.
    expect((await act(t, id, 'requestSupplement', 'sl.staff1')).statusCode).toBe(200);
    await t.db.updateTable('case_supplement').set({ requested_on: sql<string>`current_date - 10` }).where('case_id', '=', id).execute();
    expect((await act(t, id, 'returnSupplement', 'sc8.staff')).statusCode).toBe(200);
    c = await caseOf(id);
    const pushed = new Date(Date.parse(`${addMonths(today, 1)}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
    expect(c.deadlines.trialDue).toBe(pushed);
    expect(c.supplements).toMatchObject([{ returnedOn: today, days: 10 }]);
    // The 书记 extends the trial once by a month.
    const ext = await t.request({ method: 'POST', url: `/api/v1/cases/${id}/trial-extension`, as: 'sj.secretary', payload: { version: c.version } });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json().deadlines).toMatchObject({ trialDue: addMonths(pushed, 1), trialExtended: true });
    const again = await t.request({ method: 'POST', url: `/api/v1/cases/${id}/trial-extension`, as: 'sj.secretary', payload: { version: ext.json().version } });
    expect(again.statusCode).toBe(409);
    const notSecretary = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/trial-extension`,
      as: 'sl.staff1',
      payload: { version: ext.json().version },
    });
    expect(notSecretary.statusCode).toBe(403);
    await t.db.updateTable('case_file').set({ trial_talk_on: today, trial_report: '审理报告' }).where('id', '=', id).execute();
    for (const a of ['deliberate', 'decide', 'announceDecision', 'reportExecution', 'archive'] as CaseAction[]) {
      expect((await act(t, id, a, ACTOR_FOR[a])).statusCode, a).toBe(200);
    }
    c = await caseOf(id);
    expect(c.state).toBe('ARCHIVED');
    expect(c.deadlines).toMatchObject({
      deliberatedOn: today,
      decidedOn: today,
      decisionAnnounceDue: addMonths(today, 1),
      decisionAnnouncedOn: today,
      executionReportDue: addMonths(today, 6),
      executedOn: today,
      archivedOn: today,
    });
    expect(c.timeline.map((e: { action: string }) => e.action)).toContain('extendTrial');
    const notices = await t.db.selectFrom('inbox_message').select('title').where('kind', '=', 'case.transitioned').where('link', '=', `/cases/${id}`).execute();
    expect(notices.length).toBeGreaterThan(0);
  });

  it('flags an overdue trial in the ledger', async () => {
    const id = await makeCase(t, { state: 'IN_TRIAL', set: { trial_due: '2026-01-01', trial_received_on: '2025-12-01' } });
    const res = await t.request({ method: 'GET', url: '/api/v1/cases?overdue=TRIAL_DUE&pageSize=100', as: 'sj.secretary' });
    const row = res.json().items.find((i: { id: string }) => i.id === id);
    expect(row.flags).toEqual(['TRIAL_DUE']);
    const paused = await makeCase(t, { state: 'SUPPLEMENT_REQUESTED', set: { trial_due: '2026-01-01' } });
    const res2 = await t.request({ method: 'GET', url: '/api/v1/cases?overdue=TRIAL_DUE&pageSize=100', as: 'sj.secretary' });
    expect(res2.json().items.map((i: { id: string }) => i.id)).not.toContain(paused);
  });
});
