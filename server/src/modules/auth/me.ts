import { BUSINESS_ROLES, COMMISSION_WIDE_ROLES } from '@liandong/domain/access/enums';
import type { Me } from '@liandong/domain/auth/contracts';
import type { OrgKind } from '@liandong/domain/org/enums';
import { sql } from 'kysely';
import { hasAnyRole, inOrgScope } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { getSettings } from '../../platform/settings';
import { INTEGRITY_ROLES, reachesIntegrity } from '../integrity';
import { approvesRequests, custodianOrgOf } from '../integrity-files';
import { canReadMatrix, SUPERVISION_ROLES, loadActorFacts } from '../supervision';

/** GET /me: the account, its org, its scope summary and unread inbox count. */
export async function getMe(ctx: Ctx): Promise<Me> {
  const { db, actor } = ctx;
  const [user, settings, scopeRows, reasons, unread, abilities] = await Promise.all([
    db
      .selectFrom('app_user as u')
      .innerJoin('org as o', 'o.id', 'u.org_id')
      .innerJoin('commission as c', 'c.id', 'u.commission_id')
      .select(['u.totp_enabled', 'u.password_changed_at', 'u.previous_login_at', 'o.name_zh as org_name', 'o.kind as org_kind', 'c.name_zh as commission_name'])
      .where('u.id', '=', actor.userId)
      .executeTakeFirstOrThrow(),
    getSettings(db, actor.commissionId),
    sql<{ id: string; name_zh: string; kind: OrgKind; own: boolean }>`
      SELECT o.id, o.name_zh, o.kind, o.id = ${actor.orgId}::uuid AS own
        FROM org o WHERE o.commission_id = ${actor.commissionId}::uuid AND ${inOrgScope(actor, 'o.id')}
       ORDER BY (o.id = ${actor.orgId}::uuid) DESC, o.sort_order, o.code`.execute(db),
    scopeReasons(ctx),
    db
      .selectFrom('inbox_message')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', actor.userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
    screenAbilities(ctx),
  ]);
  const byKind: Record<string, number> = {};
  for (const r of scopeRows.rows) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      roles: actor.roles,
      clearance: actor.clearance,
      org: { id: actor.orgId, nameZh: user.org_name, kind: user.org_kind as OrgKind },
      commission: { id: actor.commissionId, nameZh: user.commission_name },
      totpEnabled: user.totp_enabled,
      passwordExpiresAt: new Date(user.password_changed_at.getTime() + settings['password.maxAgeDays'] * 86400_000).toISOString(),
      previousLoginAt: user.previous_login_at?.toISOString() ?? null,
    },
    restriction: actor.restriction,
    scope: {
      commissionWide: reasons.includes('全委'),
      orgCount: scopeRows.rows.length,
      byKind,
      sample: scopeRows.rows.slice(0, 12).map((r) => ({ id: r.id, nameZh: r.name_zh, kind: r.kind })),
      reasons,
    },
    unreadInbox: unread.n,
    business: hasAnyRole(actor, BUSINESS_ROLES),
    abilities,
  };
}

/** Me.abilities: the org-dependent screens, decided by the predicates their routes apply (never a copy of them). */
async function screenAbilities(ctx: Ctx): Promise<Me['abilities']> {
  const { db, actor } = ctx;
  if (!hasAnyRole(actor, BUSINESS_ROLES)) return { supervisionMatrix: false, integrity: false, integrityFiles: false, integrityFileApprovals: false };
  const [facts, integrity, custodian, approvals] = await Promise.all([
    hasAnyRole(actor, SUPERVISION_ROLES) ? loadActorFacts(db, actor) : null,
    hasAnyRole(actor, INTEGRITY_ROLES) ? reachesIntegrity(db, actor) : false,
    custodianOrgOf(db, actor),
    approvesRequests(db, actor),
  ]);
  return {
    supervisionMatrix: facts !== null && canReadMatrix(facts),
    integrity,
    integrityFiles: custodian !== null,
    integrityFileApprovals: approvals,
  };
}

/** Why the scope is what it is, in the words users know (本单位, 分管, 联系, 派驻, 片区, 专班, 全委). */
async function scopeReasons(ctx: Ctx): Promise<string[]> {
  const { db, actor } = ctx;
  if (!hasAnyRole(actor, BUSINESS_ROLES)) return [];
  const r = await sql<{ wide: boolean; oversees: boolean; liaises: boolean; dispatch: boolean; zone: boolean; taskforce: boolean; county: boolean }>`
    SELECT
      (${hasAnyRole(actor, COMMISSION_WIDE_ROLES)}::boolean OR EXISTS (SELECT 1 FROM org o WHERE o.id = ${actor.orgId}::uuid AND o.office_kind = 'PARTY_CONDUCT')) AS wide,
      EXISTS (SELECT 1 FROM leadership_member lm JOIN oversight ov ON ov.leader_id = lm.id
               WHERE lm.person_id = ${actor.personId}::uuid AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)) AS oversees,
      EXISTS (SELECT 1 FROM liaison l WHERE l.office_id = ${actor.orgId}::uuid AND (l.valid_to IS NULL OR l.valid_to >= current_date)) AS liaises,
      EXISTS (SELECT 1 FROM dispatch_coverage d WHERE d.group_id = ${actor.orgId}::uuid AND (d.valid_to IS NULL OR d.valid_to >= current_date)) AS dispatch,
      EXISTS (SELECT 1 FROM work_zone_member m WHERE m.org_id = ${actor.orgId}::uuid AND (m.valid_to IS NULL OR m.valid_to >= current_date))
        OR EXISTS (SELECT 1 FROM work_zone z WHERE z.lead_org_id = ${actor.orgId}::uuid) AS zone,
      EXISTS (SELECT 1 FROM task_force_member t WHERE t.user_id = ${actor.userId}::uuid AND t.valid_to >= current_date) AS taskforce,
      ${actor.roles.includes('COUNTY_STAFF')}::boolean AS county`.execute(db);
  const row = r.rows[0]!;
  const out = ['本单位'];
  if (row.wide) out.push('全委');
  if (row.oversees && actor.roles.includes('DEPUTY_OR_MEMBER')) out.push('分管');
  if (row.liaises) out.push('联系');
  if (row.dispatch) out.push('派驻');
  if (row.zone) out.push('片区');
  if (row.taskforce) out.push('专班');
  if (row.county) out.push('本县区');
  return out;
}
