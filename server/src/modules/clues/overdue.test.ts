/**
 * 到期提醒: the ledger's overdue flags and filter, the overdue board (due and due within 5 working
 * days), and the daily reminder job — undertaking staff notified once per (clue, kind, due date).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { loadWorkCalendar } from '../../platform/calendar';
import { todayIso } from '../../platform/calendar';
import { JW, seedClue, userId } from './fixtures';
import { runClueReminders } from './reminders';

let t: TestApp;
let late: string;
let soon: string;
let hold: string;
beforeAll(async () => {
  t = await createTestApp();
  const today = todayIso();
  const commission = (await t.db.selectFrom('org').select('commission_id').where('code', '=', JW).executeTakeFirstOrThrow()).commission_id;
  const cal = await loadWorkCalendar(t.db, commission);
  late = (await seedClue(t, { state: 'UNDER_ANALYSIS', title: '逾期未提出处置意见的线索' })).id;
  await t.db.updateTable('clue').set({ propose_due: '2026-01-05' }).where('id', '=', late).execute();
  soon = (await seedClue(t, { state: 'PENDING_HOLD', title: '即将复查的暂存线索' })).id;
  await t.db
    .updateTable('clue')
    .set({ propose_due: '2026-01-05', hold_review_due: cal.addWorkingDays(today, 2) })
    .where('id', '=', soon)
    .execute();
  hold = (await seedClue(t, { state: 'PENDING_HOLD', title: '远期复查的暂存线索' })).id;
  await t.db.updateTable('clue').set({ hold_review_due: '2099-01-01' }).where('id', '=', hold).execute();
});
afterAll(() => t.close());

describe('overdue', () => {
  it('flags and filters the ledger by overdue kind', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/clues?overdue=PROPOSAL_DUE&pageSize=100', as: 'jc3.staff' });
    const items = res.json().items as { id: string; flags: string[] }[];
    expect(items.find((i) => i.id === late)?.flags).toEqual(['PROPOSAL_DUE']);
    expect(items.map((i) => i.id)).not.toContain(soon); // PENDING_HOLD: the proposal limit no longer runs
    const none = await t.request({ method: 'GET', url: '/api/v1/clues?overdue=TRIAL_DUE', as: 'jc3.staff' });
    expect(none.json().total).toBe(0);
  });

  it('the board counts overdue and due-soon per kind', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/clues/overdue', as: 'jc3.staff' });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    const item = (id: string) => b.items.find((i: { clueId: string }) => i.clueId === id);
    expect(item(late)).toMatchObject({ kind: 'PROPOSAL_DUE', overdue: true });
    expect(item(soon)).toMatchObject({ kind: 'HOLD_REVIEW_DUE', overdue: false });
    expect(item(hold)).toBeUndefined();
    expect(b.counts.find((c: { kind: string }) => c.kind === 'HOLD_REVIEW_DUE').dueSoon).toBeGreaterThanOrEqual(1);
    const other = await t.request({ method: 'GET', url: '/api/v1/clues/overdue', as: 'fin.staff' });
    expect(other.json().items.map((i: { clueId: string }) => i.clueId)).not.toContain(late);
  });

  it('the daily job notifies the undertaking staff once per clue, kind and due date', async () => {
    const first = await runClueReminders(t.db, todayIso());
    expect(first.sent).toBeGreaterThan(0);
    const staff = await userId(t, 'jc3.staff');
    const msgs = await t.db
      .selectFrom('inbox_message')
      .select(['title', 'dedupe_key'])
      .where('user_id', '=', staff)
      .where('link', '=', `/clues/${late}`)
      .execute();
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.title).toContain('已逾期');
    const again = await runClueReminders(t.db, todayIso());
    expect(again.sent).toBe(0);
  });
});
