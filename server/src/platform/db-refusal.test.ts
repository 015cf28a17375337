/**
 * A refusal of the database names the refused field (db-refusal.ts, migration 0097; through a route:
 * letters/recipient-fk.test.ts and letters/case-commission.test.ts): real refusals of real SQL writes handed to the
 * error handler — a reform record linked to another commission's case (0095; no API
 * links a record to a case), a missing case alike, a not-null and a single-column check. What names no input field (a
 * row still referenced, a check over several columns) keeps the generic message; nothing repeats an id or SQL text.
 */
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { createOtherCommission, serviceCtx } from '../../test/fixtures';
import { makeCase } from '../modules/cases/fixtures';
import { BANK, orgId } from '../modules/letters/test-helpers';
import { openReformRecordForCase } from '../modules/reform';
import { errorHandler } from './error-handler';

const MISSING = '00000000-0000-4000-8000-000000000097';

let t: TestApp;
let other: Awaited<ReturnType<typeof createOtherCommission>>;
let record = '';
let foreignCase = '';

/** The error of a real write (it must fail). */
const refusal = async (write: RawBuilder<unknown>) =>
  write.execute(t.owner).then(
    () => {
      throw new Error('written');
    },
    (e: unknown) => e,
  );

/** What the error handler answers for `err` (zh-CN, or en-US when asked). */
function answer(err: unknown, lang?: string) {
  const out = { status: 0, body: undefined as unknown as { code: string; message: string; details?: { issues: { path: string; message: string }[] } } };
  const reply = {
    code(s: number) {
      out.status = s;
      return reply;
    },
    send(b: typeof out.body) {
      out.body = b;
      return reply;
    },
  };
  const req = { id: 'req', headers: lang ? { 'accept-language': lang } : {}, log: { warn: () => undefined, error: () => undefined } };
  errorHandler.call(undefined, err as never, req as never, reply as never);
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  const ctx = await serviceCtx(t.db, 'sj.secretary', ['SECRETARY']);
  const kase = await makeCase(t, { state: 'DECIDED', set: { subject_org_id: await orgId(t, BANK) } });
  record = await t.db.transaction().execute((trx) => openReformRecordForCase(trx, ctx, kase));
  other = await createOtherCommission(t.db);
  foreignCase = await makeCase(t, { inv: [], trial: [], set: { commission_id: other.commissionId, lead_org_id: other.orgId } });
}, 120_000);
afterAll(() => t.close());

describe('real refusals of real writes, through the error handler', () => {
  it('a reform record linked to another commission’s case (0095) or to a missing one: the same 422 on caseId', async () => {
    const foreign = answer(await refusal(sql`UPDATE reform_record SET case_id = ${foreignCase}::uuid WHERE id = ${record}::uuid`));
    expect(foreign).toEqual({
      status: 422,
      body: {
        code: 'BUSINESS_RULE',
        message: '关联的案件不存在或不属于本委（caseId）',
        details: { issues: [{ path: 'caseId', message: '关联的案件不存在或不属于本委' }] },
        requestId: 'req',
      },
    });
    expect(answer(await refusal(sql`UPDATE reform_record SET case_id = ${MISSING}::uuid WHERE id = ${record}::uuid`))).toEqual(foreign);
    expect(answer(await refusal(sql`UPDATE reform_record SET case_id = ${foreignCase}::uuid WHERE id = ${record}::uuid`), 'en-US').body).toEqual({
      code: 'BUSINESS_RULE',
      message: 'Business rule violated: the linked case does not exist or is not of this commission (caseId)',
      details: { issues: [{ path: 'caseId', message: 'the linked case does not exist or is not of this commission' }] },
      requestId: 'req',
    });
    expect(JSON.stringify(foreign)).not.toMatch(new RegExp(`${foreignCase}|${other.commissionId}|another commission|reform_record`));
  });

  it('a not-null and a single-column check name their field; a row still referenced and a check of several columns do not', async () => {
    const nullTitle = answer(await refusal(sql`UPDATE reform_record SET title = NULL WHERE id = ${record}::uuid`));
    expect(nullTitle).toMatchObject({
      status: 422,
      body: { code: 'BUSINESS_RULE', message: '必填项不能为空（title）', details: { issues: [{ path: 'title', message: '必填项不能为空' }] } },
    });
    const bank = await orgId(t, BANK);
    const kind = answer(await refusal(sql`UPDATE org SET kind = 'NOPE' WHERE id = ${bank}::uuid`));
    expect(kind).toMatchObject({
      status: 422,
      body: { code: 'BUSINESS_RULE', message: '数据不符合约束条件（kind）', details: { issues: [{ path: 'kind', message: '数据不符合约束条件' }] } },
    });
    expect(JSON.stringify(kind)).not.toContain('NOPE');
    // generic: nothing of the input is named
    const referenced = answer(await refusal(sql`DELETE FROM org WHERE id = ${bank}::uuid`));
    expect(referenced).toEqual({ status: 422, body: { code: 'BUSINESS_RULE', message: '引用的对象不存在或仍被引用', details: undefined, requestId: 'req' } });
    const dates = answer(await refusal(sql`UPDATE org SET valid_to = '1900-01-01' WHERE id = ${bank}::uuid`));
    expect(dates.body).toMatchObject({ code: 'BUSINESS_RULE', message: '数据不符合约束条件', details: undefined });
    expect(answer(await refusal(sql`DELETE FROM org WHERE id = ${bank}::uuid`), 'en').body.message).toBe(
      'Business rule violated: a referenced object does not exist or is still referenced',
    );
  });
});
