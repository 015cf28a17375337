/**
 * The letter DOCX export after issue 12: an issued letter's stored text is spliced, not re-zipped — the body part
 * goes out as the very bytes that were stored (not inflated and deflated again), only the page headers and the
 * file's author carry the reader — and the result is a package Word and the zip readers open. The stored file is
 * checked at every export (an altered one is refused, also after an export has prepared it); a letter numbered
 * without a stored text keeps its first render; a draft is rendered fresh every time; every export is audited.
 */
import { unzipSync } from 'fflate';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { AppError } from '../../platform/errors';
import { crc32, stampDocx } from '../../platform/official-doc-stamp';
import { renderPool } from './render-pool';
import { docxPart, docxXml, issuedLetter, seedLetter, storedDocx } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The stored bytes (compressed as stored) of each entry, read from the central directory like any zip reader. */
function rawEntries(zip: Buffer): Map<string, { method: number; crc: number; data: Buffer }> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const out = new Map<string, { method: number; crc: number; data: Buffer }>();
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const nameLen = zip.readUInt16LE(p + 28);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, { method: zip.readUInt16LE(p + 10), crc: zip.readUInt32LE(p + 16), data: zip.subarray(start, start + zip.readUInt32LE(p + 20)) });
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

const exportAs = (id: string, as: string, copy = '') => t.request({ method: 'GET', url: `/api/v1/letters/${id}/document.docx${copy}`, as });

async function audits(id: string) {
  return t.db
    .selectFrom('audit_event')
    .select(['actor_name', 'payload'])
    .where('type', '=', 'letter.exported')
    .where('object_id', '=', id)
    .orderBy('id')
    .execute();
}

describe('an issued letter is spliced from its stored text', () => {
  it('two readers get the stored body bytes unchanged, each their own watermark, in a package that opens', async () => {
    const id = await issuedLetter(t, '关于拼接导出测试的监察建议书');
    const stored = (await storedDocx(t, id))!;
    const a = await exportAs(id, 'sc8.director');
    const b = await exportAs(id, 'sj.secretary');
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const storedRaw = rawEntries(stored.plain);
    for (const res of [a, b]) {
      const raw = rawEntries(res.rawPayload);
      // Same parts in the same order; every part but the headers and core.xml byte for byte as stored.
      expect([...raw.keys()]).toEqual([...storedRaw.keys()]);
      for (const [name, e] of raw) {
        if (/^word\/header\d*\.xml$|^docProps\/core\.xml$/.test(name)) continue;
        expect(e.data.equals(storedRaw.get(name)!.data), name).toBe(true);
      }
      expect(raw.get('word/document.xml')!.method).toBe(8);
      // Opens: JSZip checks every CRC, fflate inflates every part.
      const zip = await JSZip.loadAsync(res.rawPayload, { checkCRC32: true });
      expect(Object.keys(zip.files).length).toBe(storedRaw.size);
      const parts = unzipSync(new Uint8Array(res.rawPayload));
      for (const [name, data] of Object.entries(parts)) expect(crc32(data), name).toBe(raw.get(name)!.crc);
      expect(Buffer.from(parts['word/document.xml']!).equals(Buffer.from(unzipSync(new Uint8Array(stored.plain))['word/document.xml']!))).toBe(true);
    }
    const ha = (await docxXml(a.rawPayload)).headers;
    const hb = (await docxXml(b.rawPayload)).headers;
    expect(ha).toContain('导出人');
    expect(ha).toContain('sc8.director');
    expect(ha).not.toContain('sj.secretary');
    expect(hb).toContain('sj.secretary');
    expect(hb).not.toContain('sc8.director');
    expect(ha).not.toBe(hb);
    const core = await docxPart(b.rawPayload, 'docProps/core.xml');
    expect(core).toMatch(/<dc:creator>[^<]*sj\.secretary/);
    expect(core).toMatch(/<cp:lastModifiedBy>[^<]*sj\.secretary/);
    // Each export is one audited read, by its reader.
    const trail = await audits(id);
    expect(trail.map((e) => e.actor_name)).toHaveLength(2);
    expect(trail[1]!.payload).toMatchObject({ format: 'docx', copy: 'screen', draft: false });
  });

  it('refuses an altered stored text at every export, also after an export has prepared it', async () => {
    const id = await issuedLetter(t, '关于篡改检测测试的监察建议书');
    expect((await exportAs(id, 'sc8.director')).statusCode).toBe(200);
    const { att } = (await storedDocx(t, id))!;
    const before = (await audits(id)).length;
    // One byte of the sealed file changed behind the application.
    const flipped = Buffer.from(att.content);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 40) ^ 0x01, flipped.length - 40);
    await t.db.updateTable('attachment').set({ content: flipped }).where('id', '=', att.id).execute();
    try {
      const res = await exportAs(id, 'sc8.director');
      expect(res.statusCode).toBe(500);
      expect(res.rawPayload.subarray(0, 2).toString()).not.toBe('PK');
      expect((await audits(id)).length).toBe(before);
      // A consistent forgery (new bytes with their own checksum) fails the seal as well.
      await t.db
        .updateTable('attachment')
        .set({ content: att.content, sha256: '0'.repeat(64) })
        .where('id', '=', att.id)
        .execute();
      expect((await exportAs(id, 'sc8.director')).statusCode).toBe(500);
    } finally {
      await t.db.updateTable('attachment').set({ content: att.content, sha256: att.sha256 }).where('id', '=', att.id).execute();
    }
    expect((await exportAs(id, 'sc8.director')).statusCode).toBe(200);
  });

  it('the print copy is spliced too: no watermark line, the reader in the metadata', async () => {
    const id = await issuedLetter(t, '关于拼接打印用文本测试的监察建议书');
    const res = await exportAs(id, 'sc8.director', '?copy=print');
    expect(res.statusCode).toBe(200);
    const { headers, doc } = await docxXml(res.rawPayload);
    expect(headers).not.toContain('导出人');
    expect(doc).toMatch(/〔\d{4}〕\d+号/);
    expect(await docxPart(res.rawPayload, 'docProps/core.xml')).toContain('sc8.director');
  });
});

