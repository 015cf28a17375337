/**
 * The scoped cockpit's figures (scans.ts: the visible rows counted arm by arm, keyed-page.ts `keyedRowsSql`) against
 * the ledgers: for random actors — groups, offices, counties, 分管领导, commission-wide scopes, case-team members (some
 * left), 专班 members, 信息互通 grant holders, recused accounts, low clearance — and random years, dimensions and org
 * filters, every figure of the total and of each row equals the ledger's exact total for the same caller: the clue and
 * case ledgers' own services (`ledgerPage`, `casePage` with `exact`), and for items, letters and tasks the ledgers'
 * predicates (`itemVisible`, `letterVisible`, `taskVisible`) counted over the whole table (the data set:
 * server/test/cockpit-figures-data.ts).
 */
import type { Role } from '@liandong/domain/access/enums';
import { CASE_STAGE_STATES } from '@liandong/domain/cases/contracts-core';
import { CaseListQuerySchema } from '@liandong/domain/cases/contracts';
import { CLUE_STATE_GROUPS } from '@liandong/domain/casework/contracts';
import { CLUE_OPEN } from '@liandong/domain/clues/machine';
import { ClueQuerySchema } from '@liandong/domain/clues/contracts';
import type { CockpitDimension, CockpitMetric } from '@liandong/domain/cockpit/contracts';
import { LETTER_ISSUED_STATES } from '@liandong/domain/reform/machine';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app';
import { cockpitFiguresData } from '../../../test/cockpit-figures-data';
import { actorFrom } from '../../../test/property-data';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { casePage } from '../cases';
import { ledgerPage } from '../clues';
import { REPLY_OVERDUE_SQL } from '../letters';
import { taskLightDates, taskLightIs } from '../reform';
import { itemVisible, lightDates, lightIs } from '../supervision';
import { type Grants, letterVisible, taskVisible } from '../visibility';
import { LETTER_REPLIED, TASK_NOT_DONE } from './areas';
import { computeFigures, TOTAL } from './scans';

let t: TestApp;
let commissionId: string;
let orgs: string[] = [];
let users: string[] = [];
let clueIds: string[] = [];
let caseIds: string[] = [];

beforeAll(async () => {
  ({ t, commissionId, orgs, users, clueIds, caseIds } = await cockpitFiguresData());
});
afterAll(() => t?.close());

/** The cockpit's scoped readers (and a trial role beside an office: the case and letter arms of 审理). */
const ROLE_SETS: Role[][] = [
  ['GROUP_STAFF'],
  ['OFFICE_STAFF'],
  ['COUNTY_STAFF'],
  ['DEPUTY_OR_MEMBER'],
  ['OFFICE_STAFF', 'TRIAL_STAFF'],
  // The clue arms of a commission-wide coordinator (its own org's clues) and of the clue book (信访室: every clue).
  ['CADRE_SUPERVISION'],
  ['PETITION_OFFICER'],
];

const actorArb = fc.record({
  roles: fc.constantFrom(...ROLE_SETS),
  wide: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  scope: fc.uniqueArray(fc.nat(39), { maxLength: 14 }),
  org: fc.nat(39),
  user: fc.nat(29),
  clearance: fc.constantFrom('PUBLIC', 'WORK_SECRET'),
  grantIds: fc.uniqueArray(fc.nat(219), { maxLength: 6 }),
  grantOwners: fc.uniqueArray(fc.nat(39), { maxLength: 3 }),
});
type ActorSpec = typeof actorArb extends fc.Arbitrary<infer A> ? A : never;

