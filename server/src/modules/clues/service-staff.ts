import type { ClueStaff } from '@liandong/domain/clues/contracts';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';

/** Roles of the people who do clue work: the 核查组 and screening meetings draw on them. */
const STAFF_ROLES = [
  'OFFICE_STAFF',
  'GROUP_STAFF',
  'COUNTY_STAFF',
  'CASE_MANAGER',
  'PETITION_OFFICER',
  'CADRE_SUPERVISION',
  'TRIAL_STAFF',
  'DEPUTY_OR_MEMBER',
  'SECRETARY',
];

/**
 * GET /api/v1/clue-staff — active staff of the commission (never unit liaisons or the 三员), matched on
 * name, account or org name; the caller's own org first. Names and orgs only: the staff directory is
 * shared knowledge inside the commission; who is on which clue is not revealed here.
 */
export async function listClueStaff(ctx: Ctx, query: { q?: string; pageSize: number }): Promise<ClueStaff> {
  const like = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await sql<{ id: string; name: string; org_id: string; org_name: string }>`
    SELECT u.id, u.display_name AS name, u.org_id, o.name_zh AS org_name
      FROM app_user u JOIN org o ON o.id = u.org_id
     WHERE u.commission_id = ${ctx.actor.commissionId}::uuid AND u.status = 'ACTIVE'
       AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = ANY(${STAFF_ROLES}::text[]))
       AND NOT EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role IN ('UNIT_LIAISON','SYS_ADMIN','SEC_ADMIN','AUDIT_ADMIN'))
       AND (${like}::text IS NULL OR u.display_name ILIKE ${like} OR u.username ILIKE ${like} OR o.name_zh ILIKE ${like})
     ORDER BY (u.org_id = ${ctx.actor.orgId}::uuid) DESC, o.sort_order, u.display_name
     LIMIT ${query.pageSize}`.execute(ctx.db);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, orgId: r.org_id, orgName: r.org_name })) };
}
