import { STAT_KEYS, STAT_LABELS, type StatKey } from '@liandong/domain/work-reports/enums';
import type { Stats } from '@liandong/domain/work-reports/contracts';
import { sql } from 'kysely';
import type { Q } from './repo';

/*
 * 统计数据 of a work report: what the platform holds for the reporter org in the slot's period, counted in
 * one SQL statement (issue 11: items, findings, clues, cases by 四种形态, letters, tasks). Computed live while
 * the report is drafted and frozen into work_report.stats when it goes for approval, so the head approves
 * and the 常委会 hears the figures as they stood then. Definitions (period = [start, end], days in Beijing):
 * - supervision items the org leads or assists, created in the period; and those completed in it;
 * - 日常监督 findings recorded for the org (supervision_finding.org_id); 抽查检查 findings recorded by its staff;
 * - clues received by the org (received_on); clues it handles (its undertaking org, else the receiving one)
 *   closed (了结) in the period or filed as a case in it;
 * - cases led by the org filed in the period; their outcomes decided in the period by 四种形态;
 * - recommendation letters it drafted, issued in the period;
 * - rectification tasks it supervises: still open at the period's end, and verified or closed in it.
 */

export type StatValues = Record<StatKey, number>;

export async function computeStats(db: Q, orgId: string, start: string, end: string): Promise<StatValues> {
  const o = sql`${orgId}::uuid`;
  const s = sql`${start}::date`;
  const e = sql`${end}::date`;
  const { rows } = await sql<StatValues>`SELECT
    (SELECT count(*)::int FROM supervision_item i WHERE (i.lead_org_id = ${o} OR i.assist_org_id = ${o})
       AND (i.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${s} AND ${e}) AS "supervisionItems",
    (SELECT count(*)::int FROM supervision_item i WHERE (i.lead_org_id = ${o} OR i.assist_org_id = ${o})
       AND (i.completed_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${s} AND ${e}) AS "supervisionItemsCompleted",
    (SELECT count(*)::int FROM supervision_finding f WHERE f.org_id = ${o}
       AND (f.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${s} AND ${e}) AS "supervisionFindings",
    (SELECT count(*)::int FROM inspection_finding f JOIN app_user u ON u.id = f.created_by WHERE u.org_id = ${o}
       AND (f.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${s} AND ${e}) AS "inspectionFindings",
    (SELECT count(*)::int FROM clue c WHERE c.receiving_org_id = ${o} AND c.received_on BETWEEN ${s} AND ${e}) AS "cluesReceived",
    (SELECT count(*)::int FROM clue c WHERE COALESCE(c.undertaking_org_id, c.receiving_org_id) = ${o}
       AND (c.closed_on BETWEEN ${s} AND ${e}
         OR EXISTS (SELECT 1 FROM case_file k WHERE k.id = c.case_id AND k.filed_on BETWEEN ${s} AND ${e}))) AS "cluesDisposed",
    (SELECT count(*)::int FROM case_file k WHERE k.lead_org_id = ${o} AND k.filed_on BETWEEN ${s} AND ${e}) AS "casesFiled",
    (SELECT count(*)::int FROM case_outcome x JOIN case_file k ON k.id = x.case_id
       WHERE k.lead_org_id = ${o} AND x.four_form = 'FIRST' AND x.decided_on BETWEEN ${s} AND ${e}) AS "formFirst",
    (SELECT count(*)::int FROM case_outcome x JOIN case_file k ON k.id = x.case_id
       WHERE k.lead_org_id = ${o} AND x.four_form = 'SECOND' AND x.decided_on BETWEEN ${s} AND ${e}) AS "formSecond",
    (SELECT count(*)::int FROM case_outcome x JOIN case_file k ON k.id = x.case_id
       WHERE k.lead_org_id = ${o} AND x.four_form = 'THIRD' AND x.decided_on BETWEEN ${s} AND ${e}) AS "formThird",
    (SELECT count(*)::int FROM case_outcome x JOIN case_file k ON k.id = x.case_id
       WHERE k.lead_org_id = ${o} AND x.four_form = 'FOURTH' AND x.decided_on BETWEEN ${s} AND ${e}) AS "formFourth",
    (SELECT count(*)::int FROM letter l WHERE l.drafting_org_id = ${o} AND l.issued_on BETWEEN ${s} AND ${e}) AS "lettersIssued",
    (SELECT count(*)::int FROM rectification_task t WHERE t.supervisor_org_id = ${o}
       AND (t.created_at AT TIME ZONE 'Asia/Shanghai')::date <= ${e}
       AND (COALESCE(t.verified_on, t.closed_on) IS NULL OR COALESCE(t.verified_on, t.closed_on) > ${e})) AS "tasksOpen",
    (SELECT count(*)::int FROM rectification_task t WHERE t.supervisor_org_id = ${o}
       AND COALESCE(t.verified_on, t.closed_on) BETWEEN ${s} AND ${e}) AS "tasksDone"`.execute(db);
  return rows[0]!;
}

/** The statistics as the API shows them, in the fixed order of STAT_LABELS. */
export function presentStats(values: Partial<StatValues>, period: { start: string; end: string }, frozenAt: Date | null): Stats {
  return {
    periodStart: period.start,
    periodEnd: period.end,
    frozen: frozenAt !== null,
    frozenAt: frozenAt?.toISOString() ?? null,
    items: STAT_KEYS.map((key) => ({ key, label: STAT_LABELS[key].zh, value: values[key] ?? 0 })),
  };
}
