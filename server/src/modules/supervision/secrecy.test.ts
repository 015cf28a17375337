/**
 * Clearance and recusal (回避) on supervision lists and items, the same way clues apply them: an account
 * below the list's classification, or recused from the list or the item, gets 404 on it and meets it
 * nowhere else — not in my items, the list ledger, the coordinator's matrix or the item's files. A
 * progress report names only the files the reader may open themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { multipart } from '../../../test/fixtures';
import { addItem, consult, createList, driveTo, EDU, getItem, orgIds, userId } from './fixtures';

const YEAR = 2046;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

let t: TestApp;
/** The edu group's item of a common item (so it has a cell in the matrix), with one file. */
let item: string;
let list: string;
let file: string;
beforeAll(async () => {
  t = await createTestApp();
  const id = await orgIds(t);
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/supervision/common-items',
    as: 'dfzf.staff',
    payload: { year: YEAR, matter: '监督整治群众身边不正之风情况', bases: ['CENTRAL_DECISION'], methods: ['DOCUMENT_REVIEW'], groupIds: [id(EDU)] },
  });
  expect(res.statusCode, res.body).toBe(200);
  const row = await t.db
    .selectFrom('supervision_item')
    .select(['id', 'list_id'])
    .where('common_item_id', '=', res.json().commonItem.id)
    .executeTakeFirstOrThrow();
  item = row.id;
  list = row.list_id;
  file = await upload(item, '督查材料.pdf', 'edu.group');
});
afterAll(() => t.close());

async function upload(itemId: string, filename: string, as: string): Promise<string> {
  const mp = multipart({ ownerType: 'supervision_item', ownerId: itemId }, { filename, content: PDF });
  const res = await t.request({ method: 'POST', url: '/api/v1/attachments', as, payload: mp.payload, headers: mp.headers });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const get = (url: string, as: string) => t.request({ method: 'GET', url, as });
const ids = async (url: string, as: string): Promise<string[]> => ((await get(url, as)).json().items as { id: string }[]).map((i) => i.id);
const matrixItems = async (as: string): Promise<string[]> =>
  ((await get(`/api/v1/supervision/matrix?year=${YEAR}`, as)).json().cells as { itemId: string }[]).map((c) => c.itemId);

/** Everything the edu group (lead) could learn of the item, as seen by `as`. */
async function seen(as: string) {
  return {
    item: (await get(`/api/v1/supervision/items/${item}`, as)).statusCode,
    list: (await get(`/api/v1/supervision/lists/${list}`, as)).statusCode,
    myItems: (await ids(`/api/v1/supervision/my-items?year=${YEAR}`, as)).includes(item),
    ledger: (await ids(`/api/v1/supervision/lists?year=${YEAR}`, as)).includes(list),
    files: (await ids(`/api/v1/attachments?ownerType=supervision_item&ownerId=${item}`, as)).includes(file),
    file: (await get(`/api/v1/attachments/${file}/content`, as)).statusCode,
  };
}
const OPEN = { item: 200, list: 200, myItems: true, ledger: true, files: true, file: 200 };
const CLOSED = { item: 404, list: 404, myItems: false, ledger: false, files: false, file: 404 };

async function recuse(username: string, objectType: string, objectId: string) {
  const u = await t.db.selectFrom('app_user').select(['id', 'commission_id']).where('username', '=', username).executeTakeFirstOrThrow();
  await t.db
    .insertInto('recusal')
    .values({ commission_id: u.commission_id, user_id: u.id, object_type: objectType, object_id: objectId, reason: '近亲属' })
    .execute();
}
async function unrecuse(username: string, objectId: string) {
  await t.db
    .deleteFrom('recusal')
    .where('user_id', '=', await userId(t, username))
    .where('object_id', '=', objectId)
    .execute();
}

describe('classification', () => {
  it('a SECRET list: the WORK_SECRET lead group gets 404 and finds the item, the list and its file nowhere; the coordinator’s matrix drops it', async () => {
    expect(await seen('edu.group')).toEqual(OPEN);
    expect(await matrixItems('dfzf.staff')).toContain(item);
    await t.db.updateTable('supervision_list').set({ classification: 'SECRET' }).where('id', '=', list).execute();
    try {
      expect(await seen('edu.group')).toEqual(CLOSED);
      expect(await matrixItems('dfzf.staff')).not.toContain(item);
      await t.db.updateTable('app_user').set({ clearance: 'SECRET' }).where('username', '=', 'edu.group').execute();
      expect(await seen('edu.group')).toEqual(OPEN); // cleared for it: the same account sees it again
    } finally {
      await t.db.updateTable('app_user').set({ clearance: 'WORK_SECRET' }).where('username', '=', 'edu.group').execute();
      await t.db.updateTable('supervision_list').set({ classification: 'WORK_SECRET' }).where('id', '=', list).execute();
    }
  });
});

describe('recusal (回避)', () => {
  it('recused from the item: 404 on it and its file, absent from my items and from the list’s items', async () => {
    await recuse('edu.group', 'supervision_item', item);
    try {
      expect(await seen('edu.group')).toEqual({ ...CLOSED, list: 200, ledger: true });
      const detail = (await get(`/api/v1/supervision/lists/${list}`, 'edu.group')).json();
      expect(detail.items.map((i: { id: string }) => i.id)).not.toContain(item);
      expect(await seen('edu.staff')).toEqual(OPEN); // a colleague not recused still works on it
    } finally {
      await unrecuse('edu.group', item);
    }
  });

  it('recused from the list: nothing of it anywhere, matrix included', async () => {
    await recuse('dfzf.staff', 'supervision_list', list);
    await recuse('edu.group', 'supervision_list', list);
    try {
      expect(await seen('edu.group')).toEqual(CLOSED);
      expect(await matrixItems('dfzf.staff')).not.toContain(item);
      expect(await matrixItems('sj.secretary')).toContain(item); // who is not recused still sees it
    } finally {
      await unrecuse('dfzf.staff', list);
      await unrecuse('edu.group', list);
    }
  });
});

describe('progress timeline', () => {
  it('names only the files the reader may open: not one above their clearance, not one they are recused from', async () => {
    const l = await createList(t, { year: YEAR + 1 });
    await consult(t, l.id);
    const running = await driveTo(t, (await addItem(t, l.id)).id, 'IN_PROGRESS');
    const plain = await upload(running.id, '工作台账.pdf', 'edu.staff');
    const secret = await upload(running.id, '谈话记录.pdf', 'edu.staff');
    const recused = await upload(running.id, '举报材料.pdf', 'edu.staff');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/supervision/items/${running.id}/progress`,
      as: 'edu.staff',
      payload: { version: running.version, content: '已开展专项检查', attachmentIds: [plain, secret, recused] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const names = async (as: string) => ((await getItem(t, running.id, as)).progress[0].attachments as { filename: string }[]).map((a) => a.filename);
    expect(await names('edu.group')).toEqual(['工作台账.pdf', '谈话记录.pdf', '举报材料.pdf']);
    await t.db.updateTable('attachment').set({ classification: 'SECRET' }).where('id', '=', secret).execute();
    await recuse('edu.group', 'attachment', recused);
    expect(await names('edu.group')).toEqual(['工作台账.pdf']);
    expect(await names('jc3.staff')).toEqual(['工作台账.pdf', '举报材料.pdf']);
    expect((await get(`/api/v1/attachments/${secret}`, 'edu.group')).statusCode).toBe(404);
  });
});
