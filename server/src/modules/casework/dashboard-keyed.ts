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

/** The org arms alone (no scope, no other arms) over the row or aggregate row aliased `t`. */
const orgArmsOf = (arms: KeyedArms) => (t: string) => armsPredicate({ book: false, scope: sql<boolean>`true`, keyed: arms.keyed, rest: [] }, t);
const hasOrgArms = (arms: KeyedArms) => arms.keyed.some((k) => k.orgIds.length > 0);

/**
 * The corrections beside the aggregate rows: the clues only the other arms show (scope and not an org arm), and those of
 * the org arms within the clearance the reader is recused from (to be subtracted).
 */
function corrections(ctx: Ctx, arms: KeyedArms, kind: 'clue' | 'due', statements: RowStatements): { plus?: RawBuilder<unknown>; minus?: RawBuilder<unknown> } {
  const cid = ctx.actor.commissionId;
  const orgArms = orgArmsOf(arms);
  const others = [...arms.rest, ...(arms.keyedBy ?? []).map((k) => sql<boolean>`${sql.ref(`c.${k.column}`)} = ANY(${k.keys})`)];
  return {
    plus: others.length
      ? statements({ book: false, scope: sql<boolean>`(${arms.scope} AND NOT coalesce(${orgArms('c')}, false))`, keyed: [], rest: others })[kind]
      : undefined,
    minus: hasOrgArms(arms)
      ? statements({
          book: true,
          scope: sql<boolean>`(c.commission_id = ${cid}::uuid AND NOT (c.classification = ANY(${classificationsAbove(ctx.actor)}::text[])) AND ${orgArms('c')}
            AND c.id = ANY(ARRAY(SELECT rc.object_id FROM recusal rc WHERE rc.user_id = ${ctx.actor.userId}::uuid AND rc.object_type = 'clue')))`,
          keyed: [],
          rest: [],
        })[kind]
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
    const { plus, minus } = corrections(ctx, arms, 'clue', statements);
    if (plus) out.rows.push({ sign: 1, statement: plus as RawBuilder<ClueRow> });
    if (minus) out.rows.push({ sign: -1, statement: minus as RawBuilder<ClueRow> });
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
export function scopedDueParts(ctx: Ctx, arms: KeyedArms, today: string, orgId: string | null, statements: RowStatements): RawBuilder<DueRow>[] {
  const cid = ctx.actor.commissionId;
  const orgArms = orgArmsOf(arms);
  const above = classificationsAbove(ctx.actor);
  const parts: RawBuilder<DueRow>[] = [];
  if (hasOrgArms(arms))
    parts.push(sql<DueRow>`SELECT a.undertaking_org_id AS org_id, a.kind, sum(a.n)::int AS n FROM casework_clue_due_key_agg a
      WHERE a.commission_id = ${cid}::uuid AND NOT (a.classification = ANY(${above}::text[])) AND ${orgArms('a')}
        AND (a.due_on IS NULL OR a.due_on <= ${today}::date) ${orgId ? sql`AND a.undertaking_org_id = ${orgId}::uuid` : sql``}
      GROUP BY 1, 2`);
  const { plus, minus } = corrections(ctx, arms, 'due', statements);
  if (plus) parts.push(plus as RawBuilder<DueRow>);
  if (minus) parts.push(sql<DueRow>`SELECT r.org_id, r.kind, -r.n AS n FROM (${minus}) r`);
  return parts;
}
