/**
 * The letter DOCX export after issue 12's second pass: an issued letter's stored file is read, stamped and audited in
 * one transaction, and a node remembers the sealed bytes it has checked (docx.ts `checkedPackage`) — equal sealed
 * bytes of the same attachment are not opened again. What must not change: a letter whose stored text is replaced
 * exports the new text (the cache is per attachment and compares the bytes read now), a re-sealed file still exports
 * the same text, a reader outside the letter's scope or commission gets a 404 also once the file is remembered, and
 * every export writes its audit row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createOtherCommission } from '../../../test/fixtures';
import { TEST_SM4_KEY } from '../../../test/keys';
import { attachmentAad, openAttachment } from '../../platform/attachments/store';
import { FieldCipher } from '../../platform/crypto';
import { stampOf } from '../../platform/official-doc';
import { COMMISSION_TIME_ZONE } from '../../platform/zone';
import { docxXml, issuedLetter, storedDocx } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const cipher = new FieldCipher(TEST_SM4_KEY);

const exportAs = (id: string, as: string) => t.request({ method: 'GET', url: `/api/v1/letters/${id}/document.docx`, as });

const exports = async (id: string) =>
  (await t.db.selectFrom('audit_event').select('actor_name').where('type', '=', 'letter.exported').where('object_id', '=', id).execute()).length;

const attachmentOf = async (letterId: string) => (await storedDocx(t, letterId))!.att;

describe('an issued letter’s export with its checked file remembered', () => {
  it('a letter whose stored text is replaced exports the new text at once, not the one checked before', async () => {
    const id = await issuedLetter(t, '关于缓存前文本的监察建议书');
    for (let i = 0; i < 2; i++) {
      const res = await exportAs(id, 'sc8.director');
      expect(res.statusCode).toBe(200);
      expect((await docxXml(res.rawPayload)).doc).toContain('关于缓存前文本的监察建议书');
    }
    const before = await attachmentOf(id);
    // Revised: another text, kept as the letter's new stored file at its next export (a new attachment).
    await t.db.updateTable('letter').set({ title: '关于修订后文本的监察建议书', docx_attachment_id: null }).where('id', '=', id).execute();
    for (let i = 0; i < 2; i++) {
      const res = await exportAs(id, 'sc8.director');
      expect(res.statusCode).toBe(200);
      const { doc } = await docxXml(res.rawPayload);
      expect(doc).toContain('关于修订后文本的监察建议书');
      expect(doc).not.toContain('关于缓存前文本的监察建议书');
    }
    expect((await attachmentOf(id)).id).not.toBe(before.id);
    // The letter pointed back at its first file: its first text again.
    await t.db.updateTable('letter').set({ docx_attachment_id: before.id }).where('id', '=', id).execute();
    expect((await docxXml((await exportAs(id, 'sc8.director')).rawPayload)).doc).toContain('关于缓存前文本的监察建议书');
    expect(await exports(id)).toBe(5);
  });

  it('the same attachment re-sealed (a key rotation’s new bytes) exports the same text; bytes sealed for another file are refused', async () => {
    const id = await issuedLetter(t, '关于重新封装测试的监察建议书');
    const first = await exportAs(id, 'sc8.director');
    expect(first.statusCode).toBe(200);
    const att = await attachmentOf(id);
    const plain = openAttachment(cipher, att);
    const resealed = cipher.seal(plain, attachmentAad(att.id, att.commission_id));
    expect(resealed.equals(att.content)).toBe(false);
    await t.db.updateTable('attachment').set({ content: resealed }).where('id', '=', att.id).execute();
    const again = await exportAs(id, 'sc8.director');
    expect(again.statusCode).toBe(200);
    expect((await docxXml(again.rawPayload)).doc).toBe((await docxXml(first.rawPayload)).doc);
    // The same text sealed for another attachment (moved bytes): the seal names the row, refused.
    const moved = cipher.seal(plain, attachmentAad('00000000-0000-4000-8000-000000000000', att.commission_id));
    await t.db.updateTable('attachment').set({ content: moved }).where('id', '=', att.id).execute();
    try {
      const before = await exports(id);
      expect((await exportAs(id, 'sc8.director')).statusCode).toBe(500);
      expect(await exports(id)).toBe(before);
    } finally {
      await t.db.updateTable('attachment').set({ content: att.content }).where('id', '=', att.id).execute();
    }
    expect((await exportAs(id, 'sc8.director')).statusCode).toBe(200);
  });

  it('404 outside the letter’s scope and commission also once its file is remembered, without an audit row', async () => {
    const id = await issuedLetter(t, '关于缓存后范围测试的监察建议书');
    expect((await exportAs(id, 'sc8.director')).statusCode).toBe(200);
    expect((await exportAs(id, 'sc8.director')).statusCode).toBe(200);
    const other = await createOtherCommission(t.db);
    const before = await exports(id);
    // Another commission's secretary (wide in its own commission), a unit liaison of the letter's commission, an
    // office that neither drafted nor receives it.
    for (const who of [other.username, 'edu.liaison', 'jc3.staff']) expect((await exportAs(id, who)).statusCode, who).toBe(404);
    expect(await exports(id)).toBe(before);
    expect((await exportAs(id, 'sj.secretary')).statusCode).toBe(200);
    expect(await exports(id)).toBe(before + 1);
  });
});

describe('the watermark’s time', () => {
  it('is the text a formatter made for each export gave: yyyy-MM-dd HH:mm in the commission’s zone', () => {
    const fresh = (d: Date) =>
      new Intl.DateTimeFormat('zh-CN', {
        timeZone: COMMISSION_TIME_ZONE,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      })
        .format(d)
        .replace(/\//g, '-');
    for (const iso of ['2026-01-01T00:00:00Z', '2026-06-30T15:59:59Z', '2026-12-31T16:00:00Z', '2024-02-29T23:30:00Z']) {
      expect(stampOf(new Date(iso))).toBe(fresh(new Date(iso)));
    }
    expect(stampOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00');
    for (let i = 0; i < 200; i++) {
      const d = new Date(Date.UTC(2020, 0, 1) + Math.floor(Math.random() * 10 * 365 * 86_400_000));
      expect(stampOf(d)).toBe(fresh(d));
    }
  });
});
