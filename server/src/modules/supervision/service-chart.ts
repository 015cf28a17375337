import type { ProgressChart } from '@liandong/domain/supervision/contracts';
import type { ItemState } from '@liandong/domain/supervision/machine';
import { sql } from 'kysely';
import { notFound } from '../../platform/errors';
import type { Ctx } from '../../platform/context';
import { todayIso } from '../../platform/calendar';
import { findList } from './repo';

const DONE: readonly ItemState[] = ['COMPLETED', 'CLOSED'];
const WORKING: readonly ItemState[] = ['IN_PROGRESS', 'ISSUE_FOUND', 'ADJUSTED'];
const RUNNING: readonly ItemState[] = ['APPROVED', 'IN_PROGRESS', 'ISSUE_FOUND', 'ADJUSTED'];

/** Last day of a month, YYYY-MM-DD. */
function monthEnd(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/**
 * GET /supervision/lists/:id/progress-chart — for each month of the list's year (up to the current
 * month), the state of every item at the month's end replayed from its events: completed, in progress,
 * overdue (running with its due date passed) and the total of items that existed and were not cancelled.
 */
export async function progressChart(ctx: Ctx, id: string): Promise<ProgressChart> {
  const list = await findList(ctx.db, ctx.actor, id);
  if (!list) throw notFound('监督清单');
  const { rows } = await sql<{ item_id: string; due_date: string | null; to_state: ItemState; day: string }>`
    SELECT e.item_id, i.due_date, e.to_state, to_char(e.at AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM-DD') AS day
    FROM supervision_item i JOIN supervision_item_event e ON e.item_id = i.id
    WHERE i.list_id = ${id}::uuid ORDER BY e.item_id, e.id`.execute(ctx.db);
  const byItem = new Map<string, { due: string | null; events: { day: string; state: ItemState }[] }>();
  for (const r of rows) {
    const it = byItem.get(r.item_id) ?? { due: r.due_date, events: [] };
    it.events.push({ day: r.day, state: r.to_state });
    byItem.set(r.item_id, it);
  }
  const today = todayIso();
  const [ty, tm] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const lastMonth = list.year < ty ? 12 : list.year > ty ? 0 : tm;
  const points: ProgressChart['points'] = [];
  for (let m = 1; m <= lastMonth; m++) {
    const end = monthEnd(list.year, m);
    // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared as strings
    const cut = end < today ? end : today;
    const p = { month: `${list.year}-${String(m).padStart(2, '0')}`, completed: 0, inProgress: 0, overdue: 0, total: 0 };
    for (const it of byItem.values()) {
      let state: ItemState | null = null;
      for (const e of it.events) if (e.day <= cut) state = e.state;
      if (!state || state === 'CANCELLED') continue;
      p.total++;
      if (DONE.includes(state)) p.completed++;
      else if (WORKING.includes(state)) p.inProgress++;
      if (RUNNING.includes(state) && it.due && it.due < cut) p.overdue++;
    }
    points.push(p);
  }
  return { points };
}
