/**
 * The keyed ledger page (issue 12, platform/keyed-page.ts) against the one visibility predicate: for random
 * actors (group, office, county, 分管领导, commission-wide, team members, 专班 members, grant holders, recused,
 * low clearance), random data and random filters, sorts and page sizes, every page of the keyed query is
 * exactly the page of the original predicate (`clueVisible` / `caseVisible`), in the same order. Plus the
 * capped total of GET /clues and /cases: exactly 1,000 → exact; 1,001 → 超过 1,000 条; ?exactTotal=true.
 */
import { type CaseListQuery, CaseListQuerySchema } from '@liandong/domain/cases/contracts';
import { type ClueQuery, ClueQuerySchema } from '@liandong/domain/clues/contracts';
import fc from 'fast-check';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import {
  actorFrom,
  caseTeams,
  clueCaseRecusals,
  demoPool,
  fileCluesAsCases,
  pick,
  READER_ROLE_SETS,
  randomClueColumns,
  rng,
  taskForceMembers,
} from '../../../test/property-data';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { KEYED_PROBE_LIMIT } from '../../platform/keyed-page';
import { TOTAL_CAP } from '../../platform/ledger-page';
import { casePage, listCases } from '../cases';
import { caseVisible, clueVisible, type Grants } from '../visibility';
import { CLUE_SCOPED_ROLES } from '@liandong/domain/access/role-sets';
import { ledgerPage, ledgerRows } from './service-ledger';

let t: TestApp;
let commissionId: string;
let orgs: string[] = [];
let users: string[] = [];
let clueIds: string[] = [];
let caseIds: string[] = [];
/** Test-only commission rows are told apart by this title prefix. */
const MARK = '键控台账';

beforeAll(async () => {
  t = await createTestApp();
  // A pool of orgs and accounts with data around them; random clues and cases spread over them.
  const pool = await demoPool(t.db);
  ({ commissionId, orgs, users } = pool);
  const campaigns = pool.campaigns;
  const r = rng(20261205);
  const dates = ['2026-01-05', '2026-01-06', '2026-02-10', '2026-03-02', '2026-03-03', '2026-04-20'];
  // Clues: few dates (ties broken by id), some without a number, both classifications, some in a campaign.
  const clues = Array.from({ length: 260 }, (_, i) => {
    const numbered = r() < 0.7;
    return {
      commission_id: commissionId,
      year: pick(r, [2025, 2026]),
      seq: numbered ? 900_000 + i : null,
      clue_no: numbered ? `演示线〔${900_000 + i}〕号` : null,
      source: pick(r, ['PETITION_LETTER', 'PETITION_VISIT', 'PETITION_PHONE'] as const),
      ...randomClueColumns(r, { orgs, dates, states: ['ASSIGNED', 'REGISTERED', 'UNDER_ANALYSIS'] as const }),
      title: `${MARK}线索${i}`,
      campaign_id: campaigns.length && r() < 0.15 ? pick(r, campaigns) : null,
    };
  });
  clueIds = (await t.db.insertInto('clue').values(clues).returning('id').execute()).map((x) => x.id);
  const cases = Array.from({ length: 160 }, (_, i) => {
    const year = pick(r, [2025, 2026]);
    return {
      commission_id: commissionId,
      year,
      seq: 800_000 + i,
      case_no: `兰纪案〔${year}〕${800_000 + i}号`,
      title: `${MARK}案件${i}`,
      subject_name: '测试对象',
      subject_org_id: r() < 0.3 ? null : pick(r, orgs),
      lead_org_id: pick(r, orgs),
      state: pick(r, ['FILED', 'INVESTIGATING', 'IN_TRIAL', 'DECIDED'] as const),
      filed_on: r() < 0.15 ? null : pick(r, dates),
      trial_due: r() < 0.5 ? null : pick(r, dates),
      classification: pick(r, ['PUBLIC', 'PUBLIC', 'WORK_SECRET'] as const),
    };
  });
  caseIds = (await t.db.insertInto('case_file').values(cases).returning('id').execute()).map((x) => x.id);
  // Clues filed as cases (the case team sees the clue), case teams (some left), recusals, 专班 members.
  await fileCluesAsCases(t.db, r, clueIds, caseIds, 40);
  await caseTeams(t.db, r, pool, caseIds, 150);
  // Some cases change lead org after their teams were formed (指定管辖): each membership keeps its case's lead org
  // (0068 triggers), which the team arm of caseVisible reads; a second membership moves to another case.
  const teamCases = (
    await sql<{ case_id: string }>`SELECT DISTINCT case_id FROM case_team_member WHERE case_id = ANY(${caseIds}::uuid[]) ORDER BY case_id`.execute(t.db)
  ).rows.map((x) => x.case_id);
  for (let i = 0; i < 60; i++) {
    await sql`UPDATE case_file SET lead_org_id = ${pick(r, orgs)}::uuid WHERE id = ${pick(r, teamCases)}::uuid`.execute(t.db);
  }
  await sql`UPDATE case_team_member SET case_id = ${pick(r, caseIds)}::uuid
    WHERE id = (SELECT id FROM case_team_member WHERE case_id = ANY(${caseIds}::uuid[]) AND left_on IS NOT NULL LIMIT 1)`.execute(t.db);
  await clueKeyWrites(r, teamCases);
  await clueCaseRecusals(t.db, r, pool, clueIds, caseIds, 60);
  await taskForceMembers(t.db, r, pool, campaigns);
  await sql`ANALYZE clue`.execute(t.db);
  await sql`ANALYZE case_file`.execute(t.db);
});
afterAll(() => t?.close());

