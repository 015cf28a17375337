-- 工作专班 of a campaign (issue 10). Membership of a campaign task force grants the campaign's own objects for
-- the membership's dates (the arm `campaignMemberArm` of each object's visibility predicate), never the org
-- scope of the participating orgs: actor_org_scope now ignores task forces whose purpose is CAMPAIGN, so a
-- county group member of the 校园餐 专班 does not thereby see every record of the 教育局 group.
-- The body below is migration 0001's with that one condition added.
CREATE OR REPLACE FUNCTION actor_org_scope(p_user uuid, p_at date DEFAULT current_date)
RETURNS TABLE (org_id uuid) LANGUAGE sql STABLE AS $$
  WITH RECURSIVE
  u AS (SELECT id, org_id, commission_id FROM app_user WHERE id = p_user AND status <> 'DISABLED'),
  r AS (SELECT role FROM user_role WHERE user_id = p_user),
  -- 党风政风监督室 staff coordinate the whole "1+6+N" and see the commission.
  wide AS (
    SELECT 1 FROM r WHERE role IN ('SECRETARY','STANDING_COMMITTEE','CASE_MANAGER','PETITION_OFFICER','CADRE_SUPERVISION')
    UNION ALL
    SELECT 1 FROM r, u JOIN org o ON o.id = u.org_id
     WHERE r.role = 'OFFICE_STAFF' AND o.office_kind = 'PARTY_CONDUCT'
  ),
  business AS (SELECT 1 FROM r WHERE role NOT IN ('SYS_ADMIN','SEC_ADMIN','AUDIT_ADMIN') LIMIT 1),
  -- offices a leader oversees (分管)
  overseen AS (
    SELECT ov.office_id AS org_id FROM u
      JOIN leadership_member lm ON lm.person_id = (SELECT person_id FROM app_user WHERE id = p_user)
       AND lm.commission_id = u.commission_id AND lm.valid_from <= p_at AND (lm.valid_to IS NULL OR lm.valid_to >= p_at)
      JOIN oversight ov ON ov.leader_id = lm.id AND ov.valid_from <= p_at AND (ov.valid_to IS NULL OR ov.valid_to >= p_at)
     WHERE EXISTS (SELECT 1 FROM r WHERE role = 'DEPUTY_OR_MEMBER')
  ),
  -- the account's own org, and the offices it oversees
  base AS (
    SELECT u.org_id FROM u WHERE EXISTS (SELECT 1 FROM business)
    UNION SELECT org_id FROM overseen
  ),
  -- what those offices liaise with (联系)
  liaised AS (
    SELECT l.target_id AS org_id FROM liaison l JOIN base b ON b.org_id = l.office_id
     WHERE l.valid_from <= p_at AND (l.valid_to IS NULL OR l.valid_to >= p_at)
  ),
  -- zones the base orgs lead or belong to (片区), and all their members
  zones AS (
    SELECT z.id FROM work_zone z JOIN base b ON b.org_id = z.lead_org_id
     WHERE z.valid_from <= p_at AND (z.valid_to IS NULL OR z.valid_to >= p_at)
    UNION
    SELECT m.zone_id FROM work_zone_member m JOIN base b ON b.org_id = m.org_id
     WHERE m.valid_from <= p_at AND (m.valid_to IS NULL OR m.valid_to >= p_at)
  ),
  zone_orgs AS (
    SELECT m.org_id FROM work_zone_member m JOIN zones z ON z.id = m.zone_id
     WHERE m.valid_from <= p_at AND (m.valid_to IS NULL OR m.valid_to >= p_at)
    UNION SELECT z.lead_org_id FROM work_zone z JOIN zones zz ON zz.id = z.id WHERE z.lead_org_id IS NOT NULL
  ),
  -- task forces the account is a member of today (专班, ends with valid_to); a campaign 专班 is not
  -- among them: it grants the campaign's own objects only (visibility/campaigns.ts campaignMemberArm)
  task_orgs AS (
    SELECT tfo.org_id FROM task_force_member tm
      JOIN task_force tf ON tf.id = tm.task_force_id
      JOIN task_force_org tfo ON tfo.task_force_id = tf.id
     WHERE tm.user_id = p_user AND tm.valid_from <= p_at AND tm.valid_to >= p_at
       AND (tf.valid_to IS NULL OR tf.valid_to >= p_at)
       AND tf.purpose <> 'CAMPAIGN'
  ),
  -- a county commission staff member sees the county commission their org belongs to
  county_root AS (
    SELECT c.id AS org_id FROM u, LATERAL (
      WITH RECURSIVE up AS (
        SELECT o.id, o.parent_id, o.kind FROM org o WHERE o.id = u.org_id
        UNION ALL SELECT p.id, p.parent_id, p.kind FROM org p JOIN up ON p.id = up.parent_id
      ) SELECT id FROM up WHERE kind IN ('COUNTY_COMMISSION','NEW_AREA_COMMISSION') LIMIT 1
    ) c WHERE EXISTS (SELECT 1 FROM r WHERE role = 'COUNTY_STAFF')
  ),
  seeds AS (
    SELECT org_id FROM base UNION SELECT org_id FROM liaised UNION SELECT org_id FROM zone_orgs
    UNION SELECT org_id FROM task_orgs UNION SELECT org_id FROM county_root
  ),
  -- below a county commission, a group, or a liaised county: everything under it,
  -- plus the host units a dispatched group covers (派驻)
  closure (org_id) AS (
    SELECT org_id FROM seeds
    UNION
    SELECT nxt.id FROM closure c JOIN org parent ON parent.id = c.org_id
     CROSS JOIN LATERAL (
       SELECT child.id FROM org child
        WHERE child.parent_id = c.org_id
          AND parent.kind IN ('COUNTY_COMMISSION','NEW_AREA_COMMISSION','TOWNSHIP_COMMISSION','HOST_UNIT')
       UNION ALL
       SELECT dc.host_unit_id FROM dispatch_coverage dc
        WHERE dc.group_id = c.org_id AND dc.valid_from <= p_at AND (dc.valid_to IS NULL OR dc.valid_to >= p_at)
     ) nxt (id)
  )
  SELECT o.id FROM org o, u WHERE o.commission_id = u.commission_id AND EXISTS (SELECT 1 FROM wide)
  UNION
  SELECT c.org_id FROM closure c, u
   WHERE NOT EXISTS (SELECT 1 FROM wide)
     AND EXISTS (SELECT 1 FROM org o WHERE o.id = c.org_id AND o.commission_id = u.commission_id)
$$;

-- Who formed the task force; who added and who ended each membership, and when (history is kept: a
-- membership is ended by its valid_to, never deleted).
ALTER TABLE task_force ADD COLUMN created_by uuid REFERENCES app_user(id);
ALTER TABLE task_force_member
  ADD COLUMN added_by uuid REFERENCES app_user(id),
  ADD COLUMN added_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN ended_by uuid REFERENCES app_user(id),
  ADD COLUMN ended_at timestamptz;
-- The campaign arm looks memberships up by account on every campaign-object query.
CREATE INDEX task_force_member_user_dates ON task_force_member (user_id, valid_to, valid_from);
