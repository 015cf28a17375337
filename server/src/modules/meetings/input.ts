import type { MeetingCreateBody } from '@liandong/domain/meetings/contracts';
import { type Classification, classificationRank } from '@liandong/domain/access/enums';
import type { MeetingType } from '@liandong/domain/meetings/enums';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import type { FieldIssue } from '@liandong/domain/platform/errors';
import { validation } from '../../platform/errors';
import type { Q } from './repo';

/*
 * Checks of a meeting's people and orgs against the commission (400 with the field path, nothing written),
 * and the one writer of its agenda and attendance (replaced whole on create and edit).
 */

/** Org kinds that report to the 常委会 (听取汇报): county commissions and dispatched groups. */
const REPORTER_KINDS = ['COUNTY_COMMISSION', 'NEW_AREA_COMMISSION', 'DISPATCHED_GROUP'];

interface UserFact {
  id: string;
  display_name: string;
  org_name: string;
  clearance: Classification;
  roles: string[];
}

async function usersOf(db: Q, commissionId: string, ids: string[]): Promise<Map<string, UserFact>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<UserFact>`SELECT u.id, u.display_name, o.name_zh AS org_name, u.clearance,
      ARRAY(SELECT r.role FROM user_role r WHERE r.user_id = u.id) AS roles
    FROM app_user u JOIN org o ON o.id = u.org_id
    WHERE u.id = ANY(${ids}::uuid[]) AND u.commission_id = ${commissionId}::uuid AND u.status = 'ACTIVE'`.execute(db);
  return new Map(rows.map((r) => [r.id, r]));
}

export interface CheckedPeople {
  attendees: { userId: string | null; name: string; unit: string; attendance: string; leaveReason: string | null }[];
  agenda: { kind: string; title: string; reporterOrgId: string | null; notes: string; workReportId: string | null }[];
}

type People = Pick<MeetingCreateBody, 'agenda' | 'attendees'>;

/** The chair must be an active account of the commission; a 派驻机构负责人会议 is called by a 分管领导 (and the 常委会 by a leader). */
export async function checkChair(db: Q, actor: Actor, type: MeetingType, chairUserId: string): Promise<void> {
  const chair = (await usersOf(db, actor.commissionId, [chairUserId])).get(chairUserId);
  if (!chair) throw validation([{ path: 'chairUserId', message: '主持人须为本机关有效账号' }]);
  if (type === 'DISPATCHED_HEADS' && !chair.roles.includes('DEPUTY_OR_MEMBER')) {
    throw validation([{ path: 'chairUserId', message: '派驻机构负责人会议由分管领导召集主持' }]);
  }
  if (type === 'STANDING_COMMITTEE' && !chair.roles.some((r) => r === 'SECRETARY' || r === 'DEPUTY_OR_MEMBER')) {
    throw validation([{ path: 'chairUserId', message: '常委会会议由书记或受委托的委领导主持' }]);
  }
}

