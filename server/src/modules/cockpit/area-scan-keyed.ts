import { type RawBuilder, sql } from 'kysely';
import { ClassificationSchema } from '@liandong/domain/access/enums';
import { type Actor, classificationsAbove } from '../../platform/access';
import { type KeyedArms, keyedRowsSql } from '../../platform/keyed-page';
import { visibleRows } from './area-scan';

/*
 * 监督质效 cockpit (issue 15): the rows of the clue and letter areas for scoped callers — the clues of a wide scope
 * summed from the per-org aggregates of 0071 with exact corrections (`scopedClueScan`), the letters per org or from the
 * year's letters (`scopedLetterRows`), and the other arms read apart (`visibleRowsApart`). The task and item areas and
 * `scan` itself are in area-scan.ts.
 */

/**
 * Up to this many (org column, org) probes a scoped caller's clues are read row by row as before (keyedRowsSql: each org
 * of each arm from the clue's covering index); above it they are summed from the aggregates of migration 0071, each arm
 * probed per org of the scope (migration 0079's indexes), up to CLUE_YEAR_KEYS_LIMIT, or above that the year's keys read
 * once (index-only) and each tested against the arms' orgs hashed (`IN (SELECT unnest(…))`).
 * Measured at full scale (bench/cockpit-areas.ts, one connection, PostgreSQL ms per miss for the clues), before 0079: a
 * group (75 probes) 4.7 row by row, 7.3 the year's keys; a county (258) 21.9 and 27.0; an inspection office (516) 39.3
 * and 31.8; a 分管领导 31.1 and 15.5 — the aggregates' 18,557 + 23,859 keys of a year cost about as much as a county's
 * own clues. The probes read only the scope's own keys: after 0079 (bench/cockpit-clue-plans.ts, the three plans
 * alternated on one connection, load average ~10 on 2 cores, so each figure is inflated several times; rows / year's keys
 * / probes) a group 1.8 / 54.0 / 1.6, a county 42.1 / 41.6 / 17.9, an office 144.5 / 58.6 / 36.6, a 分管领导 131.6 / 74.5
 * / 45.5.
 */
export const ORG_PROBE_LIMIT = 0;

/** Above this many (org column, org) probes the clue aggregates' keys of the year are read once (see ORG_PROBE_LIMIT). */
export const CLUE_YEAR_KEYS_LIMIT = 100_000;

/** The org-keyed arms of `arms` on `columns` (none empty), or undefined when an arm keys another column or a gathered set. */
function orgKeyed(arms: KeyedArms, columns: readonly string[]): KeyedArms['keyed'] | undefined {
  const keyed = arms.keyed.filter((k) => k.orgIds.length);
  if (keyed.some((k) => !columns.includes(k.column)) || arms.keyedBy?.length || !keyed.length) return undefined;
  return keyed;
}

/** The number of distinct (column, org) probes of the arms. */
const probeCount = (keyed: KeyedArms['keyed']) => {
  const seen = new Set<string>();
  for (const k of keyed) for (const o of k.orgIds) seen.add(`${k.column}\u0000${o}`);
  return seen.size;
};

/** The org lists of the org-keyed arms per column (each org once), in the order of `columns`. */
function orgLists(keyed: KeyedArms['keyed'], columns: readonly string[]): [string, string[]][] {
  const byColumn = new Map<string, Set<string>>();
  for (const k of keyed) {
    const set = byColumn.get(k.column) ?? new Set<string>();
    for (const o of k.orgIds) set.add(o);
    byColumn.set(k.column, set);
  }
  return columns.filter((c) => byColumn.has(c)).map((c) => [c, [...(byColumn.get(c) ?? [])]]);
}

/** `O`, the OR of the org-keyed arms over a row aliased `t`, each org list a hashed set. */
function orgArms(keyed: KeyedArms['keyed']): (t: string) => RawBuilder<boolean> {
  const byColumn = new Map<string, Set<string>>();
  for (const k of keyed) {
    const set = byColumn.get(k.column) ?? new Set<string>();
    for (const o of k.orgIds) set.add(o);
    byColumn.set(k.column, set);
  }
  return (t: string) =>
    sql<boolean>`(${sql.join(
      [...byColumn].map(([column, orgs]) => sql`${sql.ref(`${t}.${column}`)} IN (SELECT unnest(${[...orgs]}::uuid[]))`),
      sql` OR `,
    )})`;
}

