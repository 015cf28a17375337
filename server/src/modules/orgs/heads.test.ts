/**
 * The head of an org (本单位负责人, migration 0038) through the org administration API: only who may edit the org
 * sets it (the system administrator), only to an active account of that org (400 on `headUserId`, nothing
 * written), with optimistic locking and an audit event naming both heads; 404 for an org outside the caller's
 * commission. The demo gives its groups and offices heads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, codeToId } from './test-helpers';

let t: TestApp;
let ids: Map<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await codeToId(t);
});
afterAll(() => t.close());

const getOrg = (id: string, as = 'sysadmin') => t.request({ method: 'GET', url: `/api/v1/orgs/${id}`, as });
const patch = (id: string, payload: object, as = 'sysadmin') => t.request({ method: 'PATCH', url: `/api/v1/orgs/${id}`, as, payload });
const userId = async (username: string) => (await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const headInDb = async (id: string) => await t.db.selectFrom('org').select(['head_user_id', 'version']).where('id', '=', id).executeTakeFirstOrThrow();

describe('the demo heads', () => {
  it('groups and offices are headed by their 组长 / 主任; the county commissions have none', async () => {
    const expected: [string, string | null][] = [
      ['LZ-JW-PZ-JR', '隗正清'],
      ['LZ-JW-PZ-JYJ', '骆秉文'],
      ['LZ-JW-DFZF', '濮致和'],
      ['LZ-YZ-PZ-JYJ', '芮望川'],
      ['LZ-YZ-XGY', '栗青山'],
      ['LZ-YZ', null],
      ['LZ-YZ-PZ-MZJ', null],
      ['LZ-JW-JC2', null],
    ];
    for (const [code, name] of expected) {
      const org = (await getOrg(ids.get(code)!)).json();
      expect(org.head?.name ?? null, code).toBe(name);
      if (name) expect(org.head.active, code).toBe(true);
    }
  });
});

describe('setting the head', () => {
  it('the system administrator picks an account of the org; the change is audited with both names; a stale version is 409', async () => {
    const edu = ids.get('LZ-JW-PZ-JYJ')!;
    const staff = await t.request({ method: 'GET', url: `/api/v1/orgs/${edu}/staff?q=${encodeURIComponent('饶')}`, as: 'sysadmin' });
    expect(staff.statusCode, staff.body).toBe(200);
    expect(staff.json().items).toEqual([{ id: await userId('edu.staff'), name: '饶安琪', orgName: '驻市教育局纪检监察组' }]);
    const before = (await getOrg(edu)).json();
    const audits = await auditCount(t, 'org.updated', edu);
    const res = await patch(edu, { version: before.version, headUserId: await userId('edu.staff') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ head: { name: '饶安琪', active: true }, version: before.version + 1 });
    expect(await auditCount(t, 'org.updated', edu)).toBe(audits + 1);
    const event = await t.db
      .selectFrom('audit_event')
      .select(['payload', 'actor_name'])
      .where('type', '=', 'org.updated')
      .where('object_id', '=', edu)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({
      head: { from: '骆秉文', to: '饶安琪' },
      changes: { head_user_id: [await userId('edu.group'), await userId('edu.staff')] },
    });
    const stale = await patch(edu, { version: before.version, headUserId: await userId('edu.group') });
    expect(stale.statusCode).toBe(409);
    expect((await headInDb(edu)).head_user_id).toBe(await userId('edu.staff'));
  });

  it('an account of another org, a disabled account or a malformed id is refused with 400 on headUserId; nothing changes', async () => {
    const fin = ids.get('LZ-JW-PZ-JR')!;
    const before = await headInDb(fin);
    const audits = await auditCount(t, 'org.updated', fin);
    await t.owner.updateTable('app_user').set({ status: 'DISABLED' }).where('username', '=', 'fin.staff').execute();
    const cases: [unknown, string][] = [
      [await userId('edu.group'), '不是本单位人员'],
      [await userId('cw1.member'), '不是本单位人员'],
      [await userId('fin.staff'), '已停用或锁定'],
      ['不是编号', '编号格式不正确'],
    ];
    for (const [headUserId, message] of cases) {
      const res = await patch(fin, { version: before.version, nameZh: '驻市金融工作部门纪检监察组（改名）', headUserId });
      expect(res.statusCode, res.body).toBe(400);
      const issue = (res.json().details.issues as { path: string; message: string }[]).find((i) => i.path === 'headUserId');
      expect(issue?.message, res.body).toContain(message);
    }
    await t.owner.updateTable('app_user').set({ status: 'ACTIVE' }).where('username', '=', 'fin.staff').execute();
    expect(await headInDb(fin)).toEqual(before);
    expect((await getOrg(fin)).json().nameZh).toBe('驻市金融工作部门纪检监察组');
    expect(await auditCount(t, 'org.updated', fin)).toBe(audits);
    // The database refuses it too, whoever writes.
    await expect(
      t.owner
        .updateTable('org')
        .set({ head_user_id: await userId('edu.group') })
        .where('id', '=', fin)
        .execute(),
    ).rejects.toThrow(/not an active account of the org/);
  });

  it('only who may edit the org sets its head (403), and an org of another commission is 404', async () => {
    const fin = ids.get('LZ-JW-PZ-JR')!;
    const before = await headInDb(fin);
    for (const who of ['fin.group', 'sj.secretary', 'secadmin']) {
      expect((await patch(fin, { version: before.version, headUserId: null }, who)).statusCode, who).toBe(403);
    }
    expect((await t.request({ method: 'GET', url: `/api/v1/orgs/${fin}/staff`, as: 'fin.group' })).statusCode).toBe(403);
    expect(await headInDb(fin)).toEqual(before);

    const other = await t.owner.insertInto('commission').values({ code: 'OTHER-HEAD', name_zh: '另一纪委监委' }).returning('id').executeTakeFirstOrThrow();
    const foreign = await t.owner
      .insertInto('org')
      .values({ commission_id: other.id, code: 'OTHER-G', name_zh: '另一派驻组', short_name: '另一派驻组', kind: 'DISPATCHED_GROUP' })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    const res = await patch(foreign.id, { version: foreign.version, headUserId: await userId('fin.group') });
    expect(res.statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/orgs/${foreign.id}/staff`, as: 'sysadmin' })).statusCode).toBe(404);
    expect((await t.db.selectFrom('org').select('head_user_id').where('id', '=', foreign.id).executeTakeFirstOrThrow()).head_user_id).toBeNull();
  });
});
