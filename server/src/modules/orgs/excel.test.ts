/** Excel export (watermark, audit), round trip, all-or-nothing import with row-level errors, bad uploads. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, multipart } from './test-helpers';

let t: TestApp;
let exported: Buffer;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async (table: 'org' | 'liaison' | 'dispatch_coverage') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function upload(content: Buffer, dryRun: boolean, as = 'sysadmin') {
  const { payload, headers } = multipart(content);
  return t.request({ method: 'POST', url: `/api/v1/orgs/import?dryRun=${dryRun}`, payload, headers, as });
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

async function edited(fn: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = await load(exported);
  fn(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An org row in sheet column order (编码 名称 简称 类型 内设机构类别 序号 上级编码 行政区划代码 机关代字 排序 生效日期 失效日期). */
const orgRow = (code: string, name: string, kind: string, parent: string | null = null, officeKind: string | null = null) => [
  code,
  name,
  name,
  kind,
  officeKind,
  null,
  parent,
  null,
  null,
  900,
  '2026-01-01',
  null,
];

describe('GET /orgs/export.xlsx', () => {
  it('exports every sheet with a 导出人/时间 line and audits the export', async () => {
    const before = await auditCount(t, 'org.exported');
    const res = await t.request({ method: 'GET', url: '/api/v1/orgs/export.xlsx', as: 'sysadmin' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    exported = res.rawPayload;
    const wb = await load(exported);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['组织机构', '委领导', '分管', '联系', '派驻', '片区', '片区成员']);
    for (const ws of wb.worksheets) {
      const line = String(ws.getRow(1).getCell(1).value);
      expect(line).toContain('导出人：蒲启明（sysadmin）');
      expect(line).toMatch(/导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    }
    const orgs = wb.getWorksheet('组织机构')!;
    expect(orgs.getRow(2).values).toEqual(expect.arrayContaining(['编码*', '名称*', '类型*', '上级编码']));
    expect(orgs.rowCount - 2).toBe(await count('org'));
    expect(wb.getWorksheet('联系')!.rowCount - 2).toBe(await count('liaison'));
    const jc3 = orgs.getRows(3, orgs.rowCount - 2)!.find((r) => r.getCell(1).value === 'LZ-JW-JC3')!;
    expect(jc3.getCell(4).value).toBe('内设机构');
    expect(jc3.getCell(5).value).toBe('监督检查室');
    expect(await auditCount(t, 'org.exported')).toBe(before + 1);
  });

  it('exports only the scope of a business user', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/orgs/export.xlsx', as: 'edu.group' });
    const wb = await load(res.rawPayload);
    expect(wb.getWorksheet('组织机构')!.rowCount - 2).toBe(3);
    expect(wb.getWorksheet('派驻')!.rowCount - 2).toBe(2);
  });
});

describe('POST /orgs/import', () => {
  it('re-imports its own export without creating or changing anything', async () => {
    const orgs = await count('org');
    const res = await upload(exported, false);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, created: 0, updated: 0, dryRun: false });
    expect(res.json().unchanged).toBeGreaterThan(orgs);
    expect(await count('org')).toBe(orgs);
  });

  it('refuses the whole file when one row is bad, naming the row, and writes nothing', async () => {
    const file = await edited((wb) => {
      const ws = wb.getWorksheet('组织机构')!;
      ws.addRow(orgRow('LZ-HU-NEW1', '新单位一', '驻在（综合监督）单位'));
      ws.addRow(orgRow('LZ-HU-NEW2', '新单位二', '不存在的类型'));
      ws.addRow(orgRow('LZ-HU-NEW3', '新单位三', 'HOST_UNIT', 'LZ-HU-NOWHERE'));
      const jc1 = ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(1).value === 'LZ-JW-JC1')!;
      jc1.getCell(2).value = '第一监督检查室（改名）';
    });
    const badRow = (await load(file)).getWorksheet('组织机构')!.rowCount - 1;
    const [orgs, events] = [await count('org'), await auditCount(t, 'org.updated')];
    const res = await upload(file, false);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('BUSINESS_RULE');
    expect(body.details.errors).toEqual([
      { sheet: '组织机构', row: badRow, column: '类型', message: '无法识别的类型“不存在的类型”' },
      { sheet: '组织机构', row: badRow + 1, column: '上级编码', message: expect.stringContaining('LZ-HU-NOWHERE') },
    ]);
    expect(body.message).toContain(`第${badRow}行`);
    expect(await count('org')).toBe(orgs);
    expect(await auditCount(t, 'org.updated')).toBe(events);
    const jc1 = await t.db.selectFrom('org').select('name_zh').where('code', '=', 'LZ-JW-JC1').executeTakeFirstOrThrow();
    expect(jc1.name_zh).toBe('第一监督检查室');
  });

  it('checks with dryRun, then applies creates, updates and links in one go', async () => {
    const file = await edited((wb) => {
      const ws = wb.getWorksheet('组织机构')!;
      // Child before parent: references by code resolve within the file in any order.
      ws.addRow(orgRow('LZ-HU-SUB', '新单位下属', '驻在（综合监督）单位', 'LZ-HU-TOP'));
      ws.addRow(orgRow('LZ-HU-TOP', '新单位', 'HOST_UNIT'));
      ws.addRow(orgRow('LZ-JW-PZ-NEW', '驻新单位纪检监察组', '派驻纪检监察组', 'LZ-JW'));
      const jc1 = ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(1).value === 'LZ-JW-JC1')!;
      jc1.getCell(2).value = '第一监督检查室（改名）';
      wb.getWorksheet('联系')!.addRow(['LZ-JW-JC2', null, 'LZ-JW-PZ-NEW', null, null, null]);
      wb.getWorksheet('派驻')!.addRow(['LZ-JW-PZ-NEW', null, 'LZ-HU-TOP', null, '驻在单位', '2026-01-01', null]);
    });
    const [orgs, liaisons, dispatches, imports] = [
      await count('org'),
      await count('liaison'),
      await count('dispatch_coverage'),
      await auditCount(t, 'org.imported'),
    ];
    const dry = await upload(file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, created: 5, updated: 1, dryRun: true });
    expect(await count('org')).toBe(orgs);

    const res = await upload(file, false);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 5, updated: 1, dryRun: false });
    expect(await count('org')).toBe(orgs + 3);
    expect(await count('liaison')).toBe(liaisons + 1);
    expect(await count('dispatch_coverage')).toBe(dispatches + 1);
    const sub = await t.db
      .selectFrom('org as o')
      .innerJoin('org as p', 'p.id', 'o.parent_id')
      .select(['p.code', 'o.valid_from'])
      .where('o.code', '=', 'LZ-HU-SUB')
      .executeTakeFirstOrThrow();
    expect(sub).toEqual({ code: 'LZ-HU-TOP', valid_from: '2026-01-01' });
    const jc1 = await t.db.selectFrom('org').select(['id', 'name_zh', 'version']).where('code', '=', 'LZ-JW-JC1').executeTakeFirstOrThrow();
    expect(jc1).toMatchObject({ name_zh: '第一监督检查室（改名）', version: 2 });
    expect(await auditCount(t, 'org.updated', jc1.id)).toBe(1);
    expect(await auditCount(t, 'org.imported')).toBe(imports + 1); // the dry run wrote no event
    // jc2.staff now sees the new group and its unit through 联系 and 派驻.
    const seen = (await t.request({ method: 'GET', url: '/api/v1/orgs?pageSize=200', as: 'jc2.staff' })).json().items.map((o: { code: string }) => o.code);
    expect(seen).toEqual(expect.arrayContaining(['LZ-JW-PZ-NEW', 'LZ-HU-TOP', 'LZ-HU-SUB']));
    // Importing the same file again changes nothing.
    expect((await upload(file, false)).json()).toMatchObject({ created: 0, updated: 0 });
  });

  it('refuses cycles, duplicate codes, wrong kinds and link rule breaks, row by row', async () => {
    const file = await edited((wb) => {
      const ws = wb.getWorksheet('组织机构')!;
      ws.addRow(orgRow('LZ-HU-CY1', '环一', 'HOST_UNIT', 'LZ-HU-CY2'));
      ws.addRow(orgRow('LZ-HU-CY2', '环二', 'HOST_UNIT', 'LZ-HU-CY1'));
      ws.addRow(orgRow('LZ-HU-CY2', '重复', 'HOST_UNIT'));
      ws.addRow(orgRow('LZ-JW-PZ-BAD', '挂错的组', 'DISPATCHED_GROUP', 'LZ-HU-JYJ'));
      wb.getWorksheet('联系')!.addRow(['LZ-JW-BGS', null, 'LZ-JW-PZ-JYJ', null, null, null]);
    });
    const res = await upload(file, true);
    expect(res.statusCode).toBe(422);
    const errors = res.json().details.errors as { sheet: string; column: string; message: string }[];
    expect(errors.filter((e) => e.message === '上下级关系成环')).toHaveLength(2);
    expect(errors.some((e) => e.column === '编码' && e.message.includes('重复'))).toBe(true);
    expect(errors.some((e) => e.column === '上级编码' && e.message.includes('派驻纪检监察组的上级应为'))).toBe(true);
    expect(errors.some((e) => e.sheet === '联系' && e.column === '联系室编码')).toBe(true);
  });

  it('answers 4xx with a clear message for garbage, a non-xlsx zip, a missing sheet or no file', async () => {
    const garbage = await upload(Buffer.from('this is not a spreadsheet at all'), true);
    expect(garbage.statusCode).toBe(415);
    expect(garbage.json().message).toContain('不是 Excel');
    const fakeZip = await upload(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), true);
    expect(fakeZip.statusCode).toBe(400);
    expect(fakeZip.json().message).toContain('无法读取');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['a']);
    const noSheet = await upload(Buffer.from(await wb.xlsx.writeBuffer()), true);
    expect(noSheet.statusCode).toBe(422);
    expect(noSheet.json().details.errors[0].message).toContain('组织机构');
    const json = await t.request({ method: 'POST', url: '/api/v1/orgs/import', payload: { a: 1 }, as: 'sysadmin' });
    expect(json.statusCode).toBe(415);
    const { payload, headers } = multipart(exported, 'x.xlsx', 'other');
    const wrongField = await t.request({ method: 'POST', url: '/api/v1/orgs/import', payload, headers, as: 'sysadmin' });
    expect(wrongField.statusCode).toBe(400);
  });

  it('is for the system administrator only, and so is the template', async () => {
    expect((await upload(exported, true, 'sj.secretary')).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/orgs/import-template.xlsx', as: 'edu.group' })).statusCode).toBe(403);
    const res = await t.request({ method: 'GET', url: '/api/v1/orgs/import-template.xlsx', as: 'sysadmin' });
    expect(res.statusCode).toBe(200);
    const wb = await load(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['组织机构', '联系', '派驻', '填写说明']);
    // An empty template imports as nothing.
    expect((await upload(res.rawPayload, true)).json()).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
  });
});
