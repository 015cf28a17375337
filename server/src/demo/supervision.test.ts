/** 演示数据 of supervision lists: every group has both 2026 lists, states are consistent, lights show. */
import { ITEM_TRANSITIONS, type ItemAction, type ItemState, nextState } from '@liandong/domain/supervision/machine';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { loadWorkCalendar } from '../platform/calendar';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo supervision lists', () => {
  it('gives every dispatched group a 2026 common list of the 8 common items and an individual list', async () => {
    const groups = await t.db.selectFrom('org').select('id').where('kind', '=', 'DISPATCHED_GROUP').execute();
    const lists = await t.db.selectFrom('supervision_list').select(['owner_group_id', 'type', 'id']).where('year', '=', 2026).execute();
    expect(lists).toHaveLength(groups.length * 2);
    const common = await t.db.selectFrom('common_item').select('id').where('year', '=', 2026).execute();
    expect(common).toHaveLength(8);
    const fanned = await sql<{
      n: number;
    }>`SELECT count(DISTINCT (list_id, common_item_id))::int AS n FROM supervision_item WHERE common_item_id IN (SELECT id FROM common_item WHERE year = 2026)`.execute(
      t.db,
    );
    expect(fanned.rows[0]!.n).toBe(groups.length * 8);
  });

  it('has 驻市教育局组 lists with 校园餐 and an individual list half led by 第三监督检查室', async () => {
    const rows = await t.db
      .selectFrom('supervision_item as i')
      .innerJoin('supervision_list as l', 'l.id', 'i.list_id')
      .innerJoin('org as g', 'g.id', 'l.owner_group_id')
      .innerJoin('org as lead', 'lead.id', 'i.lead_org_id')
      .select(['l.type', 'i.matter', 'lead.code as leadCode'])
      .where('g.code', '=', 'LZ-JW-PZ-JYJ')
      .where('l.year', '=', 2026)
      .execute();
    const common = rows.filter((r) => r.type === 'COMMON').map((r) => r.matter);
    expect(common).toHaveLength(8);
    for (const m of ['中央八项规定精神', '巡视巡察', '三重一大', '校园餐']) expect(common.some((c) => c.includes(m))).toBe(true);
    const individual = rows.filter((r) => r.type === 'INDIVIDUAL');
    expect(individual).toHaveLength(4);
    expect(individual.filter((r) => r.leadCode === 'LZ-JW-JC3')).toHaveLength(2);
  });

  it('replays every item event through the state machine to the stored state', async () => {
    const items = await t.db.selectFrom('supervision_item').select(['id', 'state', 'due_date']).execute();
    const events = await t.db.selectFrom('supervision_item_event').select(['item_id', 'action', 'from_state', 'to_state']).orderBy('id').execute();
    const byItem = new Map<string, typeof events>();
    for (const e of events) byItem.set(e.item_id, [...(byItem.get(e.item_id) ?? []), e]);
    for (const item of items) {
      let state: ItemState = 'DRAFT';
      for (const e of byItem.get(item.id) ?? []) {
        // an item made by the service (the 2027 common item of the demo problem) starts with its creation event
        if (e.from_state === null && (e.action === 'create' || e.action === 'order')) {
          state = e.to_state as ItemState;
          continue;
        }
        expect(e.from_state).toBe(state);
        expect(ITEM_TRANSITIONS[e.action as ItemAction]).toBeDefined();
        const next = nextState(state, e.action as ItemAction, null);
        expect(next).toBe(e.to_state);
        state = next!;
      }
      expect(state).toBe(item.state);
    }
    const states = new Set(items.map((i) => i.state));
    for (const s of ['DRAFT', 'CONSULTED', 'APPROVED', 'IN_PROGRESS', 'ISSUE_FOUND', 'COMPLETED', 'CLOSED']) expect(states.has(s)).toBe(true);
  });

  it('has overdue (red) and due-soon (yellow) running items on 2026-11-27, progress and findings', async () => {
    const cid = (await t.db.selectFrom('commission').select('id').executeTakeFirstOrThrow()).id;
    const cal = await loadWorkCalendar(t.db, cid);
    const running = await t.db
      .selectFrom('supervision_item')
      .select(['due_date'])
      .where('state', 'in', ['APPROVED', 'IN_PROGRESS', 'ISSUE_FOUND', 'ADJUSTED'])
      .execute();
    const today = '2026-11-27';
    const due = running.map((r) => String(r.due_date));
    const red = due.filter((d) => d < today);
    const yellow = due.filter((d) => d >= today && cal.workingDaysBetween(today, d) <= 3);
    expect(red.length).toBeGreaterThanOrEqual(3);
    expect(red.length).toBeLessThan(running.length / 3);
    expect(yellow.length).toBeGreaterThanOrEqual(3);
    const progress = await t.db.selectFrom('item_progress').select('content').execute();
    expect(progress.length).toBeGreaterThan(100);
    expect(progress.every((p) => p.content.includes('演示数据'))).toBe(true);
    const findings = await t.db.selectFrom('supervision_finding').select(['disposition', 'zone_activity_id']).execute();
    expect(findings.filter((f) => f.zone_activity_id && f.disposition === 'CLUE')).toHaveLength(1);
    const consultations = await t.db.selectFrom('list_consultation').select('id').execute();
    expect(consultations.length).toBeGreaterThanOrEqual(44);
  });
});
