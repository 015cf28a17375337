import { BUSINESS_ROLES, COMMISSION_WIDE_ROLES } from '@liandong/domain/access/enums';
import type { Me } from '@liandong/domain/auth/contracts';
import type { OrgKind } from '@liandong/domain/org/enums';
import { sql } from 'kysely';
import { prepared } from '../../db/pool';
import { hasAnyRole, inOrgScope } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { getSettings } from '../../platform/settings';
import { INTEGRITY_ROLES, reachesIntegrity } from '../integrity';
import { approvesRequests, custodianOrgOf } from '../integrity-files';
import { canReadMatrix, SUPERVISION_ROLES, loadActorFacts } from '../supervision';

/**
 * GET /me: the account, its org, its scope summary and unread inbox count. The account's facts, the scope
 * summary (count, count per org kind, the first 12 orgs), the reasons and the unread count come from ONE
 * statement (one round trip, one plan); only the screen abilities, decided by their modules' own
 * predicates, run beside it.
 */
export async function getMe(ctx: Ctx): Promise<Me> {
  const { db, actor } = ctx;
  const [row, settings, abilities] = await Promise.all([meRow(ctx), getSettings(db, actor.commissionId), screenAbilities(ctx)]);
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      roles: actor.roles,
      clearance: actor.clearance,
      org: { id: actor.orgId, nameZh: row.org_name, kind: row.org_kind },
      commission: { id: actor.commissionId, nameZh: row.commission_name },
      totpEnabled: row.totp_enabled,
      passwordExpiresAt: new Date(row.password_changed_at.getTime() + settings['password.maxAgeDays'] * 86400_000).toISOString(),
      previousLoginAt: row.previous_login_at?.toISOString() ?? null,
    },
    restriction: actor.restriction,
    scope: {
      commissionWide: row.reasons.includes('全委'),
      orgCount: row.org_count,
      byKind: row.by_kind ?? {},
      sample: row.sample.map((r) => ({ id: r.id, nameZh: r.name_zh, kind: r.kind })),
      reasons: row.reasons,
    },
    unreadInbox: row.unread,
    business: hasAnyRole(actor, BUSINESS_ROLES),
    abilities,
  };
}

interface MeFacts {
  totp_enabled: boolean;
  password_changed_at: Date;
  previous_login_at: Date | null;
  org_name: string;
  org_kind: OrgKind;
  commission_name: string;
  unread: number;
  reasons: string[];
}

/** The scope summary of GET /me: how many orgs, how many of each kind, the first 12 (own org first). */
interface ScopeSummary {
  org_count: number;
  by_kind: Record<string, number> | null;
  sample: { id: string; name_zh: string; kind: OrgKind }[];
}

type MeRow = MeFacts & ScopeSummary;

/**
 * Scope summaries by the scope they sum up (issue 12: an office's or a 分管领导's 700–800 orgs read, counted and sorted
 * on every GET /me, 2–4 ms of PostgreSQL). An actor's scope object is the scope cache's entry (platform/scope-cache.ts):
 * one object per account, scope epoch and day, and a new one once the epoch moves — every change to an org (its name,
 * kind, order) or to a link bumps it (migration 0004). A summary kept with its scope object is therefore never used
 * with another scope, nor after an org it names has changed; it goes with the object. Keyed by the own org too (the
 * sample lists it first) and the commission.
 */
const summaries = new WeakMap<object, { orgId: string; commissionId: string; summary: ScopeSummary }>();

/**
 * The one statement of GET /me. Why the scope is what it is, in the words users know (本单位, 分管, 联系,
 * 派驻, 片区, 专班, 全委, 本县区), only for business accounts (an administrator's list is empty). The scope summary is
 * read beside the account's facts only when the scope's is not kept (`summaries`).
 */
