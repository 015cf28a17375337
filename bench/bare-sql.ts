/**
 * The SQL the real endpoints run, as plain text for the bare baseline. Keep in step with
 * server/src/modules/auth/me.ts (getMe, scopeReasons) and server/src/modules/orgs (the scoped list).
 * The Kysely-built statements are written out as Kysely compiles them.
 */
export const ME_SQL = {
  user: `select "u"."totp_enabled", "u"."password_changed_at", "u"."last_login_at", "o"."name_zh" as "org_name", "o"."kind" as "org_kind", "c"."name_zh" as "commission_name"
           from "app_user" as "u" inner join "org" as "o" on "o"."id" = "u"."org_id" inner join "commission" as "c" on "c"."id" = "u"."commission_id"
          where "u"."id" = $1`,
  settings: `select "key", "value" from "setting" where "commission_id" = $1`,
  scope: `
      SELECT o.id, o.name_zh, o.kind, o.id = $1::uuid AS own
        FROM org o WHERE o.id IN (SELECT org_id FROM actor_org_scope($2::uuid))
       ORDER BY (o.id = $1::uuid) DESC, o.sort_order, o.code`,
  reasons: `
    SELECT
      ($1 OR EXISTS (SELECT 1 FROM org o WHERE o.id = $2::uuid AND o.office_kind = 'PARTY_CONDUCT')) AS wide,
      EXISTS (SELECT 1 FROM leadership_member lm JOIN oversight ov ON ov.leader_id = lm.id
               WHERE lm.person_id = $3::uuid AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)) AS oversees,
      EXISTS (SELECT 1 FROM liaison l WHERE l.office_id = $2::uuid AND (l.valid_to IS NULL OR l.valid_to >= current_date)) AS liaises,
      EXISTS (SELECT 1 FROM dispatch_coverage d WHERE d.group_id = $2::uuid AND (d.valid_to IS NULL OR d.valid_to >= current_date)) AS dispatch,
      EXISTS (SELECT 1 FROM work_zone_member m WHERE m.org_id = $2::uuid AND (m.valid_to IS NULL OR m.valid_to >= current_date))
        OR EXISTS (SELECT 1 FROM work_zone z WHERE z.lead_org_id = $2::uuid) AS zone,
      EXISTS (SELECT 1 FROM task_force_member t WHERE t.user_id = $4::uuid AND t.valid_to >= current_date) AS taskforce,
      $5 AS county`,
  unread: `select count(*)::int as "n" from "inbox_message" where "user_id" = $1 and "read_at" is null`,
};

/** The scoped org list: one page of 50 in display order, plus the total. Parameters: commission id, user id. */
export const ORGS_SQL = {
  list: `SELECT o.id, o.code, o.name_zh, o.short_name, o.kind, o.office_kind, o.parent_id, o.sort_order, o.valid_from, o.valid_to, o.version
           FROM org o
          WHERE o.commission_id = $1 AND o.id IN (SELECT org_id FROM actor_org_scope($2))
          ORDER BY o.sort_order, o.code
          LIMIT 50`,
  count: `SELECT count(*)::int AS n FROM org o WHERE o.commission_id = $1 AND o.id IN (SELECT org_id FROM actor_org_scope($2))`,
};
