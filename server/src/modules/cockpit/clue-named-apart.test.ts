/**
 * The scoped cockpit's clues with the 信息互通 named clues read apart (area-scan-keyed.ts `scopedClueScan` `named`,
 * clueVisibleArms `namedApart`: each looked up by its id, index-only over migration 0092's clue_cockpit_by_id, outside
 * the org arms and the other arms): for random actors — groups, offices, counties, 分管领导, case- and clue-team members,
 * 专班 members, recused accounts, low clearance — holding random named and category grants, random years, dimensions
 * and org filters, and each plan of the org arms, every clue figure of the total and of each row equals the clue
 * ledger's own exact total (`ledgerPage`), and equals the same count with the named clues in one BitmapOr with the
 * other arms (`clueNamedApart: false`, as before). The data: server/test/cockpit-figures-data.ts.
 */
import type { Role } from '@liandong/domain/access/enums';
import { CLUE_STATE_GROUPS } from '@liandong/domain/casework/contracts';
import { CLUE_OPEN } from '@liandong/domain/clues/machine';
import { ClueQuerySchema } from '@liandong/domain/clues/contracts';
import type { CockpitDimension, CockpitMetric } from '@liandong/domain/cockpit/contracts';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app';
import { cockpitFiguresData } from '../../../test/cockpit-figures-data';
import { actorFrom } from '../../../test/property-data';
import type { Ctx } from '../../platform/context';
import { ledgerPage } from '../clues';
import type { Grants } from '../visibility';
import { computeFigures, TOTAL } from './scans';

let t: TestApp;
let commissionId: string;
let orgs: string[] = [];
let users: string[] = [];
let clueIds: string[] = [];

beforeAll(async () => {
  ({ t, commissionId, orgs, users, clueIds } = await cockpitFiguresData());
});
afterAll(() => t?.close());

const ROLE_SETS: Role[][] = [['GROUP_STAFF'], ['OFFICE_STAFF'], ['COUNTY_STAFF'], ['DEPUTY_OR_MEMBER'], ['CADRE_SUPERVISION']];

const arb = fc.record({
  roles: fc.constantFrom(...ROLE_SETS),
  wide: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  scope: fc.uniqueArray(fc.nat(39), { maxLength: 14 }),
  org: fc.nat(39),
  user: fc.nat(29),
  clearance: fc.constantFrom('PUBLIC', 'WORK_SECRET'),
  // Mostly many named clues (an office holds hundreds at full scale), some owner orgs.
  grantIds: fc.uniqueArray(fc.nat(219), { minLength: 1, maxLength: 60 }),
  grantOwners: fc.uniqueArray(fc.nat(39), { maxLength: 2 }),
  year: fc.constantFrom(2025, 2026),
  dimension: fc.constantFrom<CockpitDimension>('office', 'sector'),
  filterOrg: fc.option(fc.nat(39), { nil: undefined, freq: 2 }),
  cluePlan: fc.constantFrom('probes', 'yearKeys'),
});

const METRICS: CockpitMetric[] = ['cluesReceived', 'cluesOpen', 'cluesClosed'];
type Figures = Map<string, Partial<Record<CockpitMetric, number>>>;

const cluesOf = (counts: Figures): Figures =>
  new Map([...counts].map(([k, f]) => [k, Object.fromEntries(METRICS.map((m) => [m, f[m] ?? 0]))] as const).filter(([, f]) => METRICS.some((m) => f[m])));

describe("the cockpit's clues, the named clues read apart", () => {
  it('equal the clue ledger and the named clues in the other arms for random actors and grants', async () => {
    let named = 0;
    await fc.assert(
      fc.asyncProperty(arb, async (s) => {
        const actor = actorFrom({ commissionId, orgs, users }, s);
        const ids = s.grantIds.map((i) => clueIds[i % clueIds.length] as string);
        const owners = s.grantOwners.map((i) => orgs[i % orgs.length] as string);
        const grants: Grants = {
          byType: { CLUE: { ids, fullIds: ids, owners, fullOwners: owners, byId: new Map(), byOwner: new Map() } },
          fingerprint: 'named',
        };
        const shared = { use: 'any' as const, grants };
        const ctx = { db: t.db, actor } as unknown as Ctx;
        const orgId = s.filterOrg === undefined ? null : (orgs[s.filterOrg] as string);
        const p = { year: s.year, dimension: s.dimension, orgId, sector: null };
        const plan = { shared, orgProbeLimit: 0, clueYearKeysLimit: s.cluePlan === 'yearKeys' ? 0 : undefined };
        const apart = await computeFigures(ctx, p, plan);
        if (!apart.readable.clues) return;
        const together = await computeFigures(ctx, p, { ...plan, clueNamedApart: false });
        const seen = (await ledgerPage(ctx, ClueQuerySchema.parse({ year: s.year }), 100_000, 0, { keyed: false, exact: true, shared })).ids;
        const key = s.dimension === 'sector' ? 'c.sector_code' : 'c.undertaking_org_id';
        const { rows } = await sql<Record<string, number | string | null>>`SELECT ${sql.ref(key)}::text AS k, GROUPING(${sql.ref(key)}) AS g,
            count(*)::int AS "cluesReceived",
            count(*) FILTER (WHERE c.state = ANY(${[...CLUE_OPEN]}::text[]))::int AS "cluesOpen",
            count(*) FILTER (WHERE c.state = ANY(${[...CLUE_STATE_GROUPS.CLOSED]}::text[]))::int AS "cluesClosed"
          FROM clue c WHERE c.id = ANY(${seen}::uuid[]) AND ${orgId ? sql`c.undertaking_org_id = ${orgId}::uuid` : sql`true`}
          GROUP BY ROLLUP (${sql.ref(key)})`.execute(t.db);
        const expected: Figures = new Map();
        for (const r of rows) {
          const k = r.g === 1 ? TOTAL : (r.k as string | null);
          if (k !== null) expected.set(k, Object.fromEntries(METRICS.map((m) => [m, Number(r[m])])));
        }
        const got = cluesOf(apart.counts);
        for (const [k, figures] of expected) for (const m of METRICS) expect(got.get(k)?.[m] ?? 0, `${m} of ${k === TOTAL ? 'the total' : k}`).toBe(figures[m]);
        for (const [k, figures] of got) for (const m of METRICS) if (figures[m]) expect(expected.has(k), `${m} of ${k}`).toBe(true);
        expect(got).toEqual(cluesOf(together.counts));
        expect(apart.series.find((x) => x.key === 'cluesReceived')).toEqual(together.series.find((x) => x.key === 'cluesReceived'));
        // Named clues the org arms do not reach: the part read apart counts something.
        const { rows: outside } = await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM clue c WHERE c.id = ANY(${ids}::uuid[]) AND c.id = ANY(${seen}::uuid[])
          AND NOT (c.undertaking_org_id = ANY(${actor.scope.orgIds}::uuid[]) OR c.receiving_org_id = ANY(${actor.scope.orgIds}::uuid[])
            OR coalesce(c.subject_org_id = ANY(${actor.scope.orgIds}::uuid[]), false))`.execute(t.db);
        if ((outside[0]?.n ?? 0) > 0) named++;
      }),
      { numRuns: 50, seed: 1207 },
    );
    expect(named).toBeGreaterThan(10);
  });
});
