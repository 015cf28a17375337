import { RUNNING_STATES } from '@liandong/domain/supervision/machine';
import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import { loadWorkCalendar } from '../../platform/calendar';
import { notify } from '../../platform/inbox';
import { getSettings } from '../../platform/settings';
import { lightDates } from './light';
import { whoMayOpenItem } from './repo';

/*
 * 督办 reminders and escalation (daily job, JOBS.supervisionReminders). For every running item with a
 * due date, on the commission's working-day calendar:
 *  (a) within the reminder window (due ≤ today + N working days, setting `reminder.daysBefore`, the
 *      same window as the yellow light) → the lead org's accounts and the responsible staff;
 *  (b) overdue (due < today) → the lead org's accounts and the responsible staff;
 *  (c) overdue by ≥ M working days (`supervision.escalateLiaisonDays`) → the list's liaison office;
 *  (d) overdue by ≥ K working days (`supervision.escalateLeaderDays`) → the 分管领导 overseeing the
 *      liaison office.
 * Every notice carries a dedupe key with the item and its due date, so a rerun (or a second node)
 * sends nothing twice, while a changed due date starts a fresh cycle.
 */

export const REMINDER_KINDS = {
  remind: 'SUPERVISION_DUE_SOON',
  overdue: 'SUPERVISION_OVERDUE',
  liaison: 'SUPERVISION_ESCALATED',
  leader: 'SUPERVISION_ESCALATED',
} as const;
type Stage = keyof typeof REMINDER_KINDS;

interface DueItem {
  id: string;
  matter: string;
  due: string;
  list_title: string;
  lead_org_id: string;
  liaison_office_id: string;
  responsible_user_ids: string[];
}

export interface ReminderResult {
  /** Notices written (per recipient) by stage. */
  sent: Record<Stage, number>;
}

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

async function activeUsersOfOrg(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('app_user').select('id').where('org_id', '=', orgId).where('status', '=', 'ACTIVE').execute();
  return rows.map((r) => r.id);
}

/** Accounts of the leaders overseeing an office on a given day (分管 in force). */
async function overseeingLeaderUsers(db: Db, officeId: string, day: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT DISTINCT u.id FROM oversight ov
      JOIN leadership_member lm ON lm.id = ov.leader_id
      JOIN app_user u ON u.person_id = lm.person_id AND u.commission_id = lm.commission_id AND u.status = 'ACTIVE'
     WHERE ov.office_id = ${officeId}::uuid
       AND ov.valid_from <= ${day}::date AND (ov.valid_to IS NULL OR ov.valid_to >= ${day}::date)
       AND lm.valid_from <= ${day}::date AND (lm.valid_to IS NULL OR lm.valid_to >= ${day}::date)`.execute(db);
  return rows.rows.map((r) => r.id);
}

function message(stage: Stage, item: DueItem, n: number): { title: string; body: string } {
  const m = short(item.matter);
  switch (stage) {
    case 'remind':
      return {
        title: `督办提醒：“${m}”即将到期`,
        body: `${item.list_title}中的监督事项“${item.matter}”将于${item.due}到期（尚余${n}个工作日），请抓紧推进并及时报告进展。`,
      };
    case 'overdue':
      return {
        title: `督办提醒：“${m}”已逾期`,
        body: `${item.list_title}中的监督事项“${item.matter}”应于${item.due}完成，现已逾期，请尽快办结或按程序申请调整。`,
      };
    case 'liaison':
      return {
        title: `督办升级：“${m}”已逾期${n}个工作日`,
        body: `${item.list_title}中的监督事项“${item.matter}”应于${item.due}完成，已逾期${n}个工作日，请联系室督促牵头单位办理。`,
      };
    case 'leader':
      return {
        title: `督办升级（分管领导）：“${m}”已逾期${n}个工作日`,
        body: `${item.list_title}中的监督事项“${item.matter}”应于${item.due}完成，已逾期${n}个工作日，报请分管领导督办。`,
      };
  }
}

/** Runs the reminders of every commission for `today` (YYYY-MM-DD, China time). Idempotent. */
export async function runSupervisionReminders(db: Db, today: string): Promise<ReminderResult> {
  const sent: Record<Stage, number> = { remind: 0, overdue: 0, liaison: 0, leader: 0 };
  const commissions = await db
    .selectFrom('supervision_item')
    .select('commission_id')
    .distinct()
    .where('state', 'in', [...RUNNING_STATES])
    .where('due_date', 'is not', null)
    .execute();
  for (const { commission_id: cid } of commissions) {
    const [calendar, settings, dates] = await Promise.all([loadWorkCalendar(db, cid), getSettings(db, cid), lightDates(db, cid, today)]);
    const items = await sql<DueItem>`
      SELECT i.id, i.matter, to_char(i.due_date, 'YYYY-MM-DD') AS due, l.title AS list_title, i.lead_org_id,
             l.liaison_office_id, i.responsible_user_ids
        FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id
       WHERE i.commission_id = ${cid}::uuid AND i.state = ANY(${[...RUNNING_STATES]}::text[])
         AND i.due_date IS NOT NULL AND i.due_date <= ${dates.threshold}::date
       ORDER BY i.due_date, i.id`.execute(db);
    const orgUsers = new Map<string, Promise<string[]>>();
    const usersOf = (orgId: string) => {
      if (!orgUsers.has(orgId)) orgUsers.set(orgId, activeUsersOfOrg(db, orgId));
      return orgUsers.get(orgId)!;
    };
    const leaders = new Map<string, Promise<string[]>>();
    const leadersOf = (officeId: string) => {
      if (!leaders.has(officeId)) leaders.set(officeId, overseeingLeaderUsers(db, officeId, today));
      return leaders.get(officeId)!;
    };
    const send = async (stage: Stage, item: DueItem, userIds: string[], n: number) => {
      const { title, body } = message(stage, item, n);
      for (const userId of await whoMayOpenItem(db, userIds, item.id)) {
        sent[stage] += await notify(db, {
          commissionId: cid,
          userId,
          kind: REMINDER_KINDS[stage],
          title,
          body,
          link: `/supervision/items/${item.id}`,
          dedupeKey: `sv:${item.id}:${item.due}:${stage}`,
        });
      }
    };
    for (const item of items.rows) {
      const leadSide = [...(await usersOf(item.lead_org_id)), ...item.responsible_user_ids];
      if (item.due >= today) {
        await send('remind', item, leadSide, calendar.workingDaysBetween(today, item.due));
        continue;
      }
      const overdueDays = calendar.workingDaysBetween(item.due, today);
      await send('overdue', item, leadSide, overdueDays);
      if (overdueDays >= settings['supervision.escalateLiaisonDays']) {
        await send('liaison', item, await usersOf(item.liaison_office_id), overdueDays);
      }
      if (overdueDays >= settings['supervision.escalateLeaderDays']) {
        await send('leader', item, await leadersOf(item.liaison_office_id), overdueDays);
      }
    }
  }
  return { sent };
}
