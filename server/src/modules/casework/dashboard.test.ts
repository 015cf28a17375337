/**
 * The 线索案件 dashboard (issue 12, migrations 0058, 0062, 0066): for commission-wide and scoped readers alike every
 * figure equals what the clue and case ledgers (exact totals) or a direct count over the base tables return for the
 * same caller. That the aggregates themselves equal a recount is in dashboard-aggregates.test.ts.
 */
import { CASE_STAGES, CLUE_STATE_GROUPS, type Dashboard } from '@liandong/domain/casework/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actorOf } from '../../../test/walkers';
import { classificationsAbove } from '../../platform/access';
import { OVERDUE_SQL } from '../cases';
import { caseVisible, clueVisible, sharedRead } from '../visibility';

let t: TestApp;
const YEAR = 2026;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function get(as: string, query = ''): Promise<Dashboard> {
  const res = await t.request({ method: 'GET', url: `/api/v1/casework/dashboard?year=${YEAR}${query}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Dashboard;
}

/** A ledger's exact total for the caller. */
async function ledger(as: string, api: string, params: Record<string, string | string[]>): Promise<number> {
  const sp = new URLSearchParams({ page: '1', pageSize: '1', exactTotal: 'true' });
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) sp.append(k, x);
  const res = await t.request({ method: 'GET', url: `${api}?${sp}`, as });
  expect(res.statusCode, `${api}?${sp} ${res.body}`).toBe(200);
  return res.json().total as number;
}

/** Every figure of `d` against the ledgers (clues: the year's receipt range; limits: the overdue filter) for `as`. */
async function compareWithLedgers(as: string, d: Dashboard, orgId?: string) {
  const year = { receivedFrom: `${YEAR}-01-01`, receivedTo: `${YEAR}-12-31`, ...(orgId ? { undertakingOrgId: orgId } : {}) };
  expect(await ledger(as, '/api/v1/clues', year), `${as} intake`).toBe(d.intake.total);
  for (const s of d.intake.bySource) expect(await ledger(as, '/api/v1/clues', { ...year, source: s.source }), `${as} ${s.source}`).toBe(s.count);
  for (const g of d.disposition.byStateGroup) {
    expect(await ledger(as, '/api/v1/clues', { ...year, state: [...CLUE_STATE_GROUPS[g.group]] }), `${as} ${g.group}`).toBe(g.count);
  }
  for (const o of d.overdue.filter((x) => x.stage === 'CLUE')) {
    expect(await ledger(as, '/api/v1/clues', { overdue: o.kind, ...(orgId ? { undertakingOrgId: orgId } : {}) }), `${as} ${o.kind}`).toBe(o.count);
  }
  for (const row of [...d.byOrg.offices, ...d.byOrg.groups].slice(0, 4)) {
    expect(await ledger(as, '/api/v1/clues', { ...year, undertakingOrgId: row.orgId }), `${as} ${row.orgName}`).toBe(row.cluesReceived);
  }
}

/**
 * Every clue figure of the year of `d` (the intake cells by month and source, the disposition by method, state group and
 * closed kind, the by-department received / open / closed) recounted over clue with clueVisible (or the commission) for
 * `as`: the org-keyed aggregates of migration 0066 and their corrections must give exactly these.
 */
async function compareClueFigures(as: string, d: Dashboard, wide: boolean, orgId?: string) {
  const actor = await actorOf(t.db, (await t.db.selectFrom('app_user').select('id').where('username', '=', as).executeTakeFirstOrThrow()).id);
  const shared = await sharedRead({ db: t.db, actor });
  const pred = wide ? sql<boolean>`c.commission_id = ${actor.commissionId}::uuid` : clueVisible(actor, 'c', { shared });
  const { rows } = await sql<{
    source: string;
    month: number;
    method: string | null;
    state: string;
    closed_kind: string | null;
    org_id: string | null;
    n: number;
  }>`
    SELECT c.source, extract(month FROM c.received_on)::int AS month, c.proposed_method AS method, c.state, c.closed_kind, c.undertaking_org_id AS org_id,
      count(*)::int AS n FROM clue c
    WHERE ${pred} AND c.received_on >= ${`${YEAR}-01-01`}::date AND c.received_on < ${`${YEAR + 1}-01-01`}::date
      ${orgId ? sql`AND c.undertaking_org_id = ${orgId}::uuid` : sql``}
    GROUP BY 1, 2, 3, 4, 5, 6`.execute(t.db);
  const sum = (keep: (r: (typeof rows)[number]) => boolean) => rows.filter(keep).reduce((n, r) => n + r.n, 0);
  expect(d.intake.total, `${as} total`).toBe(sum(() => true));
  const cells = new Map<string, number>();
  for (const r of rows) cells.set(`${r.source}:${r.month}`, (cells.get(`${r.source}:${r.month}`) ?? 0) + r.n);
  expect(Object.fromEntries(d.intake.cells.map((c) => [`${c.source}:${c.month}`, c.count])), `${as} cells`).toEqual(Object.fromEntries(cells));
  for (const m of d.intake.byMonth) expect(m.count, `${as} month ${m.month}`).toBe(sum((r) => r.month === m.month));
  const methods = new Map<string, number>();
  for (const r of rows) if (r.method) methods.set(r.method, (methods.get(r.method) ?? 0) + r.n);
  expect(Object.fromEntries(d.disposition.byMethod.map((m) => [m.method, m.count])), `${as} methods`).toEqual(Object.fromEntries(methods));
  const kinds = new Map<string, number>();
  for (const r of rows) if (r.closed_kind) kinds.set(r.closed_kind, (kinds.get(r.closed_kind) ?? 0) + r.n);
  expect(Object.fromEntries(d.disposition.byClosedKind.map((m) => [m.closedKind, m.count])), `${as} closed kinds`).toEqual(Object.fromEntries(kinds));
  for (const g of d.disposition.byStateGroup)
    expect(g.count, `${as} ${g.group}`).toBe(sum((r) => (CLUE_STATE_GROUPS[g.group] as readonly string[]).includes(r.state)));
  // By department: an office's or group's own row (counties roll up their offices and townships: left to the ledgers).
  for (const row of [...d.byOrg.offices, ...d.byOrg.groups]) {
    expect(row.cluesReceived, `${as} ${row.orgName} received`).toBe(sum((r) => r.org_id === row.orgId));
    expect(row.cluesClosed, `${as} ${row.orgName} closed`).toBe(
      sum((r) => r.org_id === row.orgId && (CLUE_STATE_GROUPS.CLOSED as readonly string[]).includes(r.state)),
    );
  }
  return rows.length;
}

/** The case figures of `d` recounted over case_file with caseVisible (or the commission) for `as`. */
async function compareCases(as: string, d: Dashboard, wide: boolean) {
  const actor = await actorOf(t.db, (await t.db.selectFrom('app_user').select('id').where('username', '=', as).executeTakeFirstOrThrow()).id);
  const shared = await sharedRead({ db: t.db, actor });
  const pred = (alias: string) =>
    wide ? sql<boolean>`${sql.ref(`${alias}.commission_id`)} = ${actor.commissionId}::uuid` : caseVisible(actor, alias, { shared });
  const caseDay = sql`coalesce(k.filed_on, (k.created_at AT TIME ZONE current_setting('TimeZone'))::date)`;
  const { rows: byOrg } = await sql<{ org_id: string; state: string; decided: boolean; n: number }>`SELECT k.lead_org_id AS org_id, k.state,
      k.decided_on IS NOT NULL AS decided, count(*)::int AS n FROM case_file k
    WHERE ${pred('k')} AND ${caseDay} >= ${`${YEAR}-01-01`}::date AND ${caseDay} < ${`${YEAR + 1}-01-01`}::date GROUP BY 1, 2, 3`.execute(t.db);
  const byState = new Map<string, number>();
  for (const r of byOrg) byState.set(r.state, (byState.get(r.state) ?? 0) + r.n);
  const rows = [...byState].map(([state, n]) => ({ state, n }));
  // By department (offices and groups: their own lead org): filed (not a proposal) and decided.
  for (const row of [...d.byOrg.offices, ...d.byOrg.groups]) {
    const mine = byOrg.filter((r) => r.org_id === row.orgId);
    expect(row.casesFiled, `${as} ${row.orgName} filed`).toBe(mine.filter((r) => r.state !== 'FILING_PROPOSED').reduce((n, r) => n + r.n, 0));
    expect(row.casesDecided, `${as} ${row.orgName} decided`).toBe(mine.filter((r) => r.decided).reduce((n, r) => n + r.n, 0));
  }
  expect(d.cases.total).toBe(rows.reduce((s, r) => s + r.n, 0));
  for (const s of d.cases.byStage) expect(s.count, `${as} ${s.stage}`).toBe(CASE_STAGES[s.stage].reduce((n, st) => n + (byState.get(st) ?? 0), 0));
  for (const o of d.overdue.filter((x) => x.stage === 'CASE')) {
    const when = OVERDUE_SQL[o.kind as keyof typeof OVERDUE_SQL];
    const { rows: n } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_file c WHERE ${pred('c')} AND ${when}`.execute(t.db);
    expect(o.count, `${as} ${o.kind}`).toBe(n[0]!.n);
  }
}

describe('GET /casework/dashboard equals the ledgers for every kind of reader', () => {
  // 书记 and 案管室 (aggregates), a group, an office, a county, a 分管领导, the 信访室 (the clue book, scoped dashboard).
  const readers: [string, boolean][] = [
    ['sj.secretary', true],
    ['ag.manager1', true],
    ['fgw.group', false],
    ['edu.group', false],
    ['jc3.staff', false],
    ['gl.county', false],
    ['fsj1.deputy', false],
    ['xf.officer1', false],
  ];
  const seen = new Map<string, number>();
  // The 信访室 reads the aggregates less what it may not see: a clue above its clearance and one it is recused from.
  beforeAll(async () => {
    const officer = await t.db
      .selectFrom('app_user')
      .select(['id', 'commission_id', 'clearance'])
      .where('username', '=', 'xf.officer1')
      .executeTakeFirstOrThrow();
    expect(officer.clearance).not.toBe('TOP_SECRET');
    // The wide dashboard counts every clue whatever its classification: its readers' ledgers must see the new one too.
    await t.db.updateTable('app_user').set({ clearance: 'TOP_SECRET' }).where('username', 'in', ['sj.secretary', 'ag.manager1']).execute();
    const receiving = (await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-JW-XFS').executeTakeFirstOrThrow()).id;
    await t.db
      .insertInto('clue')
      .values({
        commission_id: officer.commission_id,
        year: YEAR,
        source: 'PETITION_LETTER',
        received_on: `${YEAR}-03-03`,
        receiving_org_id: receiving,
        undertaking_org_id: receiving,
        title: '演示数据：绝密线索',
        summary: '演示数据',
        subject_name: '测试对象某某',
        state: 'UNDER_ANALYSIS',
        propose_due: `${YEAR}-04-01`,
        classification: 'TOP_SECRET',
      })
      .execute();
    const recused = await sql<{ id: string }>`SELECT id FROM clue WHERE received_on >= ${`${YEAR}-01-01`}::date AND classification <> 'TOP_SECRET'
      AND state IN ('RECEIVED','REGISTERED','ASSIGNED','UNDER_ANALYSIS','REOPENED') ORDER BY id LIMIT 1`.execute(t.db);
    await t.db
      .insertInto('recusal')
      .values({ commission_id: officer.commission_id, user_id: officer.id, object_type: 'clue', object_id: recused.rows[0]!.id, reason: '演示数据：回避' })
      .execute();
    // A group's 超期 counts come from the org-keyed aggregate (migration 0062) plus the clues only another arm shows and
    // less the ones it is recused from: an overdue clue outside its orgs seen through its case team, an overdue clue of
    // its own orgs it is recused from, one above its clearance.
    const group = await t.db.selectFrom('app_user').select(['id', 'org_id']).where('username', '=', 'fgw.group').executeTakeFirstOrThrow();
    const groupActor = await actorOf(t.db, group.id);
    const orgs = groupActor.scope.orgIds;
    const overdue = sql<boolean>`NOT (classification = ANY(${classificationsAbove(groupActor)}::text[]))`;
    // Clues of the year where there are (the year's figures correct by them too: migration 0066).
    const inYear = sql<boolean>`(received_on >= ${`${YEAR}-01-01`}::date AND received_on < ${`${YEAR + 1}-01-01`}::date)`;
    const seen = sql<boolean>`(receiving_org_id = ANY(${orgs}::uuid[]) OR undertaking_org_id = ANY(${orgs}::uuid[]) OR subject_org_id = ANY(${orgs}::uuid[]))`;
    const outside = await sql<{ id: string }>`SELECT id FROM clue WHERE ${overdue} AND NOT (receiving_org_id = ANY(${orgs}::uuid[]))
      AND NOT coalesce(undertaking_org_id = ANY(${orgs}::uuid[]), false) AND NOT coalesce(subject_org_id = ANY(${orgs}::uuid[]), false)
      ORDER BY ${inYear} DESC, id LIMIT 1`.execute(t.db);
    const kase = (
      await sql<{
        id: string;
      }>`SELECT k.id FROM case_file k WHERE NOT EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = k.id AND m.user_id = ${group.id}::uuid)
        ORDER BY k.id LIMIT 1`.execute(t.db)
    ).rows[0]!.id;
    await t.db.updateTable('clue').set({ case_id: kase }).where('id', '=', outside.rows[0]!.id).execute();
    await t.db
      .insertInto('case_team_member')
      .values({ commission_id: officer.commission_id, case_id: kase, team: 'INVESTIGATION', user_id: group.id, org_id: group.org_id, role: 'MEMBER' })
      .execute();
    const own = await sql<{ id: string }>`SELECT id FROM clue WHERE ${overdue} AND ${seen} ORDER BY ${inYear} DESC, id LIMIT 2`.execute(t.db);
    expect(own.rows).toHaveLength(2);
    // All three overdue (a proposal due ten days ago).
    await sql`UPDATE clue SET state = 'UNDER_ANALYSIS', propose_due = current_date - 10
      WHERE id = ANY(${[outside.rows[0]!.id, ...own.rows.map((r) => r.id)]}::uuid[])`.execute(t.db);
    await t.db
      .insertInto('recusal')
      .values({ commission_id: officer.commission_id, user_id: group.id, object_type: 'clue', object_id: own.rows[0]!.id, reason: '演示数据：回避' })
      .execute();
    // A case of the year its orgs lead that it is recused from (the case aggregate's correction, migration 0066).
    const ownCase = await sql<{ id: string }>`SELECT id FROM case_file WHERE id <> ${kase}::uuid ORDER BY id LIMIT 1`.execute(t.db);
    expect(ownCase.rows).toHaveLength(1);
    // In trial past its limit: its 超期 count too is corrected by the recusal.
    await sql`UPDATE case_file SET lead_org_id = ${group.org_id}::uuid, filed_on = ${`${YEAR}-06-01`}::date, classification = 'PUBLIC',
      state = 'IN_TRIAL', trial_due = current_date - 5 WHERE id = ${ownCase.rows[0]!.id}::uuid`.execute(t.db);
    await t.db
      .insertInto('recusal')
      .values({ commission_id: officer.commission_id, user_id: group.id, object_type: 'case', object_id: ownCase.rows[0]!.id, reason: '演示数据：回避' })
      .execute();
    groupMarks = { outside: outside.rows[0]!.id, recused: own.rows[0]!.id, secret: own.rows[1]!.id };
  });
  let groupMarks: { outside: string; recused: string; secret: string } | undefined;
  for (const [as, wide] of readers) {
    it(`${as}: clues against the clue ledger, cases against caseVisible`, async () => {
      const d = await get(as);
      seen.set(as, d.intake.total);
      expect(d.scope).toBe(wide ? 'COMMISSION' : 'SCOPED');
      await compareWithLedgers(as, d);
      await compareClueFigures(as, d, wide);
      await compareCases(as, d, wide);
    });
  }

  it('with an org filter, for the 书记 and for a group', async () => {
    const fgw = (await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-JW-PZ-FGW').executeTakeFirstOrThrow()).id;
    for (const as of ['sj.secretary', 'fgw.group']) {
      const d = await get(as, `&orgId=${fgw}`);
      expect(d.intake.total).toBeGreaterThan(0);
      await compareWithLedgers(as, d, fgw);
      await compareClueFigures(as, d, as === 'sj.secretary', fgw);
    }
  });

  it("the 案管室 sees the 书记's figures; the scoped readers above saw figures of their own", async () => {
    const a = await get('ag.manager1');
    const b = await get('sj.secretary');
    expect({ ...a, computedAt: '' }).toEqual({ ...b, computedAt: '' });
    const scoped = readers.filter(([, wide]) => !wide).map(([as]) => seen.get(as) ?? 0);
    expect(scoped.filter((n) => n > 0).length).toBeGreaterThanOrEqual(4);
    // a group sees part of the book; the 信访室 all of it but the clue above its clearance and the one it is recused from
    expect(seen.get('fgw.group')).toBeLessThan(b.intake.total);
    expect(seen.get('xf.officer1')).toBe(b.intake.total - 2);
  });

  it("a group's 超期 counts follow its case team and its recusal (the corrections beside the org-keyed aggregate)", async () => {
    const proposal = async () => (await get('fgw.group')).overdue.find((o) => o.kind === 'PROPOSAL_DUE')!.count;
    const intake = async () => (await get('fgw.group')).intake.total;
    const before = await proposal();
    expect(before).toBeGreaterThan(0);
    // The three marked clues are of the year: the year's figures follow the same corrections.
    const marks = await sql<{ n: number }>`SELECT count(*)::int AS n FROM clue WHERE id = ANY(${Object.values(groupMarks!)}::uuid[])
      AND received_on >= ${`${YEAR}-01-01`}::date AND received_on < ${`${YEAR + 1}-01-01`}::date`.execute(t.db);
    expect(marks.rows[0]!.n).toBe(3);
    const intakeBefore = await intake();
    const group = await t.db.selectFrom('app_user').select('id').where('username', '=', 'fgw.group').executeTakeFirstOrThrow();
    // Leaving the case team hides the outside clue (and any other clue of that case); lifting the recusal shows the
    // own one again (one more); an own clue raised above the group's clearance drops out (one less).
    await t.db.updateTable('case_team_member').set({ left_on: sql`current_date` }).where('user_id', '=', group.id).where('left_on', 'is', null).execute();
    const left = await proposal();
    const intakeLeft = await intake();
    expect(left).toBeLessThan(before);
    expect(intakeLeft).toBeLessThan(intakeBefore);
    await compareWithLedgers('fgw.group', await get('fgw.group'));
    await compareClueFigures('fgw.group', await get('fgw.group'), false);
    await t.db.deleteFrom('recusal').where('user_id', '=', group.id).where('object_id', '=', groupMarks!.recused).execute();
    expect(await proposal()).toBe(left + 1);
    expect(await intake()).toBe(intakeLeft + 1);
    await compareClueFigures('fgw.group', await get('fgw.group'), false);
    await t.db.updateTable('clue').set({ classification: 'TOP_SECRET' }).where('id', '=', groupMarks!.secret).execute();
    expect(await proposal()).toBe(left);
    expect(await intake()).toBe(intakeLeft);
    await compareWithLedgers('fgw.group', await get('fgw.group'));
    await compareClueFigures('fgw.group', await get('fgw.group'), false);
  });
});
