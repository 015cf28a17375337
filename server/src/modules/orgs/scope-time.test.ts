/**
 * Scope is time-bounded: ending a link removes what it granted from the day after its validTo while
 * the history stays queryable; task-force membership grants scope only until its end date.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { codeToId } from './test-helpers';

let t: TestApp;
let ids: Map<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await codeToId(t);
});
afterAll(() => t.close());

const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
const codesSeenBy = async (as: string) => {
  const res = await t.request({ method: 'GET', url: '/api/v1/orgs?pageSize=200', as });
  return res.json().items.map((o: { code: string }) => o.code) as string[];
};

describe('ending a liaison link', () => {
  it('removes the liaised group and its host units from the office scope, keeping the history', async () => {
    expect(await codesSeenBy('jc3.director')).toEqual(expect.arrayContaining(['LZ-JW-PZ-WJW', 'LZ-HU-WJW', 'LZ-HU-YBJ']));
    const links = (await t.request({ method: 'GET', url: `/api/v1/links?type=LIAISON&orgId=${ids.get('LZ-JW-PZ-WJW')}`, as: 'sysadmin' })).json().items;
    expect(links).toHaveLength(1);
    const link = links[0];
    const yesterday = day(-1);
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/links/LIAISON/${link.id}/end`,
      as: 'sysadmin',
      payload: { version: link.version, validTo: yesterday },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ validTo: yesterday, version: link.version + 1, abilities: { end: false } });

    const seen = await codesSeenBy('jc3.director');
    expect(seen).not.toContain('LZ-JW-PZ-WJW');
    expect(seen).not.toContain('LZ-HU-WJW');
    expect(seen).toContain('LZ-JW-PZ-JYJ');
    expect((await t.request({ method: 'GET', url: `/api/v1/orgs/${ids.get('LZ-JW-PZ-WJW')}`, as: 'jc3.director' })).statusCode).toBe(404);

    // History stays true: on a day the link was in force the office had the group in scope.
    const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'jc3.director').executeTakeFirstOrThrow();
    const then = await sql<{ org_id: string }>`SELECT org_id FROM actor_org_scope(${user.id}::uuid, ${day(-2)}::date)`.execute(t.db);
    expect(then.rows.map((r) => r.org_id)).toContain(ids.get('LZ-JW-PZ-WJW'));

    const current = (await t.request({ method: 'GET', url: `/api/v1/links?type=LIAISON&orgId=${ids.get('LZ-JW-PZ-WJW')}`, as: 'sysadmin' })).json().items;
    expect(current).toHaveLength(0);
    const all = (
      await t.request({ method: 'GET', url: `/api/v1/links?type=LIAISON&orgId=${ids.get('LZ-JW-PZ-WJW')}&includeEnded=true`, as: 'sysadmin' })
    ).json().items;
    expect(all.map((l: { id: string; validTo: string }) => [l.id, l.validTo])).toEqual([[link.id, yesterday]]);
  });

  it('keeps a link ending in the future in force until its last day', async () => {
    const link = (await t.request({ method: 'GET', url: `/api/v1/links?type=LIAISON&orgId=${ids.get('LZ-JW-PZ-MZJ')}`, as: 'sysadmin' })).json().items[0];
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/links/LIAISON/${link.id}/end`,
      as: 'sysadmin',
      payload: { version: link.version, validTo: day(10) },
    });
    expect(res.statusCode).toBe(200);
    expect(await codesSeenBy('jc3.director')).toContain('LZ-JW-PZ-MZJ');
  });
});

describe('task-force membership (专班)', () => {
  it('grants the task force orgs while valid_to is ahead, nothing once it has passed', async () => {
    const user = await t.db.selectFrom('app_user').select(['id', 'commission_id']).where('username', '=', 'jc2.staff').executeTakeFirstOrThrow();
    const tf = await t.db
      .insertInto('task_force')
      .values({ commission_id: user.commission_id, name_zh: '粮食购销领域专项整治工作专班' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('task_force_org')
      .values({ task_force_id: tf.id, org_id: ids.get('LZ-JW-PZ-FGW')! })
      .execute();
    const member = await t.db
      .insertInto('task_force_member')
      .values({ commission_id: user.commission_id, task_force_id: tf.id, user_id: user.id, valid_from: day(-30), valid_to: day(-1) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = await codesSeenBy('jc2.staff');
    expect(before).not.toContain('LZ-JW-PZ-FGW');
    expect(before).not.toContain('LZ-HU-LCK');

    await t.db
      .updateTable('task_force_member')
      .set({ valid_to: day(30) })
      .where('id', '=', member.id)
      .execute();
    const during = await codesSeenBy('jc2.staff');
    expect(during).toEqual(expect.arrayContaining(['LZ-JW-PZ-FGW', 'LZ-HU-FGW', 'LZ-HU-LSJ', 'LZ-HU-LCK']));
    const depot = await t.db.selectFrom('person').select('id').where('name_zh', '=', '聂长顺').executeTakeFirstOrThrow();
    expect((await t.request({ method: 'GET', url: `/api/v1/people/${depot.id}`, as: 'jc2.staff' })).statusCode).toBe(200);
  });
});
