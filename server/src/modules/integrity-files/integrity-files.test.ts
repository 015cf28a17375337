/**
 * 廉政档案 over HTTP against PostgreSQL (domain.md b.6, d): the register exists for the 干部监督室 only; every read
 * of a file or a section is audited and logged; anyone else reads only under a live approval of the leader
 * overseeing the 干部监督室 (404 before it, after it ends, outside its sections); approvals by any other leader,
 * by the requester, or about one's own file are refused; bad input 400 with zh-CN paths and nothing written;
 * stale entry versions 409; the clue and case history follows the reader's own visibility; the approvals card
 * of the 工作台 counts the ledger.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../../../test/fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const KEEPER = 'gbjd.staff';
const LEADER = 'cw4.member';

const personId = async (name: string) => (await t.db.selectFrom('person').select('id').where('name_zh', '=', name).executeTakeFirstOrThrow()).id;
const personOfUser = async (username: string) =>
  (await t.db.selectFrom('app_user').select('person_id').where('username', '=', username).executeTakeFirstOrThrow()).person_id;
const fileOf = async (pid: string) => (await t.db.selectFrom('integrity_file').select('id').where('person_id', '=', pid).executeTakeFirstOrThrow()).id;
const readRows = async () =>
  Number(
    (
      await t.db
        .selectFrom('integrity_file_read')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const requestRows = async () =>
  Number(
    (
      await t.db
        .selectFrom('integrity_file_request')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function request(as: string, name: string, sections: string[], extra: Record<string, unknown> = {}) {
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/integrity-file-requests',
    as,
    payload: { personId: await personId(name), reason: '干部选任前了解廉政情况（测试）', sections, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; state: string };
}

const act = (as: string, id: string, body: Record<string, unknown>) =>
  t.request({ method: 'POST', url: `/api/v1/integrity-file-requests/${id}/actions`, as, payload: body });

describe('the register and the custodian', () => {
  it('exists for the 干部监督室 only: 404 to the 书记, the overseeing leader and an office', async () => {
    for (const who of ['sj.secretary', LEADER, 'jc1.staff', 'edu.group'])
      for (const url of ['/api/v1/integrity-files', '/api/v1/integrity-file-reads', '/api/v1/integrity-files/export.xlsx'])
        expect((await t.request({ method: 'GET', url, as: who })).statusCode, `${who} ${url}`).toBe(404);
    const listed = await auditCount(t.db, 'integrityfile.listed');
    const res = await t.request({ method: 'GET', url: '/api/v1/integrity-files?pageSize=100', as: KEEPER });
    expect(res.statusCode, res.body).toBe(200);
    expect(await auditCount(t.db, 'integrityfile.listed')).toBe(listed + 1);
    const items = res.json().items as { person: { name: string }; stale: boolean }[];
    expect(items.map((i) => i.person.name)).toEqual(expect.arrayContaining(['管玉洁', '宗建平']));
    // the demo keeps one file untouched for 400 days: flagged, and the stale filter finds exactly those
    const stale = await t.request({ method: 'GET', url: '/api/v1/integrity-files?stale=true', as: KEEPER });
    expect(stale.json().total).toBe(items.filter((i) => i.stale).length);
    expect(stale.json().total).toBeGreaterThanOrEqual(1);
    const search = await t.request({ method: 'GET', url: `/api/v1/integrity-files?q=${encodeURIComponent('教育局')}`, as: KEEPER });
    expect(search.json().items.map((i: { person: { name: string } }) => i.person.name)).toContain('管玉洁');
    const before = await auditCount(t.db, 'integrityfile.exported');
    const x = await t.request({ method: 'GET', url: '/api/v1/integrity-files/export.xlsx', as: KEEPER });
    expect(x.statusCode).toBe(200);
    expect(await auditCount(t.db, 'integrityfile.exported')).toBe(before + 1);
  });

  it('audits every read of a file and of a section, and logs it', async () => {
    const id = await fileOf(await personId('宗建平'));
    const [audits, reads] = [await auditCount(t.db, 'integrityfile.read'), await readRows()];
    const res = await t.request({ method: 'GET', url: `/api/v1/integrity-files/${id}`, as: KEEPER });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().sections.map((s: { section: string }) => s.section)).toHaveLength(10);
    expect(res.json().abilities).toEqual({ edit: true, log: true });
    const one = await t.request({ method: 'GET', url: `/api/v1/integrity-files/${id}?section=ECONOMIC_AUDIT`, as: KEEPER });
    expect(one.json().sections.map((s: { section: string }) => s.section)).toEqual(['ECONOMIC_AUDIT']);
    expect(one.json().sections[0].entries[0].title).toContain('经济责任审计');
    expect(await auditCount(t.db, 'integrityfile.read')).toBe(audits + 2);
    expect(await readRows()).toBe(reads + 2);
    const log = await t.request({ method: 'GET', url: `/api/v1/integrity-file-reads?fileId=${id}`, as: KEEPER });
    expect(log.json().items[0]).toMatchObject({ view: 'section', sections: ['ECONOMIC_AUDIT'], request: null });
    // the demo's approved consultation of the 党风政风监督室 is in the log under its approval
    expect(log.json().items.some((r: { request: { approvedBy: string } | null }) => r.request?.approvedBy === '练冬禾')).toBe(true);
  });

  it('refuses bad input with zh-CN field paths and writes nothing', async () => {
    const id = await fileOf(await personId('宗建平'));
    const [requests, audits] = [await requestRows(), await auditCount(t.db)];
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/integrity-file-requests',
      as: 'jc1.staff',
      payload: { personId: 'x', reason: '', sections: [], validUntil: '2026-02-30x' },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['personId', 'reason', 'sections', 'validUntil']));
    expect(bad.json().message).toContain('请至少选择一个查阅栏目');
    const badSection = await t.request({
      method: 'POST',
      url: '/api/v1/integrity-file-requests',
      as: 'jc1.staff',
      payload: { personId: await personId('宗建平'), reason: '测试理由', sections: ['NOPE'] },
    });
    expect(badSection.statusCode).toBe(400);
    expect(badSection.json().details.issues[0]).toEqual({ path: 'sections.0', message: '档案栏目不正确' });
    const noYear = await t.request({
      method: 'POST',
      url: `/api/v1/integrity-files/${id}/entries`,
      as: KEEPER,
      payload: { section: 'DECLARATIONS', title: '年度报告', content: '按期报告' },
    });
    expect(noYear.statusCode).toBe(400);
    expect(noYear.json().details.issues).toEqual([{ path: 'year', message: '该栏目按年度登记，请填写年度' }]);
    const computed = await t.request({
      method: 'POST',
      url: `/api/v1/integrity-files/${id}/entries`,
      as: KEEPER,
      payload: { section: 'CLUES_CASES', title: '手工登记', content: '不允许' },
    });
    expect(computed.statusCode).toBe(400);
    expect(computed.json().details.issues[0]).toMatchObject({ path: 'section', message: '该栏目由系统汇集，不能手工登记' });
    const late = await t.request({
      method: 'POST',
      url: '/api/v1/integrity-file-requests',
      as: 'jc1.staff',
      payload: { personId: await personId('宗建平'), reason: '测试理由', sections: ['BASIC'], validUntil: '2099-01-01' },
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().details.issues).toEqual([{ path: 'validUntil', message: '查阅期限不超过30天' }]);
    expect(await requestRows()).toBe(requests);
    expect(await auditCount(t.db)).toBe(audits);
  });

  it('keeps entries with optimistic locking: a stale version is 409 and changes nothing; every change audited', async () => {
    const id = await fileOf(await personId('聂长顺'));
    const file = await t.db.selectFrom('integrity_file').select(['version', 'content_updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
    const added = await t.request({
      method: 'POST',
      url: `/api/v1/integrity-files/${id}/entries`,
      as: KEEPER,
      payload: { section: 'OTHER', title: '民主生活会说明', content: '对批评意见作了说明。（测试）' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const entry = added.json().entry as { id: string; version: number };
    expect(added.json().fileVersion).toBe(file.version + 1);
    const url = `/api/v1/integrity-files/${id}/entries/${entry.id}`;
    const ok = await t.request({
      method: 'PATCH',
      url,
      as: KEEPER,
      payload: { section: 'OTHER', title: '民主生活会说明', content: '修改后（测试）', version: 1 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().entry.version).toBe(2);
    const audits = await auditCount(t.db, 'integrityfile.entry_updated');
    const stale = await t.request({
      method: 'PATCH',
      url,
      as: KEEPER,
      payload: { section: 'OTHER', title: '覆盖', content: '旧版本覆盖（测试）', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('数据已被他人修改，请刷新后重试');
    expect((await t.db.selectFrom('integrity_file_entry').select('content').where('id', '=', entry.id).executeTakeFirstOrThrow()).content).toBe(
      '修改后（测试）',
    );
    expect(await auditCount(t.db, 'integrityfile.entry_updated')).toBe(audits);
    expect((await t.request({ method: 'DELETE', url: `${url}?version=1`, as: KEEPER })).statusCode).toBe(409);
    expect((await t.request({ method: 'DELETE', url: `${url}?version=2`, as: KEEPER })).statusCode).toBe(200);
    // nobody but the custodian writes: 404 (the file does not exist for them)
    expect(
      (await t.request({ method: 'POST', url: `/api/v1/integrity-files/${id}/entries`, as: LEADER, payload: { section: 'OTHER', title: 'x', content: 'y' } }))
        .statusCode,
    ).toBe(404);
  });
});

describe('consultation under approval', () => {
  it('refuses reads without a live approval (404), reads the approved sections only, until the end date', async () => {
    const id = await fileOf(await personId('宗建平'));
    for (const who of ['jc1.staff', 'sj.secretary', LEADER, 'fsj1.deputy'])
      expect((await t.request({ method: 'GET', url: `/api/v1/integrity-files/${id}`, as: who })).statusCode, who).toBe(404);
    const r = await request('jc1.staff', '宗建平', ['BASIC', 'ECONOMIC_AUDIT']);
    expect(r.state).toBe('PENDING');
    expect((await t.request({ method: 'GET', url: `/api/v1/integrity-files/${id}`, as: 'jc1.staff' })).statusCode).toBe(404);
    // another leader (not over the 干部监督室) may not decide: the request does not exist for them
    expect((await act('fsj1.deputy', r.id, { action: 'approve', version: 1 })).statusCode).toBe(404);
    expect((await act('sj.secretary', r.id, { action: 'approve', version: 1 })).statusCode).toBe(404);
    // the requester may not approve their own request
    expect((await act('jc1.staff', r.id, { action: 'approve', version: 1 })).statusCode).toBe(403);
    const ok = await act(LEADER, r.id, { action: 'approve', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'APPROVED', live: true });
    // the requester hears of it
    const inbox = await t.request({ method: 'GET', url: '/api/v1/inbox', as: 'jc1.staff' });
    expect(inbox.json().items.some((m: { title: string }) => m.title.includes('廉政档案查阅申请（宗建平）'))).toBe(true);
    const mine = await t.request({ method: 'GET', url: `/api/v1/integrity-file-requests/${r.id}`, as: 'jc1.staff' });
    expect(mine.json().fileId).toBe(id);
    const audits = await auditCount(t.db, 'integrityfile.read');
    const read = await t.request({ method: 'GET', url: `/api/v1/integrity-files/${id}`, as: 'jc1.staff' });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().sections.map((s: { section: string }) => s.section)).toEqual(['BASIC', 'ECONOMIC_AUDIT']);
    expect(read.json().readUnder.requestId).toBe(r.id);
    expect(read.json().abilities).toEqual({ edit: false, log: false });
    expect((await t.request({ method: 'GET', url: `/api/v1/integrity-files/${id}?section=FAMILY`, as: 'jc1.staff' })).statusCode).toBe(404);
    expect(await auditCount(t.db, 'integrityfile.read')).toBe(audits + 1);
    const log = await t.request({ method: 'GET', url: `/api/v1/integrity-file-reads?fileId=${id}`, as: KEEPER });
    expect(log.json().items[0]).toMatchObject({ reader: { name: '雍景行' }, request: { id: r.id, approvedBy: '练冬禾' } });
    // the approval ends: the same read answers 404
    await sql`UPDATE integrity_file_request SET valid_until = current_date - 1 WHERE id = ${r.id}::uuid`.execute(t.owner);
    expect((await t.request({ method: 'GET', url: `/api/v1/integrity-files/${id}`, as: 'jc1.staff' })).statusCode).toBe(404);
    const after = await t.request({ method: 'GET', url: `/api/v1/integrity-file-requests/${r.id}`, as: 'jc1.staff' });
    expect(after.json()).toMatchObject({ expired: true, live: false, fileId: null });
  });

  it('rejection needs a reason and grants nothing; a decided request cannot be decided again', async () => {
    const r = await request('jc2.staff', '管玉洁', ['BASIC']);
    const noReason = await act(LEADER, r.id, { action: 'reject', version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues).toEqual([{ path: 'comment', message: '请填写理由' }]);
    expect((await act(LEADER, r.id, { action: 'reject', version: 1, comment: '查阅理由不充分' })).statusCode).toBe(200);
    expect((await act(LEADER, r.id, { action: 'approve', version: 2 })).statusCode).toBe(409);
    expect((await act(LEADER, r.id, { action: 'approve', version: 1 })).statusCode).toBe(409);
    expect((await t.request({ method: 'GET', url: `/api/v1/integrity-files/${await fileOf(await personId('管玉洁'))}`, as: 'jc2.staff' })).statusCode).toBe(
      404,
    );
  });

  it('revoking an approval ends the read at once; a withdrawn request cannot be approved; a reader never writes', async () => {
    const id = await fileOf(await personId('房素雅'));
    const r = await request('jc5.staff', '房素雅', ['BASIC']);
    expect((await act(LEADER, r.id, { action: 'approve', version: 1, validUntil: '2000-01-01' })).statusCode).toBe(400);
    expect((await act(LEADER, r.id, { action: 'approve', version: 1 })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: `/api/v1/integrity-files/${id}`, as: 'jc5.staff' })).statusCode).toBe(200);
    // an approved reader reads, never keeps: the entry routes do not exist for them
    const write = await t.request({
      method: 'POST',
      url: `/api/v1/integrity-files/${id}/entries`,
      as: 'jc5.staff',
      payload: { section: 'OTHER', title: 'x', content: 'y' },
    });
    expect(write.statusCode).toBe(404);
    expect((await act('jc5.staff', r.id, { action: 'revoke', version: 2, comment: '自己收回' })).statusCode).toBe(403);
    expect((await act(LEADER, r.id, { action: 'revoke', version: 2, comment: '查阅目的已完成' })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: `/api/v1/integrity-files/${id}`, as: 'jc5.staff' })).statusCode).toBe(404);
    const w = await request('jc5.staff', '房素雅', ['FAMILY']);
    expect((await act(LEADER, w.id, { action: 'withdraw', version: 1 })).statusCode).toBe(403);
    expect((await act('jc5.staff', w.id, { action: 'withdraw', version: 1 })).statusCode).toBe(200);
    expect((await act(LEADER, w.id, { action: 'approve', version: 2 })).statusCode).toBe(409);
  });

  it('recusal: nobody asks for, keeps or decides on their own file; the approver is never the requester', async () => {
    // the custodian opens a file for a colleague of the 第一监督检查室, who then may not ask to read it
    const jc1Person = await personOfUser('jc1.staff');
    const created = await t.request({ method: 'POST', url: '/api/v1/integrity-files', as: KEEPER, payload: { personId: jc1Person } });
    expect(created.statusCode, created.body).toBe(201);
    const own = await t.request({
      method: 'POST',
      url: '/api/v1/integrity-file-requests',
      as: 'jc1.staff',
      payload: { personId: jc1Person, reason: '查看本人档案', sections: ['BASIC'] },
    });
    expect(own.statusCode).toBe(422);
    expect(own.json().message).toContain('回避');
    const keepOwn = await t.request({ method: 'POST', url: '/api/v1/integrity-files', as: KEEPER, payload: { personId: await personOfUser(KEEPER) } });
    expect(keepOwn.statusCode).toBe(422);
    // a request about the overseeing leader: that leader never sees it, so never decides it
    const leaderPerson = await personOfUser(LEADER);
    const aboutLeader = await t.request({
      method: 'POST',
      url: '/api/v1/integrity-file-requests',
      as: 'jc1.staff',
      payload: { personId: leaderPerson, reason: '了解委领导廉政情况（测试）', sections: ['BASIC'] },
    });
    expect(aboutLeader.statusCode, aboutLeader.body).toBe(201);
    expect((await act(LEADER, aboutLeader.json().id, { action: 'approve', version: 1 })).statusCode).toBe(404);
    const list = await t.request({ method: 'GET', url: '/api/v1/integrity-file-requests?view=toApprove', as: LEADER });
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(aboutLeader.json().id);
    // …the 书记 stands in (and hears of it); any other request stays out of the 书记's hands
    const secretaryInbox = await t.request({ method: 'GET', url: '/api/v1/inbox', as: 'sj.secretary' });
    expect(secretaryInbox.json().items.some((m: { title: string }) => m.title.startsWith('廉政档案查阅申请待审批（练冬禾）'))).toBe(true);
    const standIn = await t.request({ method: 'GET', url: '/api/v1/integrity-file-requests?view=toApprove', as: 'sj.secretary' });
    expect(standIn.json().items.map((i: { id: string }) => i.id)).toEqual([aboutLeader.json().id]);
    expect((await act('sj.secretary', aboutLeader.json().id, { action: 'approve', version: 1 })).statusCode).toBe(200);
    // the overseeing leader asking themself: never their own approver
    const self = await request(LEADER, '聂长顺', ['BASIC']);
    expect((await act(LEADER, self.id, { action: 'approve', version: 1 })).statusCode).toBe(403);
    const toApprove = await t.request({ method: 'GET', url: '/api/v1/integrity-file-requests?view=toApprove', as: LEADER });
    expect(toApprove.json().items.map((i: { id: string }) => i.id)).not.toContain(self.id);
  });

  it('the clue and case history is the reader’s own: an approval opens no clue the reader may not see', async () => {
    const pid = await personId('管玉洁');
    const id = await fileOf(pid);
    const r = await request('edu.group', '管玉洁', ['CLUES_CASES', 'TALK_INQUIRIES']);
    expect((await act(LEADER, r.id, { action: 'approve', version: 1 })).statusCode).toBe(200);
    const edu = (await t.request({ method: 'GET', url: `/api/v1/integrity-files/${id}?section=CLUES_CASES`, as: 'edu.group' })).json();
    const eduLines = edu.sections[0].history as { kind: 'clue' | 'case'; id: string }[];
    expect(eduLines.length).toBeGreaterThan(0);
    const keeper = (await t.request({ method: 'GET', url: `/api/v1/integrity-files/${id}?section=CLUES_CASES`, as: KEEPER })).json();
    const keeperLines = keeper.sections[0].history as { kind: 'clue' | 'case'; id: string }[];
    const path = (l: { kind: string; id: string }) => `/api/v1/${l.kind === 'clue' ? 'clues' : 'cases'}/${l.id}`;
    // every line each reader gets opens for that reader; a line hidden from the custodian does not open for it either
    for (const l of eduLines) expect((await t.request({ method: 'GET', url: path(l), as: 'edu.group' })).statusCode, path(l)).toBe(200);
    for (const l of keeperLines) expect((await t.request({ method: 'GET', url: path(l), as: KEEPER })).statusCode, path(l)).toBe(200);
    const hidden = eduLines.filter((l) => !keeperLines.some((k) => k.id === l.id));
    expect(hidden.length).toBeGreaterThan(0);
    for (const l of hidden) expect((await t.request({ method: 'GET', url: path(l), as: KEEPER })).statusCode).toBe(404);
  });
});

describe('工作台 and bell', () => {
  it('the approvals card of the overseeing leader counts the ledger; the bell rings on a new request', async () => {
    await request('jc4.staff', '解丰年', ['BASIC']);
    const inbox = await t.request({ method: 'GET', url: '/api/v1/inbox', as: LEADER });
    expect(inbox.json().items.some((m: { title: string }) => m.title === '廉政档案查阅申请待审批（解丰年）')).toBe(true);
    const wb = (await t.request({ method: 'GET', url: '/api/v1/workbench', as: LEADER })).json();
    const card = wb.cards.find((c: { key: string }) => c.key === 'integrityFileApprovals');
    const ledger = (await t.request({ method: 'GET', url: card.api, as: LEADER })).json();
    expect(card.count).toBe(ledger.total);
    expect(card.count).toBeGreaterThanOrEqual(2);
    expect(card.rows.map((r: { id: string }) => r.id)).toEqual(ledger.items.slice(0, 5).map((i: { id: string }) => i.id));
    // a leader who does not oversee the 干部监督室 gets the card with nothing in it
    const other = (await t.request({ method: 'GET', url: '/api/v1/workbench', as: 'fsj1.deputy' })).json();
    expect(other.cards.find((c: { key: string }) => c.key === 'integrityFileApprovals').count).toBe(0);
  });

  it('the 干部监督室 finds the files not updated for a year on its 工作台, as the register counts them', async () => {
    const wb = (await t.request({ method: 'GET', url: '/api/v1/workbench', as: KEEPER })).json();
    const card = wb.cards.find((c: { key: string }) => c.key === 'integrityFilesStale');
    expect(card.ledger).toBe('/integrity-files?stale=true');
    const ledger = (await t.request({ method: 'GET', url: card.api, as: KEEPER })).json();
    expect(card.count).toBe(ledger.total);
    expect(card.count).toBeGreaterThanOrEqual(1);
    expect(card.rows.map((r: { id: string }) => r.id)).toEqual(ledger.items.slice(0, 5).map((i: { id: string }) => i.id));
  });
});

describe('the custodian request overview (view=all)', () => {
  it('shows the 干部监督室 every request addressed to it, by anyone, with its state; 404 to everyone else', async () => {
    const a = await request('jc4.staff', '管玉洁', ['BASIC']);
    const b = await request('edu.group', '解丰年', ['FAMILY']);
    expect((await act(LEADER, b.id, { action: 'reject', version: b.version, comment: '理由不充分（测试）' })).statusCode).toBe(200);
    const all = await t.request({ method: 'GET', url: '/api/v1/integrity-file-requests?view=all&pageSize=100', as: KEEPER });
    expect(all.statusCode, all.body).toBe(200);
    const items = all.json().items as { id: string; state: string; requester: { name: string } }[];
    expect(items.find((i) => i.id === a.id)?.state).toBe('PENDING');
    expect(items.find((i) => i.id === b.id)?.state).toBe('REJECTED');
    expect(new Set(items.map((i) => i.requester.name)).size).toBeGreaterThanOrEqual(2);
    // every request of the commission, except those about the custodian's own file (回避)
    const own = await personOfUser(KEEPER);
    const expected = await t.db
      .selectFrom('integrity_file_request')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('person_id', '<>', own)
      .executeTakeFirstOrThrow();
    expect(all.json().total).toBe(Number(expected.n));
    // the state filter narrows the overview
    const rejected = (await t.request({ method: 'GET', url: '/api/v1/integrity-file-requests?view=all&state=REJECTED&pageSize=100', as: KEEPER })).json();
    expect(rejected.items.map((i: { state: string }) => i.state)).toEqual(rejected.items.map(() => 'REJECTED'));
    expect(rejected.items.some((i: { id: string }) => i.id === b.id)).toBe(true);
    // a requester, the deciding leader and the 书记 have no overview (their own views stay)
    for (const as of ['jc4.staff', 'edu.group', LEADER, 'sj.secretary']) {
      expect((await t.request({ method: 'GET', url: '/api/v1/integrity-file-requests?view=all', as })).statusCode, as).toBe(404);
    }
    expect((await t.request({ method: 'GET', url: '/api/v1/integrity-file-requests?view=mine', as: 'edu.group' })).statusCode).toBe(200);
  });
});