/**
 * Writes after migration 0073, each of which changes the undertaking org a case team membership keeps of its case's
 * clues (clue_undertaking_org_id, read by the team arm of clueVisible): clues filed as team cases with one undertaking
 * org (the case-team arm is then left out for a scope holding it), clues moved to another undertaking org or case,
 * clues added with a case and removed, memberships joined and moved to another case.
 */
async function clueKeyWrites(r: () => number, teamCases: string[]): Promise<void> {
  const unfiled = async () =>
    (await sql<{ id: string }>`SELECT id FROM clue WHERE id = ANY(${clueIds}::uuid[]) AND case_id IS NULL ORDER BY id`.execute(t.db)).rows.map((x) => x.id);
  const filed = async () =>
    (await sql<{ id: string }>`SELECT id FROM clue WHERE id = ANY(${clueIds}::uuid[]) AND case_id IS NOT NULL ORDER BY id`.execute(t.db)).rows.map((x) => x.id);
  // 立案: a clue filed as a team case, undertaken by one org of the pool (the one its case's other clues have, mostly).
  for (let i = 0; i < 80; i++) {
    const k = pick(r, teamCases);
    await sql`UPDATE clue SET case_id = ${k}::uuid, undertaking_org_id = coalesce(
        CASE WHEN ${r() < 0.8} THEN (SELECT o.undertaking_org_id FROM clue o WHERE o.case_id = ${k}::uuid AND o.undertaking_org_id IS NOT NULL LIMIT 1) END,
        ${pick(r, orgs)}::uuid)
      WHERE id = ${pick(r, await unfiled())}::uuid`.execute(t.db);
  }
  // 线索改办 and 并案: a filed clue to another undertaking org (or none), or to another case.
  for (let i = 0; i < 25; i++) {
    const id = pick(r, await filed());
    if (r() < 0.5) await sql`UPDATE clue SET undertaking_org_id = ${r() < 0.15 ? null : pick(r, orgs)}::uuid WHERE id = ${id}::uuid`.execute(t.db);
    else await sql`UPDATE clue SET case_id = ${pick(r, teamCases)}::uuid WHERE id = ${id}::uuid`.execute(t.db);
  }
  // A clue added with its case (another undertaking org than the case's), and one added and removed again.
  for (let i = 0; i < 6; i++) {
    const k = pick(r, teamCases);
    const [row] = (
      await sql<{ id: string }>`INSERT INTO clue (commission_id, year, source, received_on, receiving_org_id, real_name, title, summary, subject_name,
          cadre_management, is_subordinate_top_leader, undertaking_org_id, state, propose_due, classification, case_id)
        VALUES (${commissionId}::uuid, 2026, 'PETITION_LETTER', '2026-03-02', ${pick(r, orgs)}::uuid, false, ${`${MARK}并案线索${i}`}, '演示数据', '测试对象',
          'OTHER', false, ${pick(r, orgs)}::uuid, 'ASSIGNED', '2026-04-20', 'PUBLIC', ${k}::uuid) RETURNING id`.execute(t.db)
    ).rows;
    if (i === 5) await sql`DELETE FROM clue WHERE id = ${row!.id}::uuid`.execute(t.db);
    else clueIds.push(row!.id);
  }
  // Memberships: new ones on the team cases, and one moved to another case.
  for (let i = 0; i < 150; i++) {
    await sql`INSERT INTO case_team_member (commission_id, case_id, team, user_id, org_id, joined_on)
      SELECT ${commissionId}::uuid, ${pick(r, teamCases)}::uuid, 'INVESTIGATION', u.id, u.org_id, '2026-01-01' FROM app_user u
      WHERE u.id = ${pick(r, users)}::uuid ON CONFLICT DO NOTHING`.execute(t.db);
  }
  // Moved to a case where that person is not on the same team already (the active membership is unique: CI once drew
  // a case the first membership's person had just joined).
  const target = pick(r, teamCases);
  await sql`UPDATE case_team_member SET case_id = ${target}::uuid
    WHERE id = (SELECT x.id FROM case_team_member x WHERE x.case_id = ANY(${caseIds}::uuid[]) AND x.left_on IS NULL
      AND NOT EXISTS (SELECT 1 FROM case_team_member y WHERE y.case_id = ${target}::uuid AND y.team = x.team AND y.user_id = x.user_id
        AND y.left_on IS NULL)
      ORDER BY x.id LIMIT 1)`.execute(t.db);
}

