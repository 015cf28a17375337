/** 印发 of a supervision list as a numbered 通知 (issue 14): who, when, once, the number in the DOCX, drafts before. */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { todayIso } from '../../platform/calendar';
import { officialDay } from '../../platform/official-doc';
import { auditCount } from '../orgs/test-helpers';
import { addItem, consult, createList, driveTo, freshYear, userId } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The text of each paragraph of a DOCX part, in order. */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

async function docxOf(listId: string, as = 'jc3.staff', copy = 'screen') {
  const res = await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${listId}/export.docx?copy=${copy}`, as });
  expect(res.statusCode, res.body).toBe(200);
  const zip = await JSZip.loadAsync(res.rawPayload);
  const doc = await zip.file('word/document.xml')!.async('string');
  const headers = await Promise.all(
    Object.keys(zip.files)
      .filter((f) => /word\/header\d*\.xml/.test(f))
      .map((f) => zip.file(f)!.async('string')),
  );
  return { doc, paras: paragraphs(doc), headers: headers.join('\n'), disposition: String(res.headers['content-disposition']) };
}

/** A fresh edu-group list with one item due in the list's year, driven to `approved` or left in DRAFT. */
async function freshList(approved: boolean) {
  const year = freshYear();
  const list = await createList(t, { year });
  await consult(t, list.id);
  const item = await addItem(t, list.id, { dueDate: `${year}-12-31` });
  if (approved) await driveTo(t, item.id, 'APPROVED');
  return { id: list.id as string, year };
}

const get = async (id: string, as: string) => t.request({ method: 'GET', url: `/api/v1/supervision/lists/${id}`, as });
const issue = (id: string, version: number, as = 'dfzf.staff') =>
  t.request({ method: 'POST', url: `/api/v1/supervision/lists/${id}/issue`, as, payload: { version } });
const docNumbers = async (listId: string) =>
  (await t.db.selectFrom('doc_number').select('text').where('object_type', '=', 'supervision_list').where('object_id', '=', listId).execute()).map(
    (r) => r.text,
  );
/** Any full date (2026年2月10日): a 成文日期 or an 印发日期. The table's due dates print without the year here. */
const FULL_DATE = /\d{4}年\d{1,2}月\d{1,2}日/;

describe('issuing a supervision list (印发)', () => {
  it('an approved but unissued list exports as a draft: 草稿（未编号）, the 草稿 watermark, no dates; only the coordinator may issue', async () => {
    const { id } = await freshList(true);
    const { paras, headers, disposition } = await docxOf(id);
    expect(paras).toContain('草稿（未编号）');
    expect(paras.some((p) => FULL_DATE.test(p))).toBe(false);
    expect(paras.some((p) => p.startsWith('中共兰州市纪委办公室') && p.endsWith('印发'))).toBe(false);
    expect(headers).toContain('草稿');
    expect(decodeURIComponent(disposition)).toContain('草稿-');
    // The print copy is a draft too (草稿 watermark, no dates), without the exporter line.
    const print = await docxOf(id, 'jc3.staff', 'print');
    expect(print.paras).toContain('草稿（未编号）');
    expect(print.paras.some((p) => FULL_DATE.test(p))).toBe(false);
    expect(print.headers).toContain('草稿');
    expect(print.headers).not.toContain('导出人');
    // The ability: the 党风政风监督室 only.
    expect((await get(id, 'dfzf.staff')).json()).toMatchObject({ docNo: null, issuedOn: null, abilities: { issue: true } });
    expect((await get(id, 'jc3.staff')).json().abilities.issue).toBe(false);
    expect((await get(id, 'edu.group')).json().abilities.issue).toBe(false);
  });

  it('the coordinator issues once: 200 with the 发文字号, printed in the DOCX with the 成文日期 and 印发日期; twice or stale → 409', async () => {
    const { id } = await freshList(true);
    const before = (await get(id, 'dfzf.staff')).json();
    const stale = await issue(id, before.version + 1);
    expect(stale.statusCode).toBe(409);
    expect(await docNumbers(id)).toEqual([]);

    const res = await issue(id, before.version);
    expect(res.statusCode, res.body).toBe(200);
    const issued = res.json();
    const today = todayIso();
    expect(issued.docNo).toMatch(new RegExp(`^兰纪发〔${today.slice(0, 4)}〕[1-9]\\d*号$`));
    expect(issued.issuedOn).toBe(today);
    expect(issued.version).toBe(before.version + 1);
    expect(issued.abilities.issue).toBe(false);
    expect(await docNumbers(id)).toEqual([issued.docNo]);
    const row = await t.db.selectFrom('supervision_list').select(['doc_no', 'issued_by']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ doc_no: issued.docNo, issued_by: await userId(t, 'dfzf.staff') });
    expect(await auditCount(t, 'supervision.list_issued', id)).toBe(1);
    // The owner group's staff are told, with the number.
    const notice = await t.db
      .selectFrom('inbox_message')
      .select(['body', 'link'])
      .where('user_id', '=', await userId(t, 'edu.group'))
      .where('kind', '=', 'supervision.list_issued')
      .where('link', '=', `/supervision/lists/${id}`)
      .executeTakeFirst();
    expect(notice?.body).toContain(issued.docNo);
    // Everyone who sees the list sees the number.
    expect((await get(id, 'edu.group')).json().docNo).toBe(issued.docNo);

    const { paras, headers, disposition } = await docxOf(id);
    const day = officialDay(today);
    expect(paras).toContain(issued.docNo);
    expect(paras).not.toContain('草稿（未编号）');
    expect(paras).toContain(day); // 成文日期
    expect(paras.some((p) => p.startsWith('中共兰州市纪委办公室') && p.endsWith(`${day}印发`))).toBe(true);
    expect(headers).not.toContain('草稿');
    expect(decodeURIComponent(disposition)).not.toContain('草稿-');

    const again = await issue(id, issued.version);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已印发');
    expect(await docNumbers(id)).toEqual([issued.docNo]);
    // What was issued under the number stays: the list can no longer be edited (no edit button either).
    expect((await get(id, 'jc3.staff')).json().abilities.update).toBe(false);
    const patch = await t.request({
      method: 'PATCH',
      url: `/api/v1/supervision/lists/${id}`,
      as: 'jc3.staff',
      payload: { version: issued.version, title: '改过的标题' },
    });
    expect(patch.statusCode).toBe(409);
    expect(await auditCount(t, 'supervision.list_issued', id)).toBe(1);
  });

  it('others may not issue: the liaison office and the owner group who see it 403, another group 404', async () => {
    const { id } = await freshList(true);
    const { version } = (await get(id, 'dfzf.staff')).json();
    for (const as of ['jc3.staff', 'edu.group']) {
      const res = await issue(id, version, as);
      expect(res.statusCode, as).toBe(403);
      expect(res.json().message).toContain('党风政风监督室');
    }
    expect((await get(id, 'fin.group')).statusCode).toBe(404);
    expect((await issue(id, version, 'fin.group')).statusCode).toBe(404);
    expect((await issue('00000000-0000-4000-8000-000000000000', 1)).statusCode).toBe(404);
    expect(await docNumbers(id)).toEqual([]);
    expect(await auditCount(t, 'supervision.list_issued', id)).toBe(0);
    const row = await t.db.selectFrom('supervision_list').select(['doc_no', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ doc_no: null, version });
  });

  it('a list with items not yet approved is not issued (409) and nothing is written', async () => {
    const { id } = await freshList(false);
    const before = (await get(id, 'dfzf.staff')).json();
    expect(before.abilities.issue).toBe(false);
    const sequence = async () =>
      (
        await t.db
          .selectFrom('doc_sequence')
          .select('last_no')
          .where('doc_code', '=', '兰纪发')
          .where('year', '=', Number(todayIso().slice(0, 4)))
          .executeTakeFirst()
      )?.last_no ?? 0;
    const seq = await sequence();
    const res = await issue(id, before.version);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('未审定');
    expect(await docNumbers(id)).toEqual([]);
    expect(await sequence()).toBe(seq);
    expect(await auditCount(t, 'supervision.list_issued', id)).toBe(0);
    expect((await get(id, 'dfzf.staff')).json()).toMatchObject({ docNo: null, issuedOn: null, version: before.version });
  });

  it('rejects a body without a version (400, zh-CN message)', async () => {
    const { id } = await freshList(false);
    const res = await t.request({ method: 'POST', url: `/api/v1/supervision/lists/${id}/issue`, as: 'dfzf.staff', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('版本号');
  });
});
