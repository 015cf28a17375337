/**
 * A 专班 member sees the campaign's own objects and nothing else of the participating orgs, for the
 * membership's dates (issue 10). The member is the 驻榆中县教育局纪检监察组 leader; the objects concern
 * 市教育局 and are run by the 驻市教育局纪检监察组, outside the member's org scope. Each object has an
 * untagged twin with the same orgs: the twin stays 404 throughout. After the membership ends yesterday the
 * tagged ones are gone from list, detail, search, export and dashboard too; ending today keeps them today.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createClue } from '../clues/fixtures';
import { addMember, day, formTaskForce, newCampaign, orgId, userId } from './fixtures';

let t: TestApp;
let campaign: string;
const ids = {} as Record<
  'clue' | 'otherClue' | 'record' | 'otherRecord' | 'task' | 'otherTask' | 'acc' | 'otherAcc' | 'case' | 'bulletin' | 'otherBulletin',
  string
>;
let year: number;
const MEMBER = 'yz.jyj';

const get = (url: string, as = MEMBER) => t.request({ method: 'GET', url, as });
const status = async (url: string, as = MEMBER) => (await get(url, as)).statusCode;

beforeAll(async () => {
  t = await createTestApp();
  campaign = await newCampaign(t, '专班访问范围测试专项整治', { 'LZ-JW-PZ-JYJ': 'GROUP', 'LZ-YZ-PZ-JYJ': 'GROUP', 'LZ-YD-PZ-JYJ': 'GROUP' });
  await formTaskForce(t, campaign, ['jc3.director', 'edu.group']);
  const edu = await orgId(t, 'LZ-HU-JYJ');
  const eduGroup = await orgId(t, 'LZ-JW-PZ-JYJ');
  const cid = (await t.db.selectFrom('campaign').select('commission_id').where('id', '=', campaign).executeTakeFirstOrThrow()).commission_id;

  // Two clues about 市教育局 undertaken by its group: one tagged with the campaign, one not.
  const tagged = await createClue(t, { title: '反映某中学食堂食材验收弄虚作假问题', summary: '来信反映食堂食材验收环节虚报数量。' });
  const other = await createClue(t, { title: '反映某小学食堂食材验收把关不严问题', summary: '来信反映学校食材验收把关不严。' });
  ids.clue = tagged.id;
  ids.otherClue = other.id;
  year = Number(tagged.receivedOn.slice(0, 4));
  await t.db.updateTable('clue').set({ subject_org_id: edu, undertaking_org_id: eduGroup }).where('id', 'in', [tagged.id, other.id]).execute();
  await t.db.updateTable('clue').set({ campaign_id: campaign }).where('id', '=', tagged.id).execute();

  // A demo case, made the campaign's through its clue (a case filed on a campaign clue).
  const kase = await sql<{ case_id: string }>`SELECT c.case_id FROM clue c JOIN case_file k ON k.id = c.case_id
    WHERE c.classification IN ('PUBLIC','WORK_SECRET') AND k.classification IN ('PUBLIC','WORK_SECRET') ORDER BY c.clue_no LIMIT 1`.execute(t.db);
  ids.case = kase.rows[0]!.case_id;
  await t.db.updateTable('clue').set({ campaign_id: campaign }).where('case_id', '=', ids.case).execute();

  for (const [key, tag] of [
    ['record', campaign],
    ['otherRecord', null],
  ] as const) {
    const r = await t.db
      .insertInto('reform_record')
      .values({ commission_id: cid, origin: 'CAMPAIGN', title: `校园餐以案促改台账（${key}）`, unit_org_id: edu, owner_org_id: eduGroup, campaign_id: tag })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[key] = r.id;
  }
  const supervisor = await userId(t, 'edu.staff');
  for (const [key, tag] of [
    ['task', campaign],
    ['otherTask', null],
  ] as const) {
    const r = await t.db
      .insertInto('rectification_task')
      .values({
        commission_id: cid,
        source: 'MANUAL',
        unit_org_id: edu,
        issue: `食材验收制度不健全（${key}）`,
        required_outcome: '建立食材验收双人签字制度',
        deadline: await day(t, 60),
        supervisor_user_id: supervisor,
        supervisor_org_id: eduGroup,
        state: 'ASSIGNED',
        campaign_id: tag,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[key] = r.id;
  }
  for (const [key, tag] of [
    ['acc', campaign],
    ['otherAcc', null],
  ] as const) {
    const r = await t.db
      .insertInto('accountability')
      .values({
        commission_id: cid,
        target_kind: 'LEADER',
        target_name: '演示人员乙',
        target_org_id: edu,
        method: 'ADMONITION',
        basis: '《中国共产党问责条例》第七条',
        deciding_body: '市纪委监委',
        decided_on: await day(t, -5),
        owner_org_id: eduGroup,
        campaign_id: tag,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[key] = r.id;
  }
  // Two draft internal 通报 of the group: drafts are seen by their owner's scope only, unless tagged.
  for (const [key, tag] of [
    ['bulletin', campaign],
    ['otherBulletin', null],
  ] as const) {
    const r = await t.db
      .insertInto('bulletin')
      .values({
        commission_id: cid,
        type: 'CAMPAIGN_PROGRESS',
        scope: 'INTERNAL',
        title: `校园餐专项整治进展通报（${key}）`,
        body: '进展情况（测试）',
        owner_org_id: eduGroup,
        campaign_id: tag,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[key] = r.id;
  }
});
afterAll(() => t.close());

const details = () =>
  ({
    clue: `/api/v1/clues/${ids.clue}`,
    case: `/api/v1/cases/${ids.case}`,
    record: `/api/v1/reform-records/${ids.record}`,
    task: `/api/v1/rectification-tasks/${ids.task}`,
    acc: `/api/v1/accountabilities/${ids.acc}`,
  }) as const;
const others = () => [
  `/api/v1/clues/${ids.otherClue}`,
  `/api/v1/reform-records/${ids.otherRecord}`,
  `/api/v1/rectification-tasks/${ids.otherTask}`,
  `/api/v1/accountabilities/${ids.otherAcc}`,
];

async function listedIds(url: string, as = MEMBER): Promise<string[]> {
  const res = await get(url, as);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((i: { id: string }) => i.id);
}

async function searchIds(as = MEMBER): Promise<string[]> {
  return listedIds('/api/v1/casework/search?q=%E9%A3%9F%E6%9D%90%E9%AA%8C%E6%94%B6&pageSize=50', as);
}

async function exportedTitles(as = MEMBER): Promise<string[]> {
  const res = await get('/api/v1/clues/export.xlsx', as);
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.worksheets[0]!.eachRow((row) => {
    row.eachCell((cell) => {
      out.push(String(cell.value));
    });
  });
  return out;
}

async function intakeTotal(as = MEMBER): Promise<number> {
  const res = await get(`/api/v1/casework/dashboard?year=${year}`, as);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().intake.total;
}

describe('专班 membership grants the campaign’s own objects, for its dates', () => {
  let baseline: number;

  it('before joining, the member sees none of them', async () => {
    baseline = await intakeTotal();
    for (const url of [...Object.values(details()), ...others()]) expect(await status(url), url).toBe(404);
    expect(await searchIds()).not.toContain(ids.clue);
  });

  it('while a member: the tagged clue, case, reform record, task and accountability — list, detail, search, export, dashboard — and nothing else', async () => {
    await addMember(t, campaign, MEMBER, { validFrom: await day(t, -10) });
    for (const url of Object.values(details())) expect(await status(url), url).toBe(200);
    for (const url of others()) expect(await status(url), url).toBe(404);

    const clues = await listedIds('/api/v1/clues?pageSize=100');
    expect(clues).toContain(ids.clue);
    expect(clues).not.toContain(ids.otherClue);
    expect(await listedIds('/api/v1/reform-records?pageSize=100')).toContain(ids.record);
    expect(await listedIds('/api/v1/reform-records?pageSize=100')).not.toContain(ids.otherRecord);
    const tasks = await listedIds('/api/v1/rectification-tasks?pageSize=100');
    expect(tasks).toContain(ids.task);
    expect(tasks).not.toContain(ids.otherTask);
    const accs = await listedIds('/api/v1/accountabilities?pageSize=100');
    expect(accs).toContain(ids.acc);
    expect(accs).not.toContain(ids.otherAcc);
    const bulletins = await listedIds('/api/v1/bulletins?pageSize=100');
    expect(bulletins).toContain(ids.bulletin);
    expect(bulletins).not.toContain(ids.otherBulletin);

    const hits = await searchIds();
    expect(hits).toContain(ids.clue);
    expect(hits).not.toContain(ids.otherClue);
    const exported = await exportedTitles();
    expect(exported).toContain('反映某中学食堂食材验收弄虚作假问题');
    expect(exported).not.toContain('反映某小学食堂食材验收把关不严问题');
    expect(await intakeTotal()).toBeGreaterThan(baseline);

    // Nothing of the participating orgs beyond the campaign: 市教育局 and its group stay outside the scope.
    expect(await status(`/api/v1/orgs/${await orgId(t, 'LZ-HU-JYJ')}`)).toBe(404);
  });

  it('a campaign 专班 widens no org scope, even with task-force orgs recorded for it (actor_org_scope ignores it)', async () => {
    const tf = await t.db.selectFrom('task_force').select('id').where('campaign_id', '=', campaign).executeTakeFirstOrThrow();
    await t.db
      .insertInto('task_force_org')
      .values({ task_force_id: tf.id, org_id: await orgId(t, 'LZ-JW-PZ-JYJ') })
      .execute();
    const scope = await sql<{ org_id: string }>`SELECT org_id FROM actor_org_scope(${await userId(t, MEMBER)}::uuid)`.execute(t.db);
    expect(scope.rows.map((r) => r.org_id)).not.toContain(await orgId(t, 'LZ-HU-JYJ'));
    for (const url of others()) expect(await status(url), url).toBe(404);
    expect(await status(`/api/v1/orgs/${await orgId(t, 'LZ-HU-JYJ')}`)).toBe(404);
  });

  it('a membership ending today still holds today; one that ended yesterday holds nothing any more', async () => {
    const yd = await addMember(t, campaign, 'yd.jyj', { validFrom: await day(t, -10) });
    const yz = (await get(`/api/v1/campaigns/${campaign}/task-force`, 'dfzf.director'))
      .json()
      .taskForce.members.find((m: { user: { username: string }; ended: boolean }) => m.user.username === MEMBER && !m.ended).id;
    const end = async (memberId: string, validTo: string) => {
      const v = (await get(`/api/v1/campaigns/${campaign}/task-force`, 'dfzf.director')).json().taskForce.version;
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/campaigns/${campaign}/task-force/members/${memberId}/end`,
        as: 'dfzf.director',
        payload: { version: v, validTo },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    // Warm the dashboard cache while the membership holds: the answer after the end must not come from it.
    const during = await intakeTotal();
    expect(during).toBeGreaterThan(baseline);

    await end(yd, await day(t, 0));
    expect(await status(details().clue, 'yd.jyj')).toBe(200);

    await end(yz, await day(t, -1));
    for (const url of Object.values(details())) expect(await status(url), url).toBe(404);
    expect(await listedIds('/api/v1/clues?pageSize=100')).not.toContain(ids.clue);
    expect(await listedIds('/api/v1/rectification-tasks?pageSize=100')).not.toContain(ids.task);
    expect(await listedIds('/api/v1/bulletins?pageSize=100')).not.toContain(ids.bulletin);
    expect(await searchIds()).not.toContain(ids.clue);
    expect(await exportedTitles()).not.toContain('反映某中学食堂食材验收弄虚作假问题');
    expect(await intakeTotal()).toBe(baseline);
  });
});
