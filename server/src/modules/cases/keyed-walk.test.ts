/**
 * The case ledger's walk (issue 12, service-ledger.ts keyedCases): a scope of more than CASE_WALK_PROBES lead orgs (a
 * 分管领导's, a county's) reads its unfiltered page by walking the sort order (立案日期 newest first over
 * case_file_ledger_walk of 0081, 案号 over the (year, seq) key) with its org list hashed, instead of one probe per org.
 * For random actors (every reader kind, with scopes of up to 150 distinct orgs, or a few orgs repeated past the walk's
 * threshold), random cases (no 立案日期, ties on it, both classifications, teams, recusals, 专班, 信息互通 grants) and
 * every sort and page size: every page — keyed, and the list as it opens (named, past its generic plan) — is exactly
 * the page of the one predicate (`caseVisible`) in the same order, and the capped total is the predicate's count.
 */
import { type CaseListQuery, CaseListQuerySchema } from '@liandong/domain/cases/contracts';
import type { Role } from '@liandong/domain/access/enums';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actorFrom, caseTeams, clueCaseRecusals, demoPool, fileCluesAsCases, pick, READER_ROLE_SETS, rng, taskForceMembers } from '../../../test/property-data';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { overProbeLimit } from '../../platform/keyed-page';
import { caseVisible, caseVisibleArms, type Grants } from '../visibility';
import { CASE_WALK_PROBES, casePage, listCases } from './service-ledger';

let t: TestApp;
let commissionId: string;
let orgs: string[] = [];
let users: string[] = [];
let caseIds: string[] = [];
const MARK = '案件台账遍历';

beforeAll(async () => {
  t = await createTestApp();
  const pool = await demoPool(t.db);
  ({ commissionId, users } = pool);
  // More orgs than the demo pool's 40: a scope of distinct orgs past the walk's threshold.
  orgs = (await sql<{ id: string }>`SELECT id FROM org WHERE commission_id = ${commissionId}::uuid ORDER BY code LIMIT 150`.execute(t.db)).rows.map(
    (x) => x.id,
  );
  const r = rng(20261206);
  const dates = ['2026-01-05', '2026-02-10', '2026-03-02', '2026-03-03'];
  // Cases led by a few orgs mostly (as at full scale, most orgs of a wide scope lead none), some by any org.
  const leads = orgs.slice(0, 12);
  const cases = Array.from({ length: 220 }, (_, i) => {
    const year = pick(r, [2025, 2026]);
    return {
      commission_id: commissionId,
      year,
      seq: 700_000 + i,
      case_no: `兰纪案〔${year}〕${700_000 + i}号`,
      title: `${MARK}${i}`,
      subject_name: '测试对象',
      lead_org_id: r() < 0.8 ? pick(r, leads) : pick(r, orgs),
      state: pick(r, ['FILED', 'INVESTIGATING', 'IN_TRIAL', 'DECIDED'] as const),
      filed_on: r() < 0.15 ? null : pick(r, dates),
      classification: pick(r, ['PUBLIC', 'PUBLIC', 'WORK_SECRET'] as const),
    };
  });
  caseIds = (await t.db.insertInto('case_file').values(cases).returning('id').execute()).map((x) => x.id);
  // Clues of the 专班's campaigns filed as these cases (the 专班 arm), teams (some left), recusals.
  const clues = Array.from({ length: 60 }, (_, i) => ({
    commission_id: commissionId,
    year: 2026,
    source: 'PETITION_LETTER' as const,
    received_on: '2026-01-05',
    receiving_org_id: pick(r, orgs),
    real_name: false,
    title: `${MARK}线索${i}`,
    summary: '演示数据',
    subject_name: '测试对象',
    cadre_management: 'OTHER' as const,
    is_subordinate_top_leader: false,
    state: 'ASSIGNED' as const,
    propose_due: '2026-02-10',
    classification: 'PUBLIC' as const,
    campaign_id: pool.campaigns.length && r() < 0.5 ? pick(r, pool.campaigns) : null,
  }));
  const clueIds = (await t.db.insertInto('clue').values(clues).returning('id').execute()).map((x) => x.id);
  await fileCluesAsCases(t.db, r, clueIds, caseIds, 40);
  await caseTeams(t.db, r, pool, caseIds, 160);
  await clueCaseRecusals(t.db, r, pool, clueIds, caseIds, 60);
  await taskForceMembers(t.db, r, pool, pool.campaigns);
  await sql`ANALYZE case_file`.execute(t.db);
});
afterAll(() => t?.close());

