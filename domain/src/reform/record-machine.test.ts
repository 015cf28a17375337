/** The 以案促改 record machine as a table: every state × action (domain.md c.5), and the PATCH mapping. */
import { describe, expect, it } from 'vitest';
import { REFORM_STATE_LABELS } from './enums';
import { nextRecordStates, RECORD_ACTION_LABELS, RECORD_MACHINE, type RecordAction, type ReformState, recordActionTo } from './record-machine';

const STATES = Object.keys(REFORM_STATE_LABELS) as ReformState[];
const ACTIONS = Object.keys(RECORD_ACTION_LABELS) as RecordAction[];

/** Expected next state; absent = forbidden. One step forward at a time, never back. */
const EXPECTED: Record<ReformState, Partial<Record<RecordAction, ReformState>>> = {
  COLLECTING: { analyse: 'ANALYSED' },
  ANALYSED: { recommend: 'RECOMMENDED' },
  RECOMMENDED: { close: 'CLOSED' },
  CLOSED: {},
};

describe('reform record: RECORD_MACHINE.next over every state × action', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[state][action] ?? null;
      it(`${state} · ${action} → ${expected ?? 'forbidden'}`, () => {
        expect(RECORD_MACHINE.next(state, action)).toBe(expected);
      });
    }
  }

  it('only the owner org side acts, and only CLOSED is terminal', () => {
    for (const action of ACTIONS) expect(RECORD_MACHINE.table[action].who).toEqual(['OWNER']);
    expect(RECORD_MACHINE.terminal()).toEqual(['CLOSED']);
  });

  it('analysing needs the root causes (guard), the other steps none', () => {
    expect(RECORD_MACHINE.table.analyse.guard).toBe('hasRootCauses');
    expect(RECORD_MACHINE.table.recommend.guard).toBeUndefined();
    expect(RECORD_MACHINE.table.close.guard).toBeUndefined();
  });
});

describe('PATCH state → action', () => {
  it('maps each reachable state to the one action leading there; nothing leads back to COLLECTING', () => {
    expect(Object.fromEntries(STATES.map((s) => [s, recordActionTo(s)]))).toEqual({
      COLLECTING: null,
      ANALYSED: 'analyse',
      RECOMMENDED: 'recommend',
      CLOSED: 'close',
    });
  });

  it('offers one step forward to the owner, nothing to anyone else', () => {
    expect(STATES.map((s) => nextRecordStates(s))).toEqual([['ANALYSED'], ['RECOMMENDED'], ['CLOSED'], []]);
    for (const s of STATES) expect(nextRecordStates(s, [])).toEqual([]);
  });
});
