import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { userIdOf } from '../../../test/fixtures';
import { notify } from '../../platform/inbox';
import { remindPasswordExpiry } from '../../platform/jobs';

let t: TestApp;
let commissionId: string;
beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await t.db.selectFrom('commission').select('id').where('code', '=', 'LZ').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

async function send(username: string, title: string) {
  await notify(t.db, { commissionId, userId: await userIdOf(t.db, username), kind: 'TEST', title, body: `${title}的内容`, link: '/clues' });
}

describe('inbox', () => {
  it('lists own messages newest first with the unread count; marks one and all read', async () => {
    // The demo's own notices to jc3.staff (e.g. 会议通知) are read first, so the counts below are this test's.
    expect((await t.request({ method: 'POST', url: '/api/v1/inbox/read-all', as: 'jc3.staff' })).statusCode).toBe(200);
    await send('jc3.staff', '第一条');
    await send('jc3.staff', '第二条');
    await send('jc3.director', '别人的');
    const res = await t.request({ method: 'GET', url: '/api/v1/inbox', as: 'jc3.staff' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unread).toBe(2);
    const mine = body.items.filter((m: { kind: string }) => m.kind === 'TEST');
    expect(mine.map((m: { title: string }) => m.title).sort()).toEqual(['第一条', '第二条']);
    expect(body.items[0]).toMatchObject({ kind: 'TEST', link: '/clues', readAt: null });
    const one = await t.request({ method: 'POST', url: `/api/v1/inbox/${body.items[0].id}/read`, as: 'jc3.staff' });
    expect(one.statusCode).toBe(200);
    expect(one.json().readAt).not.toBeNull();
    const again = await t.request({ method: 'POST', url: `/api/v1/inbox/${body.items[0].id}/read`, as: 'jc3.staff' });
    expect(again.json().readAt).toBe(one.json().readAt);
    const unread = await t.request({ method: 'GET', url: '/api/v1/inbox?unread=true', as: 'jc3.staff' });
    expect(unread.json().items).toHaveLength(1);
    expect(unread.json().unread).toBe(1);
    const me = await t.request({ method: 'GET', url: '/api/v1/me', as: 'jc3.staff' });
    expect(me.json().unreadInbox).toBe(1);
    const all = await t.request({ method: 'POST', url: '/api/v1/inbox/read-all', as: 'jc3.staff' });
    expect(all.json()).toEqual({ updated: 1 });
    expect((await t.request({ method: 'GET', url: '/api/v1/inbox', as: 'jc3.staff' })).json().unread).toBe(0);
    expect((await t.request({ method: 'GET', url: '/api/v1/inbox', as: 'jc3.director' })).json().unread).toBe(1);
  });

  it("answers 404 for someone else's message and leaves it unread", async () => {
    const theirs = await t.db.selectFrom('inbox_message').select('id').where('title', '=', '别人的').executeTakeFirstOrThrow();
    const res = await t.request({ method: 'POST', url: `/api/v1/inbox/${theirs.id}/read`, as: 'jc3.staff' });
    expect(res.statusCode).toBe(404);
    const row = await t.db.selectFrom('inbox_message').select('read_at').where('id', '=', theirs.id).executeTakeFirstOrThrow();
    expect(row.read_at).toBeNull();
  });

  it('rejects a malformed flag or limit with 400', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/inbox?unread=maybe', as: 'jc3.staff' })).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/inbox?limit=0', as: 'jc3.staff' })).statusCode).toBe(400);
  });
});

describe('password expiry reminder job', () => {
  it('sends exactly once however often it runs', async () => {
    const id = await userIdOf(t.db, 'jc4.staff');
    await t.db
      .updateTable('app_user')
      .set({ password_changed_at: new Date(Date.now() - 85 * 86_400_000) })
      .where('id', '=', id)
      .execute();
    const first = await remindPasswordExpiry(t.db);
    const second = await remindPasswordExpiry(t.db);
    expect(first).toBe(1);
    expect(second).toBe(0);
    const res = await t.request({ method: 'GET', url: '/api/v1/inbox', as: 'jc4.staff' });
    const reminders = res.json().items.filter((m: { kind: string }) => m.kind === 'PASSWORD_EXPIRY');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ title: '密码即将过期', link: '/account/password' });
  });
});
