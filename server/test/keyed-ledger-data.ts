import { type Kysely, sql } from 'kysely';
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import type { DB } from '../src/db/types';
import type { Actor } from '../src/platform/access';
import type { Ctx } from '../src/platform/context';
import { KEYED_PROBE_LIMIT } from '../src/platform/keyed-page';
import type { Grants } from '../src/modules/visibility';
import { createTestApp } from './app';
import {
  actorFrom,
  caseTeams,
  clueCaseRecusals,
  demoPool,
  fileCluesAsCases,
  type Pool,
  pick,
  READER_ROLE_SETS,
  randomClueColumns,
  rng,
  taskForceMembers,
} from './property-data';

/*
 * The data set of the keyed clue and case ledgers' tests (issue 12: clues/keyed-ledger, clues/keyed-case-page,
 * clues/kept-team-orgs): random clues and cases over a pool of the demo's orgs and accounts, filed as cases, case
 * teams (some left, some moved), cases that changed lead org, the writes after 0073 that move a membership's kept
 * undertaking org, recusals and 专班 members; and the random actor those tests draw. Seeded: every file gets the same.
 * A test file takes it with `keyedLedgerFile()` (built before its tests, closed after them).
 */

/** Test-only commission rows are told apart by this title prefix. */
export const MARK = '键控台账';

/**
 * What every clue test's random actor draws first, in this order (the demo pool's 40 orgs and 30 accounts): roles, an
 * org scope (or wide), an org, an account (teams, 专班, recusals), a clearance. Each test adds its own fields after these.
 */
export const actorFields = {
  roles: fc.constantFrom(...READER_ROLE_SETS),
  wide: fc.boolean(),
  scope: fc.uniqueArray(fc.nat(39), { maxLength: 12 }),
  org: fc.nat(39),
  user: fc.nat(29),
  clearance: fc.constantFrom('PUBLIC', 'WORK_SECRET'),
};

/** A random actor of the data set: the fields above, 信息互通 grants, and a scope widened or not. */
export const actorArb = fc.record({
  ...actorFields,
  grantIds: fc.uniqueArray(fc.nat(259), { maxLength: 6 }),
  grantOwners: fc.uniqueArray(fc.nat(39), { maxLength: 3 }),
  fullGrants: fc.boolean(),
  /** The scope's orgs repeated past KEYED_PROBE_LIMIT probes: a wide scope (an office's, a 分管领导's hundreds of orgs). */
  widen: fc.boolean(),
});
export type ActorSpec = typeof actorArb extends fc.Arbitrary<infer A> ? A : never;

/** A cloned test database with the data set, and the helpers over it. */
export async function keyedLedgerData() {
  const t = await createTestApp();
  let commissionId: string;
  let orgs: string[];
  let users: string[];
  let clueIds: string[] = [];
  let caseIds: string[] = [];
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
      (await sql<{ id: string }>`SELECT id FROM clue WHERE id = ANY(${clueIds}::uuid[]) AND case_id IS NOT NULL ORDER BY id`.execute(t.db)).rows.map(
        (x) => x.id,
      );
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
      const id = await insertClue(t.db, {
        commissionId,
        year: 2026,
        receivingOrgId: pick(r, orgs),
        title: `${MARK}并案线索${i}`,
        undertakingOrgId: pick(r, orgs),
        caseId: k,
      });
      if (i === 5) await sql`DELETE FROM clue WHERE id = ${id}::uuid`.execute(t.db);
      else clueIds.push(id);
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

  return { t, commissionId, orgs, users, clueIds, caseIds, clueKeyDrift, actorOf, grantsOf, ctxOf };
}

export type KeyedLedgerData = Awaited<ReturnType<typeof keyedLedgerData>>;

/**
 * The data set of one test file: `keyedLedgerData()` built before its tests (`beforeAll`) into the object returned,
 * whose fields the tests read (`d.t`, `d.actorOf` …); its database closed after them.
 */
export function keyedLedgerFile(): KeyedLedgerData {
  const d = {} as KeyedLedgerData;
  beforeAll(async () => {
    Object.assign(d, await keyedLedgerData());
  });
  afterAll(() => d.t?.close());
  return d;
}

/**
 * One clue added by hand (a 信访 letter received on 2026-03-02, not under real name, ASSIGNED, PUBLIC): received by one
 * org, undertaken by another, filed as a case or not (the data set's 并案 clues, kept-team-orgs.test.ts's clues).
 */
