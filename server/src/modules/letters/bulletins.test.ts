/** 通报: draft, 签发, issue once with 兰纪通〔年〕N号 (only after 签发), DOCX, visibility of unissued/internal/public bulletins. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../orgs/test-helpers';
import { docxXml } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const body = (scope: 'PUBLIC' | 'INTERNAL', title: string) => ({
  type: 'TYPICAL_CASES_EXPOSURE',
  scope,
  title,
  recipients: '各县区纪委监委，市纪委监委各派驻纪检监察组',
  body: '近期，全市纪检监察机关查处了一批金融领域违规放贷问题（演示数据）。\n各单位要引以为戒，举一反三。',
});

describe('bulletins', () => {
  let pub = '';
  let internal = '';

  it('drafts (staff only); unissued ones stay hidden from the unit liaison', async () => {
    expect((await t.request({ method: 'POST', url: '/api/v1/bulletins', payload: body('PUBLIC', 'x'), as: 'bank.liaison' })).statusCode).toBe(403);
    const res = await t.request({ method: 'POST', url: '/api/v1/bulletins', payload: body('PUBLIC', '关于金融领域违规放贷典型问题的通报'), as: 'fin.staff' });
    expect(res.statusCode, res.body).toBe(200);
    pub = res.json().id;
    expect(res.json()).toMatchObject({ docNo: null, issuedOn: null, signedBy: null, abilities: { sign: false, issue: false } });
    expect(await auditCount(t, 'bulletin.created', pub)).toBe(1);
    internal = (await t.request({ method: 'POST', url: '/api/v1/bulletins', payload: body('INTERNAL', '内部情况通报'), as: 'fin.staff' })).json().id;
    expect((await t.request({ method: 'GET', url: `/api/v1/bulletins/${pub}`, as: 'bank.liaison' })).statusCode).toBe(404);
    const list = (await t.request({ method: 'GET', url: '/api/v1/bulletins', as: 'bank.liaison' })).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(pub);
    // a draft DOCX is a 草稿 preview
    const draft = await t.request({ method: 'GET', url: `/api/v1/bulletins/${pub}/document.docx`, as: 'fin.staff' });
    expect((await docxXml(draft.rawPayload)).doc).toContain('草稿（未编号）');
  });

  it('issues once with a 兰纪通 number (second issue and stale version → 409; other offices 404)', async () => {
    // 签发 by the 书记 first (issue 9: numbered only after 签发; see the 签发 block below).
    for (const id of [pub, internal]) {
      const signed = await t.request({ method: 'POST', url: `/api/v1/bulletins/${id}/sign`, payload: { version: 1 }, as: 'sj.secretary' });
      expect(signed.statusCode, signed.body).toBe(200);
    }
    expect((await t.request({ method: 'POST', url: `/api/v1/bulletins/${pub}/issue`, payload: { version: 2 }, as: 'jc1.staff' })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: `/api/v1/bulletins/${pub}/issue`, payload: { version: 9 }, as: 'fin.staff' })).statusCode).toBe(409);
    const res = await t.request({ method: 'POST', url: `/api/v1/bulletins/${pub}/issue`, payload: { version: 2 }, as: 'fin.staff' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().docNo).toMatch(/^兰纪通〔\d{4}〕\d+号$/);
    expect(res.json().docxAttachmentId).toBeTruthy();
    const again = await t.request({ method: 'POST', url: `/api/v1/bulletins/${pub}/issue`, payload: { version: res.json().version }, as: 'fin.staff' });
    expect(again.statusCode).toBe(409);
    expect(await auditCount(t, 'bulletin.issued', pub)).toBe(1);
    await t.request({ method: 'POST', url: `/api/v1/bulletins/${internal}/issue`, payload: { version: 2 }, as: 'fin.staff' });
  });

  it('renders the issued DOCX with number and title; the liaison sees issued public bulletins only', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/bulletins/${pub}/document.docx`, as: 'bank.liaison' });
    expect(res.statusCode).toBe(200);
    const { doc } = await docxXml(res.rawPayload);
    const b = (await t.request({ method: 'GET', url: `/api/v1/bulletins/${pub}`, as: 'fin.staff' })).json();
    expect(doc).toContain(b.docNo);
    expect(doc).toContain('关于金融领域违规放贷典型问题的通报');
    expect(doc).toContain('各县区纪委监委，市纪委监委各派驻纪检监察组：');
    // The joint mark by the organs' formal short names (settings), on two lines; never "兰州市纪委监委".
    expect(doc).toMatch(/>中共兰州市纪委<\/w:t>(?:(?!<w:t).)*<w:t[^>]*>兰州市监委</);
    expect(doc).not.toContain('>兰州市纪委监委<');
    expect(doc).toContain('中共兰州市纪委办公室');
    expect(await auditCount(t, 'bulletin.exported', pub)).toBe(2);
    expect((await t.request({ method: 'GET', url: `/api/v1/bulletins/${internal}`, as: 'bank.liaison' })).statusCode).toBe(404);
    const list = (await t.request({ method: 'GET', url: '/api/v1/bulletins?issued=true', as: 'bank.liaison' })).json();
    const ids = list.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(pub);
    expect(ids).not.toContain(internal);
    for (const i of list.items) expect(i.scope).toBe('PUBLIC');
    const staff = (await t.request({ method: 'GET', url: '/api/v1/bulletins?scope=INTERNAL', as: 'fin.staff' })).json();
    expect(staff.items.map((i: { id: string }) => i.id)).toContain(internal);
  });
});

/**
 * Issue 9: a 通报, like any outgoing document, gets its 发文字号 only after 签发 by the 书记 or the
 * overseeing leader (分管领导) of the drafting office — for a dispatched group, the leader overseeing the
 * office that liaises with it (驻市金融工作部门组 ← 第二监督检查室 ← cw1.member).
 */
