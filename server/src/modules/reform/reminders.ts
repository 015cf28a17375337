import { TASK_MACHINE, type TaskState } from '@liandong/domain/reform/machine';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';
import { notify } from '../../platform/inbox';
import { transition } from '../../platform/workflow';
import { TASK_OPEN_STATES } from './light';
import { short } from './repo';
import { whoMayOpenLetter } from '../visibility';
import { taskWorkflow } from './workflow';

/*
 * The daily 以案促改 job (JOBS.reformDaily), idempotent:
 *  (a) every open rectification task past its deadline → OVERDUE through the workflow kernel (markTaskOverdue),
 *      each in its own transaction, with one reminder to the unit's contact persons and the supervisor
 *      (dedupe key per task and deadline); a task already OVERDUE is not touched again;
 *  (b) every letter in RECTIFYING whose reply_due has passed without a reply → a notice to its drafter
 *      (and its supervisor), once per letter and reply date.
 * When all tasks of a letter are closed nothing happens automatically: the drafter evaluates the letter.
 */

export interface ReformDailyResult {
  markedOverdue: number;
  letterNotices: number;
}

export async function runReformDaily(db: Db, today: string): Promise<ReformDailyResult> {
  const due = await sql<{ id: string }>`SELECT t.id FROM rectification_task t
    WHERE t.state = ANY(${[...TASK_OPEN_STATES]}::text[]) AND t.deadline < ${today}::date ORDER BY t.commission_id, t.deadline, t.id`.execute(db);
  let markedOverdue = 0;
  for (const { id } of due.rows) {
    if (await db.transaction().execute((trx) => markTaskOverdue(trx, id, today))) markedOverdue++;
  }

  const letters = await sql<{
    id: string;
    commission_id: string;
    title: string;
    doc_no: string | null;
    recipient_name: string;
    reply_due: string;
    created_by: string | null;
    supervisor_user_id: string | null;
  }>`SELECT r.id, r.commission_id, r.title, r.doc_no, r.recipient_name, to_char(r.reply_due, 'YYYY-MM-DD') AS reply_due, r.created_by, r.supervisor_user_id
      FROM letter r
     WHERE r.state = 'RECTIFYING' AND r.reply_due IS NOT NULL AND r.reply_due < ${today}::date AND (r.reply IS NULL OR r.reply = '')
     ORDER BY r.reply_due, r.id`.execute(db);
  let letterNotices = 0;
  for (const l of letters.rows) {
    for (const userId of await whoMayOpenLetter(db, [l.created_by, l.supervisor_user_id], l.id)) {
      letterNotices += await notify(db, {
        commissionId: l.commission_id,
        userId,
        kind: 'letter.reply_overdue',
        title: `建议书逾期未回复：${short(l.doc_no ?? l.title)}`,
        body: `${l.recipient_name}应于${l.reply_due}前书面回复“${l.title}”的整改情况，至今未回复，请督促或按程序处理。`,
        link: `/letters/${l.id}`,
        dedupeKey: `rec:${l.id}:reply-overdue:${l.reply_due}`,
      });
    }
  }
  return { markedOverdue, letterNotices };
}

/**
 * Marks one task overdue as the system (the kernel's JobCtx: markOverdue is `who: []`), if its deadline
 * has passed and the table allows it; false otherwise, so a rerun changes nothing. The row is locked
 * first so the check and the transition see the same state.
 */
export async function markTaskOverdue(trx: Transaction<DB>, taskId: string, today: string): Promise<boolean> {
  const { rows } = await sql<{ commission_id: string; state: TaskState; version: number; late: boolean }>`
    SELECT commission_id, state, version, deadline < ${today}::date AS late FROM rectification_task WHERE id = ${taskId}::uuid FOR UPDATE`.execute(trx);
  const t = rows[0];
  if (!t?.late || TASK_MACHINE.next(t.state, 'markOverdue') === null) return false;
  await transition({ trx, job: { commissionId: t.commission_id, name: '系统', today } }, taskWorkflow, taskId, { action: 'markOverdue', version: t.version });
  return true;
}
