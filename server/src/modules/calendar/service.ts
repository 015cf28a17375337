import { buildWorkCalendar, type CalendarDay, type CalendarDayKind, workingDaysBetween } from '@liandong/domain/calendar/calendar';
import type { CalendarEntry } from '@liandong/domain/calendar/contracts';
import { sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import { invalidateWorkCalendar, loadWorkCalendar, todayIso } from '../../platform/calendar';
import { AppError, notFound, staleVersion } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { currentYear } from '../../platform/zone';
import { calendarWarning } from './warning';

/** 工作日历 — one editable calendar per commission; only exception days are stored. */

const canEdit = (ctx: Ctx) => hasAnyRole(ctx.actor, ['SYS_ADMIN']);

function present(r: { day: string; kind: string; name_zh: string; version: number }): CalendarEntry {
  return { day: r.day, kind: r.kind as CalendarDayKind, nameZh: r.name_zh, version: r.version };
}

/** The current year in the commission's zone. */
export const currentYearCst = () => currentYear();

/** The exceptions of one year and its number of working days. */
export async function getYear(ctx: Ctx, year: number) {
  const rows = await ctx.db
    .selectFrom('calendar_day')
    .select(['day', 'kind', 'name_zh', 'version'])
    .where('commission_id', '=', ctx.actor.commissionId)
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
  const days = rows.map(present);
  const cal = buildWorkCalendar(days.map((d): CalendarDay => ({ day: d.day, kind: d.kind, nameZh: d.nameZh })));
  const { lastMaintainedYear } = await loadWorkCalendar(ctx.db, ctx.actor.commissionId);
  return {
    year,
    days,
    workingDays: workingDaysBetween(cal, `${year - 1}-12-31`, `${year}-12-31`),
    lastMaintainedYear,
    maintenanceWarning: canEdit(ctx) ? calendarWarning(lastMaintainedYear, todayIso()) : null,
    abilities: { edit: canEdit(ctx) },
  };
}

/** Saturday or Sunday, for an ISO day (UTC arithmetic: no time-zone shift). */
function isWeekend(day: string): boolean {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd === 0 || wd === 6;
}

/**
 * PUT /calendar/days/:day — sets an exception. A holiday may sit on any day (weekend days of a break are
 * listed for display); a 调休 make-up workday only on a Saturday or Sunday.
 */
export async function setDay(ctx: Ctx, day: string, body: { kind: CalendarDayKind; nameZh: string; version?: number }): Promise<CalendarEntry> {
  if (body.kind === 'MAKEUP_WORKDAY' && !isWeekend(day)) {
    throw new AppError('BUSINESS_RULE', `${day} 不是周六或周日，不能设为调休上班日`, { issues: [{ path: 'kind', message: '调休上班日只能是周六或周日' }] });
  }
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('calendar_day')
      .select(['kind', 'name_zh', 'version'])
      .where('commission_id', '=', ctx.actor.commissionId)
      .where('day', '=', day)
      .forUpdate()
      .executeTakeFirst();
    if (current && body.version !== undefined && body.version !== current.version) throw staleVersion();
    if (!current && body.version !== undefined) throw staleVersion();
    const row = await trx
      .insertInto('calendar_day')
      .values({ commission_id: ctx.actor.commissionId, day, kind: body.kind, name_zh: body.nameZh })
      .onConflict((oc) =>
        oc
          .columns(['commission_id', 'day'])
          .doUpdateSet({ kind: body.kind, name_zh: body.nameZh, version: sql`calendar_day.version + 1`, updated_at: sql`now()` }),
      )
      .returning(['day', 'kind', 'name_zh', 'version'])
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'calendar.day_set',
      objectType: 'calendar_day',
      objectId: day,
      payload: { day, kind: body.kind, nameZh: body.nameZh, previous: current ? { kind: current.kind, nameZh: current.name_zh } : null },
    });
    return row;
  });
  invalidateWorkCalendar(ctx.actor.commissionId);
  return present(saved);
}

/** DELETE /calendar/days/:day — the day follows the plain weekday/weekend rule again. */
export async function clearDay(ctx: Ctx, day: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('calendar_day')
      .where('commission_id', '=', ctx.actor.commissionId)
      .where('day', '=', day)
      .returning(['kind', 'name_zh'])
      .executeTakeFirst();
    if (!gone) throw notFound('日历例外日');
    await audit(trx, ctx, { type: 'calendar.day_cleared', objectType: 'calendar_day', objectId: day, payload: { day, kind: gone.kind, nameZh: gone.name_zh } });
  });
  invalidateWorkCalendar(ctx.actor.commissionId);
}

/** Working days in (from, to] on the commission's calendar. */
export async function countWorkingDays(ctx: Ctx, from: string, to: string): Promise<number> {
  const cal = await loadWorkCalendar(ctx.db, ctx.actor.commissionId);
  return cal.workingDaysBetween(from, to);
}

/** The day a limit of `days` 工作日 counted from `from` expires, flagged past the maintained years. */
export async function addDays(ctx: Ctx, from: string, days: number): Promise<{ day: string; calendarUnconfirmed: boolean }> {
  const cal = await loadWorkCalendar(ctx.db, ctx.actor.commissionId);
  const result = cal.addWorkingDays(from, days);
  if (Number(result.slice(0, 4)) > 2199) throw new AppError('BUSINESS_RULE', '结果超出日历支持的年份范围');
  return { day: result, calendarUnconfirmed: cal.beyond(result) };
}
