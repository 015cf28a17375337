import { describe, expect, it } from 'vitest';
import { MEASURE_KIND_LABELS, MEASURE_LIMITS, type MeasureKind } from './enums';
import { detentionNoticeDue, dueAtHours, hasPersonNotice, limitHours, measureStartIssues, needsStartTime, noticeOverdue } from './measures';

const KINDS = Object.keys(MEASURE_KIND_LABELS) as MeasureKind[];
const START = '2026-03-01T22:30:00+08:00';

describe('强制到案 counts in hours (监察法 2024, article number unverified: ≤ 12 h, ≤ 24 h when 管护 or 留置 follows)', () => {
  it.each([
    [false, 12, '2026-03-02T02:30:00.000Z'],
    [true, 24, '2026-03-02T14:30:00.000Z'],
  ])('hold follows: %s → %i hours, due %s', (holdFollows, hours, due) => {
    expect(limitHours('COMPELLED_APPEARANCE', holdFollows)).toBe(hours);
    expect(dueAtHours(START, hours)).toBe(due);
  });

  it('is not "one day": no day or month limit remains on it', () => {
    expect(MEASURE_LIMITS.COMPELLED_APPEARANCE).toEqual({ hours: 12, extendHours: 12 });
  });

  it.each(KINDS.filter((k) => k !== 'COMPELLED_APPEARANCE'))('%s is not counted in hours', (kind) => {
    expect(limitHours(kind, true)).toBeNull();
  });
});

describe('留置 at start (监察法 2024, article number unverified: 领导人员集体研究决定; 设区的市级以下 报上一级监察机关批准)', () => {
  const full = { kind: 'DETENTION' as const, startedAt: START, collectiveDecision: true, upperApproved: true };
  it.each([
    ['all present', full, []],
    ['no collective decision', { ...full, collectiveDecision: false }, ['collectiveDecision']],
    ['no upper approval', { ...full, upperApproved: undefined }, ['upperApproved']],
    ['no start time (the 24-hour notice runs from it)', { ...full, startedAt: undefined }, ['startedAt']],
    ['nothing', { kind: 'DETENTION' as const }, ['startedAt', 'collectiveDecision', 'upperApproved']],
  ])('%s → issues at %j', (_, facts, paths) => {
    expect(measureStartIssues(facts).map((i) => i.path)).toEqual(paths);
  });

  it.each(KINDS)('%s: the approvals are asked of 留置 only, the start time of 留置, 管护 and 强制到案', (kind) => {
    const paths = measureStartIssues({ kind }).map((i) => i.path);
    expect(paths.includes('collectiveDecision')).toBe(kind === 'DETENTION');
    expect(paths.includes('startedAt')).toBe(needsStartTime(kind));
    expect(needsStartTime(kind)).toBe(kind === 'DETENTION' || kind === 'CUSTODY' || kind === 'COMPELLED_APPEARANCE');
  });

  it.each(KINDS)('%s: the 24-hour notice to the unit and family follows 留置 and 管护 only', (kind) => {
    expect(hasPersonNotice(kind)).toBe(kind === 'DETENTION' || kind === 'CUSTODY');
  });
});

describe('the 24-hour notice to the unit and family (监察法 2024, article number unverified)', () => {
  const dueAt = detentionNoticeDue(START);
  it('is due 24 hours after the start', () => {
    expect(dueAt).toBe('2026-03-02T14:30:00.000Z');
  });
  it.each([
    ['not given, before the deadline', null, false, '2026-03-02T14:29:00Z', false],
    ['not given, at the deadline', null, false, '2026-03-02T14:30:00Z', true],
    ['given late is no longer overdue', '2026-03-02T20:00:00Z', false, '2026-03-03T00:00:00Z', false],
    ['withheld as hindering the investigation (有碍调查)', null, true, '2026-03-05T00:00:00Z', false],
  ])('%s', (_, notifiedAt, withheld, now, overdue) => {
    expect(noticeOverdue({ dueAt, notifiedAt, withheld }, new Date(now))).toBe(overdue);
  });
});
