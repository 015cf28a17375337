/** DOCX of an approved list: official layout markers, content, 409 before approval, scope, audit. */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../orgs/test-helpers';

let t: TestApp;

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

/** The text of each paragraph of document.xml, in order. */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

const fromXml = (xml: string) =>
  xml
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('supervision list DOCX', () => {
  it('renders an approved list per GB/T 9704 with title, items, red organ mark, page numbers and watermark', async () => {
    const id = await listOf('LZ-JW-PZ-JYJ', 'COMMON');
    const before = await auditCount(t, 'supervision.list_exported', id);
    const res = await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${id}/export.docx`, as: 'edu.group' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const doc = fromXml(await zip.file('word/document.xml')!.async('string'));
    expect(doc).toContain('驻市教育局纪检监察组2026年度共性监督清单');
    const matters = await t.db.selectFrom('supervision_item').select('matter').where('list_id', '=', id).execute();
    expect(matters).toHaveLength(8);
    // ASCII quotes in the data print as Chinese quotation marks (“三重一大”), never as ".
    for (const m of matters) expect(doc).toContain(m.matter.replace(/"([^"]*)"/g, '“$1”'));
    expect(matters.some((m) => m.matter.includes('"'))).toBe(true);
    expect(paragraphs(doc).join('\n')).not.toContain('"');
    expect(doc).toContain('校园餐');
    expect(doc).toMatch(/w:color w:val="FF0000"/);
    // The joint mark by the organs' formal short names (settings), not "兰州市纪委监委（演示数据）".
    expect(doc).toContain('>中共兰州市纪委<');
    expect(doc).toContain('>兰州市监委<');
    expect(doc).not.toContain('>兰州市纪委监委<');
    expect(doc).toContain('演示数据'); // …which the 版记 notes instead
    // Issued as a 通知: title, 主送, the notice with its 附件说明, the list on a new page headed 附件.
    const paras = paragraphs(doc);
    const at = (text: string) => paras.indexOf(text);
    expect(paras).toContain('关于印发《驻市教育局纪检监察组2026年度共性监督清单》的通知');
    expect(paras).toContain('驻市教育局纪检监察组：');
    expect(paras.some((p) => p.includes('现将《驻市教育局纪检监察组2026年度共性监督清单》印发给你们'))).toBe(true);
    expect(paras.some((p) => p.includes('印发如下'))).toBe(false);
    expect(at('附件：驻市教育局纪检监察组2026年度共性监督清单')).toBeGreaterThan(at('驻市教育局纪检监察组：'));
    expect(at('附件')).toBeGreaterThan(at('附件：驻市教育局纪检监察组2026年度共性监督清单'));
    expect(doc).toMatch(/<w:p><w:pPr><w:pageBreakBefore\/><\/w:pPr><w:r>(?:(?!<\/w:p>).)*>附件</);
    // 印发机关 the 办公室 (setting), 抄送 the host units only (no internal office).
    expect(paras.some((p) => p.startsWith('中共兰州市纪委办公室') && p.endsWith('印发'))).toBe(true);
    const copy = paras.find((p) => p.startsWith('抄送：'))!;
    expect(copy).toContain('市教育局');
    expect(copy).not.toContain('监督检查室');
    // The date column holds 12月31日 on one line: wide enough for its text in 小四 (10.6 pt a character).
    const grid = [...doc.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const dates = [...doc.matchAll(/>(\d{1,2}月\d{1,2}日)</g)].map((m) => m[1]!);
    expect(dates.length).toBe(8);
    const widest = Math.max(...dates.map((d) => d.replace(/\d/g, '').length * 240 + d.replace(/\D/g, '').length * 120));
    expect(grid.at(-1)!).toBeGreaterThanOrEqual(widest + 216); // text plus the cell's side margins
    expect(doc).toContain('方正小标宋简体');
    expect(doc).toContain('仿宋_GB2312');
    // Issued by the 党风政风监督室 (demo: 12 February): its 发文字号 under the mark, the day of 印发 as 成文日期 and 印发日期.
    const { doc_no: docNo } = await t.db.selectFrom('supervision_list').select('doc_no').where('id', '=', id).executeTakeFirstOrThrow();
    expect(docNo).toMatch(/^兰纪发〔2026〕\d+号$/);
    expect(paras).toContain(docNo);
    expect(paras).not.toContain('草稿（未编号）');
    expect(paras).toContain('2026年2月12日'); // 成文日期 in Arabic numerals
    expect(paras.some((p) => p.startsWith('中共兰州市纪委办公室') && p.endsWith('2026年2月12日印发'))).toBe(true);
    // A4 with 37/35/28/26 mm margins (twips).
    expect(doc).toMatch(/w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /word\/footer\d*\.xml/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(footers.some((f) => f.includes('PAGE') && f.includes('— '))).toBe(true);
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /word\/header\d*\.xml/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(headers.some((h) => h.includes('导出人 骆秉文'))).toBe(true);
    expect(await auditCount(t, 'supervision.list_exported', id)).toBe(before + 1);
  });

  it('refuses a list that is not yet approved (409) and lists outside the scope (404)', async () => {
    const draft = await listOf('LZ-JW-PZ-YJJ', 'INDIVIDUAL');
    const res = await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${draft}/export.docx`, as: 'jc6.staff' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('清单尚未审定');
    const edu = await listOf('LZ-JW-PZ-JYJ', 'INDIVIDUAL');
    expect((await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${edu}/export.docx`, as: 'cg.county' })).statusCode).toBe(404);
  });
});
