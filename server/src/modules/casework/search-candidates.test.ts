/**
 * Issue 12: search ranks and counts only the SEARCH_CANDIDATE_CAP most recent visible hits. Proven here against
 * the original predicate (clueVisible / caseVisible with FULL grants, every hit ranked by ts_rank) on seeded data:
 * for group, office, county, leader and commission-wide accounts and for a rare, a common and a two-word query,
 * every page together is exactly the original ordered list when it is under the cap; above the cap it is its
 * most recent SEARCH_CANDIDATE_CAP, in relevance order, and the total says "1,000+".
 */
import { SEARCH_CANDIDATE_CAP } from '@liandong/domain/casework/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { searchReference } from '../../../test/search-reference';
import type { Actor } from '../../platform/access';
import { loadAccountActor } from '../../platform/account-actor';
import { searchVector, tokens } from '../../platform/search';
import { sharedRead } from '../visibility';
import { runSearchStatement, searchStatement } from './search';

let t: TestApp;
let cid: string;
const org = new Map<string, string>();

const RARE = '冰窖';
const COMMON = '问题';
const TWO = '补贴 冰窖';
/** A word only the cap test uses, on more clues than the cap. */
const FLOOD = '巡察整改';

/** The account as the server resolves it: row, roles, clearance and its scope of today. */
const actorOf = (username: string): Promise<Actor> => loadAccountActor(t.db, { username });

interface Ref {
  key: string;
  day: string | null;
  rank: number;
}

/**
 * The original search (before issue 12): every visible hit of clueVisible / caseVisible (FULL grants), ranked by
 * ts_rank, then newest first; ties by kind and id — the documented order.
 */
async function reference(username: string, q: string, kind: 'all' | 'clue' | 'case' = 'all'): Promise<Ref[]> {
  const actor = await actorOf(username);
  const full = await sharedRead({ db: t.db, actor }, 'full');
  return (await searchReference(t.db, actor, full, q, kind)).map((r) => ({ key: `${r.kind}:${r.id}`, day: r.day, rank: r.rank }));
}

interface Page {
  items: { kind: string; id: string; date: string | null; rank: number }[];
  total: number;
  totalCapped: boolean;
}

