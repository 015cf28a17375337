/** 演示数据 clue book: counts per source and state, the two scenarios, overdue kinds, sealed complainants. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../test/app';
import { FieldCipher } from '../platform/crypto';
import { CLUE_DOC_CODE } from './clues';
import { demoClues } from './clues-data';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const countBy = (key: (c: (typeof demoClues)[number]) => string) => {
  const m: Record<string, number> = {};
  for (const c of demoClues) m[key(c)] = (m[key(c)] ?? 0) + 1;
  return m;
};

describe('demo clue book', () => {
  it('has about sixty clues over every source, in the states of the data file', async () => {
    const rows = await sql<{ source: string; state: string; n: number }>`SELECT source, state, count(*)::int AS n FROM clue
      WHERE source_ref_type IS DISTINCT FROM 'inspection_finding' GROUP BY 1, 2`.execute(t.db);
    const sum = (k: 'source' | 'state') => {
      const m: Record<string, number> = {};
      for (const r of rows.rows) m[r[k]] = (m[r[k]] ?? 0) + r.n;
      return m;
    };
    expect(demoClues.length).toBeGreaterThanOrEqual(55);
    expect(sum('source')).toEqual(countBy((c) => c.source));
    expect(Object.keys(sum('source'))).toHaveLength(14);
    expect(sum('state')).toEqual(countBy((c) => c.state));
    expect(Object.keys(sum('state')).length).toBeGreaterThanOrEqual(17);
  });

  it('numbers registered clues through doc_sequence (兰纪线), gap-free, so later numbers continue', async () => {
    const { rows } = await sql<{ year: number; n: number; max: number; last: number }>`
      SELECT c.year, count(*)::int AS n, max(c.seq) AS max, s.last_no AS last FROM clue c
      JOIN doc_sequence s ON s.commission_id = c.commission_id AND s.doc_code = ${CLUE_DOC_CODE} AND s.year = c.year
      WHERE c.seq IS NOT NULL GROUP BY c.year, s.last_no`.execute(t.db);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect([r.n, r.max]).toEqual([r.last, r.last]);
    const unnumbered = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM clue WHERE clue_no IS NULL AND state NOT IN ('RECEIVED','TRANSFERRED_OUT')`.execute(t.db);
    expect(unnumbered.rows[0]!.n).toBe(0);
  });

  it('scenario (a): the grain data alert went to 初核 with a signed report and was filed, investigated by a 室组 team', async () => {
    const clue = await t.db.selectFrom('clue').selectAll().where('title', 'like', '示例国有粮食储备库主任%关联交易%').executeTakeFirstOrThrow();
    expect(clue).toMatchObject({ source: 'DATA_ALERT', state: 'CASE_FILED' });
    const v = await t.db.selectFrom('clue_verification').selectAll().where('clue_id', '=', clue.id).executeTakeFirstOrThrow();
    expect(v.reported_on).not.toBeNull();
    expect(v.proposal).toBe('PROPOSE_FILING');
    const team = await t.db.selectFrom('clue_team_member').select(['signed_at']).where('verification_id', '=', v.id).execute();
    expect(team.length).toBeGreaterThanOrEqual(2);
    expect(team.every((m) => m.signed_at !== null)).toBe(true);
    const k = await t.db.selectFrom('case_file').selectAll().where('id', '=', clue.case_id!).executeTakeFirstOrThrow();
    expect(k.state).toBe('INVESTIGATING');
    expect(k.case_no).toMatch(/^兰纪案〔2026〕\d+号$/);
    const inv = await sql<{ username: string }>`SELECT u.username FROM case_team_member m JOIN app_user u ON u.id = m.user_id
      WHERE m.case_id = ${k.id}::uuid AND m.team = 'INVESTIGATION'`.execute(t.db);
    expect(inv.rows.map((r) => r.username)).toEqual(expect.arrayContaining(['fgw.group', 'jc1.staff']));
  });

  it('scenario (b): the finance case, a 联合专案组 of 第十审查调查室 and the finance group (g.4.4), decided, a separate trial team', async () => {
    const k = await t.db.selectFrom('case_file').selectAll().where('subject_name', '=', '樊某某').executeTakeFirstOrThrow();
    const lead = await t.db.selectFrom('org').select('code').where('id', '=', k.lead_org_id).executeTakeFirstOrThrow();
    expect(lead.code).toBe('LZ-JW-SC10');
    expect(k.state).toBe('DECIDED');
    expect(k.funds_recovered).toBe('1286500.00'); // shown on the case page as 追缴/挽回资金（元）
    const members = await sql<{ username: string; team: string }>`SELECT u.username, m.team FROM case_team_member m JOIN app_user u ON u.id = m.user_id
      WHERE m.case_id = ${k.id}::uuid`.execute(t.db);
    const of = (team: string) => members.rows.filter((m) => m.team === team).map((m) => m.username);
    expect(of('INVESTIGATION')).toEqual(expect.arrayContaining(['sc10.staff', 'fin.staff']));
    const teamOrgs = await sql<{ code: string }>`SELECT DISTINCT o.code FROM case_team_member m JOIN org o ON o.id = m.org_id
      WHERE m.case_id = ${k.id}::uuid AND m.team = 'INVESTIGATION' ORDER BY o.code`.execute(t.db);
    expect(teamOrgs.rows.map((r) => r.code)).toEqual(['LZ-JW-PZ-JR', 'LZ-JW-SC10']);
    expect(of('TRIAL')).toContain('sl.staff1');
    expect(of('TRIAL').filter((u) => of('INVESTIGATION').includes(u))).toEqual([]);
    const outcomes = await t.db.selectFrom('case_outcome').select(['kind', 'four_form']).where('case_id', '=', k.id).execute();
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['ADMIN_SANCTION', 'PARTY_SANCTION']);
    expect(outcomes.every((o) => o.four_form)).toBe(true);
  });

  it('leaves requests pending for the 书记 and for overseeing leaders, two screening meetings and interference records', async () => {
    const pending = await t.db.selectFrom('clue_request').select(['chain', 'next_step']).where('status', '=', 'PENDING').execute();
    const next = pending.map((p) => p.chain[p.next_step]);
    expect(next.filter((s) => s === 'PRINCIPAL_LEADER').length).toBeGreaterThanOrEqual(2);
    expect(next.filter((s) => s === 'OVERSEEING_LEADER').length).toBeGreaterThanOrEqual(3);
    expect(
      Number(
        (
          await t.db
            .selectFrom('clue_meeting')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(2);
    expect(
      Number(
        (
          await t.db
            .selectFrom('interference_record')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThanOrEqual(3);
  });

  it('has several overdue items of each kind the dashboard shows', async () => {
    const d = (await t.request({ method: 'GET', url: '/api/v1/casework/dashboard?year=2026', as: 'sj.secretary' })).json();
    const n = (kind: string) => d.overdue.find((o: { kind: string }) => o.kind === kind).count;
    for (const kind of ['PROPOSAL_DUE', 'INQUIRY_REPLY_DUE', 'INQUIRY_REPORT_DUE', 'HOLD_REVIEW_DUE', 'TRIAL_DUE', 'EXECUTION_DUE']) {
      expect(n(kind), kind).toBeGreaterThanOrEqual(2);
    }
  });

  it('never stores a complainant in plain text; the sealed identity opens with the platform key', async () => {
    const named = demoClues.filter((c) => c.complainant);
    expect(named.length).toBeGreaterThanOrEqual(3);
    for (const c of named) {
      const name = c.complainant!.name;
      const plain = await sql<{ n: number }>`SELECT
        (SELECT count(*) FROM clue x WHERE (to_jsonb(x) - 'complainant_cipher')::text LIKE ${`%${name}%`})
        + (SELECT count(*) FROM clue_event e WHERE e.payload::text LIKE ${`%${name}%`} OR e.comment LIKE ${`%${name}%`})
        + (SELECT count(*) FROM clue_request r WHERE r.payload::text LIKE ${`%${name}%`} OR r.rationale LIKE ${`%${name}%`})
        + (SELECT count(*) FROM audit_event a WHERE a.payload::text LIKE ${`%${name}%`}) AS n`.execute(t.db);
      expect(Number(plain.rows[0]!.n), name).toBe(0);
    }
    const sealed = await t.db.selectFrom('clue').select(['title', 'complainant_cipher']).where('real_name', '=', true).execute();
    expect(sealed.length).toBe(named.length);
    const cipher = new FieldCipher(testConfig().keys.sm4Key);
    for (const s of sealed) {
      const spec = named.find((c) => c.title === s.title)!;
      expect(JSON.parse(cipher.decrypt(s.complainant_cipher!))).toEqual(spec.complainant);
    }
  });
});
