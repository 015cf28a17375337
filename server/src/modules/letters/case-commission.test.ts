/**
 * A letter's case and reform record are of the letter's commission, refused by the database whatever wrote the letter
 * (migration 0096): the drafting check (createLetterIn: a case or record the drafter does not see is refused as missing)
 * is opened here for a moment (`gate.open`), and the letter linked to another commission's case or record is still not
 * written (the trigger's foreign-key violation, 422 naming the field: caseId or recordId, migration 0097); nor is a letter relinked, moved to the other commission, or its
 * case or record moved away from it, behind the API.
 */
import { readFileSync } from 'node:fs';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createOtherCommission, serviceCtx } from '../../../test/fixtures';
import { makeCase } from '../cases/fixtures';
import { openReformRecordForCase } from '../reform';
import { BANK, orgId, seedLetter } from './test-helpers';

/** While open, the drafting check's case and record predicates (aliases cf, rr) admit every row. */
const gate = vi.hoisted(() => ({ open: false }));
vi.mock('../visibility', async (importOriginal) => {
  const real = await importOriginal<typeof import('../visibility')>();
  const { sql: raw } = await import('kysely');
  const open = (alias: string, wanted: string, closed: () => RawBuilder<boolean>) => (gate.open && alias === wanted ? raw<boolean>`true` : closed());
  return {
    ...real,
    caseVisible: (actor: Parameters<typeof real.caseVisible>[0], t: string) => open(t, 'cf', () => real.caseVisible(actor, t)),
    reformVisible: (actor: Parameters<typeof real.reformVisible>[0], t: string) => open(t, 'rr', () => real.reformVisible(actor, t)),
  };
});

let t: TestApp;
let other: Awaited<ReturnType<typeof createOtherCommission>>;
let commission = '';
/** This commission's case (no record) and a record (of another case); the other commission's case and record. */
let kase = '';
let record = '';
let foreignCase = '';
let foreignRecord = '';

const openFor = async (username: string, caseId: string) => {
  const ctx = await serviceCtx(t.db, username, ['SECRETARY']);
  return t.db.transaction().execute((trx) => openReformRecordForCase(trx, ctx, caseId));
};
const letters = async () =>
  (await t.db.selectFrom('letter').select(['id', 'commission_id', 'case_id', 'record_id']).orderBy('id').execute()).map((l) => JSON.stringify(l));