const paramsArb = fc.record({
  year: fc.constantFrom(2025, 2026),
  dimension: fc.constantFrom<CockpitDimension>('office', 'group', 'county', 'sector'),
  // Half the runs filtered to one org (the ledgers' org filter), half not: the aggregates' totals over whole scopes too.
  org: fc.option(fc.nat(39), { nil: undefined, freq: 1 }),
  // The clues summed from the aggregates, each arm probed per org (area-scan-keyed.ts ORG_PROBE_LIMIT 0, migration 0079) or
  // the year's keys read once with the arms hashed (CLUE_YEAR_KEYS_LIMIT 0), or row by row (ORG_PROBE_LIMIT above any scope).
  cluePlan: fc.constantFrom('probes', 'yearKeys', 'rows'),
  // The letters read per org of each arm, or the year's letters once with the arms hashed (area-scan.ts LETTER_PROBE_LIMIT 0).
  yearLetters: fc.boolean(),
  // The test's scopes are small (up to 14 orgs): the same orgs repeated stand for an office's scope of hundreds, over
  // supervision's LIST_HASH_ORGS (50: the items' lists found through the scope's orgs hashed), the same visible rows.
  longScope: fc.boolean(),
});

/** More entries than supervision/repo.ts LIST_HASH_ORGS (50; not on the module's face). */
const LONG_SCOPE = 60;

const actorOf = (s: ActorSpec): Actor => actorFrom({ commissionId, orgs, users }, s);

/** Synthetic 信息互通 grants on clues and cases: named objects and owner orgs (category grants). */
function grantsOf(s: ActorSpec): Grants {
  const owners = s.grantOwners.map((i) => orgs[i % orgs.length] as string);
  const entry = (ids: string[]) => ({ ids, fullIds: ids, owners, fullOwners: owners, byId: new Map(), byOwner: new Map() });
  if (!s.grantIds.length && !owners.length) return { byType: {}, fingerprint: '' };
  return {
    byType: {
      CLUE: entry(s.grantIds.map((i) => clueIds[i % clueIds.length] as string)),
      CASE: entry(s.grantIds.map((i) => caseIds[i % caseIds.length] as string)),
    },
    fingerprint: 'prop',
  };
}

type Figures = Map<string, Partial<Record<CockpitMetric, number>>>;

/** Counts per key (and in total) of a relation's rows by the metrics' conditions: the oracle's grouped count. */
async function countBy(
  from: ReturnType<typeof sql>,
  where: ReturnType<typeof sql>,
  key: string | null,
  metrics: [CockpitMetric, ReturnType<typeof sql> | null][],
): Promise<Figures> {
  const cols = sql.join(metrics.map(([m, c]) => sql`count(*) FILTER (WHERE ${c ?? sql`true`})::int AS ${sql.ref(m)}`));
  const { rows } = await sql<Record<string, number | string | null>>`SELECT ${key ? sql`${sql.ref(key)}::text` : sql`NULL::text`} AS k,
      GROUPING(${key ? sql.ref(key) : sql`NULL::text`}) AS g, ${cols} FROM ${from} WHERE ${where} GROUP BY ROLLUP (${key ? sql.ref(key) : sql`NULL::text`})`.execute(
    t.db,
  );
  const out: Figures = new Map();
  for (const r of rows) {
    const k = r.g === 1 ? TOTAL : (r.k as string | null);
    if (k === null || (key === null && r.g === 0)) continue;
    out.set(k, Object.fromEntries(metrics.map(([m]) => [m, Number(r[m])])));
  }
  return out;
}