async function meRow(ctx: Ctx): Promise<MeRow> {
  const { db, actor } = ctx;
  const kept = summaries.get(actor.scope);
  const summary = kept?.orgId === actor.orgId && kept.commissionId === actor.commissionId ? kept.summary : undefined;
  const business = hasAnyRole(actor, BUSINESS_ROLES);
  const facts = sql`u.totp_enabled, u.password_changed_at, u.previous_login_at, o.name_zh AS org_name, o.kind AS org_kind,
           c.name_zh AS commission_name,
           (SELECT count(*)::int FROM inbox_message m WHERE m.user_id = u.id AND m.read_at IS NULL) AS unread,
           CASE WHEN NOT ${business}::boolean THEN ARRAY[]::text[] ELSE array_remove(ARRAY[
             '本单位',
             CASE WHEN ${hasAnyRole(actor, COMMISSION_WIDE_ROLES)}::boolean OR o.office_kind = 'PARTY_CONDUCT' THEN '全委' END,
             CASE WHEN ${actor.roles.includes('DEPUTY_OR_MEMBER')}::boolean AND EXISTS (
               SELECT 1 FROM leadership_member lm JOIN oversight ov ON ov.leader_id = lm.id
                WHERE lm.person_id = u.person_id AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)) THEN '分管' END,
             CASE WHEN EXISTS (SELECT 1 FROM liaison l WHERE l.office_id = u.org_id AND (l.valid_to IS NULL OR l.valid_to >= current_date)) THEN '联系' END,
             CASE WHEN EXISTS (SELECT 1 FROM dispatch_coverage d WHERE d.group_id = u.org_id AND (d.valid_to IS NULL OR d.valid_to >= current_date)) THEN '派驻' END,
             CASE WHEN EXISTS (SELECT 1 FROM work_zone_member wm WHERE wm.org_id = u.org_id AND (wm.valid_to IS NULL OR wm.valid_to >= current_date))
                    OR EXISTS (SELECT 1 FROM work_zone z WHERE z.lead_org_id = u.org_id) THEN '片区' END,
             CASE WHEN EXISTS (SELECT 1 FROM task_force_member t WHERE t.user_id = u.id AND t.valid_to >= current_date) THEN '专班' END,
             CASE WHEN ${actor.roles.includes('COUNTY_STAFF')}::boolean THEN '本县区' END], NULL) END AS reasons`;
  const from = sql`FROM app_user u JOIN org o ON o.id = u.org_id JOIN commission c ON c.id = u.commission_id
     WHERE u.id = ${actor.userId}::uuid`;
  if (summary) {
    const { rows } = await prepared(sql<MeFacts>`SELECT ${facts} ${from}`).execute(db);
    const row = rows[0];
    if (!row) throw new Error(`account ${actor.userId} not found`);
    return { ...row, ...summary };
  }
  const { rows } = await prepared(
    sql<MeRow>`
    WITH scoped AS MATERIALIZED (
      SELECT o.id, o.name_zh, o.kind, o.sort_order, o.code FROM org o
       WHERE o.commission_id = ${actor.commissionId}::uuid AND ${inOrgScope(actor, 'o.id')})
    SELECT ${facts},
           (SELECT count(*)::int FROM scoped) AS org_count,
           (SELECT json_object_agg(k.kind, k.n) FROM (SELECT kind, count(*)::int AS n FROM scoped GROUP BY kind) k) AS by_kind,
           (SELECT coalesce(json_agg(json_build_object('id', f.id, 'name_zh', f.name_zh, 'kind', f.kind) ORDER BY f.own DESC, f.sort_order, f.code), '[]'::json)
              FROM (SELECT s.*, s.id = ${actor.orgId}::uuid AS own FROM scoped s
                     ORDER BY (s.id = ${actor.orgId}::uuid) DESC, s.sort_order, s.code LIMIT 12) f) AS sample
      ${from}`,
  ).execute(db);
  const row = rows[0];
  if (!row) throw new Error(`account ${actor.userId} not found`);
  summaries.set(actor.scope, {
    orgId: actor.orgId,
    commissionId: actor.commissionId,
    summary: { org_count: row.org_count, by_kind: row.by_kind, sample: row.sample },
  });
  return row;
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
