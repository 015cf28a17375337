import type { FieldIssue } from '@liandong/domain/platform/errors';
import { AppError } from '../../platform/errors';
import type { Denial } from './policy';

/** Throws the policy's refusal as the matching error (403 missing right, 409 state). */
export function authorize(denial: Denial): void {
  if (denial) throw new AppError(denial.code, denial.message);
}

/** 422 with field paths: a business rule the input breaks (dangling link, wrong kind, cycle …). */
export function ruleViolation(issues: FieldIssue[], lead = '不符合业务规则'): AppError {
  return new AppError('BUSINESS_RULE', `${lead}：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`, { issues });
}

/** Throws a 422 when there are issues. */
export function assertNoIssues(issues: FieldIssue[], lead?: string): void {
  if (issues.length) throw ruleViolation(issues, lead);
}

/** Old/new pairs of the fields that changed, for audit payloads. */
export function changesOf(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v !== undefined && before[k] !== v) out[k] = [before[k] ?? null, v];
  }
  return out;
}
