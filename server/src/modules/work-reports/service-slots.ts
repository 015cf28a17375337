import type { ReporterKind, ReportState } from '@liandong/domain/work-reports/enums';
import type { ScheduleBody, Slot, SlotPage, SlotQuery, Stats } from '@liandong/domain/work-reports/contracts';
import { CADENCE_LABELS, type Cadence } from '@liandong/domain/work-reports/enums';
import { addDays, periodLabel, periodsOf } from '@liandong/domain/work-reports/periods';
import { type RawBuilder, sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { businessRule, forbidden, notFound, validation } from '../../platform/errors';
import { approves, isReporterOrg, managesCalendar, REPORTER_STAFF_ROLES, reportVisible, reporterKindSql, slotVisible } from './access';
import { type SlotLight, slotLightDates, slotLightSql } from './light';
import { computeStats, presentStats } from './stats';

/*
 * The reporting calendar (汇报计划, issue 11): the schedule per reporter org (kept by the 党风政风监督室 and the
 * 书记), the generated slots with their lights (read by the leaders, the coordinating office and each reporter
 * org for its own), and the live statistics of a slot's org and period.
 */

export interface SlotRow {
  id: string;
  reporter_org_id: string;
  reporter_name: string;
  reporter_kind: ReporterKind;
  cadence: Cadence;
  period_start: string;
  period_end: string;
  due_on: string;
  light: SlotLight;
  report_id: string | null;
  report_state: ReportState | null;
  report_title: string | null;
  total: number;
}

/** The calendar's filter (also the export's). */
export function slotFilter(ctx: Ctx, q: Omit<SlotQuery, 'page' | 'pageSize'>): RawBuilder<boolean>[] {
  const where = [slotVisible(ctx.actor, 's')];
  if (q.year) where.push(sql<boolean>`extract(year FROM s.period_start) = ${q.year}`);
  if (q.kind) where.push(sql<boolean>`${reporterKindSql('o')} = ${q.kind}`);
  if (q.reporterOrgId) where.push(sql<boolean>`s.reporter_org_id = ${q.reporterOrgId}::uuid`);
  if (q.light) where.push(sql<boolean>`${slotLightSql(slotLightDates())} = ${q.light}`);
  // The report (joined as r) is pending and the caller is its approver (the rule the approve action resolves),
  // less the head's own report, which the four-eyes guard leaves to the 分管领导.
  if (q.toApprove) {
    where.push(sql<boolean>`(r.state = 'PENDING_APPROVAL' AND ${approves(ctx.actor, 'r')}
      AND r.created_by <> ${ctx.actor.userId}::uuid AND r.submitted_by IS DISTINCT FROM ${ctx.actor.userId}::uuid)`);
  }
  return where;
}

const FROM = sql`report_slot s JOIN org o ON o.id = s.reporter_org_id LEFT JOIN work_report r ON r.slot_id = s.id`;

/** Rows of the calendar: by period, then reporter org. */
export async function slotRows(ctx: Ctx, where: RawBuilder<boolean>[], page?: { limit: number; offset: number }): Promise<SlotRow[]> {
  const { rows } = await sql<SlotRow>`SELECT s.id, s.reporter_org_id, o.name_zh AS reporter_name, ${reporterKindSql('o')} AS reporter_kind, s.cadence,
      to_char(s.period_start, 'YYYY-MM-DD') AS period_start, to_char(s.period_end, 'YYYY-MM-DD') AS period_end, to_char(s.due_on, 'YYYY-MM-DD') AS due_on,
      ${slotLightSql(slotLightDates())} AS light, r.id AS report_id, r.state AS report_state,
      CASE WHEN r.id IS NOT NULL AND ${reportVisible(ctx.actor, 'r')} THEN r.title END AS report_title, count(*) OVER ()::int AS total
    FROM ${FROM} WHERE ${sql.join(where, sql` AND `)}
    ORDER BY s.period_start, s.due_on, o.kind DESC, o.sort_order, o.code
    ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`.execute(ctx.db);
  return rows;
}

function presentSlot(ctx: Ctx, r: SlotRow): Slot {
  const ownOrg = hasAnyRole(ctx.actor, REPORTER_STAFF_ROLES) && ctx.actor.orgId === r.reporter_org_id;
  return {
    id: r.id,
    reporterOrg: { id: r.reporter_org_id, name: r.reporter_name, kind: r.reporter_kind },
    cadence: r.cadence,
    periodLabel: periodLabel(r.cadence, r.period_start),
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueOn: r.due_on,
    light: r.light,
    report: r.report_id && r.report_state ? { id: r.report_id, state: r.report_state, title: r.report_title ?? '' } : null,
    abilities: { draft: ownOrg && !r.report_id },
  };
}

async function mayManage(ctx: Ctx): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`SELECT ${managesCalendar(ctx.actor)} AS ok`.execute(ctx.db);
  return rows[0]?.ok === true;
}

