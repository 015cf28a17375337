import type {
  ReportActionBody,
  ReportCreateBody,
  ReportDetail,
  ReportPage,
  ReportPatchBody,
  ReportQuery,
  ReportSummary,
} from '@liandong/domain/work-reports/contracts';
import type { ReportState } from '@liandong/domain/work-reports/enums';
import { REPORT_EDITABLE_STATES, REPORT_MACHINE } from '@liandong/domain/work-reports/machine';
import { periodLabel } from '@liandong/domain/work-reports/periods';
import { type RawBuilder, sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import { audit, refs } from '../../platform/audit';
import { type Ctx, inTx } from '../../platform/context';
import { businessRule, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { lockRow, transition } from '../../platform/workflow';
import { REPORTER_STAFF_ROLES, reportRoles, reportVisible, slotVisible } from './access';
import { findReport, type ReportRow } from './repo';
import { computeStats, presentStats, type StatValues } from './stats';
import { reportWorkflow } from './workflow';

/*
 * Work reports (工作报告, issue 11): the reporter org opens the report of one of its slots, edits the four
 * sections while DRAFT or RETURNED (optimistic locking), reads its statistics live until they are frozen at
 * submission, and moves it through the kernel. Reads are scoped by reportVisible (404 outside) and audited;
 * every change is audited in its transaction.
 */

type Cadence = ReportRow['cadence'];

interface SummaryRow {
  id: string;
  slot_id: string;
  title: string;
  reporter_org_id: string;
  reporter_name: string;
  cadence: Cadence;
  period_start: string;
  period_end: string;
  due_on: string;
  state: ReportState;
  heard_meeting_id: string | null;
  heard_meeting_title: string | null;
  version: number;
  total: number;
}

function presentSummary(r: Omit<SummaryRow, 'total'>): ReportSummary {
  return {
    id: r.id,
    slotId: r.slot_id,
    title: r.title,
    reporterOrg: { id: r.reporter_org_id, name: r.reporter_name },
    periodLabel: periodLabel(r.cadence, r.period_start),
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueOn: r.due_on,
    state: r.state,
    heardMeeting: r.heard_meeting_id ? { id: r.heard_meeting_id, name: r.heard_meeting_title ?? '' } : null,
    version: r.version,
  };
}

/** The list's filter. `linkable`: submitted and on no agenda of a meeting that is not cancelled. */
function reportFilter(ctx: Ctx, q: ReportQuery): RawBuilder<boolean>[] {
  const where = [reportVisible(ctx.actor, 'r')];
  if (q.state) where.push(sql<boolean>`r.state = ${q.state}`);
  if (q.reporterOrgId) where.push(sql<boolean>`r.reporter_org_id = ${q.reporterOrgId}::uuid`);
  if (q.year) where.push(sql<boolean>`extract(year FROM s.period_start) = ${q.year}`);
  if (q.linkable === 'true') {
    where.push(sql<boolean>`r.state = 'SUBMITTED' AND NOT EXISTS (SELECT 1 FROM meeting_agenda_item ai JOIN meeting am ON am.id = ai.meeting_id
      WHERE ai.work_report_id = r.id AND am.state <> 'CANCELLED')`);
  }
  return where;
}

/** GET /work-reports */
export async function listReports(ctx: Ctx, q: ReportQuery): Promise<ReportPage> {
  const { rows } = await sql<SummaryRow>`SELECT r.id, r.slot_id, r.title, r.reporter_org_id, o.name_zh AS reporter_name, s.cadence,
      to_char(s.period_start, 'YYYY-MM-DD') AS period_start, to_char(s.period_end, 'YYYY-MM-DD') AS period_end, to_char(s.due_on, 'YYYY-MM-DD') AS due_on,
      r.state, r.heard_meeting_id, hm.title AS heard_meeting_title, r.version, count(*) OVER ()::int AS total
    FROM work_report r JOIN report_slot s ON s.id = r.slot_id JOIN org o ON o.id = r.reporter_org_id LEFT JOIN meeting hm ON hm.id = r.heard_meeting_id
    WHERE ${sql.join(reportFilter(ctx, q), sql` AND `)}
    ORDER BY s.due_on DESC, o.code LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(ctx.db);
  return { items: rows.map(presentSummary), total: rows[0]?.total ?? 0 };
}

/** GET /work-reports/:id — 404 outside reportVisible; the read is audited. */
export async function getReport(ctx: Ctx, id: string, opts: { audit?: boolean } = { audit: true }): Promise<ReportDetail> {
  const r = await findReport(ctx.db, ctx.actor, id);
  if (!r) throw notFound('工作报告');
  const period = { start: r.period_start, end: r.period_end };
  const [values, timeline] = await Promise.all([
    r.stats ? Promise.resolve(r.stats as Partial<StatValues>) : computeStats(ctx.db, r.reporter_org_id, r.period_start, r.period_end),
    sql<{ action: string; from_state: string | null; to_state: string | null; comment: string | null; actor: string | null; at: Date }>`
      SELECT e.action, e.from_state, e.to_state, e.comment, u.display_name AS actor, e.at
        FROM work_report_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.report_id = ${id}::uuid ORDER BY e.at, e.id`.execute(ctx.db),
  ]);
  if (opts.audit) {
    await ctx.db.transaction().execute((trx) => audit(trx, ctx, { type: 'report.read', objectType: 'work_report', objectId: id, payload: {} }));
  }
  const roles = reportRoles(ctx.actor, r);
  return {
    ...presentSummary(r),
    practices: r.practices,
    results: r.results,
    shortcomings: r.shortcomings,
    suggestions: r.suggestions,
    stats: presentStats(values, period, r.stats ? r.stats_frozen_at : null),
    returnReason: r.return_reason,
    approvedBy: r.approved_by_name,
    submittedOn: r.submitted_on,
    heardOn: r.heard_on,
    timeline: timeline.rows.map((e) => ({
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      comment: e.comment,
      actor: e.actor,
      at: e.at.toISOString(),
    })),
    abilities: { edit: roles.includes('DRAFTER') && REPORT_EDITABLE_STATES.includes(r.state), actions: REPORT_MACHINE.abilities(r.state, roles) },
  };
}

/** POST /work-reports — staff of the slot's reporter org open its one report (409 when it exists). */
export async function createReport(ctx: Ctx, b: ReportCreateBody): Promise<ReportDetail> {
  if (!hasAnyRole(ctx.actor, REPORTER_STAFF_ROLES)) throw forbidden('工作报告由汇报单位起草');
  const { rows } = await sql<{ reporter_org_id: string; cadence: Cadence; period_start: string; has_report: boolean }>`SELECT s.reporter_org_id, s.cadence,
      to_char(s.period_start, 'YYYY-MM-DD') AS period_start, EXISTS (SELECT 1 FROM work_report w WHERE w.slot_id = s.id) AS has_report
    FROM report_slot s WHERE s.id = ${b.slotId}::uuid AND ${slotVisible(ctx.actor, 's')}`.execute(ctx.db);
  const slot = rows[0];
  if (!slot || slot.reporter_org_id !== ctx.actor.orgId) throw validation([{ path: 'slotId', message: '汇报计划不存在或不属于本单位' }]);
  if (slot.has_report) throw businessRule('该期工作报告已起草，请在原报告上修改');
  const orgName = (await ctx.db.selectFrom('org').select('name_zh').where('id', '=', slot.reporter_org_id).executeTakeFirstOrThrow()).name_zh;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('work_report')
      .values({
        commission_id: ctx.actor.commissionId,
        slot_id: b.slotId,
        reporter_org_id: slot.reporter_org_id,
        title: b.title ?? `${orgName}${periodLabel(slot.cadence, slot.period_start)}工作情况报告`,
        practices: b.practices ?? '',
        results: b.results ?? '',
        shortcomings: b.shortcomings ?? '',
        suggestions: b.suggestions ?? '',
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('work_report_event')
      .values({ commission_id: ctx.actor.commissionId, report_id: r.id, action: 'create', to_state: 'DRAFT', actor_id: ctx.actor.userId })
      .execute();
    await audit(trx, ctx, { type: 'report.created', objectType: 'work_report', objectId: r.id, payload: refs({ slotId: b.slotId }) });
    return r.id;
  });
  return getReport(ctx, id, { audit: false });
}

/** PATCH /work-reports/:id — the reporter org's staff, while DRAFT or RETURNED, with the version read. */
export async function patchReport(ctx: Ctx, id: string, b: ReportPatchBody): Promise<ReportDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await lockRow(inTx(ctx, trx), reportWorkflow, id);
    if (!r) throw notFound('工作报告');
    if (r.version !== b.version) throw staleVersion();
    if (!reportRoles(ctx.actor, r).includes('DRAFTER')) throw forbidden('工作报告由汇报单位修改');
    if (!REPORT_EDITABLE_STATES.includes(r.state)) throw businessRule(`工作报告处于“${REPORT_MACHINE.states[r.state].zh}”状态，不能修改`);
    const set: Record<string, string> = {};
    for (const k of ['title', 'practices', 'results', 'shortcomings', 'suggestions'] as const) if (b[k] !== undefined) set[k] = b[k];
    await trx
      .updateTable('work_report')
      .set({ ...set, version: r.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, { type: 'report.updated', objectType: 'work_report', objectId: id, payload: { changed: Object.keys(set) } });
  });
  return getReport(ctx, id, { audit: false });
}

/** POST /work-reports/:id/actions — through the kernel (404 / 409 / 403 / 400 / 422). */
export async function actOnReport(ctx: Ctx, id: string, b: ReportActionBody) {
  const r = await ctx.db
    .transaction()
    .execute((trx) => transition(inTx(ctx, trx), reportWorkflow, id, { action: b.action, version: b.version, comment: b.comment }));
  return { from: r.from, to: r.to, version: r.version };
}
