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
  // From the answers per unit, state and due day (self_inspection_unit_agg, migration 0058: kept exact by triggers),
  // per unit first, then the units: the figures of count(DISTINCT unit_id) … FILTER over the answers themselves.
  const { rows } = await sql<{ target: number; responded: number; found: number; corrected: number; overdue: number }>`
    SELECT count(*)::int AS target,
           count(*) FILTER (WHERE u.responded)::int AS responded,
           COALESCE(sum(u.found), 0)::int AS found,
           COALESCE(sum(u.corrected), 0)::int AS corrected,
           count(*) FILTER (WHERE u.overdue)::int AS overdue
      FROM (SELECT a.unit_id,
                   bool_or(a.state IN ('SUBMITTED','ACCEPTED')) AS responded,
                   sum(a.problems) FILTER (WHERE a.state IN ('SUBMITTED','ACCEPTED')) AS found,
                   sum(a.corrected) FILTER (WHERE a.state IN ('SUBMITTED','ACCEPTED')) AS corrected,
                   bool_or(a.state IN ('PENDING','DRAFT','RETURNED') AND a.due_on < ${today}::date) AS overdue
              FROM self_inspection_unit_agg a WHERE a.campaign_id = ${campaignId}::uuid AND a.n > 0 GROUP BY a.unit_id) u`.execute(db);
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