/** The classification of a row aliased `t` is one the caller is cleared for (recordVisible's own list). */
const clearedFor = (a: Actor, t: string) => {
  const above = classificationsAbove(a);
  return sql<boolean>`${sql.ref(`${t}.classification`)} = ANY(${ClassificationSchema.options.filter((c) => !above.includes(c))}::text[])`;
};

/** The ids of the caller's recusals of a kind, gathered once per statement. */
const recusedIds = (a: Actor, type: string) =>
  sql`ARRAY(SELECT rc.object_id FROM recusal rc WHERE rc.user_id = ${a.userId}::uuid AND rc.object_type = ${type})`;

/** The org columns of clueVisible's keyed arms, summed from cockpit_clue_org_agg (migration 0071). */
// The undertaking org first: the largest arm, and the one a row of the dimension is keyed by.
const CLUE_ARM_COLUMNS: readonly string[] = ['undertaking_org_id', 'receiving_org_id', 'subject_org_id'];

/**
 * A scoped caller's clues of the year from the aggregate with exact corrections (issue 12: an inspection office's miss
 * read its 16,000 clues row by row). clueVisible = scope ∧ (O ∨ R), O the org arms (the receiving, undertaking or
 * subject org in the caller's orgs, the owner orgs of 信息互通 category grants), R the others (teams, 专班, named
 * grants); scope the commission, the clearance and no recusal. Its count is |O ∧ cleared| − |O ∧ cleared ∧ recused| +
 * |R ∧ scope ∧ ¬O|:
 *  - |O ∧ cleared| from cockpit_clue_org_agg, keyed by all three org columns (a clue several arms reach is one row,
 *    counted once) and the classification (the clearance a filter over it);
 *  - the recused clues of O: found through the caller's few recusals, tested against the predicate's own scope, each
 *    subtracted;
 *  - R ∧ scope ∧ ¬O: the other arms' clues outside those orgs, read as the ledger does (keyedRowsSql), each added.
 * A clue-book reader (信访室) is O = every clue. The rows carry undertaking_org_id, sector_code, state and received_ym
 * (year × 100 + month of receipt) and the weight `n`. Undefined when the arms are not the three org columns or there
 * is no org arm (the other arms alone are small: the rows as before).
 */
