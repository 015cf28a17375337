/**
 * 类案分析 (similar.ts): a case is suggested as "same sector" by its own sector or by its reform record's — the record
 * read only where the reader may open it (the record detail's predicate). A reader who sees the case but is recused
 * (回避) from its record, or is not cleared for the record's 密级, gets no sector reason from the record: the case is not
 * suggested for it, nor the record; a reader who may open the record still gets both.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { serviceCtx } from '../../../test/fixtures';
import { makeCase } from '../cases/fixtures';
import { commissionId, userId } from './fixtures';
import { openReformRecordForCase } from './service-records';

let t: TestApp;
/** The record the suggestions are read on (its unit alone, no parent), and the other case with its record. */
let target = '';
let other = { caseId: '', recordId: '' };
const SECTOR = 'S_GATE2_TEST';

/** A unit of its own, without a parent: no other case or record is of its unit or under its parent. */
const freshUnit = async (code: string) =>
  (
    await t.db
      .insertInto('org')
      .values({ commission_id: await commissionId(t), code, name_zh: `类案门禁测试单位${code}`, short_name: code, kind: 'HOST_UNIT' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
const caseWithRecord = async (unit: string) => {
  const caseId = await makeCase(t, { set: { subject_org_id: unit, classification: 'PUBLIC' } });
  const ctx = await serviceCtx(t.db, 'sj.secretary', ['SECRETARY']);
  const recordId = await t.db.transaction().execute((trx) => openReformRecordForCase(trx, ctx, caseId));
  return { caseId, recordId };
};
/** What the record's detail suggests to `as`, of the other case and its record. */
const suggested = async (as: string) => {
  const res = await t.request({ method: 'GET', url: `/api/v1/reform-records/${target}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().similar as { kind: string; id: string; reason: string }[])
    .filter((s) => s.id === other.caseId || s.id === other.recordId)
    .map((s) => `${s.kind} ${s.reason}`)
    .sort();
};
/** The secretary declares a recusal (回避) from the other record (not from its case). */
const recuseSecretary = async () => {
  const values = { user_id: await userId(t, 'sj.secretary'), object_type: 'reform_record', object_id: other.recordId, reason: '近亲属在该单位任职（测试）' };
  await t.db
    .insertInto('recusal')
    .values({ commission_id: await commissionId(t), ...values })
    .onConflict((oc) => oc.doNothing())
    .execute();
};
const BOTH = ['CASE SAME_SECTOR', 'REFORM_RECORD SAME_SECTOR'];

beforeAll(async () => {
  t = await createTestApp();
  const mine = await caseWithRecord(await freshUnit('GATE2-A'));
  target = mine.recordId;
  other = await caseWithRecord(await freshUnit('GATE2-B'));
  // The sector is the records' only: neither case has one.
  await t.db.updateTable('reform_record').set({ sector_code: SECTOR, classification: 'PUBLIC' }).where('id', 'in', [target, other.recordId]).execute();
}, 120_000);
afterAll(() => t.close());

describe('the same-sector reason of a case reads its record only where the reader may open it', () => {
  it('recused from the record (not from the case): no sector reason, no record; a reader who may open it gets both', async () => {
    // sj.secretary (the whole book) and sc8.staff (the case team) see the other case and its record.
    for (const as of ['sj.secretary', 'sc8.staff']) expect(await suggested(as), as).toEqual(BOTH);
    await recuseSecretary();
    const opened = await t.request({ method: 'GET', url: `/api/v1/reform-records/${other.recordId}`, as: 'sj.secretary' });
    const kase = await t.request({ method: 'GET', url: `/api/v1/cases/${other.caseId}`, as: 'sj.secretary' });
    expect([opened.statusCode, kase.statusCode]).toEqual([404, 200]);
    expect(await suggested('sj.secretary')).toEqual([]);
    expect(await suggested('sc8.staff')).toEqual(BOTH);
    await t.db.deleteFrom('recusal').where('object_id', '=', other.recordId).execute();
    expect(await suggested('sj.secretary')).toEqual(BOTH);
  });

  it('the record above the reader’s clearance (the case not): no sector reason, no record; cleared, both', async () => {
    // Every demo account is cleared for 工作秘密: sc8.staff stays so, the secretary is cleared for 秘密.
    await t.db.updateTable('app_user').set({ clearance: 'SECRET' }).where('username', '=', 'sj.secretary').execute();
    expect((await t.db.selectFrom('app_user').select('clearance').where('username', '=', 'sc8.staff').executeTakeFirstOrThrow()).clearance).toBe('WORK_SECRET');
    await sql`UPDATE reform_record SET classification = 'SECRET' WHERE id = ${other.recordId}::uuid`.execute(t.db);
    const opened = await t.request({ method: 'GET', url: `/api/v1/reform-records/${other.recordId}`, as: 'sc8.staff' });
    const kase = await t.request({ method: 'GET', url: `/api/v1/cases/${other.caseId}`, as: 'sc8.staff' });
    expect([opened.statusCode, kase.statusCode]).toEqual([404, 200]);
    expect(await suggested('sc8.staff')).toEqual([]);
    expect(await suggested('sj.secretary')).toEqual(BOTH);
    await t.db.updateTable('app_user').set({ clearance: 'SECRET' }).where('username', '=', 'sc8.staff').execute();
    expect(await suggested('sc8.staff')).toEqual(BOTH);
  });

  it('the case’s own sector is its own: suggested to the reader recused from its record, for that sector', async () => {
    await sql`UPDATE case_file SET sector_code = ${SECTOR} WHERE id = ${other.caseId}::uuid`.execute(t.db);
    await recuseSecretary();
    expect(await suggested('sj.secretary')).toEqual(['CASE SAME_SECTOR']);
  });
});
