import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';

/** Query runner: the pool or a transaction. */
export type Q = Db | Transaction<DB>;

/** Active accounts of an org (the lead office's staff hear of the campaign's steps). */
export async function activeUsersOf(db: Q, orgId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM app_user WHERE org_id = ${orgId}::uuid AND status = 'ACTIVE' ORDER BY id`.execute(db);
  return rows.map((r) => r.id);
}

/** The campaign's approvers: the 书记 and the leaders overseeing the lead office today. */
export async function approversOf(db: Q, commissionId: string, leadOrgId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'SECRETARY'
      WHERE u.commission_id = ${commissionId}::uuid AND u.status = 'ACTIVE'
    UNION SELECT u.id FROM oversight ov JOIN leadership_member lm ON lm.id = ov.leader_id JOIN app_user u ON u.person_id = lm.person_id
      WHERE ov.office_id = ${leadOrgId}::uuid AND u.status = 'ACTIVE'
        AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)
        AND (lm.valid_to IS NULL OR lm.valid_to >= current_date)`.execute(db);
  return rows.map((r) => r.id).sort();
}

/** The active co-leaders (双组长) of the campaign's 专班. */
export async function coLeadersOf(db: Q, campaignId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT m.user_id AS id FROM task_force tf JOIN task_force_member m ON m.task_force_id = tf.id
    WHERE tf.campaign_id = ${campaignId}::uuid AND m.role = 'CO_LEADER' AND current_date BETWEEN m.valid_from AND m.valid_to`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * The 双组长 rule (hasTaskForce): the campaign's 专班 exists with exactly two active co-leaders, one from
 * an internal office and one from a dispatched group or a county / new-area commission (the member's
 * from_org, else the account's org). Returns the zh-CN reason it does not hold, or null.
 */
export async function taskForceCheck(db: Q, campaignId: string): Promise<string | null> {
  const tf = await db.selectFrom('task_force').select('id').where('campaign_id', '=', campaignId).executeTakeFirst();
  if (!tf) return '尚未组建工作专班，不能转入自查自纠';
  const { rows } = await sql<{ kind: string }>`SELECT o.kind FROM task_force_member m JOIN app_user u ON u.id = m.user_id
    JOIN org o ON o.id = COALESCE(m.from_org_id, u.org_id)
    WHERE m.task_force_id = ${tf.id}::uuid AND m.role = 'CO_LEADER' AND current_date BETWEEN m.valid_from AND m.valid_to`.execute(db);
  const office = rows.filter((r) => r.kind === 'INTERNAL_OFFICE').length;
  const field = rows.filter((r) => ['DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'].includes(r.kind)).length;
  if (rows.length !== 2 || office !== 1 || field !== 1) {
    return '工作专班须有两名组长（双组长）：一名来自委机关监督检查室，一名来自派驻纪检监察组或县区纪委监委';
  }
  return null;
}