export function scopedClueScan(
  a: Actor,
  arms: KeyedArms,
  p: { year: number; orgId: string | null; sector: string | null },
  kind: 'figures' | 'series' | 'both',
  probeLimit = ORG_PROBE_LIMIT,
  yearKeysLimit = CLUE_YEAR_KEYS_LIMIT,
  // false: the undertaking and subject arms from 0071's aggregates as before migration 0088 (the bench's comparison).
  undertakingAgg = true,
  // The 信息互通 named clues, left out of `arms.rest` (clueVisibleArms `namedApart`): read apart, see `named` below.
  named: readonly string[] = [],
): RawBuilder<unknown> | undefined {
  // The months are summed without the sector (cockpit_clue_org_month_agg): a sector filter reads the rows.
  if (kind !== 'figures' && p.sector) return undefined;
  const keyed = arms.book ? [] : orgKeyed(arms, CLUE_ARM_COLUMNS);
  if (!keyed || (!arms.book && probeCount(keyed) <= probeLimit)) return undefined;
  // Each arm probed per org (migration 0079), the arms made disjoint; or, for the book and the widest scopes, the year's keys.
  const probes = arms.book || probeCount(keyed) > yearKeysLimit ? undefined : orgLists(keyed, CLUE_ARM_COLUMNS);
  const inO = arms.book ? () => sql<boolean>`true` : orgArms(keyed);
  const cid = a.commissionId;
  const filters = (t: string, offIndex = false) =>
    sql<boolean>`${offIndex ? sql`${sql.ref(`${t}.year`)} + 0` : sql.ref(`${t}.year`)} = ${p.year} AND ${p.orgId ? sql`${sql.ref(`${t}.undertaking_org_id`)} = ${p.orgId}::uuid` : sql`true`}
      AND ${p.sector ? sql`${sql.ref(`${t}.sector_code`)} = ${p.sector}` : sql`true`}`;
  const receivedYm = sql`(extract(year FROM c.received_on) * 100 + extract(month FROM c.received_on))::int`;
  const added = arms.book
    ? sql`SELECT NULL::uuid, NULL::text, NULL::text, NULL::int, 0::bigint, 3 WHERE false`
    : keyedRowsSql({
        table: 'clue',
        alias: 'c',
        arms: { book: false, scope: arms.scope, keyed: [], rest: arms.rest },
        // The year kept off the indexes (visibleRowsApart): the other arms' small sets, never ANDed with the year's bitmap.
        filters: [filters('c', true), sql<boolean>`NOT coalesce(${inO('c')}, false)`],
        columns: [sql`c.undertaking_org_id`, sql`c.sector_code`, sql`c.state`, sql`${receivedYm} AS received_ym`, sql`1::bigint AS n`, sql`3 AS part`],
      });
  // The named clues outside the org arms and the other arms (R's last arm, disjoint from the rest): each looked up by its
  // id, index-only (migration 0092 clue_cockpit_by_id: every column the predicate and the figures read), never a heap
  // row. In one BitmapOr with the other arms, an office's ~574 named clues read ~573 heap pages per miss.
  const namedRest = arms.rest.length ? sql<boolean>` AND NOT coalesce((${sql.join(arms.rest, sql` OR `)}), false)` : sql``;
  const namedPart =
    named.length && !arms.book
      ? sql`UNION ALL
    SELECT c.undertaking_org_id, c.sector_code, c.state, ${receivedYm}, 1::bigint, 3 FROM clue c
      WHERE c.id = ANY(${[...new Set(named)]}::uuid[]) AND ${arms.scope} AND ${filters('c', true)} AND NOT coalesce(${inO('c')}, false)${namedRest}`
      : sql``;
  // `part`: 1 a row of the figures' aggregate, 2 of the months' (no org key: it makes no row of the dimension), 3 a
  // correction, counted in both (the same filters: the months are summed only without a sector filter).
  const summedOf = (which: 'figures' | 'series') => {
    const table = which === 'figures' ? 'cockpit_clue_org_agg' : 'cockpit_clue_org_month_agg';
    const columns =
      which === 'figures'
        ? [sql`g.undertaking_org_id`, sql`g.sector_code`, sql`g.state`, sql`NULL::int AS received_ym`, sql`g.n`, sql`1 AS part`]
        : [
            kind === 'both' ? sql`NULL::uuid AS undertaking_org_id` : sql`g.undertaking_org_id`,
            sql`NULL::text AS sector_code`,
            sql`NULL::text AS state`,
            sql`g.received_ym`,
            sql`g.n`,
            sql`2 AS part`,
          ];
    const gFilters = sql<boolean>`g.commission_id = ${cid}::uuid AND ${
      which === 'figures' ? filters('g') : sql<boolean>`g.year = ${p.year} AND ${p.orgId ? sql`g.undertaking_org_id = ${p.orgId}::uuid` : sql`true`}`
    } AND ${clearedFor(a, 'g')}`;
    if (!probes) return sql`SELECT ${sql.join(columns)} FROM ${sql.table(table)} g WHERE ${gFilters} AND ${inO('g')}`;
    // Each arm one index scan of its column's index (migration 0079) over the org list as an opaque array (keyed-page.ts
    // `opaqueKeys`: not estimated org by org, so the named statement's generic plan is kept; PostgreSQL 18 walks the
    // sorted array through the index, skipping between keys), each later arm leaving out the keys of the arms before it
    // (a hashed subplan), so that every key counts once. Measured at full scale on an office's 786 orgs (the undertaking
    // arm, 3,125 keys): 3.7 ms, against 5.8 per org (a LATERAL probe each) and 10.6 the year's keys hashed.
    const parts: RawBuilder<unknown>[] = [];
    const before: RawBuilder<boolean>[] = [];
    // The same conditions over a row of the org triples' aggregate (migration 0088), aliased `tr`.
    const beforeTr: RawBuilder<boolean>[] = [];
    const undertaking = new Set(probes.find(([c]) => c === 'undertaking_org_id')?.[1] ?? []);
    for (const [column, orgs] of probes) {
      const col = sql.ref(`g.${column}`);
      if (column === 'undertaking_org_id' && undertakingAgg) {
        // The undertaking arm (always the first) from the per-undertaking-org aggregates of migration 0088: the same
        // counts without the receiving and subject org, which this arm never tests (an office: 403 keys, not 3,125).
        const folded = which === 'figures' ? 'cockpit_clue_undertaking_agg' : 'cockpit_clue_undertaking_month_agg';
        parts.push(sql`(SELECT ${sql.join(columns)} FROM ${sql.table(folded)} g
          WHERE ${col} = ANY((SELECT ${orgs}::uuid[])::uuid[]) AND ${gFilters})`);
        before.push(sql<boolean>`(${col} IS NULL OR ${col} NOT IN (SELECT unnest(${orgs}::uuid[])))`);
        beforeTr.push(sql<boolean>`(${sql.ref(`tr.${column}`)} IS NULL OR ${sql.ref(`tr.${column}`)} NOT IN (SELECT unnest(${orgs}::uuid[])))`);
        continue;
      }
      if (column === 'subject_org_id' && undertakingAgg && beforeTr.length) {
        // The subject arm (the last) through the org triples of its orgs (migration 0088): the triples the arms before
        // it leave (an office: 33 of 398), then each triple's keys of this aggregate by its unique key (the undertaking
        // org NULL in a part of its own, so that both parts are index conditions). A triple of no clue (n = 0) has keys
        // of n = 0 only: left out.
        const keyOf = (undertaking: RawBuilder<boolean>) => sql`SELECT ${sql.join(columns)} FROM ${sql.table(table)} g
          WHERE g.receiving_org_id = tr.receiving_org_id AND ${undertaking} AND g.subject_org_id = tr.subject_org_id AND ${gFilters}`;
        parts.push(sql`(SELECT x.* FROM (SELECT tr.receiving_org_id, tr.undertaking_org_id, tr.subject_org_id FROM cockpit_clue_org_triple_agg tr
          WHERE tr.subject_org_id = ANY((SELECT ${orgs}::uuid[])::uuid[]) AND tr.commission_id = ${cid}::uuid AND tr.year = ${p.year} AND tr.n <> 0
            AND ${sql.join(beforeTr, sql` AND `)}) tr
          CROSS JOIN LATERAL (${keyOf(sql<boolean>`g.undertaking_org_id = tr.undertaking_org_id`)}
            UNION ALL ${keyOf(sql<boolean>`tr.undertaking_org_id IS NULL AND g.undertaking_org_id IS NULL`)}) x)`);
        continue;
      }
      const notBefore = before.length ? sql.join(before, sql` AND `) : sql`true`;
      // A key received and undertaken by the same org, when the undertaking arm (read before) holds every org of the
      // receiving arm, is one that arm counted: left out here by the partial indexes of migration 0085, never read.
      const apart =
        column === 'receiving_org_id' && orgs.every((o) => undertaking.has(o)) ? sql` AND g.receiving_org_id IS DISTINCT FROM g.undertaking_org_id` : sql``;
      parts.push(sql`(SELECT ${sql.join(columns)} FROM ${sql.table(table)} g
        WHERE ${col} = ANY((SELECT ${orgs}::uuid[])::uuid[]) AND ${gFilters} AND ${notBefore}${apart})`);
      before.push(sql<boolean>`(${col} IS NULL OR ${col} NOT IN (SELECT unnest(${orgs}::uuid[])))`);
      beforeTr.push(sql<boolean>`(${sql.ref(`tr.${column}`)} IS NULL OR ${sql.ref(`tr.${column}`)} NOT IN (SELECT unnest(${orgs}::uuid[])))`);
    }
    return sql.join(parts, sql` UNION ALL `);
  };
  const summed = kind === 'both' ? sql`${summedOf('figures')} UNION ALL ${summedOf('series')}` : summedOf(kind);
  return sql`(
    ${summed}
    UNION ALL
    SELECT c.undertaking_org_id, c.sector_code, c.state, ${receivedYm}, -1::bigint, 3 FROM clue c
      WHERE c.id = ANY(${recusedIds(a, 'clue')}) AND c.commission_id = ${cid}::uuid AND ${filters('c')} AND ${clearedFor(a, 'c')} AND ${inO('c')}
        AND (${arms.scope}) IS NOT TRUE
    UNION ALL
    (${added})
    ${namedPart}) c`;
}

