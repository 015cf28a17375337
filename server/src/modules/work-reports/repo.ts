import type { ReportState } from '@liandong/domain/work-reports/enums';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import { approves, countingHead, reportVisible } from './access';

/* The report row as the services and the workflow read it (scoped), and small lookups. */

export type Q = Db | Transaction<DB>;

export interface ReportRow {
  id: string;
  commission_id: string;
  slot_id: string;
  reporter_org_id: string;
  reporter_name: string;
  title: string;
  practices: string;
  results: string;
  shortcomings: string;
  suggestions: string;
  stats: Record<string, number> | null;
  stats_frozen_at: Date | null;
  state: ReportState;
  return_reason: string | null;
  approved_by_name: string | null;
  submitted_on: string | null;
  heard_meeting_id: string | null;
  heard_meeting_title: string | null;
  heard_on: string | null;
  cadence: 'YEARLY' | 'HALF_YEARLY' | 'QUARTERLY';
  period_start: string;
  period_end: string;
  due_on: string;
  created_by: string;
  submitted_by: string | null;
  version: number;
  /** The caller approves the report (the org's head, or the overseeing 分管领导 in its stead); false for a system job. */
  headed: boolean;
}

const columns = (headed: ReturnType<typeof sql>) => sql`r.id, r.commission_id, r.slot_id, r.reporter_org_id, o.name_zh AS reporter_name, r.title,
  r.practices, r.results, r.shortcomings, r.suggestions, r.stats, r.stats_frozen_at, r.state, r.return_reason, au.display_name AS approved_by_name,
  to_char(r.submitted_on, 'YYYY-MM-DD') AS submitted_on, r.heard_meeting_id, hm.title AS heard_meeting_title, to_char(r.heard_on, 'YYYY-MM-DD') AS heard_on,
  s.cadence, to_char(s.period_start, 'YYYY-MM-DD') AS period_start, to_char(s.period_end, 'YYYY-MM-DD') AS period_end,
  to_char(s.due_on, 'YYYY-MM-DD') AS due_on, r.created_by, r.submitted_by, r.version, ${headed} AS headed`;
const from = sql`work_report r JOIN report_slot s ON s.id = r.slot_id JOIN org o ON o.id = r.reporter_org_id
  LEFT JOIN app_user au ON au.id = r.approved_by LEFT JOIN meeting hm ON hm.id = r.heard_meeting_id`;

/** One report in the actor's scope (undefined outside it: 404), optionally locked for update. */
export async function findReport(db: Q, actor: Actor, id: string, lock = false): Promise<ReportRow | undefined> {
  const { rows } = await sql<ReportRow>`SELECT ${columns(approves(actor, 'r'))} FROM ${from}
    WHERE r.id = ${id}::uuid AND ${reportVisible(actor, 'r')} ${lock ? sql`FOR UPDATE OF r` : sql``}`.execute(db);
  return rows[0];
}

/** One report of a commission, unscoped and locked (a system step: the meeting that hears it is held). */
export async function findReportForJob(db: Q, commissionId: string, id: string): Promise<ReportRow | undefined> {
  const { rows } = await sql<ReportRow>`SELECT ${columns(sql`false`)} FROM ${from}
    WHERE r.id = ${id}::uuid AND r.commission_id = ${commissionId}::uuid FOR UPDATE OF r`.execute(db);
  return rows[0];
}

/** Active accounts of an org holding a reporter staff role (they draft and hear reminders). */
export async function reporterStaffOf(db: Q, orgId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN user_role ur ON ur.user_id = u.id
    WHERE u.org_id = ${orgId}::uuid AND u.status = 'ACTIVE' AND ur.role IN ('GROUP_STAFF','COUNTY_STAFF') ORDER BY u.id`.execute(db);
  return rows.map((r) => r.id);
}

/** Active staff of the coordinating office(s) (党风政风监督室) of a commission. */
export async function coordinatorsOf(db: Q, commissionId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN org o ON o.id = u.org_id JOIN user_role ur ON ur.user_id = u.id
    WHERE u.commission_id = ${commissionId}::uuid AND u.status = 'ACTIVE' AND o.kind = 'INTERNAL_OFFICE' AND o.office_kind = 'PARTY_CONDUCT'
      AND ur.role = 'OFFICE_STAFF' ORDER BY u.id`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * Who is told a report awaits approval (their bell and 工作台): the head of the reporter org, unless the head drafted
 * or submitted it; otherwise every 分管领导 and the 书记 of the commission — the kernel then keeps only those who may
 * open it, i.e. the ones overseeing the org, or the 书记 when nobody does (approves()).
 */
export async function approverCandidates(
  db: Q,
  r: { commission_id: string; reporter_org_id: string; created_by: string },
  submittedBy: string | null,
): Promise<string[]> {
  const head = await sql<{ id: string }>`SELECT hu.id FROM ${countingHead(sql`${r.reporter_org_id}::uuid`)}
    AND hu.status = 'ACTIVE' AND hu.id <> ${r.created_by}::uuid AND hu.id IS DISTINCT FROM ${submittedBy}::uuid`.execute(db);
  if (head.rows[0]) return [head.rows[0].id];
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN user_role ur ON ur.user_id = u.id
    WHERE u.commission_id = ${r.commission_id}::uuid AND u.status = 'ACTIVE' AND ur.role IN ('DEPUTY_OR_MEMBER','SECRETARY') ORDER BY u.id`.execute(db);
  return rows.map((x) => x.id);
}
