import { addCalendarDays, type IsoDay } from '@liandong/domain/calendar/calendar';
import type { Measure, MeasureCreateBody, MeasurePatchBody } from '@liandong/domain/cases/contracts';
import { MEASURE_KIND_LABELS, MEASURE_LIMITS, type MeasureKind } from '@liandong/domain/cases/enums';
import { detentionNoticeDue, dueAtHours, hasPersonNotice, limitHours, measureStartIssues, noticeOverdue } from '@liandong/domain/cases/measures';
import { CASE_STATE_LABELS } from '@liandong/domain/cases/machine';
import { addMonths } from '@liandong/domain/clues/deadlines';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { AppError, businessRule, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { MEASURE_STATES, mayRecordMeasure } from './policy';
import { dateInZone } from '../../platform/zone';
import { loadCase } from './repo';

/*
 * 审查调查措施 with their legal limits (MEASURE_LIMITS, 监察法 2024): the due date is computed from the
 * start, one extension by the legal extension period (留置 only with the upper commission's approval),
 * an end date; overdue and due-soon flags for the running ones. 强制到案 counts in hours from its start
 * time (a timestamp deadline, art. 22); 留置 starts only with the collective decision and the upper
 * commission's approval (art. 46) and carries its 24-hour notice to the unit and family (art. 50).
 */

export interface MeasureRow {
  id: string;
  kind: MeasureKind;
  started_on: string;
  started_at: Date | null;
  due_on: string | null;
  due_at: Date | null;
  limit_hours: number | null;
  extended: boolean;
  upper_approved: boolean;
  collective_decision: boolean;
  ended_on: string | null;
  note: string;
  notice_due_at: Date | null;
  notified_at: Date | null;
  notice_withheld_reason: string | null;
  version: number;
}

const COLUMNS = [
  'id',
  'kind',
  'started_on',
  'started_at',
  'due_on',
  'due_at',
  'limit_hours',
  'extended',
  'upper_approved',
  'collective_decision',
  'ended_on',
  'note',
  'notice_due_at',
  'notified_at',
  'notice_withheld_reason',
  'version',
] as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The first period of a measure: months via addMonths, days counted from the start. */
export function measureDue(kind: MeasureKind, startedOn: IsoDay): IsoDay | null {
  const limit = MEASURE_LIMITS[kind];
  if (!limit) return null;
  if (limit.months) return addMonths(startedOn, limit.months);
  if (limit.days) return addCalendarDays(startedOn, limit.days);
  return null;
}

/** The due date after the one extension, or null when the law provides none. */
export function extendedDue(kind: MeasureKind, dueOn: IsoDay | null): IsoDay | null {
  const limit = MEASURE_LIMITS[kind];
  if (!limit || !dueOn) return null;
  if (limit.extendMonths) return addMonths(dueOn, limit.extendMonths);
  if (limit.extendDays) return addCalendarDays(dueOn, limit.extendDays);
  return null;
}

/** The API view of a measure; `now` decides the hour-counted and notice deadlines, `today` the dated ones. */
export function measureView(m: MeasureRow, today: IsoDay, now: Date = new Date()): Measure {
  const running = m.ended_on === null && (m.due_on !== null || m.due_at !== null);
  // An hour-counted measure is overdue at its timestamp, a dated one from its due day on.
  const overdue = running && (m.due_at ? m.due_at.getTime() <= now.getTime() : m.due_on! <= today);
  const soon = m.due_at ? m.due_at.getTime() - now.getTime() <= 3 * 3_600_000 : m.due_on! <= addCalendarDays(today, 7);
  const notice = m.notice_due_at ? { dueAt: m.notice_due_at.toISOString(), notifiedAt: iso(m.notified_at), withheldReason: m.notice_withheld_reason } : null;
  return {
    id: m.id,
    kind: m.kind,
    startedOn: m.started_on,
    startedAt: iso(m.started_at),
    dueOn: m.due_on,
    dueAt: iso(m.due_at),
    limitHours: m.limit_hours,
    collectiveDecision: m.collective_decision,
    extended: m.extended,
    upperApproved: m.upper_approved,
    endedOn: m.ended_on,
    note: m.note,
    overdue,
    dueSoon: running && !overdue && soon,
    extendable:
      m.ended_on === null &&
      !m.extended &&
      (m.limit_hours !== null ? MEASURE_LIMITS[m.kind]?.extendHours !== undefined : extendedDue(m.kind, m.due_on) !== null),
    notice: notice ? { ...notice, overdue: noticeOverdue({ ...notice, withheld: notice.withheldReason !== null }, now) } : null,
    version: m.version,
  };
}

async function today(trx: Transaction<DB>): Promise<IsoDay> {
  const { rows } = await sql<{ d: string }>`SELECT current_date::text AS d`.execute(trx);
  return rows[0]!.d;
}

/** POST /api/v1/cases/:id/measures */
export async function createMeasure(ctx: Ctx, caseId: string, body: MeasureCreateBody): Promise<Measure> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, facts } = await loadCase(trx, ctx.actor, caseId, true);
    if (!mayRecordMeasure(facts)) throw forbidden('审查调查措施由审查调查组或承办部门登记');
    if (!MEASURE_STATES.includes(row.state)) throw new AppError('CONFLICT', `案件处于“${CASE_STATE_LABELS[row.state].zh}”状态，不能登记审查调查措施`);
    const issues = measureStartIssues(body);
    if (issues.length)
      throw new AppError('BUSINESS_RULE', `不能采取${MEASURE_KIND_LABELS[body.kind].zh}措施：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`, {
        issues,
      });
    const startedAt = body.startedAt ? new Date(body.startedAt) : null;
    if (startedAt && dateInZone(startedAt) !== body.startedOn) throw validation([{ path: 'startedOn', message: '开始日期与开始时间不一致（按北京时间）' }]);
    if (body.holdFollows !== undefined && body.kind !== 'COMPELLED_APPEARANCE')
      throw validation([{ path: 'holdFollows', message: '仅强制到案需填写是否采取管护或留置' }]);
    if (body.noticeWithheldReason !== undefined && !hasPersonNotice(body.kind))
      throw validation([{ path: 'noticeWithheldReason', message: '仅留置、管护措施需填写暂不通知的理由' }]);
    // 强制到案: 12 hours, 24 when 管护 or 留置 follows (监察法 2024, article number unverified), from the start time.
    const hours = limitHours(body.kind, body.holdFollows ?? false);
    const dueAt = hours !== null && startedAt ? dueAtHours(startedAt.toISOString(), hours) : null;
    const dueOn = dueAt ? dateInZone(new Date(dueAt)) : measureDue(body.kind, body.startedOn);
    const detention = body.kind === 'DETENTION';
    const notice = hasPersonNotice(body.kind);
    const created = await trx
      .insertInto('case_measure')
      .values({
        commission_id: ctx.actor.commissionId,
        case_id: row.id,
        kind: body.kind,
        started_on: body.startedOn,
        started_at: startedAt,
        due_on: dueOn,
        due_at: dueAt ? new Date(dueAt) : null,
        limit_hours: hours,
        extended: hours !== null && body.holdFollows === true,
        collective_decision: detention && body.collectiveDecision === true,
        upper_approved: detention && body.upperApproved === true,
        // 24-hour notice to the unit and family (art. 50), unless withheld as hindering the investigation.
        notice_due_at: notice && startedAt ? new Date(detentionNoticeDue(startedAt.toISOString())) : null,
        notice_withheld_reason: notice ? (body.noticeWithheldReason ?? null) : null,
        note: body.note ?? '',
        created_by: ctx.actor.userId,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    // What the timeline and the audit trail both record of the start.
    const started = { measureId: created.id, kind: body.kind, startedOn: body.startedOn, startedAt: iso(startedAt), dueOn, dueAt, limitHours: hours };
    await trx
      .insertInto('case_event')
      .values({
        commission_id: ctx.actor.commissionId,
        case_id: row.id,
        action: 'measureStarted',
        comment: MEASURE_KIND_LABELS[body.kind].zh,
        payload: JSON.stringify(started),
        actor_id: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, {
      type: 'case.measure_recorded',
      objectType: 'case',
      objectId: row.id,
      payload: refs({
        op: 'start',
        ...started,
        ...(detention
          ? { collectiveDecision: true, upperApproved: true, noticeDueAt: iso(created.notice_due_at), noticeWithheld: body.noticeWithheldReason }
          : {}),
      }),
    });
    return measureView({ ...created, kind: body.kind }, await today(trx));
  });
}

