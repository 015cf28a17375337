/**
 * The clue's way through approvals: chains by cadre level (approvalChain), the approver mapping, the
 * 谈话函询 and 初核 records (signatures, guard), fileCase through the Party committee step into a filed
 * case (cases/filing.ts), rejection, concurrent decisions (exactly one wins), merge rules, reopen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { act, approveAll, ask, createClue, decideAs, detail, JW, orgId, seedClue, userId } from './fixtures';

let t: TestApp;
let jc3: string;
beforeAll(async () => {
  t = await createTestApp();
  jc3 = await orgId(t, `${JW}-JC3`);
});
afterAll(() => t.close());

/** RECEIVED → REGISTERED → ASSIGNED (to `org`) → UNDER_ANALYSIS → DISPOSITION_PROPOSED over HTTP. */
async function toProposed(over: Record<string, unknown> = {}, org = `${JW}-JC3`, staff = 'jc3.staff', method = 'PRELIM_VERIFICATION') {
  let c = await createClue(t, over);
  c = (await act(t, c.id, { action: 'register', version: c.version }, 'ag.manager1')).json();
  const req = await ask(t, c.id, { action: 'assign', version: c.version, payload: { undertakingOrgId: await orgId(t, org) } }, 'ag.manager1');
  expect(req.statusCode, req.body).toBe(200);
  expect(req.json().chain).toEqual(['PRINCIPAL_LEADER']);
  await approveAll(t, req.json());
  c = await detail(t, c.id);
  expect(c.state).toBe('ASSIGNED');
  c = (await act(t, c.id, { action: 'accept', version: c.version }, staff)).json();
  const p = await act(t, c.id, { action: 'propose', version: c.version, method, rationale: '建议初核' }, staff);
  expect(p.statusCode, p.body).toBe(200);
  return p.json();
}

