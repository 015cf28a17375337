import type { MeasureKind } from './enums';
import { MEASURE_LIMITS } from './enums';

/*
 * Rules of the 审查调查措施 that count in hours or need approvals at the start (监察法 2024):
 * - 强制到案 (art. 22): ≤ 12 hours; ≤ 24 hours when 管护 or 留置 is to follow. A deadline in hours is a
 *   timestamp, never "one day".
 * - 留置 (arts. 46–47): decided collectively by the commission's leadership (领导人员集体研究决定); a
 *   commission at or below the municipal level (设区的市级以下, all of ours) needs the upper commission's
 *   approval (报上一级监察机关批准) before it starts.
 * - The 24-hour notice (art. 50): within 24 hours of taking a person into 留置, the unit and the family
 *   are notified, unless that may hinder the investigation (有碍调查); then they are notified as soon as
 *   the hindrance ends.
 */

const HOUR = 3_600_000;

/** Hours within which the unit and family of a detained person are notified (监察法 2024, article number unverified). */
export const DETENTION_NOTICE_HOURS = 24;

/** Measures whose deadline is counted in hours from the start time (so the start time is required). */
export function countsInHours(kind: MeasureKind): boolean {
  return Boolean(MEASURE_LIMITS[kind]?.hours);
}

/**
 * Measures after which the unit and the family are notified within 24 hours: 留置 and 管护 (the 2024
 * 监察法 gives 管护 the same notice as 留置; the exception for hindering the investigation applies to both).
 */
export function hasPersonNotice(kind: MeasureKind): boolean {
  return kind === 'DETENTION' || kind === 'CUSTODY';
}

/** Measures that need a start time: hour-counted ones, and 留置 / 管护 (their 24-hour notice runs from it). */
export function needsStartTime(kind: MeasureKind): boolean {
  return countsInHours(kind) || hasPersonNotice(kind);
}

/** The limit in hours of an hour-counted measure: 12, or 24 when 管护 / 留置 follows (art. 22); null otherwise. */
export function limitHours(kind: MeasureKind, holdFollows: boolean): number | null {
  const l = MEASURE_LIMITS[kind];
  if (!l?.hours) return null;
  return l.hours + (holdFollows ? (l.extendHours ?? 0) : 0);
}

/** The deadline (ISO timestamp) of an hour-counted measure started at `startedAt`. */
export function dueAtHours(startedAt: string, hours: number): string {
  return new Date(Date.parse(startedAt) + hours * HOUR).toISOString();
}

/** The deadline of the 24-hour notice of a 留置 or 管护 started at `startedAt` (art. 50). */
export function detentionNoticeDue(startedAt: string): string {
  return dueAtHours(startedAt, DETENTION_NOTICE_HOURS);
}

export interface MeasureStartFacts {
  kind: MeasureKind;
  startedAt?: string;
  collectiveDecision?: boolean;
  upperApproved?: boolean;
}

/** What is missing to start a measure lawfully, as field issues (empty: it may start). */
export function measureStartIssues(m: MeasureStartFacts): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (needsStartTime(m.kind) && !m.startedAt)
    issues.push({
      path: 'startedAt',
      message: hasPersonNotice(m.kind)
        ? `请填写${m.kind === 'DETENTION' ? '留置' : '管护'}开始时间（24小时内通知单位和家属从此起算）`
        : '强制到案按小时计算，请填写开始时间',
    });
  if (m.kind === 'DETENTION') {
    if (!m.collectiveDecision) issues.push({ path: 'collectiveDecision', message: '采取留置措施应当由监察机关领导人员集体研究决定（监察法）' });
    if (!m.upperApproved) issues.push({ path: 'upperApproved', message: '设区的市级以下监察机关采取留置措施，应当报上一级监察机关批准（监察法）' });
  }
  return issues;
}

/** A notice is overdue when it was neither given nor lawfully withheld by its deadline. */
export function noticeOverdue(n: { dueAt: string; notifiedAt: string | null; withheld: boolean }, now: Date): boolean {
  return n.notifiedAt === null && !n.withheld && Date.parse(n.dueAt) <= now.getTime();
}
