/**
 * 定期通报 (issue 10): the job drafts a running campaign's progress 通报 once per period (a second run and
 * the cockpit's button find the same draft), persons anonymised (surname + 某), the lead office notified;
 * the draft is editable (PATCH, version) until 签发, and still gets no number before 签发.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { todayIso } from '../../platform/calendar';
import { auditCount } from '../orgs/test-helpers';
import { periodOf, runCampaignBulletins } from './bulletin-draft';
import { makeAccountability, makeCampaign, makeClue, makeDecidedCase } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const bulletinsOf = (campaignId: string) => t.db.selectFrom('bulletin').selectAll().where('campaign_id', '=', campaignId).execute();

describe('periodic campaign bulletins', () => {
  const today = todayIso();
  let campaign = '';
  let bulletin = '';

  beforeAll(async () => {
    campaign = await makeCampaign(t, { startsOn: '2026-03-05' });
    const caseId = await makeDecidedCase(t, {
      filedOn: '2026-04-10',
      decidedOn: '2026-05-20',
      funds: '52000',
      outcomes: [{ kind: 'PARTY_SANCTION', detail: 'WARNING', form: 'SECOND' }],
      set: {
        subject_name: '褚建伟',
        subject_position: '后勤保障科原科长',
        summary: '褚建伟在学校食材配送企业遴选中为特定企业提供帮助，收受企业负责人所送礼金',
      },
    });
    await makeClue(t, campaign, { receivedOn: '2026-04-05', state: 'CASE_FILED', caseId, subjectName: '褚建伟' });
    await makeAccountability(t, campaign, 'BULLETIN', '2026-05-08', '郝立新');
  });

  it('drafts once per period: a second run writes nothing; an unscheduled or finished campaign gets none', async () => {
    const quiet = await makeCampaign(t, { schedule: 'NONE' });
    const closed = await makeCampaign(t, { state: 'CLOSED' });
    const first = await runCampaignBulletins(t.db, today);
    expect(first.drafted).toBeGreaterThanOrEqual(1);
    const second = await runCampaignBulletins(t.db, today);
    expect(second.drafted).toBe(0);
    const rows = await bulletinsOf(campaign);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'CAMPAIGN_PROGRESS', scope: 'INTERNAL', period: periodOf('MONTHLY', today), doc_no: null, signed_by: null });
    bulletin = rows[0]!.id;
    expect(await bulletinsOf(quiet)).toHaveLength(0);
    expect(await bulletinsOf(closed)).toHaveLength(0);
    expect(await auditCount(t, 'bulletin.created', bulletin)).toBe(1);
    // the cockpit's button takes the same path: the existing draft, nothing new
    const button = await t.request({ method: 'POST', url: `/api/v1/campaigns/${campaign}/bulletins/draft`, as: 'dfzf.director' });
    expect(button.statusCode, button.body).toBe(200);
    expect(button.json()).toEqual({ bulletinId: bulletin, period: periodOf('MONTHLY', today), created: false });
    expect(await bulletinsOf(campaign)).toHaveLength(1);
    expect((await t.request({ method: 'POST', url: `/api/v1/campaigns/${closed}/bulletins/draft`, as: 'dfzf.director' })).statusCode).toBe(422);
    expect((await t.request({ method: 'POST', url: `/api/v1/campaigns/${campaign}/bulletins/draft`, as: 'fin.staff' })).statusCode).toBe(404);
  });

  it('writes the figures, the typical case and the accountability with persons anonymised', async () => {
    const b = await t.db.selectFrom('bulletin').select(['title', 'body']).where('id', '=', bulletin).executeTakeFirstOrThrow();
    expect(b.title).toContain('工作进展情况的通报');
    for (const full of ['褚建伟', '郝立新']) {
      expect(b.body).not.toContain(full);
      expect(b.title).not.toContain(full);
    }
    expect(b.body).toContain('（一）后勤保障科原科长褚某在学校食材配送企业遴选中为特定企业提供帮助');
    expect(b.body).toContain('褚某受到党内警告处分');
    expect(b.body).toContain('某中学校长郝某履行主体责任不力，食材验收制度长期未落实，受到通报问责');
    expect(b.body).toContain('排查问题线索1件');
    expect(b.body).toContain('追缴挽回资金5.2万元');
    expect(b.body).toContain('共追责问责1起（通报1起）');
  });

  it('tells the lead office a draft waits', async () => {
    const director = await t.db.selectFrom('app_user').select('id').where('username', '=', 'dfzf.director').executeTakeFirstOrThrow();
    const notes = await t.db
      .selectFrom('inbox_message')
      .select(['kind', 'link'])
      .where('user_id', '=', director.id)
      .where('kind', '=', 'bulletin.campaign_draft')
      .execute();
    expect(notes.filter((n) => n.link === `/campaigns/${campaign}/cockpit`)).toHaveLength(1);
  });

  it('is editable while a draft (version checked), not numbered before 签发, and fixed after 签发', async () => {
    const stale = await t.request({ method: 'PATCH', url: `/api/v1/bulletins/${bulletin}`, as: 'dfzf.director', payload: { version: 9, title: 'x' } });
    expect(stale.statusCode).toBe(409);
    expect((await t.request({ method: 'PATCH', url: `/api/v1/bulletins/${bulletin}`, as: 'fin.staff', payload: { version: 1, title: 'x' } })).statusCode).toBe(
      404,
    );
    const empty = await t.request({ method: 'PATCH', url: `/api/v1/bulletins/${bulletin}`, as: 'dfzf.director', payload: { version: 1, body: '' } });
    expect(empty.statusCode).toBe(400);
    const view = (await t.request({ method: 'GET', url: `/api/v1/bulletins/${bulletin}`, as: 'dfzf.director' })).json();
    expect(view.abilities).toMatchObject({ edit: true, sign: false, issue: false });
    const edited = await t.request({
      method: 'PATCH',
      url: `/api/v1/bulletins/${bulletin}`,
      as: 'dfzf.director',
      payload: { version: 1, body: `${view.body}\n（经党风政风监督室核实）` },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(2);
    expect(edited.json().body).toContain('（经党风政风监督室核实）');
    expect(await auditCount(t, 'bulletin.updated', bulletin)).toBe(1);

    const early = await t.request({ method: 'POST', url: `/api/v1/bulletins/${bulletin}/issue`, as: 'dfzf.director', payload: { version: 2 } });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('签发');
    expect((await t.db.selectFrom('bulletin').select('doc_no').where('id', '=', bulletin).executeTakeFirstOrThrow()).doc_no).toBeNull();

    const signed = await t.request({ method: 'POST', url: `/api/v1/bulletins/${bulletin}/sign`, as: 'sj.secretary', payload: { version: 2 } });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().abilities.edit).toBe(false);
    const late = await t.request({ method: 'PATCH', url: `/api/v1/bulletins/${bulletin}`, as: 'dfzf.director', payload: { version: 3, title: '改' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('已签发');
    const issued = await t.request({ method: 'POST', url: `/api/v1/bulletins/${bulletin}/issue`, as: 'dfzf.director', payload: { version: 3 } });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().docNo).toMatch(/^兰纪通〔\d{4}〕\d+号$/);
    const after = await t.request({ method: 'PATCH', url: `/api/v1/bulletins/${bulletin}`, as: 'sj.secretary', payload: { version: 4, title: '改' } });
    expect(after.statusCode).toBe(409);
    const list = (await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/bulletins`, as: 'dfzf.director' })).json();
    expect(list.items).toMatchObject([{ id: bulletin, signed: true, docNo: issued.json().docNo }]);
    expect(list.currentPeriod).toBe(periodOf('MONTHLY', today));
  });

  it('quarterly campaigns key their draft by quarter; the button drafts first and the job then adds nothing', async () => {
    const q = await makeCampaign(t, { schedule: 'QUARTERLY' });
    const res = await t.request({ method: 'POST', url: `/api/v1/campaigns/${q}/bulletins/draft`, as: 'dfzf.director' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: true, period: `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}` });
    await runCampaignBulletins(t.db, today);
    expect(await bulletinsOf(q)).toHaveLength(1);
    expect(periodOf('QUARTERLY', '2026-11-04')).toBe('2026-Q4');
    expect(periodOf('MONTHLY', '2026-03-31')).toBe('2026-03');
  });
});
