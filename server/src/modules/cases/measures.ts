import { addCalendarDays, type IsoDay } from '@liandong/domain/calendar/calendar';
import type { Measure, MeasureCreateBody, MeasurePatchBody } from '@liandong/domain/cases/contracts';
import { MEASURE_KIND_LABELS, MEASURE_LIMITS, type MeasureKind } from '@liandong/domain/cases/enums';
import { CASE_STATE_LABELS } from '@liandong/domain/cases/machine';
import { addMonths } from '@liandong/domain/clues/deadlines';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { AppError, businessRule, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { MEASURE_STATES, mayRecordMeasure } from './policy';
import { loadCase } from './repo';

/*
 * 审查调查措施 with their legal limits (MEASURE_LIMITS, 监察法 2024): the due date is computed from the
 * start, one extension by the legal extension period (留置 only with the upper commission's approval),
 * an end date; overdue and due-soon flags for the running ones.
 */

interface MeasureRow {
  id: string;
  kind: MeasureKind;
  started_on: string;
  due_on: string | null;
  extended: boolean;
  upper_approved: boolean;
  ended_on: string | null;
  note: string;
  version: number;
}

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

export function measureView(m: MeasureRow, today: IsoDay): Measure {
  const running = m.ended_on === null && m.due_on !== null;
  const overdue = running && m.due_on! <= today;
  return {
    id: m.id,
    kind: m.kind,
    startedOn: m.started_on,
    dueOn: m.due_on,
    extended: m.extended,
    upperApproved: m.upper_approved,
    endedOn: m.ended_on,
    note: m.note,
    overdue,
    dueSoon: running && !overdue && m.due_on! <= addCalendarDays(today, 7),
    extendable: m.ended_on === null && !m.extended && extendedDue(m.kind, m.due_on) !== null,
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
    const dueOn = measureDue(body.kind, body.startedOn);
    const created = await trx
      .insertInto('case_measure')
      .values({
        commission_id: ctx.actor.commissionId,
        case_id: row.id,
        kind: body.kind,
        started_on: body.startedOn,
        due_on: dueOn,
        note: body.note ?? '',
        created_by: ctx.actor.userId,
      })
      .returning(['id', 'kind', 'started_on', 'due_on', 'extended', 'upper_approved', 'ended_on', 'note', 'version'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('case_event')
      .values({
        commission_id: ctx.actor.commissionId,
        case_id: row.id,
        action: 'measureStarted',
        comment: MEASURE_KIND_LABELS[body.kind].zh,
        payload: JSON.stringify({ measureId: created.id, kind: body.kind, startedOn: body.startedOn, dueOn }),
        actor_id: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, {
      type: 'case.measure_recorded',
      objectType: 'case',
      objectId: row.id,
      payload: refs({ op: 'start', measureId: created.id, kind: body.kind, startedOn: body.startedOn, dueOn }),
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
    const m = await trx
      .selectFrom('case_measure')
      .select(['id', 'kind', 'started_on', 'due_on', 'extended', 'upper_approved', 'ended_on', 'note', 'version'])
      .where('id', '=', measureId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const kind = m.kind as MeasureKind;
    if (m.version !== body.version) throw staleVersion();
    if (!mayRecordMeasure(facts)) throw forbidden('审查调查措施由审查调查组或承办部门办理');
    if (body.action !== 'note' && m.ended_on !== null) throw new AppError('CONFLICT', '该措施已经结束');
    const set: Record<string, unknown> = {};
    const payload: Record<string, unknown> = { op: body.action, measureId, kind };
    if (body.action === 'extend') {
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
    }
    if (body.note !== undefined) set.note = body.note;
    const updated = await trx
      .updateTable('case_measure')
      .set({ ...set, version: m.version + 1 })
      .where('id', '=', measureId)
      .returning(['id', 'kind', 'started_on', 'due_on', 'extended', 'upper_approved', 'ended_on', 'note', 'version'])
      .executeTakeFirstOrThrow();
    if (body.action !== 'note') {
      await trx
        .insertInto('case_event')
        .values({
          commission_id: ctx.actor.commissionId,
          case_id: row.id,
          action: body.action === 'extend' ? 'measureExtended' : 'measureEnded',
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
