import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';

/* Small lookups shared by the meeting services, workflows and the daily job. */

export type Q = Db | Transaction<DB>;

/** Active accounts of an org (the owner org's staff hear of their decisions). */
export async function staffOf(db: Q, orgId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM app_user WHERE org_id = ${orgId}::uuid AND status = 'ACTIVE' ORDER BY id`.execute(db);
  return rows.map((r) => r.id);
}

/** Accounts named among the meeting's attendees (出席, 请假, 列席). */
export async function attendeeUsersOf(db: Q, meetingId: string): Promise<string[]> {
  const { rows } = await sql<{
    user_id: string;
  }>`SELECT user_id FROM meeting_attendee WHERE meeting_id = ${meetingId}::uuid AND user_id IS NOT NULL ORDER BY seq`.execute(db);
  return rows.map((r) => r.user_id);
}

/** Active 书记 accounts of a commission (an overdue decision escalates to them). */
export async function secretariesOf(db: Q, commissionId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'SECRETARY'
    WHERE u.commission_id = ${commissionId}::uuid AND u.status = 'ACTIVE' ORDER BY u.id`.execute(db);
  return rows.map((r) => r.id);
}

export const short = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n)}…` : s);
