/**
 * Excel of the 专项整治台账 (the register's rows and visibility, the participants' 分工 on a second sheet,
 * the watermark, an audit row) and the 依据文件 attached to a campaign (visible exactly where it is).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, multipart } from '../../../test/fixtures';
import { req } from './test-helpers';

let t: TestApp;
let catering: string;
beforeAll(async () => {
  t = await createTestApp();
  catering = (await t.db.selectFrom('campaign').select('id').where('domain', '=', 'SCHOOL_CATERING').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

async function workbook(url: string, as: string): Promise<ExcelJS.Workbook> {
  const res = await req(t, 'GET', url, as);
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: string[][] = [];
  ws.eachRow((row, n) => {
    if (n > 2) out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
};

describe('Excel of the register', () => {
  it('lists the campaigns the caller sees with lead office, participants by kind, phase and approval; audited', async () => {
    const before = await auditCount(t.db, 'campaign.exported');
    const wb = await workbook('/api/v1/campaigns/export.xlsx', 'sj.secretary');
    const [register, divisions] = wb.worksheets;
    expect(register!.name).toBe('专项整治台账');
    expect(String(register!.getCell('A1').value)).toContain('导出人');
    const rows = rowsOf(register!);
    expect(rows).toHaveLength(2);
    const c = rows.find((r) => r[1] === '校园餐突出问题专项整治')!;
    expect(c.slice(2, 7)).toEqual(['2026', '校园餐', '党风政风监督室', '第六监督检查室', expect.stringContaining('驻市教育局纪检监察组')]);
    expect(c[9]).toBe('抽查检查');
    expect(c[10]).toContain('书记审批');
    const g = rows.find((r) => r[1] === '粮食购销领域腐败问题专项整治')!;
    expect(g[10]).toContain('市纪委常委会2026年第5次会议');
    expect(divisions!.name).toBe('参与单位与分工');
    expect(rowsOf(divisions!)).toContainEqual(['1', '校园餐突出问题专项整治', '监督检查室', '第六监督检查室', '会同专班开展联合抽查，督促问题整改']);
    expect(await auditCount(t.db, 'campaign.exported')).toBe(before + 1);
  });

  it('follows the caller’s scope and filters: 第一监督检查室 exports only the grain campaign', async () => {
    const rows = rowsOf((await workbook('/api/v1/campaigns/export.xlsx', 'jc1.staff')).worksheets[0]!);
    expect(rows.map((r) => r[1])).toEqual(['粮食购销领域腐败问题专项整治']);
    const none = rowsOf((await workbook('/api/v1/campaigns/export.xlsx?domain=FINANCE', 'sj.secretary')).worksheets[0]!);
    expect(none).toEqual([]);
  });
});

describe('依据文件', () => {
  const PDF = Buffer.from('%PDF-1.7\n% 依据文件\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
  const upload = (as: string) => {
    const mp = multipart({ ownerType: 'campaign', ownerId: catering }, { filename: '实施方案.pdf', content: PDF });
    return t.request({ method: 'POST', url: '/api/v1/attachments', as, payload: mp.payload, headers: mp.headers });
  };

  it('the lead office attaches a basis document; participants see it, outsiders neither see nor attach', async () => {
    const up = await upload('dfzf.staff');
    expect(up.statusCode, up.body).toBe(201);
    const list = async (as: string) =>
      (await req(t, 'GET', `/api/v1/attachments?ownerType=campaign&ownerId=${catering}`, as)).json().items.map((i: { id: string }) => i.id);
    expect(await list('jc6.staff')).toContain(up.json().id);
    expect(await list('jc2.staff')).toEqual([]);
    expect((await req(t, 'GET', `/api/v1/attachments/${up.json().id}/content`, 'jc2.staff')).statusCode).toBe(404);
    expect((await upload('jc2.staff')).statusCode).toBe(404);
  });
});
