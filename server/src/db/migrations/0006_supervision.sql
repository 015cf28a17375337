-- Annual supervision lists (共性 + 个性清单), items with their state machine (domain.md b.3, c.3),
-- 室组会商 records, progress reports, findings, the coordinator's common items fanned out to groups,
-- and zone collaboration activities (片区协作).

-- A common item written once by the 党风政风监督室 and issued to many groups (one tracked item each).
CREATE TABLE common_item (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id       uuid NOT NULL REFERENCES commission(id),
  year                int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  seq                 int NOT NULL,
  matter              text NOT NULL,
  bases               text[] NOT NULL DEFAULT '{}',
  methods             text[] NOT NULL DEFAULT '{}',
  frequency           text,
  due_date            date,
  coordinator_office_id uuid NOT NULL REFERENCES org(id),
  created_by          uuid REFERENCES app_user(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  version             int NOT NULL DEFAULT 1,
  UNIQUE (commission_id, year, seq)
);

-- One list per group, year and type.
CREATE TABLE supervision_list (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id         uuid NOT NULL REFERENCES commission(id),
  year                  int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  type                  text NOT NULL CHECK (type IN ('COMMON','INDIVIDUAL')),
  title                 text NOT NULL,
  owner_group_id        uuid NOT NULL REFERENCES org(id),
  liaison_office_id     uuid NOT NULL REFERENCES org(id),
  coordinator_office_id uuid NOT NULL REFERENCES org(id),
  host_unit_ids         uuid[] NOT NULL DEFAULT '{}',
  bases                 text[] NOT NULL DEFAULT '{}',
  approved_by           uuid REFERENCES app_user(id),
  approved_at           timestamptz,
  classification        text NOT NULL DEFAULT 'WORK_SECRET',
  created_by            uuid REFERENCES app_user(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  version               int NOT NULL DEFAULT 1,
  UNIQUE (commission_id, year, type, owner_group_id)
);
CREATE INDEX supervision_list_commission_group ON supervision_list (commission_id, owner_group_id, year);
CREATE INDEX supervision_list_commission_liaison ON supervision_list (commission_id, liaison_office_id, year);
CREATE INDEX supervision_list_commission_year ON supervision_list (commission_id, year, type);

CREATE TABLE supervision_item (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id         uuid NOT NULL REFERENCES commission(id),
  list_id               uuid NOT NULL REFERENCES supervision_list(id),
  seq                   int NOT NULL,
  matter                text NOT NULL,
  bases                 text[] NOT NULL DEFAULT '{}',
  lead_side             text NOT NULL CHECK (lead_side IN ('OFFICE','GROUP','COUNTY')),
  lead_org_id           uuid NOT NULL REFERENCES org(id),
  assist_side           text CHECK (assist_side IN ('OFFICE','GROUP','COUNTY')),
  assist_org_id         uuid REFERENCES org(id),
  responsible_user_ids  uuid[] NOT NULL DEFAULT '{}',
  host_unit_ids         uuid[] NOT NULL DEFAULT '{}',
  methods               text[] NOT NULL DEFAULT '{}',
  frequency             text,
  due_date              date,
  state                 text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT','CONSULTED','APPROVED','IN_PROGRESS',
                          'ISSUE_FOUND','COMPLETED','CLOSED','ADJUSTED','CANCELLED')),
  previous_state        text,
  common_item_id        uuid REFERENCES common_item(id),
  ordered_by            uuid REFERENCES app_user(id),
  pending_adjustment    jsonb,
  last_progress_at      timestamptz,
  completed_at          timestamptz,
  closed_at             timestamptz,
  created_by            uuid REFERENCES app_user(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  version               int NOT NULL DEFAULT 1,
  CHECK ((assist_side IS NULL) = (assist_org_id IS NULL)),
  UNIQUE (list_id, seq)
);
CREATE INDEX supervision_item_commission_list ON supervision_item (commission_id, list_id);
CREATE INDEX supervision_item_commission_lead ON supervision_item (commission_id, lead_org_id, state);
CREATE INDEX supervision_item_commission_assist ON supervision_item (commission_id, assist_org_id, state) WHERE assist_org_id IS NOT NULL;
CREATE INDEX supervision_item_commission_common ON supervision_item (commission_id, common_item_id) WHERE common_item_id IS NOT NULL;
CREATE INDEX supervision_item_commission_due ON supervision_item (commission_id, due_date) WHERE state IN ('APPROVED','IN_PROGRESS','ISSUE_FOUND','ADJUSTED');
CREATE INDEX supervision_item_responsible ON supervision_item USING gin (responsible_user_ids);

-- Every transition of an item, for its timeline (the audit trail holds the same facts, hash-chained).
CREATE TABLE supervision_item_event (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commission_id uuid NOT NULL REFERENCES commission(id),
  item_id       uuid NOT NULL REFERENCES supervision_item(id),
  action        text NOT NULL,
  from_state    text,
  to_state      text NOT NULL,
  comment       text,
  actor_id      uuid REFERENCES app_user(id),
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_item_event_item ON supervision_item_event (commission_id, item_id, id);

-- 室组会商 record of a list: date, place, participants, opinions.
CREATE TABLE list_consultation (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  list_id       uuid NOT NULL REFERENCES supervision_list(id),
  held_on       date NOT NULL,
  place         text,
  participants  jsonb NOT NULL DEFAULT '[]',
  opinions      text NOT NULL,
  created_by    uuid REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX list_consultation_list ON list_consultation (commission_id, list_id);

-- Periodic progress report of an item (text + attachments).
CREATE TABLE item_progress (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id  uuid NOT NULL REFERENCES commission(id),
  item_id        uuid NOT NULL REFERENCES supervision_item(id),
  period         text,
  content        text NOT NULL,
  attachment_ids uuid[] NOT NULL DEFAULT '{}',
  reported_by    uuid REFERENCES app_user(id),
  reported_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX item_progress_item ON item_progress (commission_id, item_id, reported_at DESC);

-- Zone collaboration activity (片区协作): a joint activity of a work zone in one of its modes.
CREATE TABLE zone_activity (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id    uuid NOT NULL REFERENCES commission(id),
  zone_id          uuid NOT NULL REFERENCES work_zone(id),
  mode             text NOT NULL CHECK (mode IN ('ROUTINE_JOINT','SPECIAL','MULTI_LEVEL')),
  title            text NOT NULL,
  held_from        date NOT NULL,
  held_to          date,
  participant_org_ids uuid[] NOT NULL DEFAULT '{}',
  summary          text NOT NULL DEFAULT '',
  outcomes         text NOT NULL DEFAULT '',
  created_by       uuid REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  version          int NOT NULL DEFAULT 1,
  CHECK (held_to IS NULL OR held_to >= held_from)
);
CREATE INDEX zone_activity_zone ON zone_activity (commission_id, zone_id, held_from DESC);

-- A finding of supervision (an item or a zone activity) with its proposed disposition. Later issues
-- (clues, rectification, recommendations) pick findings up through handed_over_* .
CREATE TABLE supervision_finding (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id    uuid NOT NULL REFERENCES commission(id),
  item_id          uuid REFERENCES supervision_item(id),
  zone_activity_id uuid REFERENCES zone_activity(id),
  org_id           uuid NOT NULL REFERENCES org(id),
  description      text NOT NULL,
  disposition      text NOT NULL CHECK (disposition IN ('RECTIFY','CLUE','RECOMMENDATION','NONE')),
  host_unit_id     uuid REFERENCES org(id),
  handed_over_type text,
  handed_over_id   uuid,
  handed_over_at   timestamptz,
  created_by       uuid REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((item_id IS NULL) <> (zone_activity_id IS NULL))
);
CREATE INDEX supervision_finding_item ON supervision_finding (commission_id, item_id);
CREATE INDEX supervision_finding_activity ON supervision_finding (commission_id, zone_activity_id);
