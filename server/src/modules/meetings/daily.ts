import { DECISION_MACHINE, DECISION_RUNNING_STATES } from '@liandong/domain/meetings/machine';
import type { DecisionState } from '@liandong/domain/meetings/enums';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';
import { loadWorkCalendar } from '../../platform/calendar';
import { notify, whoMayOpen } from '../../platform/inbox';
import { openTo, transition } from '../../platform/workflow';
import { DECISION_ESCALATE_WORKING_DAYS, DECISION_YELLOW_WORKING_DAYS } from './light';
import { secretariesOf, short, staffOf } from './repo';
import { decisionWorkflow } from './workflow';

/*
 * The daily job of meeting decisions (JOBS.meetingsDaily), idempotent — 督办 as the supervision lists do it:
 *  (a) every running decision (ASSIGNED / IN_PROGRESS) past its deadline → OVERDUE through the kernel as the
 *      system, each in its own transaction; the kernel tells the chair and the owner org (dedupe key per
 *      decision and deadline). A decision is marked once: OVERDUE is not a state markOverdue leaves from.
 *  (b) a running decision due within 5 working days → a reminder to the owner org's staff, once per deadline;
 *  (c) an OVERDUE decision late by ≥ 10 working days → escalated to the 书记, once per decision and deadline.
 * Every notice goes only to who may open the decision.
 */

export interface MeetingsDailyResult {
  markedOverdue: number;
  reminders: number;
  escalations: number;
}

interface Due {
  id: string;
  commission_id: string;
  content: string;
  owner_org_id: string;
  deadline: string;
  state: DecisionState;
  meeting_title: string;
}

export async function runMeetingsDaily(db: Db, today: string): Promise<MeetingsDailyResult> {
  const late = await sql<{ id: string }>`SELECT d.id FROM meeting_decision d
    WHERE d.state = ANY(${[...DECISION_RUNNING_STATES]}::text[]) AND d.deadline < ${today}::date AND d.overdue_since IS NULL
    ORDER BY d.commission_id, d.deadline, d.id`.execute(db);
  let markedOverdue = 0;
  for (const { id } of late.rows) {
    if (await db.transaction().execute((trx) => markDecisionOverdue(trx, id, today))) markedOverdue++;
  }

  const { rows } = await sql<Due>`SELECT d.id, d.commission_id, d.content, d.owner_org_id, to_char(d.deadline, 'YYYY-MM-DD') AS deadline, d.state,
      m.title AS meeting_title
    FROM meeting_decision d JOIN meeting m ON m.id = d.meeting_id
    WHERE d.state <> 'DONE' ORDER BY d.commission_id, d.deadline, d.id`.execute(db);
  let reminders = 0;
  let escalations = 0;
  const calendars = new Map<string, Awaited<ReturnType<typeof loadWorkCalendar>>>();
  for (const d of rows) {
    let cal = calendars.get(d.commission_id);
    if (!cal) {
      cal = await loadWorkCalendar(db, d.commission_id);
      calendars.set(d.commission_id, cal);
    }
    const open = openTo(decisionWorkflow, d.id);
    if (DECISION_RUNNING_STATES.includes(d.state) && d.deadline >= today && d.deadline <= cal.addWorkingDays(today, DECISION_YELLOW_WORKING_DAYS)) {
      for (const userId of await whoMayOpen(db, await staffOf(db, d.owner_org_id), open)) {
        reminders += await notify(db, {
          commissionId: d.commission_id,
          userId,
          kind: 'meeting.decision_due',
          title: `议定事项临期：${short(d.content)}`,
          body: `“${short(d.meeting_title)}”交办的事项应于${d.deadline}前办结，请抓紧办理并报告进展。`,
          link: `/meetings/decisions/${d.id}`,
          dedupeKey: `md:${d.id}:due:${d.deadline}`,
        });
      }
    }
    if (d.state === 'OVERDUE' && cal.workingDaysBetween(d.deadline, today) >= DECISION_ESCALATE_WORKING_DAYS) {
      for (const userId of await whoMayOpen(db, await secretariesOf(db, d.commission_id), open)) {
        escalations += await notify(db, {
          commissionId: d.commission_id,
          userId,
          kind: 'meeting.decision_escalated',
          title: `议定事项逾期督办：${short(d.content)}`,
          body: `“${short(d.meeting_title)}”交办的事项已逾期（期限${d.deadline}）超过${DECISION_ESCALATE_WORKING_DAYS}个工作日，提请督办。`,
          link: `/meetings/decisions/${d.id}`,
          dedupeKey: `md:${d.id}:escalated:${d.deadline}`,
        });
      }
    }
  }
  return { markedOverdue, reminders, escalations };
}

/**
 * Marks one decision overdue as the system (markOverdue is `who: []`), if its deadline has passed, it was
 * never marked and the table allows it; false otherwise, so a rerun changes nothing.
 */
export async function markDecisionOverdue(trx: Transaction<DB>, id: string, today: string): Promise<boolean> {
  const { rows } = await sql<{ commission_id: string; state: DecisionState; version: number; late: boolean; marked: boolean }>`
    SELECT commission_id, state, version, deadline < ${today}::date AS late, overdue_since IS NOT NULL AS marked
      FROM meeting_decision WHERE id = ${id}::uuid FOR UPDATE`.execute(trx);
  const d = rows[0];
  if (!d?.late || d.marked || DECISION_MACHINE.next(d.state, 'markOverdue') === null) return false;
  await transition({ trx, job: { commissionId: d.commission_id, name: '系统' } }, decisionWorkflow, id, { action: 'markOverdue', version: d.version, today });
  return true;
}
