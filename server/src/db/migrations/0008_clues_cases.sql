-- Problem clues from intake to disposition and cases from filing to decision (domain.md b.4, c.1, c.2):
-- the clue book with its sealed complainant identity, requests and their approval chains, 谈话函询,
-- 初步核实 with its team, screening meetings, cases with their teams, measures, outcomes, and the
-- interference register. Full-text search columns are filled by the application (jieba segmentation).

-- 问题线索. The complainant's identity is sealed (SM4, platform/crypto.ts) and readable by the 信访室 only.
CREATE TABLE clue (
  id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id              uuid NOT NULL REFERENCES commission(id),
  -- 逐件编号, allocated by the 案管室 at registration: year + gap-free sequence.
  year                       int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  seq                        int,
  clue_no                    text,
  source                     text NOT NULL CHECK (source IN ('PETITION_LETTER','PETITION_VISIT','PETITION_PHONE',
                               'PETITION_ONLINE','FOUND_IN_SUPERVISION','FOUND_IN_INVESTIGATION','INSPECTION_TOUR','AUDIT',
                               'LAW_ENFORCEMENT','JUDICIAL','SUPERIOR_ASSIGNED','DATA_ALERT','CAMPAIGN_SCREENING','OTHER')),
  source_ref_type            text,
  source_ref_id              uuid,
  received_on                date NOT NULL,
  received_by                uuid REFERENCES app_user(id),
  -- the org that received it (信访室, or the department that found it and files it with the 案管室)
  receiving_org_id           uuid NOT NULL REFERENCES org(id),
  registered_at              timestamptz,
  real_name                  boolean NOT NULL DEFAULT false,
  complainant_cipher         bytea,
  title                      text NOT NULL,
  summary                    text NOT NULL,
  issue_types                text[] NOT NULL DEFAULT '{}',
  -- 被反映人 (the main subject); co-parties arrive as merged clues (同案人员)
  subject_name               text NOT NULL,
  subject_person_id          uuid REFERENCES person(id),
  subject_org_id             uuid REFERENCES org(id),
  subject_position           text,
  cadre_management           text NOT NULL DEFAULT 'OTHER' CHECK (cadre_management IN ('SAME_LEVEL_PARTY','LOWER','OTHER')),
  is_subordinate_top_leader  boolean NOT NULL DEFAULT false,
  proposed_undertaking_org_id uuid REFERENCES org(id),
  undertaking_org_id         uuid REFERENCES org(id),
  state                      text NOT NULL DEFAULT 'RECEIVED' CHECK (state IN ('RECEIVED','REGISTERED','ASSIGNED',
                               'UNDER_ANALYSIS','DISPOSITION_PROPOSED','TALK_INQUIRY','TALK_INQUIRY_REPORTED',
                               'PRELIM_VERIFICATION','PRELIM_REPORTED','PENDING_HOLD','CASE_PROPOSED','CLOSED',
                               'CLOSED_FIRST_FORM','TRANSFERRED_OUT','TRANSFERRED_TO_PARTY_ORG','MERGED',
                               'FALSE_ACCUSATION','CASE_FILED','REOPENED')),
  -- the disposition method proposed by the undertaking department (DISPOSITION_PROPOSED)
  proposed_method            text CHECK (proposed_method IN ('TALK_INQUIRY','PRELIM_VERIFICATION','PENDING_HOLD','CLOSE')),
  -- 予以了结: 不查而结 / 谈话函询后了结 / 初核后了结
  closed_kind                text CHECK (closed_kind IN ('DIRECT','AFTER_INQUIRY','AFTER_VERIFICATION')),
  closed_on                  date,
  -- legal time limits (domain/src/clues/deadlines.ts), computed on the commission's working calendar
  propose_due                date NOT NULL,
  acknowledge_due            date,
  acknowledged_on            date,
  assigned_case_due          date,
  extensions                 int NOT NULL DEFAULT 0,
  inquiry_reply_due          date,
  inquiry_report_due         date,
  hold_review_due            date,
  feedback_due               date,
  feedback_on                date,
  merged_into_id             uuid REFERENCES clue(id),
  merge_kind                 text CHECK (merge_kind IN ('DUPLICATE','CO_PARTY')),
  case_id                    uuid,
  classification             text NOT NULL DEFAULT 'WORK_SECRET',
  search_tsv                 tsvector,
  created_by                 uuid REFERENCES app_user(id),
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  version                    int NOT NULL DEFAULT 1,
  UNIQUE (commission_id, year, seq),
  CHECK ((seq IS NULL) = (clue_no IS NULL)),
  CHECK ((merged_into_id IS NULL) = (merge_kind IS NULL))
);
CREATE INDEX clue_ledger ON clue (commission_id, received_on DESC, id);
CREATE INDEX clue_undertaking ON clue (commission_id, undertaking_org_id, received_on DESC, id);
CREATE INDEX clue_subject_org ON clue (commission_id, subject_org_id, received_on DESC, id);
CREATE INDEX clue_state ON clue (commission_id, state);
CREATE INDEX clue_propose_due ON clue (commission_id, propose_due) WHERE state IN ('RECEIVED','REGISTERED','ASSIGNED','UNDER_ANALYSIS','REOPENED');
CREATE INDEX clue_subject_person ON clue (subject_person_id) WHERE subject_person_id IS NOT NULL;
CREATE INDEX clue_search ON clue USING gin (search_tsv) WITH (fastupdate = off);

