/**
 * 全文检索 against the original predicate (issue 12), for random actors and data: whatever plan finds the candidates
 * (search.ts SearchPlan — per kind 'rare' (the GIN index's hits), 'common' (the date-ordered walk, the match tested
 * row by row), 'dense' (as common, but a scoped reader's keyed walk of its orgs' indexes merged in date order, up to
 * `keyedParts` parts, run under its generic plan as the server runs it), 'planner'; a scoped reader walking the book or
 * starting from its scope), every id the statement returns
 * is visible to the actor under clueVisible / caseVisible (FULL grants), and the page is exactly that page of the
 * ranked list (ts_rank, then newest first, kind, id) of the `cap` most recent visible hits (date descending, unfiled
 * last, then kind and id), with the same total up to the cap and the same "more". The cap is the real one (above every
 * search here: the full ranked list) or a small one the hits exceed, so that every plan's `LIMIT cap + 1` binds — also
 * inside one org's part of a keyed walk, on a day crowded with rows of the same orgs. A keyed walk's list of the orgs with
 * rows (search-presence.ts) is none, the true one or any subset of the orgs: the rows never depend on it. (Caught so: a keyed walk testing
 * the scope once above its merge, after each part's LIMIT, and a clue part in its index's order — ties by id
 * descending — both of which the code had.) A last test shows the check is not vacuous: the statement of a widened
 * actor is caught returning what the actor may not see.
 */
import { SEARCH_CANDIDATE_CAP } from '@liandong/domain/casework/contracts';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actorFrom, caseTeams, clueCaseRecusals, demoPool, fileCluesAsCases, pick, READER_ROLE_SETS, rng, taskForceMembers } from '../../../test/property-data';
import { searchReference } from '../../../test/search-reference';
import type { Actor } from '../../platform/access';
import { searchVector, tokens, tsqueryOf } from '../../platform/search';
import { caseVisible, clueVisible, type Grants, type SharedRead } from '../visibility';
import { KEYED_WALK_MAX_PARTS } from '../../platform/keyed-walk';
import { runSearchStatement, type SearchPlan, type SearchRegime, searchPlan, searchStatement } from './search';
import { countHits, DENSE_MIN_SHARE, hitShare, RARE_MAX_HITS, regimeOf } from './search-estimate';
import { orgPresence } from './search-presence';

let t: TestApp;
let commissionId: string;
let orgs: string[] = [];
let users: string[] = [];
const clueIds: string[] = [];
const caseIds: string[] = [];

const COMMON = '问题';
const MID = '补贴';
const RARE = '冰窖';
const QUERIES = [COMMON, MID, RARE, `${MID} ${RARE}`, `${COMMON} ${MID}`];

/** A title of the words drawn for one row: the common word almost always, the middle one in a third, the rare one seldom. */
function textOf(r: () => number, i: number): { title: string; summary: string } {
  const words = [r() < 0.92 ? COMMON : '', r() < 0.33 ? MID : '', r() < 0.06 ? RARE : ''];
  // Repeats vary the ranks (ts_rank counts occurrences).
  const extra = r() < 0.3 ? words.join('') : '';
  return { title: `演示${words.join('和')}第${i}条`, summary: `来信反映${extra}（演示数据）` };
}

/** The columns of a row of the test's words (drawn first), both kinds alike. */
function wordsRow(r: () => number, i: number) {
  const { title, summary } = textOf(r, i);
  const subject_name = '演示对象某某';
  return { commission_id: commissionId, year: 2026, title, summary, subject_name, search_tsv: searchVector([title, summary, subject_name]) };
}

