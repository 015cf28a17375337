import type {
  MeetingActionBody,
  MeetingCreateBody,
  MeetingDetail,
  MeetingPage,
  MeetingPatchBody,
  MeetingQuery,
  MeetingSummary,
} from '@liandong/domain/meetings/contracts';
import type { Classification } from '@liandong/domain/access/enums';
import type { AgendaKind, Attendance, MeetingState, MeetingType } from '@liandong/domain/meetings/enums';
import { MEETING_EDITABLE_STATES, MEETING_MACHINE } from '@liandong/domain/meetings/machine';
import { type RawBuilder, sql } from 'kysely';
import { hasAnyRole, inOrgScope } from '../../platform/access';
import { audit, auditRead, refs } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import { type Ctx, inTx, type TxCtx } from '../../platform/context';
import { MEETING_TYPE_LABELS } from '@liandong/domain/meetings/enums';
import { businessRule, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { notify, whoMayOpen } from '../../platform/inbox';
import { lockRow, openTo, transition } from '../../platform/workflow';
import { COMMISSION_TIME_ZONE } from '../../platform/zone';
import { meetingVisible } from '../visibility';
import { checkReportLinks, hearLinkedReports } from '../work-reports';
import { presentDecision, selectDecisions } from './decision-rows';
import { attendeeUsersOf } from './repo';
import { checkChair, checkClassification, checkPeople, writePeople } from './input';
import { decisionLightDates } from './light';
import { MEETING_CREATE_ROLES, meetingRoles } from './policy';
import { meetingWorkflow } from './workflow';

/*
 * Meetings (issue 11): register with agenda and attendance, edit while PLANNED or HELD, read (detail and
 * ledger, both through meetingVisible), and act through the kernel. Each change is audited in its
 * transaction; a read of one meeting is audited too (meeting materials are sensitive).
 */

interface SummaryRow {
  id: string;
  type: MeetingType;
  title: string;
  session_no: number | null;
  starts_at: Date;
  place: string;
  chair_id: string;
  chair_name: string;
  organiser_id: string;
  organiser_name: string;
  state: MeetingState;
  decision_count: number;
  classification: Classification;
  version: number;
  created_by: string;
  total: number;
}

const SUMMARY = sql`m.id, m.type, m.title, m.session_no, m.starts_at, m.place, m.chair_user_id AS chair_id, cu.display_name AS chair_name,
  m.organiser_org_id AS organiser_id, oo.name_zh AS organiser_name, m.state, m.classification, m.version, m.created_by,
  (SELECT count(*)::int FROM meeting_decision d WHERE d.meeting_id = m.id) AS decision_count`;
const FROM = sql`meeting m JOIN app_user cu ON cu.id = m.chair_user_id JOIN org oo ON oo.id = m.organiser_org_id`;

function presentSummary(r: SummaryRow): MeetingSummary {
  return {
    id: r.id,
    type: r.type,
    title: r.title,
    sessionNo: r.session_no,
    startsAt: r.starts_at.toISOString(),
    place: r.place,
    chair: { id: r.chair_id, name: r.chair_name },
    organiser: { id: r.organiser_id, name: r.organiser_name },
    state: r.state,
    decisionCount: r.decision_count,
    classification: r.classification,
    version: r.version,
  };
}

/**
 * What makes a read of the meeting sensitive, recorded with it (等保: sensitive reads leave a trace): a
 * 常委会 (the commission's deliberations on people and cases) or a classified meeting (above 公开).
 */
export function sensitivity(m: { type: MeetingType; classification: Classification; state: MeetingState }) {
  return {
    meetingType: m.type,
    classification: m.classification,
    state: m.state,
    standingCommittee: m.type === 'STANDING_COMMITTEE',
    classified: m.classification !== 'PUBLIC',
  };
}

/** The ledger's filter (also the export's). */
export function meetingFilter(ctx: Ctx, q: Omit<MeetingQuery, 'page' | 'pageSize'>): RawBuilder<boolean>[] {
  const where = [meetingVisible(ctx.actor, 'm')];
  if (q.month) where.push(sql<boolean>`to_char(m.starts_at, 'YYYY-MM') = ${q.month}`);
  if (q.year) where.push(sql<boolean>`extract(year FROM m.starts_at) = ${q.year}`);
  if (q.type) where.push(sql<boolean>`m.type = ${q.type}`);
  if (q.state) where.push(sql<boolean>`m.state = ${q.state}`);
  return where;
}

/** Rows of the ledger (newest first). */
export async function meetingRows(ctx: Ctx, where: RawBuilder<boolean>[], page?: { limit: number; offset: number }): Promise<SummaryRow[]> {
  const { rows } = await sql<SummaryRow>`SELECT ${SUMMARY}, count(*) OVER ()::int AS total FROM ${FROM}
    WHERE ${sql.join(where, sql` AND `)} ORDER BY m.starts_at DESC, m.id ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`.execute(ctx.db);
  return rows;
}

/** GET /meetings */
export async function listMeetings(ctx: Ctx, q: MeetingQuery): Promise<MeetingPage> {
  const rows = await meetingRows(ctx, meetingFilter(ctx, q), { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(presentSummary), total: rows[0]?.total ?? 0, abilities: { create: hasAnyRole(ctx.actor, MEETING_CREATE_ROLES) } };
}

/** GET /meetings/:id — 404 outside meetingVisible; the read is audited. */
export async function getMeeting(ctx: Ctx, id: string, opts: { audit?: boolean } = { audit: true }): Promise<MeetingDetail> {
  const { rows } = await sql<SummaryRow & { minutes: string; minutes_issued_on: string | null; cancel_reason: string | null }>`
    SELECT ${SUMMARY}, m.minutes, to_char(m.minutes_issued_on, 'YYYY-MM-DD') AS minutes_issued_on, m.cancel_reason, 0 AS total
      FROM ${FROM} WHERE m.id = ${id}::uuid AND ${meetingVisible(ctx.actor, 'm')}`.execute(ctx.db);
  const m = rows[0];
  if (!m) throw notFound('会议');
  const dates = await decisionLightDates(ctx.db, ctx.actor.commissionId);
  const [agenda, attendees, decisions, timeline] = await Promise.all([
    sql<{
      seq: number;
      kind: AgendaKind;
      title: string;
      reporter_id: string | null;
      reporter_name: string | null;
      notes: string;
      report_id: string | null;
      report_title: string | null;
      report_state: string | null;
    }>`
      SELECT a.seq, a.kind, a.title, a.reporter_org_id AS reporter_id, o.name_zh AS reporter_name, a.notes,
          wr.id AS report_id, wr.title AS report_title, wr.state AS report_state
        FROM meeting_agenda_item a LEFT JOIN org o ON o.id = a.reporter_org_id LEFT JOIN work_report wr ON wr.id = a.work_report_id
        WHERE a.meeting_id = ${id}::uuid ORDER BY a.seq`.execute(ctx.db),
    ctx.db
      .selectFrom('meeting_attendee')
      .select(['user_id', 'name', 'unit', 'attendance', 'leave_reason'])
      .where('meeting_id', '=', id)
      .orderBy('seq')
      .execute(),
    selectDecisions(ctx.db, dates, [sql<boolean>`d.meeting_id = ${id}::uuid`]),
    sql<{ action: string; from_state: string | null; to_state: string | null; comment: string | null; actor: string | null; at: Date }>`
      SELECT e.action, e.from_state, e.to_state, e.comment, u.display_name AS actor, e.at
        FROM meeting_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.meeting_id = ${id}::uuid ORDER BY e.at, e.id`.execute(ctx.db),
  ]);
  if (opts.audit) {
    await auditRead(ctx, { type: 'meeting.read', objectType: 'meeting', objectId: id, payload: sensitivity(m) });
  }
  const roles = meetingRoles(ctx.actor, { chair_user_id: m.chair_id, created_by: m.created_by });
  const runs = roles.length > 0;
  return {
    ...presentSummary(m),
    agenda: agenda.rows.map((a) => ({
      seq: a.seq,
      kind: a.kind,
      title: a.title,
      reporterOrg: a.reporter_id ? { id: a.reporter_id, name: a.reporter_name ?? '' } : null,
      notes: a.notes,
      workReport: a.report_id ? { id: a.report_id, title: a.report_title ?? '', state: a.report_state ?? '' } : null,
    })),
    attendees: attendees.map((a) => ({
      userId: a.user_id,
      name: a.name,
      unit: a.unit,
      attendance: a.attendance as Attendance,
      leaveReason: a.leave_reason,
    })),
    minutes: m.minutes,
    minutesIssuedOn: m.minutes_issued_on,
    cancelReason: m.cancel_reason,
    decisions: decisions.map((d) => presentDecision(ctx.actor, d)),
    timeline: timeline.rows.map((e) => ({
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      comment: e.comment,
      actor: e.actor,
      at: e.at.toISOString(),
    })),
    abilities: {
      edit: runs && MEETING_EDITABLE_STATES.includes(m.state),
      addDecision: runs && m.state === 'HELD',
      minutesDocx: m.state !== 'CANCELLED',
      actions: MEETING_MACHINE.abilities(m.state, roles),
    },
  };
}

/** POST /meetings */
export async function createMeeting(ctx: Ctx, b: MeetingCreateBody): Promise<MeetingDetail> {
  if (!hasAnyRole(ctx.actor, MEETING_CREATE_ROLES)) throw forbidden('只有委领导和会务部门可以登记会议');
  const organiserOrgId = b.organiserOrgId ?? ctx.actor.orgId;
  if (organiserOrgId !== ctx.actor.orgId) {
    const ok = await ctx.db
      .selectFrom('org')
      .select('id')
      .where('id', '=', organiserOrgId)
      .where('commission_id', '=', ctx.actor.commissionId)
      .where(() => inOrgScope(ctx.actor, 'org.id'))
      .executeTakeFirst();
    if (!ok) throw validation([{ path: 'organiserOrgId', message: '召集单位须为本人职责范围内的单位' }]);
  }
  await checkChair(ctx.db, ctx.actor, b.type, b.chairUserId);
  const people = await checkPeople(ctx.db, ctx.actor, b);
  const classification = b.classification ?? 'WORK_SECRET';
  await checkClassification(ctx.db, ctx.actor, classification, {
    chairUserId: b.chairUserId,
    attendeeUserIds: b.attendees.map((a) => a.userId ?? null),
  });
  await checkReportLinks(ctx.db, ctx.actor, { id: null, type: b.type }, b.agenda);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const m = await trx
      .insertInto('meeting')
      .values({
        commission_id: ctx.actor.commissionId,
        type: b.type,
        title: b.title,
        session_no: b.sessionNo ?? null,
        starts_at: new Date(b.startsAt),
        place: b.place ?? '',
        chair_user_id: b.chairUserId,
        organiser_org_id: organiserOrgId,
        minutes: b.minutes ?? '',
        classification,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writePeople(trx, ctx.actor.commissionId, m.id, people);
    await trx
      .insertInto('meeting_event')
      .values({ commission_id: ctx.actor.commissionId, meeting_id: m.id, action: 'create', to_state: 'PLANNED', actor_id: ctx.actor.userId })
      .execute();
    await noticeAttendees(inTx(ctx, trx), m.id, b);
    await audit(trx, ctx, {
      type: 'meeting.created',
      objectType: 'meeting',
      objectId: m.id,
      payload: refs({ type: b.type, classification, chairUserId: b.chairUserId, organiserOrgId, agenda: b.agenda.length, attendees: b.attendees.length }),
    });
    return m.id;
  });
  return getMeeting(ctx, id, { audit: false });
}

/** PATCH /meetings/:id — the chair or the registrar, while PLANNED or HELD, with the version read. */
export async function patchMeeting(ctx: Ctx, id: string, b: MeetingPatchBody): Promise<MeetingDetail> {
  const people = await checkPeople(ctx.db, ctx.actor, b);
  await ctx.db.transaction().execute(async (trx) => {
    const m = await lockRow(inTx(ctx, trx), meetingWorkflow, id);
    if (!m) throw notFound('会议');
    if (m.version !== b.version) throw staleVersion();
    if (meetingRoles(ctx.actor, m).length === 0) throw forbidden('只有会议主持人或登记人可以修改会议');
    if (!MEETING_EDITABLE_STATES.includes(m.state)) throw businessRule(`会议处于“${MEETING_MACHINE.states[m.state].zh}”状态，不能修改`);
    if (b.classification !== undefined || b.attendees !== undefined) {
      const attendeeUserIds = b.attendees ? b.attendees.map((a) => a.userId ?? null) : await attendeeUsersOf(trx, id);
      await checkClassification(trx, ctx.actor, b.classification ?? m.classification, { chairUserId: m.chair_user_id, attendeeUserIds });
    }
    if (b.agenda) await checkReportLinks(trx, ctx.actor, { id }, b.agenda);
    const set: Record<string, unknown> = {};
    if (b.title !== undefined) set.title = b.title;
    if (b.sessionNo !== undefined) set.session_no = b.sessionNo;
    if (b.startsAt !== undefined) set.starts_at = new Date(b.startsAt);
    if (b.place !== undefined) set.place = b.place;
    if (b.minutes !== undefined) set.minutes = b.minutes;
    if (b.classification !== undefined) set.classification = b.classification;
    await trx
      .updateTable('meeting')
      .set({ ...set, version: m.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writePeople(trx, ctx.actor.commissionId, id, people);
    // A report linked after the meeting was held was heard there: it becomes HEARD now, as the hold would have done.
    if (b.agenda && m.state === 'HELD') await hearLinkedReports(trx, m, todayIso(), ctx.actor.displayName);
    await audit(trx, ctx, {
      type: 'meeting.updated',
      objectType: 'meeting',
      objectId: id,
      payload: { changed: [...Object.keys(set), ...(b.agenda ? ['agenda'] : []), ...(b.attendees ? ['attendees'] : [])] },
    });
  });
  return getMeeting(ctx, id, { audit: false });
}

/** POST /meetings/:id/actions — hold, issue the 纪要, cancel (the kernel: 404 / 409 / 403 / 422). */
export async function actOnMeeting(ctx: Ctx, id: string, b: MeetingActionBody) {
  const r = await ctx.db
    .transaction()
    .execute((trx) => transition(inTx(ctx, trx), meetingWorkflow, id, { action: b.action, version: b.version, comment: b.comment }));
  return { from: r.from, to: r.to, version: r.version };
}

/** 会议通知: the chair and every attendee with an account hear of a new meeting (time, place), not the registrar. */
async function noticeAttendees(ctx: TxCtx, id: string, b: MeetingCreateBody): Promise<void> {
  const users = [b.chairUserId, ...b.attendees.flatMap((a) => (a.userId ? [a.userId] : []))];
  const when = new Intl.DateTimeFormat('zh-CN', { timeZone: COMMISSION_TIME_ZONE, dateStyle: 'long', timeStyle: 'short' }).format(new Date(b.startsAt));
  for (const userId of await whoMayOpen(ctx.trx, users, openTo(meetingWorkflow, id))) {
    if (userId === ctx.actor.userId) continue;
    await notify(ctx.trx, {
      commissionId: ctx.actor.commissionId,
      userId,
      kind: 'meeting.notice',
      title: `会议通知：${b.title}`,
      body: `${MEETING_TYPE_LABELS[b.type].zh}定于${when}${b.place ? `在${b.place}` : ''}召开，请准时参加。`,
      link: `/meetings/${id}`,
    });
  }
}