describe('the scoped cockpit equals the ledgers', () => {
  it('for random actors, years, dimensions and org filters: every figure of the total and of every row', async () => {
    const [d, td] = await Promise.all([lightDates(t.db, commissionId), taskLightDates(t.db, commissionId)]);
    let nonZero = 0;
    await fc.assert(
      fc.asyncProperty(actorArb, paramsArb, async (spec, ps) => {
        const drawn = actorOf(spec);
        const actor =
          ps.longScope && !drawn.scope.wide && drawn.scope.orgIds.length
            ? {
                ...drawn,
                scope: { ...drawn.scope, orgIds: Array.from({ length: Math.ceil(LONG_SCOPE / drawn.scope.orgIds.length) }, () => drawn.scope.orgIds).flat() },
              }
            : drawn;
        const grants = grantsOf(spec);
        const ctx = { db: t.db, actor } as unknown as Ctx;
        const orgId = ps.org === undefined ? null : (orgs[ps.org] as string);
        const p = { year: ps.year, dimension: ps.dimension, orgId, sector: null };
        // The same synthetic grants for the cockpit (which else reads the caller's org's grants) and the ledgers.
        const shared = { use: 'any' as const, grants };
        const got = await computeFigures(ctx, p, {
          shared,
          orgProbeLimit: ps.cluePlan === 'rows' ? 100_000 : 0,
          clueYearKeysLimit: ps.cluePlan === 'yearKeys' ? 0 : undefined,
          letterProbeLimit: ps.yearLetters ? 0 : undefined,
        });
        const bySector = ps.dimension === 'sector';
        const orgIs = (c: string) => (orgId ? sql`${sql.ref(c)} = ${orgId}::uuid` : sql`true`);
        const year = ps.year;

        // Clues and cases: the ledgers' own services, exact totals, per key by the ledger's filter.
        const clueKey = bySector ? 'c.sector_code' : 'c.undertaking_org_id';
        const clueIdsSeen = (await ledgerPage(ctx, ClueQuerySchema.parse({ year }), 100_000, 0, { keyed: false, exact: true, shared })).ids;
        // The clues' series: the ledger's clues of the year by the month of receipt, when received in that year.
        const receivedByMonth = await sql<{ m: number; n: number }>`SELECT date_part('month', c.received_on)::int AS m, count(*)::int AS n FROM clue c
          WHERE c.id = ANY(${clueIdsSeen}::uuid[]) AND ${orgIs('c.undertaking_org_id')} AND extract(year FROM c.received_on) = ${year} GROUP BY 1`.execute(
          t.db,
        );
        if (got.readable.clues)
          expect(got.series.find((x) => x.key === 'cluesReceived')?.values, 'cluesReceived by month').toEqual(
            Array.from({ length: 12 }, (_, m) => receivedByMonth.rows.find((x) => x.m === m + 1)?.n ?? 0),
          );
        const clueRows = await countBy(sql`clue c`, sql`c.id = ANY(${clueIdsSeen}::uuid[]) AND ${orgIs('c.undertaking_org_id')}`, clueKey, [
          ['cluesReceived', null],
          ['cluesOpen', sql`c.state = ANY(${[...CLUE_OPEN]}::text[])`],
          ['cluesClosed', sql`c.state = ANY(${[...CLUE_STATE_GROUPS.CLOSED]}::text[])`],
        ]);
        const caseIdsSeen = (await casePage(ctx, { ...CaseListQuerySchema.parse({ year }), page: 1, pageSize: 100_000 }, { keyed: false, exact: true, grants }))
          .ids;
        const caseRows = await countBy(
          sql`case_file c`,
          sql`c.id = ANY(${caseIdsSeen}::uuid[]) AND ${orgIs('c.lead_org_id')}`,
          bySector ? 'c.sector_code' : 'c.lead_org_id',
          [
            ['casesFiled', null],
            ['casesClosed', sql`c.state = ANY(${[...CASE_STAGE_STATES.CLOSED]}::text[])`],
          ],
        );
        // Items, letters and tasks: the ledgers' predicates over the whole table.
        const itemRows = await countBy(
          sql`supervision_item i JOIN supervision_list l ON l.id = i.list_id`,
          sql`${itemVisible(actor)} AND i.year = ${year} AND ${orgIs('i.lead_org_id')}`,
          bySector ? null : 'i.lead_org_id',
          [
            ['itemsTotal', null],
            ['itemsDone', lightIs('i.state', 'i.due_date', 'DONE', d)],
            ['itemsRed', lightIs('i.state', 'i.due_date', 'RED', d)],
          ],
        );
        // The items' series: done items of the year by the local month of completion.
        const doneByMonth = await sql<{
          m: number;
          n: number;
        }>`SELECT date_part('month', i.completed_at AT TIME ZONE current_setting('TimeZone'))::int AS m, count(*)::int AS n
          FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id
          WHERE ${itemVisible(actor)} AND i.year = ${year} AND ${orgIs('i.lead_org_id')} AND ${lightIs('i.state', 'i.due_date', 'DONE', d)}
            AND extract(year FROM i.completed_at AT TIME ZONE current_setting('TimeZone')) = ${year} GROUP BY 1`.execute(t.db);
        const itemSeries = Array.from({ length: 12 }, (_, m) => doneByMonth.rows.find((x) => x.m === m + 1)?.n ?? 0);
        expect(got.series.find((x) => x.key === 'itemsDone')?.values, 'itemsDone by month').toEqual(itemSeries);
        const letterRows = await countBy(
          sql`letter r`,
          sql`${letterVisible(actor, 'r')} AND COALESCE(r.doc_year, extract(year FROM r.created_at AT TIME ZONE current_setting('TimeZone'))::int) = ${year} AND ${orgIs('r.drafting_org_id')}`,
          bySector ? null : 'r.drafting_org_id',
          [
            ['lettersIssued', sql`r.state = ANY(${[...LETTER_ISSUED_STATES]}::text[])`],
            ['lettersReplied', sql`r.state = ANY(${[...LETTER_REPLIED]}::text[])`],
            ['lettersOverdue', REPLY_OVERDUE_SQL],
          ],
        );
        // The letters' series: issued letters of the year by the month of issue, when issued in that year.
        const issuedByMonth = await sql<{ m: number; n: number }>`SELECT date_part('month', r.issued_on)::int AS m, count(*)::int AS n FROM letter r
          WHERE ${letterVisible(actor, 'r')} AND COALESCE(r.doc_year, extract(year FROM r.created_at AT TIME ZONE current_setting('TimeZone'))::int) = ${year}
            AND ${orgIs('r.drafting_org_id')} AND r.state = ANY(${[...LETTER_ISSUED_STATES]}::text[]) AND extract(year FROM r.issued_on) = ${year} GROUP BY 1`.execute(
          t.db,
        );
        if (got.readable.letters)
          expect(got.series.find((x) => x.key === 'lettersIssued')?.values, 'lettersIssued by month').toEqual(
            Array.from({ length: 12 }, (_, m) => issuedByMonth.rows.find((x) => x.m === m + 1)?.n ?? 0),
          );
        const taskRows = await countBy(
          sql`rectification_task t`,
          sql`${taskVisible(actor, 't')} AND ${orgIs('t.supervisor_org_id')}`,
          bySector ? null : 't.supervisor_org_id',
          [
            ['tasksOpen', sql`t.state = ANY(${TASK_NOT_DONE}::text[])`],
            ['tasksDone', taskLightIs('t.state', 't.deadline', 'DONE', td)],
            ['tasksOverdue', taskLightIs('t.state', 't.deadline', 'RED', td)],
          ],
        );

        // An area the caller's roles do not read shows no figures (a 信访室 clerk on a case team reads no case ledger here).
        const areas: [keyof typeof got.readable, Figures][] = [
          ['clues', clueRows],
          ['cases', caseRows],
          ['supervision', itemRows],
          ['letters', letterRows],
          ['tasks', taskRows],
        ];
        for (const [, expected] of areas.filter(([area]) => got.readable[area])) {
          for (const [key, figures] of expected) {
            for (const [metric, value] of Object.entries(figures)) {
              expect(got.counts.get(key)?.[metric as CockpitMetric] ?? 0, `${metric} of ${key === TOTAL ? 'the total' : key}`).toBe(value);
            }
          }
          // And no figure the ledgers do not have: every counted key is one of theirs (or a zero).
          const metrics = Object.keys(expected.get(TOTAL) ?? {}) as CockpitMetric[];
          for (const [key, figures] of got.counts) {
            for (const m of metrics) if ((figures[m] ?? 0) !== 0) expect(expected.has(key), `${m} of ${key}`).toBe(true);
          }
        }
        if ((got.counts.get(TOTAL)?.cluesReceived ?? 0) > 0 || (got.counts.get(TOTAL)?.tasksOpen ?? 0) > 0) nonZero++;
      }),
      { numRuns: 60, seed: 1205 },
    );
    // Not vacuous: most actors see something.
    expect(nonZero).toBeGreaterThan(20);
  });
});
