import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import { writeAudit } from '../../platform/audit';
import { notify } from '../../platform/inbox';

/*
 * The daily 自查自纠 job (JOBS.selfInspectionDaily), idempotent:
 *  (a) every answer still unanswered (not started, draft or returned) whose round is past its due date is
 *      marked overdue once (overdue_marked_at; a marked row is never touched again), in one transaction
 *      with one audit event per round;
 *  (b) for each (round, unit) newly marked, one reminder to each of the unit's contacts (dedupe key per
 *      round and unit), and per round one summary to the staff of the campaign's lead office.
 * A second run the same day (or any later day) finds nothing new to mark and sends nothing.
 */

export interface SelfInspectionDailyResult {
  markedOverdue: number;
  unitReminders: number;
  summaries: number;
}

interface Marked {
  commission_id: string;
  campaign_id: string;
  campaign_name: string;
  lead_org_id: string;
  round_id: string;
  round_title: string;
  due_on: string;
  unit_id: string;
  unit_name: string;
  aspects: number;
}

export async function runSelfInspectionDaily(db: Db, today: string): Promise<SelfInspectionDailyResult> {
  const marked = await db.transaction().execute(async (trx) => {
    const { rows } = await sql<Marked>`
      WITH m AS (
        UPDATE self_inspection_response r SET overdue_marked_at = now()
         WHERE r.overdue_marked_at IS NULL AND r.state IN ('PENDING','DRAFT','RETURNED') AND r.due_on < ${today}::date
        RETURNING r.commission_id, r.campaign_id, r.round_id, r.unit_id)
      SELECT m.commission_id, m.campaign_id, c.name AS campaign_name, c.lead_org_id, m.round_id, rd.title AS round_title,
             to_char(rd.due_on, 'YYYY-MM-DD') AS due_on, m.unit_id, o.name_zh AS unit_name, count(*)::int AS aspects
        FROM m JOIN campaign c ON c.id = m.campaign_id JOIN self_inspection_round rd ON rd.id = m.round_id JOIN org o ON o.id = m.unit_id
       GROUP BY m.commission_id, m.campaign_id, c.name, c.lead_org_id, m.round_id, rd.title, rd.due_on, m.unit_id, o.name_zh
       ORDER BY m.round_id, o.name_zh`.execute(trx);
    const byRound = new Map<string, Marked[]>();
    for (const r of rows) byRound.set(r.round_id, [...(byRound.get(r.round_id) ?? []), r]);
    for (const [roundId, units] of byRound) {
      await writeAudit(trx, {
        type: 'self_inspection.overdue_marked',
        commissionId: units[0]!.commission_id,
        actorName: 'system',
        objectType: 'self_inspection_round',
        objectId: roundId,
        payload: { units: units.length, responses: units.reduce((s, u) => s + u.aspects, 0), today },
      });
    }
    return byRound;
  });

  let markedOverdue = 0;
  let unitReminders = 0;
  let summaries = 0;
  for (const [roundId, units] of marked) {
    const first = units[0]!;
    for (const u of units) {
      markedOverdue += u.aspects;
      const liaisons = await sql<{ id: string }>`SELECT a.id FROM app_user a JOIN user_role ur ON ur.user_id = a.id AND ur.role = 'UNIT_LIAISON'
        WHERE a.org_id = ${u.unit_id}::uuid AND a.status = 'ACTIVE'`.execute(db);
      for (const l of liaisons.rows) {
        unitReminders += await notify(db, {
          commissionId: u.commission_id,
          userId: l.id,
          kind: 'self_inspection.overdue',
          title: `自查自纠逾期未报送：${u.round_title}`,
          body: `${u.unit_name}有${u.aspects}个自查方面未在${u.due_on}前报送，请尽快填报并报送。`,
          link: `/portal/self-inspection/${roundId}`,
          dedupeKey: `si:${roundId}:${u.unit_id}:overdue`,
        });
      }
    }
    const staff = await sql<{ id: string }>`SELECT a.id FROM app_user a WHERE a.org_id = ${first.lead_org_id}::uuid AND a.status = 'ACTIVE'
      AND EXISTS (SELECT 1 FROM user_role ur WHERE ur.user_id = a.id AND ur.role = 'OFFICE_STAFF')`.execute(db);
    for (const s of staff.rows) {
      summaries += await notify(db, {
        commissionId: first.commission_id,
        userId: s.id,
        kind: 'self_inspection.overdue_summary',
        title: `自查自纠逾期汇总：${first.campaign_name}`,
        body: `“${first.round_title}”截止${first.due_on}，${units.length}个单位逾期未报送：${units
          .slice(0, 10)
          .map((u) => u.unit_name)
          .join('、')}${units.length > 10 ? '等' : ''}。`,
        link: `/campaigns/${first.campaign_id}/self-inspection`,
        dedupeKey: `si:${roundId}:overdue-summary:${today}`,
      });
    }
  }
  return { markedOverdue, unitReminders, summaries };
}
