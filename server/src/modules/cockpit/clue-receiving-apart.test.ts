/**
 * The clue aggregates' receiving arm without the keys the undertaking arm counted (migration 0085, area-scan-keyed.ts
 * scopedClueScan): for random scoped actors (信息互通 category grants' owner orgs among their arms) and parameters over
 * clues received and undertaken by the same org or by two, the figures and series summed from the aggregates probed
 * arm by arm equal the clues counted row by row (which scoped-figures.test.ts compares with the ledger). That the
 * receiving arm reads the partial indexes is seen at full scale (bench/cockpit-areas.ts --explain=clues): the test's
 * small tables leave the planner's choice of index to chance.
 */
import type { Role } from '@liandong/domain/access/enums';
import type { CockpitDimension } from '@liandong/domain/cockpit/contracts';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actorFrom, pick, rng } from '../../../test/property-data';
import type { Ctx } from '../../platform/context';
import type { Grants } from '../visibility';
import { computeFigures } from './scans';

let t: TestApp;
let commissionId: string;
let orgs: string[] = [];
let users: string[] = [];
const MARK = '驾驶舱受理承办';

beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await t.db.selectFrom('org').select('commission_id').where('code', '=', 'LZ-JW').executeTakeFirstOrThrow()).commission_id;
  orgs = (await sql<{ id: string }>`SELECT id FROM org WHERE commission_id = ${commissionId}::uuid ORDER BY code LIMIT 24`.execute(t.db)).rows.map((x) => x.id);
  users = (await sql<{ id: string }>`SELECT id FROM app_user WHERE commission_id = ${commissionId}::uuid ORDER BY username LIMIT 20`.execute(t.db)).rows.map(
    (x) => x.id,
  );
  const r = rng(20261206);
  const clues = Array.from({ length: 240 }, (_, i) => {
    const receiving = pick(r, orgs);
    // Half undertaken by the org that received them (the keys 0085 leaves out of the receiving arm), some by none.
    const undertaking = r() < 0.5 ? receiving : r() < 0.15 ? null : pick(r, orgs);
    return {
      commission_id: commissionId,
      year: pick(r, [2025, 2026]),
      source: pick(r, ['PETITION_LETTER', 'PETITION_VISIT'] as const),
      received_on: pick(r, ['2025-12-31', '2026-01-06', '2026-03-02', '2026-07-20']),
      receiving_org_id: receiving,
      real_name: false,
      title: `${MARK}线索${i}`,
      summary: '演示数据',
      subject_name: '测试对象',
      subject_org_id: r() < 0.3 ? null : r() < 0.2 ? receiving : pick(r, orgs),
      cadre_management: 'OTHER' as const,
      is_subordinate_top_leader: false,
      undertaking_org_id: undertaking,
      state: pick(r, ['ASSIGNED', 'UNDER_ANALYSIS', 'CLOSED'] as const),
      propose_due: '2026-05-01',
      classification: pick(r, ['PUBLIC', 'PUBLIC', 'WORK_SECRET'] as const),
      sector_code: r() < 0.5 ? 'SCHOOL_CATERING' : null,
    };
  });
  await t.db.insertInto('clue').values(clues).execute();
});
afterAll(() => t.close());

const ROLE_SETS: Role[][] = [['GROUP_STAFF'], ['OFFICE_STAFF'], ['COUNTY_STAFF'], ['DEPUTY_OR_MEMBER'], ['CADRE_SUPERVISION']];
const actorArb = fc.record({
  roles: fc.constantFrom(...ROLE_SETS),
  wide: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
  scope: fc.uniqueArray(fc.nat(23), { minLength: 1, maxLength: 12 }),
  org: fc.nat(23),
  user: fc.nat(19),
  clearance: fc.constantFrom('PUBLIC', 'WORK_SECRET'),
  grantOwners: fc.uniqueArray(fc.nat(23), { maxLength: 3 }),
});
const paramsArb = fc.record({
  year: fc.constantFrom(2025, 2026),
  dimension: fc.constantFrom<CockpitDimension>('office', 'county', 'sector'),
  org: fc.option(fc.nat(23), { nil: undefined, freq: 1 }),
});
const grantsOf = (owners: string[]): Grants =>
  owners.length
    ? { byType: { CLUE: { ids: [], fullIds: [], owners, fullOwners: owners, byId: new Map(), byOwner: new Map() } }, fingerprint: 'apart' }
    : { byType: {}, fingerprint: '' };
const clueFigures = (counts: Map<string, Record<string, number | undefined>>) =>
  Object.fromEntries(
    [...counts]
      .map(([k, v]) => [k, [v.cluesReceived ?? 0, v.cluesOpen ?? 0, v.cluesClosed ?? 0]] as const)
      .filter(([, v]) => v.some((x) => x))
      .sort(([a], [b]) => a.localeCompare(b)),
  );

describe('the clue aggregates’ receiving arm apart (migration 0085)', () => {
  it('for random scoped actors and parameters: the figures probed arm by arm equal the clues counted row by row', async () => {
    let nonZero = 0;
    await fc.assert(
      fc.asyncProperty(actorArb, paramsArb, async (spec, ps) => {
        const actor = actorFrom({ commissionId, orgs, users }, spec);
        const shared = { use: 'any' as const, grants: grantsOf(spec.grantOwners.map((i) => orgs[i] as string)) };
        const ctx = { db: t.db, actor } as unknown as Ctx;
        const p = { year: ps.year, dimension: ps.dimension, orgId: ps.org === undefined ? null : (orgs[ps.org] as string), sector: null };
        const probed = await computeFigures(ctx, p, { shared, orgProbeLimit: 0 });
        const rows = await computeFigures(ctx, p, { shared, orgProbeLimit: 100_000 });
        expect(clueFigures(probed.counts as never)).toEqual(clueFigures(rows.counts as never));
        expect(probed.series.find((s) => s.key === 'cluesReceived')).toEqual(rows.series.find((s) => s.key === 'cluesReceived'));
        if (rows.counts.get('\u0000total')?.cluesReceived) nonZero++;
      }),
      { numRuns: 50, seed: 1206 },
    );
    expect(nonZero).toBeGreaterThan(20);
  });
});
