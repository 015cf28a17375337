/**
 * The scoped cockpit's statements under the generic plan (scans.ts GENERIC_PLAN_AREAS, area-scan.ts `genericPlan`,
 * db/pool.ts `underGenericPlan`): a miss lands on any of the pool's connections, where PostgreSQL planned each area's
 * statement afresh (its first five calls on a connection are custom, and some it kept custom for good). For random
 * actors and parameters the figures and series planned once per connection equal those planned per call (which
 * scoped-figures.test.ts compares with the ledgers); and on one connection every area's statement of a scoped miss is
 * planned generically — never a custom plan — with the connection left in PostgreSQL's own mode afterwards.
 */
import type { Role } from '@liandong/domain/access/enums';
import type { CockpitArea, CockpitDimension } from '@liandong/domain/cockpit/contracts';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actorFrom, orgsWithDataFirst } from '../../../test/property-data';
import { createDb } from '../../db/pool';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { computeFigures, GENERIC_ITEMS_MIN_ORGS, GENERIC_PLAN_AREAS } from './scans';

let t: TestApp;
let commissionId: string;
let orgs: string[] = [];
let users: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await t.db.selectFrom('org').select('commission_id').where('code', '=', 'LZ-JW').executeTakeFirstOrThrow()).commission_id;
  // The orgs that carry the demo data's clues, items, letters and tasks first: scopes that see something.
  orgs = await orgsWithDataFirst(t.db, commissionId, 30, { clues: true });
  users = (await sql<{ id: string }>`SELECT id FROM app_user WHERE commission_id = ${commissionId}::uuid ORDER BY username LIMIT 20`.execute(t.db)).rows.map(
    (x) => x.id,
  );
});
afterAll(() => t.close());

const ALL_AREAS: readonly CockpitArea[] = ['supervision', 'clues', 'cases', 'letters', 'tasks', 'campaigns'];
const ROLE_SETS: Role[][] = [['GROUP_STAFF'], ['OFFICE_STAFF'], ['COUNTY_STAFF'], ['DEPUTY_OR_MEMBER'], ['OFFICE_STAFF', 'TRIAL_STAFF'], ['PETITION_OFFICER']];
const actorArb = fc.record({
  roles: fc.constantFrom(...ROLE_SETS),
  wide: fc.constant(false),
  scope: fc.uniqueArray(fc.nat(29), { minLength: 1, maxLength: 12 }),
  org: fc.nat(29),
  user: fc.nat(19),
  clearance: fc.constantFrom('PUBLIC', 'WORK_SECRET'),
});
const paramsArb = fc.record({
  year: fc.constantFrom(2025, 2026),
  dimension: fc.constantFrom<CockpitDimension>('office', 'group', 'county', 'sector'),
  org: fc.option(fc.nat(29), { nil: undefined, freq: 1 }),
  // The clues' and letters' other plans (area-scan-keyed.ts ORG_PROBE_LIMIT, LETTER_PROBE_LIMIT), each under both modes.
  probes: fc.boolean(),
});
const noGrants = { use: 'any' as const, grants: { byType: {}, fingerprint: '' } };
const ctxOf = (db: TestApp['db'], actor: Actor) => ({ db, actor }) as unknown as Ctx;
const plain = <T>(m: Map<string, T>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));

