import type { OverdueKind } from '@liandong/domain/clues/enums';
import type { RawBuilder } from 'kysely';
import { OVERDUE_SQL } from '../cases';
import { CLUE_OVERDUE_KIND_LIST, dueBy } from '../clues';

/**
 * 超期 conditions of the dashboard (OVERDUE_KIND_LABELS in domain/src/clues/enums.ts): the very
 * predicates of the clue and case ledgers' flags — a limit that still runs and falls due today or
 * earlier — so the dashboard's counts equal the ledgers filtered by `overdue`.
 */
export interface OverdueRow {
  org_id: string | null;
  [kind: string]: unknown;
}

/** Clue kinds over a `clue` aliased `c`, for the given day (YYYY-MM-DD, the commission's zone). */
export function clueOverdue(today: string): { kind: OverdueKind; when: RawBuilder<boolean> }[] {
  return CLUE_OVERDUE_KIND_LIST.map((kind) => ({ kind, when: dueBy(kind, today, 'c') }));
}

/** Case kinds over a `case_file` aliased `c` (the cases ledger's alias). */
export const CASE_OVERDUE: readonly { kind: OverdueKind; when: RawBuilder<boolean> }[] = (Object.keys(OVERDUE_SQL) as (keyof typeof OVERDUE_SQL)[]).map(
  (kind) => ({
    kind,
    when: OVERDUE_SQL[kind],
  }),
);
