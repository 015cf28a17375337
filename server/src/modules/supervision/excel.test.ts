/** Excel of supervision lists: template, all-or-nothing import with row errors, round trip, scoped exports. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, multipart } from '../orgs/test-helpers';

let t: TestApp;
let draftList: string; // 驻市应急管理局组 individual list, still DRAFT/CONSULTED (liaison: 第六监督检查室)
let eduList: string; // 驻市教育局组 individual list, approved and running

const XLSX_FILE = '监督事项.xlsx';

async function listOf(groupCode: string, type: 'COMMON' | 'INDIVIDUAL') {
  return (
    await t.db
      .selectFrom('supervision_list as l')
      .innerJoin('org as g', 'g.id', 'l.owner_group_id')
      .select('l.id')
      .where('g.code', '=', groupCode)
      .where('l.type', '=', type)
      .executeTakeFirstOrThrow()
  ).id;
}

const itemCount = async (listId: string) =>
  Number(
    (
      await t.db
        .selectFrom('supervision_item')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('list_id', '=', listId)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function upload(listId: string, content: Buffer, dryRun: boolean, as = 'jc6.staff') {
  const { payload, headers } = multipart(content, XLSX_FILE);
  return t.request({ method: 'POST', url: `/api/v1/supervision/lists/${listId}/import?dryRun=${dryRun}`, payload, headers, as });
}

async function load(buffer: Buffer | string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(buffer as Buffer) as unknown as ArrayBuffer);
  return wb;
}

/** The template with data rows appended. */
async function fromTemplate(rows: (string | null)[][]): Promise<Buffer> {
  const res = await t.request({ method: 'GET', url: '/api/v1/supervision/import-template.xlsx', as: 'jc6.staff' });
  const wb = await load(res.rawPayload);
  const ws = wb.getWorksheet('监督事项')!;
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const row = (matter: string, over: Partial<Record<number, string | null>> = {}) => {
  const r: (string | null)[] = [
    null,
    matter,
    '履责事项、行业特点',
    '派驻组',
    'LZ-JW-PZ-YJJ',
    '监督检查室',
    'LZ-JW-JC6',
    '查阅资料、谈话',
    '每季度',
    '2026-12-20',
    'LZ-HU-YJJ',
  ];
  for (const [k, v] of Object.entries(over)) r[Number(k)] = v ?? null;
  return r;
};

beforeAll(async () => {
  t = await createTestApp();
  draftList = await listOf('LZ-JW-PZ-YJJ', 'INDIVIDUAL');
  eduList = await listOf('LZ-JW-PZ-JYJ', 'INDIVIDUAL');
});
afterAll(() => t.close());

describe('supervision Excel import', () => {
  it('offers a template with the Chinese columns and a 说明 sheet of allowed values', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/supervision/import-template.xlsx', as: 'edu.group' });
    expect(res.statusCode).toBe(200);
    const wb = await load(res.rawPayload);
    const header = (wb.getWorksheet('监督事项')!.getRow(2).values as string[]).filter(Boolean).map((v) => v.replace('*', ''));
    expect(header).toEqual(['序号', '监督事项', '依据', '牵头方', '牵头单位编码', '协助方', '协助单位编码', '监督方式', '频次', '完成时限', '驻在单位编码']);
    const help = wb.getWorksheet('说明')!;
    const text = help.getSheetValues().flat().join(' ');
    for (const label of ['党中央重大决策部署', '监督检查室', '明察暗访', '每季度']) expect(text).toContain(label);
  });

  it('rejects a file with one bad row among good ones (422 naming the row), writing nothing', async () => {
    const before = await itemCount(draftList);
    const file = await fromTemplate([
      row('应急物资储备管理监督'),
      row('安全生产执法检查监督', { 4: 'LZ-JW-PZ-JYJ', 9: '2026-13-01' }),
      row('应急预案演练监督'),
    ]);
    const res = await upload(draftList, file, false);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('BUSINESS_RULE');
    expect(body.details.errors).toEqual([
      { sheet: '监督事项', row: 4, column: '完成时限', message: expect.stringContaining('不是有效日期') },
      { sheet: '监督事项', row: 4, column: '牵头单位编码', message: '派驻组一方须为本清单所属派驻组' },
    ]);
    expect(body.message).toContain('第4行');
    expect(await itemCount(draftList)).toBe(before);
  });

  it('reports unknown labels, host units outside the list and duplicates', async () => {
    const file = await fromTemplate([
      row('重复事项'),
      row('重复事项'),
      row('方式有误', { 7: '飞行检查' }),
      row('单位有误', { 10: 'LZ-HU-JYJ' }),
      row('', { 3: '' }),
    ]);
    const res = await upload(draftList, file, true);
    expect(res.statusCode).toBe(422);
    const errs = res.json().details.errors as { row: number; column: string }[];
    expect(errs.map((e) => `${e.row}:${e.column}`)).toEqual(['4:监督事项', '5:监督方式', '6:驻在单位编码', '7:监督事项', '7:牵头方']);
  });

  it('validates with dryRun and then inserts all rows as DRAFT with audit events', async () => {
    const before = await itemCount(draftList);
    const file = await fromTemplate([
      row('应急物资储备管理监督'),
      row('安全生产执法检查监督', { 3: 'OFFICE', 4: 'LZ-JW-JC6', 5: '派驻组', 6: 'LZ-JW-PZ-YJJ' }),
    ]);
    const dry = await upload(draftList, file, true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, created: 2, dryRun: true });
    expect(await itemCount(draftList)).toBe(before);
    const audits = await auditCount(t, 'supervision.item_created');
    const res = await upload(draftList, file, false);
    expect(res.statusCode).toBe(200);
    expect(await itemCount(draftList)).toBe(before + 2);
    expect(await auditCount(t, 'supervision.item_created')).toBe(audits + 2);
    const added = await t.db
      .selectFrom('supervision_item')
      .select(['state', 'lead_side', 'methods'])
      .where('list_id', '=', draftList)
      .where('matter', '=', '安全生产执法检查监督')
      .executeTakeFirstOrThrow();
    expect(added).toEqual({ state: 'DRAFT', lead_side: 'OFFICE', methods: ['DOCUMENT_REVIEW', 'TALK'] });
  });

  it('round-trips: an exported list is a valid import file', async () => {
    const exp = await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${draftList}/export.xlsx`, as: 'jc6.staff' });
    expect(exp.statusCode).toBe(200);
    const wb = await load(exp.rawPayload);
    const ws = wb.getWorksheet('监督事项')!;
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/导出人 訾北辰.*导出时间 \d{4}-\d{2}-\d{2}/);
    const n = ws.rowCount - 2;
    expect(n).toBe(await itemCount(draftList));
    ws.eachRow((r, i) => {
      if (i > 2) r.getCell(2).value = `${r.getCell(2).value}（第二批）`;
    });
    const before = await itemCount(draftList);
    const res = await upload(draftList, Buffer.from(await wb.xlsx.writeBuffer()), false);
    expect(res.statusCode).toBe(200);
    expect(await itemCount(draftList)).toBe(before + n);
  });

  it('refuses garbage (4xx), an approved list (409) and lists outside the scope (404)', async () => {
    expect((await upload(draftList, Buffer.from('not a spreadsheet at all'), true)).statusCode).toBe(415);
    expect((await upload(draftList, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), true)).statusCode).toBe(400);
    const before = await itemCount(eduList);
    expect((await upload(eduList, await fromTemplate([row('x')]), false, 'edu.group')).statusCode).toBe(409);
    expect(await itemCount(eduList)).toBe(before);
    expect((await upload(draftList, await fromTemplate([row('x')]), false, 'edu.group')).statusCode).toBe(404);
  });
});

describe('supervision Excel exports', () => {
  it('applies the list scope: the own group and the liaison office may, a county may not (404)', async () => {
    const own = await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${eduList}/export.xlsx`, as: 'edu.group' });
    expect(own.statusCode).toBe(200);
    const ws = (await load(own.rawPayload)).getWorksheet('监督事项')!;
    expect(ws.rowCount - 2).toBe(4);
    expect((await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${eduList}/export.xlsx`, as: 'jc3.staff' })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${eduList}/export.xlsx`, as: 'cg.county' })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${eduList}/export.xlsx`, as: 'sysadmin' })).statusCode).toBe(404);
    expect(await auditCount(t, 'supervision.list_exported', eduList)).toBe(2);
  });

  it('exports my items with the watermark line', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/supervision/my-items/export.xlsx?role=lead&year=2026', as: 'edu.group' });
    expect(res.statusCode).toBe(200);
    const ws = (await load(res.rawPayload)).worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toContain('导出人 骆秉文');
    expect(ws.rowCount - 2).toBe(10); // 8 common + 2 individual items led by the group
  });

  it('exports the matrix only for the coordinator, leaders and the 书记', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/supervision/matrix/export.xlsx?year=2026', as: 'edu.group' })).statusCode).toBe(403);
    const res = await t.request({ method: 'GET', url: '/api/v1/supervision/matrix/export.xlsx?year=2026', as: 'dfzf.director' });
    expect(res.statusCode).toBe(200);
    const ws = (await load(res.rawPayload)).worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toContain('导出人 濮致和');
    // 22 municipal 派驻组 and the 6 county-level groups of the demo (issue 9: 驻榆中县教育局组 …).
    expect(ws.rowCount - 2).toBe(28);
    expect((await t.request({ method: 'GET', url: '/api/v1/supervision/matrix/export.xlsx', as: 'dfzf.director' })).statusCode).toBe(400);
  });
});
