/**
 * The scoped cockpit's letters read in one pass over the year (area-scan-keyed.ts `scopedLetterRows` above
 * LETTER_PROBE_LIMIT) with the predicate's sets hashed (letterVisibleParts `hashedSets`: the caller's team and 专班
 * cases as a hashed subplan, and the scope's org lists of a letter whose case is classified above the caller): for
 * random actors — groups, offices, counties, 分管领导, case-team members, 专班 members, recused accounts, low clearance,
 * long scopes — random years and org filters, every letter figure of the total and of each drafting org equals the
 * letter ledger's predicate (`letterVisible`) counted over the whole table, and equals the same pass with the sets
 * searched linearly (`letterHashedSets: false`, as before). The data: server/test/cockpit-figures-data.ts.
 */
import type { Role } from '@liandong/domain/access/enums';
import type { CockpitMetric } from '@liandong/domain/cockpit/contracts';
import { LETTER_ISSUED_STATES } from '@liandong/domain/reform/machine';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app';
import { cockpitFiguresData } from '../../../test/cockpit-figures-data';
import { actorFrom } from '../../../test/property-data';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { REPLY_OVERDUE_SQL } from '../letters';
import { letterVisible } from '../visibility';
import { LETTER_REPLIED } from './areas';
import { computeFigures, TOTAL } from './scans';

let t: TestApp;
let commissionId: string;
let orgs: string[] = [];
let users: string[] = [];

beforeAll(async () => {
  ({ t, commissionId, orgs, users } = await cockpitFiguresData());
  // More letters whose case is classified above a PUBLIC reader, of the test's team cases: the scope's other arms
  // (the drafting or recipient org in scope, the 专班) decide them, hashed in the year's pass.
  await sql`UPDATE case_file SET classification = 'WORK_SECRET' WHERE id IN (SELECT case_id FROM letter WHERE case_id IS NOT NULL
    ORDER BY md5(id::text || 'h') LIMIT 12)`.execute(t.db);
});
afterAll(() => t?.close());

const ROLE_SETS: Role[][] = [['GROUP_STAFF'], ['OFFICE_STAFF'], ['COUNTY_STAFF'], ['DEPUTY_OR_MEMBER'], ['OFFICE_STAFF', 'TRIAL_STAFF']];

const arb = fc.record({
  roles: fc.constantFrom(...ROLE_SETS),
  wide: fc.constant(false),
  scope: fc.uniqueArray(fc.nat(39), { maxLength: 14 }),
  org: fc.nat(39),
  user: fc.nat(29),
  clearance: fc.constantFrom('PUBLIC', 'WORK_SECRET'),
  year: fc.constantFrom(2025, 2026),
  filterOrg: fc.option(fc.nat(39), { nil: undefined, freq: 1 }),
  longScope: fc.boolean(),
});

type Figures = Map<string, Partial<Record<CockpitMetric, number>>>;
const METRICS: CockpitMetric[] = ['lettersIssued', 'lettersReplied', 'lettersOverdue'];

/** The letter ledger's predicate counted over the whole table, per drafting org and in total. */
async function oracle(actor: Actor, year: number, orgId: string | null): Promise<Figures> {
  const { rows } = await sql<Record<string, number | string | null>>`SELECT r.drafting_org_id::text AS k, GROUPING(r.drafting_org_id) AS g,
      count(*) FILTER (WHERE r.state = ANY(${[...LETTER_ISSUED_STATES]}::text[]))::int AS "lettersIssued",
      count(*) FILTER (WHERE r.state = ANY(${[...LETTER_REPLIED]}::text[]))::int AS "lettersReplied",
      count(*) FILTER (WHERE ${REPLY_OVERDUE_SQL})::int AS "lettersOverdue"
    FROM letter r WHERE ${letterVisible(actor, 'r')}
      AND COALESCE(r.doc_year, extract(year FROM r.created_at AT TIME ZONE current_setting('TimeZone'))::int) = ${year}
      AND ${orgId ? sql`r.drafting_org_id = ${orgId}::uuid` : sql`true`}
    GROUP BY ROLLUP (r.drafting_org_id)`.execute(t.db);
  const out: Figures = new Map();
  for (const r of rows) {
    const k = r.g === 1 ? TOTAL : (r.k as string | null);
    if (k !== null) out.set(k, Object.fromEntries(METRICS.map((m) => [m, Number(r[m])])));
  }
  return out;
}

const lettersOf = (counts: Figures): Figures =>
  new Map([...counts].map(([k, f]) => [k, Object.fromEntries(METRICS.map((m) => [m, f[m] ?? 0]))] as const).filter(([, f]) => METRICS.some((m) => f[m])));

describe("the cockpit's letters of the year, the sets hashed", () => {
  it('equal the letter ledger and the linear sets for random actors, years and org filters', async () => {
    let seen = 0;
    await fc.assert(
      fc.asyncProperty(arb, async (s) => {
        const drawn = actorFrom({ commissionId, orgs, users }, s);
        // The same orgs repeated stand for a wide scope of hundreds (the same visible letters).
        const actor =
          s.longScope && drawn.scope.orgIds.length ? { ...drawn, scope: { ...drawn.scope, orgIds: Array(5).fill(drawn.scope.orgIds).flat() } } : drawn;
        const ctx = { db: t.db, actor } as unknown as Ctx;
        const orgId = s.filterOrg === undefined ? null : (orgs[s.filterOrg] as string);
        const p = { year: s.year, dimension: 'office' as const, orgId, sector: null };
        const hashed = await computeFigures(ctx, p, { letterProbeLimit: 0 });
        if (!hashed.readable.letters) return;
        const linear = await computeFigures(ctx, p, { letterProbeLimit: 0, letterHashedSets: false });
        const expected = await oracle(actor, s.year, orgId);
        const got = lettersOf(hashed.counts);
        for (const [key, figures] of expected)
          for (const m of METRICS) expect(got.get(key)?.[m] ?? 0, `${m} of ${key === TOTAL ? 'the total' : key}`).toBe(figures[m]);
        for (const [key, figures] of got) for (const m of METRICS) if (figures[m]) expect(expected.has(key), `${m} of ${key}`).toBe(true);
        expect(got).toEqual(lettersOf(linear.counts));
        expect(hashed.series.find((x) => x.key === 'lettersIssued')).toEqual(linear.series.find((x) => x.key === 'lettersIssued'));
        if ((expected.get(TOTAL)?.lettersIssued ?? 0) > 0) seen++;
      }),
      { numRuns: 60, seed: 1206 },
    );
    expect(seen).toBeGreaterThan(15);
  });
});
