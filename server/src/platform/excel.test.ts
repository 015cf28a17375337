/**
 * Excel exports ready to print and safe to open (issue 14): A4 landscape fitted to one page wide with the
 * header rows repeated, dates as real date cells with a date format, and text that a spreadsheet would
 * take for a formula (= + - @) kept as quote-prefixed text. Read back from the produced bytes: the
 * package XML and exceljs, and once through a real export over HTTP.
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { cellOf, type Column, DATE_FORMAT, DATETIME_FORMAT, workbookBytes, writeSheet } from './excel';

const serial = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
const part = (bytes: Buffer, name: string) => strFromU8(unzipSync(new Uint8Array(bytes))[name]!);

/** The `<c>` element of a cell in the sheet XML. */
const cellXml = (sheet: string, ref: string) => new RegExp(`<c r="${ref}"[^>]*?(?:/>|>.*?</c>)`).exec(sheet)?.[0] ?? '';

/** The cellXfs entry (style) a cell uses. */
function xfOf(styles: string, sheet: string, ref: string): string {
  const s = Number(/ s="(\d+)"/.exec(cellXml(sheet, ref))?.[1] ?? 0);
  const cellXfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)![1]!;
  return [...cellXfs.matchAll(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/gs)][s]![0];
}

const COLUMNS: Column[] = [
  { key: 'title', header: '标题', width: 30 },
  { key: 'day', header: '印发日期', width: 12 },
  { key: 'at', header: '时间', width: 18 },
  { key: 'code', header: '编码', width: 12, kind: 'text' },
  { key: 'n', header: '数量', width: 8 },
];

async function sample(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const rows = [
    { title: '=HYPERLINK("http://evil.example","点击")', day: '2026-03-05', at: '2026-12-31 23:30', code: '2026-01-01', n: 3 },
    { title: '+1+1', day: '2026-02-30', at: null, code: 'A-1', n: -2 },
    { title: '-2+3', day: null, at: '2026-13-01 10:00', code: '@x', n: 0 },
    { title: '@SUM(A1:A9)', day: '2027-01-01', at: null, code: null, n: null },
    { title: '普通标题 = 不是公式', day: '', at: '', code: '', n: 1 },
  ];
  writeSheet(wb, '台账', COLUMNS, rows, '台账 导出人 测试 导出时间 2026-12-05 08:00');
  return workbookBytes(wb);
}

describe('cellOf', () => {
  it('dates and times become date cells, impossible dates and text columns stay text, formula starts are quoted', () => {
    expect(cellOf('2026-03-05')).toEqual({ value: new Date(Date.UTC(2026, 2, 5)), numFmt: DATE_FORMAT });
    expect(cellOf('2026-03-05 14:30')).toEqual({ value: new Date(Date.UTC(2026, 2, 5, 14, 30)), numFmt: DATETIME_FORMAT });
    expect(cellOf('2026-02-30')).toEqual({ value: '2026-02-30' });
    expect(cellOf('2026-03-05', 'text')).toEqual({ value: '2026-03-05' });
    for (const v of ['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1']) expect(cellOf(v)).toEqual({ value: v, numFmt: '@' });
    expect(cellOf('a=1')).toEqual({ value: 'a=1' });
    expect(cellOf(-5)).toEqual({ value: -5 });
    expect(cellOf(null)).toEqual({ value: null });
  });
});