describe('bulletins: 签发 before the number', () => {
  it('numbering before 签发 → 409 and nothing numbered; 签发 by a drafter or a non-overseeing reader → 403; by the 分管领导 → then numbered', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/bulletins',
      payload: body('PUBLIC', '关于违规发放贷款问题的通报（签发测试）'),
      as: 'fin.staff',
    });
    const id: string = created.json().id;
    const early = await t.request({ method: 'POST', url: `/api/v1/bulletins/${id}/issue`, payload: { version: 1 }, as: 'fin.staff' });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().message).toContain('签发');
    const early2 = await t.request({ method: 'POST', url: `/api/v1/bulletins/${id}/issue`, payload: { version: 1 }, as: 'sj.secretary' });
    expect(early2.statusCode).toBe(409);
    expect(await t.db.selectFrom('bulletin').select(['doc_no', 'version']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({
      doc_no: null,
      version: 1,
    });
    expect(await t.db.selectFrom('doc_number').select('text').where('object_id', '=', id).execute()).toEqual([]);

    // the drafter may not sign its own bulletin; 案管室 sees it but oversees nothing; another office's leader does not even see it
    expect((await t.request({ method: 'POST', url: `/api/v1/bulletins/${id}/sign`, payload: { version: 1 }, as: 'fin.staff' })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: `/api/v1/bulletins/${id}/sign`, payload: { version: 1 }, as: 'ag.manager1' })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: `/api/v1/bulletins/${id}/sign`, payload: { version: 1 }, as: 'cw3.member' })).statusCode).toBe(404);
    expect(await auditCount(t, 'bulletin.signed', id)).toBe(0);

    const view = (await t.request({ method: 'GET', url: `/api/v1/bulletins/${id}`, as: 'cw1.member' })).json();
    expect(view.abilities).toMatchObject({ sign: true, issue: false });
    const signed = await t.request({ method: 'POST', url: `/api/v1/bulletins/${id}/sign`, payload: { version: 1 }, as: 'cw1.member' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ docNo: null, signedBy: { name: '邰书亭' }, version: 2 });
    expect(signed.json().signedAt).toBeTruthy();
    expect(await auditCount(t, 'bulletin.signed', id)).toBe(1);
    expect((await t.request({ method: 'POST', url: `/api/v1/bulletins/${id}/sign`, payload: { version: 2 }, as: 'sj.secretary' })).statusCode).toBe(409);

    const mine = (await t.request({ method: 'GET', url: `/api/v1/bulletins/${id}`, as: 'fin.staff' })).json();
    expect(mine.abilities).toMatchObject({ sign: false, issue: true });
    const issued = await t.request({ method: 'POST', url: `/api/v1/bulletins/${id}/issue`, payload: { version: 2 }, as: 'fin.staff' });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().docNo).toMatch(/^兰纪通〔\d{4}〕\d+号$/);
    expect(issued.json().signedBy.name).toBe('邰书亭');
  });
});
