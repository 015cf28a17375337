import { describe, expect, it } from 'vitest';
import { defineMachine } from './machine';

const labels = <T extends string>(...codes: T[]) =>
  Object.fromEntries(codes.map((c) => [c, { zh: c, en: c }])) as unknown as Record<T, { zh: string; en: string }>;

const m = defineMachine({
  noun: '事项',
  states: labels('DRAFT', 'OPEN', 'HELD', 'DONE'),
  actions: labels('open', 'note', 'hold', 'release', 'finish', 'expire'),
  table: {
    open: { from: ['DRAFT'], to: 'OPEN', who: ['OWNER'] },
    note: { from: ['OPEN'], to: 'stay', who: ['OWNER', 'HELPER'] },
    hold: { from: ['OPEN'], to: 'HELD', who: ['LEADER'], needsComment: true },
    release: { from: ['HELD'], to: 'back', who: ['LEADER'] },
    finish: { from: ['OPEN'], to: 'DONE', who: ['OWNER'], guard: 'hasReport' },
    expire: { from: ['OPEN'], to: 'DONE', who: [] },
  },
});

describe('defineMachine', () => {
  it('leads each action from each state exactly as its table says, and nowhere else', () => {
    const expected: Record<string, Record<string, string | null>> = {
      DRAFT: { open: 'OPEN', note: null, hold: null, release: null, finish: null, expire: null },
      OPEN: { open: null, note: 'OPEN', hold: 'HELD', release: null, finish: 'DONE', expire: 'DONE' },
      HELD: { open: null, note: null, hold: null, release: 'OPEN', finish: null, expire: null },
      DONE: { open: null, note: null, hold: null, release: null, finish: null, expire: null },
    };
    for (const [from, row] of Object.entries(expected))
      for (const [action, to] of Object.entries(row))
        expect(m.next(from as 'DRAFT', action as 'open', from === 'HELD' ? 'OPEN' : null), `${from} × ${action}`).toBe(to);
  });

  it("'back' needs a previous state different from the current one", () => {
    expect(m.next('HELD', 'release', null)).toBeNull();
    expect(m.next('HELD', 'release', 'HELD')).toBeNull();
  });

  it('abilities are the allowed actions whose who includes one of the roles; system-only actions are nobody’s', () => {
    expect(m.abilities('OPEN', ['HELPER'])).toEqual(['note']);
    expect(m.abilities('OPEN', new Set(['OWNER', 'LEADER'] as const))).toEqual(['note', 'hold', 'finish']);
    expect(m.abilities('DONE', ['OWNER', 'LEADER', 'HELPER'])).toEqual([]);
  });

  it('finds the terminal states', () => {
    expect(m.terminal()).toEqual(['DONE']);
  });

  it('refuses a table that names an unknown state at definition time', () => {
    expect(() =>
      // A table typed loosely (as one read from JSON would be) that names a state that does not exist.
      defineMachine({ noun: 'x', states: labels('A'), actions: labels('go'), table: { go: { from: ['A'], to: 'B', who: [] } } } as never),
    ).toThrow(/unknown state B/);
  });
});

describe('messages from the machine', () => {
  const labelled = defineMachine({
    noun: '事项',
    states: labels('OPEN', 'DONE'),
    actions: { finish: { zh: '办结', en: 'Finish' }, expire: { zh: '逾期', en: 'Expire' }, close: { zh: '销号', en: 'Close' } },
    actors: { OWNER: '承办部门', LEADER: '分管领导' },
    guards: { hasReport: '须先提交报告' },
    table: {
      finish: { from: ['OPEN'], to: 'DONE', who: ['OWNER', 'LEADER'], guard: 'hasReport' },
      expire: { from: ['OPEN'], to: 'DONE', who: [] },
      close: { from: ['OPEN'], to: 'DONE', who: ['LEADER'], guard: 'unlabelled' },
    },
  });

  it('a refusal names the action and who takes it, by the actors’ labels; a system-only action is nobody’s by hand', () => {
    expect(labelled.deniedMessage('finish')).toBe('“办结”由承办部门或分管领导办理');
    expect(labelled.deniedMessage('expire')).toBe('“逾期”由系统自动办理，不能手工操作');
  });

  it('a failed guard says its label, or a generic sentence naming the object', () => {
    expect(labelled.guardMessage('hasReport')).toBe('须先提交报告');
    expect(labelled.guardMessage('unlabelled')).toBe('事项尚不满足办理条件');
  });
});
