/**
 * 党风廉政意见回复 over HTTP: registering a request with three cadres, collecting evidence in the
 * collector's scope, conclusions, four-eyes sign-off, numbering only at issue, the reply DOCX, the ledger
 * export, and the audit of every consultation.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../orgs/test-helpers';
import { docxText, eduLogistics, ID_NUMBER, orgId, seedReply, userId } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const year = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());

async function body() {
  const edu = await eduLogistics(t);
  return {
    requestingOrg: '中共兰州市委组织部（测试）',
    requestDocNo: '兰组函〔2026〕88号',
    purpose: '拟提拔任用市管干部',
    receivedOn: '2026-11-20',
    dueOn: '2026-12-31',
    cadres: [
      { name: '管玉洁', unitName: '兰州市教育局', unitOrgId: edu.unitOrgId, position: '后勤保障科科长', personId: edu.personId },
      { name: '石慕川', unitName: '兰州市财政局', position: '预算科科长', idNumber: ID_NUMBER },
      { name: '闵若溪', unitName: '兰州市审计局', position: '经济责任审计科科长' },
    ],
  };
}

describe('integrity opinion reply lifecycle', () => {
  let id = '';
  let version = 0;
  let cadres: { id: string; name: string }[] = [];
  const act = (as: string, payload: Record<string, unknown>) =>
    t.request({ method: 'POST', url: `/api/v1/integrity-replies/${id}/actions`, payload: { version, ...payload }, as });

  it('refuses bad input with zh-CN messages and field paths, writing nothing', async () => {
    const b = await body();
    const before = Number(
      (
        await t.db
          .selectFrom('integrity_reply')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const badId = await t.request({
      method: 'POST',
      url: '/api/v1/integrity-replies',
      payload: { ...b, cadres: [{ ...b.cadres[1], idNumber: '620102198001010018' }] },
      as: 'gbjd.staff',
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().details.issues[0]).toMatchObject({ path: 'cadres.0.idNumber', message: '身份证号码校验位不正确' });
    const badDue = await t.request({ method: 'POST', url: '/api/v1/integrity-replies', payload: { ...b, dueOn: '2026-11-01' }, as: 'gbjd.staff' });
    expect(badDue.statusCode).toBe(400);
    expect(badDue.json().details.issues[0]).toMatchObject({ path: 'dueOn', message: '回复期限不能早于收函日期' });
    const badUnit = await t.request({
      method: 'POST',
      url: '/api/v1/integrity-replies',
      payload: { ...b, cadres: [{ ...b.cadres[2], unitOrgId: '00000000-0000-4000-8000-000000000000' }] },
      as: 'gbjd.staff',
    });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().details.issues[0].path).toBe('cadres.0.unitOrgId');
    const none = await t.request({ method: 'POST', url: '/api/v1/integrity-replies', payload: { ...b, cadres: [] }, as: 'gbjd.staff' });
    expect(none.statusCode).toBe(400);
    const after = Number(
      (
        await t.db
          .selectFrom('integrity_reply')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before);
  });

  it('the 干部监督室 registers the request; a leader may not (403); the ID number is stored encrypted and shown masked', async () => {
    expect((await t.request({ method: 'POST', url: '/api/v1/integrity-replies', payload: await body(), as: 'sj.secretary' })).statusCode).toBe(403);
    const res = await t.request({ method: 'POST', url: '/api/v1/integrity-replies', payload: await body(), as: 'gbjd.staff' });
    expect(res.statusCode).toBe(201);
    const d = res.json();
    id = d.id;
    version = d.version;
    cadres = d.cadres;
    expect(d.state).toBe('DRAFT');
    expect(d.docNo).toBeNull();
    expect(d.cadres.map((c: { name: string }) => c.name)).toEqual(['管玉洁', '石慕川', '闵若溪']);
    expect(d.cadres[1].idNumberMasked).toBe('6201**********0017');
    expect(JSON.stringify(d)).not.toContain(ID_NUMBER);
    const stored = await t.db.selectFrom('integrity_cadre').select('id_number_cipher').where('id', '=', d.cadres[1].id).executeTakeFirstOrThrow();
    expect(stored.id_number_cipher!.toString('latin1')).not.toContain(ID_NUMBER);
    expect(await auditCount(t, 'integrity.registered', id)).toBe(1);
    // The full number only through the audited reveal, and only for the reply's drafters and approvers.
    const url = `/api/v1/integrity-replies/${id}/cadres/${d.cadres[1].id}/reveal-id-number`;
    expect((await t.request({ method: 'POST', url, as: 'jc3.staff' })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url, as: 'fsj1.deputy' })).statusCode).toBe(404);
    const reveal = await t.request({ method: 'POST', url, as: 'gbjd.staff' });
    expect(reveal.json()).toEqual({ idNumber: ID_NUMBER });
    expect(await auditCount(t, 'integrity.read', d.cadres[1].id)).toBe(1);
  });

  it('registering twice with one Idempotency-Key creates one reply and answers the same', async () => {
    const send = async () =>
      t.request({
        method: 'POST',
        url: '/api/v1/integrity-replies',
        payload: await body(),
        as: 'gbjd.staff',
        headers: { 'idempotency-key': 'integrity-test-0001' },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const rows = await t.db.selectFrom('integrity_reply').select('id').where('id', '=', first.json().id).execute();
    expect(rows).toHaveLength(1);
    expect(await auditCount(t, 'integrity.registered', first.json().id)).toBe(1);
  });

  it('collects in the collector’s scope only: a clue outside it contributes no line and no count', async () => {
    // The 干部监督室 does not see the 校园餐 clue (undertaken by the education group) nor its case.
    const own = await t.request({ method: 'POST', url: `/api/v1/integrity-replies/${id}/collect`, payload: { version }, as: 'gbjd.staff' });
    expect(own.statusCode).toBe(200);
    version = own.json().version;
    const guan = () => own.json().cadres[0];
    expect(guan().evidence.filter((e: { source: string }) => e.source === 'clue' || e.source === 'case')).toEqual([]);
    const trail = await t.db
      .selectFrom('audit_event')
      .select('payload')
      .where('type', '=', 'integrity.collected')
      .where('object_id', '=', cadres[0]!.id)
      .executeTakeFirstOrThrow();
    expect(trail.payload).toMatchObject({ clues: 0, cases: 0 });
    // Neither does the leader overseeing the 干部监督室 (the clue is not in that leader's scope either).
    const leader = await t.request({ method: 'POST', url: `/api/v1/integrity-replies/${id}/collect`, payload: { version }, as: 'cw4.member' });
    expect(leader.statusCode).toBe(200);
    version = leader.json().version;
    expect(leader.json().cadres[0].evidence.filter((e: { source: string }) => e.source === 'clue')).toEqual([]);
    // The 书记 sees the whole clue book: the clue and the case appear, with who collected them.
    const sec = await t.request({ method: 'POST', url: `/api/v1/integrity-replies/${id}/collect`, payload: { version }, as: 'sj.secretary' });
    expect(sec.statusCode).toBe(200);
    version = sec.json().version;
    const lines = sec.json().cadres[0].evidence as { source: string; title: string; collectedBy: string }[];
    expect(lines.map((l) => l.source).sort()).toEqual(['case', 'clue']);
    expect(lines.find((l) => l.source === 'clue')!.title).toContain('校园餐');
    expect(lines[0]!.collectedBy).toBe('柏川远');
    expect(sec.json().cadres[1].evidence).toEqual([]);
    expect(await auditCount(t, 'integrity.collected', cadres[0]!.id)).toBe(3);
    const events = sec.json().events as { action: string; actor: string }[];
    expect(events.map((e) => `${e.action}:${e.actor}`)).toEqual(['register:檀守一', 'collect:檀守一', 'collect:练冬禾', 'collect:柏川远']);
  });

  it('a line the 书记 collected is shown only to readers who may open its source: no side door for the 干部监督室', async () => {
    const lines = async (as: string) =>
      ((await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${id}`, as })).json().cadres[0].evidence as { source: string; title: string }[]).map(
        (l) => l.source,
      );
    expect((await lines('sj.secretary')).sort()).toEqual(['case', 'clue']);
    // The same reply read by the 干部监督室 staff: the clue and case it may not open leave no line (nor a count).
    expect(await lines('gbjd.staff')).toEqual([]);
    const res = await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${id}`, as: 'gbjd.staff' });
    expect(res.body).not.toContain('校园餐');
    const xlsx = await t.request({ method: 'GET', url: '/api/v1/integrity-replies/export.xlsx', as: 'gbjd.staff' });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const counts: unknown[] = [];
    wb.getWorksheet('干部回复意见')!.eachRow((row) => {
      if (row.values && (row.values as unknown[]).includes(cadres[0]!.name)) counts.push((row.values as unknown[]).at(-1));
    });
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((c) => c === 0 || c === '0')).toBe(true);
  });

  it('a supervision finding naming the cadre is a line for a collector who sees its item', async () => {
    const item = await t.db.selectFrom('supervision_item').select(['id', 'commission_id']).limit(1).executeTakeFirstOrThrow();
    await t.db
      .insertInto('supervision_finding')
      .values({
        commission_id: item.commission_id,
        item_id: item.id,
        org_id: await orgId(t, 'LZ-JW-JC3'),
        description: '预算科科长石慕川违规审批公务接待费用（测试）',
        disposition: 'RECTIFY',
      })
      .execute();
    const res = await t.request({ method: 'POST', url: `/api/v1/integrity-replies/${id}/collect`, payload: { version }, as: 'gbjd.staff' });
    version = res.json().version;
    expect(res.json().cadres[1].evidence.map((e: { source: string; title: string }) => [e.source, e.title])).toEqual([
      ['supervision_finding', '预算科科长石慕川违规审批公务接待费用（测试）'],
    ]);
  });

  it('cannot submit before every cadre is concluded (422); a stale version is 409; only drafters conclude', async () => {
    const early = await act('gbjd.staff', { action: 'submit' });
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toContain('管玉洁');
    const url = (c: number) => `/api/v1/integrity-replies/${id}/cadres/${cadres[c]!.id}`;
    const byLeader = await t.request({ method: 'PATCH', url: url(0), payload: { version, conclusion: 'CLEAR', opinion: '未发现问题' }, as: 'sj.secretary' });
    expect(byLeader.statusCode).toBe(403);
    const opinions = [
      ['CONCERNS', '该同志2026年因校园餐配送问题受到党内警告处分，处分影响期已满，有问题但不影响使用。'],
      ['CLEAR', '未发现该同志有违反党风廉政建设规定的问题。'],
      ['CLEAR', '未发现该同志有违反党风廉政建设规定的问题。'],
    ] as const;
    for (const [i, [conclusion, opinion]] of opinions.entries()) {
      const res = await t.request({ method: 'PATCH', url: url(i), payload: { version, conclusion, opinion }, as: 'gbjd.staff' });
      expect(res.statusCode).toBe(200);
      version = res.json().version;
    }
    const stale = await t.request({ method: 'PATCH', url: url(0), payload: { version: version - 1, conclusion: 'CLEAR', opinion: '覆盖' }, as: 'gbjd.staff' });
    expect(stale.statusCode).toBe(409);
    const res = await act('gbjd.staff', { action: 'submit' });
    expect(res.statusCode).toBe(200);
    version = res.json().version;
    expect(res.json().state).toBe('SUBMITTED');
    expect(res.json().abilities.actions).toEqual([]);
    // The approvers hear of it; a leader who does not oversee the 干部监督室 does not (he may not open it).
    const heard = async (username: string) =>
      Number(
        (
          await t.db
            .selectFrom('inbox_message')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('user_id', '=', await userId(t, username))
            .where('link', '=', `/integrity/${id}`)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([await heard('sj.secretary'), await heard('cw4.member'), await heard('fsj1.deputy'), await heard('gbjd.staff')]).toEqual([1, 1, 0, 0]);
  });

  it('the approver returns with a reason, the drafter resubmits; the leader overseeing the office signs off', async () => {
    expect((await act('gbjd.staff', { action: 'approve' })).statusCode).toBe(403);
    expect((await act('fsj1.deputy', { action: 'approve' })).statusCode).toBe(404);
    expect((await act('cw4.member', { action: 'returnDraft' })).statusCode).toBe(400);
    const back = await act('cw4.member', { action: 'returnDraft', comment: '请补充第一名干部处分影响期的说明' });
    expect(back.json().state).toBe('RETURNED');
    version = back.json().version;
    version = (await act('gbjd.staff', { action: 'submit' })).json().version;
    const ok = await act('cw4.member', { action: 'approve' });
    expect(ok.statusCode).toBe(200);
    version = ok.json().version;
    expect(ok.json()).toMatchObject({ state: 'APPROVED', docNo: null, approvedBy: { name: '练冬禾' } });
    expect((await act('cw4.member', { action: 'issue' })).statusCode).toBe(403);
  });

  it('numbers at issue only, and the reply letter carries the 文号, the names and the conclusions', async () => {
    const draft = await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${id}/document.docx`, as: 'gbjd.staff' });
    expect(draft.statusCode).toBe(200);
    expect((await docxText(draft.rawPayload)).text).toContain('草稿（未编号）');
    const numbers = await t.db.selectFrom('doc_number').select('text').where('object_id', '=', id).execute();
    expect(numbers).toEqual([]);
    const res = await act('gbjd.staff', { action: 'issue' });
    expect(res.statusCode).toBe(200);
    const docNo = res.json().docNo as string;
    expect(docNo).toMatch(new RegExp(`^兰纪廉复〔${year()}〕\\d+号$`));
    expect(res.json().state).toBe('ISSUED');
    expect(await auditCount(t, 'integrity.issued', id)).toBe(1);
    const doc = await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${id}/document.docx`, as: 'cw4.member' });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    const { text, headers } = await docxText(doc.rawPayload);
    expect(text).toContain(docNo);
    expect(text).not.toContain('草稿（未编号）');
    for (const name of ['管玉洁', '石慕川', '闵若溪']) expect(text).toContain(name);
    expect(text).toContain('回复意见：有问题但不影响使用');
    expect(text).toContain('回复意见：未发现影响使用的问题');
    expect(text).toContain('中共兰州市委组织部（测试）：');
    expect(text).not.toContain(ID_NUMBER);
    expect(headers).toContain('练冬禾');
    const again = await act('gbjd.staff', { action: 'issue' });
    expect(again.statusCode).toBe(409);
  });

  it('every read of a reply is logged, and the ledger export is watermarked and audited', async () => {
    const before = await auditCount(t, 'integrity.read', id);
    expect((await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${id}`, as: 'sj.secretary' })).statusCode).toBe(200);
    expect(await auditCount(t, 'integrity.read', id)).toBe(before + 1);
    const list = await t.request({ method: 'GET', url: `/api/v1/integrity-replies?q=${encodeURIComponent('石慕川')}`, as: 'gbjd.staff' });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(id);
    // Listing names cadres too: logged with the ids shown, never the keyword itself.
    const logged = await t.db
      .selectFrom('audit_event')
      .select('payload')
      .where('type', '=', 'integrity.read')
      .where('actor_name', '=', '檀守一')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(logged.payload).toMatchObject({ view: 'ledger', keyword: true });
    expect((logged.payload as { ids: string[] }).ids).toContain(id);
    expect(JSON.stringify(logged.payload)).not.toContain('石慕川');
    const x = await t.request({ method: 'GET', url: '/api/v1/integrity-replies/export.xlsx', as: 'gbjd.staff' });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('干部回复意见')!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('檀守一');
    const rows = sheet
      .getSheetValues()
      .slice(3)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(expect.arrayContaining(['管玉洁', '有问题但不影响使用']));
    expect(await auditCount(t, 'integrity.exported')).toBeGreaterThan(0);
  });

  it('four eyes: a leader never approves a reply they drafted or submitted (422)', async () => {
    const own = await seedReply(t, { state: 'SUBMITTED', createdBy: 'sj.secretary' });
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/integrity-replies/${own.id}/actions`,
      payload: { version: own.version, action: 'approve' },
      as: 'sj.secretary',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('四眼原则');
    const other = await t.request({
      method: 'POST',
      url: `/api/v1/integrity-replies/${own.id}/actions`,
      payload: { version: own.version, action: 'approve' },
      as: 'cw4.member',
    });
    expect(other.statusCode).toBe(200);
    expect(await userId(t, 'cw4.member')).toBe(other.json().approvedBy.id);
  });
});