/** Memberships whose kept undertaking org (0073) is not the one of their case's clues now. */
const clueKeyDrift = async () =>
  (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_team_member m
      WHERE m.clue_undertaking_org_id IS DISTINCT FROM case_clue_undertaking_org(m.case_id)`.execute(t.db)
  ).rows[0]?.n;

/** A random actor: roles, an org scope (or wide), an account (teams, 专班, recusals), a clearance. */
const actorArb = fc.record({
  roles: fc.constantFrom(...READER_ROLE_SETS),
  wide: fc.boolean(),
  scope: fc.uniqueArray(fc.nat(39), { maxLength: 12 }),
  org: fc.nat(39),
  user: fc.nat(29),
  clearance: fc.constantFrom('PUBLIC', 'WORK_SECRET'),
  grantIds: fc.uniqueArray(fc.nat(259), { maxLength: 6 }),
  grantOwners: fc.uniqueArray(fc.nat(39), { maxLength: 3 }),
  fullGrants: fc.boolean(),
  /** The scope's orgs repeated past KEYED_PROBE_LIMIT probes: a wide scope (an office's, a 分管领导's hundreds of orgs). */
  widen: fc.boolean(),
});
type ActorSpec = typeof actorArb extends fc.Arbitrary<infer A> ? A : never;

const actorOf = (s: ActorSpec): Actor => {
  const a = actorFrom({ commissionId, orgs, users }, s);
  if (!s.widen || a.scope.wide || !a.scope.orgIds.length) return a;
  // The demo's scopes are small: the same orgs repeated stand for a wide one, whose ledger page walks the sort order with
  // the org lists hashed (service-ledger.ts keyedLedger) — which must not change a single row.
  const copies = Math.ceil((KEYED_PROBE_LIMIT + 1) / a.scope.orgIds.length);
  return { ...a, scope: { ...a.scope, orgIds: Array.from({ length: copies }, () => a.scope.orgIds).flat() } };
};

/** Synthetic 信息互通 grants of one type: named objects and owner orgs (category grants). */
function grantsOf(type: 'CLUE' | 'CASE', s: ActorSpec, objects: string[]): Grants {
  const ids = s.grantIds.map((i) => objects[i % objects.length] as string);
  const owners = s.grantOwners.map((i) => orgs[i % orgs.length] as string);
  if (!ids.length && !owners.length) return { byType: {}, fingerprint: '' };
  return {
    byType: {
      [type]: {
        ids,
        fullIds: s.fullGrants ? ids : ids.slice(0, 1),
        owners,
        fullOwners: s.fullGrants ? owners : [],
        byId: new Map(),
        byOwner: new Map(),
      },
    },
    fingerprint: 'prop',
  };
}

function ctxOf(actor: Actor): Ctx {
  return { db: t.db, actor } as Ctx;
}

/** Every page of one query, keyed or not, concatenated (one past the end too). */
async function allPages(read: (limit: number, offset: number) => Promise<{ ids: string[] }>, pageSize: number, total: number) {
  const out: string[] = [];
  for (let offset = 0; offset <= total; offset += pageSize) out.push(...(await read(pageSize, offset)).ids);
  return out;
}

const clueQueryArb = fc.record({
  sort: fc.constantFrom('receivedOn', '-receivedOn', 'proposeDue', '-proposeDue', 'clueNo', '-clueNo'),
  state: fc.option(fc.constantFrom(['ASSIGNED'], ['REGISTERED', 'UNDER_ANALYSIS']), { nil: undefined }),
  year: fc.option(fc.constantFrom(2025, 2026), { nil: undefined }),
  receivedFrom: fc.option(fc.constantFrom('2026-02-01', '2026-03-03'), { nil: undefined }),
  pageSize: fc.integer({ min: 1, max: 9 }),
});

describe('the keyed clue page is the predicate’s page', () => {
  it('for random actors, data, filters, sorts and page sizes: the same ids in the same order on every page', async () => {
    let nonEmpty = 0;
    let openNonEmpty = 0;
    let wideNonEmpty = 0;
    let gated = 0;
    await fc.assert(
      fc.asyncProperty(actorArb, clueQueryArb, async (spec, qs) => {
        const actor = actorOf(spec);
        const q: ClueQuery = ClueQuerySchema.parse({ sort: qs.sort, state: qs.state, year: qs.year, receivedFrom: qs.receivedFrom });
        const shared = { use: 'any' as const, grants: grantsOf('CLUE', spec, clueIds) };
        const ctx = ctxOf(actor);
        const plain = await ledgerPage(ctx, q, 100_000, 0, { keyed: false, exact: true, shared });
        // The predicate with the stored team gate (0073) is the plain one: the same clues as the case-team arm without it.
        const reference = await sql<{ id: string }>`SELECT c.id FROM clue c
          WHERE c.commission_id = ${commissionId}::uuid AND ${clueVisible(actor, 'c', { shared, storedTeamGate: false })}
            ${q.state?.length ? sql`AND c.state = ANY(${q.state}::text[])` : sql``} ${q.year ? sql`AND c.year = ${q.year}` : sql``}
            ${q.receivedFrom ? sql`AND c.received_on >= ${q.receivedFrom}::date` : sql``}`.execute(t.db);
        expect([...plain.ids].sort()).toEqual(reference.rows.map((x) => x.id).sort());
        // The gate leaves out some of this actor's team cases (counted: the property must reach it).
        const gatedOut = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_team_member m
          WHERE m.user_id = ${actor.userId}::uuid AND m.left_on IS NULL AND EXISTS (SELECT 1 FROM clue c WHERE c.case_id = m.case_id)
            AND m.clue_undertaking_org_id = ANY(${actor.scope.wide ? [actor.orgId] : actor.scope.orgIds}::uuid[])`.execute(t.db);
        if (gatedOut.rows[0]!.n > 0 && actor.roles.some((x) => CLUE_SCOPED_ROLES.includes(x))) gated++;
        const keyedPages = await allPages((l, o) => ledgerPage(ctx, q, l, o, { keyed: true, shared }), qs.pageSize, plain.ids.length);
        expect(keyedPages).toEqual(plain.ids);
        const first = await ledgerPage(ctx, q, qs.pageSize, 0, { keyed: true, shared });
        expect(first).toMatchObject({ total: plain.ids.length, totalCapped: false });
        // The list itself: the page chosen and presented in one statement — with a screen's page size and no filters
        // sent named (planned once per connection, its generic plan after a few calls) — shows the same rows.
        for (const size of [qs.pageSize, 10]) {
          for (let i = 0; i < (size === 10 ? 2 : 1); i++) {
            const listed = await ledgerRows(ctx, q, size, 0, 'list', { shared });
            expect(listed.items.map((x) => x.id)).toEqual(plain.ids.slice(0, size));
            expect(listed).toMatchObject({ total: plain.ids.length, totalCapped: false });
          }
        }
        // The ledger as it opens (no filters: the named statements, their count's org lists through keyed_keys, 0076) —
        // rare among the random filters above, so asked of every actor: the same rows and total as the predicate.
        const opening: ClueQuery = ClueQuerySchema.parse({ sort: qs.sort });
        const openPlain = await ledgerPage(ctx, opening, 100_000, 0, { keyed: false, exact: true, shared });
        for (const size of [10, 20, 10]) {
          const listed = await ledgerRows(ctx, opening, size, 0, 'list', { shared });
          expect(listed.items.map((x) => x.id)).toEqual(openPlain.ids.slice(0, size));
          expect(listed).toMatchObject({ total: openPlain.ids.length, totalCapped: false });
        }
        if (openPlain.ids.length) openNonEmpty++;
        if (plain.ids.length) nonEmpty++;
        if (plain.ids.length && actor.scope.orgIds.length * 3 > KEYED_PROBE_LIMIT) wideNonEmpty++;
      }),
      { numRuns: 120, seed: 1205 },
    );
    // The property is not vacuous: most actors see something, wide scopes too.
    expect(nonEmpty).toBeGreaterThan(40);
    expect(openNonEmpty).toBeGreaterThan(40);
    expect(wideNonEmpty).toBeGreaterThan(10);
    expect(gated).toBeGreaterThan(5);
    expect(await clueKeyDrift()).toBe(0);
  });
});

