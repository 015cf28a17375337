/** Who sees which letter: the unit liaison's isolation (letters, clues, cases), the ledger with reply status, its Excel. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../orgs/test-helpers';
import { BANK, EDU, JC3, orgId, seedLetter } from './test-helpers';

let t: TestApp;
let bank: string;
let edu: string;
const L: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  bank = await orgId(t, BANK);
  edu = await orgId(t, EDU);
  L.bankDraft = (await seedLetter(t, { state: 'UNDER_REVIEW', title: '致银行的审核中建议书' })).id;
  L.bankApproved = (await seedLetter(t, { state: 'APPROVED', title: '致银行的已审批建议书' })).id;
  L.bankIssued = (await seedLetter(t, { state: 'ISSUED', title: '致银行的已印发建议书' })).id;
  L.bankServed = (await seedLetter(t, { state: 'SERVED', title: '致银行的已送达建议书' })).id;
  L.eduServed = (await seedLetter(t, { state: 'SERVED', recipientOrg: EDU, drafter: 'jc3.staff', draftingOrg: JC3, title: '致教育局的已送达建议书' })).id;
  L.bankReplied = (await seedLetter(t, { state: 'REPLIED', title: '致银行的已回复建议书' })).id;
  await t.db.updateTable('letter').set({ replied_on: '2026-03-20', reply: '已整改' }).where('id', '=', L.bankReplied!).execute();
});
afterAll(() => t.close());

const get = (url: string, as: string) => t.request({ method: 'GET', url, as });

describe('unit liaison isolation', () => {
  it("bank.liaison lists only the bank's issued letters", async () => {
    const res = await get('/api/v1/letters?pageSize=100', 'bank.liaison');
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([L.bankIssued, L.bankServed, L.bankReplied]));
    expect(ids).not.toContain(L.bankDraft);
    expect(ids).not.toContain(L.bankApproved);
    expect(ids).not.toContain(L.eduServed);
    for (const i of res.json().items) {
      expect(i.recipientOrgId).toBe(bank);
      expect(['DRAFTING', 'CONSULTING', 'UNDER_REVIEW', 'APPROVED', 'WITHDRAWN']).not.toContain(i.state);
    }
    const edus = (await get('/api/v1/letters?pageSize=100', 'edu.liaison')).json().items;
    expect(edus.map((i: { id: string }) => i.id)).toContain(L.eduServed);
    for (const i of edus) expect(i.recipientOrgId).toBe(edu);
  });

  it('404 for a draft to the bank, an unissued approved letter, another unit’s letter, and their documents', async () => {
    for (const id of [L.bankDraft, L.bankApproved, L.eduServed]) {
      expect((await get(`/api/v1/letters/${id}`, 'bank.liaison')).statusCode, id).toBe(404);
      expect((await get(`/api/v1/letters/${id}/document.docx`, 'bank.liaison')).statusCode, id).toBe(404);
      const act = await t.request({
        method: 'POST',
        url: `/api/v1/letters/${id}/actions`,
        payload: { action: 'adopt', version: 1 },
        as: 'bank.liaison',
      });
      expect(act.statusCode).toBe(404);
    }
    expect((await get(`/api/v1/letters/${L.bankServed}`, 'bank.liaison')).statusCode).toBe(200);
    expect((await get(`/api/v1/letters/${L.bankServed}/document.docx`, 'bank.liaison')).statusCode).toBe(200);
    expect((await get(`/api/v1/letters/${L.eduServed}`, 'edu.liaison')).statusCode).toBe(200);
  });

  it('404 on every demo clue and case, 403 on their collections', async () => {
    const clues = await t.db.selectFrom('clue').select('id').execute();
    const cases = await t.db.selectFrom('case_file').select('id').execute();
    expect(clues.length).toBeGreaterThan(0);
    expect(cases.length).toBeGreaterThan(0);
    for (const as of ['bank.liaison', 'edu.liaison']) {
      for (const c of clues) expect((await get(`/api/v1/clues/${c.id}`, as)).statusCode).toBe(404);
      for (const c of cases) expect((await get(`/api/v1/cases/${c.id}`, as)).statusCode).toBe(404);
      expect((await get('/api/v1/clues', as)).statusCode).toBe(403);
      expect((await get('/api/v1/cases', as)).statusCode).toBe(403);
    }
  });

  it('an office outside the drafting org and the recipient does not see the letter', async () => {
    expect((await get(`/api/v1/letters/${L.bankServed}`, 'jc1.staff')).statusCode).toBe(404);
    const ids = (await get('/api/v1/letters?pageSize=100', 'jc1.staff')).json().items.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(L.bankServed);
  });
});

describe('ledger', () => {
  it('shows the reply status and filters overdue replies, state, recipient and text', async () => {
    const all = (await get('/api/v1/letters?pageSize=100', 'sc8.director')).json();
    const byId = new Map(all.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(L.bankServed)).toMatchObject({ replyDue: '2026-04-02', replied: false, replyOverdue: true, replyStatus: 'OVERDUE' });
    expect(byId.get(L.bankReplied)).toMatchObject({ replied: true, replyOverdue: false, replyStatus: 'REPLIED' });
    expect(byId.get(L.bankDraft)).toMatchObject({ replyDue: null, replyStatus: 'NOT_DUE', docNo: null });
    const overdue = (await get('/api/v1/letters?overdueReply=true&pageSize=100', 'sc8.director')).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(L.bankServed);
    for (const i of overdue.items) expect(i.replyOverdue).toBe(true);
    const states = (await get('/api/v1/letters?state=SERVED,ISSUED&pageSize=100', 'sc8.director')).json();
    for (const i of states.items) expect(['SERVED', 'ISSUED']).toContain(i.state);
    const q = (await get(`/api/v1/letters?q=${encodeURIComponent('已回复建议书')}`, 'sc8.director')).json();
    expect(q.items.map((i: { id: string }) => i.id)).toEqual([L.bankReplied]);
    const paged = (await get('/api/v1/letters?pageSize=2&page=2', 'sj.secretary')).json();
    expect(paged.items.length).toBeLessThanOrEqual(2);
    expect(paged.total).toBeGreaterThanOrEqual(6);
    const byRecipient = (await get(`/api/v1/letters?recipientOrgId=${edu}&pageSize=100`, 'sj.secretary')).json();
    for (const i of byRecipient.items) expect(i.recipientOrgId).toBe(edu);
    expect((await get('/api/v1/letters?state=NOPE', 'sc8.director')).statusCode).toBe(400);
  });

  it('exports the ledger as Excel, audited', async () => {
    const before = await auditCount(t, 'letter.exported');
    const res = await get('/api/v1/letters/export.xlsx?overdueReply=true', 'sc8.director');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(await auditCount(t, 'letter.exported')).toBe(before + 1);
    expect((await get('/api/v1/letters/export.xlsx', 'bank.liaison')).statusCode).toBe(200);
    expect((await get('/api/v1/letters/export.xlsx', 'xf.officer1')).statusCode).toBe(403);
  });
});
