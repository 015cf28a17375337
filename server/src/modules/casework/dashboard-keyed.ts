import type { ClosedKind, ClueSource, DispositionMethod, OverdueKind } from '@liandong/domain/clues/enums';
import { type RawBuilder, sql } from 'kysely';
import { classificationsAbove } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { armsPredicate, type KeyedArms } from '../../platform/keyed-page';

/*
 * A scoped reader's counts from the org-keyed aggregates (migration 0062: the running clue limits; migration 0066: the
 * year's intake and disposition), each keyed by the three org columns a scoped reader sees clues through (receiving,
 * undertaking, subject org) and the classification. What the reader's org arms and clearance select there, plus the
 * clues only its other arms show (teams, campaigns, single clues granted to it: small sets, counted row by row), less
 * the clues of the selected buckets it is recused from (by its recusal rows, counted row by row with a negative sign),
 * equals the count over the clues clueVisible lets it see (dashboard.test.ts compares both with the ledgers and with
 * recounts).
 */

/** The intake figures' rows: month of receipt × source. */
export interface IntakeRow {
  source: ClueSource;
  month: number;
  n: number;
}
/** The disposition figures' rows: proposed method × state × closed kind, by undertaking org (the by-department table). */
export interface DispositionRow {
  org_id: string | null;
  method: DispositionMethod | null;
  state: string;
  closed_kind: ClosedKind | null;
  n: number;
}
/** A row of the clue statements over the base rows: both figures at once. */
export type ClueRow = IntakeRow & DispositionRow;
export interface DueRow {
  org_id: string | null;
  kind: OverdueKind;
  n: number;
}

/** The statements over the base rows (dashboard-counts.ts) for the clues some arms show, with the year and org filters. */
export type RowStatements = (arms: KeyedArms) => { clue: RawBuilder<ClueRow>; due: RawBuilder<DueRow> };

/**
 * Whether the reader has recusals of clues, of cases (a statement of recusal rows per kind less when it has none: each
 * carries the reader's org arms, and at small scale their planning costs more than the aggregates save).
 */
export type Recused = { clue: boolean; case: boolean };
const ALL_RECUSED: Recused = { clue: true, case: true };

/** The org arms alone (no scope, no other arms) over the row or aggregate row aliased `t`. */
const orgArmsOf = (arms: KeyedArms) => (t: string) => armsPredicate({ book: false, scope: sql<boolean>`true`, keyed: arms.keyed, rest: [] }, t);
const hasOrgArms = (arms: KeyedArms) => arms.keyed.some((k) => k.orgIds.length > 0);

/**
 * The corrections beside the aggregate rows, as arms for the row statements over the table aliased `t`: the objects only
 * the other arms show (scope and not an org arm), and those of the org arms within the clearance the reader is recused
 * from (to be subtracted).
 */
function corrections(ctx: Ctx, arms: KeyedArms, t: 'c' | 'k', objectType: 'clue' | 'case', recused: Recused): { plus?: KeyedArms; minus?: KeyedArms } {
  const cid = ctx.actor.commissionId;
  const orgArms = orgArmsOf(arms);
  const col = (c: string) => sql.ref(`${t}.${c}`);
  const others = [...arms.rest, ...(arms.keyedBy ?? []).map((k) => sql<boolean>`${col(k.column)} = ANY(${k.keys})`)];
  return {
    plus: others.length ? { book: false, scope: sql<boolean>`(${arms.scope} AND NOT coalesce(${orgArms(t)}, false))`, keyed: [], rest: others } : undefined,
    minus:
      hasOrgArms(arms) && recused[objectType]
        ? {
            book: true,
            scope: sql<boolean>`(${col('commission_id')} = ${cid}::uuid AND NOT (${col('classification')} = ANY(${classificationsAbove(ctx.actor)}::text[])) AND ${orgArms(t)}
            AND ${col('id')} = ANY(ARRAY(SELECT rc.object_id FROM recusal rc WHERE rc.user_id = ${ctx.actor.userId}::uuid AND rc.object_type = ${objectType})))`,
            keyed: [],
            rest: [],
          }
        : undefined,
  };
}

/**
 * The year's intake and disposition rows of a reader from casework_clue_intake_key_agg and
 * casework_clue_disposition_key_agg (migration 0066): `arms` null for a commission-wide reader's org filter (that
 * undertaking org's buckets, every classification), else a scoped reader's arms (the buckets its org arms and clearance
 * select, plus and minus the corrections). The org filter `orgId` keeps the buckets of that undertaking org (the row
 * statements carry it themselves).
 */
