/**
 * The daily 以案促改 job: open tasks past their deadline become OVERDUE exactly once (a rerun writes no
 * second transition, update or notice); letters past reply_due without a reply notify the drafter once.
 * And the letters helper's bridge: adopting a letter spawns one task per recommendation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceCtx } from '../../../test/fixtures';
import { createTestApp, type TestApp } from '../../../test/app';
import { todayIso } from '../../platform/calendar';
import { BANK, commissionId, daysFromToday, FIN_GROUP, makeTask, orgId, userId } from './fixtures';
import { runReformDaily } from './reminders';
import { spawnTasksForLetter } from './tasks-from-letter';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function letter(state: string, set: Record<string, unknown> = {}): Promise<string> {
  const row = await t.db
    .insertInto('letter')
    .values({
      commission_id: await commissionId(t),
      type: 'SUPERVISION',
      origin: 'SUPERVISION',
      drafting_org_id: await orgId(t, FIN_GROUP),
      supervisor_user_id: await userId(t, 'fin.staff'),
      recipient_org_id: await orgId(t, BANK),
      recipient_name: '示例城市商业银行',
      title: '关于加强信贷管理的监察建议书（演示数据）',
      state,
      created_by: await userId(t, 'fin.staff'),
      ...set,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('runReformDaily', () => {
  it('marks open tasks past their deadline overdue exactly once, with one reminder to the contact person and the supervisor', async () => {
    const late = await makeTask(t, { state: 'IN_PROGRESS', deadline: daysFromToday(-2) });
    const onTime = await makeTask(t, { state: 'IN_PROGRESS', deadline: daysFromToday(10) });
    const doneLate = await makeTask(t, { state: 'REPORTED_DONE', deadline: daysFromToday(-2) });
    const today = todayIso();

    const first = await runReformDaily(t.db, today);
    expect(first.markedOverdue).toBeGreaterThanOrEqual(1);
    const row = await t.db.selectFrom('rectification_task').selectAll().where('id', '=', late).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'OVERDUE', overdue_since: today, version: 2 });
    const snapshot = async () => ({
      updates: await t.db.selectFrom('rectification_update').select(['kind', 'to_state', 'actor_id']).where('task_id', '=', late).execute(),
      notices: await t.db.selectFrom('inbox_message').select(['user_id', 'kind']).where('link', 'like', `%/${late}`).execute(),
      audits: await t.db.selectFrom('audit_event').select(['type', 'actor_id']).where('object_id', '=', late).execute(),
    });
    const after1 = await snapshot();
    expect(after1.updates).toEqual([{ kind: 'REMINDER', to_state: 'OVERDUE', actor_id: null }]);
    expect(after1.audits).toEqual([{ type: 'rectification.transitioned', actor_id: null }]);
    expect(after1.notices.map((n) => n.user_id).sort()).toEqual([await userId(t, 'bank.liaison'), await userId(t, 'fin.staff')].sort());

    const second = await runReformDaily(t.db, today);
    expect(second.markedOverdue).toBe(0);
    expect(await snapshot()).toEqual(after1);
    expect((await t.db.selectFrom('rectification_task').select('version').where('id', '=', late).executeTakeFirstOrThrow()).version).toBe(2);

    for (const id of [onTime, doneLate]) {
      const r = await t.db.selectFrom('rectification_task').select(['state', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(r.version).toBe(1);
    }
  });

  it('flags a letter past reply_due without a reply to the drafter, once', async () => {
    const id = await letter('RECTIFYING', { reply_due: daysFromToday(-1) });
    const replied = await letter('RECTIFYING', { reply_due: daysFromToday(-1), reply: '已整改（演示数据）' });
    await runReformDaily(t.db, todayIso());
    await runReformDaily(t.db, todayIso());
    const notices = await t.db.selectFrom('inbox_message').select(['user_id', 'kind']).where('link', '=', `/letters/${id}`).execute();
    expect(notices).toEqual([{ user_id: await userId(t, 'fin.staff'), kind: 'letter.reply_overdue' }]);
    expect(await t.db.selectFrom('inbox_message').select('id').where('link', '=', `/letters/${replied}`).execute()).toHaveLength(0);
  });
});

describe('spawnTasksForLetter', () => {
  it('creates one task per recommendation, supervised by the letter’s supervisor, with plan due and a notice; idempotent', async () => {
    const id = await letter('RECTIFYING', { doc_no: '兰监建〔2026〕99号', issued_on: '2026-02-01' });
    const cid = await commissionId(t);
    for (const [no, text] of [
      [1, '健全信贷审批分级授权制度'],
      [2, '加强对关键岗位人员的轮岗交流'],
    ] as const) {
      await t.db
        .insertInto('letter_item')
        .values({ commission_id: cid, letter_id: id, no, text, deadline: daysFromToday(90) })
        .execute();
    }
    const ctx = await serviceCtx(t.db, 'bank.liaison', ['UNIT_LIAISON'], 'own');
    const ids = await t.db.transaction().execute((trx) => spawnTasksForLetter(trx, ctx, id));
    expect(ids).toHaveLength(2);
    const tasks = await t.db.selectFrom('rectification_task').selectAll().where('letter_id', '=', id).orderBy('issue').execute();
    for (const task of tasks) {
      expect(task).toMatchObject({
        source: 'RECOMMENDATION',
        unit_org_id: await orgId(t, BANK),
        supervisor_user_id: await userId(t, 'fin.staff'),
        supervisor_org_id: await orgId(t, FIN_GROUP),
        state: 'ASSIGNED',
      });
      expect(task.plan_due! > todayIso()).toBe(true);
    }
    expect(await t.db.selectFrom('rectification_update').select('id').where('task_id', 'in', ids).execute()).toHaveLength(2);
    expect(
      await t.db.selectFrom('inbox_message').select('id').where('user_id', '=', ctx.actor.userId).where('kind', '=', 'rectification.assigned').execute(),
    ).toHaveLength(2);
    // a second call (e.g. re-adoption after reopening) does not duplicate
    expect(await t.db.transaction().execute((trx) => spawnTasksForLetter(trx, ctx, id))).toEqual([]);
    // the liaison sees them on its board
    const board = (await t.request({ method: 'GET', url: `/api/v1/rectification-tasks?letterId=${id}`, as: 'bank.liaison' })).json();
    expect(board.items.map((i: { letterItemNo: number }) => i.letterItemNo).sort()).toEqual([1, 2]);
    expect(board.items[0].letter).toMatchObject({ id, docNo: '兰监建〔2026〕99号' });
  });
});
