/**
 * The kept matrix (共性事项矩阵, issue 12): GET /supervision/matrix answers from a per-node keep of UTF-8 bodies. Each
 * reader gets exactly the body built for them without the keep (byte for byte), readers of different scopes never
 * share a body, and a write is in the very next answer.
 */
import type { Matrix } from '@liandong/domain/supervision/contracts';
import { MatrixSchema } from '@liandong/domain/supervision/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { loadAccountActor } from '../../platform/account-actor';
import type { Ctx } from '../../platform/context';
import { attempt, EDU, getItem, orgIds } from './fixtures';
import { matrix } from './service-common';

const YEAR = 2048;
const URL = `/api/v1/supervision/matrix?year=${YEAR}`;

let t: TestApp;
let id: (code: string) => string;
beforeAll(async () => {
  t = await createTestApp();
  id = await orgIds(t);
  // One common item issued to every active group: each group has a cell.
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/supervision/common-items',
    as: 'dfzf.staff',
    payload: { year: YEAR, matter: '监督落实中央八项规定精神情况', bases: ['CENTRAL_DECISION'], methods: ['DOCUMENT_REVIEW'] },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => t.close());

/** The body built for `username` without the keep, as the route serialises it. */
async function unkept(username: string): Promise<string> {
  const actor = await loadAccountActor(t.db, { username });
  return JSON.stringify(MatrixSchema.parse(await matrix({ db: t.db, actor } as Ctx, YEAR)));
}

async function get(as: string) {
  const res = await t.request({ method: 'GET', url: URL, as });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
  return res.body;
}

describe('the kept matrix', () => {
  it('each reader gets their own body, byte for byte the one built without the keep', async () => {
    // The coordinator (all groups), a leader (分管: some groups) and the 书记: the first fills the keep.
    const readers = ['dfzf.staff', 'cw1.member', 'sj.secretary'];
    const bodies = new Map<string, string>();
    for (const as of readers) bodies.set(as, await get(as));
    for (const as of readers) {
      const expected = await unkept(as);
      expect(bodies.get(as), as).toBe(expected);
      // Again, now from the keep.
      expect(await get(as), as).toBe(expected);
    }
    const groupsOf = (as: string) => (JSON.parse(bodies.get(as)!) as Matrix).groups.map((g) => g.id);
    expect(groupsOf('cw1.member').length).toBeGreaterThan(0);
    expect(groupsOf('cw1.member').length).toBeLessThan(groupsOf('dfzf.staff').length);
    expect(bodies.get('cw1.member')).not.toBe(bodies.get('dfzf.staff'));
  });

  it('a write is in the next answer: a new common item, an item cancelled', async () => {
    const before = JSON.parse(await get('dfzf.staff')) as Matrix;
    expect(JSON.parse(await get('dfzf.staff'))).toEqual(before);
    const issued = await t.request({
      method: 'POST',
      url: '/api/v1/supervision/common-items',
      as: 'dfzf.staff',
      payload: { year: YEAR, matter: '监督整治群众身边不正之风情况', bases: ['CENTRAL_DECISION'], methods: ['DOCUMENT_REVIEW'], groupIds: [id(EDU)] },
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const commonId = issued.json().commonItem.id as string;
    const withNew = JSON.parse(await get('dfzf.staff')) as Matrix;
    expect(withNew.commonItems.map((c) => c.id)).toEqual([...before.commonItems.map((c) => c.id), commonId]);
    const cell = withNew.cells.find((c) => c.commonItemId === commonId);
    expect(cell).toMatchObject({ groupId: id(EDU), state: 'DRAFT' });
    expect(JSON.stringify(withNew)).toBe(await unkept('dfzf.staff'));

    const item = await getItem(t, cell!.itemId, 'dfzf.staff');
    const cancelled = await attempt(t, cell!.itemId, 'cancel', item.version);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const after = JSON.parse(await get('dfzf.staff')) as Matrix;
    expect(after.cells.find((c) => c.itemId === cell!.itemId)?.state).toBe('CANCELLED');
    expect(JSON.stringify(after)).toBe(await unkept('dfzf.staff'));
  });

  it('a reader of the same scope and clearance recused from an item gets a body without it', async () => {
    // dfzf.director: wide scope and clearance as dfzf.staff, whose body is kept.
    const kept = JSON.parse(await get('dfzf.staff')) as Matrix;
    const itemId = kept.cells[0]!.itemId;
    const u = await t.db.selectFrom('app_user').select(['id', 'commission_id']).where('username', '=', 'dfzf.director').executeTakeFirstOrThrow();
    await t.db
      .insertInto('recusal')
      .values({ commission_id: u.commission_id, user_id: u.id, object_type: 'supervision_item', object_id: itemId, reason: '近亲属' })
      .execute();
    const recused = await get('dfzf.director');
    expect((JSON.parse(recused) as Matrix).cells.map((c) => c.itemId)).not.toContain(itemId);
    expect(recused).toBe(await unkept('dfzf.director'));
    expect((JSON.parse(await get('dfzf.staff')) as Matrix).cells.map((c) => c.itemId)).toContain(itemId);
  });

  it('a reader of the same scope and clearance without matrix access is refused while a body is kept', async () => {
    // ag.manager1 (案管): wide scope, the same clearance and no recusals as dfzf.staff — the same keep key.
    await get('dfzf.staff');
    expect((await t.request({ method: 'GET', url: URL, as: 'ag.manager1' })).statusCode).toBe(403);
  });
});