describe('approval chains by cadre level', () => {
  it('SAME_LEVEL_PARTY: 初核 by 分管领导 then 主要负责人; 立案 needs the 同级党委 step and files the case', async () => {
    let c = await toProposed({ cadreManagement: 'SAME_LEVEL_PARTY', subjectName: '测试对象庚' });
    const team = [await userId(t, 'jc3.staff'), await userId(t, 'jc3.director')];
    const r = await ask(
      t,
      c.id,
      { action: 'approvePrelim', version: c.version, payload: { plan: '调取资料、谈话', measures: ['TALK'], teamUserIds: team, leadUserId: team[1] } },
      'jc3.staff',
    );
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().chain).toEqual(['OVERSEEING_LEADER', 'PRINCIPAL_LEADER']);
    // the secretary cannot skip: step 0 is the 分管领导's (the secretary may act for it), a deputy who does not see the clue gets 404
    const blind = await decideAs(t, r.json().id, r.json().version, 'fsj1.deputy');
    expect(blind.statusCode).toBe(404);
    const step1 = await decideAs(t, r.json().id, r.json().version, 'cw1.member');
    expect(step1.statusCode, step1.body).toBe(200);
    const early = await decideAs(t, r.json().id, step1.json().version, 'cw1.member');
    expect(early.statusCode).toBe(403);
    const step2 = await decideAs(t, r.json().id, step1.json().version, 'sj.secretary');
    expect(step2.json().status).toBe('APPROVED');
    c = await detail(t, c.id);
    expect(c.state).toBe('PRELIM_VERIFICATION');
    const v = c.verifications[0];
    expect(v.team.map((m: { userId: string }) => m.userId).sort()).toEqual([...team].sort());

    // report guard: nobody signed → 409; draft the report, both sign, edit clears, sign again
    const early2 = await act(t, c.id, { action: 'reportPrelim', version: c.version }, 'jc3.staff');
    expect(early2.statusCode).toBe(409);
    const report = { subjectBasics: '基本情况', mainAllegations: '主要问题', basis: '依据', findings: '核实情况', doubts: '', proposal: 'PROPOSE_FILING' };
    let vv = (await t.request({ method: 'PATCH', url: `/api/v1/clue-verifications/${v.id}`, payload: { version: v.version, report }, as: 'jc3.staff' })).json();
    vv = (await t.request({ method: 'POST', url: `/api/v1/clue-verifications/${v.id}/sign`, as: 'jc3.staff' })).json();
    expect(vv.allSigned).toBe(false);
    vv = (await t.request({ method: 'POST', url: `/api/v1/clue-verifications/${v.id}/sign`, as: 'jc3.director' })).json();
    expect(vv.allSigned).toBe(true);
    const edited = await t.request({
      method: 'PATCH',
      url: `/api/v1/clue-verifications/${v.id}`,
      payload: { version: vv.version, report: { ...report, findings: '补充核实情况' } },
      as: 'jc3.staff',
    });
    expect(edited.json().allSigned).toBe(false);
    expect(edited.json().team.every((m: { signedAt: string | null }) => m.signedAt === null)).toBe(true);
    for (const u of ['jc3.staff', 'jc3.director'])
      expect((await t.request({ method: 'POST', url: `/api/v1/clue-verifications/${v.id}/sign`, as: u })).statusCode).toBe(200);
    c = await detail(t, c.id);
    const rep = await act(t, c.id, { action: 'reportPrelim', version: c.version }, 'jc3.staff');
    expect(rep.statusCode, rep.body).toBe(200);
    expect(rep.json().state).toBe('PRELIM_REPORTED');

    // proposeCase (same-level: 分管 + 主要) opens the case; fileCase needs 主要负责人 + 同级党委
    c = rep.json();
    const pc = (await ask(t, c.id, { action: 'proposeCase', version: c.version }, 'jc3.staff')).json();
    expect(pc.chain).toEqual(['OVERSEEING_LEADER', 'PRINCIPAL_LEADER']);
    await approveAll(t, pc);
    c = await detail(t, c.id);
    expect(c.state).toBe('CASE_PROPOSED');
    expect(c.case.state).toBe('FILING_PROPOSED');
    const fc = (await ask(t, c.id, { action: 'fileCase', version: c.version }, 'jc3.staff')).json();
    expect(fc.chain).toEqual(['PRINCIPAL_LEADER', 'PARTY_COMMITTEE_SECRETARY']);
    const s1 = await decideAs(t, fc.id, fc.version, 'sj.secretary');
    const noComment = await decideAs(t, fc.id, s1.json().version, 'ag.manager1', 'APPROVED', '');
    expect(noComment.statusCode).toBe(400);
    const s2 = await decideAs(t, fc.id, s1.json().version, 'ag.manager1', 'APPROVED', '市委书记批示同意立案（市委〔2026〕1号）');
    expect(s2.statusCode, s2.body).toBe(200);
    c = await detail(t, c.id);
    expect(c.state).toBe('CASE_FILED');
    expect(c.case.state).toBe('FILED');
    const kase = await t.db.selectFrom('case_file').selectAll().where('id', '=', c.case.id).executeTakeFirstOrThrow();
    expect(kase.party_committee_approved).toBe(true);
    expect(kase.lead_org_id).toBe(jc3);
  });

  it('subordinate top leader: 谈话函询 by 分管 + 主要; 初核 adds the 同级党委 step', async () => {
    const c = await toProposed({ isSubordinateTopLeader: true, cadreManagement: 'LOWER' }, `${JW}-JC3`, 'jc3.staff', 'TALK_INQUIRY');
    const ti = await ask(t, c.id, { action: 'approveTalkInquiry', version: c.version, payload: { form: 'LETTER' } }, 'jc3.staff');
    expect(ti.json().chain).toEqual(['OVERSEEING_LEADER', 'PRINCIPAL_LEADER']);
    const other = await seedClue(t, { state: 'DISPOSITION_PROPOSED', subordinateTop: true, cadreManagement: 'LOWER' });
    const me = await userId(t, 'jc3.staff');
    const pr = await ask(
      t,
      other.id,
      { action: 'approvePrelim', version: other.version, payload: { plan: '初核', measures: [], teamUserIds: [me], leadUserId: me } },
      'jc3.staff',
    );
    expect(pr.json().chain).toEqual(['OVERSEEING_LEADER', 'PRINCIPAL_LEADER', 'PARTY_COMMITTEE_SECRETARY']);
  });

  it('LOWER-managed cadre: the 分管领导 alone; a county clue asks the upper commission for 诬告陷害', async () => {
    const c = await seedClue(t, { state: 'DISPOSITION_PROPOSED', cadreManagement: 'LOWER' });
    const r = await ask(t, c.id, { action: 'approveClose', version: c.version, payload: { closedKind: 'DIRECT' } }, 'jc3.staff');
    expect(r.json().chain).toEqual(['OVERSEEING_LEADER']);
    await approveAll(t, r.json());
    const d = await detail(t, c.id);
    expect(d.state).toBe('CLOSED');
    expect(d.closedKind).toBe('DIRECT');
    const y = await seedClue(t, { state: 'TALK_INQUIRY_REPORTED', cadreManagement: 'LOWER', undertaking: 'LZ-YZ', receiving: 'LZ-YZ' });
    const fa = await ask(t, y.id, { action: 'findFalseAccusation', version: y.version }, 'yz.county');
    expect(fa.statusCode, fa.body).toBe(200);
    expect(fa.json().chain).toEqual(['OVERSEEING_LEADER', 'PRINCIPAL_LEADER', 'UPPER_COMMISSION']);
    const m = await seedClue(t, { state: 'TALK_INQUIRY_REPORTED', cadreManagement: 'LOWER' });
    expect((await ask(t, m.id, { action: 'findFalseAccusation', version: m.version }, 'jc3.staff')).json().chain).toEqual([
      'OVERSEEING_LEADER',
      'PRINCIPAL_LEADER',
    ]);
  });

  it('rejection closes the request and leaves the state; one open request per clue', async () => {
    const c = await seedClue(t, { state: 'DISPOSITION_PROPOSED' });
    const r = (await ask(t, c.id, { action: 'approveHold', version: c.version, payload: { reviewDue: '2099-01-01' } }, 'jc3.staff')).json();
    const d0 = await detail(t, c.id);
    const second = await ask(t, c.id, { action: 'approveClose', version: d0.version, payload: { closedKind: 'DIRECT' } }, 'jc3.staff');
    expect(second.statusCode).toBe(409);
    const rej = await decideAs(t, r.id, r.version, 'sj.secretary', 'REJECTED', '证据不足，退回');
    expect(rej.json().status).toBe('REJECTED');
    const d = await detail(t, c.id, 'jc3.staff');
    expect(d.state).toBe('DISPOSITION_PROPOSED');
    expect(d.abilities.requests).toContain('approveHold');
    const inbox = await t.db
      .selectFrom('inbox_message')
      .select('title')
      .where('user_id', '=', await userId(t, 'jc3.staff'))
      .execute();
    expect(inbox.some((m) => m.title.includes('未获批准'))).toBe(true);
  });

  it('two approvers deciding the same step at once: exactly one 200, the other 409', async () => {
    const c = await seedClue(t, { state: 'DISPOSITION_PROPOSED' });
    const r = (await ask(t, c.id, { action: 'approveClose', version: c.version, payload: { closedKind: 'DIRECT' } }, 'jc3.staff')).json();
    expect(r.chain).toEqual(['OVERSEEING_LEADER']);
    const [a, b] = await Promise.all([decideAs(t, r.id, r.version, 'sj.secretary'), decideAs(t, r.id, r.version, 'cw1.member')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await detail(t, c.id)).state).toBe('CLOSED');
    const approvals = await t.db.selectFrom('clue_approval').select('id').where('request_id', '=', r.id).execute();
    expect(approvals).toHaveLength(1);
  });
});

