/**
 * The transition door over HTTP: every state × action, with the machine's actor and a valid body —
 * success exactly when nextClueState allows it, otherwise 409. Direct acts go through
 * POST /clues/:id/actions, acts that need approval through POST /clues/:id/requests (the request is
 * accepted exactly when the table allows the act). Plus the actor check (403) and invisibility (404).
 */
import { CLUE_ACTION_LABELS, CLUE_STATE_LABELS, CLUE_TRANSITIONS, type ClueAction, type ClueState, nextClueState } from '@liandong/domain/clues/machine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { act, ask, detail, JW, seedClue, userId } from './fixtures';

const STATES = Object.keys(CLUE_STATE_LABELS) as ClueState[];
const ACTIONS = Object.keys(CLUE_ACTION_LABELS) as ClueAction[];

let t: TestApp;
let me: string;
let mergeTarget: string;
beforeAll(async () => {
  t = await createTestApp();
  me = await userId(t, 'jc3.staff');
  mergeTarget = (await seedClue(t, { state: 'RECEIVED' })).id;
});
afterAll(() => t.close());

function actorFor(action: ClueAction): string {
  const a = CLUE_TRANSITIONS[action].who[0];
  return a === 'PETITION' ? 'xf.officer1' : a === 'CASE_MANAGEMENT' ? 'ag.manager1' : 'jc3.staff';
}

function body(action: ClueAction, version: number, orgs: { jc3: string }): Record<string, unknown> {
  const payloads: Partial<Record<ClueAction, Record<string, unknown>>> = {
    assign: { undertakingOrgId: orgs.jc3 },
    transferOut: { receiver: '某区人民检察院' },
    approveTalkInquiry: { form: 'TALK' },
    approvePrelim: { plan: '初核方案', measures: ['TALK'], teamUserIds: [me], leadUserId: me },
    approveHold: { reviewDue: '2099-12-31' },
    approveClose: { closedKind: 'DIRECT' },
    closeFirstForm: { measure: 'REMINDER_TALK' },
    reopen: { newEvidence: '新的书证' },
  };
  if (CLUE_TRANSITIONS[action].needsApproval) return { action, version, payload: payloads[action] ?? {} };
  if (action === 'propose') return { action, version, method: 'CLOSE', rationale: '反映问题笼统' };
  if (action === 'merge') return { action, version, targetId: mergeTarget, kind: 'DUPLICATE' };
  return { action, version };
}

/** A clue in `state` with what its state implies (an inquiry report, a signed 初核 report). */
async function prepared(state: ClueState) {
  const c = await seedClue(t, { state });
  const cid = (await t.db.selectFrom('clue').select('commission_id').where('id', '=', c.id).executeTakeFirstOrThrow()).commission_id;
  if (state === 'TALK_INQUIRY' || state === 'TALK_INQUIRY_REPORTED') {
    await t.db.insertInto('clue_inquiry').values({ commission_id: cid, clue_id: c.id, round: 1, form: 'TALK', report: '谈话情况报告' }).execute();
  }
  if (state === 'PRELIM_VERIFICATION' || state === 'PRELIM_REPORTED') {
    const v = await t.db
      .insertInto('clue_verification')
      .values({
        commission_id: cid,
        clue_id: c.id,
        round: 1,
        started_on: '2026-09-01',
        report: JSON.stringify({ subjectBasics: '基本情况', mainAllegations: '问题', basis: '依据', findings: '核实', doubts: '', proposal: 'CLOSE' }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('clue_team_member')
      .values({ commission_id: cid, clue_id: c.id, verification_id: v.id, user_id: me, role: 'LEAD', signed_at: new Date() })
      .execute();
  }
  return c;
}

describe('every state × action over HTTP', () => {
  for (const state of STATES) {
    it(`from ${state}`, async () => {
      const orgs = { jc3: (await t.db.selectFrom('org').select('id').where('code', '=', `${JW}-JC3`).executeTakeFirstOrThrow()).id };
      for (const action of ACTIONS) {
        const c = await prepared(state);
        const door = CLUE_TRANSITIONS[action].needsApproval ? ask : act;
        const res = await door(t, c.id, body(action, c.version, orgs), actorFor(action));
        const expected = nextClueState(state, action);
        if (expected === null) {
          expect(res.statusCode, `${state} · ${action}: ${res.body}`).toBe(409);
          expect(res.json().code).toBe('ILLEGAL_TRANSITION');
          expect((await detail(t, c.id)).version).toBe(c.version);
        } else if (CLUE_TRANSITIONS[action].needsApproval) {
          expect(res.statusCode, `${state} · ${action}: ${res.body}`).toBe(200);
          expect(res.json().status).toBe('PENDING');
        } else {
          expect(res.statusCode, `${state} · ${action}: ${res.body}`).toBe(200);
          expect(res.json().state, `${state} · ${action}`).toBe(expected);
        }
      }
    });
  }
});

describe('the door', () => {
  it('checks the actor: 403 for a visible clue, 404 for an invisible one', async () => {
    const c = await seedClue(t, { state: 'ASSIGNED', subjectOrg: 'LZ-HU-JYJ' });
    expect((await act(t, c.id, { action: 'accept', version: c.version }, 'jc1.staff')).statusCode).toBe(404);
    expect((await act(t, c.id, { action: 'accept', version: c.version }, 'fin.staff')).statusCode).toBe(404);
    expect((await act(t, c.id, { action: 'accept', version: c.version }, 'ag.manager1')).statusCode).toBe(403);
    expect((await act(t, c.id, { action: 'accept', version: c.version }, 'edu.staff')).statusCode).toBe(403);
    const r = await act(t, c.id, { action: 'register', version: c.version }, 'xf.officer1');
    expect(r.statusCode).toBe(409);
    const ok = await act(t, c.id, { action: 'accept', version: c.version }, 'jc3.director');
    expect(ok.json().state).toBe('UNDER_ANALYSIS');
    const stale = await act(t, c.id, { action: 'propose', version: c.version, method: 'CLOSE', rationale: 'x' }, 'jc3.director');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
  });

  it('a transition withdraws a request the new state makes moot', async () => {
    const c = await seedClue(t, { state: 'RECEIVED' });
    const r = await ask(t, c.id, { action: 'transferOut', version: c.version, payload: { receiver: '某区监委' } }, 'xf.officer1');
    expect(r.statusCode, r.body).toBe(200);
    const d = await detail(t, c.id);
    await act(t, c.id, { action: 'register', version: d.version }, 'ag.manager1');
    const req = await t.request({ method: 'GET', url: `/api/v1/clue-requests/${r.json().id}`, as: 'ag.manager1' });
    expect(req.json().status).toBe('WITHDRAWN');
  });
});
