/**
 * The sensitive reads of a campaign leave an entry in the audit trail with the reader, found by the audit
 * administrator in the audit viewer: its drill-down naming linked clues and cases, and a check (a secret
 * 明察暗访 plan above all). A read the caller may not make (404) leaves none. The campaign's own page, its
 * figures and the 自查自纠 matrix are work data and aggregates, not recorded (as the dashboards are not);
 * their exports are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { cateringId, dayFromToday, orgId, userId } from '../inspections/fixtures';

let t: TestApp;
let campaign: string;

interface TrailEntry {
  type: string;
  actorId: string | null;
  objectType: string | null;
  objectId: string | null;
  payload: Record<string, unknown>;
}

/** The audit administrator's view of the trail: entries of `type` on `objectId` by `actor`, newest first. */
async function trail(type: string, objectId: string, actor: string): Promise<TrailEntry[]> {
  const res = await t.request({
    method: 'GET',
    url: `/api/v1/audit/events?type=${type}&objectId=${objectId}&actor=${actor}`,
    as: 'auditadmin',
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as TrailEntry[]).filter((e) => e.type === type);
}

async function readAs(url: string, as: string, status = 200) {
  const res = await t.request({ method: 'GET', url, as });
  expect(res.statusCode, `${as} ${url}: ${res.body}`).toBe(status);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  campaign = await cateringId(t);
});
afterAll(() => t.close());

describe('sensitive campaign reads are audited with the reader', () => {
  it('the drill-down of linked clues, cases and tasks (titles and numbers) is recorded; a 404 leaves none', async () => {
    const links = await readAs(`/api/v1/campaigns/${campaign}/links`, 'jc6.staff');
    const me = await userId(t, 'jc6.staff');
    const drill = await trail('campaign.links_read', campaign, 'jc6.staff');
    expect(drill).toHaveLength(1);
    expect(drill[0]).toMatchObject({
      actorId: me,
      payload: { clues: links.clues.length, cases: links.cases.length, tasks: links.tasks.length },
    });
    // jc2.staff does not see the 校园餐 campaign: 404, and no read is recorded for them.
    await readAs(`/api/v1/campaigns/${campaign}/links`, 'jc2.staff', 404);
    expect(await trail('campaign.links_read', campaign, 'jc2.staff')).toEqual([]);
  });

  it('a check’s detail — a secret plan ahead of its visit date is marked secret', async () => {
    const planned = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${campaign}/inspections`,
      as: 'dfzf.director',
      payload: {
        type: 'UNANNOUNCED',
        title: '读取留痕测试：学校食堂明察暗访',
        visitOn: await dayFromToday(t, 4),
        team: [{ userId: await userId(t, 'jc6.staff'), role: 'LEADER' }],
        targetOrgIds: [await orgId(t, 'LZ-YZ-HU-JYJ')],
      },
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const id = planned.json().id as string;
    await readAs(`/api/v1/inspections/${id}`, 'sj.secretary');
    const entries = await trail('inspection.read', id, 'sj.secretary');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: await userId(t, 'sj.secretary'),
      objectType: 'inspection',
      payload: { campaignId: campaign, type: 'UNANNOUNCED', secret: true },
    });
    // An outsider does not find the secret plan: 404, no read recorded.
    await readAs(`/api/v1/inspections/${id}`, 'dfzf.staff', 404);
    expect(await trail('inspection.read', id, 'dfzf.staff')).toEqual([]);
  });
});