describe('the scoped cockpit under the generic plan', () => {
  it('is every area by default', () => {
    expect([...GENERIC_PLAN_AREAS].sort()).toEqual([...ALL_AREAS].sort());
  });

  it('for random actors, years, dimensions and org filters: the figures and series planned once per connection equal those planned per call', async () => {
    // One connection: every statement meets the plan its earlier calls left there (a generic plan kept across actors).
    const one = createDb(t.appDatabaseUrl, 1);
    let nonZero = 0;
    try {
      await fc.assert(
        fc.asyncProperty(actorArb, paramsArb, async (spec, ps) => {
          const actor = actorFrom({ commissionId, orgs, users }, spec);
          const p = { year: ps.year, dimension: ps.dimension, orgId: ps.org === undefined ? null : (orgs[ps.org] as string), sector: null };
          const limits = ps.probes ? { orgProbeLimit: 0, letterProbeLimit: 0 } : {};
          const generic = await computeFigures(ctxOf(one.db, actor), p, { shared: noGrants, ...limits, genericAreas: ALL_AREAS });
          const custom = await computeFigures(ctxOf(t.db, actor), p, { shared: noGrants, ...limits, genericAreas: [] });
          expect(plain(generic.counts)).toEqual(plain(custom.counts));
          expect(generic.series).toEqual(custom.series);
          expect(generic.readable).toEqual(custom.readable);
          if (Object.values(custom.counts.get('\u0000total') ?? {}).some((v) => v)) nonZero++;
        }),
        { numRuns: 40, seed: 1206 },
      );
    } finally {
      await one.close();
    }
    expect(nonZero).toBeGreaterThan(12);
  });

  it('plans each area statement of a scoped miss generically on its connection, never custom, and leaves the connection in auto', async () => {
    const plans = sql<{ statement: string; generic_plans: number; custom_plans: number }>`SELECT statement, generic_plans::int, custom_plans::int
      FROM pg_prepared_statements WHERE statement LIKE '%GROUPING SETS%'`;
    const run = async (genericAreas: readonly CockpitArea[] | undefined, long = true) => {
      const one = createDb(t.appDatabaseUrl, 1);
      try {
        // An office reader (every area readable) with a scope of the data's orgs, over its first calls on the connection;
        // `long`: its orgs repeated past GENERIC_ITEMS_MIN_ORGS (an office's hundreds: the items' lists found hashed).
        const drawn = actorFrom(
          { commissionId, orgs, users },
          { roles: ['OFFICE_STAFF'], wide: false, scope: [0, 1, 2, 3, 4, 5], org: 0, user: 0, clearance: 'WORK_SECRET' },
        );
        const orgIds = long ? Array.from({ length: Math.ceil((GENERIC_ITEMS_MIN_ORGS + 1) / 6) }, () => drawn.scope.orgIds).flat() : drawn.scope.orgIds;
        const actor = { ...drawn, scope: { ...drawn.scope, orgIds } };
        for (let i = 0; i < 3; i++)
          await computeFigures(ctxOf(one.db, actor), { year: 2026, dimension: 'office', orgId: null, sector: null }, { shared: noGrants, genericAreas });
        return await one.db.connection().execute(async (conn) => ({
          plans: (await plans.execute(conn)).rows,
          mode: (await sql<{ plan_cache_mode: string }>`SHOW plan_cache_mode`.execute(conn)).rows[0]?.plan_cache_mode,
        }));
      } finally {
        await one.close();
      }
    };
    const byDefault = await run(undefined);
    // One statement per area (the supervision items, clues, cases, letters, tasks and campaigns of an office).
    expect(byDefault.plans.length).toBeGreaterThanOrEqual(ALL_AREAS.length);
    for (const r of byDefault.plans) {
      expect(r.custom_plans, r.statement.slice(0, 200)).toBe(0);
      expect(r.generic_plans, r.statement.slice(0, 200)).toBe(3);
    }
    expect(byDefault.mode).toBe('auto');
    // The check tells the modes apart: left to PostgreSQL, a statement's first calls on a connection are custom plans.
    const perCall = await run([]);
    expect(perCall.plans.length).toBeGreaterThanOrEqual(ALL_AREAS.length);
    expect(perCall.plans.every((r) => r.custom_plans === 3 && r.generic_plans === 0)).toBe(true);
    // A small scope's supervision items are left to PostgreSQL (GENERIC_ITEMS_MIN_ORGS), every other area generic.
    const small = await run(undefined, false);
    const items = small.plans.filter((r) => r.statement.includes('itemsTotal'));
    expect(items.length).toBeGreaterThan(0);
    for (const r of small.plans) expect([r.custom_plans, r.generic_plans], r.statement.slice(0, 200)).toEqual(items.includes(r) ? [3, 0] : [0, 3]);
  });
});