/**
 * Above this many (org column, org) probes a scoped caller's letters of the year are read in one pass over the year's
 * letters (index-only, migration 0075 letter_cockpit_year) with the arms' org lists hashed; up to it per org of each arm
 * (keyedRowsSql over letter_cockpit_drafting, _recipient, _case_lead). The letters of a year are few (full scale, 2026:
 * 7,008): an office's 800 orgs × 3 arms probed one by one cost more than the year read once. Measured at full scale
 * (bench/cockpit-areas.ts, one connection, PostgreSQL ms per miss for the letters, load average ~10 on 2 cores): a group
 * (75 probes) 7.7 and 4.0 per org, 9.7 and 7.6 the year once; a county (258) 13.7 and 20.3 per org, 11.0 and 11.7 once
 * — fewer statements to plan (2 parts, not 4) is most of the year's advantage.
 */
export const LETTER_PROBE_LIMIT = 120;

/** The letter's columns that letterVisibleParts' scope reads (the stored variant: migration 0063). */
const LETTER_SCOPE_COLUMNS = ['id', 'commission_id', 'classification', 'case_id', 'case_classification', 'drafting_org_id', 'recipient_org_id', 'campaign_id'];

/**
 * The letters a scoped caller sees (`parts`: letterVisibleParts with the case read off the letter), with `filters`
 * (the ledger's year and the org filter over `r`), as a relation aliased `r` of the named columns: arm by arm when the
 * scope is small (`visibleRows`), else the year's letters each tested against the whole predicate (`scope ∧ (D ∨ R ∨ K ∨
 * rest)`, each org list a hashed set) — the same rows either way. `year`: the ledger's year written as two disjoint
 * ranges of letter_cockpit_year (the document year; no document year and created in the year), each index-only.
 */
