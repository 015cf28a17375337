import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import { type CommissionCalendar, loadWorkCalendar } from '../../platform/calendar';
import { notify, whoMayOpen } from '../../platform/inbox';
import { openTo, short } from '../../platform/workflow';
import { integrityWorkflow } from './workflow';

/*
 * The daily job of 党风廉政意见回复 (JOBS.integrityDaily), idempotent — the organisation department waits on
 * the answer before a promotion, so its 回复期限 (due_on) is watched as the supervision lists watch theirs:
 *  (a) a reply not yet ISSUED whose due_on falls within 3 working days (on the commission's 工作日历) → a
 *      reminder to the drafting 干部监督室's staff, once per reply and due date;
 *  (b) a reply not ISSUED by its due_on (due_on < today) → an overdue notice to the drafting staff, and to the
 *      leaders overseeing that 干部监督室 today (分管领导), once each per reply and due date.
 * Every notice goes only to who may open the reply (integrityVisible through whoMayOpen): never an
 * administrator of the office, never an account below the reply's classification or recused from it.
 */

/** A reply due within this many working days is "due soon": the yellow light and the reminder. */
export const INTEGRITY_DUE_SOON_WORKING_DAYS = 3;

export interface IntegrityDailyResult {
  reminders: number;
  overdueNotices: number;
  escalations: number;
}

interface Open {
  id: string;
  commission_id: string;
  requesting_org: string;
  purpose: string;
  due_on: string;
  drafting_org_id: string;
}

/** Active accounts of the drafting org (whoMayOpen keeps the 干部监督室 staff who may open the reply). */
async function staffOf(db: Db, orgId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM app_user WHERE org_id = ${orgId}::uuid AND status = 'ACTIVE' ORDER BY id`.execute(db);
  return rows.map((r) => r.id);
}

/** Accounts of the leaders overseeing the office today (分管领导). */
async function overseersOf(db: Db, officeId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM oversight ov JOIN leadership_member lm ON lm.id = ov.leader_id
    JOIN app_user u ON u.person_id = lm.person_id
    WHERE ov.office_id = ${officeId}::uuid AND u.status = 'ACTIVE'
      AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)
      AND (lm.valid_to IS NULL OR lm.valid_to >= current_date) ORDER BY u.id`.execute(db);
  return rows.map((r) => r.id);
}

/** Runs the reminders for `today` (YYYY-MM-DD, Beijing); a rerun on the same day sends nothing twice. */
export async function runIntegrityDaily(db: Db, today: string): Promise<IntegrityDailyResult> {
  const { rows } = await sql<Open>`SELECT r.id, r.commission_id, r.requesting_org, r.purpose, to_char(r.due_on, 'YYYY-MM-DD') AS due_on, r.drafting_org_id
    FROM integrity_reply r WHERE r.state <> 'ISSUED' ORDER BY r.commission_id, r.due_on, r.id`.execute(db);
  const result: IntegrityDailyResult = { reminders: 0, overdueNotices: 0, escalations: 0 };
  const calendars = new Map<string, CommissionCalendar>();
  for (const r of rows) {
    let cal = calendars.get(r.commission_id);
    if (!cal) {
      cal = await loadWorkCalendar(db, r.commission_id);
      calendars.set(r.commission_id, cal);
    }
    const open = openTo(integrityWorkflow, r.id);
    const base = { commissionId: r.commission_id, link: `/integrity/${r.id}` };
    const what = `${short(r.requesting_org, 20)}来函（${short(r.purpose, 20)}）`;
    if (r.due_on >= today && r.due_on <= cal.addWorkingDays(today, INTEGRITY_DUE_SOON_WORKING_DAYS)) {
      for (const userId of await whoMayOpen(db, await staffOf(db, r.drafting_org_id), open)) {
        result.reminders += await notify(db, {
          ...base,
          userId,
          kind: 'integrity.due',
          title: `党风廉政意见回复临期：${what}`,
          body: `回复期限为${r.due_on}，请抓紧起草、报批并编号印发。`,
          dedupeKey: `ir:${r.id}:due:${r.due_on}`,
        });
      }
    }
    if (r.due_on < today) {
      const body = `回复期限${r.due_on}已过，尚未编号印发，请尽快办结。`;
      for (const userId of await whoMayOpen(db, await staffOf(db, r.drafting_org_id), open)) {
        result.overdueNotices += await notify(db, {
          ...base,
          userId,
          kind: 'integrity.overdue',
          title: `党风廉政意见回复逾期：${what}`,
          body,
          dedupeKey: `ir:${r.id}:overdue:${r.due_on}`,
        });
      }
      for (const userId of await whoMayOpen(db, await overseersOf(db, r.drafting_org_id), open)) {
        result.escalations += await notify(db, {
          ...base,
          userId,
          kind: 'integrity.overdue',
          title: `党风廉政意见回复逾期：${what}`,
          body,
          dedupeKey: `ir:${r.id}:overdue-leader:${r.due_on}`,
        });
      }
    }
  }
  return result;
}