/** A random clue (the generator's draws in the order the test always drew them), its date and receiving org among `o`'s. */
async function insertClue(r: () => number, i: number, campaigns: string[], o: { dates: string[]; orgs?: string[] }): Promise<string> {
  const base = wordsRow(r, i);
  const source = pick(r, ['PETITION_LETTER', 'PETITION_VISIT', 'FOUND_IN_SUPERVISION'] as const);
  const received_on = pick(r, o.dates);
  const receiving_org_id = pick(r, o.orgs ?? orgs);
  const subject_org_id = r() < 0.3 ? null : pick(r, orgs);
  const undertaking_org_id = r() < 0.2 ? null : pick(r, orgs);
  const state = pick(r, ['ASSIGNED', 'REGISTERED', 'UNDER_ANALYSIS'] as const);
  const classification = pick(r, ['PUBLIC', 'PUBLIC', 'WORK_SECRET'] as const);
  const campaign_id = campaigns.length && r() < 0.1 ? pick(r, campaigns) : null;
  const row = { ...base, source, received_on, receiving_org_id, subject_org_id, undertaking_org_id, state, classification, campaign_id };
  return (
    await t.db
      .insertInto('clue')
      .values({ ...row, propose_due: '2026-12-31' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** A random case (draws in the test's order), its date and lead org among `o`'s; about one in seven unfiled. */
async function insertCase(r: () => number, i: number, o: { dates: string[]; orgs?: string[] }): Promise<string> {
  const base = wordsRow(r, i);
  const subject_org_id = r() < 0.3 ? null : pick(r, orgs);
  const lead_org_id = pick(r, o.orgs ?? orgs);
  const state = pick(r, ['FILED', 'INVESTIGATING', 'IN_TRIAL', 'DECIDED'] as const);
  const filed_on = r() < 0.15 ? null : pick(r, o.dates);
  const classification = pick(r, ['PUBLIC', 'PUBLIC', 'WORK_SECRET'] as const);
  const row = { ...base, seq: 700_000 + i, case_no: `兰纪案〔2026〕${700_000 + i}号`, subject_org_id, lead_org_id, state, filed_on, classification };
  return (await t.db.insertInto('case_file').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  t = await createTestApp();
  const pool = await demoPool(t.db);
  ({ commissionId, orgs, users } = pool);
  const campaigns = pool.campaigns;
  const r = rng(20261205);
  const dates = ['2026-01-05', '2026-01-06', '2026-02-10', '2026-03-02', '2026-03-03', '2026-04-20', '2026-05-08'];
  for (let i = 0; i < 300; i++) clueIds.push(await insertClue(r, i, campaigns, { dates }));
  for (let i = 0; i < 150; i++) caseIds.push(await insertCase(r, 1000 + i, { dates }));
  // The newest day shared by dozens of rows of four orgs: a small cap's cut falls among ties (broken by kind and id)
  // inside one org's part of a keyed walk.
  const rc = rng(5120);
  const crowd = { dates: ['2026-05-08'], orgs: orgs.slice(0, 4) };
  for (let i = 0; i < 80; i++) clueIds.push(await insertClue(rc, 2000 + i, campaigns, crowd));
  for (let i = 0; i < 30; i++) caseIds.push(await insertCase(rc, 3000 + i, crowd));
  // Clues filed as cases (the case team sees the clue), case and clue teams (some left), recusals, 专班 members.
  await fileCluesAsCases(t.db, r, clueIds, caseIds, 40);
  await caseTeams(t.db, r, pool, caseIds, 60);
  await clueCaseRecusals(t.db, r, pool, clueIds, caseIds, 60);
  await taskForceMembers(t.db, r, pool, campaigns);
  // As the owner (the application role may not ANALYZE): the statistics the plan reads (search-estimate.ts).
  await sql`ANALYZE clue`.execute(t.owner);
  await sql`ANALYZE case_file`.execute(t.owner);
});
afterAll(() => t?.close());

const REGIMES: SearchRegime[] = ['rare', 'common', 'dense', 'dense', 'planner'];

/** A random actor (roles, scope or wide, account, clearance, grants) and a random search with a random plan. */
const searchArb = fc.record({
  roles: fc.constantFrom(...READER_ROLE_SETS),
  wide: fc.boolean(),
  scope: fc.uniqueArray(fc.nat(39), { maxLength: 14 }),
  org: fc.nat(39),
  user: fc.nat(29),
  clearance: fc.constantFrom('PUBLIC', 'WORK_SECRET'),
  clueGrants: fc.uniqueArray(fc.nat(299), { maxLength: 6 }),
  caseGrants: fc.uniqueArray(fc.nat(149), { maxLength: 4 }),
  grantOwners: fc.uniqueArray(fc.nat(39), { maxLength: 3 }),
  q: fc.constantFrom(...QUERIES),
  kind: fc.constantFrom('all', 'clue', 'case'),
  pageSize: fc.integer({ min: 1, max: 50 }),
  page: fc.constantFrom(1, 1, 2),
  clue: fc.constantFrom(...REGIMES),
  case: fc.constantFrom(...REGIMES),
  walkMinOrgs: fc.constantFrom(0, 6, Number.MAX_SAFE_INTEGER),
  /** A dense kind's keyed walk (platform/keyed-walk.ts keyedWalkSql) up to this many parts: never, small scopes, always. */
  keyedParts: fc.constantFrom(0, 16, KEYED_WALK_MAX_PARTS, Number.MAX_SAFE_INTEGER),
  /** A walk's scope with its org lists hashed (hashedVisible) or as the predicate. */
  hashedWalk: fc.boolean(),
  /** A keyed walk's parts overlapping (deduplicated after the merge) or disjoint. */
  overlapWalk: fc.boolean(),
  /**
   * The candidate cap: the real one (above every search here) or one the hits exceed, so that every plan's
   * `LIMIT cap + 1` binds — on days shared by dozens of rows (ties broken by kind and id).
   */
  cap: fc.constantFrom(SEARCH_CANDIDATE_CAP, SEARCH_CANDIDATE_CAP, 1, 3, 8, 25, 60),
  /**
   * A keyed walk's orgs with rows (search-presence.ts): none given (a part per org), the true ones, or any subset of the
   * orgs per column (a list read a while ago, missing orgs that have rows since or listing orgs that have none): the
   * rows must not depend on it.
   */
  present: fc.oneof(
    fc.constant<'none' | 'true'>('none'),
    fc.constant<'none' | 'true'>('true'),
    fc.record({
      receiving: fc.uniqueArray(fc.nat(39)),
      undertaking: fc.uniqueArray(fc.nat(39)),
      subject: fc.uniqueArray(fc.nat(39)),
      lead: fc.uniqueArray(fc.nat(39)),
    }),
  ),
});
type Spec = typeof searchArb extends fc.Arbitrary<infer A> ? A : never;

/** The plan's org presence for the spec (see `present` above). */
async function presenceOf(s: Pick<Spec, 'present'>): Promise<SearchPlan['present']> {
  if (s.present === 'none') return undefined;
  if (s.present === 'true') {
    const [clue, case_file] = await Promise.all([orgPresence(t.db, commissionId, 'clue'), orgPresence(t.db, commissionId, 'case_file')]);
    return { clue, case_file };
  }
  const set = (ix: number[]) => new Set(ix.map((i) => orgs[i % orgs.length] as string));
  const p = s.present;
  return {
    clue: new Map([
      ['receiving_org_id', set(p.receiving)],
      ['undertaking_org_id', set(p.undertaking)],
      ['subject_org_id', set(p.subject)],
    ]),
    case_file: new Map([['lead_org_id', set(p.lead)]]),
  };
}

const actorOf = (s: Pick<Spec, 'roles' | 'wide' | 'scope' | 'org' | 'user' | 'clearance'>): Actor => actorFrom({ commissionId, orgs, users }, s);

/** FULL 信息互通 grants of both kinds: named clues and cases, and the clues and cases of owner orgs. */
function fullRead(s: Spec): SharedRead {
  const owners = s.grantOwners.map((i) => orgs[i % orgs.length] as string);
  const of = (ids: string[]) => ({ ids, fullIds: ids, owners, fullOwners: owners, byId: new Map(), byOwner: new Map() });
  const clues = s.clueGrants.map((i) => clueIds[i % clueIds.length] as string);
  const cases = s.caseGrants.map((i) => caseIds[i % caseIds.length] as string);
  const grants: Grants =
    clues.length || cases.length || owners.length ? { byType: { CLUE: of(clues), CASE: of(cases) }, fingerprint: 'prop' } : { byType: {}, fingerprint: '' };
  return { use: 'full', grants } as SharedRead;
}

/**
 * The original search: every visible hit (clueVisible / caseVisible, FULL grants) ranked — the documented order — of
 * the `cap` most recent (date descending, unfiled last, then kind and id); `hits` counts them all.
 */
async function reference(actor: Actor, full: SharedRead, q: string, kind: string, cap = SEARCH_CANDIDATE_CAP): Promise<{ keys: string[]; hits: number }> {
  const all = await searchReference(t.db, actor, full, q, kind);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const recent = [...all].sort(
    (a, b) => (a.day === b.day ? 0 : a.day === null ? 1 : b.day === null ? -1 : cmp(b.day, a.day)) || cmp(a.kind, b.kind) || cmp(a.id, b.id),
  );
  const candidates = new Set(recent.slice(0, cap).map((r) => `${r.kind}:${r.id}`));
  return { keys: all.map((r) => `${r.kind}:${r.id}`).filter((k) => candidates.has(k)), hits: all.length };
}

/** Every clue and case the actor may see (the original predicates, FULL grants), whatever the words. */
async function visibleKeys(actor: Actor, full: SharedRead): Promise<Set<string>> {
  const { rows } = await sql<{ key: string }>`
    SELECT 'clue:' || c.id AS key FROM clue c WHERE ${clueVisible(actor, 'c', { shared: full })}
    UNION ALL SELECT 'case:' || k.id FROM case_file k WHERE ${caseVisible(actor, 'k', { shared: full })}`.execute(t.db);
  return new Set(rows.map((r) => r.key));
}

async function run(actor: Actor, full: SharedRead, s: Pick<Spec, 'q' | 'kind' | 'page' | 'pageSize'>, plan: Partial<SearchPlan>) {
  const st = searchStatement(actor, tokens(s.q), { kind: s.kind as 'all', page: s.page, pageSize: s.pageSize }, full, plan)!;
  // As the server runs it (a keyed walk under its generic plan).
  const rows = await runSearchStatement(t.db, st);
  return { keys: rows.filter((r) => r.id !== null).map((r) => `${r.kind}:${r.id}`), counted: rows[0]?.counted ?? 0 };
}

describe('search = the original predicate, ranked, whatever the plan', () => {
  it('random actors, data, words, kinds, pages and plans: only visible ids; the page of the full ranked list; its total', async () => {
    let nonEmpty = 0;
    let rarePages = 0;
    let capped = 0;
    await fc.assert(
      fc.asyncProperty(searchArb, async (s) => {
        const actor = actorOf(s);
        const full = fullRead(s);
        const present = await presenceOf(s);
        const got = await run(actor, full, s, {
          clue: s.clue,
          case: s.case,
          walkMinOrgs: s.walkMinOrgs,
          keyedParts: s.keyedParts,
          hashedWalk: s.hashedWalk,
          overlapWalk: s.overlapWalk,
          cap: s.cap,
          present,
        });
        const visible = await visibleKeys(actor, full);
        expect(got.keys.filter((k) => !visible.has(k))).toEqual([]);
        const expected = await reference(actor, full, s.q, s.kind, s.cap);
        const from = (s.page - 1) * s.pageSize;
        expect(got.keys).toEqual(expected.keys.slice(from, from + s.pageSize));
        // The total: every visible hit up to the cap, and whether there are more.
        expect([Math.min(got.counted, s.cap), got.counted > s.cap]).toEqual([Math.min(expected.hits, s.cap), expected.hits > s.cap]);
        if (expected.hits > s.cap && got.keys.length) capped++;
        if (got.keys.length) nonEmpty++;
        if (s.q === RARE && s.page === 1 && got.keys.length) rarePages++;
      }),
      { numRuns: 200, seed: 1205 },
    );
    // Not vacuous: most searches find something, rare words included.
    expect(nonEmpty).toBeGreaterThan(80);
    expect(rarePages).toBeGreaterThan(5);
    // And the cap binds in many.
    expect(capped).toBeGreaterThan(40);
  });

  it('the check is not vacuous: a statement built for a widened actor is caught showing what the actor may not see', async () => {
    let caught = 0;
    await fc.assert(
      fc.asyncProperty(searchArb, async (s) => {
        const actor = actorOf({ ...s, roles: ['GROUP_STAFF'], wide: false });
        const full = fullRead(s);
        // A broken predicate: the statement's scope has every org (as if the scope check were lost).
        const widened: Actor = { ...actor, scope: { wide: false, orgIds: orgs } };
        const got = await run(
          widened,
          full,
          { ...s, q: COMMON, page: 1, pageSize: 50 },
          { clue: s.clue, case: s.case, walkMinOrgs: s.walkMinOrgs, keyedParts: s.keyedParts },
        );
        const visible = await visibleKeys(actor, full);
        if (got.keys.some((k) => !visible.has(k))) caught++;
      }),
      { numRuns: 30, seed: 7 },
    );
    expect(caught).toBeGreaterThan(20);
  });
});

describe('the generic plan (db/pool.ts underGenericPlan)', () => {
  it("inside a caller's transaction: its rows seen, and the transaction left to the caller (never committed)", async () => {
    const actor = actorOf({ roles: ['GROUP_STAFF'], wide: false, scope: [5], org: 5, user: 0, clearance: 'WORK_SECRET' });
    const st = searchStatement(
      actor,
      tokens(COMMON),
      { kind: 'clue', page: 1, pageSize: 50 },
      { use: 'full', grants: { byType: {}, fingerprint: '' } } as SharedRead,
      {
        clue: 'dense',
        case: 'dense',
      },
    )!;
    expect(st.genericPlan).toBe(true);
    const marker = `${COMMON}回滚标记`;
    let id = '';
    await expect(
      t.db.transaction().execute(async (trx) => {
        const row = { ...wordsRow(rng(9), 9_999), title: marker, received_on: '2026-06-30', receiving_org_id: orgs[5] as string, source: 'PETITION_LETTER' };
        row.search_tsv = searchVector([row.title, row.summary, row.subject_name]);
        id = (
          await trx
            .insertInto('clue')
            .values({ ...row, propose_due: '2026-12-31' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
        const rows = await runSearchStatement(trx, st);
        expect(rows.map((r) => r.id)).toContain(id);
        throw new Error('rolled back by the caller');
      }),
    ).rejects.toThrow('rolled back by the caller');
    const left = await t.db.selectFrom('clue').select('id').where('id', '=', id).execute();
    expect(left).toEqual([]);
  });
});

describe('the plan from the column statistics', () => {
  it('reads how common each word is (as the application role) and picks the regime by the estimated hits', async () => {
    const [common, mid, rare, both] = await Promise.all(
      [COMMON, MID, RARE].map((w) => hitShare(t.db, 'clue', [w])).concat(hitShare(t.db, 'clue', [MID, RARE])),
    );
    expect(common!.share).toBeGreaterThan(0.8);
    expect(mid!.share).toBeGreaterThan(rare!.share);
    expect(both!.share).toBeLessThanOrEqual(rare!.share);
    // A few hundred rows: every word is rare here (its hits are fewer than a walk would read).
    expect(await searchPlan(t.db, [COMMON])).toMatchObject({ clue: 'rare', case: 'rare' });
    // The bench's book: 1 M clues.
    expect(regimeOf(1, 1_000_000, 1000)).toBe('dense');
    expect(regimeOf(DENSE_MIN_SHARE, 1_000_000, 1000)).toBe('dense');
    expect(regimeOf(0.05, 1_000_000, 1000)).toBe('common');
    expect(regimeOf(0.01, 1_000_000, 1000)).toBe('planner');
    expect(regimeOf(RARE_MAX_HITS / 1_000_000, 1_000_000, 1000)).toBe('rare');
    expect(regimeOf(0.08, 100_000, 1000)).toBe('planner');
    expect(regimeOf(0.12, 100_000, 1000)).toBe('common');
    expect(regimeOf(0.5, 100_000, 1000)).toBe('dense');
    expect(regimeOf(0, 1_000_000, 1000)).toBe('planner');
  });

  it('lists the orgs with rows of each keyed column (search-presence.ts), as SELECT DISTINCT does', async () => {
    for (const [table, column] of [
      ['clue', 'receiving_org_id'],
      ['clue', 'undertaking_org_id'],
      ['clue', 'subject_org_id'],
      ['case_file', 'lead_org_id'],
    ] as const) {
      const { rows } = await sql<{ org: string }>`SELECT DISTINCT ${sql.ref(column)} AS org FROM ${sql.table(table)}
        WHERE commission_id = ${commissionId}::uuid AND ${sql.ref(column)} IS NOT NULL`.execute(t.db);
      const listed = (await orgPresence(t.db, commissionId, table)).get(column);
      expect([...(listed ?? [])].sort(), `${table}.${column}`).toEqual(rows.map((r) => r.org).sort());
    }
  });

  it('counts the rows holding every word from the GIN index (a word the statistics do not list, between rare and common)', async () => {
    for (const [table, q] of [
      ['clue', RARE],
      ['clue', `${MID} ${RARE}`],
      ['case_file', MID],
      ['clue', '没有这个词'],
    ] as const) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE search_tsv @@ ${tsqueryOf(tokens(q))}`.execute(t.db);
      expect(await countHits(t.db, table, tokens(q)), `${table} ${q}`).toBe(rows[0]!.n);
    }
  });
});
