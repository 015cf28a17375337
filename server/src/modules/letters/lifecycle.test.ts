/** A letter's life over HTTP: drafting, opinions, review, approval, issue with a 发文字号 and DOCX, service, adoption, reply, 回头看. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { TEST_SM4_KEY } from '../../../test/keys';
import { FieldCipher } from '../../platform/crypto';
import { openAttachment } from '../../platform/attachments/store';
import { loadWorkCalendar } from '../../platform/calendar';
import { auditCount } from '../orgs/test-helpers';
import { BANK, docxXml, JC3, orgId, userId } from './test-helpers';

let t: TestApp;
let bank: string;
beforeAll(async () => {
  t = await createTestApp();
  bank = await orgId(t, BANK);
});
afterAll(() => t.close());

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const zhDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

async function inboxCount(username: string, kind: string, link?: string) {
  let q = t.db
    .selectFrom('inbox_message')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', await userId(t, username))
    .where('kind', '=', kind);
  if (link) q = q.where('link', 'like', `%${link}%`);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe('recommendation letter lifecycle', () => {
  const deadlines = [addDays(today(), 60), addDays(today(), 90)];
  const items = [
    { text: '健全信贷审批分级授权和集体决策制度，堵塞“一支笔”审批漏洞', deadline: deadlines[0]! },
    { text: '开展信贷领域廉洁风险排查，建立问题台账并逐项整改', deadline: deadlines[1]! },
  ];
  const draft = () => ({
    type: 'SUPERVISION',
    origin: 'CASE',
    recipientOrgId: bank,
    title: '关于示例城市商业银行加强信贷审批管理的监察建议书',
    background: '本委在对该行原信贷部负责人严重违法问题审查调查中，发现该行在信贷审批管理方面存在突出问题。',
    facts: '信贷审批权限过于集中，贷后管理流于形式。',
    causes: '内部监督制约不力，制度执行不严。',
    legalBasis: ['《中华人民共和国监察法》第五十二条', '《中华人民共和国监察法实施条例》第二百二十八条'],
    items,
    objectionChannel: '书面形式（送交本委第八审查调查室）',
    contact: '第八审查调查室 王某（演示） 0931-0000000',
  });

  let id = '';
  let version = 0;
  const act = async (as: string, payload: Record<string, unknown>) => {
    const res = await t.request({ method: 'POST', url: `/api/v1/letters/${id}/actions`, payload: { version, ...payload }, as });
    if (res.statusCode === 200) version = res.json().version;
    return res;
  };

  it('drafts with numbered items; refuses past deadlines, commission bodies as recipient, non-drafters', async () => {
    const past = await t.request({
      method: 'POST',
      url: '/api/v1/letters',
      payload: { ...draft(), items: [{ text: '过期', deadline: addDays(today(), -1) }] },
      as: 'sc8.director',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().details.issues[0].path).toBe('items.0.deadline');
    const office = await t.request({
      method: 'POST',
      url: '/api/v1/letters',
      payload: { ...draft(), recipientOrgId: await orgId(t, JC3) },
      as: 'sc8.director',
    });
    expect(office.statusCode).toBe(400);
    for (const as of ['bank.liaison', 'sl.staff1', 'sj.secretary']) {
      expect((await t.request({ method: 'POST', url: '/api/v1/letters', payload: draft(), as })).statusCode, as).toBe(403);
    }
    const res = await t.request({ method: 'POST', url: '/api/v1/letters', payload: draft(), as: 'sc8.director' });
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json();
    id = l.id;
    version = l.version;
    expect(l.state).toBe('DRAFTING');
    expect(l.replyDays).toBe(30); // setting letter.replyDays
    expect(l.objectionDays).toBe(15);
    expect(l.recipientName).toBe('示例城市商业银行');
    expect(l.items.map((i: { no: number }) => i.no)).toEqual([1, 2]);
    expect(l.abilities.update).toBe(true);
    expect(l.abilities.actions).toEqual(expect.arrayContaining(['consult', 'submitReview', 'withdraw']));
    expect(await auditCount(t, 'letter.drafted', id)).toBe(1);
  });

  it('edits only by the drafter, with the version, while drafting/consulting', async () => {
    expect((await t.request({ method: 'PATCH', url: `/api/v1/letters/${id}`, payload: { version, title: 'x' }, as: 'jc3.staff' })).statusCode).toBe(404);
    expect(
      (await t.request({ method: 'PATCH', url: `/api/v1/letters/${id}`, payload: { version: version + 5, title: 'x' }, as: 'sc8.director' })).statusCode,
    ).toBe(409);
    const res = await t.request({
      method: 'PATCH',
      url: `/api/v1/letters/${id}`,
      payload: { version, contact: '第八审查调查室 王某（演示） 0931-0000001' },
      as: 'sc8.director',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(version + 1);
    version = res.json().version;
    expect(await auditCount(t, 'letter.updated', id)).toBe(1);
  });

  it('consults, records opinions, goes to review and notifies the 书记', async () => {
    expect((await act('sc8.director', { action: 'consult' })).statusCode).toBe(200);
    const op = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${id}/opinions`,
      payload: { kind: 'CONSULTATION', orgId: bank, opinion: '该行党委对建议内容无异议' },
      as: 'sc8.director',
    });
    expect(op.statusCode, op.body).toBe(200);
    expect(op.json().opinions[0]).toMatchObject({ kind: 'CONSULTATION', orgName: '示例城市商业银行' });
    // the trial office does not see a letter still being consulted on
    expect((await t.request({ method: 'GET', url: `/api/v1/letters/${id}`, as: 'sl.staff1' })).statusCode).toBe(404);
    const before = await inboxCount('sj.secretary', 'letter', id);
    expect((await act('sc8.director', { action: 'submitReview' })).statusCode).toBe(200);
    expect(await inboxCount('sj.secretary', 'letter', id)).toBe(before + 1);
    expect((await t.request({ method: 'PATCH', url: `/api/v1/letters/${id}`, payload: { version, title: 'x' }, as: 'sc8.director' })).statusCode).toBe(409);
    const review = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${id}/opinions`,
      payload: { kind: 'REVIEW', orgName: '案件审理室', opinion: '经审核，建议书依据充分，同意报批' },
      as: 'sl.staff1',
    });
    expect(review.statusCode, review.body).toBe(200);
    expect(
      (
        await t.request({
          method: 'POST',
          url: `/api/v1/letters/${id}/opinions`,
          payload: { kind: 'REVIEW', orgName: 'x', opinion: 'y' },
          as: 'sc8.director',
        })
      ).statusCode,
    ).toBe(403);
    expect(await auditCount(t, 'letter.opinion_recorded', id)).toBe(2);
  });

  it('cannot be issued without approval; the 书记 approves; a draft preview is marked 草稿（未编号）', async () => {
    const early = await act('sc8.director', { action: 'issue' });
    expect(early.statusCode).toBe(409);
    const res = await act('sj.secretary', { action: 'approve' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().approvedBy.name).toBeTruthy();
    expect(res.json().approvedAt).toBeTruthy();
    const preview = await t.request({ method: 'GET', url: `/api/v1/letters/${id}/document.docx`, as: 'sc8.director' });
    expect(preview.statusCode).toBe(200);
    const { doc } = await docxXml(preview.rawPayload);
    expect(doc).toContain('草稿（未编号）');
    expect(doc).not.toContain('兰监建〔');
  });

  it('issues once with a 发文字号, stores the DOCX attachment and refuses a second issue', async () => {
    const res = await act('sc8.director', { action: 'issue' });
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json();
    expect(l.state).toBe('ISSUED');
    expect(l.docNo).toMatch(/^兰监建〔\d{4}〕\d+号$/);
    expect(l.issuedOn).toBe(today());
    const row = await t.db.selectFrom('letter').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.doc_code).toBe('兰监建');
    expect(row.doc_year).toBe(Number(today().slice(0, 4)));
    expect(row.doc_no).toBe(`兰监建〔${row.doc_year}〕${row.doc_seq}号`);
    const att = await t.db.selectFrom('attachment').selectAll().where('id', '=', row.docx_attachment_id!).executeTakeFirstOrThrow();
    expect(att.owner_type).toBe('letter');
    expect(att.owner_id).toBe(id);
    expect(att.key_id).not.toBeNull();
    const stored = await docxXml(openAttachment(new FieldCipher(TEST_SM4_KEY), att));
    expect(stored.doc).toContain(row.doc_no!);
    expect(await auditCount(t, 'letter.issued', id)).toBe(1);
    const again = await act('sc8.director', { action: 'issue' });
    expect(again.statusCode).toBe(409);
    expect(await auditCount(t, 'letter.issued', id)).toBe(1);
  });

  it('renders the DOCX per GB/T 9704 with number, title, 主送, items, deadlines and the reply requirement', async () => {
    const before = await auditCount(t, 'letter.exported', id);
    const res = await t.request({ method: 'GET', url: `/api/v1/letters/${id}/document.docx`, as: 'sc8.director' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const { doc, headers, footers } = await docxXml(res.rawPayload);
    const l = (await t.request({ method: 'GET', url: `/api/v1/letters/${id}`, as: 'sc8.director' })).json();
    expect(doc).toContain(l.docNo);
    // The title is set in balanced lines broken between words (line breaks between runs).
    expect(doc.replace(/<[^>]+>/g, '')).toContain('关于示例城市商业银行加强信贷审批管理的监察建议书');
    expect(doc).toContain('示例城市商业银行：');
    expect(doc).toContain('>三、监察建议<');
    expect(doc).toContain('>四、有关要求<');
    expect(doc).toContain('>兰州市监委<'); // 监察建议书: the 监委's formal short name (setting)
    expect(doc).not.toContain('兰州市纪委监委');
    expect(doc).toMatch(/w:color w:val="FF0000"/);
    expect(doc).toContain('方正小标宋简体');
    for (const [n, it] of items.entries()) {
      expect(doc).toContain(it.text);
      // One hierarchy: the sections are 一、…四、, the recommendations under 三、监察建议 are （一）（二）.
      expect(doc).toContain(`（${['一', '二'][n]}）${it.text}`);
      expect(doc).toContain(`请于${zhDay(it.deadline)}前完成`);
    }
    expect(doc).toContain('请于收到本建议书之日起30日内将采纳和整改情况书面函告本委');
    // Period and manner of objections, in working days (the setting's default unit).
    expect(doc).toContain('如对本监察建议书有异议，可自收到本建议书之日起15个工作日内通过书面形式（送交本委第八审查调查室）向本委提出');
    expect(doc).toContain('《中华人民共和国监察法》第五十二条');
    expect(doc).toContain(zhDay(today())); // 成文日期 in Arabic numerals
    // No 抄送 to the drafting office; the 印发机关 is the 办公室 (setting).
    expect(doc).not.toContain('抄送：第八审查调查室');
    expect(doc).toContain('中共兰州市纪委办公室');
    expect(doc).not.toContain('草稿（未编号）');
    expect(footers).toContain('PAGE');
    expect(footers).toContain('— ');
    expect(headers).toContain('导出人');
    expect(headers).toContain('sc8.director');
    expect(await auditCount(t, 'letter.exported', id)).toBe(before + 1);
  });

  it('answers 501 for the PDF when LibreOffice is not installed', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/letters/${id}/document.pdf`, as: 'sc8.director' });
    if (res.statusCode === 501) expect(res.json().message).toBe('服务器未安装 LibreOffice，无法生成 PDF');
    else expect(res.statusCode).toBe(200);
  });

  it('is served with a receipt: objection and reply deadlines, the unit is notified', async () => {
    const notices = await inboxCount('bank.liaison', 'letter.recipient');
    const future = await act('sc8.director', { action: 'serve', receiptSignedBy: '李某（演示）', servedOn: addDays(today(), 1) });
    expect(future.statusCode).toBe(400);
    const res = await act('sc8.director', { action: 'serve', receiptSignedBy: '李某（演示）', servedOn: today() });
    expect(res.statusCode, res.body).toBe(200);
    // The objection window counted on the commission calendar (15 working days), the reply in calendar days.
    const cid = (await t.db.selectFrom('commission').select('id').executeTakeFirstOrThrow()).id;
    const objectionDue = (await loadWorkCalendar(t.db, cid)).addWorkingDays(today(), 15);
    expect(objectionDue > addDays(today(), 15)).toBe(true);
    expect(res.json()).toMatchObject({ state: 'SERVED', servedOn: today(), objectionDue, replyDue: addDays(today(), 30) });
    expect(res.json().replyStatus).toBe('PENDING');
    expect(await inboxCount('bank.liaison', 'letter.recipient')).toBe(notices + 1);
  });

  it('the unit sees the letter without internal opinions, adopts it (tasks spawned) and replies; the drafter is notified', async () => {
    const seen = await t.request({ method: 'GET', url: `/api/v1/letters/${id}`, as: 'bank.liaison' });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().opinions).toEqual([]);
    expect(seen.json().timeline.map((e: { action: string }) => e.action)).toEqual(['issue', 'serve']);
    expect(seen.json().abilities.actions).toEqual(expect.arrayContaining(['adopt', 'object']));
    const drafterNotices = await inboxCount('sc8.director', 'letter', id);
    const res = await act('bank.liaison', { action: 'adopt' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('RECTIFYING');
    expect(res.json().tasks).toHaveLength(2);
    const tasks = await t.db.selectFrom('rectification_task').selectAll().where('letter_id', '=', id).orderBy('deadline').execute();
    expect(tasks).toHaveLength(2);
    expect(tasks.map((x) => x.issue)).toEqual(items.map((i) => i.text));
    expect(tasks[0]!.unit_org_id).toBe(bank);
    expect(tasks[0]!.supervisor_user_id).toBe(await userId(t, 'sc8.director'));
    expect(tasks[0]!.source).toBe('RECOMMENDATION');
    const reply = await act('bank.liaison', { action: 'reply', reply: '我行已采纳全部建议，整改情况如下……' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ state: 'REPLIED', replied: true, replyStatus: 'REPLIED', repliedOn: today() });
    expect(await inboxCount('sc8.director', 'letter', id)).toBe(drafterNotices + 2);
  });

  it('is evaluated (回头看) and closed by the drafter', async () => {
    expect((await act('bank.liaison', { action: 'evaluate', evaluation: 'x', score: 90 })).statusCode).toBe(403);
    const ev = await act('sc8.director', { action: 'evaluate', evaluation: '回头看：整改措施落实到位', score: 92 });
    expect(ev.statusCode).toBe(200);
    expect(ev.json()).toMatchObject({ state: 'EVALUATED', evaluationScore: 92 });
    const closed = await act('sc8.director', { action: 'close' });
    expect(closed.json().state).toBe('CLOSED');
    const events = await t.db.selectFrom('letter_event').select('action').where('letter_id', '=', id).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual([
      'draft',
      'update',
      'consult',
      'submitReview',
      'approve',
      'issue',
      'serve',
      'adopt',
      'reply',
      'evaluate',
      'close',
    ]);
    expect(await auditCount(t, 'letter.transitioned', id)).toBe(9);
  });
});