export function scopedLetterRows(
  parts: KeyedArms,
  year: { docYear: number; createdFrom: RawBuilder<unknown>; createdTo: RawBuilder<unknown> },
  filters: RawBuilder<boolean>[],
  columns: readonly string[],
  probeLimit = LETTER_PROBE_LIMIT,
  // The same parts with their sets hashed (letterVisibleParts `hashedSets`), for the year's pass: see below.
  hashedParts: KeyedArms = parts,
): RawBuilder<unknown> {
  const keyed = parts.keyed.filter((k) => k.orgIds.length);
  const inYear = sql<boolean>`(r.doc_year = ${year.docYear} OR (r.doc_year IS NULL AND r.created_at >= ${year.createdFrom} AND r.created_at < ${year.createdTo}))`;
  if (parts.book) return visibleRows('letter', 'r', parts, [inYear, ...filters], columns);
  if (parts.keyedBy?.length || probeCount(keyed) <= probeLimit) {
    // Per org of each arm, the arms' rows gathered first and the scope tested once over them (fenced: OFFSET 0). The
    // scope (clearance, recusals, the case's clearance or another arm, the 专班's campaigns) is a handful of subplans;
    // in each of the four parts it was planned four times (a group: ~3 of the letters' 4 ms a miss were planning).
    const all = [...new Set([...columns, ...LETTER_SCOPE_COLUMNS])];
    const rows = keyedRowsSql({
      table: 'letter',
      alias: 'r',
      arms: { ...parts, scope: sql<boolean>`true` },
      filters: [inYear, ...filters],
      columns: all.map((c) => sql`${sql.ref(`r.${c}`)} AS ${sql.ref(c)}`),
    });
    const cols = sql.join(columns.map((c) => sql.ref(`r.${c}`)));
    return sql`(SELECT ${cols} FROM (SELECT * FROM (${rows}) ra OFFSET 0) r WHERE ${parts.scope}) r`;
  }
  // Every letter of the year is tested against the whole predicate, so each set is hashed once per statement
  // (`hashedParts`): the letter's case among the caller's team and 专班 cases as `= ANY(ARRAY(…))` searched its list
  // linearly on every letter no org arm admits (an office: 128 cases × ~5,700 letters, ~11 of the area's ~27 ms).
  const arms = [...(keyed.length ? [orgArms(keyed)('r')] : []), ...hashedParts.rest];
  const where = sql<boolean>`${hashedParts.scope} AND (${arms.length ? sql.join(arms, sql` OR `) : sql`false`})${
    filters.length ? sql` AND ${sql.join(filters, sql` AND `)}` : sql``
  }`;
  const cols = sql.join(columns.map((c) => sql`${sql.ref(`r.${c}`)} AS ${sql.ref(c)}`));
  return sql`(SELECT ${cols} FROM letter r WHERE r.doc_year = ${year.docYear} AND ${where}
    UNION ALL
    SELECT ${cols} FROM letter r WHERE r.doc_year IS NULL AND r.created_at >= ${year.createdFrom} AND r.created_at < ${year.createdTo} AND ${where}) r`;
}

