/**
 * The scoped cockpit's clues with the undertaking arm summed from the per-undertaking-org aggregates of migration 0088
 * (area-scan-keyed.ts scopedClueScan), and the subject arm through its org triples (the third aggregate). The aggregates equal a recount from clue after random writes (inserts, org,
 * state, classification, sector, year and date moves, deletes) and after concurrent writers (each its own clues, moved
 * between two orgs in both directions, inserted and deleted, in random orders: no deadlock); and for random actors and
 * parameters the clue figures and series are the same as the rows counted one by one (the plan that
 * cockpit/scoped-figures.test.ts checks against the clue ledger) and as the undertaking arm read from 0071's aggregates.
 */
import type { CockpitDimension } from '@liandong/domain/cockpit/contracts';
import fc from 'fast-check';
import { type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateDifferences, COCKPIT_RECOUNTS, lcg } from '../../../test/aggregate-recount';
import { createTestApp, type TestApp } from '../../../test/app';
import { actorFrom, pick, randomClueColumns, rng } from '../../../test/property-data';
import type { Ctx } from '../../platform/context';
import { clueVisibleArms } from '../visibility';
import { scopedClueScan } from './area-scan-keyed';
import { computeFigures } from './scans';

let t: TestApp;
let commissionId: string;
let orgs: string[] = [];
let users: string[] = [];
const YEAR = 2026;
const MARK = '承办聚合';
const TABLES = ['cockpit_clue_undertaking_agg', 'cockpit_clue_undertaking_month_agg', 'cockpit_clue_org_triple_agg'];
const differences = () =>
  aggregateDifferences(
    t.db,
    COCKPIT_RECOUNTS.filter(([table]) => TABLES.includes(table)),
  );

beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await t.db.selectFrom('org').select('commission_id').where('code', '=', 'LZ-JW').executeTakeFirstOrThrow()).commission_id;
  orgs = (await sql<{ id: string }>`SELECT id FROM org WHERE commission_id = ${commissionId}::uuid ORDER BY code LIMIT 24`.execute(t.db)).rows.map((x) => x.id);
  users = (await sql<{ id: string }>`SELECT id FROM app_user WHERE commission_id = ${commissionId}::uuid ORDER BY username LIMIT 10`.execute(t.db)).rows.map(
    (x) => x.id,
  );
  // Random clues, then random statements moving them (each a statement the triggers must follow), some deleted.
  const r = rng(20261206);
  const dates = ['2025-12-31', '2026-01-06', '2026-03-02', '2026-07-20'];
  const states = ['ASSIGNED', 'UNDER_ANALYSIS', 'CLOSED'] as const;
  const clues = Array.from({ length: 160 }, (_, i) => ({
    commission_id: commissionId,
    year: pick(r, [2025, 2026]),
    source: 'PETITION_LETTER' as const,
    ...randomClueColumns(r, { orgs, dates, states, proposeDue: '2026-05-01' }),
    title: `${MARK}线索${i}`,
    sector_code: r() < 0.5 ? 'SCHOOL_CATERING' : null,
  }));
  const ids = (await t.db.insertInto('clue').values(clues).returning('id').execute()).map((x) => x.id);
  for (let i = 0; i < 40; i++) {
    const some = ids.filter(() => r() < 0.1);
    const moves = [
      sql`undertaking_org_id = ${r() < 0.2 ? null : pick(r, orgs)}::uuid`,
      sql`receiving_org_id = ${pick(r, orgs)}::uuid, subject_org_id = ${r() < 0.3 ? null : pick(r, orgs)}::uuid`,
      sql`state = ${pick(r, states)}`,
      sql`classification = ${pick(r, ['PUBLIC', 'WORK_SECRET'])}`,
      sql`sector_code = ${r() < 0.5 ? 'SCHOOL_CATERING' : null}`,
      sql`received_on = ${pick(r, dates)}::date`,
    ];
    await sql`UPDATE clue SET ${pick(r, moves)} WHERE id = ANY(${some}::uuid[])`.execute(t.db);
  }
  await sql`DELETE FROM clue WHERE id = ANY(${ids.filter(() => r() < 0.1)}::uuid[])`.execute(t.db);
});
afterAll(() => t.close());

