/** 全文检索 and the 线索案件 dashboard: Chinese sub-word search, scope, audit, counts = SQL, cache invalidation. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { textRef } from '../../platform/audit';
import { searchVector } from '../../platform/search';
import { markParts, snippetParts } from './snippet';

let t: TestApp;
let cid: string;
const org = new Map<string, string>();
const YEAR = 2026;

async function insertClue(p: { title: string; summary: string; undertaking: string; subject: string; receivedOn?: string; source?: string }) {
  const row = await t.db
    .insertInto('clue')
    .values({
      commission_id: cid,
      year: YEAR,
      source: p.source ?? 'PETITION_LETTER',
      received_on: p.receivedOn ?? '2026-11-02',
      receiving_org_id: org.get('LZ-JW-XFS')!,
      title: p.title,
      summary: p.summary,
      subject_name: '测试对象某某',
      subject_org_id: org.get(p.subject)!,
      undertaking_org_id: org.get(p.undertaking)!,
      state: 'UNDER_ANALYSIS',
      propose_due: '2026-12-02',
      search_tsv: searchVector([p.title, p.summary, '测试对象某某']),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let depotClue: string;
beforeAll(async () => {
  t = await createTestApp();
  const orgs = await t.db.selectFrom('org').select(['id', 'code', 'commission_id']).execute();
  for (const o of orgs) org.set(o.code, o.id);
  cid = orgs[0]!.commission_id;
  depotClue = await insertClue({
    title: '反映某国有粮食储备库负责人违规出租仓容问题',
    summary: '来信反映，该储备库负责人在2026年将闲置仓容以明显低于市场的价格出租给其亲属控制的企业，涉嫌利用职务便利为亲属谋利。',
    undertaking: 'LZ-JW-PZ-FGW',
    subject: 'LZ-HU-LCK',
  });
  await insertClue({ title: '反映某学校食堂采购问题', summary: '来信反映食堂采购价格偏高。', undertaking: 'LZ-JW-PZ-JYJ', subject: 'LZ-HU-JYJ' });
});
afterAll(() => t.close());

describe('snippet', () => {
  it('marks every occurrence and merges overlaps', () => {
    expect(markParts('储备库的储备', ['储备', '储备库'])).toEqual([
      { text: '储备库', mark: true },
      { text: '的', mark: false },
      { text: '储备', mark: true },
    ]);
  });
  it('cuts a long text around the first match with ellipses', () => {
    const parts = snippetParts(`${'甲'.repeat(200)}储备${'乙'.repeat(200)}`, ['储备']);
    expect(parts[0]).toEqual({ text: '…', mark: false });
    expect(parts.at(-1)).toEqual({ text: '…', mark: false });
    expect(parts.some((p) => p.mark && p.text === '储备')).toBe(true);
  });
});

describe('GET /casework/search', () => {
  it('finds a clue by a word inside a longer word (储备 → 储备库), ranked, with marks', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/casework/search?q=${encodeURIComponent('储备')}&kind=clue`, as: 'sj.secretary' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const hit = body.items.find((i: { id: string }) => i.id === depotClue);
    expect(hit).toBeTruthy();
    expect(hit.kind).toBe('clue');
    expect(hit.titleParts.filter((p: { mark: boolean }) => p.mark).map((p: { text: string }) => p.text)).toContain('储备');
    expect(hit.snippet.some((p: { mark: boolean; text: string }) => p.mark && p.text.includes('储备'))).toBe(true);
    expect(body.total).toBeGreaterThanOrEqual(1);
    expect(body.tokens).toContain('储备');
  });

  it('every token must match: 储备 仓容 finds it, 储备 留置 does not', async () => {
    const a = await t.request({ method: 'GET', url: `/api/v1/casework/search?q=${encodeURIComponent('储备 仓容')}`, as: 'sj.secretary' });
    expect(a.json().items.map((i: { id: string }) => i.id)).toContain(depotClue);
    const b = await t.request({ method: 'GET', url: `/api/v1/casework/search?q=${encodeURIComponent('储备 留置措施')}`, as: 'sj.secretary' });
    expect(b.json().items.map((i: { id: string }) => i.id)).not.toContain(depotClue);
  });

  it('never returns an out-of-scope clue: another group does not see it, the undertaking group does', async () => {
    const q = `/api/v1/casework/search?q=${encodeURIComponent('仓容')}`;
    const other = await t.request({ method: 'GET', url: q, as: 'edu.group' });
    expect(other.statusCode).toBe(200);
    expect(other.json().items.map((i: { id: string }) => i.id)).not.toContain(depotClue);
    const fgw = await t.request({ method: 'GET', url: q, as: 'fgw.group' });
    expect(fgw.json().items.map((i: { id: string }) => i.id)).toContain(depotClue);
    const caseOnly = await t.request({ method: 'GET', url: `${q}&kind=case`, as: 'sj.secretary' });
    expect(caseOnly.json().items.map((i: { id: string }) => i.id)).not.toContain(depotClue);
  });

  it('audits a keyed reference to the query text, not the text', async () => {
    await t.request({ method: 'GET', url: `/api/v1/casework/search?q=${encodeURIComponent('出租仓容')}`, as: 'ag.manager1' });
    const ev = await t.db
      .selectFrom('audit_event')
      .select(['payload'])
      .where('type', '=', 'search.performed')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    // A keyed reference, not the text: the audit administrator must not read what was searched for.
    expect((ev.payload as { qRef: string }).qRef).toBe(textRef('出租仓容'));
    expect(JSON.stringify(ev.payload)).not.toContain('出租仓容');
  });

  it.each([
    ['', '不能为空'],
    ['   ', '不能为空'],
    ['储'.repeat(101), '不超过100个字符'],
    ['！！？', '没有可检索'],
  ])('refuses %j with 400 in zh-CN', async (q, msg) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/casework/search?q=${encodeURIComponent(q)}`, as: 'sj.secretary' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(msg);
  });

  it('a unit liaison gets 403', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/casework/search?q=${encodeURIComponent('储备')}`, as: 'bank.liaison' });
    expect(res.statusCode).toBe(403);
  });
});

async function userOf(username: string) {
  return t.db.selectFrom('app_user').select(['id']).where('username', '=', username).executeTakeFirstOrThrow();
}

/** Direct SQL counts of clues received in the year: all of the commission, or those a scoped account sees. */
async function sqlCounts(username: string | null) {
  const u = username ? await userOf(username) : null;
  const scope = u
    ? sql`AND (c.receiving_org_id IN (SELECT org_id FROM actor_org_scope(${u.id}::uuid))
          OR c.undertaking_org_id IN (SELECT org_id FROM actor_org_scope(${u.id}::uuid))
          OR c.subject_org_id IN (SELECT org_id FROM actor_org_scope(${u.id}::uuid))
          OR EXISTS (SELECT 1 FROM clue_team_member m WHERE m.clue_id = c.id AND m.user_id = ${u.id}::uuid AND m.left_on IS NULL)
          OR EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = c.case_id AND m.user_id = ${u.id}::uuid AND m.left_on IS NULL))`
    : sql``;
  const { rows } = await sql<{ source: string; n: number }>`
    SELECT c.source, count(*)::int AS n FROM clue c
    WHERE c.commission_id = ${cid}::uuid AND c.received_on >= '2026-01-01' AND c.received_on < '2027-01-01' ${scope}
    GROUP BY 1`.execute(t.db);
  const overdue = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM clue c WHERE c.commission_id = ${cid}::uuid ${scope}
      AND c.state IN ('RECEIVED','REGISTERED','ASSIGNED','UNDER_ANALYSIS','REOPENED') AND c.propose_due <= current_date`.execute(t.db);
  const forms = await sql<{ n: number }>`
    SELECT count(DISTINCT o.case_id)::int AS n FROM case_outcome o JOIN case_file k ON k.id = o.case_id
    WHERE k.commission_id = ${cid}::uuid AND o.four_form IS NOT NULL AND o.decided_on >= '2026-01-01' AND o.decided_on < '2027-01-01'`.execute(t.db);
  return {
    bySource: Object.fromEntries(rows.map((r) => [r.source, r.n])),
    total: rows.reduce((s, r) => s + r.n, 0),
    proposalOverdue: overdue.rows[0]!.n,
    fourFormCases: forms.rows[0]!.n,
  };
}

describe('GET /casework/dashboard', () => {
  it('commission-wide (书记) counts equal direct SQL', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/casework/dashboard?year=${YEAR}`, as: 'sj.secretary' });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    const want = await sqlCounts(null);
    expect(d.scope).toBe('COMMISSION');
    expect(d.intake.total).toBe(want.total);
    expect(Object.fromEntries(d.intake.bySource.map((s: { source: string; count: number }) => [s.source, s.count]))).toEqual(want.bySource);
    expect(d.intake.byMonth.reduce((s: number, m: { count: number }) => s + m.count, 0)).toBe(want.total);
    expect(d.disposition.byStateGroup.reduce((s: number, m: { count: number }) => s + m.count, 0)).toBe(want.total);
    expect(d.overdue.find((o: { kind: string }) => o.kind === 'PROPOSAL_DUE').count).toBe(want.proposalOverdue);
    expect(d.fourForms.reduce((s: number, f: { count: number }) => s + f.count, 0)).toBe(want.fourFormCases);
  });

  it('a scoped group (驻市发改委组) counts only what it sees, equal to direct SQL', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/casework/dashboard?year=${YEAR}`, as: 'fgw.group' });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    const want = await sqlCounts('fgw.group');
    expect(d.scope).toBe('SCOPED');
    expect(d.intake.total).toBe(want.total);
    expect(want.total).toBeGreaterThanOrEqual(1);
    expect(Object.fromEntries(d.intake.bySource.map((s: { source: string; count: number }) => [s.source, s.count]))).toEqual(want.bySource);
    expect(d.overdue.find((o: { kind: string }) => o.kind === 'PROPOSAL_DUE').count).toBe(want.proposalOverdue);
    const wide = await sqlCounts(null);
    expect(d.intake.total).toBeLessThan(wide.total);
    // the by-org table holds only departments it sees: its own group
    expect(d.byOrg.groups.map((g: { orgId: string }) => g.orgId)).toContain(org.get('LZ-JW-PZ-FGW'));
    const edu = (await t.request({ method: 'GET', url: `/api/v1/casework/dashboard?year=${YEAR}`, as: 'edu.group' })).json();
    expect(edu.byOrg.groups.map((g: { orgId: string }) => g.orgId)).not.toContain(org.get('LZ-JW-PZ-FGW'));
  });

  it('changes after a new clue is inserted (cache keyed by the clues epoch)', async () => {
    const url = `/api/v1/casework/dashboard?year=${YEAR}`;
    const before = (await t.request({ method: 'GET', url, as: 'ag.manager1' })).json();
    const again = (await t.request({ method: 'GET', url, as: 'ag.manager1' })).json();
    expect(again.computedAt).toBe(before.computedAt);
    await insertClue({
      title: '反映某局干部违规收受礼金问题',
      summary: '网络举报反映收受礼金。',
      undertaking: 'LZ-JW-PZ-JYJ',
      subject: 'LZ-HU-JYJ',
      source: 'PETITION_ONLINE',
    });
    const after = (await t.request({ method: 'GET', url, as: 'ag.manager1' })).json();
    expect(after.intake.total).toBe(before.intake.total + 1);
    const online = (d: { intake: { bySource: { source: string; count: number }[] } }) =>
      d.intake.bySource.find((s) => s.source === 'PETITION_ONLINE')?.count ?? 0;
    expect(online(after)).toBe(online(before) + 1);
  });

  it('filters by an undertaking org; an unknown org is 404; a liaison is 403', async () => {
    const fgw = org.get('LZ-JW-PZ-FGW')!;
    const d = (await t.request({ method: 'GET', url: `/api/v1/casework/dashboard?year=${YEAR}&orgId=${fgw}`, as: 'sj.secretary' })).json();
    const n = await t.db
      .selectFrom('clue')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('undertaking_org_id', '=', fgw)
      .where('received_on', '>=', '2026-01-01')
      .where('received_on', '<', '2027-01-01')
      .executeTakeFirstOrThrow();
    expect(d.intake.total).toBe(Number(n.n));
    const missing = await t.request({ method: 'GET', url: `/api/v1/casework/dashboard?orgId=00000000-0000-4000-8000-000000000000`, as: 'sj.secretary' });
    expect(missing.statusCode).toBe(404);
    const liaison = await t.request({ method: 'GET', url: '/api/v1/casework/dashboard', as: 'bank.liaison' });
    expect(liaison.statusCode).toBe(403);
  });
});
