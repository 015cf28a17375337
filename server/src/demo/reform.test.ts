/** 演示数据 以案促改: the finance case carried to a closed 监察建议书, the escalated task, accountability, numbering. */
import { LETTER_DOC_CODES } from '@liandong/domain/reform/enums';
import { METHODS_BY_TARGET } from '@liandong/domain/reform/enums';
import { sql } from 'kysely';
import { SCHOOL_CATERING_CAMPAIGN } from './reform-data-more';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { allocateDocNumber } from '../platform/numbering';
import { BULLETIN_DOC_CODE } from './reform';
import { financeLetter } from './reform-data';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const financeRow = () => t.db.selectFrom('letter').selectAll().where('title', '=', financeLetter.title).executeTakeFirstOrThrow();

describe('demo 以案促改', () => {
  it('carries the finance case to a closed 监察建议书 with a number, receipt, reply within 30 days and 回头看', async () => {
    const l = await financeRow();
    expect(l).toMatchObject({ type: 'SUPERVISION', origin: 'CASE', state: 'CLOSED', reply_days: 30, docx_attachment_id: null });
    expect(l.doc_no).toMatch(/^兰监建〔2026〕\d+号$/);
    expect(l.doc_code).toBe(LETTER_DOC_CODES.SUPERVISION);
    expect(l.receipt_signed_by).toBeTruthy();
    expect(l.approved_by).not.toBeNull();
    expect(l.evaluation_score).toBeGreaterThan(0);
    const served = Date.parse(String(l.served_on));
    expect(Date.parse(String(l.replied_on)) - served).toBeLessThanOrEqual(30 * 86_400_000);
    expect(String(l.closed_on) < '2026-11-27').toBe(true);
    const recipient = await t.db.selectFrom('org').select('name_zh').where('id', '=', l.recipient_org_id).executeTakeFirstOrThrow();
    expect(recipient.name_zh).toBe('示例城市商业银行');
    const drafting = await t.db.selectFrom('org').select('name_zh').where('id', '=', l.drafting_org_id).executeTakeFirstOrThrow();
    // after the decision 第五监督检查室 analyses the causes with the 专案组 and issues the letter (g.4.4)
    expect(drafting.name_zh).toBe('第五监督检查室');
    const decided = await t.db
      .selectFrom('case_event')
      .select('at')
      .where('case_id', '=', l.case_id!)
      .where('to_state', '=', 'DECIDED')
      .executeTakeFirstOrThrow();
    expect(new Date(l.created_at) > new Date(decided.at)).toBe(true);

    const items = await t.db.selectFrom('letter_item').select(['no', 'deadline']).where('letter_id', '=', l.id).orderBy('no').execute();
    expect(items.map((i) => i.no)).toEqual([1, 2, 3]);
    const opinions = await t.db.selectFrom('letter_opinion').select('kind').where('letter_id', '=', l.id).execute();
    expect(new Set(opinions.map((o) => o.kind))).toEqual(new Set(['CONSULTATION', 'REVIEW']));
    const events = await t.db
      .selectFrom('letter_event')
      .select(['action', 'from_state', 'to_state', 'at'])
      .where('letter_id', '=', l.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.to_state)).toEqual([
      'DRAFTING',
      'CONSULTING',
      'UNDER_REVIEW',
      'APPROVED',
      'ISSUED',
      'SERVED',
      'RECTIFYING',
      'REPLIED',
      'EVALUATED',
      'CLOSED',
    ]);
    for (const [i, e] of events.entries()) if (i > 0) expect(e.from_state).toBe(events[i - 1]!.to_state);
    expect(events.every((e, i) => i === 0 || e.at >= events[i - 1]!.at)).toBe(true);

    const record = await t.db.selectFrom('reform_record').selectAll().where('id', '=', l.record_id!).executeTakeFirstOrThrow();
    expect(record).toMatchObject({ origin: 'CASE', state: 'CLOSED', case_id: l.case_id });
    expect(record.cause_categories.length).toBeGreaterThanOrEqual(3);
    const problems = await t.db.selectFrom('reform_problem').select('seq').where('record_id', '=', record.id).execute();
    expect(problems.length).toBeGreaterThanOrEqual(4);
    const k = await t.db.selectFrom('case_file').select(['lead_org_id', 'subject_org_id']).where('id', '=', l.case_id!).executeTakeFirstOrThrow();
    expect([record.owner_org_id, record.unit_org_id]).toEqual([k.lead_org_id, k.subject_org_id]);
    const coOwners = await sql<{ code: string }>`SELECT o.code FROM reform_record_co_owner c JOIN org o ON o.id = c.org_id
      WHERE c.record_id = ${record.id}::uuid ORDER BY o.code`.execute(t.db);
    expect(coOwners.rows.map((r) => r.code)).toEqual(['LZ-JW-JC5', 'LZ-JW-PZ-JR']);
  });

  it('shows the jointly owned finance record to each owner org with all three owners; the former lead office sees nothing', async () => {
    const l = await financeRow();
    for (const as of ['sc10.staff', 'fin.group', 'jc5.staff']) {
      const res = await t.request({ method: 'GET', url: `/api/v1/reform-records/${l.record_id}`, as });
      expect(res.statusCode, as).toBe(200);
      expect(
        res.json().ownerOrgs.map((o: { name: string }) => o.name),
        as,
      ).toEqual(['第十审查调查室', '第五监督检查室', '驻市金融工作部门纪检监察组']);
    }
    expect((await t.request({ method: 'GET', url: `/api/v1/reform-records/${l.record_id}`, as: 'sc8.staff' })).statusCode).toBe(404);
  });

  it('has three verified and closed tasks for the finance letter, with plans, evidence and a timeline', async () => {
    const l = await financeRow();
    const tasks = await t.db.selectFrom('rectification_task').selectAll().where('letter_id', '=', l.id).execute();
    expect(tasks).toHaveLength(3);
    for (const task of tasks) {
      expect(task).toMatchObject({ state: 'CLOSED', source: 'RECOMMENDATION', unit_org_id: l.recipient_org_id, supervisor_user_id: l.supervisor_user_id });
      expect(task.verified_on).not.toBeNull();
      expect(String(task.closed_on) <= String(l.replied_on)).toBe(true);
      expect((task.plan as { measures: string[] }).measures.length).toBeGreaterThan(0);
      const ups = await t.db.selectFrom('rectification_update').select(['kind', 'to_state']).where('task_id', '=', task.id).orderBy('at').execute();
      expect(ups.map((u) => u.kind)).toEqual(['REVIEW', 'PLAN', 'REVIEW', 'PROGRESS', 'DONE_REPORT', 'REVIEW', 'REVIEW']);
      expect(ups.map((u) => u.to_state)).toContain('VERIFIED');
      expect(ups.at(-1)!.to_state).toBe('CLOSED');
    }
  });

  it('has an escalated overdue task (催办, then 约谈) on the education letter, and letters drafting and under review', async () => {
    const rows = await sql<{ state: string; escalation_step: string; overdue_since: string | null; letter_state: string; type: string }>`
      SELECT t.state, t.escalation_step, t.overdue_since::text, r.state AS letter_state, r.type
        FROM rectification_task t JOIN letter r ON r.id = t.letter_id WHERE t.state = 'ESCALATED'`.execute(t.db);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ escalation_step: 'TALK', letter_state: 'RECTIFYING', type: 'DISCIPLINE' });
    expect(rows.rows[0]!.overdue_since).not.toBeNull();
    const states = await sql<{ state: string }>`SELECT state FROM letter`.execute(t.db);
    expect(states.rows.map((r) => r.state).sort()).toEqual(['CLOSED', 'DRAFTING', 'RECTIFYING', 'UNDER_REVIEW']);
    const drafts = await t.db.selectFrom('letter').select(['doc_no']).where('state', 'in', ['DRAFTING', 'UNDER_REVIEW']).execute();
    expect(drafts.every((d) => d.doc_no === null)).toBe(true);
  });

  it('has two accountability records with methods allowed for their targets, and an issued 通报', async () => {
    const rows = await t.db.selectFrom('accountability').selectAll().execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(METHODS_BY_TARGET[r.target_kind as 'LEADER' | 'PARTY_ORG']).toContain(r.method);
    const l = await financeRow();
    expect(rows.some((r) => r.case_id === l.case_id && r.letter_id === l.id && r.method === 'ADMONITION')).toBe(true);
    const catering = await t.db.selectFrom('campaign').select('id').where('name', '=', SCHOOL_CATERING_CAMPAIGN).executeTakeFirstOrThrow();
    expect(rows.some((r) => r.campaign_id === catering.id && r.method === 'BULLETIN')).toBe(true);
    const b = await t.db.selectFrom('bulletin').selectAll().executeTakeFirstOrThrow();
    expect(b.doc_no).toMatch(new RegExp(`^${BULLETIN_DOC_CODE}〔2026〕\\d+号$`));
    expect(b.issued_on).not.toBeNull();
    // 签发 before the number: the demo's issued 通报 is signed, on or before its issue day.
    expect(b.signed_by).not.toBeNull();
    expect(b.signed_at!.toISOString().slice(0, 10) <= String(b.issued_on).slice(0, 10)).toBe(true);
  });

  it('opens every reform record like the filing hook (owner = lead org, unit = subject unit) and chains every letter timeline', async () => {
    const records = await sql<{ ok: boolean }>`SELECT r.owner_org_id = k.lead_org_id AND r.unit_org_id = k.subject_org_id AS ok
      FROM reform_record r JOIN case_file k ON k.id = r.case_id`.execute(t.db);
    expect(records.rows.length).toBe(4);
    expect(records.rows.every((r) => r.ok)).toBe(true);
    const broken = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (
      SELECT e.from_state, lag(e.to_state) OVER (PARTITION BY e.letter_id ORDER BY e.id) AS prev, r.state,
             last_value(e.to_state) OVER (PARTITION BY e.letter_id ORDER BY e.id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last
        FROM letter_event e JOIN letter r ON r.id = e.letter_id) x
      WHERE x.from_state IS DISTINCT FROM x.prev OR x.last <> x.state`.execute(t.db);
    expect(broken.rows[0]!.n).toBe(0);
    const numbered = await sql<{ n: number }>`SELECT count(*)::int AS n FROM letter r
      JOIN doc_number d ON d.object_type = 'letter' AND d.object_id = r.id AND d.text = r.doc_no`.execute(t.db);
    const issued = await t.db.selectFrom('letter').select('id').where('doc_no', 'is not', null).execute();
    expect(numbered.rows[0]!.n).toBe(issued.length);
  });

  it('reads through the letters module: the drafter sees the detail and renders the numbered DOCX; the bank liaison sees its letter', async () => {
    const l = await financeRow();
    const detail = await t.request({ method: 'GET', url: `/api/v1/letters/${l.id}`, as: 'jc5.staff' });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ state: 'CLOSED', docNo: l.doc_no });
    const docx = await t.request({ method: 'GET', url: `/api/v1/letters/${l.id}/document.docx`, as: 'jc5.staff' });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const mine = await t.request({ method: 'GET', url: '/api/v1/letters', as: 'bank.liaison' });
    expect(mine.statusCode).toBe(200);
    expect((mine.json() as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([l.id]);
  });

  it('numbers through doc_sequence, so the next 兰监建 2026 number follows the demo', async () => {
    const l = await financeRow();
    const last = await t.db
      .selectFrom('letter')
      .select((eb) => eb.fn.max('doc_seq').as('max'))
      .where('doc_code', '=', '兰监建')
      .where('doc_year', '=', 2026)
      .executeTakeFirstOrThrow();
    const next = await t.db
      .transaction()
      .execute((trx) => allocateDocNumber(trx, { commissionId: l.commission_id, docCode: '兰监建', year: 2026, objectType: 'manual', purpose: 'test' }));
    expect(next.no).toBe(Number(last.max) + 1);
    expect(next.text).toBe(`兰监建〔2026〕${next.no}号`);
  });
});