/** Every page of the search through HTTP, as the account. */
async function allPages(username: string, q: string, kind = 'all', pageSize = 50): Promise<{ keys: string[]; total: number; totalCapped: boolean }> {
  const keys: string[] = [];
  let total = 0;
  let totalCapped = false;
  for (let page = 1; ; page++) {
    const res = await t.request({
      method: 'GET',
      url: `/api/v1/casework/search?q=${encodeURIComponent(q)}&kind=${kind}&page=${page}&pageSize=${pageSize}`,
      as: username,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Page;
    if (page === 1) ({ total, totalCapped } = body);
    // Every page tells the same total.
    expect([body.total, body.totalCapped]).toEqual([total, totalCapped]);
    keys.push(...body.items.map((i) => `${i.kind}:${i.id}`));
    if (body.items.length < pageSize) break;
  }
  return { keys, total, totalCapped };
}

/** A small deterministic generator (the data varies by seed, the test does not flake). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s % n;
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const orgs = await t.db.selectFrom('org').select(['id', 'code', 'commission_id', 'kind']).execute();
  for (const o of orgs) org.set(o.code, o.id);
  cid = orgs[0]!.commission_id;
  // Seeded clues and cases over the departments and units of the demo commission: groups, counties, offices;
  // the rare word in a few, the common one in all, classification and dates varied.
  const departments = orgs.filter((o) => ['DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'INTERNAL_OFFICE'].includes(o.kind)).map((o) => o.id);
  const units = orgs.filter((o) => o.kind === 'HOST_UNIT').map((o) => o.id);
  const rnd = lcg(12);
  const petition = org.get('LZ-JW-XFS')!;
  for (let i = 0; i < 160; i++) {
    const rare = i % 9 === 0;
    // 补贴 in every other row, next to the rare word or far from it: two-word ranks differ by proximity (ts_rank).
    const near = i % 4 === 0;
    const title = `反映某单位${rare ? `${RARE}租赁` : '食堂采购'}${near ? '补贴' : ''}问题`;
    const far = i % 4 === 2 ? '，另有惠农补贴发放不规范' : '';
    const summary = `来信反映，该单位负责人在履职中存在问题${i % 3 === 0 ? '，涉及多个项目和多名工作人员' : ''}${far}（第${i}号演示数据）。`;
    const day = `2026-${String(1 + rnd(11)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`;
    const undertaking = departments[rnd(departments.length)]!;
    const subject = units[rnd(units.length)]!;
    const classification = rnd(10) === 0 ? 'SECRET' : 'WORK_SECRET';
    const vector = searchVector([title, summary, '演示对象某某']);
    if (i % 4 === 3) {
      await t.db
        .insertInto('case_file')
        .values({
          commission_id: cid,
          year: 2026,
          seq: 80_000 + i,
          case_no: `兰纪案〔2026〕${80_000 + i}号`,
          title,
          summary,
          subject_name: '演示对象某某',
          subject_org_id: subject,
          lead_org_id: undertaking,
          state: 'INVESTIGATING',
          filed_on: i % 8 === 3 ? null : day,
          classification,
          search_tsv: vector,
        })
        .execute();
    } else {
      await t.db
        .insertInto('clue')
        .values({
          commission_id: cid,
          year: 2026,
          source: i % 2 ? 'PETITION_LETTER' : 'FOUND_IN_SUPERVISION',
          received_on: day,
          receiving_org_id: i % 2 ? petition : undertaking,
          title,
          summary,
          subject_name: '演示对象某某',
          subject_org_id: subject,
          undertaking_org_id: undertaking,
          state: 'UNDER_ANALYSIS',
          propose_due: '2026-12-31',
          classification,
          search_tsv: vector,
        })
        .execute();
    }
  }
});
afterAll(() => t.close());

const ACCOUNTS = [
  ['edu.group', 'group staff'],
  ['fgw.group', 'group staff'],
  ['jc3.staff', 'office staff'],
  ['cg.county', 'county staff'],
  ['yz.county', 'county staff'],
  ['fsj1.deputy', 'leader (分管)'],
  ['ag.manager1', '案管室, the whole book'],
] as const;

describe('search = the original predicate, ranked (under the cap)', () => {
  it.each(ACCOUNTS.flatMap(([u, who]) => [RARE, COMMON, TWO].map((q) => [u, who, q] as const)))('%s (%s), %s', async (username, _who, q) => {
    const expected = await reference(username, q);
    expect(expected.length).toBeLessThanOrEqual(SEARCH_CANDIDATE_CAP);
    const got = await allPages(username, q);
    expect(got.keys).toEqual(expected.map((r) => r.key));
    expect(got.total).toBe(expected.length);
    expect(got.totalCapped).toBe(false);
  });

  it.each([
    ['clue', 'jc3.staff'],
    ['case', 'fsj1.deputy'],
    ['case', 'ag.manager1'],
  ] as const)('kind=%s as %s: the same, one kind only', async (kind, username) => {
    const expected = await reference(username, COMMON, kind);
    const got = await allPages(username, COMMON, kind);
    expect(got.keys).toEqual(expected.map((r) => r.key));
    expect(got.keys.every((k) => k.startsWith(`${kind}:`))).toBe(true);
  });

  it('the seeded data is not trivial: accounts see different, non-empty subsets, and some rows are hidden from each', async () => {
    const all = new Set((await reference('ag.manager1', COMMON)).map((r) => r.key));
    const sizes: number[] = [];
    for (const [u] of ACCOUNTS.slice(0, 6)) sizes.push((await reference(u, COMMON)).length);
    expect(sizes.filter((n) => n > 0 && n < all.size).length).toBeGreaterThanOrEqual(4);
    expect(new Set(sizes).size).toBeGreaterThan(1);
    expect((await reference('ag.manager1', RARE)).length).toBeGreaterThan(0);
  });

  it.each(ACCOUNTS.map(([u]) => [u] as const))(
    '%s: the date-ordered walk and the scope bitmaps answer the same (both plans, every account)',
    async (username) => {
      const actor = await actorOf(username);
      const full = await sharedRead({ db: t.db, actor }, 'full');
      for (const q of [RARE, COMMON, TWO]) {
        const expected = (await reference(username, q)).map((r) => r.key);
        // 0: every scoped reader walks the book in date order; a huge threshold: every scoped reader starts from its scope.
        // And each kind from the GIN index's hits ('rare'), from the walk with the match tested row by row ('common'), from
        // the keyed walk of the reader's orgs ('dense'), or as the planner likes.
        for (const walkMinOrgs of [0, Number.MAX_SAFE_INTEGER]) {
          for (const regime of ['rare', 'common', 'dense', 'planner'] as const) {
            const keys: string[] = [];
            for (let page = 1; ; page++) {
              const plan = { walkMinOrgs, clue: regime, case: regime };
              const rows = await runSearchStatement(t.db, searchStatement(actor, tokens(q), { kind: 'all', page, pageSize: 50 }, full, plan)!);
              const hits = rows.filter((r) => r.id !== null);
              keys.push(...hits.map((r) => `${r.kind}:${r.id}`));
              if (hits.length < 50) break;
            }
            expect(keys, `${q}, walkMinOrgs ${walkMinOrgs}, ${regime}`).toEqual(expected);
          }
        }
      }
    },
  );
});

describe('scope', () => {
  it('an out-of-scope match never appears and does not change the total; an in-scope one does', async () => {
    const before = await allPages('edu.group', RARE);
    const bookBefore = await allPages('ag.manager1', RARE);
    // A clue with the rare word in a county's own book: not edu.group's.
    const outside = await t.db
      .insertInto('clue')
      .values({
        commission_id: cid,
        year: 2026,
        source: 'FOUND_IN_SUPERVISION',
        received_on: '2026-11-30',
        receiving_org_id: org.get('LZ-YZ')!,
        title: `反映${RARE}${RARE}${RARE}租赁问题`,
        summary: `${RARE}（演示数据）`,
        subject_name: '演示对象某某',
        subject_org_id: org.get('LZ-YZ')!,
        undertaking_org_id: org.get('LZ-YZ')!,
        state: 'UNDER_ANALYSIS',
        propose_due: '2026-12-31',
        classification: 'WORK_SECRET',
        search_tsv: searchVector([`反映${RARE}${RARE}${RARE}租赁问题`, RARE]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = await allPages('edu.group', RARE);
    expect(after).toEqual(before);
    expect(after.keys).not.toContain(`clue:${outside.id}`);
    // The whole book sees it, and it counts there.
    const bookAfter = await allPages('ag.manager1', RARE);
    expect(bookAfter.total).toBe(bookBefore.total + 1);
    expect(bookAfter.keys).toContain(`clue:${outside.id}`);
    // And it stays closed to the group by id as well.
    const detail = await t.request({ method: 'GET', url: `/api/v1/clues/${outside.id}`, as: 'edu.group' });
    expect(detail.statusCode).toBe(404);
  });
});

describe('the cap', () => {
  it(`above ${SEARCH_CANDIDATE_CAP} hits: the most recent ${SEARCH_CANDIDATE_CAP}, ranked, total "${SEARCH_CANDIDATE_CAP}+"`, async () => {
    const vector = searchVector([`反映${FLOOD}问题`]);
    const extra = 30;
    await sql`INSERT INTO clue (commission_id, year, source, received_on, receiving_org_id, title, summary, subject_name, subject_org_id,
                                undertaking_org_id, state, propose_due, classification, search_tsv)
      SELECT ${cid}::uuid, 2026, 'FOUND_IN_SUPERVISION', date '2026-11-28' - (i % 300), ${org.get('LZ-JW-PZ-FGW')!}::uuid,
             '反映' || ${FLOOD} || '问题' || CASE WHEN i % 7 = 0 THEN ${FLOOD} ELSE '' END, '第' || i || '条（演示数据）', '演示对象某某',
             ${org.get('LZ-HU-LCK')!}::uuid, ${org.get('LZ-JW-PZ-FGW')!}::uuid, 'UNDER_ANALYSIS', date '2026-12-31', 'WORK_SECRET',
             CASE WHEN i % 7 = 0 THEN ${vector} || ${vector} ELSE ${vector} END
        FROM generate_series(1, ${SEARCH_CANDIDATE_CAP + extra}) i`.execute(t.db);
    const expected = await reference('fgw.group', FLOOD);
    expect(expected.length).toBe(SEARCH_CANDIDATE_CAP + extra);
    // The candidates: the cap most recent (date desc, then kind and id), then in the documented order.
    const byDay = [...expected].sort((a, b) => (b.day ?? '').localeCompare(a.day ?? '') || a.key.localeCompare(b.key));
    const candidates = new Set(byDay.slice(0, SEARCH_CANDIDATE_CAP).map((r) => r.key));
    const want = expected.filter((r) => candidates.has(r.key)).map((r) => r.key);
    const got = await allPages('fgw.group', FLOOD);
    expect(got.total).toBe(SEARCH_CANDIDATE_CAP);
    expect(got.totalCapped).toBe(true);
    expect(got.keys).toEqual(want);
    // The date-ordered walk picks the same candidates as the group's scope bitmaps.
    const actor = await actorOf('fgw.group');
    const full = await sharedRead({ db: t.db, actor }, 'full');
    // So do the GIN index's hits ('rare'), the walk testing the match row by row ('common') and the keyed walk of the
    // group's orgs merged in date order ('dense'; without it, keyedParts 0: as 'common'), run as the server runs them.
    for (const [regime, keyedParts] of [['rare'], ['common'], ['dense'], ['dense', 0], ['planner']] as const) {
      const walked: string[] = [];
      for (let page = 1; page <= SEARCH_CANDIDATE_CAP / 50; page++) {
        const plan = { walkMinOrgs: 0, clue: regime, case: regime, ...(keyedParts === undefined ? {} : { keyedParts }) };
        const rows = await runSearchStatement(t.db, searchStatement(actor, tokens(FLOOD), { kind: 'all', page, pageSize: 50 }, full, plan)!);
        walked.push(...rows.map((r) => `${r.kind}:${r.id}`));
        expect(rows[0]?.counted).toBe(SEARCH_CANDIDATE_CAP + 1);
      }
      expect(walked, regime).toEqual(want);
    }
    // Past the candidates: an empty page that still tells the capped total.
    const past = await t.request({
      method: 'GET',
      url: `/api/v1/casework/search?q=${encodeURIComponent(FLOOD)}&page=${SEARCH_CANDIDATE_CAP / 20 + 1}&pageSize=20`,
      as: 'fgw.group',
    });
    expect(past.json()).toMatchObject({ items: [], total: SEARCH_CANDIDATE_CAP, totalCapped: true });
    // The audit row of that search records the capped total.
    const ev = await t.db
      .selectFrom('audit_event')
      .select(['payload'])
      .where('type', '=', 'search.performed')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(ev.payload).toMatchObject({ total: SEARCH_CANDIDATE_CAP, totalCapped: true });
    // Another group still sees none of them.
    const other = await t.request({ method: 'GET', url: `/api/v1/casework/search?q=${encodeURIComponent(FLOOD)}`, as: 'edu.group' });
    expect(other.json()).toMatchObject({ items: [], total: 0, totalCapped: false });
  });
});

describe('input', () => {
  it.each([
    ['page=0', '页码从1开始'],
    ['page=abc', '页码须为整数'],
    ['page=1001', '页码不超过1000'],
    ['pageSize=51', '每页不超过50条'],
    ['pageSize=0', '每页至少1条'],
    ['kind=all2', '检索范围'],
  ])('%s → 400 in zh-CN with the field', async (param, msg) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/casework/search?q=${encodeURIComponent(COMMON)}&${param}`, as: 'edu.group' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(msg);
  });

  it.each([["储备' & !问题 | 补贴:*"], ['\\冰窖\\'], ["''冰窖"], ["冰窖 & | ! ( ) <-> :* \\ '"]])(
    'tsquery syntax and quotes in %j are words, not syntax: 200, same hits as the plain words',
    async (q) => {
      const res = await t.request({ method: 'GET', url: `/api/v1/casework/search?q=${encodeURIComponent(q)}`, as: 'ag.manager1' });
      expect(res.statusCode, res.body).toBe(200);
      const words = tokens(q).join(' ');
      expect(res.json().tokens.join(' ')).toBe(words);
      const expected = await reference('ag.manager1', words);
      expect(res.json().total).toBe(expected.length);
    },
  );
});
