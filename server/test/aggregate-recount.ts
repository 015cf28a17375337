import { type RawBuilder, sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../src/db/pool';
import { OVERDUE_SQL } from '../src/modules/cases';
import { CLUE_OVERDUE_KIND_LIST, dueBy } from '../src/modules/clues';
import { todayIso } from '../src/platform/calendar';

/*
 * Shared by the aggregate tests (cockpit/aggregates, cockpit/aggregates-concurrency, casework/dashboard-aggregates):
 * an aggregate table against a recount from its base tables, the aggregates' recounts (written independently of the
 * triggers), and the small generator of their random write sequences.
 */

/**
 * An aggregate and its recount: the table, its key columns, the recount (keys then n), and optionally the aggregate's
 * own read (keys then n; by default the table's rows with n <> 0).
 */
export type Recount = [table: string, keys: string, recount: RawBuilder<unknown>, agg?: RawBuilder<unknown>];

/** The buckets where an aggregate and its recount differ (zero buckets left by deletes are no difference). */
export async function aggregateDifferences(db: Pick<Db, 'getExecutor'>, recounts: Recount[]): Promise<{ table: string; rows: unknown[] }[]> {
  const out: { table: string; rows: unknown[] }[] = [];
  for (const [table, keys, recount, agg] of recounts) {
    const { rows } = await sql<Record<string, unknown>>`
      WITH a AS (SELECT * FROM (${agg ?? sql`SELECT ${sql.raw(keys)}, n FROM ${sql.table(table)} WHERE n <> 0`}) y(${sql.raw(keys)}, n)),
        r AS (SELECT * FROM (${recount}) x(${sql.raw(keys)}, n))
      (SELECT 'agg' AS side, * FROM a EXCEPT SELECT 'agg', * FROM r)
      UNION ALL (SELECT 'recount', * FROM r EXCEPT SELECT 'recount', * FROM a)`.execute(db);
    if (rows.length) out.push({ table, rows });
  }
  return out;
}

/** A small deterministic generator (the sequence is random but reproducible). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const q15 = (c: string) => `to_timestamp(floor(extract(epoch FROM ${c}) / 900) * 900)`;
const ym = (c: string) => `(extract(year FROM ${c}) * 100 + extract(month FROM ${c}))::int`;

/** Each cockpit aggregate (0052, 0061, 0065, 0071) with its recount from the base table (the bucket's key expressions, independently written). */
const COCKPIT_RAW: [string, string, string][] = [
  [
    'cockpit_item_agg',
    'commission_id, year, lead_org_id, state, running_due, completed_q',
    `SELECT commission_id, year, lead_org_id, state, CASE WHEN state NOT IN ('COMPLETED', 'CLOSED', 'CANCELLED', 'DRAFT', 'CONSULTED') THEN due_date END,
      CASE WHEN state IN ('COMPLETED', 'CLOSED', 'CANCELLED') THEN ${q15('completed_at')} END, count(*) FROM supervision_item GROUP BY 1, 2, 3, 4, 5, 6`,
  ],
  [
    'cockpit_clue_agg',
    'commission_id, year, undertaking_org_id, sector_code, state, received_ym',
    `SELECT commission_id, year, undertaking_org_id, sector_code, state, ${ym('received_on')}, count(*) FROM clue GROUP BY 1, 2, 3, 4, 5, 6`,
  ],
  [
    'cockpit_case_agg',
    'commission_id, year, lead_org_id, sector_code, state, filed_ym',
    `SELECT commission_id, year, lead_org_id, sector_code, state, ${ym('filed_on')}, count(*) FROM case_file GROUP BY 1, 2, 3, 4, 5, 6`,
  ],
  [
    'cockpit_letter_agg',
    'commission_id, doc_year, created_q, drafting_org_id, state, issued_ym, open_reply_due',
    `SELECT commission_id, doc_year, CASE WHEN doc_year IS NULL THEN ${q15('created_at')} END, drafting_org_id, state, ${ym('issued_on')},
      CASE WHEN reply_due IS NOT NULL AND replied_on IS NULL AND state <> 'WITHDRAWN' THEN reply_due END, count(*) FROM letter GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  ],
  [
    'cockpit_task_agg',
    'commission_id, supervisor_org_id, state, open_deadline',
    `SELECT commission_id, supervisor_org_id, state, CASE WHEN state IN ('VERIFIED', 'CLOSED') THEN NULL ELSE deadline END, count(*)
      FROM rectification_task GROUP BY 1, 2, 3, 4`,
  ],
  [
    'cockpit_task_org_agg',
    'commission_id, supervisor_org_id, unit_org_id, state, open_deadline',
    `SELECT commission_id, supervisor_org_id, unit_org_id, state, CASE WHEN state IN ('VERIFIED', 'CLOSED') THEN NULL ELSE deadline END, count(*)
      FROM rectification_task GROUP BY 1, 2, 3, 4, 5`,
  ],
  [
    // Migration 0098: a running task's deadline month, and whether it is done, not its state.
    'cockpit_task_org_month_agg',
    'commission_id, supervisor_org_id, unit_org_id, done, due_month',
    `SELECT commission_id, supervisor_org_id, unit_org_id, state IN ('VERIFIED', 'CLOSED'),
      CASE WHEN state IN ('VERIFIED', 'CLOSED') THEN NULL ELSE date_trunc('month', deadline)::date END, count(*) FROM rectification_task GROUP BY 1, 2, 3, 4, 5`,
  ],
  [
    // Migration 0065: the completion month as cockpit_month_point (its own test below checks the local month in every zone).
    'cockpit_item_org_agg',
    'commission_id, year, list_id, lead_org_id, assist_org_id, state, running_due, completed_m',
    `SELECT commission_id, year, list_id, lead_org_id, assist_org_id, state, CASE WHEN state NOT IN ('COMPLETED', 'CLOSED', 'CANCELLED', 'DRAFT', 'CONSULTED') THEN due_date END,
      CASE WHEN state IN ('COMPLETED', 'CLOSED', 'CANCELLED') THEN cockpit_month_point(completed_at) END, count(*) FROM supervision_item GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
  ],
  [
    // Migration 0071: the three org columns and the classification, with the sector and the state, and with the month.
    'cockpit_clue_org_agg',
    'commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state',
    `SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, sector_code, state, count(*)
      FROM clue GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
  ],
  [
    'cockpit_clue_org_month_agg',
    'commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, received_ym',
    `SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, classification, ${ym('received_on')}, count(*)
      FROM clue GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  ],
  [
    // Migration 0088: the same counts keyed by the undertaking org alone (the scoped clues' undertaking arm).
    'cockpit_clue_undertaking_agg',
    'commission_id, year, undertaking_org_id, classification, sector_code, state',
    'SELECT commission_id, year, undertaking_org_id, classification, sector_code, state, count(*) FROM clue GROUP BY 1, 2, 3, 4, 5, 6',
  ],
  [
    'cockpit_clue_undertaking_month_agg',
    'commission_id, year, undertaking_org_id, classification, received_ym',
    `SELECT commission_id, year, undertaking_org_id, classification, ${ym('received_on')}, count(*) FROM clue GROUP BY 1, 2, 3, 4, 5`,
  ],
  [
    'cockpit_clue_org_triple_agg',
    'commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id',
    'SELECT commission_id, year, receiving_org_id, undertaking_org_id, subject_org_id, count(*) FROM clue GROUP BY 1, 2, 3, 4, 5',
  ],
  [
    'cockpit_campaign_agg',
    'commission_id, year, lead_org_id, domain, state',
    'SELECT commission_id, year, lead_org_id, domain, state, count(*) FROM campaign GROUP BY 1, 2, 3, 4, 5',
  ],
];

export const COCKPIT_RECOUNTS: Recount[] = COCKPIT_RAW.map(([table, keys, recount]) => [table, keys, sql.raw(recount)]);

/**
 * Each casework aggregate (0058, 0062, 0066) with its recount from the base table (the due kinds from
 * clues/overdue-kinds.ts itself; the case limits from OVERDUE_SQL compiled for `db`).
 */
export function caseworkRecounts(db: Pick<Db, 'getExecutor'>): Recount[] {
  const far = '9999-12-31';
  return [
    [
      'casework_clue_agg',
      'commission_id, received_ym, source, proposed_method, state, closed_kind',
      sql`SELECT commission_id, (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, source, proposed_method,
            state, closed_kind, count(*) FROM clue GROUP BY 1, 2, 3, 4, 5, 6`,
    ],
    [
      'casework_clue_org_agg',
      'commission_id, received_year, undertaking_org_id, state',
      sql`SELECT commission_id, extract(year FROM received_on)::int, undertaking_org_id, state, count(*) FROM clue GROUP BY 1, 2, 3, 4`,
    ],
    [
      'casework_case_due_agg',
      'commission_id, kind, due_on',
      // OVERDUE_SQL's own predicates (aliased c) with the due day moved to the end of time: the limits that run.
      sql.join(
        (['TRIAL_DUE', 'DECISION_ANNOUNCE_DUE', 'EXECUTION_DUE'] as const).map(
          (kind) => sql`SELECT c.commission_id, ${kind}::text, ${sql.ref(`c.${CASE_DUE_COLUMNS[kind]}`)}, count(*) FROM case_file c
            WHERE ${sql.raw(runningCaseLimit(db, kind))} GROUP BY 1, 2, 3`,
        ),
        sql` UNION ALL `,
      ),
    ],
    [
      'casework_clue_due_agg',
      'commission_id, undertaking_org_id, kind, due_on',
      // A limit runs when it is due by the end of time (dueBy with the farthest day): grouped by its own due column.
      sql.join(
        CLUE_OVERDUE_KIND_LIST.map(
          (kind) => sql`SELECT c.commission_id, c.undertaking_org_id, ${kind}::text, ${sql.ref(`c.${dueColumn(kind)}`)}, count(*) FROM clue c
            WHERE ${dueBy(kind, far, 'c')} GROUP BY 1, 2, 3, 4`,
        ),
        sql` UNION ALL `,
      ),
    ],
    [
      'casework_clue_due_key_agg',
      'commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind, due_on',
      // Every running limit under its own due day, the days up to today as one bucket (NULL): what every reader from
      // today on sums (migration 0062 keeps a limit due before the cutoff under NULL, the others under their day).
      sql.join(
        CLUE_OVERDUE_KIND_LIST.map(
          (kind) => sql`SELECT c.commission_id, c.undertaking_org_id, c.receiving_org_id, c.subject_org_id, c.classification, ${kind}::text,
              CASE WHEN ${sql.ref(`c.${dueColumn(kind)}`)} > ${todayIso()}::date THEN ${sql.ref(`c.${dueColumn(kind)}`)} END, count(*) FROM clue c
            WHERE ${dueBy(kind, far, 'c')} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
        ),
        sql` UNION ALL `,
      ),
      sql`SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, kind,
            CASE WHEN due_on > ${todayIso()}::date THEN due_on END, sum(n) FROM casework_clue_due_key_agg GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(n) <> 0`,
    ],
    [
      'casework_clue_intake_key_agg',
      'commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_ym, source',
      sql`SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification,
            (extract(year FROM received_on) * 100 + extract(month FROM received_on))::int, source, count(*) FROM clue GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    ],
    [
      'casework_clue_disposition_key_agg',
      'commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, received_year, proposed_method, state, closed_kind',
      sql`SELECT commission_id, undertaking_org_id, receiving_org_id, subject_org_id, classification, extract(year FROM received_on)::int,
            proposed_method, state, closed_kind, count(*) FROM clue GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
    ],
    [
      'casework_case_due_key_agg',
      'commission_id, lead_org_id, classification, kind, due_on',
      // OVERDUE_SQL's running limits under their due day, the days up to today as one bucket (NULL), as for the clues.
      sql.join(
        (['TRIAL_DUE', 'DECISION_ANNOUNCE_DUE', 'EXECUTION_DUE'] as const).map(
          (kind) => sql`SELECT c.commission_id, c.lead_org_id, c.classification, ${kind}::text,
              CASE WHEN ${sql.ref(`c.${CASE_DUE_COLUMNS[kind]}`)} > current_date THEN ${sql.ref(`c.${CASE_DUE_COLUMNS[kind]}`)} END, count(*) FROM case_file c
            WHERE ${sql.raw(runningCaseLimit(db, kind))} GROUP BY 1, 2, 3, 4, 5`,
        ),
        sql` UNION ALL `,
      ),
      sql`SELECT commission_id, lead_org_id, classification, kind, CASE WHEN due_on > current_date THEN due_on END, sum(n)
            FROM casework_case_due_key_agg GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0`,
    ],
    [
      'casework_case_key_agg',
      'commission_id, lead_org_id, classification, filed_year, created_q, state, decided',
      sql`SELECT commission_id, lead_org_id, classification, extract(year FROM filed_on)::int, CASE WHEN filed_on IS NULL THEN ${sql.raw(q15('created_at'))} END,
            state, decided_on IS NOT NULL, count(*) FROM case_file GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    ],
    [
      'casework_case_agg',
      'commission_id, filed_year, created_q, lead_org_id, state, decided',
      sql`SELECT commission_id, extract(year FROM filed_on)::int, CASE WHEN filed_on IS NULL THEN ${sql.raw(q15('created_at'))} END, lead_org_id, state,
            decided_on IS NOT NULL, count(*) FROM case_file GROUP BY 1, 2, 3, 4, 5, 6`,
    ],
  ];
}

const CASE_DUE_COLUMNS = { TRIAL_DUE: 'trial_due', DECISION_ANNOUNCE_DUE: 'decision_announce_due', EXECUTION_DUE: 'execution_report_due' } as const;

/** OVERDUE_SQL[kind]'s text with its day moved to the end of time: the limit runs (and has a due day). */
function runningCaseLimit(db: Pick<Db, 'getExecutor'>, kind: keyof typeof CASE_DUE_COLUMNS): string {
  const compiled = OVERDUE_SQL[kind].compile(db).sql;
  expect(compiled).toContain('<= current_date');
  return compiled.replace('<= current_date', "<= '9999-12-31'::date");
}

function dueColumn(kind: string): string {
  return {
    PROPOSAL_DUE: 'propose_due',
    ACKNOWLEDGE_DUE: 'acknowledge_due',
    INQUIRY_REPLY_DUE: 'inquiry_reply_due',
    INQUIRY_REPORT_DUE: 'inquiry_report_due',
    HOLD_REVIEW_DUE: 'hold_review_due',
    ASSIGNED_CASE_DUE: 'assigned_case_due',
    FEEDBACK_DUE: 'feedback_due',
  }[kind]!;
}
