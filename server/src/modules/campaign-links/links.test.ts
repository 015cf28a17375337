/**
 * The campaign link (issue 10) on every object a 专项整治 produces: clues, reform records, letters (and the
 * tasks they spawn), accountability, bulletins and screening meetings take a `campaignId` that must name a
 * campaign of the caller's commission the caller may see — an unknown id, another commission's id and a
 * hidden campaign get one and the same 400 on `campaignId` — required where the origin says 专项整治,
 * read back with the campaign's name, and filterable.
 */
import { CAMPAIGN_LINK_REFUSED } from '@liandong/domain/campaigns/links';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createOtherCommission, serviceCtx } from '../../../test/fixtures';
import { intake } from '../clues/fixtures';
import { ACCOUNTABILITY_BODY, BANK, FIN_GROUP, orgId } from '../reform/fixtures';
import { openReformRecordForCase, spawnTasksForLetter } from '../reform';
import { makeCase } from '../cases/fixtures';
import { makeCampaign } from './fixtures';

let t: TestApp;
/** Led by 党风政风监督室 with 第三监督检查室 and the finance group: jc3.staff and fin.staff see it. */
let shared: { id: string; name: string };
/** Led by 第十审查调查室 alone: neither jc3.staff nor fin.staff sees it (the 书记 does). */
let hidden: { id: string; name: string };
/** A campaign of another commission. */
let foreign: { id: string; name: string };
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  shared = await makeCampaign(t, { name: '金融领域腐败问题专项整治（测试）', participants: ['LZ-JW-JC3', FIN_GROUP] });
  hidden = await makeCampaign(t, { name: '隐藏的专项整治（测试）', lead: 'LZ-JW-SC10' });
  const other = await createOtherCommission(t.db);
  foreign = await makeCampaign(t, { name: '外委专项整治（测试）', commissionId: other.commissionId, leadOrgId: other.orgId });
});
afterAll(() => t.close());

type Res = Awaited<ReturnType<TestApp['request']>>;

/** The 400 on `campaignId` with the one refusal message, whatever the reason. */
function expectRefused(res: Res, label: string) {
  expect(res.statusCode, `${label}: ${res.body}`).toBe(400);
  const issues = res.json().details.issues as { path: string; message: string }[];
  expect(issues, label).toContainEqual({ path: 'campaignId', message: CAMPAIGN_LINK_REFUSED });
}

/** The three refusals must read the same: the caller learns nothing about which ids exist. */
async function expectIndistinguishable(send: (campaignId: string) => Promise<Res>) {
  const bodies = [];
  for (const [label, id] of [
    ['unknown', UNKNOWN],
    ['other commission', foreign.id],
    ['hidden', hidden.id],
  ] as const) {
    const res = await send(id);
    expectRefused(res, label);
    const { message, details } = res.json();
    bodies.push({ message, details });
  }
  expect(bodies[1]).toEqual(bodies[0]);
  expect(bodies[2]).toEqual(bodies[0]);
}

const ids = (res: Res) => (res.json().items as { id: string }[]).map((i) => i.id);