export function keyedClueParts(
  ctx: Ctx,
  arms: KeyedArms | null,
  year: number,
  orgId: string | null,
  statements: RowStatements,
  recused: Recused = ALL_RECUSED,
): { intake: RawBuilder<IntakeRow>[]; disposition: RawBuilder<DispositionRow>[]; rows: { sign: 1 | -1; statement: RawBuilder<ClueRow> }[] } {
  const cid = ctx.actor.commissionId;
  const where = (t: string): RawBuilder<boolean> =>
    sql.join(
      [
        sql<boolean>`${sql.ref(`${t}.commission_id`)} = ${cid}::uuid`,
        ...(arms ? [sql<boolean>`NOT (${sql.ref(`${t}.classification`)} = ANY(${classificationsAbove(ctx.actor)}::text[]))`, orgArmsOf(arms)(t)] : []),
        ...(orgId ? [sql<boolean>`${sql.ref(`${t}.undertaking_org_id`)} = ${orgId}::uuid`] : []),
      ],
      sql` AND `,
    ) as RawBuilder<boolean>;
  const out: ReturnType<typeof keyedClueParts> = { intake: [], disposition: [], rows: [] };
  if (!arms || hasOrgArms(arms)) {
    out.intake.push(sql<IntakeRow>`SELECT a.source, a.received_ym % 100 AS month, sum(a.n)::int AS n FROM casework_clue_intake_key_agg a
      WHERE ${where('a')} AND a.received_ym >= ${year * 100} AND a.received_ym < ${(year + 1) * 100}
      GROUP BY 1, 2`);
    out.disposition.push(sql<DispositionRow>`SELECT a.undertaking_org_id AS org_id, a.proposed_method AS method, a.state, a.closed_kind, sum(a.n)::int AS n
      FROM casework_clue_disposition_key_agg a WHERE ${where('a')} AND a.received_year = ${year}
      GROUP BY 1, 2, 3, 4`);
  }
  if (arms) {
    const { plus, minus } = corrections(ctx, arms, 'c', 'clue', recused);
    if (plus) out.rows.push({ sign: 1, statement: statements(plus).clue });
    if (minus) out.rows.push({ sign: -1, statement: statements(minus).clue });
  }
  return out;
}

/** The sums by `key` of several row sets, each with its sign (zero sums left out). */
export function sumRows<R extends { n: number }>(parts: { sign: 1 | -1; rows: R[] }[], key: (r: R) => string): R[] {
  const out = new Map<string, R>();
  for (const { sign, rows } of parts)
    for (const r of rows) {
      const k = key(r);
      const row = out.get(k) ?? { ...r, n: 0 };
      row.n += sign * r.n;
      out.set(k, row);
    }
  return [...out.values()].filter((r) => r.n !== 0);
}

export const intakeKey = (r: IntakeRow) => `${r.source}|${r.month}`;
export const dispositionKey = (r: DispositionRow) => `${r.org_id}|${r.method}|${r.state}|${r.closed_kind}`;
export const dueKey = (r: DueRow) => `${r.org_id}|${r.kind}`;

/**
 * A scoped reader's 超期 counts by department, as statements whose (org, kind, n) rows sum to the count over the clues
 * clueVisible lets it see (the definition of the rows statement `due`, which the test compares with the ledgers):
 * 1. the buckets of casework_clue_due_key_agg (migration 0062) that its org arms select (receiving, undertaking or
 *    subject org among its orgs, or a 信息互通 owner org), of a classification within its clearance, due by today
 *    (the NULL bucket is due before any today: see the migration) — some hundred rows per scope, not its clues;
 * 2. plus the clues only its other arms show (its clue and case teams, its campaigns, single clues granted to it:
 *    small sets, by their ids), counted row by row;
 * 3. less the clues of (1) it is recused from (by the recusal rows), counted row by row (the statement negates them).
 */
export function scopedDueParts(
  ctx: Ctx,
  arms: KeyedArms,
  today: string,
  orgId: string | null,
  statements: RowStatements,
  recused: Recused = ALL_RECUSED,
): RawBuilder<DueRow>[] {
  const cid = ctx.actor.commissionId;
  const orgArms = orgArmsOf(arms);
  const above = classificationsAbove(ctx.actor);
  const parts: RawBuilder<DueRow>[] = [];
  if (hasOrgArms(arms))
    parts.push(sql<DueRow>`SELECT a.undertaking_org_id AS org_id, a.kind, sum(a.n)::int AS n FROM casework_clue_due_key_agg a
      WHERE a.commission_id = ${cid}::uuid AND NOT (a.classification = ANY(${above}::text[])) AND ${orgArms('a')}
        AND (a.due_on IS NULL OR a.due_on <= ${today}::date) ${orgId ? sql`AND a.undertaking_org_id = ${orgId}::uuid` : sql``}
      GROUP BY 1, 2`);
  const { plus, minus } = corrections(ctx, arms, 'c', 'clue', recused);
  if (plus) parts.push(statements(plus).due);
  if (minus) parts.push(sql<DueRow>`SELECT r.org_id, r.kind, -r.n AS n FROM (${statements(minus).due}) r`);
  return parts;
}

