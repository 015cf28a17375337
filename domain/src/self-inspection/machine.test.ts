/** The 自查反馈 machine as a table: every state × action, who takes each, and the abilities the answer reports. */
import { describe, expect, it } from 'vitest';
import { RESPONSE_STATUS_LABELS, type ResponseStatus } from './enums';
import { RESPONSE_ACTION_LABELS, RESPONSE_MACHINE, type ResponseAction, responseAbilities, saveActionOf } from './machine';

const STATES = Object.keys(RESPONSE_STATUS_LABELS) as ResponseStatus[];
const ACTIONS = Object.keys(RESPONSE_ACTION_LABELS) as ResponseAction[];

/**
 * Expected next state; absent = forbidden. The unit starts, saves (a returned answer stays RETURNED while it
 * is reworked) and submits; the 专班 returns or accepts a submitted answer; an accepted one is final.
 */
const EXPECTED: Record<ResponseStatus, Partial<Record<ResponseAction, ResponseStatus>>> = {
  PENDING: { start: 'DRAFT' },
  DRAFT: { save: 'DRAFT', submit: 'SUBMITTED' },
  SUBMITTED: { return: 'RETURNED', accept: 'ACCEPTED' },
  RETURNED: { save: 'RETURNED', submit: 'SUBMITTED' },
  ACCEPTED: {},
};

describe('RESPONSE_MACHINE.next over every state × action', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => {
        expect(RESPONSE_MACHINE.next(state, action)).toBe(expected);
      });
    }
  }

  it('the unit answers and submits; the 专班 reviews; returning needs a comment; submitting checks the answer', () => {
    for (const a of ['start', 'save', 'submit'] as const) expect(RESPONSE_MACHINE.table[a].who).toEqual(['UNIT']);
    for (const a of ['return', 'accept'] as const) expect(RESPONSE_MACHINE.table[a].who).toEqual(['REVIEWER']);
    expect(ACTIONS.filter((a) => RESPONSE_MACHINE.table[a].needsComment)).toEqual(['return']);
    expect(ACTIONS.filter((a) => RESPONSE_MACHINE.table[a].guard)).toEqual(['submit']);
    expect(RESPONSE_MACHINE.table.submit.guard).toBe('answerComplete');
    expect(RESPONSE_MACHINE.terminal()).toEqual(['ACCEPTED']);
  });

  it('a PUT starts an answer not yet started and saves any other', () => {
    expect(Object.fromEntries(STATES.map((s) => [s, saveActionOf(s)]))).toEqual({
      PENDING: 'start',
      DRAFT: 'save',
      SUBMITTED: 'save',
      RETURNED: 'save',
      ACCEPTED: 'save',
    });
  });
});

describe('abilities of an answer', () => {
  const view = (state: ResponseStatus, roles: ('UNIT' | 'REVIEWER')[]) => responseAbilities(RESPONSE_MACHINE.abilities(state, roles));

  it('the unit may answer until it submits, and submit only an answer it has started', () => {
    expect(STATES.map((s) => [s, view(s, ['UNIT'])])).toEqual([
      ['PENDING', { answer: true, submit: false, review: false }],
      ['DRAFT', { answer: true, submit: true, review: false }],
      ['SUBMITTED', { answer: false, submit: false, review: false }],
      ['RETURNED', { answer: true, submit: true, review: false }],
      ['ACCEPTED', { answer: false, submit: false, review: false }],
    ]);
  });

  it('the 专班 reviews a submitted answer only; nobody else acts at all', () => {
    expect(STATES.filter((s) => view(s, ['REVIEWER']).review)).toEqual(['SUBMITTED']);
    for (const s of STATES) {
      expect(view(s, ['REVIEWER'])).toMatchObject({ answer: false, submit: false });
      expect(view(s, [])).toEqual({ answer: false, submit: false, review: false });
    }
  });
});
