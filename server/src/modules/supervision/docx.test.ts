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
    for (const m of matters) expect(doc).toContain(m.matter);
    expect(doc).toContain('校园餐');
    expect(doc).toMatch(/w:color w:val="FF0000"/);
    expect(doc).toContain('>兰州市纪委监委<'); // the mark without （演示数据）
    expect(doc).toContain('演示数据'); // …which the 版记 notes instead
    expect(doc).toContain('方正小标宋简体');
    expect(doc).toContain('仿宋_GB2312');
    expect(doc).toMatch(/2026年2月10日/); // 成文日期 in Arabic numerals
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
