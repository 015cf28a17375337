/**
 * A confirmed problem turned into a draft recommendation letter or a planned 专项整治: one transaction, the
 * joint analysis prefilled, the recipient validated in scope, links back on both pages only for readers who
 * may open the other side, audit, 4xx in Chinese, 404 out of scope, idempotency and 409 on a second conversion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../../../test/fixtures';
import { FIN, orgIds } from '../supervision/fixtures';

let t: TestApp;
let id: (code: string) => string;
beforeAll(async () => {
  t = await createTestApp();
  id = await orgIds(t);
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH';
const req = (method: Method, url: string, as: string, payload?: object, headers?: Record<string, string>) =>
  t.request({ method, url, as, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });

const ANALYSIS =
  '一、各县学校自行指定供应商，采购制度未落实\n二、教育局对校园餐采购监管缺位\n建议：全面推行校园餐食材公开招标\n建议教育局建立供应商准入和退出机制';

/** A problem of jc3 (owner) with the 党风政风监督室 and the 驻金融组 in the joint analysis, confirmed, analysed. */
async function confirmedProblem(title: string, analysis = ANALYSIS) {
  const created = await req('POST', '/api/v1/problems', 'jc3.staff', {
    title,
    description: '演示数据：三县校园餐食材采购未经公开招标',
    sector: 'SCHOOL_CATERING',
    type: 'SYSTEMIC',
    unitOrgIds: [id('LZ-HU-JYJ')],
    analysisOrgIds: [id('LZ-JW-DFZF'), id(FIN)],
  });
  expect(created.statusCode, created.body).toBe(200);
  const pid = created.json().id as string;
  expect((await req('POST', `/api/v1/problems/${pid}/actions`, 'jc3.staff', { action: 'confirm', version: 1 })).statusCode).toBe(200);
  const analysed = await req('PATCH', `/api/v1/problems/${pid}`, 'jc3.staff', { version: 2, analysis, analysedOn: '2026-11-20' });
  expect(analysed.statusCode, analysed.body).toBe(200);
  return pid;
}