/** PATCH /api/v1/case-measures/:id — extend once, end, or edit the note. */
export async function patchMeasure(ctx: Ctx, measureId: string, body: MeasurePatchBody): Promise<Measure> {
  return ctx.db.transaction().execute(async (trx) => {
    const ref = await trx
      .selectFrom('case_measure')
      .select('case_id')
      .where('id', '=', measureId)
      .where('commission_id', '=', ctx.actor.commissionId)
      .executeTakeFirst();
    if (!ref) throw notFound('审查调查措施');
    const { row, facts } = await loadCase(trx, ctx.actor, ref.case_id, true);
    const m = await trx.selectFrom('case_measure').select(COLUMNS).where('id', '=', measureId).forUpdate().executeTakeFirstOrThrow();
    const kind = m.kind as MeasureKind;
    if (m.version !== body.version) throw staleVersion();
    if (!mayRecordMeasure(facts)) throw forbidden('审查调查措施由审查调查组或承办部门办理');
    if (body.action !== 'note' && m.ended_on !== null) throw new AppError('CONFLICT', '该措施已经结束');
    const set: Record<string, unknown> = {};
    const payload: Record<string, unknown> = { op: body.action, measureId, kind };
    if (body.action === 'extend' && m.limit_hours !== null) {
      // 强制到案: 24 hours instead of 12 when 管护 or 留置 follows (监察法 2024, article number unverified).
      const extra = MEASURE_LIMITS[kind]?.extendHours;
      if (!extra || !m.started_at) throw businessRule(`${MEASURE_KIND_LABELS[kind].zh}没有法定延长期限`);
      if (m.extended) throw new AppError('CONFLICT', `${MEASURE_KIND_LABELS[kind].zh}只能延长一次`);
      const hours = m.limit_hours + extra;
      const dueAt = dueAtHours(m.started_at.toISOString(), hours);
      Object.assign(set, { due_at: new Date(dueAt), due_on: dateInZone(new Date(dueAt)), limit_hours: hours, extended: true });
      Object.assign(payload, { dueAt, limitHours: hours });
    } else if (body.action === 'extend') {
      const due = extendedDue(kind, m.due_on);
      if (!due) throw businessRule(`${MEASURE_KIND_LABELS[kind].zh}没有法定延长期限`);
      if (m.extended) throw new AppError('CONFLICT', `${MEASURE_KIND_LABELS[kind].zh}只能延长一次`);
      if (kind === 'DETENTION' && !body.upperApproved) throw businessRule('延长留置时间须经上一级监察机关批准', { path: 'upperApproved' });
      Object.assign(set, { due_on: due, extended: true, upper_approved: body.upperApproved });
      payload.dueOn = due;
      payload.upperApproved = body.upperApproved;
    } else if (body.action === 'end') {
      if (body.endedOn < m.started_on) throw validation([{ path: 'endedOn', message: '结束日期不能早于开始日期' }]);
      set.ended_on = body.endedOn;
      payload.endedOn = body.endedOn;
    } else if (body.action === 'notify') {
      if (!m.notice_due_at || !m.started_at) throw validation([{ path: 'action', message: '仅留置、管护措施需登记通知单位和家属' }]);
      if (m.notified_at) throw new AppError('CONFLICT', '已登记通知单位和家属');
      const at = new Date(body.notifiedAt);
      if (at < m.started_at) throw validation([{ path: 'notifiedAt', message: '通知时间不能早于措施开始时间' }]);
      if (at.getTime() > Date.now() + 5 * 60_000) throw validation([{ path: 'notifiedAt', message: '通知时间不能晚于现在' }]);
      set.notified_at = at;
      Object.assign(payload, { notifiedAt: at.toISOString(), late: at > m.notice_due_at });
    }
    if (body.note !== undefined) set.note = body.note;
    const updated = await trx
      .updateTable('case_measure')
      .set({ ...set, version: m.version + 1 })
      .where('id', '=', measureId)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    if (body.action !== 'note') {
      await trx
        .insertInto('case_event')
        .values({
          commission_id: ctx.actor.commissionId,
          case_id: row.id,
          action: body.action === 'extend' ? 'measureExtended' : body.action === 'notify' ? 'measureNotified' : 'measureEnded',
          comment: MEASURE_KIND_LABELS[kind].zh,
          payload: JSON.stringify(payload),
          actor_id: ctx.actor.userId,
        })
        .execute();
    }
    await audit(trx, ctx, { type: 'case.measure_recorded', objectType: 'case', objectId: row.id, payload: refs(payload) });
    return measureView({ ...updated, kind }, row.today);
  });
}
