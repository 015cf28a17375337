/**
 * The side doors of a case-born 以案促改 record (the record ledger's case arm and its gate, migration 0059), across two
 * commissions. (a) No write links a record — or a letter — to a case of another commission or to a case the writer does
 * not see: the API carries no case on a record (the case is linked when it is filed, of the filer's commission), a letter's
 * case and record are refused alike whether foreign, hidden or missing, and the database refuses a record linked to a case
 * of another commission whatever wrote it (migration 0095: before it, a commission-wide reader's ledger listed such a
 * record through the case arm while its detail was 404). (b) A reader of the other commission learns nothing of this
 * commission's decided case-born record — ledger, total, keyword, export, detail, its writes, its letters and tasks,
 * attachments, cockpit, inbox — nor this commission's readers of the other's. (c) The case's lead org, state and
 * classification changing after the record is opened change who sees the record, alike in the ledger, the walk and the detail.
 */
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createOtherCommission, multipart, serviceCtx } from '../../../test/fixtures';
import { actorOf } from '../../../test/walkers';
import { makeCampaign } from '../campaign-links/fixtures';
import { makeCase } from '../cases/fixtures';
import { seedLetter } from '../letters/test-helpers';
import { reformWalkVisible } from '../visibility';
import { ACCOUNTABILITY_BODY, BANK, FIN_GROUP, makeTask, orgId, userId } from './fixtures';
import { openReformRecordForCase } from './service-records';

let t: TestApp;
let other: Awaited<ReturnType<typeof createOtherCommission>>;
/** This commission's decided case (sc8 leads, about the bank), its record, a letter of both and a task of the letter. */
let kase = '';
let caseNo = '';
let record = '';
let letter = '';
let task = '';
/** The other commission's case and its record (opened at filing, as the filing hook does). */
let foreignCase = '';
let foreignRecord = '';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const openFor = async (username: string, caseId: string) => {
  const ctx = await serviceCtx(t.db, username, ['SECRETARY']);
  return t.db.transaction().execute((trx) => openReformRecordForCase(trx, ctx, caseId));
};
const count = async (table: 'reform_record' | 'letter') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const get = (url: string, as: string) => t.request({ method: 'GET', url, as });
const ledgerIds = async (as: string, query = '') => {
  const res = await get(`/api/v1/reform-records?pageSize=100${query}`, as);
  expect(res.statusCode, res.body).toBe(200);
  return { ids: res.json().items.map((i: { id: string }) => i.id) as string[], total: res.json().total as number, body: res.body };
};

beforeAll(async () => {
  t = await createTestApp();
  // This commission's objects first (seedLetter takes the first commission it finds).
  kase = await makeCase(t, { state: 'DECIDED', set: { subject_org_id: await orgId(t, BANK) } });
  caseNo = (await t.db.selectFrom('case_file').select('case_no').where('id', '=', kase).executeTakeFirstOrThrow()).case_no ?? '';
  record = await openFor('sj.secretary', kase);
  await t.db.updateTable('reform_record').set({ title: '以案促改：本委门禁测试台账' }).where('id', '=', record).execute();
  letter = (await seedLetter(t, { state: 'ISSUED', title: '关于门禁测试的监察建议书' })).id;
  await t.db.updateTable('letter').set({ record_id: record, case_id: kase }).where('id', '=', letter).execute();
  task = await makeTask(t, { issue: '演示数据：门禁测试整改任务' });
  const item = await t.db.selectFrom('letter_item').select('id').where('letter_id', '=', letter).orderBy('no').executeTakeFirstOrThrow();
  await t.db.updateTable('rectification_task').set({ source: 'RECOMMENDATION', letter_id: letter, letter_item_id: item.id }).where('id', '=', task).execute();
  other = await createOtherCommission(t.db);
  foreignCase = await makeCase(t, {
    inv: [],
    trial: [],
    state: 'DECIDED',
    title: '外委门禁测试案件',
    set: { commission_id: other.commissionId, lead_org_id: other.orgId },
  });
  foreignRecord = await openFor(other.username, foreignCase);
}, 120_000);
afterAll(() => t.close());