describe('clues', () => {
  const post = (as: string, over: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/clues', as, payload: intake(over) });

  it('a CAMPAIGN_SCREENING clue must name a campaign the caller sees; the ledger filters by it', async () => {
    const missing = await post('jc3.staff', { source: 'CAMPAIGN_SCREENING' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.issues).toContainEqual({ path: 'campaignId', message: '来源为专项整治时须选择所属专项整治' });
    await expectIndistinguishable((campaignId) => post('jc3.staff', { source: 'CAMPAIGN_SCREENING', campaignId }));

    const ok = await post('jc3.staff', { source: 'CAMPAIGN_SCREENING', campaignId: shared.id, title: '专项整治排查：某局违规发放补贴问题' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ campaignId: shared.id, campaignName: shared.name });
    const other = await post('jc3.staff', { source: 'FOUND_IN_SUPERVISION', title: '监督发现：未关联专项整治' });
    expect(other.json().campaignId).toBeNull();

    const ledger = await t.request({ method: 'GET', url: `/api/v1/clues?campaignId=${shared.id}&pageSize=100`, as: 'jc3.staff' });
    expect(ledger.statusCode).toBe(200);
    expect(ids(ledger)).toEqual([ok.json().id]);
    expect(ledger.json().items[0].campaignName).toBe(shared.name);

    // an edit may not drop the campaign of a CAMPAIGN_SCREENING clue, nor move it to a hidden one
    const url = `/api/v1/clues/${ok.json().id}`;
    const drop = await t.request({ method: 'PATCH', url, as: 'jc3.staff', payload: { version: ok.json().version, campaignId: null } });
    expect(drop.statusCode).toBe(400);
    expect(drop.json().details.issues[0].path).toBe('campaignId');
    expectRefused(await t.request({ method: 'PATCH', url, as: 'jc3.staff', payload: { version: ok.json().version, campaignId: hidden.id } }), 'patch hidden');
    const row = await t.db.selectFrom('clue').select('campaign_id').where('id', '=', ok.json().id).executeTakeFirstOrThrow();
    expect(row.campaign_id).toBe(shared.id);
  });
});

describe('reform records', () => {
  const post = (as: string, payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/reform-records', as, payload });

  it('origin CAMPAIGN takes a visible campaign by id and is titled and filtered by it', async () => {
    const unitOrgId = await orgId(t, BANK);
    const missing = await post('fin.staff', { origin: 'CAMPAIGN', unitOrgId });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.issues).toContainEqual({ path: 'campaignId', message: '来源为专项整治时须选择所属专项整治' });
    // the old free-text field is gone
    expect((await post('fin.staff', { origin: 'CAMPAIGN', campaignName: shared.name, unitOrgId })).statusCode).toBe(400);
    await expectIndistinguishable((campaignId) => post('fin.staff', { origin: 'CAMPAIGN', campaignId, unitOrgId }));

    const ok = await post('fin.staff', { origin: 'CAMPAIGN', campaignId: shared.id, unitOrgId, sector: 'FINANCE' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ campaignId: shared.id, campaignName: shared.name, title: `以案促改：${shared.name}` });
    const list = await t.request({ method: 'GET', url: `/api/v1/reform-records?campaignId=${shared.id}`, as: 'fin.staff' });
    expect(ids(list)).toEqual([ok.json().id]);
    const drop = await t.request({
      method: 'PATCH',
      url: `/api/v1/reform-records/${ok.json().id}`,
      as: 'fin.staff',
      payload: { version: ok.json().version, campaignId: null },
    });
    expect(drop.statusCode).toBe(400);
    expect(drop.json().details.issues[0].path).toBe('campaignId');
  });

  it("a case's record, opened at filing, takes the campaign its clue was screened in", async () => {
    const clue = await t.request({
      method: 'POST',
      url: '/api/v1/clues',
      as: 'jc3.staff',
      payload: intake({ source: 'CAMPAIGN_SCREENING', campaignId: shared.id, title: '专项整治排查：立案线索' }),
    });
    const caseId = await makeCase(t);
    await t.db.updateTable('clue').set({ case_id: caseId }).where('id', '=', clue.json().id).execute();
    const ctx = await serviceCtx(t.db, 'sj.secretary', ['SECRETARY']);
    const recordId = await t.db.transaction().execute((trx) => openReformRecordForCase(trx, ctx, caseId));
    const row = await t.db.selectFrom('reform_record').select('campaign_id').where('id', '=', recordId).executeTakeFirstOrThrow();
    expect(row.campaign_id).toBe(shared.id);
  });
});

describe('letters and their tasks', () => {
  const draft = async (over: Record<string, unknown>) => ({
    type: 'SUPERVISION',
    origin: 'CAMPAIGN',
    recipientOrgId: await orgId(t, BANK),
    title: '关于示例城市商业银行专项整治发现问题的监察建议书',
    background: '专项整治中发现该行信贷审批管理存在突出问题（演示数据）。',
    facts: '审批权限过于集中。',
    causes: '内部监督制约不力。',
    legalBasis: ['《中华人民共和国监察法》第五十二条'],
    items: [{ text: '健全信贷审批分级授权制度', deadline: '2099-06-30' }],
    ...over,
  });
  const post = async (as: string, over: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/letters', as, payload: await draft(over) });

  it('origin CAMPAIGN needs a visible campaign; the tasks spawned from the letter inherit it', async () => {
    const missing = await post('fin.staff', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.issues.map((i: { path: string }) => i.path)).toContain('campaignId');
    await expectIndistinguishable((campaignId) => post('fin.staff', { campaignId }));

    const ok = await post('fin.staff', { campaignId: shared.id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ campaignId: shared.id, campaignName: shared.name });
    const list = await t.request({ method: 'GET', url: `/api/v1/letters?campaignId=${shared.id}`, as: 'fin.staff' });
    expect(ids(list)).toEqual([ok.json().id]);

    const ctx = await serviceCtx(t.db, 'fin.staff', ['GROUP_STAFF']);
    const spawned = await t.db.transaction().execute((trx) => spawnTasksForLetter(trx, ctx, ok.json().id));
    expect(spawned).toHaveLength(1);
    const tasks = await t.request({ method: 'GET', url: `/api/v1/rectification-tasks?campaignId=${shared.id}`, as: 'fin.staff' });
    expect(ids(tasks)).toEqual(spawned);
    expect(tasks.json().items[0]).toMatchObject({ campaignId: shared.id, campaignName: shared.name });
    const none = await t.request({ method: 'GET', url: `/api/v1/rectification-tasks?campaignId=${hidden.id}`, as: 'sj.secretary' });
    expect(ids(none)).toEqual([]);
  });

  it("a reform record's letter takes the record's campaign (another one is refused)", async () => {
    const rec = await t.request({
      method: 'POST',
      url: '/api/v1/reform-records',
      as: 'fin.staff',
      payload: { origin: 'CAMPAIGN', campaignId: shared.id, unitOrgId: await orgId(t, BANK) },
    });
    const recordId = rec.json().id;
    const inherited = await post('fin.staff', { recordId, origin: 'SUPERVISION' });
    expect(inherited.statusCode, inherited.body).toBe(200);
    expect(inherited.json().campaignId).toBe(shared.id);
    const other = await makeCampaign(t, { participants: [FIN_GROUP] });
    const clash = await post('fin.staff', { recordId, campaignId: other.id });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().details.issues[0].path).toBe('campaignId');
  });

  it("PATCH cannot move a reform record's letter away from the record's campaign (422 on campaignId, nothing written)", async () => {
    const rec = await t.request({
      method: 'POST',
      url: '/api/v1/reform-records',
      as: 'fin.staff',
      payload: { origin: 'CAMPAIGN', campaignId: shared.id, unitOrgId: await orgId(t, BANK) },
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const letter = await post('fin.staff', { recordId: rec.json().id, origin: 'SUPERVISION' });
    expect(letter.statusCode, letter.body).toBe(200);
    const { id, version } = letter.json() as { id: string; version: number };
    const other = await makeCampaign(t, { participants: [FIN_GROUP] });
    const patch = (payload: Record<string, unknown>) =>
      t.request({ method: 'PATCH', url: `/api/v1/letters/${id}`, as: 'fin.staff', payload: { version, ...payload } });
    const MESSAGE = '建议书随所属以案促改记录归属专项整治，不能单独修改';
    for (const campaignId of [other.id, null]) {
      const moved = await patch({ campaignId, title: '改挂其他专项整治的监察建议书' });
      expect(moved.statusCode, moved.body).toBe(422);
      expect(moved.json().message).toBe(MESSAGE);
      expect(moved.json().details.issues).toEqual([{ path: 'campaignId', message: MESSAGE }]);
    }
    const row = await t.db.selectFrom('letter').select(['campaign_id', 'title', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ campaign_id: shared.id, title: letter.json().title, version });
    // Sending the record's own campaign is no move: accepted with the other changes.
    const same = await patch({ campaignId: shared.id, title: '关于示例城市商业银行信贷审批问题的监察建议书' });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ campaignId: shared.id, version: version + 1 });
    // A letter of no record keeps its campaign editable.
    const free = await post('fin.staff', { campaignId: shared.id });
    const freed = await t.request({
      method: 'PATCH',
      url: `/api/v1/letters/${free.json().id}`,
      as: 'fin.staff',
      payload: { version: free.json().version, campaignId: other.id },
    });
    expect(freed.statusCode, freed.body).toBe(200);
    expect(freed.json().campaignId).toBe(other.id);
  });
});

describe('accountability and bulletins', () => {
  it('accountability takes a visible campaign and filters by it', async () => {
    const post = (payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/accountabilities', as: 'fin.staff', payload });
    await expectIndistinguishable((campaignId) => post({ ...ACCOUNTABILITY_BODY, campaignId }));
    expect((await post({ ...ACCOUNTABILITY_BODY, campaignName: '自由文本' })).statusCode).toBe(200); // unknown keys are dropped, not stored
    const ok = await post({ ...ACCOUNTABILITY_BODY, campaignId: shared.id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ campaignId: shared.id, campaignName: shared.name });
    const list = await t.request({ method: 'GET', url: `/api/v1/accountabilities?campaignId=${shared.id}`, as: 'fin.staff' });
    expect(ids(list)).toEqual([ok.json().id]);
    const url = `/api/v1/accountabilities/${ok.json().id}`;
    expectRefused(await t.request({ method: 'PATCH', url, as: 'fin.staff', payload: { version: ok.json().version, campaignId: hidden.id } }), 'patch');
    const cleared = await t.request({ method: 'PATCH', url, as: 'fin.staff', payload: { version: ok.json().version, campaignId: null } });
    expect(cleared.json()).toMatchObject({ campaignId: null, campaignName: null });
  });

  it('a CAMPAIGN_PROGRESS bulletin must name its campaign; the list filters by it', async () => {
    const body = (over: Record<string, unknown>) => ({
      type: 'CAMPAIGN_PROGRESS',
      scope: 'INTERNAL',
      title: '专项整治工作进展情况通报（测试）',
      body: '专项整治开展以来（演示数据）。',
      ...over,
    });
    const post = (over: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/bulletins', as: 'fin.staff', payload: body(over) });
    const missing = await post({});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.issues[0].path).toBe('campaignId');
    await expectIndistinguishable((campaignId) => post({ campaignId }));
    const ok = await post({ campaignId: shared.id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ campaignId: shared.id, campaignName: shared.name });
    const list = await t.request({ method: 'GET', url: `/api/v1/bulletins?campaignId=${shared.id}`, as: 'fin.staff' });
    expect(ids(list)).toEqual([ok.json().id]);
  });
});
