import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';

/** Query runner: the pool or a transaction. */
export type Q = Db | Transaction<DB>;

/** Active 单位联络人 (UNIT_LIAISON) accounts of a unit — the recipients of its rectification notices. */
export async function liaisonsOf(db: Q, unitOrgId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'UNIT_LIAISON'
    WHERE u.org_id = ${unitOrgId}::uuid AND u.status = 'ACTIVE' ORDER BY u.id`.execute(db);
  return rows.map((r) => r.id);
}

/** Active accounts of an org. */
export async function activeUsersOf(db: Q, orgId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM app_user WHERE org_id = ${orgId}::uuid AND status = 'ACTIVE' ORDER BY id`.execute(db);
  return rows.map((r) => r.id);
}

/** Ids of `table` rows of the commission that exist (for reference checks that answer 400 on a field). */
export async function existingIds(db: Q, table: 'org' | 'app_user', commissionId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql<{
    id: string;
  }>`SELECT id FROM ${sql.table(table)} WHERE commission_id = ${commissionId}::uuid AND id = ANY(${ids}::uuid[])`.execute(db);
  return new Set(rows.map((r) => r.id));
}

export const short = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** YYYY-MM-DD of a date column read as Date or string. */
export function iso(d: Date | string | null): string | null {
  if (d === null) return null;
  if (typeof d === 'string') return d.slice(0, 10);
  return d.toISOString().slice(0, 10);
}

/** The earlier of two ISO dates. */
export const earlier = (a: string, b: string): string => (a <= b ? a : b);
