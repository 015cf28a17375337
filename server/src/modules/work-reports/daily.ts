import { periodLabel } from '@liandong/domain/work-reports/periods';
import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import { loadWorkCalendar } from '../../platform/calendar';
import { notify, type VisibleTo, whoMayOpen } from '../../platform/inbox';
import { slotVisible } from './access';
import { coordinatorsOf, reporterStaffOf } from './repo';

/*
 * The daily job of the reporting calendar (JOBS.workReportsDaily), idempotent — every notice carries a dedupe
 * key of the slot and its due day, so a rerun (or a second node) sends nothing twice:
 *  (a) a slot due within REPORT_REMIND_WORKING_DAYS working days (the commission's 工作日历) whose report is not
 *      yet submitted to the 常委会 → a reminder to the reporter org's staff, once;
 *  (b) a slot past its due day without that → an overdue notice to the reporter org's staff and to the
 *      coordinating office (党风政风监督室), once.
 * Notices go only to who may open the slot.
 */

export const REPORT_REMIND_WORKING_DAYS = 5;

export interface WorkReportsDailyResult {
  reminders: number;
  overdue: number;
}

interface OpenSlot {
  id: string;
  commission_id: string;
  reporter_org_id: string;
  reporter_name: string;
  cadence: 'YEARLY' | 'HALF_YEARLY' | 'QUARTERLY';
  period_start: string;
  due_on: string;
  report_id: string | null;
}

const slotOpenTo =
  (id: string): VisibleTo =>
  (a) =>
    sql`SELECT 1 FROM report_slot s WHERE s.id = ${id}::uuid AND ${slotVisible(a, 's')}`;

export async function runWorkReportsDaily(db: Db, today: string): Promise<WorkReportsDailyResult> {
  const { rows } = await sql<OpenSlot>`SELECT s.id, s.commission_id, s.reporter_org_id, o.name_zh AS reporter_name, s.cadence,
      to_char(s.period_start, 'YYYY-MM-DD') AS period_start, to_char(s.due_on, 'YYYY-MM-DD') AS due_on, r.id AS report_id
    FROM report_slot s JOIN org o ON o.id = s.reporter_org_id LEFT JOIN work_report r ON r.slot_id = s.id
    WHERE (r.id IS NULL OR r.state NOT IN ('SUBMITTED','HEARD')) AND s.due_on <= ${today}::date + 60
    ORDER BY s.commission_id, s.due_on, s.id`.execute(db);
  let reminders = 0;
  let overdue = 0;
  const calendars = new Map<string, Awaited<ReturnType<typeof loadWorkCalendar>>>();
  for (const s of rows) {
    let cal = calendars.get(s.commission_id);
    if (!cal) {
      cal = await loadWorkCalendar(db, s.commission_id);
      calendars.set(s.commission_id, cal);
    }
    const what = `${s.reporter_name}${periodLabel(s.cadence, s.period_start)}工作报告`;
    const link = s.report_id ? `/work-reports/${s.report_id}` : '/work-reports';
    const open = slotOpenTo(s.id);
    if (s.due_on >= today && s.due_on <= cal.addWorkingDays(today, REPORT_REMIND_WORKING_DAYS)) {
      for (const userId of await whoMayOpen(db, await reporterStaffOf(db, s.reporter_org_id), open)) {
        reminders += await notify(db, {
          commissionId: s.commission_id,
          userId,
          kind: 'work_report.due',
          title: `工作报告临期：${what}`,
          body: `应于${s.due_on}前报送常委会，请抓紧起草并报本单位负责人审批。`,
          link,
          dedupeKey: `wr-slot:${s.id}:due:${s.due_on}`,
        });
      }
    }
    if (s.due_on < today) {
      const users = [...(await reporterStaffOf(db, s.reporter_org_id)), ...(await coordinatorsOf(db, s.commission_id))];
      for (const userId of await whoMayOpen(db, users, open)) {
        overdue += await notify(db, {
          commissionId: s.commission_id,
          userId,
          kind: 'work_report.overdue',
          title: `工作报告逾期：${what}`,
          body: `报送期限${s.due_on}已过，尚未报送常委会。`,
          link,
          dedupeKey: `wr-slot:${s.id}:overdue:${s.due_on}`,
        });
      }
    }
  }
  return { reminders, overdue };
}
