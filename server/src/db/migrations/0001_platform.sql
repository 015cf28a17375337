-- Platform foundation: tenants, organisation and links, people and accounts, access attributes,
-- audit trail, calendar, dictionaries, numbering, attachments, inbox, settings.
-- Forward-only. Every business table carries commission_id and its indexes lead with it.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A tenant: one 纪委监委 installation (the municipal commission with its county commissions).
CREATE TABLE commission (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL UNIQUE,
  name_zh     text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Organisation node (domain.md b.1). Retiring sets valid_to; rows are never deleted.
CREATE TABLE org (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  code          text NOT NULL,
  name_zh       text NOT NULL,
  name_en       text,
  short_name    text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('MUNICIPAL_COMMISSION','COUNTY_COMMISSION','NEW_AREA_COMMISSION',
                  'TOWNSHIP_COMMISSION','INTERNAL_OFFICE','DISPATCHED_GROUP','HOST_UNIT','PARTY_COMMITTEE','EXTERNAL_AGENCY')),
  office_kind   text CHECK (office_kind IS NULL OR kind = 'INTERNAL_OFFICE'),
  ordinal       int,
  parent_id     uuid REFERENCES org(id),
  region_code   text,
  doc_code      text,
  sort_order    int NOT NULL DEFAULT 0,
  valid_from    date NOT NULL DEFAULT current_date,
  valid_to      date,
  version       int NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK (parent_id IS NULL OR parent_id <> id),
  UNIQUE (commission_id, code)
);
CREATE INDEX org_commission_parent ON org (commission_id, parent_id);
CREATE INDEX org_commission_kind ON org (commission_id, kind);
CREATE INDEX org_name_trgm ON org USING gin (name_zh gin_trgm_ops);

