/** 督办 reminders: window and escalation in working days across 中秋/国庆 2026 (10-10 调休), exactly once. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { runSupervisionReminders } from './reminders';

let t: TestApp;
let running: string;
const ids: Record<string, string> = {};

async function userId(username: string) {
  return (await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** Notices of an item, as "username:stage" sorted. */
async function noticesOf(itemId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('inbox_message as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.username', 'm.dedupe_key'])
    .where('m.dedupe_key', 'like', `sv:${itemId}:%`)
    .execute();
  return rows.map((r) => `${r.username}:${r.dedupe_key!.split(':').at(-1)}`).sort();
}

beforeAll(async () => {
  t = await createTestApp();
  // Only the items of this test run: the demo's own items are set aside.
  await sql`UPDATE supervision_item SET state = 'CANCELLED'`.execute(t.db);
  const list = await t.db
    .selectFrom('supervision_list as l')
    .innerJoin('org as g', 'g.id', 'l.owner_group_id')
    .select(['l.id', 'l.commission_id', 'l.owner_group_id'])
    .where('g.code', '=', 'LZ-JW-PZ-JYJ')
    .where('l.type', '=', 'INDIVIDUAL')
    .executeTakeFirstOrThrow();
  const jc3Staff = await userId('jc3.staff');
  for (const [key, state, seq] of [
    ['running', 'IN_PROGRESS', 101],
    ['completed', 'COMPLETED', 102],
    ['cancelled', 'CANCELLED', 103],
    ['draft', 'DRAFT', 104],
  ] as const) {
    const r = await t.db
      .insertInto('supervision_item')
      .values({
        commission_id: list.commission_id,
        list_id: list.id,
        seq,
        matter: `督办测试事项${seq}`,
        lead_side: 'GROUP',
        lead_org_id: list.owner_group_id,
        responsible_user_ids: [jc3Staff],
        methods: ['TALK'],
        due_date: '2026-09-30',
        state,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[key] = r.id;
  }
  running = ids.running!;
});
afterAll(() => t.close());

describe('supervision reminders', () => {
  it('reminds N working days before due, counting over the 中秋 holiday', async () => {
    // 2026-09-23 (Wed): +3 working days = 09-29 (09-25 is 中秋, 09-26/27 weekend) → not yet.
    await runSupervisionReminders(t.db, '2026-09-23');
    expect(await noticesOf(running)).toEqual([]);
    // 2026-09-24: +3 working days = 09-30 → due soon, to the lead group's accounts and the responsible staff.
    const r = await runSupervisionReminders(t.db, '2026-09-24');
    expect(r.sent.remind).toBe(3);
    expect(await noticesOf(running)).toEqual(['edu.group:remind', 'edu.staff:remind', 'jc3.staff:remind']);
    const msg = await t.db
      .selectFrom('inbox_message')
      .select(['title', 'kind'])
      .where('dedupe_key', '=', `sv:${running}:2026-09-30:remind`)
      .executeTakeFirstOrThrow();
    expect(msg.title).toContain('督办提醒');
    expect(msg.title).toContain('即将到期');
  });

  it('sends each notice exactly once when the job runs twice', async () => {
    const again = await runSupervisionReminders(t.db, '2026-09-24');
    expect(again.sent).toEqual({ remind: 0, overdue: 0, liaison: 0, leader: 0 });
    await runSupervisionReminders(t.db, '2026-09-29');
    expect(await noticesOf(running)).toHaveLength(3);
  });

  it('marks the item overdue during 国庆 without escalating', async () => {
    const r = await runSupervisionReminders(t.db, '2026-10-02');
    expect(r.sent.overdue).toBe(3);
    await runSupervisionReminders(t.db, '2026-10-09'); // 2 working days overdue (10-08, 10-09)
    const notices = await noticesOf(running);
    expect(notices.filter((n) => n.endsWith(':overdue'))).toEqual(['edu.group:overdue', 'edu.staff:overdue', 'jc3.staff:overdue']);
    expect(notices.some((n) => n.endsWith(':liaison') || n.endsWith(':leader'))).toBe(false);
  });

  it('escalates to the liaison office on the 调休 Saturday 10-10 (3rd working day overdue)', async () => {
    const r = await runSupervisionReminders(t.db, '2026-10-10');
    expect(r.sent.liaison).toBe(2);
    const notices = await noticesOf(running);
    expect(notices.filter((n) => n.endsWith(':liaison'))).toEqual(['jc3.director:liaison', 'jc3.staff:liaison']);
    expect(notices.some((n) => n.endsWith(':leader'))).toBe(false);
  });

  it('escalates to the overseeing leader after 10 working days overdue (10-20, not 10-19)', async () => {
    await runSupervisionReminders(t.db, '2026-10-19'); // 9 working days
    expect((await noticesOf(running)).some((n) => n.endsWith(':leader'))).toBe(false);
    const r = await runSupervisionReminders(t.db, '2026-10-20');
    expect(r.sent.leader).toBe(1);
    // 第三监督检查室 is overseen by 常委 邰书亭 (cw1.member).
    expect((await noticesOf(running)).filter((n) => n.endsWith(':leader'))).toEqual(['cw1.member:leader']);
    const again = await runSupervisionReminders(t.db, '2026-10-21');
    expect(again.sent).toEqual({ remind: 0, overdue: 0, liaison: 0, leader: 0 });
  });

  it('honours the per-commission escalation settings', async () => {
    const item = await t.db.selectFrom('supervision_item').select(['commission_id']).where('id', '=', running).executeTakeFirstOrThrow();
    await t.db
      .insertInto('setting')
      .values({ commission_id: item.commission_id, key: 'supervision.escalateLiaisonDays', value: JSON.stringify(1) })
      .execute();
    // A new due date starts a new cycle (dedupe keys carry the due date).
    await t.db.updateTable('supervision_item').set({ due_date: '2026-11-10' }).where('id', '=', running).execute();
    const { clearSettingsCache } = await import('../../platform/settings');
    clearSettingsCache();
    const r = await runSupervisionReminders(t.db, '2026-11-11');
    expect(r.sent.liaison).toBe(2);
  });

  it('sends nothing for done, cancelled or draft items', async () => {
    for (const key of ['completed', 'cancelled', 'draft']) expect(await noticesOf(ids[key]!)).toEqual([]);
  });
});
