import type { InspectionKpis } from '@liandong/domain/inspections/contracts';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types';

/**
 * 检查工作指标 of a campaign, computed from the records (never typed in): checks, unannounced visits, units
 * inspected, findings and findings handed over. Only checks whose visit date has passed and that were not
 * cancelled are counted, so a figure never betrays a secret plan (a KPI panel is read by the campaign's
 * whole readership, not only by the teams). The caller scopes the campaign itself.
 */
export async function inspectionKpis(db: Kysely<DB>, campaignId: string): Promise<InspectionKpis> {
  const { rows } = await sql<InspectionKpis>`WITH due AS (
      SELECT i.id, i.type FROM inspection i
       WHERE i.campaign_id = ${campaignId}::uuid AND i.visit_on <= current_date AND i.state <> 'CANCELLED')
    SELECT (SELECT count(*)::int FROM due) AS checks,
           (SELECT count(*)::int FROM due WHERE type = 'UNANNOUNCED') AS "unannouncedVisits",
           (SELECT count(DISTINCT it.org_id)::int FROM inspection_target it JOIN due ON due.id = it.inspection_id) AS "unitsInspected",
           (SELECT count(*)::int FROM inspection_finding f JOIN due ON due.id = f.inspection_id) AS findings,
           (SELECT count(*)::int FROM inspection_finding f JOIN due ON due.id = f.inspection_id WHERE f.handed_over_id IS NOT NULL) AS "findingsHandedOver"`.execute(
    db,
  );
  return rows[0]!;
}