-- A proposed action waiting for its approval chain (approvalChain() in domain/src/clues/machine.ts):
-- 分办, a disposition, 立案, 了结, 诬告 … One open request per clue at a time.
CREATE TABLE clue_request (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  clue_id       uuid NOT NULL REFERENCES clue(id),
  action        text NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}',
  rationale     text NOT NULL DEFAULT '',
  chain         text[] NOT NULL,
  next_step     int NOT NULL DEFAULT 0,
  status        text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','APPROVED','REJECTED','WITHDRAWN')),
  requested_by  uuid REFERENCES app_user(id),
  requested_at  timestamptz NOT NULL DEFAULT now(),
  decided_at    timestamptz,
  version       int NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX clue_request_one_open ON clue_request (clue_id) WHERE status = 'PENDING';
CREATE INDEX clue_request_pending ON clue_request (commission_id, status, requested_at);

-- One decision of one approver on a request (批示).
CREATE TABLE clue_approval (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  request_id    uuid NOT NULL REFERENCES clue_request(id),
  step          int NOT NULL,
  approver_kind text NOT NULL CHECK (approver_kind IN ('OVERSEEING_LEADER','PRINCIPAL_LEADER','PARTY_COMMITTEE_SECRETARY','UPPER_COMMISSION')),
  decision      text NOT NULL CHECK (decision IN ('APPROVED','REJECTED')),
  comment       text NOT NULL DEFAULT '',
  decided_by    uuid NOT NULL REFERENCES app_user(id),
  decided_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (request_id, step)
);