/** GET /report-slots */
export async function listSlots(ctx: Ctx, q: SlotQuery): Promise<SlotPage> {
  const where = slotFilter(ctx, q);
  const [rows, counts, manage] = await Promise.all([
    slotRows(ctx, where, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    sql<{ light: SlotLight; n: number }>`SELECT ${slotLightSql(slotLightDates())} AS light, count(*)::int AS n FROM ${FROM}
      WHERE ${sql.join(slotFilter(ctx, { ...q, light: undefined }), sql` AND `)} GROUP BY 1`.execute(ctx.db),
    mayManage(ctx),
  ]);
  const c = { GREEN: 0, YELLOW: 0, RED: 0, DONE: 0 };
  for (const x of counts.rows) c[x.light] = x.n;
  return { items: rows.map((r) => presentSlot(ctx, r)), total: rows[0]?.total ?? 0, counts: c, abilities: { manage } };
}

/** GET /report-slots/reporters — the orgs that report to the 常委会, with their current cadence. */
export async function listReporters(ctx: Ctx) {
  if (!(await mayManage(ctx)) && !hasAnyRole(ctx.actor, ['DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE']))
    throw forbidden('只有委领导和党风政风监督室可以查看汇报单位');
  const { rows } = await sql<{ id: string; name: string; kind: ReporterKind; cadence: Cadence | null }>`
    SELECT o.id, o.name_zh AS name, ${reporterKindSql('o')} AS kind, rs.cadence
      FROM org o LEFT JOIN report_schedule rs ON rs.reporter_org_id = o.id
     WHERE o.commission_id = ${ctx.actor.commissionId}::uuid AND ${isReporterOrg('o')}
     ORDER BY o.kind DESC, o.sort_order, o.code`.execute(ctx.db);
  return { items: rows };
}

/**
 * POST /report-slots/schedules — sets the org's cadence and generates its slots of the year (idempotent: an
 * existing slot is kept). A year already planned under another cadence is refused (422) rather than mixed.
 */
export async function setSchedule(ctx: Ctx, b: ScheduleBody) {
  if (!(await mayManage(ctx))) throw forbidden('汇报计划由党风政风监督室或书记制定');
  const org = await sql<{ id: string }>`SELECT o.id FROM org o WHERE o.id = ${b.reporterOrgId}::uuid
    AND o.commission_id = ${ctx.actor.commissionId}::uuid AND ${isReporterOrg('o')}`.execute(ctx.db);
  if (!org.rows[0]) throw validation([{ path: 'reporterOrgId', message: '汇报单位须为本机关的县区纪委监委或派驻纪检监察组' }]);
  return ctx.db.transaction().execute(async (trx) => {
    const clash = await sql<{ cadence: Cadence }>`SELECT cadence FROM report_slot WHERE reporter_org_id = ${b.reporterOrgId}::uuid
      AND extract(year FROM period_start) = ${b.year} AND cadence <> ${b.cadence} LIMIT 1`.execute(trx);
    if (clash.rows[0])
      throw businessRule(`该单位${b.year}年度已按“${CADENCE_LABELS[clash.rows[0].cadence].zh}”生成汇报计划，不能改为“${CADENCE_LABELS[b.cadence].zh}”`);
    const schedule = await trx
      .insertInto('report_schedule')
      .values({
        commission_id: ctx.actor.commissionId,
        reporter_org_id: b.reporterOrgId,
        cadence: b.cadence,
        due_offset_days: b.dueOffsetDays,
        created_by: ctx.actor.userId,
      })
      .onConflict((oc) =>
        oc.columns(['commission_id', 'reporter_org_id']).doUpdateSet({
          cadence: b.cadence,
          due_offset_days: b.dueOffsetDays,
          updated_at: new Date(),
          version: sql`report_schedule.version + 1`,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    const periods = periodsOf(b.cadence, b.year);
    const inserted = await trx
      .insertInto('report_slot')
      .values(
        periods.map((p) => ({
          commission_id: ctx.actor.commissionId,
          schedule_id: schedule.id,
          reporter_org_id: b.reporterOrgId,
          cadence: b.cadence,
          period_start: p.start,
          period_end: p.end,
          due_on: addDays(p.end, b.dueOffsetDays),
        })),
      )
      .onConflict((oc) => oc.columns(['reporter_org_id', 'period_start']).doNothing())
      .returning('id')
      .execute();
    await audit(trx, ctx, {
      type: 'report.schedule_set',
      objectType: 'report_schedule',
      objectId: schedule.id,
      payload: refs({ reporterOrgId: b.reporterOrgId, cadence: b.cadence, year: b.year, dueOffsetDays: b.dueOffsetDays, created: inserted.length }),
    });
    return { scheduleId: schedule.id, created: inserted.length, slots: periods.length };
  });
}

/** GET /report-slots/:id/stats — the statistics of the slot's org and period as they stand now (404 outside scope). */
export async function slotStats(ctx: Ctx, id: string): Promise<Stats> {
  const { rows } = await sql<{ reporter_org_id: string; period_start: string; period_end: string }>`SELECT s.reporter_org_id,
      to_char(s.period_start, 'YYYY-MM-DD') AS period_start, to_char(s.period_end, 'YYYY-MM-DD') AS period_end
    FROM report_slot s WHERE s.id = ${id}::uuid AND ${slotVisible(ctx.actor, 's')}`.execute(ctx.db);
  const s = rows[0];
  if (!s) throw notFound('汇报计划');
  const values = await computeStats(ctx.db, s.reporter_org_id, s.period_start, s.period_end);
  return presentStats(values, { start: s.period_start, end: s.period_end }, null);
}