export async function insertClue(
  db: Kysely<DB>,
  c: { commissionId: string; year: number; receivingOrgId: string; title: string; undertakingOrgId: string; caseId: string | null },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`INSERT INTO clue (commission_id, year, source, received_on, receiving_org_id, real_name, title, summary,
      subject_name, cadre_management, is_subordinate_top_leader, undertaking_org_id, state, propose_due, classification, case_id)
    VALUES (${c.commissionId}::uuid, ${c.year}, 'PETITION_LETTER', '2026-03-02', ${c.receivingOrgId}::uuid, false, ${c.title}, '演示数据', '测试对象',
      'OTHER', false, ${c.undertakingOrgId}::uuid, 'ASSIGNED', '2026-04-20', 'PUBLIC', ${c.caseId}::uuid) RETURNING id`.execute(db);
  return rows[0]!.id;
}

/**
 * A clue book of 2027 for the clue ledger as it opens (clues/walked-ledger.test.ts, clues/present-names.test.ts): `clues`
 * numbered clues from `seq` on, received on `days` dates (many: the walk's order, ties broken by id), a share
 * `inCampaign` of them in one of the pool's campaigns, `more` drawing each clue's further columns last; `cases` filed
 * cases from `caseSeq` on; then `filed` clues filed as those cases, `teams` case team memberships, `recusals` recusals
 * and the 专班 members, drawn in the order the tests always drew them (the same seed, the same data); ANALYZE last.
 */
export async function clueBook2027(
  db: Kysely<DB>,
  pool: Pool & { campaigns: string[] },
  r: () => number,
  o: {
    title: string;
    clues: number;
    seq: number;
    days: number;
    inCampaign: number;
    more?: (r: () => number) => { sector_code?: string | null };
    cases: number;
    caseSeq: number;
    filed: number;
    teams: number;
    recusals: number;
  },
): Promise<{ clueIds: string[]; caseIds: string[] }> {
  const { commissionId, orgs, campaigns } = pool;
  const dates = Array.from({ length: o.days }, (_, i) => `2027-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`);
  const clues = Array.from({ length: o.clues }, (_, i) => ({
    commission_id: commissionId,
    year: 2027,
    seq: o.seq + i,
    clue_no: `演示线〔${o.seq + i}〕号`,
    source: 'PETITION_LETTER' as const,
    ...randomClueColumns(r, { orgs, dates, states: ['ASSIGNED', 'REGISTERED', 'UNDER_ANALYSIS'] as const }),
    title: `${o.title}线索${i}`,
    campaign_id: campaigns.length && r() < o.inCampaign ? pick(r, campaigns) : null,
    ...o.more?.(r),
  }));
  const clueIds = (await db.insertInto('clue').values(clues).returning('id').execute()).map((x) => x.id);
  const cases = Array.from({ length: o.cases }, (_, i) => ({
    commission_id: commissionId,
    year: 2027,
    seq: o.caseSeq + i,
    case_no: `兰纪案〔2027〕${o.caseSeq + i}号`,
    title: `${o.title}案件${i}`,
    subject_name: '测试对象',
    lead_org_id: pick(r, orgs),
    state: 'FILED' as const,
    classification: 'PUBLIC' as const,
  }));
  const caseIds = (await db.insertInto('case_file').values(cases).returning('id').execute()).map((x) => x.id);
  await fileCluesAsCases(db, r, clueIds, caseIds, o.filed);
  await caseTeams(db, r, pool, caseIds, o.teams);
  await clueCaseRecusals(db, r, pool, clueIds, caseIds, o.recusals);
  await taskForceMembers(db, r, pool, campaigns);
  await sql`ANALYZE clue`.execute(db);
  return { clueIds, caseIds };
}

/** Every page of one query, `pageSize` rows each, concatenated (one page past the end too). */
export async function allPages(read: (limit: number, offset: number) => Promise<{ ids: string[] }>, pageSize: number, total: number): Promise<string[]> {
  const out: string[] = [];
  for (let offset = 0; offset <= total; offset += pageSize) out.push(...(await read(pageSize, offset)).ids);
  return out;
}

/** The list as a screen asks it, once per page size of `sizes` in turn: each time the first rows of `ids` and their exact total. */
export async function expectListed(
  list: (pageSize: number) => Promise<{ items: { id: string }[]; total: number; totalCapped: boolean }>,
  ids: string[],
  sizes: number[],
): Promise<void> {
  for (const size of sizes) {
    const listed = await list(size);
    expect(listed.items.map((x) => x.id)).toEqual(ids.slice(0, size));
    expect(listed).toMatchObject({ total: ids.length, totalCapped: false });
  }
}