const draft = async (over: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request({
    method: 'POST',
    url: '/api/v1/letters',
    as: 'sc8.director',
    headers,
    payload: {
      type: 'SUPERVISION',
      origin: 'CASE',
      recipientOrgId: await orgId(t, BANK),
      title: '关于委别测试单位加强管理的监察建议书',
      background: '本委在审查调查中发现该单位存在管理漏洞。',
      facts: '制度执行不严。',
      causes: '监督制约不力。',
      legalBasis: ['《中华人民共和国监察法》第五十二条'],
      items: [{ text: '健全制度', deadline: '2027-06-30' }],
      ...over,
    },
  });

beforeAll(async () => {
  t = await createTestApp();
  commission = (await t.db.selectFrom('commission').select('id').executeTakeFirstOrThrow()).id;
  kase = await makeCase(t, { state: 'DECIDED', set: { subject_org_id: await orgId(t, BANK) } });
  record = await openFor('sj.secretary', await makeCase(t, { state: 'DECIDED', set: { subject_org_id: await orgId(t, BANK) } }));
  other = await createOtherCommission(t.db);
  foreignCase = await makeCase(t, { inv: [], trial: [], state: 'DECIDED', set: { commission_id: other.commissionId, lead_org_id: other.orgId } });
  foreignRecord = await openFor(
    other.username,
    await makeCase(t, { inv: [], trial: [], set: { commission_id: other.commissionId, lead_org_id: other.orgId } }),
  );
}, 120_000);
afterAll(() => t.close());

describe('a letter linked to another commission’s case or record is refused by the database (0096)', () => {
  it('POST /letters with the drafting check opened: the foreign case or record is 422, nothing written; its own are written', async () => {
    const before = await letters();
    gate.open = true;
    try {
      const CASE = { message: '关联的案件不存在或不属于本委（caseId）', issues: [{ path: 'caseId', message: '关联的案件不存在或不属于本委' }] };
      const RECORD = {
        message: '关联的以案促改台账不存在或不属于本委（recordId）',
        issues: [{ path: 'recordId', message: '关联的以案促改台账不存在或不属于本委' }],
      };
      for (const [over, want] of [
        [{ caseId: foreignCase }, CASE],
        [{ recordId: foreignRecord }, RECORD],
        [{ caseId: kase, recordId: foreignRecord }, RECORD],
        [{ caseId: foreignCase, recordId: record }, CASE],
      ] as const) {
        const res = await draft(over);
        expect(res.statusCode, `${JSON.stringify(over)} ${res.body}`).toBe(422);
        expect(res.json()).toMatchObject({ code: 'BUSINESS_RULE', message: want.message, details: { issues: want.issues } });
        expect(res.body).not.toContain('another commission');
        for (const id of [foreignCase, foreignRecord, other.commissionId]) expect(res.body).not.toContain(id);
      }
      // en-US: the same field, in English
      const english = await draft({ caseId: foreignCase }, { 'accept-language': 'en-US' });
      expect(english.statusCode, english.body).toBe(422);
      expect(english.json()).toMatchObject({
        code: 'BUSINESS_RULE',
        message: 'Business rule violated: the linked case does not exist or is not of this commission (caseId)',
        details: { issues: [{ path: 'caseId', message: 'the linked case does not exist or is not of this commission' }] },
      });
      expect(await letters()).toEqual(before);
      // The same writes with this commission's case and record go through: the refusal is the commission's.
      const own = await draft({ caseId: kase, recordId: record });
      expect(own.statusCode, own.body).toBe(200);
      const row = await t.db
        .selectFrom('letter')
        .select(['case_id', 'record_id', 'case_lead_org_id'])
        .where('id', '=', own.json().id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ case_id: kase, record_id: record, case_lead_org_id: await orgId(t, 'LZ-JW-SC8') });
    } finally {
      gate.open = false;
    }
    // Closed again: the drafting check answers first, on the field (the foreign case as missing).
    const checked = await draft({ caseId: foreignCase });
    expect(checked.statusCode, checked.body).toBe(400);
    expect(checked.json().details.issues).toEqual([{ path: 'caseId', message: '案件不存在或无权访问' }]);
  });

  it('behind the API: insert, relink, the letter moved, its case or record moved — each refused, nothing changed', async () => {
    const own = (await seedLetter(t, { title: '关于委别测试的监察建议书' })).id;
    await t.db.updateTable('letter').set({ case_id: kase, record_id: record }).where('id', '=', own).execute();
    const before = await letters();
    const refused = [
      sql`INSERT INTO letter (commission_id, type, origin, case_id, drafting_org_id, recipient_org_id, recipient_name, title, created_by)
        SELECT commission_id, type, origin, ${foreignCase}::uuid, drafting_org_id, recipient_org_id, recipient_name, '外委案件的建议书', created_by
        FROM letter WHERE id = ${own}::uuid`,
      sql`INSERT INTO letter (commission_id, type, origin, record_id, drafting_org_id, recipient_org_id, recipient_name, title, created_by)
        SELECT commission_id, type, origin, ${foreignRecord}::uuid, drafting_org_id, recipient_org_id, recipient_name, '外委台账的建议书', created_by
        FROM letter WHERE id = ${own}::uuid`,
      sql`UPDATE letter SET case_id = ${foreignCase}::uuid WHERE id = ${own}::uuid`,
      sql`UPDATE letter SET record_id = ${foreignRecord}::uuid WHERE id = ${own}::uuid`,
      sql`UPDATE letter SET commission_id = ${other.commissionId}::uuid WHERE id = ${own}::uuid`,
      // the case (which has no record: 0095 says nothing of it) and the record (a case-less record would do alike)
      sql`UPDATE case_file SET commission_id = ${other.commissionId}::uuid WHERE id = ${kase}::uuid`,
      sql`UPDATE reform_record SET case_id = NULL, origin = 'CAMPAIGN', commission_id = ${other.commissionId}::uuid WHERE id = ${record}::uuid`,
    ];
    const answers: string[] = [];
    for (const write of refused)
      answers.push(
        await write.execute(t.owner).then(
          () => 'written',
          (e: { code?: string; message?: string }) => `${e.code} ${e.message}`,
        ),
      );
    expect(answers).toEqual(refused.map(() => expect.stringMatching(/^23503 letter .* of another commission$/)));
    expect(await letters()).toEqual(before);
    expect((await t.db.selectFrom('case_file').select('commission_id').where('id', '=', kase).executeTakeFirstOrThrow()).commission_id).toBe(commission);
    expect(await t.db.selectFrom('reform_record').select(['commission_id', 'origin']).where('id', '=', record).executeTakeFirstOrThrow()).toEqual({
      commission_id: commission,
      origin: 'CASE',
    });
    // The migration's own check of the rows written before it: none here; one such letter aborts it.
    const check = readFileSync(new URL('../../db/migrations/0096_letter_case_commission.sql', import.meta.url), 'utf8').split(/^DO \$\$$/m)[1];
    await sql.raw(`DO $$${check}`).execute(t.owner);
    const aborted = t.owner.transaction().execute(async (trx) => {
      await sql`ALTER TABLE letter DISABLE TRIGGER letter_case_facts`.execute(trx);
      await sql`UPDATE letter SET record_id = ${foreignRecord}::uuid WHERE id = ${own}::uuid`.execute(trx);
      await sql.raw(`DO $$${check}`).execute(trx);
    });
    await expect(aborted).rejects.toThrow(/^1 letters link a case or a reform record of another commission/);
    expect(await letters()).toEqual(before);
    // Unlinked, the letter leaves the case and the record free to move (the check follows the link, not the rows).
    await t.db.updateTable('letter').set({ case_id: null, record_id: null }).where('case_id', '=', kase).execute();
    await t.db.updateTable('letter').set({ record_id: null }).where('record_id', '=', record).execute();
    await sql`UPDATE case_file SET commission_id = ${other.commissionId}::uuid WHERE id = ${kase}::uuid`.execute(t.owner);
    await sql`UPDATE case_file SET commission_id = ${commission}::uuid WHERE id = ${kase}::uuid`.execute(t.owner);
  });
});
