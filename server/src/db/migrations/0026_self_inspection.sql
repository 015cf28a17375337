-- 自查自纠 (domain.md b.5 SelfInspectionReport, c.4 SELF_INSPECTION): a campaign's checklist of N aspects
-- (校园餐: 8), its target units (county education bureaus, schools: HOST_UNIT orgs) with their contact,
-- rounds (发送批次) with a due date, and one response per (round, unit, aspect) that the unit contact
-- (UNIT_LIAISON) answers in the portal and the 专班 reviews.

CREATE TABLE self_inspection_template (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  campaign_id   uuid NOT NULL UNIQUE REFERENCES campaign(id),
  title         text NOT NULL CHECK (char_length(title) BETWEEN 2 AND 100),
  created_by    uuid REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       int NOT NULL DEFAULT 1
);

CREATE TABLE self_inspection_aspect (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  template_id   uuid NOT NULL REFERENCES self_inspection_template(id),
  code          text NOT NULL CHECK (code ~ '^[A-Z0-9_]{1,20}$'),
  title         text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 60),
  guidance      text NOT NULL DEFAULT '',
  sort_order    int NOT NULL,
  UNIQUE (template_id, code)
);

-- 自查对象: the units a campaign sends its checklist to, with the contact named on the import sheet.
CREATE TABLE self_inspection_unit (
  campaign_id   uuid NOT NULL REFERENCES campaign(id),
  org_id        uuid NOT NULL REFERENCES org(id),
  commission_id uuid NOT NULL REFERENCES commission(id),
  contact_name  text NOT NULL DEFAULT '',
  contact_phone text NOT NULL DEFAULT '',
  added_by      uuid REFERENCES app_user(id),
  added_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, org_id)
);
CREATE INDEX self_inspection_unit_org ON self_inspection_unit (org_id);

-- 发送批次: the checklist sent to target units, to be answered by due_on.
CREATE TABLE self_inspection_round (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  campaign_id   uuid NOT NULL REFERENCES campaign(id),
  seq           int NOT NULL CHECK (seq > 0),
  title         text NOT NULL CHECK (char_length(title) BETWEEN 2 AND 100),
  due_on        date NOT NULL,
  sent_by       uuid REFERENCES app_user(id),
  sent_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, seq)
);

-- One answer per (round, unit, aspect). PENDING = sent, not yet started (grey light).
CREATE TABLE self_inspection_response (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id     uuid NOT NULL REFERENCES commission(id),
  campaign_id       uuid NOT NULL REFERENCES campaign(id),
  round_id          uuid NOT NULL REFERENCES self_inspection_round(id),
  unit_id           uuid NOT NULL REFERENCES org(id),
  aspect_id         uuid NOT NULL REFERENCES self_inspection_aspect(id),
  -- copied from the round so the matrix light and the overdue sweep need no join
  due_on            date NOT NULL,
  status            text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','DRAFT','SUBMITTED','RETURNED','ACCEPTED')),
  problems_text     text NOT NULL DEFAULT '',
  problems_count    int NOT NULL DEFAULT 0 CHECK (problems_count BETWEEN 0 AND 100000),
  corrected_count   int NOT NULL DEFAULT 0 CHECK (corrected_count BETWEEN 0 AND 100000 AND corrected_count <= problems_count),
  corrected_text    text NOT NULL DEFAULT '',
  plan              text NOT NULL DEFAULT '',
  evidence_ids      uuid[] NOT NULL DEFAULT '{}',
  answered_by       uuid REFERENCES app_user(id),
  answered_at       timestamptz,
  submitted_at      timestamptz,
  reviewed_by       uuid REFERENCES app_user(id),
  reviewed_at       timestamptz,
  review_comment    text,
  overdue_marked_at timestamptz,
  version           int NOT NULL DEFAULT 1,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (round_id, unit_id, aspect_id)
);
-- The unit × aspect matrix of one round: one index range, units in order, aspects inside.
CREATE INDEX self_inspection_response_matrix ON self_inspection_response (campaign_id, round_id, unit_id, aspect_id)
  INCLUDE (status, due_on, overdue_marked_at, problems_count, corrected_count);
-- The unit contact's portal: their unit's rounds.
CREATE INDEX self_inspection_response_unit ON self_inspection_response (unit_id, round_id);
-- The daily overdue sweep: only unanswered, unmarked rows.
CREATE INDEX self_inspection_response_due ON self_inspection_response (due_on)
  WHERE overdue_marked_at IS NULL AND status IN ('PENDING','DRAFT','RETURNED');
