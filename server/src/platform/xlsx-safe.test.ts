/**
 * Hostile workbooks against every Excel import, over HTTP on the real database: zip bombs (honest,
 * lying about their size, absurd ratio, 100 000 entries) sent eight at a time are refused with 4xx,
 * the server keeps answering, memory stays bounded, and a valid import still works afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { multipart } from '../modules/orgs/test-helpers';
import { Gate } from './gate';
import { readXlsxSafely, XLSX_LIMITS, XLSX_UPLOAD_BYTES, xlsxGate } from './xlsx-safe';
import { bombSheet, manyEntries, sheetBomb, zipOf } from './zip-bombs';

let t: TestApp;
let draftList: string;
const MB = 1024 * 1024;

interface Route {
  name: string;
  as: string;
  sheet: string;
  url: () => string;
}
const routes: Route[] = [
  { name: 'supervision items', as: 'jc6.staff', sheet: '监督事项', url: () => `/api/v1/supervision/lists/${draftList}/import?dryRun=true` },
  { name: 'org structure', as: 'sysadmin', sheet: '组织机构', url: () => '/api/v1/orgs/import?dryRun=true' },
];

const upload = (route: Route, content: Buffer) => {
  const { payload, headers } = multipart(content, 'import.xlsx');
  return t.request({ method: 'POST', url: route.url(), payload, headers, as: route.as });
};

beforeAll(async () => {
  t = await createTestApp();
  draftList = (
    await t.db
      .selectFrom('supervision_list as l')
      .innerJoin('org as g', 'g.id', 'l.owner_group_id')
      .select('l.id')
      .where('g.code', '=', 'LZ-JW-PZ-YJJ')
      .where('l.type', '=', 'INDIVIDUAL')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

describe('hostile workbooks on the import routes', () => {
  const sheet = bombSheet(300); // ~300 MB of sheet XML

  for (const route of routes) {
    it(`refuses eight parallel zip bombs on ${route.name} with 4xx, stays responsive and bounded in memory`, async () => {
      expect(sheet.data.length).toBeLessThan(MB);
      const bombs = [
        await sheetBomb(route.sheet, sheet), // declares its true 300 MB
        await sheetBomb(route.sheet, sheet, 2 * MB), // lies: declares 2 MB, inflates to 300 MB
        await sheetBomb(route.sheet, bombSheet(40)), // 40 MB from ~40 KB: ratio ~1000
        manyEntries(100_000),
      ];
      const rssBefore = process.memoryUsage().rss;
      const attack = [...bombs, ...bombs].map((b) => upload(route, b));
      // The event loop must keep serving while the attack is handled.
      const latencies: number[] = [];
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 150));
        const start = Date.now();
        const health = await t.request({ method: 'GET', url: '/api/v1/health' });
        latencies.push(Date.now() - start);
        expect(health.statusCode).toBe(200);
      }
      const answers = await Promise.all(attack);
      const rssGrowth = process.memoryUsage().rss - rssBefore;
      for (const res of answers) {
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, res.body).toBeLessThan(500);
        expect(res.json().message).toMatch(/Excel|压缩|部件/);
      }
      // Honest, lying and high-ratio bombs are too large (413); the many-entry zip too (413).
      expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(413));
      expect(answers[0]!.json().message).toContain('超过单个部件上限');
      expect(answers[1]!.json().message).toContain('实际解压后超过其声明的大小');
      expect(answers[2]!.json().message).toContain('压缩比异常');
      expect(answers[3]!.json().message).toContain('部件过多');
      expect(Math.max(...latencies)).toBeLessThan(1000);
      expect(rssGrowth).toBeLessThan(300 * MB);
    });
  }

  it('still imports a valid workbook afterwards', async () => {
    const tpl = await t.request({ method: 'GET', url: '/api/v1/supervision/import-template.xlsx', as: 'jc6.staff' });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    wb.getWorksheet('监督事项')!.addRow([
      null,
      '应急物资储备管理监督',
      '履责事项、行业特点',
      '派驻组',
      'LZ-JW-PZ-YJJ',
      '监督检查室',
      'LZ-JW-JC6',
      '查阅资料、谈话',
      '每季度',
      '2026-12-20',
      'LZ-HU-YJJ',
    ]);
    const items = await upload(routes[0]!, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(items.statusCode, items.body).toBe(200);
    expect(items.json()).toMatchObject({ ok: true, created: 1, dryRun: true });

    const exported = await t.request({ method: 'GET', url: '/api/v1/orgs/export.xlsx', as: 'sysadmin' });
    const orgs = await upload(routes[1]!, exported.rawPayload);
    expect(orgs.statusCode, orgs.body).toBe(200);
    expect(orgs.json()).toMatchObject({ ok: true, created: 0, updated: 0, dryRun: true });
  });

  it('cuts an upload larger than the import cap while it streams in (413)', async () => {
    const big = Buffer.alloc(XLSX_UPLOAD_BYTES + MB);
    big.writeUInt32LE(0x04034b50, 0);
    for (const route of routes) {
      const res = await upload(route, big);
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  it('answers 429 with Retry-After when the node is already parsing as many workbooks as it can', async () => {
    let open!: () => void;
    const held = new Promise<void>((r) => {
      open = r;
    });
    const occupied = Array.from({ length: xlsxGate.options.concurrency + xlsxGate.options.maxQueue }, () => xlsxGate.run(() => held));
    try {
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('监督事项').addRow(['监督事项']);
      const res = await upload(routes[0]!, Buffer.from(await wb.xlsx.writeBuffer()));
      expect(res.statusCode, res.body).toBe(429);
      expect(res.headers['retry-after']).toBe(String(xlsxGate.options.retryAfterSeconds));
      expect(res.json().message).toContain('当前导入任务较多');
    } finally {
      open();
      await Promise.all(occupied);
    }
  });
});

describe('readXlsxSafely limits', () => {
  const structural = async (zip: Buffer) => {
    try {
      await readXlsxSafely(zip);
      return null;
    } catch (err) {
      return err as { status: number; message: string };
    }
  };
  const stored = (name: string, text = 'x') => ({ name, method: 0, data: Buffer.from(text), size: text.length });

  it('refuses odd archives: nested zips, path tricks, duplicates, overlapping entries, encryption, truncation', async () => {
    expect(await structural(zipOf([stored('xl/embeddings/inner.zip')]))).toMatchObject({ status: 422, message: expect.stringContaining('嵌套') });
    expect(await structural(zipOf([stored('../../etc/passwd')]))).toMatchObject({ status: 422, message: expect.stringContaining('非法路径') });
    expect(await structural(zipOf([stored('a.xml'), stored('a.xml')]))).toMatchObject({ status: 422, message: expect.stringContaining('重复') });
    const overlapping = zipOf([stored('a.xml', 'aaaa'), stored('b.xml', 'bbbb')]);
    // Point the second central record at the first local header: two names, one body.
    const cd = overlapping.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), overlapping.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 4);
    overlapping.writeUInt32LE(0, cd + 42);
    expect(await structural(overlapping)).toMatchObject({ status: 422, message: expect.stringContaining('重叠') });
    const encrypted = zipOf([stored('a.xml')]);
    encrypted.writeUInt16LE(0x801, encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    expect(await structural(encrypted)).toMatchObject({ status: 422, message: expect.stringContaining('加密') });
    expect(await structural(zipOf([stored('a.xml')]).subarray(0, 40))).toMatchObject({ status: 400 });
    expect(await structural(Buffer.from('not a zip at all'))).toMatchObject({ status: 415 });
  });

  it('caps rows and the parse time in the worker, and the gate refuses beyond its line', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    for (let i = 0; i < 50; i++) ws.addRow([`第${i}行`, i]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const ok = await readXlsxSafely(file);
    expect(ok.sheets[0]).toMatchObject({ name: '数据', rows: expect.arrayContaining([{ row: 50, cells: ['第49行', '49'] }]) });
    await expect(readXlsxSafely(file, { ...XLSX_LIMITS, maxRows: 10 })).rejects.toMatchObject({
      status: 413,
      message: expect.stringContaining('超过上限 10 行'),
    });
    await expect(readXlsxSafely(file, { ...XLSX_LIMITS, maxCells: 20 })).rejects.toMatchObject({ status: 413 });
    await expect(readXlsxSafely(file, { ...XLSX_LIMITS, heapMb: 2 })).rejects.toMatchObject({
      status: 413,
      message: expect.stringContaining('解析所需内存超过 2 MB'),
    });
    await expect(readXlsxSafely(file, { ...XLSX_LIMITS, timeoutMs: 1 })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('秒内未能解析完成'),
    });
    const gate = new Gate({ concurrency: 1, maxQueue: 0, maxWaitMs: 10, retryAfterSeconds: 3, busyCode: 'RATE_LIMITED', busyMessage: '忙' });
    const [first, second] = await Promise.allSettled([readXlsxSafely(file, XLSX_LIMITS, gate), readXlsxSafely(file, XLSX_LIMITS, gate)]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: { status: 429, retryAfterSeconds: 3 } });
  });
});
