/** The letter machine over the HTTP door: every state × action matches nextLetterState or answers 409 (404 where invisible). */
import { type LetterAction, LetterActionSchema, type LetterState, LetterStateSchema, nextLetterState, LETTER_MACHINE } from '@liandong/domain/reform/machine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { LETTER_RECIPIENT_STATES } from '../visibility';
import { actionBody, seedLetter } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** One account per side: the drafting office's director, 案管室 (wide: sees every state), the 书记, 第八室's 分管领导, the bank's liaison. */
const ACCOUNT = { DRAFTER: 'sc8.director', REVIEWER: 'ag.manager1', APPROVER: 'sj.secretary', SIGNER: 'cw3.member', RECIPIENT: 'bank.liaison' } as const;

describe('recommendation machine over HTTP', () => {
  for (const state of LetterStateSchema.options) {
    it(`state ${state}: every action`, async () => {
      for (const action of LetterActionSchema.options) {
        const letter = await seedLetter(t, { state });
        const actor = ACCOUNT[LETTER_MACHINE.table[action].who[0]!];
        const res = await t.request({
          method: 'POST',
          url: `/api/v1/letters/${letter.id}/actions`,
          payload: actionBody(action, letter.version),
          as: actor,
        });
        const to = nextLetterState(state as LetterState, action as LetterAction);
        const invisible = actor === 'bank.liaison' && !(LETTER_RECIPIENT_STATES as readonly string[]).includes(state);
        const expected = invisible ? 404 : to === null ? 409 : 200;
        expect(res.statusCode, `${state} × ${action} as ${actor}: ${res.body.slice(0, 300)}`).toBe(expected);
        const row = await t.db.selectFrom('letter').select(['state', 'version']).where('id', '=', letter.id).executeTakeFirstOrThrow();
        if (expected === 200) {
          expect(res.json().state).toBe(to);
          expect(row.state).toBe(to);
          expect(row.version).toBe(letter.version + 1);
          const ev = await t.db.selectFrom('letter_event').select(['action', 'from_state', 'to_state']).where('letter_id', '=', letter.id).execute();
          expect(ev).toEqual([{ action, from_state: state, to_state: to }]);
          const audits = await t.db.selectFrom('audit_event').select('type').where('object_id', '=', letter.id).execute();
          expect(audits.map((a) => a.type)).toContain('letter.transitioned');
        } else {
          expect(row.state).toBe(state);
          expect(row.version).toBe(letter.version);
        }
      }
    });
  }

  it('stale version → 409 and nothing changes', async () => {
    const letter = await seedLetter(t, { state: 'DRAFTING' });
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${letter.id}/actions`,
      payload: actionBody('consult', letter.version + 1),
      as: 'sc8.director',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('STALE_VERSION');
  });

  it('wrong actor → 403: the reviewer cannot approve, a liaison cannot serve, another office cannot issue', async () => {
    const review = await seedLetter(t, { state: 'UNDER_REVIEW' });
    let res = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${review.id}/actions`,
      payload: actionBody('approve', review.version),
      as: 'sl.staff1',
    });
    expect(res.statusCode).toBe(403);
    const issued = await seedLetter(t, { state: 'ISSUED' });
    res = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${issued.id}/actions`,
      payload: actionBody('serve', issued.version),
      as: 'bank.liaison',
    });
    expect(res.statusCode).toBe(403);
    const approved = await seedLetter(t, { state: 'APPROVED' });
    res = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${approved.id}/actions`,
      payload: actionBody('issue', approved.version),
      as: 'sj.secretary',
    });
    expect(res.statusCode).toBe(403);
    // an office outside the drafting org's scope does not even see it
    res = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${approved.id}/actions`,
      payload: actionBody('issue', approved.version),
      as: 'jc1.staff',
    });
    expect(res.statusCode).toBe(404);
    // the 书记 may return a draft as well as the reviewer
    res = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${approved.id}/actions`,
      payload: actionBody('returnDraft', approved.version),
      as: 'sj.secretary',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().state).toBe('DRAFTING');
    expect(res.json().approvedBy).toBeNull();
  });

  it('malformed action bodies → 400 with field paths', async () => {
    const letter = await seedLetter(t, { state: 'ISSUED' });
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${letter.id}/actions`,
      payload: { action: 'serve', version: letter.version },
      as: 'sc8.director',
    });
    expect(res.statusCode).toBe(400);
    const bad = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${letter.id}/actions`,
      payload: { action: 'fly', version: 1 },
      as: 'sc8.director',
    });
    expect(bad.statusCode).toBe(400);
  });
});
