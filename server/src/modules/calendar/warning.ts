import type { Db } from '../../db/pool';
import { loadWorkCalendar } from '../../platform/calendar';
import { notify } from '../../platform/inbox';

/**
 * 节假日安排到期预警. The State Council publishes next year's arrangement in November; from 1 November of
 * the last maintained year, deadlines running into the next year are counted on plain weekends only. The
 * administrators who can fix it (system and security administrators) are told every day until they do.
 */

/** The warning text when `today` is on or after 1 November of the last maintained year, else null. */
export function calendarWarning(lastMaintainedYear: number | null, today: string): string | null {
  if (lastMaintainedYear === null) return '工作日历没有任何年份的节假日安排，期限均按常规周末计算，请录入或导入节假日安排。';
  if (today < `${lastMaintainedYear}-11-01`) return null;
  const next = lastMaintainedYear + 1;
  return `工作日历的节假日安排只维护到${lastMaintainedYear}年，${next}年的期限按常规周末计算，请录入或导入${next}年的节假日与调休安排。`;
}

/** Daily job: one inbox notice per administrator and day (dedupe key carries the day). Returns notices written. */
export async function runCalendarWarning(db: Db, today: string): Promise<number> {
  const commissions = await db.selectFrom('commission').select('id').execute();
  let sent = 0;
  for (const { id } of commissions) {
    const cal = await loadWorkCalendar(db, id);
    const body = calendarWarning(cal.lastMaintainedYear, today);
    if (!body) continue;
    const admins = await db
      .selectFrom('app_user as u')
      .innerJoin('user_role as r', 'r.user_id', 'u.id')
      .select('u.id')
      .distinct()
      .where('u.commission_id', '=', id)
      .where('u.status', '=', 'ACTIVE')
      .where('r.role', 'in', ['SYS_ADMIN', 'SEC_ADMIN'])
      .execute();
    for (const a of admins) {
      sent += await notify(db, {
        commissionId: id,
        userId: a.id,
        kind: 'CALENDAR_UNMAINTAINED',
        title: '节假日安排待维护',
        body,
        link: '/admin/calendar',
        dedupeKey: `calendar-unmaintained:${today}`,
      });
    }
  }
  return sent;
}