/**
 * `visibleRows` with the other arms (teams, 专班, named grants: small sets gathered at run time) read under their own
 * filters (`restFilters`): the org arms per org with the year as an index condition, the others by their own keys with
 * the year written so that no index takes it (`c.year + 0`) — else the planner ANDs the small sets' bitmap with the
 * whole year's (full scale: 90,361 clues of 2026, 8 ms of a group's 10). The same rows: the other arms' part leaves out
 * the org arms' rows (`NOT coalesce(O, false)`, as keyedRowsSql's own parts do). As `visibleRows` when there is no
 * other arm, no org arm, or gathered keys.
 */
export function visibleRowsApart(
  table: string,
  alias: string,
  arms: KeyedArms,
  filters: RawBuilder<boolean>[],
  restFilters: RawBuilder<boolean>[],
  columns: readonly string[],
  scopeColumns: readonly string[] = [],
): RawBuilder<unknown> {
  const keyed = arms.keyed.filter((k) => k.orgIds.length);
  if (arms.book || arms.keyedBy?.length || !arms.rest.length || !keyed.length) return visibleRows(table, alias, arms, filters, columns);
  // With `scopeColumns` (the row's columns the scope reads), the scope is tested once over the arms' rows (fenced:
  // OFFSET 0) instead of in every part: its subplans planned once.
  const onTop = scopeColumns.length > 0;
  const scope = onTop ? sql<boolean>`true` : arms.scope;
  const cols = [...new Set([...columns, ...scopeColumns])].map((c) => sql`${sql.ref(`${alias}.${c}`)} AS ${sql.ref(c)}`);
  const byOrg = keyedRowsSql({ table, alias, arms: { book: false, scope, keyed, rest: [] }, filters, columns: cols });
  const others = keyedRowsSql({
    table,
    alias,
    arms: { book: false, scope, keyed: [], rest: arms.rest },
    filters: [...restFilters, sql<boolean>`NOT coalesce(${orgArms(keyed)(alias)}, false)`],
    columns: cols,
  });
  if (!onTop) return sql`((${byOrg}) UNION ALL (${others})) ${sql.raw(alias)}`;
  const out = sql.join(columns.map((c) => sql.ref(`${alias}.${c}`)));
  return sql`(SELECT ${out} FROM (SELECT * FROM ((${byOrg}) UNION ALL (${others})) ra OFFSET 0) ${sql.raw(alias)} WHERE ${arms.scope}) ${sql.raw(alias)}`;
}
