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
  // Every interpolation in a Kysely sql`` template is its own parameter, hence the repeated ids.
  scope: `
      SELECT o.id, o.name_zh, o.kind, o.id = $1::uuid AS own
        FROM org o WHERE o.id IN (SELECT org_id FROM actor_org_scope($2::uuid))
       ORDER BY (o.id = $3::uuid) DESC, o.sort_order, o.code`,
  reasons: `
    SELECT
      ($1 OR EXISTS (SELECT 1 FROM org o WHERE o.id = $2::uuid AND o.office_kind = 'PARTY_CONDUCT')) AS wide,
      EXISTS (SELECT 1 FROM leadership_member lm JOIN oversight ov ON ov.leader_id = lm.id
               WHERE lm.person_id = $3::uuid AND (ov.valid_to IS NULL OR ov.valid_to >= current_date)) AS oversees,
      EXISTS (SELECT 1 FROM liaison l WHERE l.office_id = $4::uuid AND (l.valid_to IS NULL OR l.valid_to >= current_date)) AS liaises,
      EXISTS (SELECT 1 FROM dispatch_coverage d WHERE d.group_id = $5::uuid AND (d.valid_to IS NULL OR d.valid_to >= current_date)) AS dispatch,
      EXISTS (SELECT 1 FROM work_zone_member m WHERE m.org_id = $6::uuid AND (m.valid_to IS NULL OR m.valid_to >= current_date))
        OR EXISTS (SELECT 1 FROM work_zone z WHERE z.lead_org_id = $7::uuid) AS zone,
      EXISTS (SELECT 1 FROM task_force_member t WHERE t.user_id = $8::uuid AND t.valid_to >= current_date) AS taskforce,
      $9 AS county`,
  unread: `select count(*)::int as "n" from "inbox_message" where "user_id" = $1 and "read_at" is null`,
};

/**
 * GET /api/v1/orgs?pageSize=50 (server/src/modules/orgs/repo-orgs.ts listOrgs with orgVisible from
 * scope.ts, default filters: not retired): one page and the total, run in parallel.
 * Parameters: commission id, user id (list also: limit, offset).
 */
const ORGS_FROM = `from "org" as "o" left join "org" as "p" on "p"."id" = "o"."parent_id"
  where "o"."commission_id" = $1 and "o"."id" IN (SELECT org_id FROM actor_org_scope($2::uuid)) and "o"."valid_to" is null`;
export const ORGS_SQL = {
  list: `select "o"."id", "o"."code", "o"."name_zh", "o"."short_name", "o"."kind", "o"."office_kind", "o"."ordinal", "o"."parent_id", "p"."name_zh" as "parent_name",
    "o"."region_code", "o"."doc_code", "o"."sort_order", "o"."valid_from", "o"."valid_to", "o"."version"
  ${ORGS_FROM} order by "o"."sort_order", "o"."code" limit $3 offset $4`,
  count: `select count(*)::int as "n" ${ORGS_FROM}`,
};