-- Person (domain.md b.2): staff and supervised persons. ID number SM4-encrypted.
CREATE TABLE person (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id             uuid NOT NULL REFERENCES commission(id),
  name_zh                   text NOT NULL,
  gender                    text CHECK (gender IN ('M','F')),
  birth_year                int,
  party_member              boolean NOT NULL DEFAULT true,
  unit_id                   uuid REFERENCES org(id),
  position                  text,
  rank_level                text,
  cadre_management          text NOT NULL DEFAULT 'OTHER' CHECK (cadre_management IN ('SAME_LEVEL_PARTY','LOWER','OTHER')),
  is_supervision_object     boolean NOT NULL DEFAULT false,
  is_subordinate_top_leader boolean NOT NULL DEFAULT false,
  id_number_cipher          bytea,
  is_demo                   boolean NOT NULL DEFAULT false,
  version                   int NOT NULL DEFAULT 1,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_commission_unit ON person (commission_id, unit_id);

-- 委领导 / 班子成员: a person's leadership title in a commission org, over time.
CREATE TABLE leadership_member (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  person_id     uuid NOT NULL REFERENCES person(id),
  org_id        uuid NOT NULL REFERENCES org(id),
  title         text NOT NULL CHECK (title IN ('SECRETARY','DEPUTY_SECRETARY','STANDING_MEMBER','COMMISSION_MEMBER')),
  sort_order    int NOT NULL DEFAULT 0,
  valid_from    date NOT NULL DEFAULT current_date,
  valid_to      date,
  version       int NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX leadership_member_commission ON leadership_member (commission_id, org_id);

-- 分管: a leadership member oversees an office, between dates.
CREATE TABLE oversight (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  leader_id     uuid NOT NULL REFERENCES leadership_member(id),
  office_id     uuid NOT NULL REFERENCES org(id),
  valid_from    date NOT NULL DEFAULT current_date,
  valid_to      date,
  version       int NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX oversight_commission_leader ON oversight (commission_id, leader_id);
CREATE INDEX oversight_commission_office ON oversight (commission_id, office_id);

-- 联系: an office liaises with a dispatched group or a county commission, between dates.
CREATE TABLE liaison (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  office_id     uuid NOT NULL REFERENCES org(id),
  target_id     uuid NOT NULL REFERENCES org(id),
  valid_from    date NOT NULL DEFAULT current_date,
  valid_to      date,
  version       int NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (office_id <> target_id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX liaison_commission_office ON liaison (commission_id, office_id);
CREATE INDEX liaison_commission_target ON liaison (commission_id, target_id);

-- 驻在 / 综合监督: a dispatched group covers a host unit, between dates.
CREATE TABLE dispatch_coverage (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  group_id      uuid NOT NULL REFERENCES org(id),
  host_unit_id  uuid NOT NULL REFERENCES org(id),
  role          text NOT NULL DEFAULT 'RESIDENT' CHECK (role IN ('RESIDENT','COMPREHENSIVE')),
  valid_from    date NOT NULL DEFAULT current_date,
  valid_to      date,
  version       int NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (group_id <> host_unit_id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX dispatch_coverage_commission_group ON dispatch_coverage (commission_id, group_id);
CREATE INDEX dispatch_coverage_commission_host ON dispatch_coverage (commission_id, host_unit_id);

-- 片区 / 片区协作组: a county-level work zone with a lead office and modes.
CREATE TABLE work_zone (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id   uuid NOT NULL REFERENCES commission(id),
  county_org_id   uuid NOT NULL REFERENCES org(id),
  name_zh         text NOT NULL,
  lead_org_id     uuid REFERENCES org(id),
  modes           text[] NOT NULL DEFAULT '{}',
  valid_from      date NOT NULL DEFAULT current_date,
  valid_to        date,
  version         int NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (modes <@ ARRAY['ROUTINE_JOINT','SPECIAL','MULTI_LEVEL']::text[]),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX work_zone_commission_county ON work_zone (commission_id, county_org_id);

CREATE TABLE work_zone_member (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  zone_id       uuid NOT NULL REFERENCES work_zone(id),
  org_id        uuid NOT NULL REFERENCES org(id),
  valid_from    date NOT NULL DEFAULT current_date,
  valid_to      date,
  version       int NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX work_zone_member_commission_zone ON work_zone_member (commission_id, zone_id);
CREATE INDEX work_zone_member_commission_org ON work_zone_member (commission_id, org_id);

-- Accounts (StaffAccount, domain.md b.2).
CREATE TABLE app_user (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id       uuid NOT NULL REFERENCES commission(id),
  username            text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
  person_id           uuid NOT NULL REFERENCES person(id),
  org_id              uuid NOT NULL REFERENCES org(id),
  display_name        text NOT NULL,
  clearance           text NOT NULL DEFAULT 'WORK_SECRET' CHECK (clearance IN ('PUBLIC','WORK_SECRET','SECRET','CONFIDENTIAL','TOP_SECRET')),
  status              text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','LOCKED','DISABLED')),
  password_hash       text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT true,
  failed_attempts     int NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  totp_secret_cipher  bytea,
  totp_pending_cipher bytea,
  totp_enabled        boolean NOT NULL DEFAULT false,
  totp_last_step      bigint,
  last_login_at       timestamptz,
  is_demo             boolean NOT NULL DEFAULT false,
  version             int NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_commission_org ON app_user (commission_id, org_id);

CREATE TABLE user_role (
  user_id uuid NOT NULL REFERENCES app_user(id),
  role    text NOT NULL CHECK (role IN ('SECRETARY','DEPUTY_OR_MEMBER','STANDING_COMMITTEE','PETITION_OFFICER',
            'CASE_MANAGER','OFFICE_STAFF','GROUP_STAFF','COUNTY_STAFF','TRIAL_STAFF','CADRE_SUPERVISION',
            'UNIT_LIAISON','SYS_ADMIN','SEC_ADMIN','AUDIT_ADMIN')),
  PRIMARY KEY (user_id, role)
);

CREATE TABLE password_history (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES app_user(id),
  hash       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_history_user ON password_history (user_id, created_at DESC);

-- Sessions: the cookie holds 256 random bits; only their SHA-256 is stored.
CREATE TABLE user_session (
  id_hash        bytea PRIMARY KEY,
  public_id      uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  user_id        uuid NOT NULL REFERENCES app_user(id),
  commission_id  uuid NOT NULL REFERENCES commission(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  ip             text,
  user_agent     text,
  restriction    text CHECK (restriction IN ('TOTP_ENROLMENT','PASSWORD_CHANGE')),
  revoked_at     timestamptz,
  revoked_reason text
);
CREATE INDEX user_session_user ON user_session (user_id) WHERE revoked_at IS NULL;
CREATE INDEX user_session_commission_active ON user_session (commission_id, last_seen_at) WHERE revoked_at IS NULL;

CREATE TABLE login_log (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commission_id uuid REFERENCES commission(id),
  user_id       uuid REFERENCES app_user(id),
  username      text NOT NULL,
  at            timestamptz NOT NULL DEFAULT now(),
  ip            text,
  user_agent    text,
  outcome       text NOT NULL,
  detail        text
);
CREATE INDEX login_log_commission_at ON login_log (commission_id, at DESC);

-- 工作专班 (task forces come with the campaign issue; membership already grants scope).
CREATE TABLE task_force (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  name_zh       text NOT NULL,
  valid_from    date NOT NULL DEFAULT current_date,
  valid_to      date,
  version       int NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE task_force_org (
  task_force_id uuid NOT NULL REFERENCES task_force(id),
  org_id        uuid NOT NULL REFERENCES org(id),
  PRIMARY KEY (task_force_id, org_id)
);
CREATE TABLE task_force_member (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  task_force_id uuid NOT NULL REFERENCES task_force(id),
  user_id       uuid NOT NULL REFERENCES app_user(id),
  role          text NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('CO_LEADER','MEMBER')),
  valid_from    date NOT NULL DEFAULT current_date,
  valid_to      date NOT NULL,
  CHECK (valid_to >= valid_from)
);
CREATE INDEX task_force_member_user ON task_force_member (commission_id, user_id);

-- 知悉范围: a named list of accounts; a record bound to one is visible only to them.
CREATE TABLE knowledge_scope (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  name_zh       text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE knowledge_scope_member (
  scope_id uuid NOT NULL REFERENCES knowledge_scope(id),
  user_id  uuid NOT NULL REFERENCES app_user(id),
  PRIMARY KEY (scope_id, user_id)
);
CREATE INDEX knowledge_scope_member_user ON knowledge_scope_member (user_id);

-- 回避: an account declared recused from one object; the object is then invisible to it.
CREATE TABLE recusal (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  user_id       uuid NOT NULL REFERENCES app_user(id),
  object_type   text NOT NULL,
  object_id     uuid NOT NULL,
  reason        text NOT NULL,
  declared_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, object_type, object_id)
);
CREATE INDEX recusal_object ON recusal (commission_id, object_type, object_id);

-- Audit trail: typed events, hash-chained with SM3 (prev_hash || canonical event).
CREATE TABLE audit_event (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commission_id uuid REFERENCES commission(id),
  at            timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id      uuid,
  actor_name    text,
  type          text NOT NULL,
  object_type   text,
  object_id     text,
  payload       jsonb NOT NULL DEFAULT '{}',
  request_id    text,
  ip            text,
  prev_hash     text NOT NULL,
  hash          text NOT NULL
);
CREATE INDEX audit_event_commission_at ON audit_event (commission_id, at DESC);
CREATE INDEX audit_event_commission_actor ON audit_event (commission_id, actor_id, at DESC);
CREATE INDEX audit_event_commission_object ON audit_event (commission_id, object_type, object_id);
CREATE INDEX audit_event_commission_type ON audit_event (commission_id, type, at DESC);

-- Working-day calendar: only exceptions are stored (holidays on weekdays, 调休 make-up workdays on weekends).
CREATE TABLE calendar_day (
  commission_id uuid NOT NULL REFERENCES commission(id),
  day           date NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('HOLIDAY','MAKEUP_WORKDAY')),
  name_zh       text NOT NULL,
  version       int NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commission_id, day)
);

-- Dictionaries: code lists with zh/en labels.
CREATE TABLE dictionary (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  code          text NOT NULL,
  name_zh       text NOT NULL,
  name_en       text NOT NULL,
  is_system     boolean NOT NULL DEFAULT false,
  version       int NOT NULL DEFAULT 1,
  UNIQUE (commission_id, code)
);
CREATE TABLE dictionary_item (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  dictionary_id uuid NOT NULL REFERENCES dictionary(id),
  code          text NOT NULL,
  label_zh      text NOT NULL,
  label_en      text NOT NULL,
  sort_order    int NOT NULL DEFAULT 0,
  active        boolean NOT NULL DEFAULT true,
  version       int NOT NULL DEFAULT 1,
  UNIQUE (dictionary_id, code)
);

-- Gap-free document numbers: 代字〔年〕N号. The counter row is locked in the issuing transaction.
CREATE TABLE doc_sequence (
  commission_id uuid NOT NULL REFERENCES commission(id),
  doc_code      text NOT NULL,
  year          int NOT NULL,
  last_no       int NOT NULL DEFAULT 0,
  PRIMARY KEY (commission_id, doc_code, year)
);
CREATE TABLE doc_number (
  commission_id uuid NOT NULL REFERENCES commission(id),
  doc_code      text NOT NULL,
  year          int NOT NULL,
  no            int NOT NULL,
  text          text NOT NULL,
  object_type   text NOT NULL,
  object_id     uuid,
  allocated_by  uuid,
  allocated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commission_id, doc_code, year, no)
);

-- Attachments live in PostgreSQL so one backup and one transaction hold record and file.
CREATE TABLE attachment (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id  uuid NOT NULL REFERENCES commission(id),
  owner_type     text NOT NULL,
  owner_id       uuid,
  owner_org_id   uuid REFERENCES org(id),
  filename       text NOT NULL,
  mime_type      text NOT NULL,
  size_bytes     int NOT NULL,
  sha256         text NOT NULL,
  classification text NOT NULL DEFAULT 'PUBLIC',
  content        bytea NOT NULL,
  created_by     uuid REFERENCES app_user(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachment_commission_owner ON attachment (commission_id, owner_type, owner_id);

-- In-app inbox. dedupe_key makes scheduled reminders idempotent.
CREATE TABLE inbox_message (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  user_id       uuid NOT NULL REFERENCES app_user(id),
  kind          text NOT NULL,
  title         text NOT NULL,
  body          text NOT NULL DEFAULT '',
  link          text,
  dedupe_key    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  read_at       timestamptz,
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX inbox_message_user ON inbox_message (commission_id, user_id, created_at DESC);

-- Per-commission settings (time limits not fixed by rules, password policy, timeouts).
CREATE TABLE setting (
  commission_id uuid NOT NULL REFERENCES commission(id),
  key           text NOT NULL,
  value         jsonb NOT NULL,
  version       int NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commission_id, key)
);

-- Idempotency keys for creates.
CREATE TABLE idempotency_key (
  user_id     uuid NOT NULL,
  key         text NOT NULL,
  status      int NOT NULL,
  response    jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

-- The one SQL definition of an account's organisational scope (need-to-know, domain.md d).
-- Returns the org ids whose business objects the account may see on day p_at.
CREATE FUNCTION actor_org_scope(p_user uuid, p_at date DEFAULT current_date)
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
  -- task forces the account is a member of today (专班, ends with valid_to)
  task_orgs AS (
    SELECT tfo.org_id FROM task_force_member tm
      JOIN task_force tf ON tf.id = tm.task_force_id
      JOIN task_force_org tfo ON tfo.task_force_id = tf.id
     WHERE tm.user_id = p_user AND tm.valid_from <= p_at AND tm.valid_to >= p_at
       AND (tf.valid_to IS NULL OR tf.valid_to >= p_at)
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

