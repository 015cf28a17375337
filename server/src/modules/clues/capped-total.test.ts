/**
 * The capped total of GET /clues and /cases (issue 12): exactly 1,000 → exact; 1,001 → 超过 1,000 条;
 * ?exactTotal=true counts them all; a bad exactTotal is a 400.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { MARK } from '../../../test/keyed-ledger-data';
import { TOTAL_CAP } from '../../platform/ledger-page';

let t: TestApp;
let commissionId: string;

beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await t.db.selectFrom('org').select('commission_id').where('code', '=', 'LZ-JW').executeTakeFirstOrThrow()).commission_id;
});
afterAll(() => t?.close());

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