/** Resolves attendee names and units from their accounts and checks reporter orgs (400 per field). */
export async function checkPeople(db: Q, actor: Actor, b: Partial<People>): Promise<Partial<CheckedPeople>> {
  const out: Partial<CheckedPeople> = {};
  const issues: FieldIssue[] = [];
  if (b.attendees) {
    const ids = b.attendees.flatMap((a) => (a.userId ? [a.userId] : []));
    const users = await usersOf(db, actor.commissionId, ids);
    const seen = new Set<string>();
    out.attendees = b.attendees.map((a, i) => {
      if (a.userId && !users.has(a.userId)) issues.push({ path: `attendees.${i}.userId`, message: '参会人员须为本机关有效账号' });
      if (a.userId && seen.has(a.userId)) issues.push({ path: `attendees.${i}.userId`, message: '同一人员不能重复列入' });
      if (a.userId) seen.add(a.userId);
      const u = a.userId ? users.get(a.userId) : undefined;
      return {
        userId: a.userId ?? null,
        name: a.name || u?.display_name || '',
        unit: a.unit ?? u?.org_name ?? '',
        attendance: a.attendance,
        leaveReason: a.attendance === 'LEAVE' ? (a.leaveReason ?? null) : null,
      };
    });
  }
  if (b.agenda) {
    const orgIds = [...new Set(b.agenda.flatMap((a) => (a.reporterOrgId ? [a.reporterOrgId] : [])))];
    const orgs = orgIds.length
      ? await db.selectFrom('org').select(['id', 'kind']).where('id', 'in', orgIds).where('commission_id', '=', actor.commissionId).execute()
      : [];
    const ok = new Set(orgs.filter((o) => REPORTER_KINDS.includes(o.kind)).map((o) => o.id));
    out.agenda = b.agenda.map((a, i) => {
      if (a.reporterOrgId && !ok.has(a.reporterOrgId))
        issues.push({ path: `agenda.${i}.reporterOrgId`, message: '汇报单位须为本机关的县区纪委监委或派驻纪检监察组' });
      return { kind: a.kind, title: a.title, reporterOrgId: a.reporterOrgId ?? null, notes: a.notes ?? '', workReportId: a.workReportId ?? null };
    });
  }
  if (issues.length) throw validation(issues);
  return out;
}

/**
 * 密级 of a meeting against its people (400 with the field path, nothing written): the registrar cannot
 * classify above their own clearance, and the chair and every attendee with an account must be cleared for
 * it — a meeting they could not open would be one they are told of and shut out of.
 */
export async function checkClassification(
  db: Q,
  actor: Actor,
  classification: Classification,
  people: { chairUserId?: string; attendeeUserIds: (string | null)[] },
): Promise<void> {
  const issues: FieldIssue[] = [];
  const rank = classificationRank(classification);
  if (rank > classificationRank(actor.clearance)) issues.push({ path: 'classification', message: '会议密级不得高于本人的涉密等级' });
  const ids = [...(people.chairUserId ? [people.chairUserId] : []), ...people.attendeeUserIds.flatMap((u) => (u ? [u] : []))];
  const users = await usersOf(db, actor.commissionId, ids);
  const below = (id: string | null | undefined) => {
    const u = id ? users.get(id) : undefined;
    return u !== undefined && classificationRank(u.clearance) < rank;
  };
  if (below(people.chairUserId)) issues.push({ path: 'chairUserId', message: '主持人的涉密等级低于会议密级' });
  people.attendeeUserIds.forEach((id, i) => {
    if (below(id)) issues.push({ path: `attendees.${i}.userId`, message: '该参会人员的涉密等级低于会议密级' });
  });
  if (issues.length) throw validation(issues);
}

/** Replaces the meeting's agenda and/or attendance with the checked lists. */
export async function writePeople(trx: Transaction<DB>, commissionId: string, meetingId: string, p: Partial<CheckedPeople>): Promise<void> {
  if (p.agenda) {
    await trx.deleteFrom('meeting_agenda_item').where('meeting_id', '=', meetingId).execute();
    if (p.agenda.length) {
      await trx
        .insertInto('meeting_agenda_item')
        .values(
          p.agenda.map((a, i) => ({
            commission_id: commissionId,
            meeting_id: meetingId,
            seq: i + 1,
            kind: a.kind,
            title: a.title,
            reporter_org_id: a.reporterOrgId,
            notes: a.notes,
            work_report_id: a.workReportId,
          })),
        )
        .execute();
    }
  }
  if (p.attendees) {
    await trx.deleteFrom('meeting_attendee').where('meeting_id', '=', meetingId).execute();
    if (p.attendees.length) {
      await trx
        .insertInto('meeting_attendee')
        .values(
          p.attendees.map((a, i) => ({
            commission_id: commissionId,
            meeting_id: meetingId,
            seq: i + 1,
            user_id: a.userId,
            name: a.name,
            unit: a.unit,
            attendance: a.attendance,
            leave_reason: a.leaveReason,
          })),
        )
        .execute();
    }
  }
}
