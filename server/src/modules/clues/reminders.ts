import { OVERDUE_KIND_LABELS } from '@liandong/domain/clues/enums';
import type { Db } from '../../db/pool';
import { loadWorkCalendar } from '../../platform/calendar';
import { sql } from 'kysely';
import { notify, whoMayOpen } from '../../platform/inbox';
import { CLUE_OVERDUE_KIND_LIST } from './overdue-kinds';
import { type DueRow, dueClues, SOON_WORKING_DAYS } from './service-overdue';
import { clueVisible } from '../visibility';

/*
 * 问题线索到期提醒 (daily job, JOBS.clueReminders): for every running limit of a clue (处置建议, 受理告知,
 * 函询回复, 谈话函询报告, 暂存待查复查, 交办件, 结果反馈) due within 5 working days or past, the
 * accounts of the undertaking department — or, before 分办 and for the 信访室's own limits, of the
 * receiving department. Dedupe key (clue, kind, due date): a rerun sends nothing twice, a new date
 * starts a fresh cycle.
 */

/** Limits kept by the 信访室 (the receiving department), whoever undertakes the clue. */
const RECEIVER_KINDS = new Set(['ACKNOWLEDGE_DUE', 'FEEDBACK_DUE']);

export async function runClueReminders(db: Db, today: string): Promise<{ sent: number }> {
  let sent = 0;
  const commissions = await db.selectFrom('clue').select('commission_id').distinct().execute();
  for (const { commission_id: cid } of commissions) {
    const cal = await loadWorkCalendar(db, cid);
    const until = cal.addWorkingDays(today, SOON_WORKING_DAYS);
    const rows = await dueClues(db, cid, until, CLUE_OVERDUE_KIND_LIST);
    const receiving = new Map(
      (rows.length
        ? await db
            .selectFrom('clue')
            .select(['id', 'receiving_org_id'])
            .where('id', 'in', [...new Set(rows.map((r) => r.clue_id))])
            .execute()
        : []
      ).map((r) => [r.id, r.receiving_org_id]),
    );
    const staff = new Map<string, Promise<string[]>>();
    const staffOf = (orgId: string) => {
      if (!staff.has(orgId)) {
        staff.set(
          orgId,
          db
            .selectFrom('app_user')
            .select('id')
            .where('org_id', '=', orgId)
            .where('status', '=', 'ACTIVE')
            .execute()
            .then((us) => us.map((u) => u.id)),
        );
      }
      return staff.get(orgId)!;
    };
    for (const r of rows) {
      const orgId = RECEIVER_KINDS.has(r.kind) || !r.undertaking_org_id ? receiving.get(r.clue_id) : r.undertaking_org_id;
      if (!orgId) continue;
      const { title, body } = message(r, today, r.due_on >= today ? cal.workingDaysBetween(today, r.due_on) : cal.workingDaysBetween(r.due_on, today));
      const allowed = await whoMayOpen(db, await staffOf(orgId), (a) => sql`SELECT 1 FROM clue n WHERE n.id = ${r.clue_id}::uuid AND ${clueVisible(a, 'n')}`);
      for (const userId of allowed) {
        sent += await notify(db, {
          commissionId: cid,
          userId,
          kind: r.due_on < today ? 'CLUE_OVERDUE' : 'CLUE_DUE_SOON',
          title,
          body,
          link: `/clues/${r.clue_id}`,
          dedupeKey: `clue:${r.clue_id}:${r.kind}:${r.due_on}`,
        });
      }
    }
  }
  return { sent };
}

function message(r: DueRow, today: string, n: number): { title: string; body: string } {
  const what = OVERDUE_KIND_LABELS[r.kind].zh;
  const name = r.title.length > 30 ? `${r.title.slice(0, 30)}…` : r.title;
  const no = r.clue_no ? `（${r.clue_no}）` : '';
  if (r.due_on < today)
    return { title: `线索到期提醒：“${name}”${what}已逾期`, body: `问题线索“${r.title}”${no}${what}应于${r.due_on}，已逾期${n}个工作日，请尽快办理。` };
  if (r.due_on === today)
    return { title: `线索到期提醒：“${name}”${what}今日到期`, body: `问题线索“${r.title}”${no}${what}为今天（${r.due_on}），请抓紧办理。` };
  return { title: `线索到期提醒：“${name}”${what}即将到期`, body: `问题线索“${r.title}”${no}${what}为${r.due_on}（尚余${n}个工作日），请抓紧办理。` };
}