const actorArb = fc.record({
  // The lead-org arm's readers (group, county, 分管领导) twice as often as the others: theirs is the walk.
  roles: fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom<Role[]>(['GROUP_STAFF'], ['COUNTY_STAFF'], ['DEPUTY_OR_MEMBER']) },
    { weight: 1, arbitrary: fc.constantFrom(...READER_ROLE_SETS) },
  ),
  wide: fc.boolean(),
  scope: fc.oneof(fc.uniqueArray(fc.nat(149), { maxLength: 12 }), fc.uniqueArray(fc.nat(149), { minLength: 40, maxLength: 150 })),
  org: fc.nat(149),
  user: fc.nat(29),
  clearance: fc.constantFrom('PUBLIC', 'WORK_SECRET'),
  grantIds: fc.uniqueArray(fc.nat(219), { maxLength: 6 }),
  grantOwners: fc.uniqueArray(fc.nat(149), { maxLength: 3 }),
  /** A small scope's orgs repeated past the walk's threshold. */
  repeat: fc.boolean(),
});
type ActorSpec = typeof actorArb extends fc.Arbitrary<infer A> ? A : never;

function actorOf(s: ActorSpec): Actor {
  const a = actorFrom({ commissionId, orgs, users }, { ...s, wide: s.wide && s.scope.length % 4 === 0 });
  if (!s.repeat || a.scope.wide || !a.scope.orgIds.length) return a;
  const copies = Math.ceil((CASE_WALK_PROBES + 1) / a.scope.orgIds.length);
  return { ...a, scope: { ...a.scope, orgIds: Array.from({ length: copies }, () => a.scope.orgIds).flat() } };
}

/** Synthetic 信息互通 case grants: named cases and owner orgs (the owners are keyed arms of the walk too). */
function grantsOf(s: ActorSpec): Grants {
  const ids = s.grantIds.map((i) => caseIds[i % caseIds.length] as string);
  const owners = s.grantOwners.map((i) => orgs[i % orgs.length] as string);
  if (!ids.length && !owners.length) return { byType: {}, fingerprint: '' };
  return { byType: { CASE: { ids, fullIds: ids, owners, fullOwners: owners, byId: new Map(), byOwner: new Map() } }, fingerprint: 'walk' };
}

const ctxOf = (actor: Actor) => ({ db: t.db, actor }) as Ctx;

describe('the case ledger’s walk is the predicate’s page', () => {
  it('for random actors, data, sorts and page sizes: the same ids in the same order, and the same total', async () => {
    let walked = 0;
    let walkedNonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(
        actorArb,
        fc.constantFrom('-filedOn', '-filedOn', 'caseNo', '-caseNo', 'filedOn', 'trialDue'),
        fc.integer({ min: 4, max: 12 }),
        async (spec, sort, pageSize) => {
          const actor = actorOf(spec);
          const grants = grantsOf(spec);
          const ctx = ctxOf(actor);
          const base: CaseListQuery = CaseListQuerySchema.parse({ sort });
          const reference = await sql<{ id: string }>`SELECT c.id FROM case_file c
            WHERE ${caseVisible(actor, 'c', { shared: { use: 'any', grants }, storedTeamGate: false })}`.execute(t.db);
          const plain = await casePage(ctx, { ...base, page: 1, pageSize: 100_000 }, { keyed: false, exact: true, grants });
          expect([...plain.ids].sort()).toEqual(reference.rows.map((x) => x.id).sort());
          const keyed: string[] = [];
          for (let page = 1; (page - 1) * pageSize <= plain.ids.length; page++) {
            const got = await casePage(ctx, { ...base, page, pageSize }, { keyed: true, grants });
            keyed.push(...got.ids);
            expect(got).toMatchObject({ total: plain.ids.length, totalCapped: false });
          }
          expect(keyed).toEqual(plain.ids);
          // The list as it opens: named with a screen's page size, asked past the five calls after which PostgreSQL may
          // keep its generic plan.
          for (let i = 0; i < 6; i++) {
            const size = i % 2 ? 10 : 20;
            const listed = await listCases(ctx, { ...base, page: 1, pageSize: size }, 'list', { grants });
            expect(listed.items.map((x) => x.id)).toEqual(plain.ids.slice(0, size));
            expect(listed).toMatchObject({ total: plain.ids.length, totalCapped: false });
          }
          const arms = caseVisibleArms(actor, 'c', { shared: { use: 'any', grants } });
          if (['-filedOn', 'caseNo', '-caseNo'].includes(sort) && overProbeLimit(arms, CASE_WALK_PROBES)) {
            walked++;
            if (plain.ids.length) walkedNonEmpty++;
          }
        },
      ),
      { numRuns: 100, seed: 1206 },
    );
    // Not vacuous: many runs walk, and most of those see cases.
    expect(walked).toBeGreaterThan(15);
    expect(walkedNonEmpty).toBeGreaterThan(10);
  }, 600_000);
});
