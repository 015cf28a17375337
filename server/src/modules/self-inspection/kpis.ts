import type { SelfInspectionKpis } from '@liandong/domain/self-inspection/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import { todayIso } from '../../platform/calendar';

/**
 * 自查自纠 KPIs of one campaign for the cockpit, computed by SQL from the answers (never typed in):
 * - targetUnits: units that were sent at least one round;
 * - respondedUnits: units with at least one answer reported (submitted or accepted); coverage = their share;
 * - problemsFound / problemsCorrected: sums over reported answers (a draft does not count yet);
 * - overdueUnits: units with an answer still unanswered (not started, draft or returned) past its due date.
 * The caller has already checked that the actor sees the campaign.
 */
export async function selfInspectionKpis(db: Db, campaignId: string, today: string = todayIso()): Promise<SelfInspectionKpis> {
  const { rows } = await sql<{ target: number; responded: number; found: number; corrected: number; overdue: number }>`
    SELECT count(DISTINCT r.unit_id)::int AS target,
           count(DISTINCT r.unit_id) FILTER (WHERE r.state IN ('SUBMITTED','ACCEPTED'))::int AS responded,
           COALESCE(sum(r.problems_count) FILTER (WHERE r.state IN ('SUBMITTED','ACCEPTED')), 0)::int AS found,
           COALESCE(sum(r.corrected_count) FILTER (WHERE r.state IN ('SUBMITTED','ACCEPTED')), 0)::int AS corrected,
           count(DISTINCT r.unit_id) FILTER (WHERE r.state IN ('PENDING','DRAFT','RETURNED') AND r.due_on < ${today}::date)::int AS overdue
      FROM self_inspection_response r WHERE r.campaign_id = ${campaignId}::uuid`.execute(db);
  const k = rows[0]!;
  return {
    targetUnits: k.target,
    respondedUnits: k.responded,
    coverage: k.target ? k.responded / k.target : 0,
    problemsFound: k.found,
    problemsCorrected: k.corrected,
    overdueUnits: k.overdue,
  };
}
