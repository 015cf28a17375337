/**
 * An issued 建议书 or 通报 is immutable: exports serve the file rendered and stored at issue, with only the
 * exporter's watermark and author stamped in — never a fresh render of what the database says today.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { AppError } from '../../platform/errors';
import { stampDocx } from '../../platform/official-doc-stamp';
import { docxPart, docxXml, issuedLetter, storedDocx } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('issued documents are rendered once and only re-stamped per export', () => {
  it('a letter exports the issued bytes with each exporter’s watermark, even after the 印发机关 is renamed', async () => {
    const id = await issuedLetter(t, '关于规范信贷审批的监察建议书（一次成文测试）');
    const stored = (await storedDocx(t, id))!.plain;
    const setting = (value: string) => t.request({ method: 'PUT', url: '/api/v1/settings/doc.officeName', payload: { value }, as: 'sysadmin' });
    expect((await docxXml(stored)).doc).toContain('中共兰州市纪委办公室');
    // The 印发机关 (a setting) is renamed after issue: the issued text (its 版记) must not change.
    expect((await setting('中共兰州市纪委办公室（更名测试）')).statusCode).toBe(200);
    try {
      const byDirector = await t.request({ method: 'GET', url: `/api/v1/letters/${id}/document.docx`, as: 'sc8.director' });
      const bySecretary = await t.request({ method: 'GET', url: `/api/v1/letters/${id}/document.docx`, as: 'sj.secretary' });
      for (const res of [byDirector, bySecretary]) {
        expect(res.statusCode).toBe(200);
        expect(await docxPart(res.rawPayload, 'word/document.xml')).toBe(await docxPart(stored, 'word/document.xml'));
      }
      const a = await docxXml(byDirector.rawPayload);
      const b = await docxXml(bySecretary.rawPayload);
      expect(a.doc).not.toContain('更名测试');
      expect(a.headers).toContain('导出人');
      expect(a.headers).toContain('sc8.director');
      expect(b.headers).toContain('sj.secretary');
      expect(b.headers).not.toContain('sc8.director');
      expect(await docxPart(bySecretary.rawPayload, 'docProps/core.xml')).toContain('sj.secretary');
    } finally {
      await setting('中共兰州市纪委办公室');
    }
  });

  it('a 通报 exports the issued text even if its row is changed behind the application', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/bulletins',
      payload: {
        type: 'TYPICAL_CASES_EXPOSURE',
        scope: 'INTERNAL',
        title: '关于一次成文测试的通报',
        recipients: '各县区纪委监委',
        body: '印发时的正文（演示数据）。',
      },
      as: 'fin.staff',
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id;
    expect((await t.request({ method: 'POST', url: `/api/v1/bulletins/${id}/sign`, payload: { version: 1 }, as: 'sj.secretary' })).statusCode).toBe(200);
    const issued = await t.request({ method: 'POST', url: `/api/v1/bulletins/${id}/issue`, payload: { version: 2 }, as: 'fin.staff' });
    expect(issued.statusCode, issued.body).toBe(200);
    await sql`UPDATE bulletin SET body = '事后改动的正文' WHERE id = ${id}::uuid`.execute(t.db);
    const res = await t.request({ method: 'GET', url: `/api/v1/bulletins/${id}/document.docx`, as: 'fin.staff' });
    expect(res.statusCode).toBe(200);
    const { doc, headers } = await docxXml(res.rawPayload);
    expect(doc).toContain('印发时的正文');
    expect(doc).not.toContain('事后改动');
    expect(headers).toContain('fin.staff');
  });
});

describe('stampDocx', () => {
  it('escapes the exporter’s name, replaces every header run and refuses a file that is not a document', async () => {
    const stored = (await storedDocx(t, await issuedLetter(t, '关于水印转义测试的监察建议书')))!.plain;
    const out = stampDocx(stored, { watermark: '导出人 <b>&"张</b>', creator: 'x<y' });
    const { headers } = await docxXml(out);
    expect(headers).toContain('导出人 <b>&"张</b>');
    expect(headers).not.toContain('sc8.director');
    expect(await docxPart(out, 'word/header1.xml').catch(() => docxPart(out, 'word/header2.xml'))).toContain('&lt;b&gt;&amp;');
    expect(() => stampDocx(Buffer.from('not a zip'), { watermark: 'w', creator: 'c' })).toThrow(AppError);
  });
});