export interface CaseRow {
  org_id: string;
  state: string;
  decided: boolean;
  n: number;
}

/**
 * The year's cases of a scoped reader (by lead org, state, decided) from casework_case_key_agg (migration 0066): the
 * buckets its lead-org arms (its scope, 信息互通 owner orgs) and clearance select — a case counts in the year of its
 * filing, a filing proposal in the local year of its creation (created_q is on a quarter hour, as every local midnight
 * is) — plus the cases only its other arms show (its case teams, the trial staff's cases, its campaigns' cases, single
 * cases granted), less the selected ones it is recused from; `caseRows` gives the row statement for some arms (with the
 * year and org filters).
 */
export function keyedCaseParts(
  ctx: Ctx,
  arms: KeyedArms,
  year: number,
  orgId: string | null,
  caseRows: (arms: KeyedArms) => RawBuilder<CaseRow>,
  recused: Recused = ALL_RECUSED,
): { sign: 1 | -1; statement: RawBuilder<CaseRow> }[] {
  const out: { sign: 1 | -1; statement: RawBuilder<CaseRow> }[] = [];
  if (hasOrgArms(arms)) {
    const local = sql`(a.created_q AT TIME ZONE current_setting('TimeZone'))::date`;
    out.push({
      sign: 1,
      statement: sql<CaseRow>`SELECT a.lead_org_id AS org_id, a.state, a.decided, sum(a.n)::int AS n FROM casework_case_key_agg a
        WHERE a.commission_id = ${ctx.actor.commissionId}::uuid AND NOT (a.classification = ANY(${classificationsAbove(ctx.actor)}::text[]))
          AND ${orgArmsOf(arms)('a')} ${orgId ? sql`AND a.lead_org_id = ${orgId}::uuid` : sql``}
          AND (a.filed_year = ${year} OR (a.filed_year IS NULL AND ${local} >= ${`${year}-01-01`}::date AND ${local} < ${`${year + 1}-01-01`}::date))
        GROUP BY 1, 2, 3`,
    });
  }
  const { plus, minus } = corrections(ctx, arms, 'k', 'case', recused);
  if (plus) out.push({ sign: 1, statement: caseRows(plus) });
  if (minus) out.push({ sign: -1, statement: caseRows(minus) });
  return out;
}

export const caseKey = (r: CaseRow) => `${r.org_id}|${r.state}|${r.decided}`;

/**
 * A scoped reader's case limits on the case's own dates (TRIAL_DUE, DECISION_ANNOUNCE_DUE, EXECUTION_DUE) from
 * casework_case_due_key_agg (migration 0066): the buckets its lead-org arms and clearance select, due by the database's
 * day (OVERDUE_SQL's current_date; the NULL bucket is due before any), plus the cases only its other arms show, less the
 * selected ones it is recused from. `arms` over a case_file aliased c; `limits` counts those kinds over some arms' cases
 * (one row of kind → n).
 */
export function keyedCaseDueParts(
  ctx: Ctx,
  arms: KeyedArms,
  orgId: string | null,
  kinds: readonly string[],
  limits: (arms: KeyedArms) => RawBuilder<Record<string, number>>,
  recused: Recused = ALL_RECUSED,
): { sign: 1 | -1; statement: RawBuilder<Record<string, number>> }[] {
  const out: { sign: 1 | -1; statement: RawBuilder<Record<string, number>> }[] = [];
  if (hasOrgArms(arms))
    out.push({
      sign: 1,
      statement: sql<Record<string, number>>`SELECT ${sql.join(
        kinds.map((k) => sql`coalesce(sum(a.n) FILTER (WHERE a.kind = ${k}), 0)::int AS ${sql.ref(k)}`),
        sql`, `,
      )}
        FROM casework_case_due_key_agg a
        WHERE a.commission_id = ${ctx.actor.commissionId}::uuid AND NOT (a.classification = ANY(${classificationsAbove(ctx.actor)}::text[]))
          AND ${orgArmsOf(arms)('a')} ${orgId ? sql`AND a.lead_org_id = ${orgId}::uuid` : sql``} AND (a.due_on IS NULL OR a.due_on <= current_date)`,
    });
  const { plus, minus } = corrections(ctx, arms, 'c', 'case', recused);
  if (plus) out.push({ sign: 1, statement: limits(plus) });
  if (minus) out.push({ sign: -1, statement: limits(minus) });
  return out;
}
