import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { multipart } from '../../../test/fixtures';

/**
 * Record-level need-to-know beyond org scope (domain.md d): a named knowledge scope (知悉范围) and a
 * recusal (回避) each hide a record from an account that would otherwise see it — as a 404.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

async function uploadAs(as: string): Promise<string> {
  const mp = multipart({ ownerType: 'clue' }, { filename: '材料.pdf', content: PDF });
  const res = await t.request({ method: 'POST', url: '/api/v1/attachments', as, payload: mp.payload, headers: mp.headers });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}
const userId = async (username: string) =>
  await t.db.selectFrom('app_user').select(['id', 'commission_id']).where('username', '=', username).executeTakeFirstOrThrow();
const status = async (as: string, id: string) => (await t.request({ method: 'GET', url: `/api/v1/attachments/${id}/content`, as })).statusCode;
const listed = async (as: string, id: string) =>
  (await t.request({ method: 'GET', url: '/api/v1/attachments?ownerType=clue', as })).json().items.some((a: { id: string }) => a.id === id);

describe('knowledge scope and recusal', () => {
  it('a record bound to a knowledge scope is visible only to its named members', async () => {
    const id = await uploadAs('edu.group');
    expect(await status('edu.staff', id)).toBe(200);
    expect(await status('sj.secretary', id)).toBe(200);
    const owner = await userId('edu.group');
    const scope = await t.db
      .insertInto('knowledge_scope')
      .values({ commission_id: owner.commission_id, name_zh: '某线索知悉范围' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('knowledge_scope_member').values({ scope_id: scope.id, user_id: owner.id }).execute();
    await t.db.updateTable('attachment').set({ knowledge_scope_id: scope.id }).where('id', '=', id).execute();
    expect(await status('edu.group', id)).toBe(200);
    // Same org, and the commission-wide secretary: not named, so the record does not exist for them.
    expect(await status('edu.staff', id)).toBe(404);
    expect(await status('sj.secretary', id)).toBe(404);
    expect(await listed('sj.secretary', id)).toBe(false);
    expect(await listed('edu.group', id)).toBe(true);
  });

  it('a recused account no longer sees the record, others still do', async () => {
    const id = await uploadAs('edu.group');
    const staff = await userId('edu.staff');
    expect(await status('edu.staff', id)).toBe(200);
    await t.db
      .insertInto('recusal')
      .values({ commission_id: staff.commission_id, user_id: staff.id, object_type: 'attachment', object_id: id, reason: '近亲属关系（演示数据）' })
      .execute();
    expect(await status('edu.staff', id)).toBe(404);
    expect(await listed('edu.staff', id)).toBe(false);
    expect(await status('edu.group', id)).toBe(200);
  });
});
