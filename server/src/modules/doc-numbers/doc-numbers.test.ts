import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, createOtherCommission } from '../../../test/fixtures';
import { allocateDocNumber } from '../../platform/numbering';

let t: TestApp;
let commissionId: string;
beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await t.db.selectFrom('commission').select('id').where('code', '=', 'LZ').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const allocate = (docCode: string, year: number) =>
  t.db.transaction().execute((trx) => allocateDocNumber(trx, { commissionId, docCode, year, objectType: 'test' }));

describe('allocateDocNumber (gap-free 代字〔年〕N号)', () => {
  it('gives 100 concurrent transactions the distinct consecutive numbers 1..100', async () => {
    const pool = t.handle.pool;
    expect(pool.options.max).toBeGreaterThanOrEqual(10);
    const results = await Promise.all(Array.from({ length: 100 }, () => allocate('兰纪并发', 2031)));
    const numbers = results.map((r) => r.no).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.text)).size).toBe(100);
    expect(results.find((r) => r.no === 7)!.text).toBe('兰纪并发〔2031〕7号');
    const stored = await t.db.selectFrom('doc_number').select('no').where('doc_code', '=', '兰纪并发').where('year', '=', 2031).execute();
    expect(stored).toHaveLength(100);
  });

  it('releases the number of a rolled-back transaction, leaving no gap', async () => {
    expect((await allocate('兰纪回滚', 2031)).no).toBe(1);
    const failed = t.db.transaction().execute(async (trx) => {
      const n = await allocateDocNumber(trx, { commissionId, docCode: '兰纪回滚', year: 2031, objectType: 'test' });
      expect(n.no).toBe(2);
      throw new Error('issuing failed after the number was taken');
    });
    await expect(failed).rejects.toThrow('issuing failed');
    expect((await allocate('兰纪回滚', 2031)).no).toBe(2);
    expect((await allocate('兰纪回滚', 2032)).no).toBe(1);
    const rows = await t.db.selectFrom('doc_number').select('no').where('doc_code', '=', '兰纪回滚').where('year', '=', 2031).orderBy('no').execute();
    expect(rows.map((r) => r.no)).toEqual([1, 2]);
  });
});

describe('doc-number routes', () => {
  it('allocates under a 代字 of the commission, audits it and lists it in the register', async () => {
    const events = await auditCount(t.db, 'docnumber.allocated');
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/doc-numbers',
      as: 'jc3.director',
      payload: { docCode: '兰纪', year: 2030, purpose: '关于某专项检查情况的通报' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ no: 1, text: '兰纪〔2030〕1号' });
    const second = await t.request({
      method: 'POST',
      url: '/api/v1/doc-numbers',
      as: 'ag.manager1',
      payload: { docCode: '兰纪', year: 2030, purpose: '第二份' },
    });
    expect(second.json().text).toBe('兰纪〔2030〕2号');
    expect(await auditCount(t.db, 'docnumber.allocated')).toBe(events + 2);
    const list = await t.request({ method: 'GET', url: '/api/v1/doc-numbers?docCode=兰纪&year=2030', as: 'sj.secretary' });
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.items.map((i: { no: number }) => i.no)).toEqual([2, 1]);
    expect(body.items[1]).toMatchObject({ purpose: '关于某专项检查情况的通报', allocatedByName: '桑恪之', objectType: 'manual' });
    expect(body.docCodes).toContain('兰纪驻教');
    expect(body.abilities.allocate).toBe(true);
  });

  it('shows the system administrator the state of each sequence, without case numbers, purposes or objects (三员)', async () => {
    await t.request({
      method: 'POST',
      url: '/api/v1/doc-numbers',
      as: 'sj.secretary',
      payload: { docCode: '兰纪', year: 2031, purpose: '关于某某同志问题的通报' },
    });
    const register = await t.request({ method: 'GET', url: '/api/v1/doc-numbers', as: 'sysadmin' });
    expect(register.statusCode).toBe(403);
    const res = await t.request({ method: 'GET', url: '/api/v1/doc-numbers/sequences', as: 'sysadmin' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toContainEqual(expect.objectContaining({ docCode: '兰纪', year: 2031, count: 1, lastNo: 1 }));
    const raw = res.body;
    const purposes = await t.db.selectFrom('doc_number').select(['purpose', 'text', 'object_id']).execute();
    for (const p of purposes) {
      if (p.purpose) expect(raw).not.toContain(p.purpose);
      expect(raw).not.toContain(p.text);
      if (p.object_id) expect(raw).not.toContain(p.object_id);
    }
  });

  it('refuses a 代字 that no org of the commission uses (422), also another commission’s', async () => {
    const other = await createOtherCommission(t.db);
    const otherCode = (await t.db.selectFrom('org').select('doc_code').where('id', '=', other.orgId).executeTakeFirstOrThrow()).doc_code!;
    for (const docCode of ['兰纪虚构', otherCode]) {
      const res = await t.request({ method: 'POST', url: '/api/v1/doc-numbers', as: 'sj.secretary', payload: { docCode, year: 2030, purpose: '测试' } });
      expect(res.statusCode).toBe(422);
      expect(res.json().message).toContain('机关代字');
    }
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/doc-numbers',
      as: 'sj.secretary',
      payload: { docCode: '兰纪〔', year: 2030, purpose: '测试' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('is refused to roles that do not issue documents', async () => {
    expect(
      (await t.request({ method: 'POST', url: '/api/v1/doc-numbers', as: 'sysadmin', payload: { docCode: '兰纪', year: 2030, purpose: '测试' } })).statusCode,
    ).toBe(403);
    expect(
      (await t.request({ method: 'POST', url: '/api/v1/doc-numbers', as: 'edu.group', payload: { docCode: '兰纪', year: 2030, purpose: '测试' } })).statusCode,
    ).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/doc-numbers', as: 'auditadmin' })).statusCode).toBe(403);
  });
});
