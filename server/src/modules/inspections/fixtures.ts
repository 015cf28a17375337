import { sql } from 'kysely';
import type { TestApp } from '../../../test/app';

/** Test helpers of the inspections module: ids of demo objects, dates, and moving a check's visit date. */

export async function cateringId(t: TestApp): Promise<string> {
  return (await t.db.selectFrom('campaign').select('id').where('domain', '=', 'SCHOOL_CATERING').executeTakeFirstOrThrow()).id;
}

export async function orgId(t: TestApp, code: string): Promise<string> {
  return (await t.db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function userId(t: TestApp, username: string): Promise<string> {
  return (await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** current_date + days, as the database counts days (the predicate compares with current_date). */
export async function dayFromToday(t: TestApp, days: number): Promise<string> {
  return (await sql<{ d: string }>`SELECT to_char(current_date + ${days}::int, 'YYYY-MM-DD') AS d`.execute(t.db)).rows[0]!.d;
}

/** Time passes: the check's visit date becomes today + days (negative: in the past). */
export async function moveVisit(t: TestApp, id: string, days: number): Promise<void> {
  await sql`UPDATE inspection SET visit_on = current_date + ${days}::int WHERE id = ${id}::uuid`.execute(t.db);
}

export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