describe('an export sheet read back', () => {
  let bytes: Buffer;
  let sheet: string;
  let styles: string;
  beforeAll(async () => {
    bytes = await sample();
    sheet = part(bytes, 'xl/worksheets/sheet1.xml');
    styles = part(bytes, 'xl/styles.xml');
  });

  it('prints A4 landscape, one page wide, rows 1–2 on every page', () => {
    expect(sheet).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    const setup = /<pageSetup [^>]*\/>/.exec(sheet)![0];
    expect(setup).toContain('orientation="landscape"');
    expect(setup).toContain('paperSize="9"');
    expect(setup).toContain('fitToWidth="1"');
    expect(setup).toContain('fitToHeight="0"');
    expect(part(bytes, 'xl/workbook.xml')).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;台账&apos;!$1:$2</definedName>');
  });

  it('dates are numbers with a date format, not text; codes and impossible dates stay text', async () => {
    // Row 3 is the first data row (1: watermark line, 2: headers).
    const b3 = cellXml(sheet, 'B3');
    expect(b3).not.toMatch(/t="s"|t="str"|t="inlineStr"/);
    expect(b3).toContain(`<v>${serial(2026, 3, 5)}</v>`);
    expect(xfOf(styles, sheet, 'B3')).toMatch(/numFmtId="(\d+)"/);
    const fmtId = /numFmtId="(\d+)"/.exec(xfOf(styles, sheet, 'B3'))![1];
    expect(styles).toContain(`<numFmt numFmtId="${fmtId}" formatCode="yyyy-mm-dd"/>`);
    const c3 = cellXml(sheet, 'C3');
    expect(Number(/<v>([^<]+)<\/v>/.exec(c3)![1])).toBeCloseTo(serial(2026, 12, 31) + 23.5 / 24, 6);
    expect(cellXml(sheet, 'B4')).toMatch(/t="s"/); // 2026-02-30 is no date
    expect(cellXml(sheet, 'D3')).toMatch(/t="s"/); // a code column keeps "2026-01-01" as text
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const ws = wb.getWorksheet('台账')!;
    expect(ws.getCell('B3').value).toEqual(new Date(Date.UTC(2026, 2, 5)));
    expect(ws.getCell('B3').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('B6').value).toEqual(new Date(Date.UTC(2027, 0, 1)));
    expect(ws.getCell('C3').numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('text starting with = + - @ is a quote-prefixed text cell, never a formula', () => {
    expect(sheet).not.toContain('<f>');
    for (const ref of ['A3', 'A4', 'A5', 'A6', 'D5']) {
      expect(cellXml(sheet, ref)).toMatch(/t="s"/);
      const xf = xfOf(styles, sheet, ref);
      expect(xf).toContain('quotePrefix="1"');
      expect(xf).toContain('numFmtId="49"');
    }
    expect(xfOf(styles, sheet, 'A7')).not.toContain('quotePrefix');
    // Numbers stay numbers (a negative number is no formula).
    expect(cellXml(sheet, 'E4')).toContain('<v>-2</v>');
  });
});

describe('a real export over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('the letters ledger: print setup, issue dates as date cells, a formula-like title quoted', async () => {
    const letter = await t.db.selectFrom('letter').select(['id', 'title']).where('doc_no', 'is not', null).orderBy('issued_on').executeTakeFirstOrThrow();
    await t.db.updateTable('letter').set({ title: '=HYPERLINK("http://evil.example","点此查看")' }).where('id', '=', letter.id).execute();
    try {
      const res = await t.request({ method: 'GET', url: '/api/v1/letters/export.xlsx', as: 'sj.secretary' });
      expect(res.statusCode).toBe(200);
      const bytes = res.rawPayload;
      const sheet = part(bytes, 'xl/worksheets/sheet1.xml');
      const styles = part(bytes, 'xl/styles.xml');
      expect(/<pageSetup [^>]*\/>/.exec(sheet)![0]).toContain('orientation="landscape"');
      expect(part(bytes, 'xl/workbook.xml')).toContain('_xlnm.Print_Titles');
      expect(sheet).not.toContain('<f>');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as never);
      const ws = wb.worksheets[0]!;
      const header = ws.getRow(2).values as unknown[];
      const titleCol = header.indexOf('标题');
      const issuedCol = header.indexOf('印发日期');
      let found = false;
      ws.eachRow((row, n) => {
        if (n < 3) return;
        const title = row.getCell(titleCol).value;
        const issued = row.getCell(issuedCol).value;
        if (issued !== null && issued !== '') expect(issued).toBeInstanceOf(Date);
        if (title === '=HYPERLINK("http://evil.example","点此查看")') {
          found = true;
          const ref = row.getCell(titleCol).address;
          expect(xfOf(styles, sheet, ref)).toContain('quotePrefix="1"');
        }
      });
      expect(found).toBe(true);
    } finally {
      await t.db.updateTable('letter').set({ title: letter.title }).where('id', '=', letter.id).execute();
    }
  });
});