describe('a letter numbered without a stored text, and drafts', () => {
  it('keeps its first render as its text: later exports splice it, whatever the row says since', async () => {
    const seeded = await seedLetter(t, { state: 'SERVED', title: '关于无存档文本测试的监察建议书' });
    expect(await storedDocx(t, seeded.id)).toBeNull();
    // A reader outside the scope gets 404 and stores nothing.
    expect((await exportAs(seeded.id, 'jc1.staff')).statusCode).toBe(404);
    expect(await storedDocx(t, seeded.id)).toBeNull();
    const first = await exportAs(seeded.id, 'sc8.director');
    expect(first.statusCode).toBe(200);
    const kept = (await storedDocx(t, seeded.id))!;
    expect(kept.att).toMatchObject({ owner_type: 'letter', owner_id: seeded.id, mime_type: expect.stringContaining('wordprocessingml') });
    expect((await docxXml(kept.plain)).doc).toContain('个别信贷人员违规放贷');
    expect((await audits(seeded.id)).at(-1)!.payload).toMatchObject({ stored: true, draft: false });
    // The text is fixed from now on: a change of the row behind the application does not reach the export.
    await sql`UPDATE letter SET facts = '事后改动的事实' WHERE id = ${seeded.id}::uuid`.execute(t.db);
    const second = await exportAs(seeded.id, 'sj.secretary');
    expect(second.statusCode).toBe(200);
    const { doc, headers } = await docxXml(second.rawPayload);
    expect(doc).toContain('个别信贷人员违规放贷');
    expect(doc).not.toContain('事后改动');
    expect(headers).toContain('sj.secretary');
    expect(rawEntries(second.rawPayload).get('word/document.xml')!.data.equals(rawEntries(kept.plain).get('word/document.xml')!.data)).toBe(true);
    expect((await audits(seeded.id)).at(-1)!.payload).not.toHaveProperty('stored');
    // Still the one stored file.
    expect((await storedDocx(t, seeded.id))!.att.id).toBe(kept.att.id);
    const files = await t.db.selectFrom('attachment').select('id').where('owner_id', '=', seeded.id).execute();
    expect(files).toHaveLength(1);
  });

  it('two first exports at once keep one file and both answer', async () => {
    const seeded = await seedLetter(t, { state: 'ISSUED', title: '关于并发首次导出测试的监察建议书' });
    const [a, b] = await Promise.all([exportAs(seeded.id, 'sc8.director'), exportAs(seeded.id, 'sj.secretary')]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const files = await t.db.selectFrom('attachment').select('id').where('owner_id', '=', seeded.id).execute();
    expect(files).toHaveLength(1);
    expect((await storedDocx(t, seeded.id))!.att.id).toBe(files[0]!.id);
  });

  it('a draft renders fresh at every export and is never stored', async () => {
    const seeded = await seedLetter(t, { state: 'DRAFTING', title: '关于草稿实时渲染测试的监察建议书' });
    const first = await exportAs(seeded.id, 'sc8.director');
    expect(first.statusCode).toBe(200);
    expect((await docxXml(first.rawPayload)).headers).toContain('草稿（未编号）');
    // Rendered in the render pool's worker thread, not on the request's thread.
    expect(renderPool.workers).toBeGreaterThan(0);
    await sql`UPDATE letter SET facts = '草稿修改后的事实' WHERE id = ${seeded.id}::uuid`.execute(t.db);
    const second = await exportAs(seeded.id, 'sc8.director');
    expect((await docxXml(second.rawPayload)).doc).toContain('草稿修改后的事实');
    expect(await storedDocx(t, seeded.id)).toBeNull();
    expect((await audits(seeded.id)).map((e) => e.payload)).toEqual([expect.objectContaining({ draft: true }), expect.objectContaining({ draft: true })]);
  });
});

describe('stampDocx on packages other packers write', () => {
  const HEADER = '<?xml version="1.0"?><w:hdr xmlns:w="w"><w:p><w:r><w:t>导出人 旧名</w:t></w:r><w:r><w:t>残留</w:t></w:r></w:p></w:hdr>';
  const CORE = '<cp:coreProperties xmlns:cp="cp" xmlns:dc="dc"><dc:creator>旧</dc:creator></cp:coreProperties>';
  const BODY = `<w:document xmlns:w="w"><w:body>${'<w:p><w:r><w:t>正文</w:t></w:r></w:p>'.repeat(200)}</w:body></w:document>`;

  it('keeps data-descriptor, stored and commented entries as they are and rewrites only the stamped parts', async () => {
    const src = new JSZip();
    src.file('[Content_Types].xml', '<Types/>', { compression: 'STORE' });
    src.file('word/document.xml', BODY, { compression: 'DEFLATE', comment: '正文注释' });
    src.file('word/header1.xml', HEADER);
    src.file('docProps/core.xml', CORE, { compression: 'STORE' });
    for (const streamFiles of [false, true]) {
      const stored = await src.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles });
      const out = stampDocx(stored, { watermark: '导出人 新<名>', creator: '新' });
      const zip = await JSZip.loadAsync(out, { checkCRC32: true });
      const header = await zip.file('word/header1.xml')!.async('string');
      expect(header).toContain('导出人 新&lt;名&gt;');
      expect(header).not.toContain('旧名');
      expect(header).not.toContain('残留');
      const core = await zip.file('docProps/core.xml')!.async('string');
      expect(core).toContain('<dc:creator>新</dc:creator>');
      expect(core).toContain('<dc:description>导出人 新&lt;名&gt;</dc:description>');
      expect(await zip.file('word/document.xml')!.async('string')).toBe(BODY);
      expect(rawEntries(out).get('word/document.xml')!.data.equals(rawEntries(stored).get('word/document.xml')!.data)).toBe(true);
      expect(rawEntries(out).get('[Content_Types].xml')!.method).toBe(0);
      expect(zip.file('word/document.xml')!.comment).toBe('正文注释');
    }
  });

  it('refuses a package without a header, a damaged header part and what is not a zip', async () => {
    const noHeader = new JSZip();
    noHeader.file('word/document.xml', BODY);
    const missing = await noHeader.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(() => stampDocx(missing, { watermark: 'w', creator: 'c' })).toThrow(/缺少页眉/);
    const ok = new JSZip();
    ok.file('word/document.xml', BODY);
    ok.file('word/header1.xml', HEADER, { compression: 'STORE' });
    const good = await ok.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    const at = good.indexOf(Buffer.from('导出人 旧名'));
    const bad = Buffer.from(good);
    bad.writeUInt8(bad.readUInt8(at) ^ 0x20, at);
    expect(() => stampDocx(bad, { watermark: 'w', creator: 'c' })).toThrow(AppError);
    expect(() => stampDocx(good.subarray(0, good.length - 30), { watermark: 'w', creator: 'c' })).toThrow(AppError);
    expect(() => stampDocx(Buffer.from('PK\u0003\u0004 not a zip'), { watermark: 'w', creator: 'c' })).toThrow(AppError);
  });
});
