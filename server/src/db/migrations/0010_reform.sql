-- 以案促改 (issue 5; domain.md b.5, c.5, c.6, f.1–f.3): reform records with their problem list and root
-- causes, recommendation letters (纪律检查建议书 / 监察建议书 / 纪检监察建议书) with consultation, review,
-- approval, a 发文字号 allocated in the issuing transaction, service, objection, reply and evaluation;
-- rectification tasks followed by the supervisor who recommended them (谁建议谁跟踪) and answered by the
-- recipient unit's contact person; accountability records (问责条例); bulletins (通报).

-- 以案促改 record: opened when a case is filed, or from a supervision finding or a campaign.
CREATE TABLE reform_record (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id   uuid NOT NULL REFERENCES commission(id),
  origin          text NOT NULL CHECK (origin IN ('CASE','FINDING','CAMPAIGN')),
  case_id         uuid REFERENCES case_file(id),
  finding_id      uuid REFERENCES supervision_finding(id),
  campaign_name   text,
  title           text NOT NULL,
  -- the unit (or sector lead unit) the reform concerns, and the sector for similar-case suggestions
  unit_org_id     uuid NOT NULL REFERENCES org(id),
  sector          text,
  -- the supervising office or group that runs it with the case team
  owner_org_id    uuid NOT NULL REFERENCES org(id),
  root_causes     text NOT NULL DEFAULT '',
  cause_categories text[] NOT NULL DEFAULT '{}',
  state           text NOT NULL DEFAULT 'COLLECTING' CHECK (state IN ('COLLECTING','ANALYSED','RECOMMENDED','CLOSED')),
  classification  text NOT NULL DEFAULT 'WORK_SECRET',
  created_by      uuid REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         int NOT NULL DEFAULT 1,
  CHECK ((origin = 'CASE') = (case_id IS NOT NULL)),
  CHECK ((origin = 'FINDING') = (finding_id IS NOT NULL))
);
CREATE UNIQUE INDEX reform_record_case ON reform_record (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX reform_record_owner ON reform_record (commission_id, owner_org_id, created_at DESC);
CREATE INDEX reform_record_unit ON reform_record (commission_id, unit_org_id);

-- 问题清单: problems noted during the investigation ("边查处、边发现、边剖析、边建议").
CREATE TABLE reform_problem (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id  uuid NOT NULL REFERENCES commission(id),
  record_id      uuid NOT NULL REFERENCES reform_record(id),
  seq            int NOT NULL,
  description    text NOT NULL,
  category       text NOT NULL CHECK (category IN ('SYSTEM_GAP','OVERSIGHT_WEAKNESS','POWER_CONCENTRATION','RISK_CONTROL','EDUCATION','CULTURE','OTHER')),
  found_on       date NOT NULL,
  created_by     uuid REFERENCES app_user(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (record_id, seq)
);

-- 建议书 (c.6). Numbered 兰纪建〔年〕N号 / 兰X监建〔年〕N号 when issued, in the issuing transaction.
CREATE TABLE recommendation (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id      uuid NOT NULL REFERENCES commission(id),
  record_id          uuid REFERENCES reform_record(id),
  type               text NOT NULL CHECK (type IN ('DISCIPLINE','SUPERVISION','COMBINED')),
  origin             text NOT NULL CHECK (origin IN ('CASE','SUPERVISION','CAMPAIGN','INSPECTION_TOUR','PETITION')),
  case_id            uuid REFERENCES case_file(id),
  drafting_org_id    uuid NOT NULL REFERENCES org(id),
  -- the issuing supervisor who follows the rectification (谁建议谁跟踪)
  supervisor_user_id uuid REFERENCES app_user(id),
  recipient_org_id   uuid NOT NULL REFERENCES org(id),
  recipient_name     text NOT NULL,
  title              text NOT NULL,
  background         text NOT NULL DEFAULT '',
  facts              text NOT NULL DEFAULT '',
  causes             text NOT NULL DEFAULT '',
  legal_basis        text[] NOT NULL DEFAULT '{}',
  reply_days         int NOT NULL DEFAULT 30 CHECK (reply_days BETWEEN 1 AND 365),
  objection_days     int NOT NULL DEFAULT 15 CHECK (objection_days BETWEEN 1 AND 90),
  objection_channel  text NOT NULL DEFAULT '',
  contact            text NOT NULL DEFAULT '',
  state              text NOT NULL DEFAULT 'DRAFTING' CHECK (state IN ('DRAFTING','CONSULTING','UNDER_REVIEW','APPROVED',
                       'ISSUED','SERVED','OBJECTED','RECTIFYING','REPLIED','EVALUATED','CLOSED','NON_COMPLIANT','ESCALATED','WITHDRAWN')),
  approved_by        uuid REFERENCES app_user(id),
  approved_at        timestamptz,
  doc_code           text,
  doc_year           int,
  doc_seq            int,
  doc_no             text,
  issued_on          date,
  served_on          date,
  receipt_signed_by  text,
  objection_due      date,
  objection          text,
  objection_answer   text,
  reply_due          date,
  reply              text,
  replied_on         date,
  evaluation         text,
  evaluation_score   int CHECK (evaluation_score BETWEEN 0 AND 100),
  evaluated_on       date,
  closed_on          date,
  escalation         text,
  docx_attachment_id uuid REFERENCES attachment(id),
  classification     text NOT NULL DEFAULT 'WORK_SECRET',
  created_by         uuid REFERENCES app_user(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            int NOT NULL DEFAULT 1,
  UNIQUE (commission_id, doc_code, doc_year, doc_seq),
  CHECK ((doc_no IS NULL) = (issued_on IS NULL))
);
CREATE INDEX recommendation_drafting ON recommendation (commission_id, drafting_org_id, created_at DESC, id);
CREATE INDEX recommendation_recipient ON recommendation (commission_id, recipient_org_id, created_at DESC, id);
CREATE INDEX recommendation_state ON recommendation (commission_id, state, reply_due);
CREATE INDEX recommendation_record ON recommendation (record_id) WHERE record_id IS NOT NULL;

-- Numbered recommendations, each with its deadline (f.2).
CREATE TABLE recommendation_item (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id     uuid NOT NULL REFERENCES commission(id),
  recommendation_id uuid NOT NULL REFERENCES recommendation(id),
  no                int NOT NULL,
  text              text NOT NULL,
  deadline          date NOT NULL,
  UNIQUE (recommendation_id, no)
);

-- 征求意见 during CONSULTING and the legal/trial review opinion (UNDER_REVIEW).
CREATE TABLE recommendation_opinion (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id     uuid NOT NULL REFERENCES commission(id),
  recommendation_id uuid NOT NULL REFERENCES recommendation(id),
  kind              text NOT NULL CHECK (kind IN ('CONSULTATION','REVIEW')),
  org_id            uuid REFERENCES org(id),
  org_name          text NOT NULL,
  opinion           text NOT NULL,
  recorded_by       uuid REFERENCES app_user(id),
  recorded_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recommendation_opinion_rec ON recommendation_opinion (recommendation_id);

CREATE TABLE recommendation_event (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commission_id     uuid NOT NULL REFERENCES commission(id),
  recommendation_id uuid NOT NULL REFERENCES recommendation(id),
  action            text NOT NULL,
  from_state        text,
  to_state          text,
  comment           text,
  actor_id          uuid REFERENCES app_user(id),
  at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recommendation_event_rec ON recommendation_event (commission_id, recommendation_id, id);

-- 整改任务 (c.5), from a letter's recommendation, a supervision finding, or by hand.
CREATE TABLE rectification_task (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id      uuid NOT NULL REFERENCES commission(id),
  source             text NOT NULL CHECK (source IN ('RECOMMENDATION','FINDING','MANUAL')),
  recommendation_id  uuid REFERENCES recommendation(id),
  recommendation_item_id uuid REFERENCES recommendation_item(id),
  finding_id         uuid REFERENCES supervision_finding(id),
  unit_org_id        uuid NOT NULL REFERENCES org(id),
  issue              text NOT NULL,
  required_outcome   text NOT NULL DEFAULT '',
  deadline           date NOT NULL,
  plan_due           date,
  responsible_person text,
  supervisor_user_id uuid NOT NULL REFERENCES app_user(id),
  supervisor_org_id  uuid NOT NULL REFERENCES org(id),
  state              text NOT NULL DEFAULT 'ASSIGNED' CHECK (state IN ('ASSIGNED','PLAN_SUBMITTED','IN_PROGRESS','REPORTED_DONE',
                       'RETURNED','VERIFIED','CLOSED','OVERDUE','ESCALATED')),
  plan               jsonb,
  escalation_step    text CHECK (escalation_step IN ('URGE','TALK','BULLETIN','ACCOUNTABILITY')),
  overdue_since      date,
  verified_on        date,
  closed_on          date,
  created_by         uuid REFERENCES app_user(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            int NOT NULL DEFAULT 1,
  CHECK ((source = 'RECOMMENDATION') = (recommendation_id IS NOT NULL)),
  CHECK ((source = 'FINDING') = (finding_id IS NOT NULL))
);
CREATE INDEX rectification_task_unit ON rectification_task (commission_id, unit_org_id, deadline, id);
CREATE INDEX rectification_task_supervisor ON rectification_task (commission_id, supervisor_org_id, deadline, id);
CREATE INDEX rectification_task_rec ON rectification_task (recommendation_id) WHERE recommendation_id IS NOT NULL;
CREATE INDEX rectification_task_open_due ON rectification_task (commission_id, deadline) WHERE state IN ('ASSIGNED','PLAN_SUBMITTED','IN_PROGRESS','RETURNED','OVERDUE');

-- Progress, evidence and the supervisor's reviews of a task, and its timeline.
CREATE TABLE rectification_update (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id  uuid NOT NULL REFERENCES commission(id),
  task_id        uuid NOT NULL REFERENCES rectification_task(id),
  kind           text NOT NULL CHECK (kind IN ('PLAN','PROGRESS','DONE_REPORT','REVIEW','ESCALATION','REMINDER')),
  content        text NOT NULL,
  attachment_ids uuid[] NOT NULL DEFAULT '{}',
  from_state     text,
  to_state       text,
  actor_id       uuid REFERENCES app_user(id),
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rectification_update_task ON rectification_update (commission_id, task_id, at);

-- 追责问责 (问责条例): target, method, basis, deciding body, dates; linked to a case, a campaign or a
-- failed rectification.
CREATE TABLE accountability (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id      uuid NOT NULL REFERENCES commission(id),
  target_kind        text NOT NULL CHECK (target_kind IN ('PARTY_ORG','LEADER')),
  target_name        text NOT NULL,
  target_org_id      uuid REFERENCES org(id),
  target_position    text,
  method             text NOT NULL CHECK (method IN ('INSPECTION','BULLETIN','REORGANISATION','ADMONITION','ORG_ADJUSTMENT','DISCIPLINARY')),
  basis              text NOT NULL,
  facts              text NOT NULL DEFAULT '',
  deciding_body      text NOT NULL,
  decided_on         date NOT NULL,
  procedure_due      date,
  case_id            uuid REFERENCES case_file(id),
  campaign_name      text,
  rectification_task_id uuid REFERENCES rectification_task(id),
  recommendation_id  uuid REFERENCES recommendation(id),
  owner_org_id       uuid NOT NULL REFERENCES org(id),
  created_by         uuid REFERENCES app_user(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  version            int NOT NULL DEFAULT 1,
  CHECK ((target_kind = 'PARTY_ORG' AND method IN ('INSPECTION','BULLETIN','REORGANISATION'))
      OR (target_kind = 'LEADER' AND method IN ('BULLETIN','ADMONITION','ORG_ADJUSTMENT','DISCIPLINARY')))
);
CREATE INDEX accountability_owner ON accountability (commission_id, owner_org_id, decided_on DESC);
CREATE INDEX accountability_target_org ON accountability (commission_id, target_org_id);

-- 通报: a bulletin rendered as DOCX (f.3).
CREATE TABLE bulletin (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id      uuid NOT NULL REFERENCES commission(id),
  type               text NOT NULL CHECK (type IN ('TYPICAL_CASES_EXPOSURE','CAMPAIGN_PROGRESS','INTERNAL','ACCOUNTABILITY')),
  scope              text NOT NULL CHECK (scope IN ('INTERNAL','SYSTEM','PUBLIC')),
  title              text NOT NULL,
  recipients         text NOT NULL DEFAULT '',
  body               text NOT NULL,
  owner_org_id       uuid NOT NULL REFERENCES org(id),
  doc_no             text,
  issued_on          date,
  docx_attachment_id uuid REFERENCES attachment(id),
  created_by         uuid REFERENCES app_user(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  version            int NOT NULL DEFAULT 1
);
CREATE INDEX bulletin_owner ON bulletin (commission_id, owner_org_id, created_at DESC);

INSERT INTO data_epoch (area, epoch) VALUES ('reform', 1);
CREATE FUNCTION bump_reform_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_epoch SET epoch = epoch + 1 WHERE area = 'reform';
  RETURN NULL;
END $$;
CREATE TRIGGER recommendation_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recommendation
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reform_epoch();
CREATE TRIGGER rectification_task_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rectification_task
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reform_epoch();
CREATE TRIGGER accountability_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON accountability
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reform_epoch();