const caseQueryArb = fc.record({
  sort: fc.constantFrom('filedOn', '-filedOn', 'caseNo', '-caseNo', 'trialDue', '-trialDue'),
  state: fc.option(fc.constantFrom(['FILED'], ['IN_TRIAL', 'DECIDED']), { nil: undefined }),
  year: fc.option(fc.constantFrom(2025, 2026), { nil: undefined }),
  pageSize: fc.integer({ min: 1, max: 9 }),
});

describe('the keyed case page is the predicate’s page', () => {
  it('for random actors, data, filters, sorts and page sizes: the same ids in the same order on every page', async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(actorArb, caseQueryArb, async (spec, qs) => {
        const actor = actorOf(spec);
        const base: CaseListQuery = CaseListQuerySchema.parse({ sort: qs.sort, state: qs.state?.join(','), year: qs.year });
        const grants = grantsOf('CASE', spec, caseIds);
        const ctx = ctxOf(actor);
        const plain = await casePage(ctx, { ...base, page: 1, pageSize: 100_000 }, { keyed: false, exact: true, grants });
        // The predicate with the stored team gate (0068) is the plain one: the same cases as the team arm without it.
        const reference = await sql<{ id: string }>`SELECT c.id FROM case_file c
          WHERE ${caseVisible(actor, 'c', { shared: { use: 'any', grants }, storedTeamGate: false })}
            ${base.state?.length ? sql`AND c.state = ANY(${base.state}::text[])` : sql``} ${base.year ? sql`AND c.year = ${base.year}` : sql``}`.execute(t.db);
        expect([...plain.ids].sort()).toEqual(reference.rows.map((x) => x.id).sort());
        const keyed: string[] = [];
        for (let page = 1; (page - 1) * qs.pageSize <= plain.ids.length; page++) {
          keyed.push(...(await casePage(ctx, { ...base, page, pageSize: qs.pageSize }, { keyed: true, grants })).ids);
        }
        expect(keyed).toEqual(plain.ids);
        const first = await casePage(ctx, { ...base, page: 1, pageSize: qs.pageSize }, { keyed: true, grants });
        expect(first).toMatchObject({ total: plain.ids.length, totalCapped: false });
        // The list itself (one statement; named with a screen's page size and no filters) shows the same rows.
        for (const pageSize of [qs.pageSize, 10]) {
          for (let i = 0; i < (pageSize === 10 ? 2 : 1); i++) {
            const listed = await listCases(ctx, { ...base, page: 1, pageSize }, 'list', { grants });
            expect(listed.items.map((x) => x.id)).toEqual(plain.ids.slice(0, pageSize));
            expect(listed).toMatchObject({ total: plain.ids.length, totalCapped: false });
          }
        }
        if (plain.ids.length) nonEmpty++;
      }),
      { numRuns: 120, seed: 1205 },
    );
    expect(nonEmpty).toBeGreaterThan(40);
  });
});