/** The clue figures (every key) and the received series of computeFigures with `opts`. */
async function clueFigures(ctx: Ctx, p: Parameters<typeof computeFigures>[1], opts: Parameters<typeof computeFigures>[2]) {
  const got = await computeFigures(ctx, p, opts);
  const counts = [...got.counts]
    .map(([k, f]) => [k, f.cluesReceived ?? 0, f.cluesOpen ?? 0, f.cluesClosed ?? 0] as const)
    .filter(([, a, b, c]) => a || b || c)
    .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
  return { readable: got.readable.clues, counts, series: got.series.find((s) => s.key === 'cluesReceived')?.values };
}

const ROLE_SETS = [['OFFICE_STAFF'], ['GROUP_STAFF'], ['COUNTY_STAFF'], ['DEPUTY_OR_MEMBER'], ['OFFICE_STAFF', 'TRIAL_STAFF']] as const;
const specArb = fc.record({
  roles: fc.constantFrom(...ROLE_SETS),
  scope: fc.uniqueArray(fc.nat(23), { minLength: 1, maxLength: 12 }),
  org: fc.nat(23),
  user: fc.nat(9),
  clearance: fc.constantFrom('PUBLIC', 'WORK_SECRET'),
  grantOwners: fc.uniqueArray(fc.nat(23), { maxLength: 3 }),
  year: fc.constantFrom(2025, 2026),
  dimension: fc.constantFrom<CockpitDimension>('office', 'sector'),
  filter: fc.option(fc.nat(23), { nil: undefined, freq: 2 }),
});
type Spec = typeof specArb extends fc.Arbitrary<infer A> ? A : never;

/** The three plans of one drawn caller: the rows one by one (the oracle), 0071's arm, 0088's arm. */
async function threePlans(s: Spec) {
  const actor = actorFrom({ commissionId, orgs, users }, { ...s, roles: [...s.roles], wide: false });
  const owners = s.grantOwners.map((i) => orgs[i] as string);
  const grants = owners.length
    ? { byType: { CLUE: { ids: [], fullIds: [], owners, fullOwners: owners, byId: new Map(), byOwner: new Map() } }, fingerprint: 'prop' }
    : { byType: {}, fingerprint: '' };
  const shared = { use: 'any' as const, grants };
  const ctx = { db: t.db, actor } as unknown as Ctx;
  const p = { year: s.year, dimension: s.dimension, orgId: s.filter === undefined ? null : (orgs[s.filter] as string), sector: null };
  // The new arm is the one the statement reads (not merely an equal answer from another plan).
  const arms = clueVisibleArms(actor, 'c', { shared });
  const scan = scopedClueScan(actor, arms, p, 'both');
  const text = scan?.compile(t.db).sql ?? '';
  expect(text).toContain('cockpit_clue_undertaking_month_agg');
  expect(text).toContain('cockpit_clue_org_triple_agg');
  return {
    rows: await clueFigures(ctx, p, { shared, orgProbeLimit: 100_000 }),
    before: await clueFigures(ctx, p, { shared, clueUndertakingAgg: false }),
    now: await clueFigures(ctx, p, { shared }),
  };
}

describe('the per-undertaking-org and org-triple clue aggregates (migration 0088)', () => {
  it('equal a recount from clue after random inserts, moves and deletes', async () => {
    expect(await differences()).toEqual([]);
    const { rows } = await sql<{ n: string }>`SELECT sum(n)::text AS n FROM cockpit_clue_undertaking_agg WHERE year = ${YEAR}`.execute(t.db);
    expect(Number(rows[0]?.n)).toBeGreaterThan(50);
  });

  it('give a scoped caller the same clue figures and series as the rows one by one and as 0071’s undertaking arm', async () => {
    let nonZero = 0;
    await fc.assert(
      fc.asyncProperty(specArb, async (s) => {
        const { rows, before, now } = await threePlans(s);
        expect(now).toEqual(rows);
        expect(before).toEqual(rows);
        if (now.readable && now.counts.length) nonZero++;
      }),
      { numRuns: 40, seed: 1206 },
    );
    expect(nonZero).toBeGreaterThan(15);
  });
});

