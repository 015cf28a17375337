/** 通报: draft, issue once with 兰纪通〔年〕N号, DOCX, visibility of unissued/internal/public bulletins. */
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
    expect(res.json()).toMatchObject({ docNo: null, issuedOn: null, abilities: { issue: true } });
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
    expect((await t.request({ method: 'POST', url: `/api/v1/bulletins/${pub}/issue`, payload: { version: 1 }, as: 'jc1.staff' })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: `/api/v1/bulletins/${pub}/issue`, payload: { version: 9 }, as: 'fin.staff' })).statusCode).toBe(409);
    const res = await t.request({ method: 'POST', url: `/api/v1/bulletins/${pub}/issue`, payload: { version: 1 }, as: 'fin.staff' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().docNo).toMatch(/^兰纪通〔\d{4}〕\d+号$/);
    expect(res.json().docxAttachmentId).toBeTruthy();
    const again = await t.request({ method: 'POST', url: `/api/v1/bulletins/${pub}/issue`, payload: { version: res.json().version }, as: 'fin.staff' });
    expect(again.statusCode).toBe(409);
    expect(await auditCount(t, 'bulletin.issued', pub)).toBe(1);
    await t.request({ method: 'POST', url: `/api/v1/bulletins/${internal}/issue`, payload: { version: 1 }, as: 'fin.staff' });
  });

  it('renders the issued DOCX with number and title; the liaison sees issued public bulletins only', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/bulletins/${pub}/document.docx`, as: 'bank.liaison' });
    expect(res.statusCode).toBe(200);
    const { doc } = await docxXml(res.rawPayload);
    const b = (await t.request({ method: 'GET', url: `/api/v1/bulletins/${pub}`, as: 'fin.staff' })).json();
    expect(doc).toContain(b.docNo);
    expect(doc).toContain('关于金融领域违规放贷典型问题的通报');
    expect(doc).toContain('各县区纪委监委，市纪委监委各派驻纪检监察组：');
    expect(doc).toContain('兰州市纪委监委');
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