describe('the lead org kept on a case team membership (0068)', () => {
  it('follows the case: on joining, on moving to another case, and when the case changes lead org', async () => {
    const drift = async () =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_team_member m JOIN case_file k ON k.id = m.case_id
          WHERE m.case_lead_org_id IS DISTINCT FROM k.lead_org_id`.execute(t.db)
      ).rows[0]?.n;
    // A county member on the team of a case its county leads sees it (lead-org arm); once the case is led elsewhere,
    // still (team arm) — the membership no longer says "led in your scope".
    const member = users[3] as string;
    const c = caseIds[5] as string;
    const county = orgs[11] as string;
    await sql`UPDATE case_file SET lead_org_id = ${county}::uuid, state = 'INVESTIGATING', year = 2031 WHERE id = ${c}::uuid`.execute(t.db);
    await sql`INSERT INTO case_team_member (commission_id, case_id, team, user_id, org_id, joined_on)
      SELECT ${commissionId}::uuid, ${c}::uuid, 'INVESTIGATION', u.id, u.org_id, '2026-01-01' FROM app_user u WHERE u.id = ${member}::uuid
      ON CONFLICT DO NOTHING`.execute(t.db);
    const actor = actorOf({
      roles: ['COUNTY_STAFF'],
      wide: false,
      scope: [11],
      org: 11,
      user: 3,
      clearance: 'WORK_SECRET',
      grantIds: [],
      grantOwners: [],
      fullGrants: false,
      widen: false,
    });
    const seen = async () =>
      (await listCases(ctxOf(actor), CaseListQuerySchema.parse({ year: 2031, pageSize: 100 }), 'list', { grants: { byType: {}, fingerprint: '' } })).items.map(
        (x) => x.id,
      );
    expect(await seen()).toContain(c);
    await sql`UPDATE case_file SET lead_org_id = ${orgs[12]}::uuid WHERE id = ${c}::uuid`.execute(t.db);
    expect(await seen()).toContain(c);
    expect(await drift()).toBe(0);
    const [a, b] = caseIds;
    await sql`UPDATE case_file SET lead_org_id = ${orgs[7]}::uuid WHERE id = ${a}::uuid`.execute(t.db);
    await sql`UPDATE case_team_member SET case_id = ${b}::uuid, case_lead_org_id = ${orgs[8]}::uuid WHERE case_id = ${a}::uuid AND left_on IS NOT NULL`.execute(
      t.db,
    );
    expect(await drift()).toBe(0);
  });
});

describe('the undertaking org kept on a case team membership (0073)', () => {
  it('follows the clues of the case: filed, moved to another undertaking org or case, joined by another clue; memberships joined and moved', async () => {
    // A county member on the team of a case filed on a clue the county undertakes (received and about someone elsewhere):
    // the undertaking-org arm shows it, the team arm leaves the case out. Once the clue is undertaken elsewhere, or the
    // case has a clue of another undertaking org, the team arm shows them — the membership must say so at once.
    const county = orgs[11] as string;
    const elsewhere = orgs[12] as string;
    const member = users[4] as string;
    const k = caseIds[9] as string;
    const actor = actorOf({
      roles: ['COUNTY_STAFF'],
      wide: false,
      scope: [11],
      org: 11,
      user: 4,
      clearance: 'WORK_SECRET',
      grantIds: [],
      grantOwners: [],
      fullGrants: false,
      widen: false,
    });
    const addClue = async (undertaking: string, caseId: string | null) =>
      (
        await sql<{ id: string }>`INSERT INTO clue (commission_id, year, source, received_on, receiving_org_id, real_name, title, summary, subject_name,
            cadre_management, is_subordinate_top_leader, undertaking_org_id, state, propose_due, classification, case_id)
          VALUES (${commissionId}::uuid, 2032, 'PETITION_LETTER', '2026-03-02', ${elsewhere}::uuid, false, ${`${MARK}城关承办`}, '演示数据', '测试对象',
            'OTHER', false, ${undertaking}::uuid, 'ASSIGNED', '2026-04-20', 'PUBLIC', ${caseId}::uuid) RETURNING id`.execute(t.db)
      ).rows[0]!.id;
    const seen = async () =>
      (
        await ledgerRows(ctxOf(actor), ClueQuerySchema.parse({ year: 2032, pageSize: 100 }), 100, 0, 'list', {
          shared: { use: 'any', grants: { byType: {}, fingerprint: '' } },
        })
      ).items
        .map((x) => x.id)
        .sort();
    const kept = async (caseId: string) =>
      (
        await sql<{
          o: string | null;
        }>`SELECT clue_undertaking_org_id AS o FROM case_team_member WHERE case_id = ${caseId}::uuid AND user_id = ${member}::uuid`.execute(t.db)
      ).rows[0]?.o;

    await sql`DELETE FROM case_team_member WHERE case_id = ${k}::uuid OR (user_id = ${member}::uuid AND case_id = ANY(${caseIds.slice(10, 12)}::uuid[]))`.execute(
      t.db,
    );
    await sql`UPDATE clue SET case_id = NULL WHERE case_id = ${k}::uuid`.execute(t.db);
    await sql`INSERT INTO case_team_member (commission_id, case_id, team, user_id, org_id, joined_on)
      SELECT ${commissionId}::uuid, ${k}::uuid, 'INVESTIGATION', u.id, u.org_id, '2026-01-01' FROM app_user u WHERE u.id = ${member}::uuid`.execute(t.db);
    expect(await kept(k)).toBeNull();
    // 立案: the clue filed as the case — the membership keeps the county.
    const x = await addClue(county, null);
    await sql`UPDATE clue SET case_id = ${k}::uuid WHERE id = ${x}::uuid`.execute(t.db);
    expect(await kept(k)).toBe(county);
    expect(await seen()).toEqual([x]);
    // 改办: undertaken elsewhere — seen through the team now.
    await sql`UPDATE clue SET undertaking_org_id = ${elsewhere}::uuid WHERE id = ${x}::uuid`.execute(t.db);
    expect(await seen()).toEqual([x]);
    expect(await kept(k)).toBe(elsewhere);
    await sql`UPDATE clue SET undertaking_org_id = ${county}::uuid WHERE id = ${x}::uuid`.execute(t.db);
    expect(await kept(k)).toBe(county);
    // A second clue of another undertaking org filed as the case (并案): nothing left out.
    const y = await addClue(elsewhere, k);
    expect(await seen()).toEqual([x, y].sort());
    expect(await kept(k)).toBeNull();
    // That clue moved to another case, then removed: the county again.
    await sql`UPDATE clue SET case_id = ${caseIds[10]}::uuid WHERE id = ${y}::uuid`.execute(t.db);
    expect(await kept(k)).toBe(county);
    expect(await seen()).toEqual([x]);
    const z = await addClue(elsewhere, k);
    expect(await kept(k)).toBeNull();
    await sql`DELETE FROM clue WHERE id = ${z}::uuid`.execute(t.db);
    expect(await kept(k)).toBe(county);
    // The clue moved to a case of no clue of the county (its membership too): the membership on the old case keeps nothing.
    const k2 = caseIds[11] as string;
    await sql`UPDATE clue SET case_id = NULL WHERE case_id = ${k2}::uuid`.execute(t.db);
    await sql`UPDATE clue SET case_id = ${k2}::uuid, undertaking_org_id = ${elsewhere}::uuid WHERE id = ${x}::uuid`.execute(t.db);
    expect(await kept(k)).toBeNull();
    await sql`UPDATE case_team_member SET case_id = ${k2}::uuid WHERE case_id = ${k}::uuid AND user_id = ${member}::uuid`.execute(t.db);
    expect(await kept(k2)).toBe(elsewhere);
    expect(await seen()).toEqual([x]);
    // A change of the case's lead org (指定管辖) leaves the clues' undertaking org as it is.
    await sql`UPDATE case_file SET lead_org_id = ${county}::uuid WHERE id = ${k2}::uuid`.execute(t.db);
    expect(await kept(k2)).toBe(elsewhere);
    expect(await clueKeyDrift()).toBe(0);
  });
});

describe('the undertaking org kept on a membership under concurrent writes (0073)', () => {
  it('a membership joined while a clue of the case moves, and two clues of one case moving at once: the value both writes leave', async () => {
    const [u, v] = [orgs[20] as string, orgs[21] as string];
    const k = caseIds[30] as string;
    const a = new pg.Client({ connectionString: t.appDatabaseUrl });
    const b = new pg.Client({ connectionString: t.appDatabaseUrl });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await sql`DELETE FROM case_team_member WHERE case_id = ${k}::uuid`.execute(t.db);
      await sql`UPDATE clue SET case_id = NULL WHERE case_id = ${k}::uuid`.execute(t.db);
      const [x, y] = clueIds.slice(200, 202) as [string, string];
      await sql`UPDATE clue SET case_id = ${k}::uuid, undertaking_org_id = ${u}::uuid WHERE id = ANY(${[x, y]}::uuid[])`.execute(t.db);
      const join = (user: string) =>
        `INSERT INTO case_team_member (commission_id, case_id, team, user_id, org_id, joined_on)
         SELECT '${commissionId}', '${k}', 'INVESTIGATION', u.id, u.org_id, '2026-01-01' FROM app_user u WHERE u.id = '${user}'`;
      // A moves both clues elsewhere and has not committed when B joins the team: B waits for A, then keeps v.
      await a.query('BEGIN');
      await a.query('UPDATE clue SET undertaking_org_id = $1 WHERE id = ANY($2::uuid[])', [v, [x, y]]);
      await b.query('BEGIN');
      const joined = b.query(join(users[5] as string));
      await new Promise((r) => setTimeout(r, 150));
      await a.query('COMMIT');
      await joined;
      await b.query('COMMIT');
      expect(
        (await sql<{ o: string | null }>`SELECT DISTINCT clue_undertaking_org_id AS o FROM case_team_member WHERE case_id = ${k}::uuid`.execute(t.db)).rows,
      ).toEqual([{ o: v }]);
      // A and B each move one of the two clues (u, v → v, u): both committed, the case has two undertaking orgs.
      await sql`UPDATE clue SET undertaking_org_id = ${u}::uuid WHERE id = ${x}::uuid`.execute(t.db);
      await a.query('BEGIN');
      await a.query('UPDATE clue SET undertaking_org_id = $1 WHERE id = $2', [v, x]);
      await b.query('BEGIN');
      const moved = b.query('UPDATE clue SET undertaking_org_id = $1 WHERE id = $2', [u, y]);
      await new Promise((r) => setTimeout(r, 150));
      await a.query('COMMIT');
      await moved;
      await b.query('COMMIT');
      expect(
        (await sql<{ o: string | null }>`SELECT DISTINCT clue_undertaking_org_id AS o FROM case_team_member WHERE case_id = ${k}::uuid`.execute(t.db)).rows,
      ).toEqual([{ o: null }]);
      expect(await clueKeyDrift()).toBe(0);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });
});

describe('the capped total', () => {
  async function ledger(url: string) {
    const res = await t.request({ method: 'GET', url, as: 'cg.county' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: unknown[]; total: number; totalCapped: boolean };
  }
  const cgId = async () => (await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-CG').executeTakeFirstOrThrow()).id;

  /** Adds clues received and undertaken by 城关区 until its staff see `n`. */
  async function cluesUntil(n: number): Promise<void> {
    const have = (await ledger('/api/v1/clues?exactTotal=true')).total;
    expect(have).toBeLessThanOrEqual(n);
    if (have === n) return;
    await sql`INSERT INTO clue (commission_id, year, source, received_on, receiving_org_id, real_name, title, summary, subject_name,
        cadre_management, is_subordinate_top_leader, undertaking_org_id, state, propose_due)
      SELECT ${commissionId}::uuid, 2026, 'PETITION_LETTER', date '2026-01-01' + (g % 90), ${await cgId()}::uuid, false, ${MARK} || '城关' || g,
        '演示数据', '测试对象', 'OTHER', false, ${await cgId()}::uuid, 'ASSIGNED', '2026-05-01'
      FROM generate_series(1, ${n - have}) g`.execute(t.db);
  }

  /** Adds cases led by 城关区 until its staff see `n`. */
  let caseSeq = 700_000;
  async function casesUntil(n: number): Promise<void> {
    const have = (await ledger('/api/v1/cases?exactTotal=true')).total;
    expect(have).toBeLessThanOrEqual(n);
    if (have === n) return;
    await sql`INSERT INTO case_file (commission_id, year, seq, case_no, title, subject_name, lead_org_id, state, filed_on)
      SELECT ${commissionId}::uuid, 2030, ${caseSeq} + g, '兰纪案〔2030〕' || (${caseSeq} + g) || '号', ${MARK} || '城关案件' || g, '测试对象',
        ${await cgId()}::uuid, 'INVESTIGATING', date '2026-01-01' + (g % 90)
      FROM generate_series(1, ${n - have}) g`.execute(t.db);
    caseSeq += n - have;
  }

  it('exactly 1,000 visible clues: the exact total; 1,001: 超过 1,000 (capped); ?exactTotal=true counts them all', async () => {
    await cluesUntil(TOTAL_CAP);
    expect(await ledger('/api/v1/clues')).toMatchObject({ total: TOTAL_CAP, totalCapped: false });
    await cluesUntil(TOTAL_CAP + 1);
    const capped = await ledger('/api/v1/clues');
    expect(capped).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
    expect(capped.items).toHaveLength(20);
    await cluesUntil(TOTAL_CAP + 37);
    expect(await ledger('/api/v1/clues?exactTotal=true')).toMatchObject({ total: TOTAL_CAP + 37, totalCapped: false });
    // A page past the cap (reached by address) is full and says how many rows come up to it.
    const deep = await ledger('/api/v1/clues?page=51&pageSize=20');
    expect(deep).toMatchObject({ total: TOTAL_CAP + 20, totalCapped: true });
    expect(deep.items).toHaveLength(20);
    const last = await ledger('/api/v1/clues?page=52&pageSize=20');
    expect(last).toMatchObject({ total: TOTAL_CAP + 37, totalCapped: true });
    expect(last.items).toHaveLength(17);
  });

  it('the case ledger: exactly 1,000 → exact; 1,001 → capped; exactTotal=true → exact', async () => {
    await casesUntil(TOTAL_CAP);
    expect(await ledger('/api/v1/cases')).toMatchObject({ total: TOTAL_CAP, totalCapped: false });
    await casesUntil(TOTAL_CAP + 1);
    expect(await ledger('/api/v1/cases')).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
    expect(await ledger('/api/v1/cases?exactTotal=true')).toMatchObject({ total: TOTAL_CAP + 1, totalCapped: false });
  });

  it('a bad exactTotal is a 400 with a zh-CN message', async () => {
    for (const url of ['/api/v1/clues?exactTotal=yes', '/api/v1/cases?exactTotal=2']) {
      const res = await t.request({ method: 'GET', url, as: 'cg.county' });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().message).toMatch(/取值须为 true 或 false/);
    }
  });
});