describe('problem → recommendation letter', () => {
  it('refuses bad input in Chinese with the field path, 404 out of scope, 403 for a non-party; nothing is created', async () => {
    const pid = await confirmedProblem('演示数据：校园餐采购（建议书校验）');
    const letters = await t.db
      .selectFrom('letter')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const post = (body: object, as = 'jc3.staff') => req('POST', `/api/v1/problems/${pid}/convert-to-letter`, as, { version: 3, ...body });
    const badId = await post({ recipientOrgId: 'nope' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().details.issues[0]).toMatchObject({ path: 'recipientOrgId', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    // a unit neither concerned by the problem nor in the caller's scope is refused
    const outside = await post({ recipientOrgId: id('LZ-HU-GAJ') });
    expect(outside.statusCode, outside.body).toBe(400);
    expect(outside.json().details.issues).toEqual([{ path: 'recipientOrgId', message: '收文单位须为问题涉及的单位或本人职责范围内的单位' }]);
    // the commission's own office is never a recipient (the letters module's rule, through its face)
    const own = await post({ recipientOrgId: id('LZ-JW-JC3') });
    expect(own.statusCode, own.body).toBe(400);
    expect(own.json().details.issues[0].path).toBe('recipientOrgId');
    const past = await post({ recipientOrgId: id('LZ-HU-JYJ'), items: [{ text: '整改', deadline: '2020-01-01' }] });
    expect(past.statusCode).toBe(400);
    expect(past.json().details.issues[0]).toMatchObject({ path: 'items.0.deadline', message: '整改期限不能早于今天' });
    expect((await post({ recipientOrgId: id('LZ-HU-JYJ') }, 'cg.county')).statusCode).toBe(404);
    const leader = await post({ recipientOrgId: id('LZ-HU-JYJ') }, 'sj.secretary');
    expect(leader.statusCode).toBe(403);
    expect(leader.json().message).toContain('牵头部门或参与联合剖析的部门');
    expect((await post({ version: 2, recipientOrgId: id('LZ-HU-JYJ') })).statusCode).toBe(409);
    expect(
      await t.db
        .selectFrom('letter')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(letters);
    expect((await req('GET', `/api/v1/problems/${pid}`, 'jc3.staff')).json()).toMatchObject({ state: 'CONFIRMED', version: 3, conversions: [] });

    // an analysis that proposes nothing needs the recommendations written out
    const bare = await confirmedProblem('演示数据：校园餐采购（无建议）', '只有原因：制度缺失');
    const none = await req('POST', `/api/v1/problems/${bare}/convert-to-letter`, 'jc3.staff', { version: 3, recipientOrgId: id('LZ-HU-JYJ') });
    expect(none.statusCode).toBe(400);
    expect(none.json().details.issues[0]).toMatchObject({ path: 'items', message: expect.stringContaining('建议事项') });
    const written = await req('POST', `/api/v1/problems/${bare}/convert-to-letter`, 'jc3.staff', {
      version: 3,
      recipientOrgId: id('LZ-HU-JYJ'),
      items: [{ text: '建立校园餐采购制度', deadline: '2099-12-31' }],
    });
    expect(written.statusCode, written.body).toBe(200);
    expect(await t.db.selectFrom('letter_item').select(['text', 'deadline']).where('letter_id', '=', written.json().letter.id).execute()).toEqual([
      { text: '建立校园餐采购制度', deadline: '2099-12-31' },
    ]);
  });

  it('drafts the letter from the joint analysis in one step, links both ways for those who may see, audits, replays the same key and refuses a second conversion', async () => {
    const pid = await confirmedProblem('演示数据：校园餐食材采购未公开招标');
    const [converted, drafted] = [await auditCount(t.db, 'problem.converted_to_letter'), await auditCount(t.db, 'letter.drafted')];
    const body = { version: 3, recipientOrgId: id('LZ-HU-JYJ'), deadline: '2099-06-30' };
    const key = { 'idempotency-key': `problem-letter-${pid}` };
    const res = await req('POST', `/api/v1/problems/${pid}/convert-to-letter`, 'jc3.staff', body, key);
    expect(res.statusCode, res.body).toBe(200);
    const letterId = res.json().letter.id as string;
    expect(res.json().problem).toMatchObject({
      state: 'CONVERTED',
      version: 4,
      abilities: { update: false, actions: [] },
      conversions: [{ targetType: 'letter', targetId: letterId, ref: expect.stringContaining('建议书') }],
    });
    // a double click with the same key gets the same answer; nothing runs twice
    const replay = await req('POST', `/api/v1/problems/${pid}/convert-to-letter`, 'jc3.staff', body, key);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().letter.id).toBe(letterId);
    // a second conversion (another key, or another kind) is refused: one conversion per problem
    const again = await req('POST', `/api/v1/problems/${pid}/convert-to-letter`, 'jc3.staff', { ...body, version: 4 });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/[\u4e00-\u9fff]/);
    const campaign = await req('POST', `/api/v1/problems/${pid}/convert-to-campaign`, 'dfzf.staff', { version: 4, year: 2027 });
    expect(campaign.statusCode).toBe(409);
    expect(await t.db.selectFrom('problem_conversion').select(['target_type', 'target_id']).where('problem_id', '=', pid).execute()).toEqual([
      { target_type: 'letter', target_id: letterId },
    ]);

    const letter = await req('GET', `/api/v1/letters/${letterId}`, 'jc3.staff');
    expect(letter.statusCode, letter.body).toBe(200);
    expect(letter.json()).toMatchObject({
      state: 'DRAFTING',
      origin: 'SUPERVISION',
      type: 'COMBINED',
      recipientOrgId: id('LZ-HU-JYJ'),
      causes: '一、各县学校自行指定供应商，采购制度未落实\n二、教育局对校园餐采购监管缺位',
      facts: '演示数据：三县校园餐食材采购未经公开招标',
      sourceProblems: [{ id: pid, name: '演示数据：校园餐食材采购未公开招标' }],
    });
    expect(letter.json().background).toContain('2026-11-20');
    expect(letter.json().items.map((i: { text: string; deadline: string }) => [i.text, i.deadline])).toEqual([
      ['全面推行校园餐食材公开招标', '2099-06-30'],
      ['教育局建立供应商准入和退出机制', '2099-06-30'],
    ]);
    expect(await auditCount(t.db, 'problem.converted_to_letter')).toBe(converted + 1);
    expect(await auditCount(t.db, 'letter.drafted')).toBe(drafted + 1);
    const audit = await t.db
      .selectFrom('audit_event')
      .select('payload')
      .where('type', '=', 'problem.converted_to_letter')
      .where('object_id', '=', pid)
      .executeTakeFirstOrThrow();
    expect(audit.payload).toMatchObject({ action: 'toLetter', from: 'CONFIRMED', to: 'CONVERTED', letterId, items: 2 });

    // the 驻金融组 reads the problem (joint analysis) but may not open jc3's draft letter: the link is not shown
    expect((await req('GET', `/api/v1/letters/${letterId}`, 'fin.staff')).statusCode).toBe(404);
    const asFin = await req('GET', `/api/v1/problems/${pid}`, 'fin.staff');
    expect(asFin.statusCode).toBe(200);
    expect(asFin.json()).toMatchObject({ state: 'CONVERTED', conversions: [] });

    // a letter is evidence of another problem too (the evidence query reads the letter table)
    const cited = await req('POST', '/api/v1/problems', 'jc3.staff', {
      title: '演示数据：引用建议书的问题',
      sector: 'SCHOOL_CATERING',
      type: 'SECTORAL',
      evidence: [{ type: 'letter', id: letterId }],
    });
    expect(cited.statusCode, cited.body).toBe(200);
    expect(cited.json().evidence).toMatchObject([{ type: 'letter', id: letterId, unit: { id: id('LZ-HU-JYJ') } }]);
  });

  it('a party of the 案管室 (no letter drafter) is neither offered toLetter nor allowed it', async () => {
    const ag = await t.db.selectFrom('app_user').select('org_id').where('username', '=', 'ag.manager1').executeTakeFirstOrThrow();
    const created = await req('POST', '/api/v1/problems', 'jc3.staff', {
      title: '演示数据：校园餐采购（案管室参与剖析）',
      sector: 'SCHOOL_CATERING',
      type: 'SECTORAL',
      unitOrgIds: [id('LZ-HU-JYJ')],
      analysisOrgIds: [ag.org_id!],
    });
    expect(created.statusCode, created.body).toBe(200);
    const pid = created.json().id as string;
    const confirmed = await req('POST', `/api/v1/problems/${pid}/actions`, 'ag.manager1', { action: 'confirm', version: 1 });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().abilities.actions).toEqual(['dismiss']);
    expect((await req('GET', `/api/v1/problems/${pid}`, 'jc3.staff')).json().abilities.actions).toEqual(['dismiss', 'toLetter']);
    const refused = await req('POST', `/api/v1/problems/${pid}/convert-to-letter`, 'ag.manager1', {
      version: 2,
      recipientOrgId: id('LZ-HU-JYJ'),
      items: [{ text: '整改', deadline: '2099-01-01' }],
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('起草');
    expect((await req('GET', `/api/v1/problems/${pid}`, 'jc3.staff')).json()).toMatchObject({ state: 'CONFIRMED', version: 2 });
  });
});

describe('problem → campaign', () => {
  it('plans a campaign led by the 党风政风监督室 with the problem’s sector and theme, linked both ways; refusals in Chinese', async () => {
    const pid = await confirmedProblem('演示数据：校园餐食材采购监管缺位');
    const post = (body: object, as = 'dfzf.staff') => req('POST', `/api/v1/problems/${pid}/convert-to-campaign`, as, { version: 3, ...body });
    const noYear = await post({});
    expect(noYear.statusCode).toBe(400);
    expect(noYear.json().details.issues[0]).toMatchObject({ path: 'year', message: expect.stringContaining('年度') });
    const badDates = await post({ year: 2027, startsOn: '2027-05-01', endsOn: '2027-03-01' });
    expect(badDates.statusCode).toBe(400);
    expect(badDates.json().details.issues[0]).toMatchObject({ path: 'endsOn', message: '结束日期不能早于开始日期' });
    // the owner (a party) drafts letters but does not plan campaigns; out of scope is 404
    const owner = await post({ year: 2027 }, 'jc3.staff');
    expect(owner.statusCode).toBe(403);
    expect(owner.json().message).toContain('党风政风监督室');
    expect((await post({ year: 2027 }, 'cg.county')).statusCode).toBe(404);
    expect((await req('GET', `/api/v1/problems/${pid}`, 'jc3.staff')).json()).toMatchObject({ state: 'CONFIRMED', conversions: [] });

    const audited = await auditCount(t.db, 'problem.converted_to_campaign');
    const created = await auditCount(t.db, 'campaign.created');
    const res = await post({ year: 2027, startsOn: '2027-03-01', endsOn: '2027-10-31' });
    expect(res.statusCode, res.body).toBe(200);
    const campaignId = res.json().campaign.id as string;
    expect(res.json().problem).toMatchObject({ state: 'CONVERTED', conversions: [{ targetType: 'campaign', targetId: campaignId }] });
    expect(await auditCount(t.db, 'problem.converted_to_campaign')).toBe(audited + 1);
    expect(await auditCount(t.db, 'campaign.created')).toBe(created + 1);
    const row = await t.db
      .selectFrom('campaign')
      .select(['state', 'domain', 'sector_code', 'year', 'lead_org_id', 'plan'])
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      state: 'PLANNED',
      domain: 'SCHOOL_CATERING',
      sector_code: 'SCHOOL_CATERING',
      year: 2027,
      lead_org_id: id('LZ-JW-DFZF'),
      plan: ANALYSIS,
    });
    const detail = await req('GET', `/api/v1/campaigns/${campaignId}`, 'dfzf.staff');
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({
      name: '演示数据：校园餐食材采购监管缺位专项整治',
      sourceProblems: [{ id: pid, name: '演示数据：校园餐食材采购监管缺位' }],
    });
    // the joint-analysis group and the unit concerned take part (the lead is not listed again)
    expect(
      detail
        .json()
        .participants.map((p: { orgId: string; kind: string }) => [p.orgId, p.kind])
        .sort(),
    ).toEqual(
      [
        [id(FIN), 'GROUP'],
        [id('LZ-HU-JYJ'), 'DEPARTMENT'],
      ].sort(),
    );
    // the 书记 sees both; a second conversion is 409
    expect((await req('GET', `/api/v1/campaigns/${campaignId}`, 'sj.secretary')).json().sourceProblems).toHaveLength(1);
    expect((await post({ version: 4, year: 2028 })).statusCode).toBe(409);
  });

  it('a campaign reader who may not open the problem sees no link to it', async () => {
    // a problem of the 党风政风监督室 alone, concerning a county; the county's staff take part in the campaign
    const cg = await t.db.selectFrom('app_user').select('org_id').where('username', '=', 'cg.county').executeTakeFirstOrThrow();
    const county = { id: cg.org_id! };
    const created = await req('POST', '/api/v1/problems', 'dfzf.staff', {
      title: '演示数据：粮食购销领域虚假收购',
      sector: 'GRAIN',
      type: 'SECTORAL',
      unitOrgIds: [county.id],
    });
    expect(created.statusCode, created.body).toBe(200);
    const pid = created.json().id as string;
    expect((await req('POST', `/api/v1/problems/${pid}/actions`, 'dfzf.staff', { action: 'confirm', version: 1 })).statusCode).toBe(200);
    const res = await req('POST', `/api/v1/problems/${pid}/convert-to-campaign`, 'dfzf.staff', { version: 2, year: 2027 });
    expect(res.statusCode, res.body).toBe(200);
    const campaignId = res.json().campaign.id as string;
    const countyUser = { username: 'cg.county' };
    expect((await req('GET', `/api/v1/problems/${pid}`, countyUser.username)).statusCode).toBe(404);
    const asCounty = await req('GET', `/api/v1/campaigns/${campaignId}`, countyUser.username);
    expect(asCounty.statusCode, asCounty.body).toBe(200);
    expect(asCounty.json().sourceProblems).toEqual([]);
    expect((await req('GET', `/api/v1/campaigns/${campaignId}`, 'dfzf.staff')).json().sourceProblems).toEqual([
      { id: pid, name: '演示数据：粮食购销领域虚假收购' },
    ]);
  });
});
