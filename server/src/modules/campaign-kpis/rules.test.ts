/**
 * 建章立制 register as the campaign page uses it (issue 10): the rule's document is uploaded as a file of the
 * campaign and cited by the entry; readers of the campaign open it; each entry says whether the caller may
 * delete it (its author or the 书记), and the DELETE route agrees with that answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { multipart } from '../../../test/fixtures';
import { makeCampaign } from './fixtures';

let t: TestApp;
let campaign = '';
let unit = '';
beforeAll(async () => {
  t = await createTestApp();
  campaign = await makeCampaign(t);
  unit = (await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-HU-JYJ').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

async function uploadRuleText(as: string, filename: string): Promise<string> {
  const mp = multipart({ ownerType: 'campaign', ownerId: campaign }, { filename, content: Buffer.from('%PDF-1.7\n%%EOF\n') });
  const res = await t.request({ method: 'POST', url: '/api/v1/attachments', as, payload: mp.payload, headers: mp.headers });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const list = (as: string) => t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/rules`, as });

describe('建章立制 entries with their document', () => {
  let ruleId = '';
  let fileId = '';

  it('records an entry citing the uploaded rule text; a reader of the campaign sees and downloads it', async () => {
    fileId = await uploadRuleText('dfzf.director', '学校食堂食材验收管理办法.pdf');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${campaign}/rules`,
      as: 'dfzf.director',
      payload: { unitOrgId: unit, title: '学校食堂食材验收管理办法', issuedOn: '2026-05-10', attachmentId: fileId },
    });
    expect(res.statusCode, res.body).toBe(200);
    ruleId = res.json().id;
    expect(res.json()).toMatchObject({ attachment: { id: fileId, filename: '学校食堂食材验收管理办法.pdf' }, abilities: { remove: true } });
    const seen = await list('sj.secretary');
    expect(seen.json().items).toEqual([expect.objectContaining({ id: ruleId, attachment: { id: fileId, filename: '学校食堂食材验收管理办法.pdf' } })]);
    const file = await t.request({ method: 'GET', url: `/api/v1/attachments/${fileId}/content`, as: 'sj.secretary' });
    expect(file.statusCode).toBe(200);
    expect(file.body.startsWith('%PDF')).toBe(true);
  });

  it('a file someone else uploaded cannot be cited (400 attachmentId, nothing recorded)', async () => {
    const other = await uploadRuleText('dfzf.staff', '他人上传.pdf');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${campaign}/rules`,
      as: 'dfzf.director',
      payload: { unitOrgId: unit, title: '另一项制度', issuedOn: '2026-05-11', attachmentId: other },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['attachmentId']);
    expect((await list('dfzf.director')).json().items).toHaveLength(1);
  });

  it('the delete ability travels with each entry: author and 书记 yes, another writer no — and the route agrees', async () => {
    const staff = await list('dfzf.staff');
    expect(staff.json().canAdd).toBe(true);
    expect(staff.json().items[0].abilities).toEqual({ remove: false });
    expect((await list('sj.secretary')).json().items[0].abilities).toEqual({ remove: true });
    const denied = await t.request({ method: 'DELETE', url: `/api/v1/campaigns/${campaign}/rules/${ruleId}?version=1`, as: 'dfzf.staff' });
    expect(denied.statusCode).toBe(403);
    const removed = await t.request({ method: 'DELETE', url: `/api/v1/campaigns/${campaign}/rules/${ruleId}?version=1`, as: 'sj.secretary' });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await list('dfzf.director')).json().items).toEqual([]);
  });
});
