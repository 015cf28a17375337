/** Excel of the 以案促改台账 and the 通报 list: the ledger's rows and visibility, the watermark line, an audit row. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount } from '../../../test/fixtures';
import { createTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function sheet(url: string, as: string) {
  const res = await t.request({ method: 'GET', url, as });
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

describe('ledger exports of 以案促改', () => {
  it('exports the reform records the caller sees, with the watermark, and audits it', async () => {
    const list = (await t.request({ method: 'GET', url: '/api/v1/reform-records?pageSize=100', as: 'sj.secretary' })).json();
    expect(list.total).toBeGreaterThan(0);
    const before = await auditCount(t.db, 'reform.exported');
    const ws = await sheet('/api/v1/reform-records/export.xlsx', 'sj.secretary');
    expect(String(ws.getCell('A1').value)).toContain('导出人');
    // row 1 watermark, row 2 header, then one row per record
    expect(ws.rowCount).toBe(2 + list.total);
    const titles = new Set<string>();
    ws.eachRow((row, n) => {
      if (n > 2) titles.add(String(row.getCell(2).value));
    });
    for (const r of list.items as { title: string }[]) expect(titles.has(r.title)).toBe(true);
    expect(await auditCount(t.db, 'reform.exported')).toBe(before + 1);
  });

  it('the unit contact cannot export reform records', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/reform-records/export.xlsx', as: 'bank.liaison' })).statusCode).toBe(403);
  });

  it('exports the bulletins list with its 文号', async () => {
    const before = await auditCount(t.db, 'bulletin.exported');
    const ws = await sheet('/api/v1/bulletins/export.xlsx', 'sj.secretary');
    expect(String(ws.getCell('A1').value)).toContain('导出人');
    const docNos: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 2) docNos.push(String(row.getCell(2).value));
    });
    expect(docNos.some((d) => /^兰纪通〔2026〕\d+号$/.test(d))).toBe(true);
    expect(await auditCount(t.db, 'bulletin.exported')).toBe(before + 1);
  });
});