describe('谈话函询', () => {
  it('records the round with its limits, reports and closes with a first-form measure', async () => {
    const c = await seedClue(t, { state: 'DISPOSITION_PROPOSED' });
    await approveAll(t, (await ask(t, c.id, { action: 'approveTalkInquiry', version: c.version, payload: { form: 'LETTER' } }, 'jc3.staff')).json());
    let d = await detail(t, c.id, 'jc3.staff');
    const i = d.inquiries[0];
    expect(i.round).toBe(1);
    expect(i.abilities.update).toBe(true);
    const res = await t.request({
      method: 'PATCH',
      url: `/api/v1/clue-inquiries/${i.id}`,
      payload: { version: i.version, letterSentOn: '2026-09-25', letterReceivedOn: '2026-09-28' },
      as: 'jc3.staff',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().replyDue).toBe('2026-10-23');
    d = await detail(t, c.id);
    expect(d.deadlines.inquiryReplyDue).toBe('2026-10-23');
    const r2 = await t.request({
      method: 'PATCH',
      url: `/api/v1/clue-inquiries/${i.id}`,
      payload: { version: res.json().version, repliedOn: '2026-10-12', report: '函询回复说明清楚', outcome: 'FIRST_FORM' },
      as: 'jc3.staff',
    });
    expect(r2.json().reportDue).toBe('2026-11-12');
    d = await detail(t, c.id);
    expect(d.deadlines.inquiryReplyDue).toBeNull();
    const rep = await act(t, c.id, { action: 'reportTalkInquiry', version: d.version }, 'jc3.staff');
    expect(rep.json().state).toBe('TALK_INQUIRY_REPORTED');
    await approveAll(
      t,
      (await ask(t, c.id, { action: 'closeFirstForm', version: rep.json().version, payload: { measure: 'ADMONITION' } }, 'jc3.staff')).json(),
    );
    d = await detail(t, c.id);
    expect(d.state).toBe('CLOSED_FIRST_FORM');
    expect(d.inquiries[0].firstFormMeasure).toBe('ADMONITION');
    // reopen only with new evidence
    const bad = await ask(t, c.id, { action: 'reopen', version: d.version, payload: { newEvidence: '' } }, 'jc3.staff');
    expect(bad.statusCode).toBe(400);
    await approveAll(t, (await ask(t, c.id, { action: 'reopen', version: d.version, payload: { newEvidence: '新的转账记录' } }, 'jc3.staff')).json());
    d = await detail(t, c.id);
    expect(d.state).toBe('REOPENED');
    expect(d.closedOn).toBeNull();
  });
});

describe('merge', () => {
  it('merges into an open visible clue (DUPLICATE / CO_PARTY), never into itself or a closed one', async () => {
    const target = await createClue(t, { subjectName: '测试对象辛' });
    const dup = await createClue(t, { subjectName: '测试对象辛' });
    const self = await act(t, dup.id, { action: 'merge', version: dup.version, targetId: dup.id, kind: 'DUPLICATE' }, 'ag.manager1');
    expect(self.statusCode).toBe(409);
    const byOffice = await act(t, dup.id, { action: 'merge', version: dup.version, targetId: target.id, kind: 'DUPLICATE' }, 'xf.officer1');
    expect(byOffice.statusCode).toBe(403);
    const closed = await seedClue(t, { state: 'CLOSED' });
    const intoClosed = await act(t, dup.id, { action: 'merge', version: dup.version, targetId: closed.id, kind: 'DUPLICATE' }, 'ag.manager1');
    expect(intoClosed.statusCode).toBe(409);
    const ok = await act(t, dup.id, { action: 'merge', version: dup.version, targetId: target.id, kind: 'DUPLICATE' }, 'ag.manager1');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('MERGED');
    expect(ok.json().mergedInto.id).toBe(target.id);
    const co = await createClue(t, { subjectName: '测试对象壬' });
    await act(t, co.id, { action: 'merge', version: co.version, targetId: target.id, kind: 'CO_PARTY' }, 'ag.manager1');
    const tgt = await detail(t, target.id);
    expect(tgt.mergedClues.map((m: { mergeKind: string }) => m.mergeKind).sort()).toEqual(['CO_PARTY', 'DUPLICATE']);
    const intoMerged = await act(t, target.id, { action: 'merge', version: tgt.version, targetId: dup.id, kind: 'DUPLICATE' }, 'ag.manager1');
    expect(intoMerged.statusCode).toBe(409);
    const related = await t.request({ method: 'GET', url: `/api/v1/clues/${target.id}/related`, as: 'ag.manager1' });
    expect(related.json().items.find((i: { id: string }) => i.id === dup.id).reasons).toContain('SAME_NAME');
  });
});

describe('screening meeting', () => {
  it('an item with a method on an UNDER_ANALYSIS clue records the proposal in the same transaction', async () => {
    const a = await seedClue(t, { state: 'UNDER_ANALYSIS' });
    const b = await seedClue(t, { state: 'DISPOSITION_PROPOSED' });
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/clue-meetings',
      payload: {
        title: '第三监督检查室线索集体排查会',
        heldOn: '2026-09-01',
        minutes: '逐件研究',
        items: [
          { clueId: a.id, method: 'TALK_INQUIRY', decision: '拟谈话函询' },
          { clueId: b.id, decision: '继续跟进' },
        ],
      },
      as: 'jc3.director',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(2);
    const d = await detail(t, a.id);
    expect(d.state).toBe('DISPOSITION_PROPOSED');
    expect(d.proposedMethod).toBe('TALK_INQUIRY');
    expect(d.meetings[0].id).toBe(res.json().id);
    const list = await t.request({ method: 'GET', url: '/api/v1/clue-meetings', as: 'jc3.staff' });
    expect(list.json().items.map((m: { id: string }) => m.id)).toContain(res.json().id);
    const hidden = await t.request({ method: 'GET', url: `/api/v1/clue-meetings/${res.json().id}`, as: 'fin.staff' });
    expect(hidden.statusCode).toBe(404);
    // a clue the organiser cannot propose for (another undertaking department): refused, nothing written
    const foreign = await seedClue(t, { state: 'UNDER_ANALYSIS', undertaking: `${JW}-PZ-JYJ` });
    const before = await t.db.selectFrom('clue_meeting').select('id').execute();
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/clue-meetings',
      payload: { title: '排查', heldOn: '2026-09-02', items: [{ clueId: foreign.id, method: 'CLOSE', decision: '了结' }] },
      as: 'jc3.director',
    });
    expect(bad.statusCode).toBe(403);
    expect(await t.db.selectFrom('clue_meeting').select('id').execute()).toHaveLength(before.length);
    const invisible = await seedClue(t, { state: 'UNDER_ANALYSIS', undertaking: `${JW}-PZ-JR`, receiving: `${JW}-PZ-JR` });
    const nope = await t.request({
      method: 'POST',
      url: '/api/v1/clue-meetings',
      payload: { title: '排查', heldOn: '2026-09-02', items: [{ clueId: invisible.id, decision: '了解' }] },
      as: 'edu.staff',
    });
    expect(nope.statusCode).toBe(400);
  });
});
