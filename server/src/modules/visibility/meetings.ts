import type { Role } from '@liandong/domain/access/enums';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole, inOrgScope, recordVisible } from '../../platform/access';
import { MEETING_READ_ROLES } from '@liandong/domain/access/role-sets';
export { MEETING_READ_ROLES };

/**
 * Who sees a meeting and its decisions (issue 11; domain.md d: the standing committee sees "meeting
 * materials"). Deny by default:
 *
 * - A meeting (agenda, attendance, minutes, every decision) is seen by its chair, whoever registered it,
 *   every attendee named with an account (出席, 请假 and 列席 alike), and the leaders — 书记 (SECRETARY) and
 *   the 常委 (STANDING_COMMITTEE). Nobody else, whatever their org scope: a 派驻机构负责人会议 of one 分管领导 is
 *   not another deputy's business.
 * - A decision (议定事项) is seen by whoever sees its meeting, and additionally by the staff whose org scope
 *   holds its owner org (the owner org itself, its 分管领导; a commission-wide scope counts for its own org only). What those see is the decision alone: its
 *   meeting's type, title, date and chair — never the meeting's other agenda items, attendees, minutes or
 *   other decisions (the meeting predicate stays closed to them: GET /meetings/:id answers 404).
 * - On top of both, as for every record: clearance ≥ the meeting's 密级 and no recusal (回避) from it. A
 *   decision follows its meeting: an account below the meeting's classification sees none of its
 *   decisions, not even those of its own org.
 */
export const MEETING_LEADER_ROLES: readonly Role[] = ['SECRETARY', 'STANDING_COMMITTEE'];

const ref = (t: string, c: string) => sql.ref(`${t}.${c}`);

/** SQL predicate over a `meeting` row aliased `m`. */
export function meetingVisible(actor: Actor, m = 'm'): RawBuilder<boolean> {
  const same = sql<boolean>`${ref(m, 'commission_id')} = ${actor.commissionId}::uuid`;
  if (!hasAnyRole(actor, MEETING_READ_ROLES)) return sql<boolean>`false`;
  const record = recordVisible(actor, { classification: `${m}.classification`, objectType: 'meeting', id: `${m}.id` });
  if (hasAnyRole(actor, MEETING_LEADER_ROLES)) return sql<boolean>`(${same} AND ${record})`;
  return sql<boolean>`(${same} AND ${record} AND (${ref(m, 'chair_user_id')} = ${actor.userId}::uuid OR ${ref(m, 'created_by')} = ${actor.userId}::uuid
    OR EXISTS (SELECT 1 FROM meeting_attendee ma WHERE ma.meeting_id = ${ref(m, 'id')} AND ma.user_id = ${actor.userId}::uuid)))`;
}

/** SQL predicate over a `meeting_decision` row aliased `d`: its meeting is visible, or its owner org is in scope. */
export function decisionVisible(actor: Actor, d = 'd'): RawBuilder<boolean> {
  if (!hasAnyRole(actor, MEETING_READ_ROLES)) return sql<boolean>`false`;
  // A commission-wide scope (案管, 党风政风监督室 …) is not a reason to read every meeting's decisions: own org only.
  const owner = actor.scope.wide ? sql<boolean>`${ref(d, 'owner_org_id')} = ${actor.orgId}::uuid` : inOrgScope(actor, ref(d, 'owner_org_id'));
  const cleared = recordVisible(actor, { classification: 'dc.classification', objectType: 'meeting', id: 'dc.id' });
  return sql<boolean>`(${ref(d, 'commission_id')} = ${actor.commissionId}::uuid
    AND EXISTS (SELECT 1 FROM meeting dc WHERE dc.id = ${ref(d, 'meeting_id')} AND ${cleared})
    AND (${owner} OR EXISTS (SELECT 1 FROM meeting dm WHERE dm.id = ${ref(d, 'meeting_id')} AND ${meetingVisible(actor, 'dm')})))`;
}
