/**
 * The document exports over HTTP (issue 14): the print copy (?copy=print) carries no watermark line but keeps the
 * exporter in the file's metadata and the audit log; a draft carries the diagonal 草稿 and no dates; the PDF says
 * which official fonts it had to replace; the 室组会商 and 集体排查会 records export as 纪要, scoped like the
 * records themselves (404 outside scope) and audited.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { docxPart, docxXml, issuedLetter, seedLetter } from '../modules/letters/test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const hasSoffice = (process.env.PATH ?? '').split(':').some((d) => d && existsSync(path.join(d, 'soffice')));

async function lastAudit(type: string, objectId: string) {
  return t.db
    .selectFrom('audit_event')
    .select(['payload', 'actor_name'])
    .where('type', '=', type)
    .where('object_id', '=', objectId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

describe('print copy and screen copy', () => {
  it('an issued letter: the print copy has no 导出人 line, the screen copy has it; both name the exporter in the metadata; the audit says which', async () => {
    const id = await issuedLetter(t, '关于打印用正式文本测试的监察建议书');

    const print = await t.request({ method: 'GET', url: `/api/v1/letters/${id}/document.docx?copy=print`, as: 'sc8.director' });
    expect(print.statusCode).toBe(200);
    const p = await docxXml(print.rawPayload);
    expect(p.headers).not.toContain('导出人');
    expect(p.doc).toMatch(/〔\d{4}〕\d+号/);
    const core = await docxPart(print.rawPayload, 'docProps/core.xml');
    expect(core).toContain('sc8.director');
    expect(core).toMatch(/<dc:description>导出人 [^<]*sc8\.director/);
    expect((await lastAudit('letter.exported', id))?.payload).toMatchObject({ format: 'docx', copy: 'print' });

    const screen = await t.request({ method: 'GET', url: `/api/v1/letters/${id}/document.docx`, as: 'sc8.director' });
    expect((await docxXml(screen.rawPayload)).headers).toContain('导出人');
    expect((await lastAudit('letter.exported', id))?.payload).toMatchObject({ copy: 'screen' });
  });

  it('a draft letter carries the diagonal 草稿 watermark and neither 成文日期 nor 印发日期, in either copy', async () => {
    const seeded = await seedLetter(t, { title: '关于草稿水印测试的监察建议书' });
    for (const copy of ['print', 'screen']) {
      const res = await t.request({ method: 'GET', url: `/api/v1/letters/${seeded.id}/document.docx?copy=${copy}`, as: 'sc8.director' });
      expect(res.statusCode).toBe(200);
      const x = await docxXml(res.rawPayload);
      expect(x.headers).toMatch(/rotation:315[^>]*>[\s\S]*string="草稿"/);
      expect(x.doc).not.toMatch(/\d{4}年\d{1,2}月\d{1,2}日印发/);
      expect(x.doc).not.toMatch(/<w:t[^>]*>\d{4}年\d{1,2}月\d{1,2}日<\/w:t>/);
    }
  });

  it('refuses an unknown copy with a zh-CN message naming the field (400), and still 404s a letter outside the scope', async () => {
    const seeded = await seedLetter(t, { title: '关于参数校验测试的监察建议书' });
    const bad = await t.request({ method: 'GET', url: `/api/v1/letters/${seeded.id}/document.docx?copy=paper`, as: 'sc8.director' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('copy');
    expect(bad.body).toContain('打印用正式文本');
    const outside = await t.request({ method: 'GET', url: `/api/v1/letters/${seeded.id}/document.docx?copy=print`, as: 'edu.group' });
    expect(outside.statusCode).toBe(404);
  });

  it.skipIf(!hasSoffice)(
    'the PDF names the official fonts it replaced (X-Font-Substitution) and is the print copy when asked',
    async () => {
      const seeded = await seedLetter(t, { title: '关于字体替代测试的监察建议书' });
      const res = await t.request({ method: 'GET', url: `/api/v1/letters/${seeded.id}/document.pdf?copy=print`, as: 'sc8.director' });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const header = decodeURIComponent(String(res.headers['x-font-substitution'] ?? ''));
      expect(header).toContain('仿宋_GB2312→Noto Serif CJK SC');
      expect(header).toContain('黑体→Noto Sans CJK SC');
      expect(String(res.headers['x-font-substitution'])).toMatch(/^[\x21-\x7e]+$/);
      expect((await lastAudit('letter.exported', seeded.id))?.payload).toMatchObject({
        format: 'pdf',
        copy: 'print',
        fontSubstitutions: expect.arrayContaining(['仿宋_GB2312']),
      });
    },
    90_000,
  );
});

describe('纪要 of 室组会商 and 集体排查会', () => {
  it('a 室组会商 record exports as a 纪要 for whoever sees its list; 404 outside the scope and for a record of another list; audited', async () => {
    const { rows } = await t.db
      .selectFrom('list_consultation as c')
      .innerJoin('supervision_list as l', 'l.id', 'c.list_id')
      .innerJoin('org as o', 'o.id', 'l.owner_group_id')
      .select(['c.id', 'c.list_id'])
      .where('o.name_zh', 'like', '%驻市教育局%')
      .execute()
      .then((r) => ({ rows: r }));
    expect(rows.length).toBeGreaterThan(0);
    const c = rows[0]!;
    const url = `/api/v1/supervision/lists/${c.list_id}/consultations/${c.id}/minutes.docx`;
    const before = await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'supervision.consultation_minutes_exported')
      .executeTakeFirstOrThrow();
    const res = await t.request({ method: 'GET', url: `${url}?copy=print`, as: 'edu.group' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const x = await docxXml(res.rawPayload);
    expect(x.doc).toContain('室组会商纪要');
    expect(x.doc).toContain('出席：');
    expect(x.doc).toContain('请假：');
    expect(x.doc).toContain('列席：');
    expect(x.doc).not.toMatch(/〔\d{4}〕\d+号/);
    expect(x.headers).not.toContain('导出人');
    const after = await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'supervision.consultation_minutes_exported')
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    expect((await lastAudit('supervision.consultation_minutes_exported', c.list_id))?.payload).toMatchObject({ consultationId: c.id, copy: 'print' });

    expect((await t.request({ method: 'GET', url, as: 'fgw.group' })).statusCode).toBe(404);
    const other = await t.db.selectFrom('list_consultation').select('id').where('list_id', '!=', c.list_id).executeTakeFirst();
    if (other) {
      expect(
        (await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${c.list_id}/consultations/${other.id}/minutes.docx`, as: 'edu.group' })).statusCode,
      ).toBe(404);
    }
    expect(
      (await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${c.list_id}/consultations/not-a-uuid/minutes.docx`, as: 'edu.group' })).statusCode,
    ).toBe(400);
  });

  it('a 集体排查会 exports as a 纪要 (排查意见 numbered, 出席 line) for whoever may open it; 404 for another group; audited', async () => {
    const m = await t.db
      .selectFrom('clue_meeting')
      .select(['id', 'title'])
      .where('title', 'like', '%驻市发展和改革委员会纪检监察组%集体排查会')
      .executeTakeFirstOrThrow();
    const res = await t.request({ method: 'GET', url: `/api/v1/clue-meetings/${m.id}/minutes.docx`, as: 'fgw.group' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const x = await docxXml(res.rawPayload);
    expect(x.doc).toContain('线索集体排查纪要');
    expect(x.doc).toContain('一、排查意见');
    expect(x.doc).toContain('（一）');
    expect(x.doc).toContain('出席：');
    expect(x.headers).toContain('导出人');
    expect((await lastAudit('clue.meeting_minutes_exported', m.id))?.payload).toMatchObject({ copy: 'screen' });
    expect((await t.request({ method: 'GET', url: `/api/v1/clue-meetings/${m.id}/minutes.docx`, as: 'edu.group' })).statusCode).toBe(404);
  });
});