-- Timeline of a clue (the audit trail holds the same facts, hash-chained).
CREATE TABLE clue_event (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commission_id uuid NOT NULL REFERENCES commission(id),
  clue_id       uuid NOT NULL REFERENCES clue(id),
  action        text NOT NULL,
  from_state    text,
  to_state      text,
  comment       text,
  payload       jsonb,
  actor_id      uuid REFERENCES app_user(id),
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clue_event_clue ON clue_event (commission_id, clue_id, id);

-- 谈话函询: one round (a clue may have several when repeated).
CREATE TABLE clue_inquiry (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id         uuid NOT NULL REFERENCES commission(id),
  clue_id               uuid NOT NULL REFERENCES clue(id),
  round                 int NOT NULL,
  form                  text NOT NULL CHECK (form IN ('TALK','LETTER','BOTH')),
  talked_by             text,
  accompanied_by        text,
  talk_on               date,
  letter_sent_on        date,
  letter_received_on    date,
  reply_due             date,
  replied_on            date,
  reply_signed_by_unit_leader boolean NOT NULL DEFAULT false,
  report_due            date,
  reported_on           date,
  report                text,
  outcome               text CHECK (outcome IN ('ACCEPT_AND_CLOSE','FIRST_FORM','REPEAT_INQUIRY','PROPOSE_PRELIM','FALSE_ACCUSATION')),
  first_form_measure    text,
  filed_to_integrity_file boolean NOT NULL DEFAULT false,
  created_by            uuid REFERENCES app_user(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  version               int NOT NULL DEFAULT 1,
  UNIQUE (clue_id, round)
);

-- 初步核实: plan, measures and the report every member of the 核查组 signs.
CREATE TABLE clue_verification (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id  uuid NOT NULL REFERENCES commission(id),
  clue_id        uuid NOT NULL REFERENCES clue(id),
  round          int NOT NULL,
  plan           text NOT NULL DEFAULT '',
  measures       text[] NOT NULL DEFAULT '{}',
  started_on     date NOT NULL,
  target_due     date,
  report         jsonb,
  proposal       text CHECK (proposal IN ('PROPOSE_FILING','CLOSE','REMIND_TALK','PENDING_HOLD','TRANSFER_TO_PARTY_ORG')),
  reported_on    date,
  created_by     uuid REFERENCES app_user(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  version        int NOT NULL DEFAULT 1,
  UNIQUE (clue_id, round)
);

-- 核查组 members; a member sees the clue while on the team (left_on IS NULL) and signs the report.
CREATE TABLE clue_team_member (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id   uuid NOT NULL REFERENCES commission(id),
  clue_id         uuid NOT NULL REFERENCES clue(id),
  verification_id uuid NOT NULL REFERENCES clue_verification(id),
  user_id         uuid NOT NULL REFERENCES app_user(id),
  role            text NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('LEAD','MEMBER')),
  signed_at       timestamptz,
  joined_on       date NOT NULL DEFAULT current_date,
  left_on         date,
  UNIQUE (verification_id, user_id)
);
CREATE INDEX clue_team_member_user ON clue_team_member (user_id, clue_id) WHERE left_on IS NULL;

-- 集体排查 / 线索专题会: a clue-screening meeting with its participants and a decision per clue.
CREATE TABLE clue_meeting (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id    uuid NOT NULL REFERENCES commission(id),
  org_id           uuid NOT NULL REFERENCES org(id),
  title            text NOT NULL,
  held_on          date NOT NULL,
  place            text,
  chair_user_id    uuid REFERENCES app_user(id),
  participant_user_ids uuid[] NOT NULL DEFAULT '{}',
  participants_text text NOT NULL DEFAULT '',
  minutes          text NOT NULL DEFAULT '',
  created_by       uuid REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  version          int NOT NULL DEFAULT 1
);
CREATE INDEX clue_meeting_org ON clue_meeting (commission_id, org_id, held_on DESC);

CREATE TABLE clue_meeting_item (
  meeting_id  uuid NOT NULL REFERENCES clue_meeting(id),
  clue_id     uuid NOT NULL REFERENCES clue(id),
  method      text CHECK (method IN ('TALK_INQUIRY','PRELIM_VERIFICATION','PENDING_HOLD','CLOSE')),
  decision    text NOT NULL,
  PRIMARY KEY (meeting_id, clue_id)
);
CREATE INDEX clue_meeting_item_clue ON clue_meeting_item (clue_id);

-- 案件 (立案审查调查). `case` is an SQL keyword; the table is case_file.
CREATE TABLE case_file (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id         uuid NOT NULL REFERENCES commission(id),
  year                  int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  seq                   int NOT NULL,
  case_no               text NOT NULL,
  title                 text NOT NULL,
  summary               text NOT NULL DEFAULT '',
  subject_name          text NOT NULL,
  subject_person_id     uuid REFERENCES person(id),
  subject_org_id        uuid REFERENCES org(id),
  subject_position      text,
  cadre_management      text NOT NULL DEFAULT 'OTHER' CHECK (cadre_management IN ('SAME_LEVEL_PARTY','LOWER','OTHER')),
  track_disciplinary    boolean NOT NULL DEFAULT true,
  track_supervisory     boolean NOT NULL DEFAULT true,
  -- the undertaking (lead) department: an 审查调查室, a dispatched group or a county commission
  lead_org_id           uuid NOT NULL REFERENCES org(id),
  state                 text NOT NULL DEFAULT 'FILING_PROPOSED' CHECK (state IN ('FILING_PROPOSED','FILED','PLAN_APPROVED',
                          'ANNOUNCED','INVESTIGATING','FACTS_CONFIRMED','INVESTIGATION_REPORTED','IN_TRIAL',
                          'SUPPLEMENT_REQUESTED','TRIAL_DELIBERATED','DECIDED','PROSECUTION_TRANSFERRED',
                          'SANCTION_ANNOUNCED','EXECUTED','ARCHIVED','REVOKED')),
  party_committee_approved boolean NOT NULL DEFAULT false,
  filed_on              date,
  plan                  text NOT NULL DEFAULT '',
  plan_meeting          text,
  plan_approved_on      date,
  announced_on          date,
  facts_confirmed_on    date,
  investigation_report  text,
  investigation_reported_on date,
  trial_received_on     date,
  trial_due             date,
  trial_extended        boolean NOT NULL DEFAULT false,
  trial_talk_on         date,
  trial_report          text,
  deliberated_on        date,
  decided_on            date,
  decision_announce_due date,
  decision_announced_on date,
  execution_report_due  date,
  executed_on           date,
  archived_on           date,
  revoked_on            date,
  revoke_reason         text,
  classification        text NOT NULL DEFAULT 'WORK_SECRET',
  search_tsv            tsvector,
  created_by            uuid REFERENCES app_user(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  version               int NOT NULL DEFAULT 1,
  UNIQUE (commission_id, year, seq)
);
CREATE INDEX case_file_lead ON case_file (commission_id, lead_org_id, filed_on DESC, id);
CREATE INDEX case_file_subject_org ON case_file (commission_id, subject_org_id, filed_on DESC, id);
CREATE INDEX case_file_state ON case_file (commission_id, state);
CREATE INDEX case_file_search ON case_file USING gin (search_tsv) WITH (fastupdate = off);
ALTER TABLE clue ADD CONSTRAINT clue_case FOREIGN KEY (case_id) REFERENCES case_file(id);

-- The clues a case was filed on (a case may join several clues, e.g. 同案人员).
CREATE TABLE case_clue (
  case_id uuid NOT NULL REFERENCES case_file(id),
  clue_id uuid NOT NULL REFERENCES clue(id),
  PRIMARY KEY (case_id, clue_id)
);
CREATE INDEX case_clue_clue ON case_clue (clue_id);

-- 室组联合办案: the 审查调查组 draws on an office, dispatched groups and counties; the 审理组 is separate.
-- A member sees the case while on the team (left_on IS NULL). Rows are never deleted: having been on the
-- investigation team is what bars a person from the trial team.
CREATE TABLE case_team_member (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  case_id       uuid NOT NULL REFERENCES case_file(id),
  team          text NOT NULL CHECK (team IN ('INVESTIGATION','TRIAL')),
  user_id       uuid NOT NULL REFERENCES app_user(id),
  org_id        uuid NOT NULL REFERENCES org(id),
  role          text NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('LEAD','DEPUTY_LEAD','MEMBER')),
  joined_on     date NOT NULL DEFAULT current_date,
  left_on       date,
  added_by      uuid REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX case_team_member_active ON case_team_member (case_id, team, user_id) WHERE left_on IS NULL;
CREATE INDEX case_team_member_user ON case_team_member (user_id, case_id) WHERE left_on IS NULL;

-- Investigative measures with their legal limits (留置 ≤ 3 + 3 months, 管护 7 (+3) days …).
CREATE TABLE case_measure (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id   uuid NOT NULL REFERENCES commission(id),
  case_id         uuid NOT NULL REFERENCES case_file(id),
  kind            text NOT NULL,
  started_on      date NOT NULL,
  due_on          date,
  extended        boolean NOT NULL DEFAULT false,
  upper_approved  boolean NOT NULL DEFAULT false,
  ended_on        date,
  note            text NOT NULL DEFAULT '',
  created_by      uuid REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  version         int NOT NULL DEFAULT 1
);
CREATE INDEX case_measure_case ON case_measure (commission_id, case_id);

-- 退回补充证据 loops: time in supplement does not count against the trial limit.
CREATE TABLE case_supplement (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  case_id       uuid NOT NULL REFERENCES case_file(id),
  requested_on  date NOT NULL,
  reason        text NOT NULL,
  returned_on   date,
  requested_by  uuid REFERENCES app_user(id)
);
CREATE INDEX case_supplement_case ON case_supplement (case_id);

-- Outcomes of a decision, each with its 四种形态.
CREATE TABLE case_outcome (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id  uuid NOT NULL REFERENCES commission(id),
  case_id        uuid NOT NULL REFERENCES case_file(id),
  kind           text NOT NULL CHECK (kind IN ('FIRST_FORM_MEASURE','PARTY_SANCTION','ADMIN_SANCTION',
                   'ORGANISATIONAL_MEASURE','ACCOUNTABILITY','PROSECUTION','RECOMMENDATION','REVOCATION')),
  detail         text,
  four_form      text CHECK (four_form IN ('FIRST','SECOND','THIRD','FOURTH')),
  period_months  int,
  note           text NOT NULL DEFAULT '',
  decided_on     date NOT NULL,
  created_by     uuid REFERENCES app_user(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_outcome_case ON case_outcome (commission_id, case_id);
CREATE INDEX case_outcome_form ON case_outcome (commission_id, four_form, decided_on);

CREATE TABLE case_event (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commission_id uuid NOT NULL REFERENCES commission(id),
  case_id       uuid NOT NULL REFERENCES case_file(id),
  action        text NOT NULL,
  from_state    text,
  to_state      text,
  comment       text,
  payload       jsonb,
  actor_id      uuid REFERENCES app_user(id),
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_event_case ON case_event (commission_id, case_id, id);

-- 打听案情、说情干预登记: any staff member files; the 干部监督室 reads them all.
CREATE TABLE interference_record (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id    uuid NOT NULL REFERENCES commission(id),
  case_id          uuid REFERENCES case_file(id),
  clue_id          uuid REFERENCES clue(id),
  kind             text NOT NULL CHECK (kind IN ('ENQUIRY','INTERCESSION','INTERFERENCE')),
  enquirer_name    text NOT NULL,
  enquirer_unit    text,
  enquirer_position text,
  channel          text NOT NULL CHECK (channel IN ('IN_PERSON','PHONE','MESSAGE','LETTER','OTHER')),
  content          text NOT NULL,
  occurred_at      timestamptz NOT NULL,
  reported_to      text,
  handling         text NOT NULL DEFAULT '',
  recorded_by      uuid NOT NULL REFERENCES app_user(id),
  recorder_org_id  uuid NOT NULL REFERENCES org(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interference_record_commission ON interference_record (commission_id, occurred_at DESC);
CREATE INDEX interference_record_recorder ON interference_record (recorded_by, occurred_at DESC);

-- Dashboards of this area are cached per node and keyed by this epoch (as 'supervision', migration 0007).
INSERT INTO data_epoch (area, epoch) VALUES ('clues', 1);
CREATE FUNCTION bump_clues_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_epoch SET epoch = epoch + 1 WHERE area = 'clues';
  RETURN NULL;
END $$;
CREATE TRIGGER clue_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON clue
  FOR EACH STATEMENT EXECUTE FUNCTION bump_clues_epoch();
CREATE TRIGGER case_file_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON case_file
  FOR EACH STATEMENT EXECUTE FUNCTION bump_clues_epoch();
CREATE TRIGGER case_outcome_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON case_outcome
  FOR EACH STATEMENT EXECUTE FUNCTION bump_clues_epoch();
