import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import { writeAudit } from '../../platform/audit';
import { notify } from '../../platform/inbox';

/*
 * Job secondments.expiry (daily, commission day Asia/Shanghai): a team membership whose planned end has come
 * ends. A case-team row with planned_end_on ≤ day gets left_on = day (the case's visibility arm drops it at
 * once); a seconded 专班 membership already ends the day before the planned end (valid_to) and is cut short
 * if someone extended it. The secondment is marked ended, the member told, every change audited and the
 * scope epoch bumped so no node serves a cached scope. Idempotent: a rerun finds nothing left to end.
 */
export async function runSecondmentExpiry(db: Db, day: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await sql<{ id: string; commission_id: string; case_id: string; user_id: string; name: string }>`
      UPDATE case_team_member m SET left_on = ${day}::date
        FROM app_user u
       WHERE u.id = m.user_id AND m.left_on IS NULL AND m.planned_end_on IS NOT NULL AND m.planned_end_on <= ${day}::date
      RETURNING m.id, m.commission_id, m.case_id, m.user_id, u.display_name AS name`.execute(trx);
    for (const m of ended.rows) {
      const payload = { op: 'leave', memberId: m.id, team: 'INVESTIGATION', userId: m.user_id, reason: 'PLANNED_END', day };
      await trx
        .insertInto('case_event')
        .values({
          commission_id: m.commission_id,
          case_id: m.case_id,
          action: 'teamLeft',
          comment: `${m.name}抽调期满，离开审查调查组`,
          payload: JSON.stringify(payload),
          actor_id: null,
        })
        .execute();
      await writeAudit(trx, { type: 'case.team_changed', commissionId: m.commission_id, objectType: 'case', objectId: m.case_id, payload });
    }
    // 专班 memberships of a secondment still running on or after the planned end (extended by hand): cut to the day before.
    await sql`
      UPDATE task_force_member tm SET valid_to = GREATEST(tm.valid_from, ${day}::date - 1), ended_at = now()
        FROM secondment_member sm JOIN secondment_batch b ON b.id = sm.batch_id
       WHERE sm.task_force_member_id = tm.id AND sm.ended_on IS NULL AND b.planned_end <= ${day}::date
         AND tm.valid_to >= ${day}::date`.execute(trx);
    const members = await sql<{ id: string; commission_id: string; batch_id: string; user_id: string; name: string; case_id: string | null }>`
      UPDATE secondment_member sm SET ended_on = ${day}::date, version = sm.version + 1
        FROM secondment_batch b
       WHERE b.id = sm.batch_id AND sm.ended_on IS NULL AND b.planned_end <= ${day}::date
      RETURNING sm.id, sm.commission_id, sm.batch_id, sm.user_id, b.name, b.case_id`.execute(trx);
    for (const m of members.rows) {
      await writeAudit(trx, {
        type: 'secondment.expired',
        commissionId: m.commission_id,
        objectType: 'secondment_batch',
        objectId: m.batch_id,
        payload: { memberId: m.id, userId: m.user_id, day },
      });
      await notify(trx, {
        commissionId: m.commission_id,
        userId: m.user_id,
        kind: 'secondment.ended',
        title: `抽调期满：“${m.name}”`,
        body: `您在本批次的抽调于${day}到期，相关案件或专班的查阅权限已同时结束。`,
        dedupeKey: `secondment-ended:${m.id}`,
      });
    }
    if (ended.rows.length > 0 || members.rows.length > 0) await sql`UPDATE scope_epoch SET epoch = epoch + 1 WHERE id = 1`.execute(trx);
    return ended.rows.length + members.rows.length;
  });
}
