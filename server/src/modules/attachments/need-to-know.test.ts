import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { multipart } from '../../../test/fixtures';

/**
 * Record-level need-to-know beyond org scope (domain.md d): a named knowledge scope (知悉范围) and a
 * recusal (回避) each hide a record from an account that would otherwise see it — as a 404.
 */
let t: TestApp;
/** A clue that edu.group, edu.staff and the 书记 all see. */
let clue: string;
beforeAll(async () => {
  t = await createTestApp();
  const ok = async (id: string, as: string) => (await t.request({ method: 'GET', url: `/api/v1/clues/${id}`, as })).statusCode === 200;
  for (const { id } of await t.db.selectFrom('clue').select('id').orderBy('id').execute()) {
    if ((await ok(id, 'edu.group')) && (await ok(id, 'edu.staff')) && (await ok(id, 'sj.secretary'))) {
      clue = id;
      break;
    }
  }
  expect(clue).toBeDefined();
});
afterAll(() => t.close());

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

async function uploadAs(as: string): Promise<string> {
  const mp = multipart({ ownerType: 'clue', ownerId: clue }, { filename: '材料.pdf', content: PDF });
  const res = await t.request({ method: 'POST', url: '/api/v1/attachments', as, payload: mp.payload, headers: mp.headers });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}
const userId = async (username: string) =>
  await t.db.selectFrom('app_user').select(['id', 'commission_id']).where('username', '=', username).executeTakeFirstOrThrow();
const status = async (as: string, id: string) => (await t.request({ method: 'GET', url: `/api/v1/attachments/${id}/content`, as })).statusCode;
const listed = async (as: string, id: string) =>
  (await t.request({ method: 'GET', url: '/api/v1/attachments?ownerType=clue', as })).json().items.some((a: { id: string }) => a.id === id);
const meta = async (as: string, id: string) => (await t.request({ method: 'GET', url: `/api/v1/attachments/${id}`, as })).statusCode;
const clueStatus = async (as: string) => (await t.request({ method: 'GET', url: `/api/v1/clues/${clue}`, as })).statusCode;
async function uploadStatus(as: string): Promise<number> {
  const mp = multipart({ ownerType: 'clue', ownerId: clue }, { filename: '材料.pdf', content: PDF });
  return (await t.request({ method: 'POST', url: '/api/v1/attachments', as, payload: mp.payload, headers: mp.headers })).statusCode;
}

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

  it('an account recused from the clue gets nothing of its files and cannot attach to it', async () => {
    const id = await uploadAs('edu.group');
    const staff = await userId('edu.staff');
    expect(await listed('edu.staff', id)).toBe(true);
    await t.db
      .insertInto('recusal')
      .values({ commission_id: staff.commission_id, user_id: staff.id, object_type: 'clue', object_id: clue, reason: '与被反映人系同学关系（演示数据）' })
      .execute();
    expect(await clueStatus('edu.staff')).toBe(404);
    expect(await listed('edu.staff', id)).toBe(false);
    expect(await meta('edu.staff', id)).toBe(404);
    expect(await status('edu.staff', id)).toBe(404);
    const before = await t.db
      .selectFrom('attachment')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('owner_id', '=', clue)
      .executeTakeFirstOrThrow();
    expect(await uploadStatus('edu.staff')).toBe(404);
    const after = await t.db
      .selectFrom('attachment')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('owner_id', '=', clue)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // The colleague who is not recused keeps the file.
    expect(await status('edu.group', id)).toBe(200);
    await t.db.deleteFrom('recusal').where('user_id', '=', staff.id).where('object_id', '=', clue).execute();
  });

  it('an account whose clearance is below the clue’s 密级 gets nothing of its files, even a PUBLIC one', async () => {
    const id = await uploadAs('edu.group');
    await t.db.updateTable('clue').set({ classification: 'WORK_SECRET' }).where('id', '=', clue).execute();
    await t.db.updateTable('app_user').set({ clearance: 'PUBLIC' }).where('username', '=', 'edu.staff').execute();
    try {
      expect(await clueStatus('edu.staff')).toBe(404);
      expect(await listed('edu.staff', id)).toBe(false);
      expect(await meta('edu.staff', id)).toBe(404);
      expect(await status('edu.staff', id)).toBe(404);
      expect(await uploadStatus('edu.staff')).toBe(404);
      expect(await status('edu.group', id)).toBe(200);
    } finally {
      await t.db.updateTable('app_user').set({ clearance: 'WORK_SECRET' }).where('username', '=', 'edu.staff').execute();
    }
  });
});