describe('the per-undertaking-org and org-triple clue aggregates under concurrent writers', () => {
  const WORKERS = 8;
  const SECONDS = 3;

  it(`${WORKERS} connections inserting, moving and deleting clues between two orgs: no deadlock, exact, the same figures`, async () => {
    const [x, y] = orgs as [string, string];
    const receiving = orgs[2] as string;
    const seed = async (w: number) =>
      (
        await sql<{ id: string }>`
        INSERT INTO clue (commission_id, year, source, received_on, receiving_org_id, title, summary, subject_name, undertaking_org_id, state, propose_due)
        SELECT ${commissionId}::uuid, ${YEAR}, 'PETITION_LETTER', make_date(${YEAR}, 1 + k % 4, 10), ${receiving}::uuid, ${`${MARK}并发${w}`}, '演示数据', '测试对象',
          CASE WHEN k % 2 = 0 THEN ${x}::uuid ELSE ${y}::uuid END, CASE WHEN k % 3 = 0 THEN 'REGISTERED' ELSE 'UNDER_ANALYSIS' END, make_date(${YEAR + 1}, 1, 1)
        FROM generate_series(0, 15) k RETURNING id`.execute(t.db)
      ).rows.map((r) => r.id);
    const mine = await Promise.all(Array.from({ length: WORKERS }, (_, w) => seed(w)));
    const swap = sql.raw(`CASE WHEN undertaking_org_id = '${x}'::uuid THEN '${y}'::uuid ELSE '${x}'::uuid END`);
    const clients = Array.from({ length: WORKERS }, () => new pg.Client({ connectionString: t.appDatabaseUrl }));
    await Promise.all(clients.map((c) => c.connect()));
    const run = (c: pg.Client, q: RawBuilder<unknown>) => {
      const k = q.compile(t.db);
      return c.query(k.sql, k.parameters as unknown[]);
    };
    let committed = 0;
    const failed: Record<string, number> = {};
    try {
      const until = Date.now() + SECONDS * 1000;
      await Promise.all(
        clients.map(async (c, w) => {
          const rand = lcg(104_729 * (w + 1));
          const ids = mine[w] as string[];
          const some = () => ids.filter(() => rand() < 0.5);
          while (Date.now() < until) {
            await c.query('BEGIN');
            try {
              const statements = [
                sql`UPDATE clue SET undertaking_org_id = ${swap}, state = CASE WHEN state = 'UNDER_ANALYSIS' THEN 'REGISTERED' ELSE 'UNDER_ANALYSIS' END
                  WHERE id = ANY(${some()}::uuid[])`,
                sql`UPDATE clue SET classification = CASE WHEN classification = 'PUBLIC' THEN 'WORK_SECRET' ELSE 'PUBLIC' END,
                  received_on = received_on + CASE WHEN extract(month FROM received_on) < 6 THEN 31 ELSE -31 END WHERE id = ANY(${some()}::uuid[])`,
                sql`WITH n AS (INSERT INTO clue (commission_id, year, source, received_on, receiving_org_id, title, summary, subject_name, undertaking_org_id, state, propose_due)
                  VALUES (${commissionId}::uuid, ${YEAR}, 'PETITION_LETTER', make_date(${YEAR}, 2, 3), ${receiving}::uuid, ${`${MARK}临时`}, '演示数据', '测试对象',
                    ${rand() < 0.5 ? x : y}::uuid, 'UNDER_ANALYSIS', make_date(${YEAR + 1}, 1, 1)) RETURNING id) SELECT id FROM n`,
                sql`DELETE FROM clue WHERE title = ${`${MARK}临时`} AND id IN (SELECT id FROM clue WHERE title = ${`${MARK}临时`} LIMIT 1 FOR UPDATE SKIP LOCKED)`,
              ].sort(() => rand() - 0.5);
              for (const s of statements) if (rand() < 0.75) await run(c, s);
              await c.query('COMMIT');
              committed++;
            } catch (err) {
              await c.query('ROLLBACK');
              const code = (err as { code?: string }).code ?? String(err);
              failed[code] = (failed[code] ?? 0) + 1;
            }
          }
        }),
      );
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    expect(failed).toEqual({});
    expect(committed).toBeGreaterThanOrEqual(WORKERS);
    expect(await differences()).toEqual([]);
    // And the cockpit of a caller scoped to the two orgs counts the same as the rows one by one.
    const s: Spec = {
      roles: ['OFFICE_STAFF'],
      scope: [0, 1],
      org: 0,
      user: 0,
      clearance: 'WORK_SECRET',
      grantOwners: [],
      year: YEAR,
      dimension: 'office',
      filter: undefined,
    };
    const { rows, now } = await threePlans(s);
    expect(now).toEqual(rows);
    expect(now.counts.find(([k]) => k === x)?.[1]).toBeGreaterThan(0);
  });
});
