/**
 * 自查单位导入 with the 统一社会信用代码 column (issue 10) over HTTP on the demo data: a malformed code (length,
 * characters, GB 32100 check character) is a per-row error and nothing is written; a unit already carrying
 * the code is reused whatever name the sheet gives it, never duplicated; a unit found by name receives the
 * code; the template has the column. Codes are fictional, their check characters computed.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, multipart } from '../../../test/fixtures';

let t: TestApp;
let grain: string;
beforeAll(async () => {
  t = await createTestApp();
  grain = (await t.db.selectFrom('campaign').select('id').where('domain', '=', 'GRAIN').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const HEADER = ['单位名称', '统一社会信用代码', '上级单位代码', '联系人姓名', '手机', '账号'];
const count = async (table: 'org' | 'app_user' | 'self_inspection_unit') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const counts = () => Promise.all([count('org'), count('app_user'), count('self_inspection_unit')]);
const org = (code: string) => t.db.selectFrom('org').select(['id', 'name_zh', 'credit_code']).where('code', '=', code).executeTakeFirstOrThrow();
const orgOf = async (username: string) =>
  (await t.db.selectFrom('app_user').select('org_id').where('username', '=', username).executeTakeFirstOrThrow()).org_id;

async function upload(rows: string[][], dryRun = false, header = HEADER) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('自查单位');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  const mp = multipart({}, { filename: '自查单位.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) });
  return t.request({
    method: 'POST',
    url: `/api/v1/campaigns/${grain}/self-inspection/units/import?dryRun=${dryRun}`,
    payload: mp.payload,
    headers: mp.headers,
    as: 'dfzf.director',
  });
}

describe('统一社会信用代码 in the target-unit import', () => {
  it('a malformed code is an error on its row and column (zh-CN), in dryRun too, and nothing is written', async () => {
    const before = await counts();
    const rows = [
      ['榆中县示例粮库', '12620123MB00000024', 'LZ-YZ', '张示例', '13800000001', 'yz.cc1'],
      ['永登县示例粮库', '12620123MB00000025', 'LZ-YD', '李示例', '13800000002', 'yd.cc1'],
      ['兰州新区示例粮库', '12620123MB0000002', 'LZ-XQ', '王示例', '13800000003', 'xq.cc1'],
      ['榆中县示例粮站', '12620123MB000O0024', 'LZ-YZ', '赵示例', '13800000004', 'yz.cc2'],
      ['榆中县另一粮库', '12620123mb0000 0024', 'LZ-YZ', '钱示例', '13800000005', 'yz.cc3'],
    ];
    for (const dryRun of [true, false]) {
      const res = await upload(rows, dryRun);
      expect(res.statusCode, res.body).toBe(422);
      const errors = res.json().details.errors as { row: number; column: string; message: string }[];
      expect(errors).toEqual([
        { sheet: '自查单位', row: 3, column: '统一社会信用代码', message: '“12620123MB00000025”校验位不正确' },
        { sheet: '自查单位', row: 4, column: '统一社会信用代码', message: '“12620123MB0000002”应为18位（当前17位）' },
        { sheet: '自查单位', row: 5, column: '统一社会信用代码', message: '“12620123MB000O0024”第14位“O”不是有效字符（不使用I、O、S、V、Z）' },
        // the same code (typed in lower case with a space) for another unit: one code names one unit
        { sheet: '自查单位', row: 6, column: '统一社会信用代码', message: '与第2行的统一社会信用代码相同，但单位不同' },
      ]);
      expect(res.json().message).toMatch(/未写入任何数据/);
    }
    expect(await counts()).toEqual(before);
  });

  it('reuses the unit that carries the code (any spelling), gives a code to the unit found by name, creates a new unit once', async () => {
    const first = await org('LZ-YZ-HU-JYJ-S001');
    await t.db.updateTable('org').set({ credit_code: '12620121MB00000390' }).where('id', '=', first.id).execute();
    const yongdeng = await org('LZ-YD-HU-JYJ-S001');
    expect(yongdeng.credit_code).toBeNull();
    const [orgs, users] = await counts();
    const updated = await auditCount(t.db, 'org.updated');

    const res = await upload([
      ['榆中一中（示例）', '12620121MB00000390', 'LZ-YZ-HU-JYJ', '张示例', '13800000011', 'yz.code1'],
      ['永登县示例第二中学', '12620102MB0000011L', 'LZ-YD-HU-JYJ', '李示例', '13800000012', 'yd.code1'],
      ['榆中县示例粮站', '12620123MB00000024', 'LZ-YZ', '王示例', '13800000013', 'yz.code2'],
      ['榆中县示例粮站', '', 'LZ-YZ', '赵示例', '13800000014', 'yz.code3'],
      // the same school under its registered name and its code: the same unit as row 2, not a conflict
      ['榆中县示例第一中学', '12620121MB00000390', 'LZ-YZ-HU-JYJ', '冯示例', '13800000016', 'yz.code5'],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ unitsCreated: 1, unitsReused: 2, accountsCreated: 5 });
    expect((await counts()).slice(0, 2)).toEqual([orgs + 1, users! + 5]);
    expect(await orgOf('yz.code5')).toBe(first.id);
    // the contact of "榆中一中（示例）" belongs to the school that carries the code; its name is not changed
    expect(await orgOf('yz.code1')).toBe(first.id);
    expect((await org('LZ-YZ-HU-JYJ-S001')).name_zh).toBe('榆中县示例第一中学');
    expect(await orgOf('yd.code1')).toBe(yongdeng.id);
    expect((await org('LZ-YD-HU-JYJ-S001')).credit_code).toBe('12620102MB0000011L');
    expect(await auditCount(t.db, 'org.updated')).toBe(updated + 1);
    const station = await orgOf('yz.code2');
    expect(await orgOf('yz.code3')).toBe(station);
    const made = await t.db.selectFrom('org').select(['credit_code', 'kind', 'name_zh']).where('id', '=', station!).executeTakeFirstOrThrow();
    expect(made).toEqual({ credit_code: '12620123MB00000024', kind: 'HOST_UNIT', name_zh: '榆中县示例粮站' });
    const units = await t.request({ method: 'GET', url: `/api/v1/campaigns/${grain}/self-inspection/units`, as: 'dfzf.director' });
    expect(units.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '榆中县示例粮站', creditCode: '12620123MB00000024' }),
        expect.objectContaining({ name: '榆中县示例第一中学', creditCode: '12620121MB00000390' }),
      ]),
    );

    // A later sheet names the station differently but with its code (lower case, spaced): the same unit.
    const again = await upload([['榆中县示例粮站（更名）', ' 12620123mb0000 0024', 'LZ-YZ', '孙示例', '13800000015', 'yz.code4']]);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ unitsCreated: 0, unitsReused: 1 });
    expect(await orgOf('yz.code4')).toBe(station);
    expect((await counts())[0]).toBe(orgs + 1);
  });

  it('refuses a code that contradicts the unit’s recorded one, or that belongs to an org that is not a host unit', async () => {
    await t.db.updateTable('org').set({ credit_code: '11620100000000000H' }).where('code', '=', 'LZ-HU-JYJ').execute();
    await t.db.updateTable('org').set({ credit_code: '52620100MJ00000037' }).where('code', '=', 'LZ-JW-DFZF').execute();
    const before = await counts();
    const res = await upload([
      ['永登县示例第二中学', '12620102MB0000012P', 'LZ-YD-HU-JYJ', '周示例', '13800000021', 'yd.code9'],
      ['某示例单位', '52620100MJ00000037', 'LZ-YZ', '吴示例', '13800000022', 'yz.code9'],
    ]);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().details.errors).toEqual([
      { sheet: '自查单位', row: 2, column: '统一社会信用代码', message: '“永登县示例第二中学”已登记统一社会信用代码“12620102MB0000011L”，与本行不一致' },
      { sheet: '自查单位', row: 3, column: '统一社会信用代码', message: expect.stringMatching(/^该代码已登记为“.+”，不是被监督单位$/) },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('older sheets without the column still import; the template carries the column with a valid example', async () => {
    const old = await upload([['榆中县示例仓储站', 'LZ-YZ', '郑示例', '13800000031', 'yz.old1']], true, [
      '单位名称',
      '上级单位代码',
      '联系人姓名',
      '手机',
      '账号',
    ]);
    expect(old.statusCode, old.body).toBe(200);
    const res = await t.request({ method: 'GET', url: `/api/v1/campaigns/${grain}/self-inspection/units/import-template.xlsx`, as: 'dfzf.director' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('自查单位')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('统一社会信用代码');
    const example = String(ws.getRow(2).getCell(header.indexOf('统一社会信用代码') + 1).value);
    const { creditCodeProblem } = await import('@liandong/domain/org/credit-code');
    expect(creditCodeProblem(example)).toBeNull();
  });
});
