import type { Calendar, CalendarEntry, MeetingStaff } from '@liandong/domain/meetings/contracts';
import type { MeetingState, MeetingType } from '@liandong/domain/meetings/enums';
import { sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { clueMeetingVisible } from '../clues';
import { SUPERVISION_ROLES, listVisible } from '../supervision';
import { MEETING_READ_ROLES, meetingVisible } from '../visibility';

/*
 * The one meeting calendar (issue 11): our meetings of the month, and — linked, not rebuilt — the 室组会商
 * records of supervision lists and the clue screening meetings (集体排查), each read through its own
 * module's visibility predicate and route roles, each linking to the page that already shows it. A row the
 * caller could not open there does not appear here.
 */

/** GET /meetings/calendar?month=YYYY-MM */
export async function meetingCalendar(ctx: Ctx, month: string): Promise<Calendar> {
  const a = ctx.actor;
  const from = `${month}-01`;
  const ours = await sql<{ id: string; day: string; time: string; title: string; type: MeetingType; state: MeetingState }>`
    SELECT m.id, to_char(m.starts_at, 'YYYY-MM-DD') AS day, to_char(m.starts_at, 'HH24:MI') AS time, m.title, m.type, m.state
      FROM meeting m
     WHERE m.commission_id = ${a.commissionId}::uuid AND m.starts_at >= ${from}::date AND m.starts_at < (${from}::date + interval '1 month')
       AND ${meetingVisible(a, 'm')}`.execute(ctx.db);
  const consultations = hasAnyRole(a, SUPERVISION_ROLES)
    ? (
        await sql<{ id: string; list_id: string; day: string; title: string }>`
          SELECT c.id, c.list_id, to_char(c.held_on, 'YYYY-MM-DD') AS day, l.title
            FROM list_consultation c JOIN supervision_list l ON l.id = c.list_id
           WHERE c.commission_id = ${a.commissionId}::uuid AND c.held_on >= ${from}::date AND c.held_on < (${from}::date + interval '1 month')
             AND ${listVisible(a)}`.execute(ctx.db)
      ).rows
    : [];
  const screenings = await sql<{ id: string; day: string; title: string }>`
    SELECT m.id, to_char(m.held_on, 'YYYY-MM-DD') AS day, m.title
      FROM clue_meeting m
     WHERE m.commission_id = ${a.commissionId}::uuid AND m.held_on >= ${from}::date AND m.held_on < (${from}::date + interval '1 month')
       AND ${clueMeetingVisible(a, 'm')}`.execute(ctx.db);
  const entries: CalendarEntry[] = [
    ...ours.rows.map((m) => ({
      kind: 'MEETING' as const,
      id: m.id,
      date: m.day,
      time: m.time,
      title: m.title,
      type: m.type,
      state: m.state,
      link: `/meetings/${m.id}`,
    })),
    ...consultations.map((c) => ({
      kind: 'LIST_CONSULTATION' as const,
      id: c.id,
      date: c.day,
      time: null,
      title: `室组会商：${c.title}`,
      type: null,
      state: null,
      link: `/supervision/lists/${c.list_id}`,
    })),
    ...screenings.rows.map((m) => ({
      kind: 'CLUE_MEETING' as const,
      id: m.id,
      date: m.day,
      time: null,
      title: m.title,
      type: null,
      state: null,
      link: `/clues/meetings?open=${m.id}`,
    })),
  ];
  entries.sort((x, y) => `${x.date} ${x.time ?? '99'}`.localeCompare(`${y.date} ${y.time ?? '99'}`) || x.title.localeCompare(y.title));
  return { month, entries };
}

/** GET /meetings/staff — active business accounts (not the 三员, not unit contacts) matching `q`, at most 50. */
export async function meetingStaff(ctx: Ctx, q?: string): Promise<MeetingStaff> {
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await sql<{ id: string; name: string; org_name: string; roles: string[] }>`
    SELECT u.id, u.display_name AS name, o.name_zh AS org_name, ARRAY(SELECT r.role FROM user_role r WHERE r.user_id = u.id ORDER BY r.role) AS roles
      FROM app_user u JOIN org o ON o.id = u.org_id
     WHERE u.commission_id = ${ctx.actor.commissionId}::uuid AND u.status = 'ACTIVE'
       AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = ANY(${[...MEETING_READ_ROLES]}::text[]))
       AND (${like}::text IS NULL OR u.display_name LIKE ${like} OR o.name_zh LIKE ${like} OR u.username LIKE ${like})
     ORDER BY o.name_zh, u.display_name LIMIT 50`.execute(ctx.db);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, orgName: r.org_name, roles: r.roles })) };
}
