/** 发文字号 at issue: never without approval, distinct and consecutive under concurrent issuing. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actionBody, seedLetter } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('letter numbering', () => {
  it('refuses to issue an APPROVED letter that has no recorded approval (409)', async () => {
    const letter = await seedLetter(t, { state: 'APPROVED' });
    await t.db.updateTable('letter').set({ approved_by: null, approved_at: null }).where('id', '=', letter.id).execute();
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${letter.id}/actions`,
      payload: actionBody('issue', letter.version),
      as: 'sc8.director',
    });
    expect(res.statusCode).toBe(409);
    const row = await t.db.selectFrom('letter').select(['state', 'doc_no']).where('id', '=', letter.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'APPROVED', doc_no: null });
  });

  it('issues 20 approved letters concurrently with 20 distinct consecutive numbers', async () => {
    const letters = await Promise.all(Array.from({ length: 20 }, () => seedLetter(t, { state: 'APPROVED', type: 'COMBINED', items: 1 })));
    const year = new Date().getUTCFullYear();
    const before = await t.db.selectFrom('doc_sequence').select('last_no').where('doc_code', '=', '兰纪监建').where('year', '=', year).executeTakeFirst();
    const start = (before?.last_no ?? 0) + 1;
    const answers = await Promise.all(
      letters.map((l) => t.request({ method: 'POST', url: `/api/v1/letters/${l.id}/actions`, payload: actionBody('issue', l.version), as: 'sc8.director' })),
    );
    for (const a of answers) expect(a.statusCode, a.body.slice(0, 200)).toBe(200);
    const rows = await t.db
      .selectFrom('letter')
      .select(['doc_seq', 'doc_no', 'doc_code', 'doc_year'])
      .where(
        'id',
        'in',
        letters.map((l) => l.id),
      )
      .execute();
    const seqs = rows.map((r) => r.doc_seq!).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => start + i));
    expect(new Set(rows.map((r) => r.doc_no)).size).toBe(20);
    for (const r of rows) expect(r.doc_no).toBe(`兰纪监建〔${year}〕${r.doc_seq}号`);
    const allocated = await t.db
      .selectFrom('doc_number')
      .select('no')
      .where('doc_code', '=', '兰纪监建')
      .where('year', '=', year)
      .where('object_type', '=', 'letter')
      .execute();
    expect(allocated.map((a) => a.no).filter((n) => n >= start)).toHaveLength(20);
    const attachments = await t.db
      .selectFrom('attachment')
      .select('owner_id')
      .where('owner_type', '=', 'letter')
      .where(
        'owner_id',
        'in',
        letters.map((l) => l.id),
      )
      .execute();
    expect(attachments).toHaveLength(20);
  });

  it('a burst of issues queues in the node: no issuer waits on the counter row holding a connection, the pool stays free for others', async () => {
    const letters = await Promise.all(Array.from({ length: 12 }, () => seedLetter(t, { state: 'APPROVED', type: 'DISCIPLINE', items: 1 })));
    // What the database and the pool go through while the burst runs: sessions of the app stuck on a lock
    // (each one a pooled connection taken from every other user, and a 503 once lock_timeout passes) and
    // requests left waiting for a connection.
    let running = true;
    let lockWaiters = 0;
    let poolWaiters = 0;
    const sampler = (async () => {
      while (running) {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'liandong' AND wait_event_type = 'Lock'`.execute(t.owner);
        lockWaiters = Math.max(lockWaiters, rows[0]!.n);
        poolWaiters = Math.max(poolWaiters, t.handle.pool.waitingCount);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const answers = await Promise.all(
      letters.map((l) => t.request({ method: 'POST', url: `/api/v1/letters/${l.id}/actions`, payload: actionBody('issue', l.version), as: 'sc8.director' })),
    );
    running = false;
    await sampler;
    for (const a of answers) expect(a.statusCode, a.body.slice(0, 200)).toBe(200);
    expect(new Set(answers.map((a) => a.json().docNo)).size).toBe(12);
    expect(lockWaiters).toBe(0);
    expect(poolWaiters).toBe(0);
  });
});
