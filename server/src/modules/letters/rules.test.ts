/**
 * The letter rules fixed in issue 9, over HTTP:
 * - an outgoing document gets its 发文字号 only after 签发 by the 书记 or the 分管领导 of the drafting office;
 * - a refusal (无正当理由拒不采纳) is referred (提请) to the unit's 主管部门 or 上级机关 (监察法 2024 art. 71);
 * - an upheld objection (异议成立) leads to an amended letter, re-signed, re-numbered and served again (c.6).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../orgs/test-helpers';
import { actionBody, seedLetter, userId } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const act = (id: string, payload: Record<string, unknown>, as: string) => t.request({ method: 'POST', url: `/api/v1/letters/${id}/actions`, payload, as });
const detail = async (id: string, as = 'sc8.director') => (await t.request({ method: 'GET', url: `/api/v1/letters/${id}`, as })).json();
const dbToday = async () => (await sql<{ d: string }>`SELECT current_date::text AS d`.execute(t.db)).rows[0]!.d;

describe('签发 before the 发文字号 (issue 9): the 书记 or the 分管领导 of the drafting office', () => {
  it('numbering before 签发 → 409; 签发 by 第八室’s 分管领导 (cw3.member) → then numbered; by a reviewer or another leader → 403', async () => {
    const l = await seedLetter(t, { state: 'UNDER_REVIEW' });
    const early = await act(l.id, actionBody('issue', l.version), 'sc8.director');
    expect(early.statusCode).toBe(409);
    expect(await t.db.selectFrom('doc_number').select('text').where('object_id', '=', l.id).execute()).toEqual([]);

    const reviewer = await act(l.id, actionBody('approve', l.version), 'ag.manager1');
    expect(reviewer.statusCode).toBe(403);
    expect(reviewer.json().message).toContain('分管领导');
    // cw1.member (a leader who sees it) oversees 第二、第三监督检查室, not 第八审查调查室: not theirs to sign.
    const other = await act(l.id, actionBody('approve', l.version), 'cw1.member');
    expect(other.statusCode).toBe(403);
    expect((await detail(l.id, 'cw1.member')).abilities.actions).toEqual([]);

    expect((await detail(l.id, 'cw3.member')).abilities.actions).toEqual(['approve']);
    const signed = await act(l.id, actionBody('approve', l.version), 'cw3.member');
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ state: 'APPROVED', docNo: null, approvedBy: { id: await userId(t, 'cw3.member') } });

    const issued = await act(l.id, actionBody('issue', signed.json().version), 'sc8.director');
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().docNo).toMatch(/^兰[纪监]+建〔\d{4}〕\d+号$/);
    expect(await auditCount(t, 'letter.issued', l.id)).toBe(1);
  });

  it('an APPROVED letter whose 签发 was cleared cannot be numbered (409), and nothing is allocated', async () => {
    const l = await seedLetter(t, { state: 'APPROVED' });
    await t.db.updateTable('letter').set({ approved_by: null, approved_at: null }).where('id', '=', l.id).execute();
    const res = await act(l.id, actionBody('issue', l.version), 'sc8.director');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('签发');
    expect(await t.db.selectFrom('doc_number').select('text').where('object_id', '=', l.id).execute()).toEqual([]);
  });
});

describe('refusal → 提请 the 主管部门 or 上级机关 (监察法 2024 art. 71), not an order by the 书记', () => {
  const body = (version: number, extra: Record<string, unknown> = {}) => ({
    action: 'escalate',
    version,
    referredTo: '示例市地方金融监督管理局（演示）',
    referredToKind: 'COMPETENT_DEPARTMENT',
    referredOn: '2026-03-25',
    escalation: '示例城市商业银行无正当理由拒不采纳监察建议，提请责令改正。',
    ...extra,
  });

  it('records to which organ, which kind, the day and the text; timeline and audit say 提请', async () => {
    const l = await seedLetter(t, { state: 'NON_COMPLIANT' });
    const missing = await act(l.id, { action: 'escalate', version: l.version, escalation: '责令改正' }, 'sj.secretary');
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json())).toContain('referredTo');
    const wrongKind = await act(l.id, body(l.version, { referredToKind: 'SECRETARY' }), 'sj.secretary');
    expect(wrongKind.statusCode).toBe(400);
    expect(JSON.stringify(wrongKind.json())).toContain('主管部门或上级机关');
    const future = await act(l.id, body(l.version, { referredOn: '2099-01-01' }), 'sj.secretary');
    expect(future.statusCode).toBe(400);
    expect(future.json().details.issues[0].path).toBe('referredOn');
    expect((await t.db.selectFrom('letter').select('state').where('id', '=', l.id).executeTakeFirstOrThrow()).state).toBe('NON_COMPLIANT');

    const res = await act(l.id, body(l.version), 'sj.secretary');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      state: 'ESCALATED',
      referredTo: '示例市地方金融监督管理局（演示）',
      referredToKind: 'COMPETENT_DEPARTMENT',
      referredOn: '2026-03-25',
      escalation: '示例城市商业银行无正当理由拒不采纳监察建议，提请责令改正。',
    });
    const last = res.json().timeline.at(-1);
    expect(last.action).toBe('escalate');
    expect(last.comment).toContain('提请主管部门示例市地方金融监督管理局（演示）责令改正（2026-03-25）');
    const audit = await t.db
      .selectFrom('audit_event')
      .select('payload')
      .where('object_id', '=', l.id)
      .where('type', '=', 'letter.transitioned')
      .executeTakeFirstOrThrow();
    expect(audit.payload).toMatchObject({ action: 'escalate', to: 'ESCALATED', referredToKind: 'COMPETENT_DEPARTMENT', referredOn: '2026-03-25' });
    // the unit's liaison sees the 提请 on its letter
    const seen = await detail(l.id, 'bank.liaison');
    expect(seen).toMatchObject({ state: 'ESCALATED', referredToKind: 'COMPETENT_DEPARTMENT' });
  });
});

describe('upheld objection → amended letter (c.6 OBJECTED → AMENDED)', () => {
  it('the drafter revises, the 分管领导 re-signs with a new 发文字号, the letter is served again with new windows', async () => {
    const l = await seedLetter(t, { state: 'SERVED' });
    const objected = await act(l.id, actionBody('object', l.version), 'bank.liaison');
    expect(objected.statusCode, objected.body).toBe(200);
    const upheld = await act(l.id, { action: 'upholdObjection', version: objected.json().version, answer: '异议成立，第二项建议的期限调整' }, 'sj.secretary');
    expect(upheld.statusCode, upheld.body).toBe(200);
    expect(upheld.json().state).toBe('AMENDING');
    const oldNo: string = upheld.json().docNo;
    // the unit still sees its letter (and was told)
    expect((await detail(l.id, 'bank.liaison')).state).toBe('AMENDING');
    const notice = await t.db
      .selectFrom('inbox_message')
      .select('body')
      .where('user_id', '=', await userId(t, 'bank.liaison'))
      .where('link', 'like', `%${l.id}%`)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(notice.body).toContain('重新签发印发');

    // the drafter revises the text
    const drafter = await detail(l.id);
    expect(drafter.abilities).toMatchObject({ update: true, actions: ['withdraw'] });
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/letters/${l.id}`,
      as: 'sc8.director',
      payload: { version: upheld.json().version, items: [{ text: '健全信贷审批分级授权制度（修改后）', deadline: '2027-09-30' }] },
    });
    expect(patched.statusCode, patched.body).toBe(200);

    // re-issue: the drafter may not sign it; the 分管领导 signs and it is numbered anew
    expect((await act(l.id, { action: 'reissue', version: patched.json().version }, 'sc8.director')).statusCode).toBe(403);
    const reissued = await act(l.id, { action: 'reissue', version: patched.json().version }, 'cw3.member');
    expect(reissued.statusCode, reissued.body).toBe(200);
    const r = reissued.json();
    expect(r).toMatchObject({ state: 'ISSUED', amendmentNo: 1, servedOn: null, objectionDue: null, replyDue: null, objection: null });
    expect(r.approvedBy.id).toBe(await userId(t, 'cw3.member'));
    expect(r.docNo).toMatch(/^兰[纪监]+建〔\d{4}〕\d+号$/);
    expect(r.docNo).not.toBe(oldNo);
    expect(r.items.map((i: { text: string }) => i.text)).toEqual(['健全信贷审批分级授权制度（修改后）']);
    expect(r.timeline.at(-1)).toMatchObject({ action: 'reissue', fromState: 'AMENDING', toState: 'ISSUED' });
    expect(r.timeline.at(-1).comment).toContain(oldNo);
    expect(r.timeline.at(-1).comment).toContain(r.docNo);
    const numbers = await t.db.selectFrom('doc_number').select('text').where('object_id', '=', l.id).execute();
    expect(numbers.map((n) => n.text)).toEqual([r.docNo]);
    expect(await auditCount(t, 'letter.issued', l.id)).toBe(1);

    // served again: the objection and reply windows run from the new service
    const today = await dbToday();
    const served = await act(l.id, { action: 'serve', version: r.version, receiptSignedBy: '张某某（演示）', servedOn: today }, 'sc8.director');
    expect(served.statusCode, served.body).toBe(200);
    expect(served.json()).toMatchObject({ state: 'SERVED', servedOn: today });
    expect(served.json().objectionDue > today).toBe(true);
    expect(served.json().replyDue > today).toBe(true);
    // and the unit may object again
    expect((await detail(l.id, 'bank.liaison')).abilities.actions).toEqual(expect.arrayContaining(['object', 'adopt']));
  });

  it('an objection upheld in full may still end in withdrawal; the amended text is frozen again once re-issued', async () => {
    const l = await seedLetter(t, { state: 'AMENDING' });
    const frozen = await seedLetter(t, { state: 'ISSUED' });
    const patch = await t.request({
      method: 'PATCH',
      url: `/api/v1/letters/${frozen.id}`,
      as: 'sc8.director',
      payload: { version: frozen.version, title: 'x' },
    });
    expect(patch.statusCode).toBe(409);
    const w = await act(l.id, actionBody('withdraw', l.version), 'sc8.director');
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().state).toBe('WITHDRAWN');
  });
});
