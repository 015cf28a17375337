/** The demo's 党风廉政意见回复: three cadres, one with concerns drawn from the existing 校园餐 clue, issued and numbered. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { docxText } from '../modules/integrity/test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo integrity opinion reply', () => {
  it('is issued with a 文号 from the register, labelled 演示数据, and the concerns rest on the existing clue and case', async () => {
    const list = await t.request({ method: 'GET', url: '/api/v1/integrity-replies', as: 'gbjd.staff' });
    expect(list.statusCode).toBe(200);
    const demo = list.json().items.find((i: { requestingOrg: string }) => i.requestingOrg.includes('演示数据'));
    expect(demo).toMatchObject({ state: 'ISSUED', cadreNames: ['管玉洁', '岳明川', '柯晓岚'], flagged: 1, overdue: false });
    expect(demo.docNo).toMatch(/^兰纪廉复〔2026〕\d+号$/);
    const registered = await t.db.selectFrom('doc_number').select(['object_type', 'object_id']).where('text', '=', demo.docNo).executeTakeFirstOrThrow();
    expect(registered).toEqual({ object_type: 'integrity_reply', object_id: demo.id });

    // The 书记 collected the lines; the leader overseeing the 干部监督室 reads the reply but not the 校园餐 clue
    // and case outside his scope (no line, no count), the 书记 reads them.
    const overseer = (await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${demo.id}`, as: 'cw4.member' })).json();
    expect(overseer.cadres[0].conclusion).toBe('CONCERNS');
    expect(overseer.cadres[0].evidence.filter((e: { source: string }) => e.source === 'clue' || e.source === 'case')).toEqual([]);
    const d = (await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${demo.id}`, as: 'sj.secretary' })).json();
    const [guan, yue, ke] = d.cadres;
    expect(guan.conclusion).toBe('CONCERNS');
    const clue = guan.evidence.find((e: { source: string }) => e.source === 'clue');
    const clueRow = await t.db.selectFrom('clue').select(['title', 'clue_no']).where('id', '=', clue.sourceId).executeTakeFirstOrThrow();
    expect(clue).toMatchObject({ title: clueRow.title, refNo: clueRow.clue_no, collectedBy: '柏川远' });
    expect(guan.evidence.some((e: { source: string }) => e.source === 'case')).toBe(true);
    expect([yue.conclusion, ke.conclusion]).toEqual(['CLEAR', 'CLEAR']);
    expect(d.events.map((e: { action: string }) => e.action)).toEqual(['register', 'collect', 'submit', 'approve', 'issue']);

    const doc = await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${demo.id}/document.docx`, as: 'gbjd.staff' });
    const { text } = await docxText(doc.rawPayload);
    expect(text).toContain(demo.docNo);
    expect(text).toContain('演示数据');
    expect(text).toContain('管玉洁同志（兰州市教育局后勤保障科科长）');
  });

  it('stays hidden from the education group that undertook the clue', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/integrity-replies', as: 'edu.group' })).statusCode).toBe(404);
  });
});