describe('(a) no write links a record or a letter to a case of another commission, or to a case the writer does not see', () => {
  it('the record API carries no case: a case id sent to POST or PATCH links nothing', async () => {
    const before = await count('reform_record');
    const asCase = await t.request({ method: 'POST', url: '/api/v1/reform-records', as: 'fin.staff', payload: { origin: 'CASE', caseId: foreignCase } });
    expect(asCase.statusCode, asCase.body).toBe(400);
    const campaign = await makeCampaign(t, { participants: [FIN_GROUP] });
    const payload = { origin: 'CAMPAIGN', campaignId: campaign.id, unitOrgId: await orgId(t, BANK), caseId: foreignCase };
    const byHand = await t.request({ method: 'POST', url: '/api/v1/reform-records', as: 'fin.staff', payload });
    expect(byHand.statusCode, byHand.body).toBe(200);
    expect(byHand.json().case).toBeNull();
    const row = await t.db.selectFrom('reform_record').select(['case_id', 'origin']).where('id', '=', byHand.json().id).executeTakeFirstOrThrow();
    expect(row).toEqual({ case_id: null, origin: 'CAMPAIGN' });
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/reform-records/${byHand.json().id}`,
      as: 'fin.staff',
      payload: { version: byHand.json().version, title: '以案促改：改名', caseId: foreignCase },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await t.db.selectFrom('reform_record').select('case_id').where('id', '=', byHand.json().id).executeTakeFirstOrThrow()).case_id).toBeNull();
    expect(await count('reform_record')).toBe(before + 1);
    expect(await t.db.selectFrom('reform_record').select('id').where('case_id', '=', foreignCase).execute()).toEqual([{ id: foreignRecord }]);
  });

  it('the filing hook opens a record only for a case of the filer’s commission', async () => {
    const stray = await makeCase(t, { inv: [], trial: [], set: { commission_id: other.commissionId, lead_org_id: other.orgId } });
    await expect(openFor('sj.secretary', stray)).rejects.toThrow();
    expect(await t.db.selectFrom('reform_record').select('id').where('case_id', '=', stray).execute()).toEqual([]);
  });

  it('a letter’s case or record, a 问责 record’s case, of another commission, hidden or missing: the same 400 on the field, nothing written', async () => {
    const hidden = await makeCase(t, { leadOrg: 'LZ-JW-SC7', inv: [{ user: 'sc7.staff', role: 'LEAD' }], trial: [] });
    const hiddenRecord = await openFor('sj.secretary', hidden);
    const draft = (over: Record<string, unknown>) => ({
      type: 'SUPERVISION',
      origin: 'CASE',
      recipientOrgId: '',
      title: '关于门禁测试单位加强管理的监察建议书',
      background: '本委在审查调查中发现该单位存在管理漏洞。',
      facts: '制度执行不严。',
      causes: '监督制约不力。',
      legalBasis: ['《中华人民共和国监察法》第五十二条'],
      items: [{ text: '健全制度', deadline: '2027-06-30' }],
      ...over,
    });
    const bank = await orgId(t, BANK);
    const before = await count('letter');
    const missing = '00000000-0000-4000-8000-0000000000aa';
    for (const [field, ids] of [
      ['caseId', [foreignCase, hidden, missing]],
      ['recordId', [foreignRecord, hiddenRecord, missing]],
    ] as const) {
      const answers: unknown[] = [];
      for (const id of ids) {
        const res = await t.request({ method: 'POST', url: '/api/v1/letters', as: 'sc8.director', payload: draft({ recipientOrgId: bank, [field]: id }) });
        expect(res.statusCode, `${field} ${id} ${res.body}`).toBe(400);
        answers.push(res.json().details.issues);
      }
      expect(answers[0]).toEqual([{ path: field, message: expect.stringContaining('不存在或无权访问') }]);
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    }
    expect(await count('letter')).toBe(before);
    // 问责 records link a case the same way (POST and PATCH): the same answer, nothing written.
    const accountabilities = Number(
      (
        await t.db
          .selectFrom('accountability')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const made = await t.request({ method: 'POST', url: '/api/v1/accountabilities', as: 'sc8.staff', payload: ACCOUNTABILITY_BODY });
    expect(made.statusCode, made.body).toBe(200);
    const answers: unknown[] = [];
    for (const caseId of [foreignCase, hidden, missing]) {
      const post = await t.request({ method: 'POST', url: '/api/v1/accountabilities', as: 'sc8.staff', payload: { ...ACCOUNTABILITY_BODY, caseId } });
      const url = `/api/v1/accountabilities/${made.json().id}`;
      const patch = await t.request({ method: 'PATCH', url, as: 'sc8.staff', payload: { version: made.json().version, caseId } });
      expect([post.statusCode, patch.statusCode], `${caseId} ${post.body} ${patch.body}`).toEqual([400, 400]);
      answers.push([post.json().details.issues, patch.json().details.issues]);
    }
    expect(answers[0]).toEqual([[{ path: 'caseId', message: '案件不存在或无权访问' }], [{ path: 'caseId', message: '案件不存在或无权访问' }]]);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(
      Number(
        (
          await t.db
            .selectFrom('accountability')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(accountabilities + 1);
    expect((await t.db.selectFrom('accountability').select('case_id').where('id', '=', made.json().id).executeTakeFirstOrThrow()).case_id).toBeNull();
  });

  it('the database refuses a record linked to a case of another commission, however written (0095)', async () => {
    const own = await t.db.selectFrom('reform_record').select(['id', 'case_id', 'commission_id']).where('id', '=', record).executeTakeFirstOrThrow();
    const free = await makeCase(t, { inv: [], trial: [], set: { commission_id: other.commissionId, lead_org_id: other.orgId } });
    // Onto a foreign case (undecided). Were it written, the commission-wide reader's ledger would list the record through
    // the case arm (the case's facts kept on the record, 0059) while its detail, which reads the case, refuses it.
    const linked = await sql`UPDATE reform_record SET case_id = ${free}::uuid WHERE id = ${record}::uuid`.execute(t.owner).then(
      () => true,
      (e: unknown) => {
        expect(String(e)).toMatch(/another commission/);
        return false;
      },
    );
    const listed = (await ledgerIds('sj.secretary', '&exactTotal=true')).ids.includes(record);
    const opened = (await get(`/api/v1/reform-records/${record}`, 'sj.secretary')).statusCode === 200;
    expect({ linked, listed, opened }).toEqual({ linked: false, listed: true, opened: true });
    // a foreign record into this commission; a new record of this commission on a foreign case
    await expect(sql`UPDATE reform_record SET commission_id = ${own.commission_id}::uuid WHERE id = ${foreignRecord}::uuid`.execute(t.owner)).rejects.toThrow(
      /another commission/,
    );
    await expect(
      sql`INSERT INTO reform_record (commission_id, origin, case_id, title, unit_org_id, owner_org_id)
        VALUES (${own.commission_id}::uuid, 'CASE', ${free}::uuid, '外委案件的台账', ${await orgId(t, BANK)}::uuid, ${await orgId(t, BANK)}::uuid)`.execute(
        t.owner,
      ),
    ).rejects.toThrow(/another commission/);
    // the case moved to another commission under its record
    await expect(sql`UPDATE case_file SET commission_id = ${other.commissionId}::uuid WHERE id = ${kase}::uuid`.execute(t.owner)).rejects.toThrow(
      /another commission/,
    );
    expect(await t.db.selectFrom('reform_record').select(['id', 'case_id', 'commission_id']).where('id', '=', record).executeTakeFirstOrThrow()).toEqual(own);
    expect((await t.db.selectFrom('case_file').select('commission_id').where('id', '=', kase).executeTakeFirstOrThrow()).commission_id).toBe(own.commission_id);
    expect(await t.db.selectFrom('reform_record').select('id').where('case_id', '=', free).execute()).toEqual([]);
  });
});

describe('(b) a reader of one commission learns nothing of the other’s case-born records', () => {
  it('the other commission’s secretary: no record, total, keyword hit, export row, detail, write, letter, task, attachment', async () => {
    const as = other.username;
    const mine = await ledgerIds(as);
    expect(mine.ids).toEqual([foreignRecord]);
    expect(mine.total).toBe(1);
    expect((await ledgerIds(as, '&exactTotal=true')).total).toBe(1);
    for (const q of [caseNo, '门禁测试', '示例城市商业银行']) {
      const hit = await ledgerIds(as, `&q=${encodeURIComponent(q)}`);
      expect(hit.ids, q).toEqual([]);
      expect(hit.total, q).toBe(0);
    }
    const xlsx = await get('/api/v1/reform-records/export.xlsx', as);
    expect(xlsx.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(xlsx.rawPayload);
    const xml = (
      await Promise.all(
        Object.keys(zip.files)
          .filter((f) => f.endsWith('.xml'))
          .map((f) => zip.file(f)!.async('string')),
      )
    ).join('');
    expect(xml).toContain('外委'); // the other commission's own record is exported: the file is read
    expect(xml).not.toContain('门禁测试');
    expect(xml).not.toContain(caseNo);
    expect((await get(`/api/v1/reform-records/${record}`, as)).statusCode).toBe(404);
    const v = (await t.db.selectFrom('reform_record').select('version').where('id', '=', record).executeTakeFirstOrThrow()).version;
    const writes = [
      t.request({ method: 'PATCH', url: `/api/v1/reform-records/${record}`, as, payload: { version: v, title: '外委改名' } }),
      t.request({
        method: 'POST',
        url: `/api/v1/reform-records/${record}/problems`,
        as,
        payload: { description: '外委问题', category: 'POWER_CONCENTRATION' },
      }),
    ];
    for (const res of await Promise.all(writes)) expect(res.statusCode, res.body).toBe(404);
    expect((await t.db.selectFrom('reform_record').select('title').where('id', '=', record).executeTakeFirstOrThrow()).title).toBe(
      '以案促改：本委门禁测试台账',
    );
    expect((await t.db.selectFrom('reform_problem').select('id').where('record_id', '=', record).execute()).length).toBe(0);
    const letters = await get('/api/v1/letters?pageSize=100&exactTotal=true', as);
    expect(letters.json()).toMatchObject({ items: [], total: 0 });
    expect((await get(`/api/v1/letters/${letter}`, as)).statusCode).toBe(404);
    const tasks = await get('/api/v1/rectification-tasks?pageSize=100', as);
    expect(tasks.json().items.map((x: { id: string }) => x.id)).not.toContain(task);
    expect(tasks.json().total).toBe(0);
    expect((await get(`/api/v1/rectification-tasks/${task}`, as)).statusCode).toBe(404);
    // The record's attachment: listed to its commission's reader, to the other one neither by the record nor among all
    // (the same empty answer as for a record that does not exist), nor opened.
    const mp = multipart({ ownerType: 'reform_record', ownerId: record }, { filename: '门禁测试材料.pdf', content: PDF });
    const up = await t.request({ method: 'POST', url: '/api/v1/attachments', as: 'sj.secretary', payload: mp.payload, headers: mp.headers });
    expect(up.statusCode, up.body).toBe(201);
    const byRecord = await get(`/api/v1/attachments?ownerType=reform_record&ownerId=${record}`, as);
    const byNothing = await get('/api/v1/attachments?ownerType=reform_record&ownerId=00000000-0000-4000-8000-0000000000bb', as);
    expect([byRecord.statusCode, byRecord.json().items]).toEqual([byNothing.statusCode, byNothing.json().items]);
    expect((await get('/api/v1/attachments?ownerType=reform_record', as)).body).not.toContain(up.json().id);
    expect((await get(`/api/v1/attachments/${up.json().id}`, as)).statusCode).toBe(404);
    expect((await get(`/api/v1/attachments/${up.json().id}/content`, as)).statusCode).toBe(404);
    expect((await get(`/api/v1/attachments?ownerType=reform_record&ownerId=${record}`, 'sj.secretary')).body).toContain(up.json().id);
    // The other commission's record: its detail shows its own case, and no letter or task of this commission's case.
    const detail = await get(`/api/v1/reform-records/${foreignRecord}`, as);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ case: { id: foreignCase }, letters: [], tasks: [], letterCount: 0, taskCount: 0 });
    expect(detail.body).not.toContain('门禁测试整改任务');
  });

  it('the other commission’s cockpit counts none of this commission’s letters or tasks; its inbox is empty', async () => {
    const as = other.username;
    const cockpit = await get('/api/v1/cockpit?year=2026', as);
    expect(cockpit.statusCode, cockpit.body).toBe(200);
    const c = cockpit.json();
    // Its own three cases count (the figures are read); no letter or task of this commission does.
    expect(c.total.casesFiled.value).toBe(3);
    for (const [metric, cell] of Object.entries(c.total as Record<string, { value: number | null }>)) {
      if (/^(letters|tasks)/.test(metric)) expect(cell.value ?? 0, metric).toBe(0);
    }
    expect(c.series.find((s: { key: string }) => s.key === 'lettersIssued').values.every((x: number) => x === 0)).toBe(true);
    const inbox = await get('/api/v1/inbox?limit=200', as);
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).not.toContain(record);
    expect(inbox.body).not.toContain(letter);
    expect(inbox.body).not.toContain(task);
  });

  it('this commission’s readers — the book, an office, the stationed group, a county, a 分管领导 — never see the other’s record; nor the group its own record’s case', async () => {
    for (const as of ['sj.secretary', 'sc8.staff', 'fin.group', 'xq.county', 'fsj2.deputy', 'dfzf.staff']) {
      const all = await ledgerIds(as, '&exactTotal=true');
      expect(all.ids, as).not.toContain(foreignRecord);
      expect(all.body, as).not.toContain('外委门禁测试案件');
      expect((await get(`/api/v1/reform-records/${foreignRecord}`, as)).statusCode, as).toBe(404);
      const walked = await sql<{
        id: string;
      }>`SELECT r.id FROM reform_record r WHERE ${reformWalkVisible(await actorOf(t.db, await userId(t, as)), 'r')}`.execute(t.db);
      expect(
        walked.rows.map((r) => r.id),
        as,
      ).not.toContain(foreignRecord);
    }
    // The gate is open on this commission's own decided record for its stationed group (the unit's), which does not see
    // the case: neither its number, title nor id shows, and the case's number finds nothing (no search oracle).
    expect((await ledgerIds('fin.group')).ids).toContain(record);
    const own = await get(`/api/v1/reform-records/${record}`, 'fin.group');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().case).toBeNull();
    expect(own.body).not.toContain(kase);
    expect(own.body).not.toContain(caseNo);
    expect((await ledgerIds('fin.group', `&q=${encodeURIComponent(caseNo)}`)).ids).toEqual([]);
    expect((await ledgerIds('sj.secretary', `&q=${encodeURIComponent(caseNo)}`)).ids).toEqual([record]);
  });
});

describe('(b) the gate of the decided case reads a case of the reader’s commission only', () => {
  it('a 问责 record linked (not through the API) to another commission’s decided case opens to none of this commission', async () => {
    const made = await t.request({
      method: 'POST',
      url: '/api/v1/accountabilities',
      as: 'sc8.staff',
      payload: { ...ACCOUNTABILITY_BODY, targetName: '门禁测试对象' },
    });
    expect(made.statusCode, made.body).toBe(200);
    const id = made.json().id as string;
    const sees = async (as: string) => {
      const list = await get('/api/v1/accountabilities?pageSize=100', as);
      const detail = await get(`/api/v1/accountabilities/${id}`, as);
      expect(
        list.json().items.some((a: { id: string }) => a.id === id),
        `${as} list = detail`,
      ).toBe(detail.statusCode === 200);
      return detail.statusCode === 200;
    };
    // This commission's decided case: the owner office (off the case's team) runs it from the decision on.
    await t.db.updateTable('accountability').set({ case_id: kase }).where('id', '=', id).execute();
    expect(await sees('sc8.director')).toBe(true);
    // The other commission's decided case: no gate opens (deny by default), for the office nor the book.
    await t.db.updateTable('accountability').set({ case_id: foreignCase }).where('id', '=', id).execute();
    expect(await sees('sc8.director')).toBe(false);
    expect(await sees('sj.secretary')).toBe(false);
  });
});

describe('(c) the case moved, decided or reclassified after the record was opened: who sees the record follows', () => {
  it('lead org (指定管辖), decision and classification: ledger, walk and detail agree at each step', async () => {
    const moved = await makeCase(t, {
      leadOrg: 'LZ-XQ',
      inv: [],
      trial: [],
      set: { subject_org_id: await orgId(t, BANK), classification: 'PUBLIC' },
    });
    const rec = await openFor('sj.secretary', moved);
    // fin.group reads with the clearance 公开 only, so that the case's classification can rise above it.
    await t.db.updateTable('app_user').set({ clearance: 'PUBLIC' }).where('username', '=', 'fin.group').execute();
    const readers = ['xq.county', 'yd.county', 'fin.group'];
    const seen = async () => {
      const out: Record<string, boolean> = {};
      for (const as of readers) {
        const inLedger = (await ledgerIds(as)).ids.includes(rec);
        const exact = (await ledgerIds(as, '&exactTotal=true')).ids.includes(rec);
        const actor = await actorOf(t.db, await userId(t, as));
        const walked = (
          await sql<{ id: string }>`SELECT r.id FROM reform_record r WHERE r.id = ${rec}::uuid AND ${reformWalkVisible(actor, 'r')}`.execute(t.db)
        ).rows.length;
        const detail = (await get(`/api/v1/reform-records/${rec}`, as)).statusCode;
        expect([exact, walked === 1, detail === 200], `${as}: ledger ${inLedger}, exact ${exact}, walk ${walked}, detail ${detail}`).toEqual([
          inLedger,
          inLedger,
          inLedger,
        ]);
        out[as] = inLedger;
      }
      return out;
    };
    // Filed, led by 新区: the lead county sees it through the case; the stationed group not yet.
    expect(await seen()).toEqual({ 'xq.county': true, 'yd.county': false, 'fin.group': false });
    await t.db
      .updateTable('case_file')
      .set({ lead_org_id: await orgId(t, 'LZ-YD') })
      .where('id', '=', moved)
      .execute();
    expect(await seen()).toEqual({ 'xq.county': false, 'yd.county': true, 'fin.group': false });
    await t.db.updateTable('case_file').set({ state: 'DECIDED' }).where('id', '=', moved).execute();
    expect(await seen()).toEqual({ 'xq.county': true, 'yd.county': true, 'fin.group': true });
    await t.db.updateTable('case_file').set({ classification: 'WORK_SECRET' }).where('id', '=', moved).execute();
    expect(await seen()).toEqual({ 'xq.county': true, 'yd.county': true, 'fin.group': false });
    const facts = await t.db
      .selectFrom('reform_record')
      .select(['case_lead_org_id', 'case_decided', 'case_classification'])
      .where('id', '=', rec)
      .executeTakeFirstOrThrow();
    expect(facts).toEqual({ case_lead_org_id: await orgId(t, 'LZ-YD'), case_decided: true, case_classification: 'WORK_SECRET' });
  });
});
