/**
 * 专项整治成效 (issue 10): the figures are counted from the records carrying the campaign's id, per month
 * too; only callers who see the campaign get them (404 otherwise, a 专班 member for its dates); numbers
 * only, no names; funds recovered is set by the case decision and validated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { act, makeCase } from '../cases/fixtures';
import { auditCount } from '../orgs/test-helpers';
import { addMember, dayOffset, makeAccountability, makeCampaign, makeClue, makeDecidedCase, makeTask } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Groups = { key: string; figures: { key: string; value: number }[] }[];
const figure = (groups: Groups, g: string, f: string) => groups.find((x) => x.key === g)?.figures.find((x) => x.key === f)?.value;

describe('the cached figures (per node, keyed by the data epochs)', () => {
  it('move with every linked table at once: each write is on the next read, by any path', async () => {
    const c = await makeCampaign(t);
    const kpis = async (): Promise<Groups> => {
      const res = await t.request({ method: 'GET', url: `/api/v1/campaigns/${c}/kpis`, as: 'dfzf.director' });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().groups;
    };
    const series = async () =>
      (await t.request({ method: 'GET', url: `/api/v1/campaigns/${c}/kpis/series?from=2026-04&to=2026-04`, as: 'dfzf.director' })).json();
    expect(figure(await kpis(), 'clues', 'screened')).toBe(0);
    expect(figure(await kpis(), 'clues', 'screened')).toBe(0); // served from the cache
    const clue = await makeClue(t, c, { receivedOn: '2026-04-02', state: 'CASE_FILED' });
    expect(figure(await kpis(), 'clues', 'screened')).toBe(1);
    expect((await series()).series.find((s: { key: string }) => s.key === 'clues').values).toEqual([1]);
    // case_clue (a clue joined to a case later) is read through the 'campaign' epoch
    const k = await makeDecidedCase(t, { filedOn: '2026-04-03' });
    expect(figure(await kpis(), 'cases', 'filed')).toBe(0);
    await t.db.insertInto('case_clue').values({ case_id: k, clue_id: clue }).execute();
    expect(figure(await kpis(), 'cases', 'filed')).toBe(1);
    await makeAccountability(t, c, 'BULLETIN', '2026-04-20');
    expect(figure(await kpis(), 'accountability', 'total')).toBe(1);
    const unit = (await t.db.selectFrom('org').select(['id', 'commission_id']).where('code', '=', 'LZ-HU-JYJ').executeTakeFirstOrThrow()) as {
      id: string;
      commission_id: string;
    };
    const rule = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${c}/rules`,
      as: 'dfzf.director',
      payload: { unitOrgId: unit.id, title: '学校食堂大宗食材集中采购办法', issuedOn: '2026-04-25' },
    });
    expect(rule.statusCode, rule.body).toBe(200);
    expect(figure(await kpis(), 'reform', 'rules')).toBe(1);
    const dfzf = (await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-JW-DFZF').executeTakeFirstOrThrow()).id;
    await t.db
      .insertInto('reform_record')
      .values({
        commission_id: unit.commission_id,
        origin: 'CAMPAIGN',
        title: '以案促改（缓存测试）',
        unit_org_id: unit.id,
        owner_org_id: dfzf,
        campaign_id: c,
      })
      .execute();
    expect(figure(await kpis(), 'reform', 'records')).toBe(1);
    await t.db.deleteFrom('case_clue').where('clue_id', '=', clue).execute();
    expect(figure(await kpis(), 'cases', 'filed')).toBe(0);
  });
});

describe('campaign KPIs', () => {
  let campaign = '';
  let orgId = '';

  beforeAll(async () => {
    campaign = await makeCampaign(t);
    orgId = (await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-HU-JYJ').executeTakeFirstOrThrow()).id;
    const caseA = await makeDecidedCase(t, {
      filedOn: '2026-04-10',
      decidedOn: '2026-05-20',
      funds: '12345.67',
      outcomes: [
        { kind: 'PARTY_SANCTION', detail: 'SERIOUS_WARNING', form: 'SECOND' },
        { kind: 'ADMIN_SANCTION', detail: 'DEMOTION', form: 'THIRD' },
      ],
    });
    const caseB = await makeDecidedCase(t, { filedOn: '2026-04-12' });
    const caseD = await makeDecidedCase(t, { filedOn: '2026-04-15', decidedOn: '2026-05-02', outcomes: [{ kind: 'FIRST_FORM_MEASURE', form: 'FIRST' }] });
    // a case outside the campaign, with funds and a fourth-form outcome: must not count
    await makeDecidedCase(t, { filedOn: '2026-04-01', decidedOn: '2026-05-01', funds: '999', outcomes: [{ kind: 'PROSECUTION', form: 'FOURTH' }] });
    await makeClue(t, campaign, { receivedOn: '2026-03-10', state: 'CLOSED_FIRST_FORM', closedOn: '2026-05-05' });
    await makeClue(t, campaign, { receivedOn: '2026-03-15', state: 'REGISTERED' });
    await makeClue(t, campaign, { receivedOn: '2026-04-05', state: 'CASE_FILED', caseId: caseA, subjectName: '褚建伟' });
    const viaJoin = await makeClue(t, campaign, { receivedOn: '2026-04-05', state: 'CASE_FILED' });
    await t.db.insertInto('case_clue').values({ case_id: caseB, clue_id: viaJoin }).execute();
    await makeClue(t, campaign, { receivedOn: '2026-04-05', state: 'CASE_FILED', caseId: caseD });
    await makeClue(t, campaign, { receivedOn: '2026-04-06', state: 'UNDER_ANALYSIS' });
    await makeAccountability(t, campaign, 'BULLETIN', '2026-04-20');
    await makeAccountability(t, campaign, 'ADMONITION', '2026-05-08');
    await makeAccountability(t, null, 'BULLETIN', '2026-05-08');
    await makeTask(t, campaign, { state: 'CLOSED', deadline: '2026-06-30', closedOn: '2026-05-25' });
    await makeTask(t, campaign, { state: 'IN_PROGRESS', deadline: '2026-01-01' });
    await makeTask(t, campaign, { state: 'ASSIGNED', deadline: '2099-01-01' });
    const dfzf = (await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-JW-DFZF').executeTakeFirstOrThrow()).id;
    await t.db
      .insertInto('reform_record')
      .values({
        commission_id: (await t.db.selectFrom('org').select('commission_id').where('id', '=', dfzf).executeTakeFirstOrThrow()).commission_id,
        origin: 'CAMPAIGN',
        title: '校园餐以案促改（测试）',
        unit_org_id: orgId,
        owner_org_id: dfzf,
        campaign_id: campaign,
      })
      .execute();
  });

  it('records a rule in the 建章立制 register (bad input → 400 with the field), counted among the figures', async () => {
    const bad = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${campaign}/rules`,
      as: 'dfzf.director',
      payload: { unitOrgId: orgId, title: '制', issuedOn: '2026-13-01' },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'issuedOn']));
    const ok = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${campaign}/rules`,
      as: 'dfzf.director',
      payload: { unitOrgId: orgId, title: '市教育局学校食堂食材验收管理办法', issuedOn: '2026-05-10' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ unit: { id: orgId }, title: '市教育局学校食堂食材验收管理办法', issuedOn: '2026-05-10' });
    expect(await auditCount(t, 'campaign.rule_recorded', campaign)).toBe(1);
    const list = (await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/rules`, as: 'sj.secretary' })).json();
    expect(list.items).toHaveLength(1);
    const xlsx = await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/rules/export.xlsx`, as: 'dfzf.director' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('counts the linked records (and nothing else), names never in the answer', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/kpis`, as: 'dfzf.director' });
    expect(res.statusCode, res.body).toBe(200);
    const g: Groups = res.json().groups;
    expect(figure(g, 'clues', 'screened')).toBe(6);
    expect(figure(g, 'clues', 'inHandling')).toBe(2);
    expect(figure(g, 'clues', 'firstForm')).toBe(1);
    expect(figure(g, 'clues', 'toCase')).toBe(3);
    expect(figure(g, 'cases', 'filed')).toBe(3);
    expect(figure(g, 'cases', 'decided')).toBe(2);
    expect(figure(g, 'cases', 'fundsRecovered')).toBe(12345.67);
    // case A is one person in its heaviest form (third); case D and the clue closed in the first form: two
    expect(figure(g, 'fourForms', 'FIRST')).toBe(2);
    expect(figure(g, 'fourForms', 'SECOND')).toBe(0);
    expect(figure(g, 'fourForms', 'THIRD')).toBe(1);
    expect(figure(g, 'fourForms', 'FOURTH')).toBe(0);
    expect(figure(g, 'fourForms', 'total')).toBe(3);
    expect(figure(g, 'accountability', 'total')).toBe(2);
    expect(figure(g, 'accountability', 'BULLETIN')).toBe(1);
    expect(figure(g, 'accountability', 'ADMONITION')).toBe(1);
    expect(figure(g, 'rectification', 'tasks')).toBe(3);
    expect(figure(g, 'rectification', 'closed')).toBe(1);
    expect(figure(g, 'rectification', 'overdue')).toBe(1);
    expect(figure(g, 'reform', 'records')).toBe(1);
    expect(figure(g, 'reform', 'rules')).toBe(1);
    expect(res.body).not.toContain('褚建伟');
    expect(res.body).not.toContain('测试对象');
  });

  it('gives the same figures per month', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/kpis/series?from=2026-03&to=2026-06`, as: 'sj.secretary' });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.months).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
    const values = (key: string) => s.series.find((x: { key: string }) => x.key === key).values;
    expect(values('clues')).toEqual([2, 4, 0, 0]);
    expect(values('cases')).toEqual([0, 3, 0, 0]);
    expect(values('persons')).toEqual([0, 0, 3, 0]);
    expect(values('accountability')).toEqual([0, 1, 1, 0]);
    expect(values('tasksClosed')).toEqual([0, 0, 1, 0]);
    expect(values('rules')).toEqual([0, 0, 1, 0]);
    expect(values('fundsRecovered')).toEqual([0, 0, 12345.67, 0]);
    const reversed = await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/kpis/series?from=2026-06&to=2026-03`, as: 'sj.secretary' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().details.issues[0].path).toBe('querystring.from');
  });

  it('404 for whoever may not see the campaign; a 专班 member sees it for the membership dates only', async () => {
    for (const as of ['fin.staff', 'bank.liaison', 'edu.group']) {
      for (const url of [`/api/v1/campaigns/${campaign}/kpis`, `/api/v1/campaigns/${campaign}/kpis/series`, `/api/v1/campaigns/${campaign}/rules`]) {
        const res = await t.request({ method: 'GET', url, as });
        expect(res.statusCode, `${as} ${url}`).toBe(404);
      }
    }
    expect((await t.request({ method: 'GET', url: '/api/v1/campaigns/00000000-0000-4000-8000-000000000000/kpis', as: 'sj.secretary' })).statusCode).toBe(404);
    await addMember(t, campaign, 'fin.staff', '2026-01-01', await dayOffset(t, 30));
    await addMember(t, campaign, 'edu.group', '2026-01-01', await dayOffset(t, -1));
    const member = await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/kpis`, as: 'fin.staff' });
    expect(member.statusCode).toBe(200);
    expect(figure(member.json().groups, 'clues', 'screened')).toBe(6);
    expect((await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/kpis`, as: 'edu.group' })).statusCode).toBe(404);
  });

  it('drill-down lists only what the caller may open: the figures say 3 cases, the lead office (not on the teams) gets none', async () => {
    const all = (await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/links`, as: 'sj.secretary' })).json();
    expect([all.clues.length, all.cases.length, all.tasks.length]).toEqual([6, 3, 3]);
    const lead = await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/links`, as: 'dfzf.director' });
    expect(lead.statusCode).toBe(200);
    expect(lead.json().clues).toHaveLength(6);
    expect(lead.json().cases).toEqual([]);
    expect(lead.body).not.toContain('演示人员');
    const kpis = (await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/kpis`, as: 'dfzf.director' })).json();
    expect(figure(kpis.groups, 'cases', 'filed')).toBe(3);
    expect((await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/links`, as: 'bank.liaison' })).statusCode).toBe(404);
  });

  it('exports the figures table (audited)', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/kpis/export.xlsx`, as: 'dfzf.director' });
    expect(res.statusCode).toBe(200);
    expect(await auditCount(t, 'campaign.kpis_exported', campaign)).toBe(1);
  });
});

describe('funds recovered on the case decision', () => {
  it('negative → 400 with the field path and nothing written; a valid amount is stored with the decision', async () => {
    const id = await makeCase(t, { state: 'TRIAL_DELIBERATED' });
    const bad = await act(t, id, 'decide', 'sj.secretary', { fundsRecovered: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues.map((i: { path: string }) => i.path)).toContain('fundsRecovered');
    expect(bad.json().message).toBeTruthy();
    const cents = await act(t, id, 'decide', 'sj.secretary', { fundsRecovered: 1.234 });
    expect(cents.statusCode).toBe(400);
    const row = await t.db.selectFrom('case_file').select(['state', 'funds_recovered']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'TRIAL_DELIBERATED', funds_recovered: null });
    const ok = await act(t, id, 'decide', 'sj.secretary', { fundsRecovered: 86000.5 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await t.db.selectFrom('case_file').select('funds_recovered').where('id', '=', id).executeTakeFirstOrThrow()).funds_recovered).toBe('86000.50');
  });

  it('the case read API shows the amount the decision fixed (exact cents, null before), to who may read the case', async () => {
    const id = await makeCase(t, { state: 'TRIAL_DELIBERATED' });
    const before = await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, as: 'sj.secretary' });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().fundsRecovered).toBeNull();
    const decided = await act(t, id, 'decide', 'sj.secretary', { fundsRecovered: 1234567.8 });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().fundsRecovered).toBe('1234567.80');
    const read = await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, as: 'sj.secretary' });
    expect(read.json().fundsRecovered).toBe('1234567.80');
    const spec = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(JSON.stringify(spec.paths['/api/v1/cases/{id}'].get.responses['200'])).toContain('"fundsRecovered"');
  });
});
