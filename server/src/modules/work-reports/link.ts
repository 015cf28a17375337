import type { FieldIssue } from '@liandong/domain/platform/errors';
import { REPORT_MACHINE } from '@liandong/domain/work-reports/machine';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import { validation } from '../../platform/errors';
import { transition } from '../../platform/workflow';
import { reportVisible } from './access';
import type { Q } from './repo';
import { reportWorkflow } from './workflow';

/*
 * The link between a 常委会 meeting's 听取汇报 agenda item and a work report (issue 11: link, do not rebuild).
 * The meetings module calls these two: checkReportLinks when an agenda is written (400 per field, nothing
 * written), hearLinkedReports when the meeting is held (the linked reports become HEARD through the kernel,
 * in the meeting's transaction).
 */

export interface AgendaLink {
  kind: string;
  reporterOrgId?: string | null;
  workReportId?: string | null;
}

/**
 * Checks the reports an agenda links: only on a 常委会's HEAR_REPORT items; a report the caller may read, of
 * the item's reporter org, submitted to the 常委会 (or already heard at this very meeting), on no other live
 * meeting's agenda and once per agenda.
 */
export async function checkReportLinks(db: Q, actor: Actor, meeting: { id: string | null; type?: string }, agenda: readonly AgendaLink[]): Promise<void> {
  const linked = agenda.flatMap((a, i) => (a.workReportId ? [{ ...a, i, reportId: a.workReportId }] : []));
  if (linked.length === 0) return;
  let type = meeting.type;
  if (!type && meeting.id) type = (await db.selectFrom('meeting').select('type').where('id', '=', meeting.id).executeTakeFirst())?.type;
  const ids = [...new Set(linked.map((l) => l.reportId))];
  const { rows } = await sql<{ id: string; reporter_org_id: string; state: string; heard_meeting_id: string | null; elsewhere: boolean }>`
    SELECT r.id, r.reporter_org_id, r.state, r.heard_meeting_id,
      EXISTS (SELECT 1 FROM meeting_agenda_item ai JOIN meeting am ON am.id = ai.meeting_id WHERE ai.work_report_id = r.id
        AND am.state <> 'CANCELLED' AND am.id IS DISTINCT FROM ${meeting.id}::uuid) AS elsewhere
      FROM work_report r WHERE r.id = ANY(${ids}::uuid[]) AND ${reportVisible(actor, 'r')}`.execute(db);
  const reports = new Map(rows.map((r) => [r.id, r]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const l of linked) {
    const path = `agenda.${l.i}.workReportId`;
    const r = reports.get(l.reportId);
    if (type !== 'STANDING_COMMITTEE' || l.kind !== 'HEAR_REPORT') issues.push({ path, message: '只有常委会会议的听取汇报议程可以关联工作报告' });
    else if (!r) issues.push({ path, message: '工作报告不存在或无权访问' });
    else if (r.reporter_org_id !== l.reporterOrgId) issues.push({ path, message: '关联的工作报告须为该汇报单位的报告' });
    else if (!(r.state === 'SUBMITTED' || (r.state === 'HEARD' && r.heard_meeting_id === meeting.id)))
      issues.push({ path, message: `只能关联已报送常委会的工作报告（当前：${REPORT_MACHINE.states[r.state as 'DRAFT'].zh}）` });
    else if (r.elsewhere) issues.push({ path, message: '该工作报告已列入其他会议的议程' });
    else if (seen.has(l.reportId)) issues.push({ path, message: '同一工作报告不能重复列入议程' });
    seen.add(l.reportId);
  }
  if (issues.length) throw validation(issues);
}

/**
 * The meeting is being held: every report its agenda links that still awaits hearing becomes HEARD, as a
 * system step (hear is nobody's by hand) named after who held the meeting. Returns how many were heard.
 */
export async function hearLinkedReports(trx: Transaction<DB>, m: { id: string; commission_id: string }, today: string, heldBy: string): Promise<number> {
  const { rows } = await sql<{ id: string; state: string; version: number }>`SELECT r.id, r.state, r.version FROM meeting_agenda_item ai
    JOIN work_report r ON r.id = ai.work_report_id WHERE ai.meeting_id = ${m.id}::uuid ORDER BY ai.seq`.execute(trx);
  let heard = 0;
  for (const r of rows) {
    if (r.state !== 'SUBMITTED') continue;
    await transition({ trx, job: { commissionId: m.commission_id, name: `${heldBy}（常委会会议召开）` } }, reportWorkflow, r.id, {
      action: 'hear',
      version: r.version,
      meetingId: m.id,
      today,
    });
    heard++;
  }
  return heard;
}
