/**
 * 回复期限 of 党风廉政意见回复 (issue 11): the daily job reminds the drafting 干部监督室 3 working days ahead
 * and tells it — and the leader overseeing it — once when a reply is not issued by its due date. Run twice,
 * it sends nothing more; it never tells an account that cannot open the reply (the office's audit
 * administrator, a leader recused from it). The ledger and the detail carry the 临期 / 逾期 marks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { runIntegrityDaily } from './daily';
import { seedReply, userId } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const setDue = (id: string, due: string, received = '2026-11-01') =>
  t.db.updateTable('integrity_reply').set({ due_on: due, received_on: received }).where('id', '=', id).execute();

async function noticesFor(id: string) {
  return t.db
    .selectFrom('inbox_message as n')
    .innerJoin('app_user as u', 'u.id', 'n.user_id')
    .select(['u.username', 'n.kind', 'n.title'])
    .where('n.link', '=', `/integrity/${id}`)
    .orderBy('u.username')
    .orderBy('n.kind')
    .execute();
}

/** YYYY-MM-DD `days` from today (Beijing). */
const day = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));

describe('integrity daily job', () => {
  it('reminds 3 working days ahead and once when overdue (drafters and the overseeing leader), only to who may open, idempotent', async () => {
    // Monday 2026-12-14: due Wednesday → due soon; due the Friday before → overdue; due at year end → quiet.
    const today = '2026-12-14';
    const soon = await seedReply(t, { state: 'DRAFT' });
    const late = await seedReply(t, { state: 'SUBMITTED', submittedBy: 'gbjd.staff' });
    const lateRecused = await seedReply(t, { state: 'DRAFT' });
    const quiet = await seedReply(t, { state: 'DRAFT' });
    const issuedLate = await seedReply(t, { state: 'ISSUED' });
    await setDue(soon.id, '2026-12-16');
    await setDue(late.id, '2026-12-11');
    await setDue(lateRecused.id, '2026-12-11');
    await setDue(quiet.id, '2026-12-31');
    await setDue(issuedLate.id, '2026-12-01');
    const commission = await t.db.selectFrom('commission').select('id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('recusal')
      .values({
        commission_id: commission.id,
        user_id: await userId(t, 'cw4.member'),
        object_type: 'integrity_reply',
        object_id: lateRecused.id,
        reason: '近亲属',
      })
      .execute();

    const first = await runIntegrityDaily(t.db, today);
    expect(first.reminders).toBeGreaterThanOrEqual(1);
    expect(first.overdueNotices).toBeGreaterThanOrEqual(2);
    expect(first.escalations).toBeGreaterThanOrEqual(1);

    expect(await noticesFor(soon.id)).toEqual([{ username: 'gbjd.staff', kind: 'integrity.due', title: expect.stringContaining('临期') }]);
    expect(await noticesFor(late.id)).toEqual([
      { username: 'cw4.member', kind: 'integrity.overdue', title: expect.stringContaining('逾期') },
      { username: 'gbjd.staff', kind: 'integrity.overdue', title: expect.stringContaining('逾期') },
    ]);
    // The leader recused from this one is not told of it; the drafters are.
    expect((await noticesFor(lateRecused.id)).map((n) => n.username)).toEqual(['gbjd.staff']);
    expect(await noticesFor(quiet.id)).toEqual([]);
    expect(await noticesFor(issuedLate.id)).toEqual([]);
    // Never the 安全审计员 seated in the 干部监督室, the 书记 or another leader.
    const all = [...(await noticesFor(soon.id)), ...(await noticesFor(late.id))].map((n) => n.username);
    for (const u of ['auditadmin', 'sj.secretary', 'fsj1.deputy', 'cw5.member']) expect(all).not.toContain(u);

    const second = await runIntegrityDaily(t.db, today);
    expect(second).toEqual({ reminders: 0, overdueNotices: 0, escalations: 0 });
    // A day later the overdue reply is not announced again either.
    expect((await runIntegrityDaily(t.db, '2026-12-15')).overdueNotices).toBe(0);
    expect(await noticesFor(late.id)).toHaveLength(2);
  });

  it('the ledger and the detail mark a reply 临期 within 3 working days and 逾期 past its due date, not once issued', async () => {
    const soon = await seedReply(t, { state: 'DRAFT' });
    const late = await seedReply(t, { state: 'DRAFT' });
    const far = await seedReply(t, { state: 'DRAFT' });
    const issued = await seedReply(t, { state: 'ISSUED' });
    await setDue(soon.id, day(0), day(-10));
    await setDue(late.id, day(-1), day(-10));
    await setDue(far.id, day(60), day(-10));
    await setDue(issued.id, day(0), day(-10));
    const list = await t.request({ method: 'GET', url: '/api/v1/integrity-replies?pageSize=100', as: 'gbjd.staff' });
    expect(list.statusCode).toBe(200);
    const of = (id: string) => list.json().items.find((i: { id: string }) => i.id === id);
    expect(of(soon.id)).toMatchObject({ dueSoon: true, overdue: false });
    expect(of(late.id)).toMatchObject({ dueSoon: false, overdue: true });
    expect(of(far.id)).toMatchObject({ dueSoon: false, overdue: false });
    expect(of(issued.id)).toMatchObject({ dueSoon: false, overdue: false });
    const detail = await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${soon.id}`, as: 'gbjd.staff' });
    expect(detail.json()).toMatchObject({ dueSoon: true, overdue: false });
  });
});
