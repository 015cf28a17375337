/**
 * 问责 records (问责条例): the method must be allowed for the target (400 on `method`, zh-CN), the
 * 组织调整 procedure is due one month after the decision, links must be visible, PATCH with version,
 * counts by method and target, the Excel export.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { makeCase } from '../cases/fixtures';
import { ACCOUNTABILITY_BODY, BANK, EDU, makeTask, orgId } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (as: string, payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/accountabilities', as, payload });

describe('POST /accountabilities', () => {
  it('refuses a method not allowed for the target, with a zh-CN message on `method`', async () => {
    for (const [targetKind, method] of [
      ['PARTY_ORG', 'ADMONITION'],
      ['PARTY_ORG', 'DISCIPLINARY'],
      ['LEADER', 'REORGANISATION'],
      ['LEADER', 'INSPECTION'],
    ]) {
      const res = await post('fin.staff', { ...ACCOUNTABILITY_BODY, targetKind, method });
      expect(res.statusCode, `${targetKind} ${method}`).toBe(400);
      const issue = res.json().details.issues.find((i: { path: string }) => i.path === 'method');
      expect(issue.message).toMatch(/不能采取/);
    }
    for (const [targetKind, method] of [
      ['PARTY_ORG', 'REORGANISATION'],
      ['PARTY_ORG', 'BULLETIN'],
      ['LEADER', 'DISCIPLINARY'],
    ]) {
      expect((await post('fin.staff', { ...ACCOUNTABILITY_BODY, targetKind, method })).statusCode, `${targetKind} ${method}`).toBe(200);
    }
  });

  it('组织调整或组织处理: procedure due one month after the decision; links must be visible', async () => {
    const res = await post('fin.staff', { ...ACCOUNTABILITY_BODY, method: 'ORG_ADJUSTMENT', decidedOn: '2026-01-31', targetOrgId: await orgId(t, BANK) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ procedureDue: '2026-02-28', targetOrg: { name: '示例城市商业银行' }, abilities: { update: true } });

    const foreignTask = await makeTask(t, { unit: EDU, supervisor: 'edu.staff' });
    const hidden = await post('fin.staff', { ...ACCOUNTABILITY_BODY, rectificationTaskId: foreignTask });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().details.issues[0].path).toBe('rectificationTaskId');
    const ownTask = await makeTask(t);
    const linked = await post('fin.staff', { ...ACCOUNTABILITY_BODY, rectificationTaskId: ownTask });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().rectificationTask.id).toBe(ownTask);

    const caseId = await makeCase(t, { inv: [{ user: 'sc8.staff', role: 'LEAD' }], trial: [] });
    expect((await post('edu.staff', { ...ACCOUNTABILITY_BODY, caseId })).statusCode).toBe(400);
    const withCase = await post('sc8.staff', { ...ACCOUNTABILITY_BODY, caseId });
    expect(withCase.statusCode, withCase.body).toBe(200);
    expect(withCase.json().case.id).toBe(caseId);
    expect((await post('bank.liaison', ACCOUNTABILITY_BODY)).statusCode).toBe(403);
  });
});

describe('PATCH, stats, export', () => {
  it('PATCH with version checks the method rule on the result; stale → 409; not owner → 403', async () => {
    const a = (await post('fin.staff', { ...ACCOUNTABILITY_BODY, targetName: '修改测试对象' })).json();
    const url = `/api/v1/accountabilities/${a.id}`;
    const bad = await t.request({ method: 'PATCH', url, as: 'fin.staff', payload: { version: a.version, targetKind: 'PARTY_ORG' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].path).toBe('method');
    const ok = await t.request({ method: 'PATCH', url, as: 'fin.staff', payload: { version: a.version, method: 'ORG_ADJUSTMENT', decidedOn: '2026-04-15' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ method: 'ORG_ADJUSTMENT', procedureDue: '2026-05-15', version: a.version + 1 });
    expect((await t.request({ method: 'PATCH', url, as: 'fin.staff', payload: { version: a.version, facts: '演示' } })).statusCode).toBe(409);
    expect((await t.request({ method: 'PATCH', url, as: 'sj.secretary', payload: { version: a.version + 1, facts: '演示数据' } })).statusCode).toBe(200);
    expect((await t.request({ method: 'PATCH', url, as: 'edu.staff', payload: { version: a.version + 2, facts: 'x' } })).statusCode).toBe(404);
    const audits = await t.db.selectFrom('audit_event').select('type').where('object_id', '=', a.id).execute();
    expect(audits.map((x) => x.type)).toEqual(['accountability.recorded', 'accountability.updated', 'accountability.updated']);
  });

  it('counts by method and target over what the caller sees; exports the ledger', async () => {
    const before = (await t.request({ method: 'GET', url: '/api/v1/accountabilities/stats?year=2026', as: 'sj.secretary' })).json();
    await post('fin.staff', { ...ACCOUNTABILITY_BODY, targetKind: 'PARTY_ORG', method: 'BULLETIN', targetName: '统计测试党组织' });
    const after = (await t.request({ method: 'GET', url: '/api/v1/accountabilities/stats?year=2026', as: 'sj.secretary' })).json();
    expect(after.total).toBe(before.total + 1);
    expect(after.byMethod.BULLETIN).toBe(before.byMethod.BULLETIN + 1);
    expect(after.byTarget.PARTY_ORG).toBe(before.byTarget.PARTY_ORG + 1);
    expect(after.byTargetMethod).toEqual(expect.arrayContaining([expect.objectContaining({ targetKind: 'PARTY_ORG', method: 'BULLETIN' })]));

    const list = (await t.request({ method: 'GET', url: `/api/v1/accountabilities?q=${encodeURIComponent('统计测试')}`, as: 'fin.staff' })).json();
    expect(list.total).toBe(1);
    const res = await t.request({ method: 'GET', url: `/api/v1/accountabilities/export.xlsx?q=${encodeURIComponent('统计测试')}`, as: 'fin.staff' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0]!.getCell('A1').value)).toContain('导出人');
    expect(wb.worksheets[0]!.rowCount).toBe(3);
  });
});
