-- 抽调 / 传帮带 / 以干代训 (issue 15, domain.md b.5 Secondment). Cadres are the commission's own accounts;
-- a batch seconds them to a case's 审查调查组 or to a 专班 (a task force carrying a supervision check,
-- a 巡察 or a theme). The access comes only from that team membership, so every existing visibility
-- predicate applies unchanged; it ends on the batch's planned end date by the daily job secondments.expiry.

-- A case-team membership may carry a planned end (a secondment); the job sets left_on on that day.
ALTER TABLE case_team_member ADD COLUMN planned_end_on date;
CREATE INDEX case_team_member_planned_end ON case_team_member (planned_end_on) WHERE left_on IS NULL AND planned_end_on IS NOT NULL;

-- The pool: one profile per cadre account with skills from the dictionary (domain secondments/enums).
CREATE TABLE cadre_profile (
  user_id       uuid PRIMARY KEY REFERENCES app_user(id),
  commission_id uuid NOT NULL REFERENCES commission(id),
  skills        text[] NOT NULL DEFAULT '{}',
  note          text,
  version       int NOT NULL DEFAULT 1,
  updated_by    uuid REFERENCES app_user(id),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE secondment_batch (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id  uuid NOT NULL REFERENCES commission(id),
  name           text NOT NULL,
  purpose        text NOT NULL,
  target_kind    text NOT NULL CHECK (target_kind IN ('CASE','TASK_FORCE','SUPERVISION_CHECK','INSPECTION_TOUR')),
  case_id        uuid REFERENCES case_file(id),
  task_force_id  uuid REFERENCES task_force(id),
  planned_start  date NOT NULL,
  planned_end    date NOT NULL,
  version        int NOT NULL DEFAULT 1,
  created_by     uuid NOT NULL REFERENCES app_user(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (planned_end > planned_start),
  CHECK ((target_kind = 'CASE') = (case_id IS NOT NULL)),
  CHECK ((target_kind <> 'CASE') = (task_force_id IS NOT NULL))
);
CREATE INDEX secondment_batch_commission ON secondment_batch (commission_id, planned_start DESC);

-- A seconded cadre and the 师徒 pair (mentor, goals); the team row that carries the access.
CREATE TABLE secondment_member (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id         uuid NOT NULL REFERENCES commission(id),
  batch_id              uuid NOT NULL REFERENCES secondment_batch(id),
  user_id               uuid NOT NULL REFERENCES app_user(id),
  from_org_id           uuid NOT NULL REFERENCES org(id),
  role                  text NOT NULL,
  mentor_id             uuid REFERENCES app_user(id),
  goals                 text,
  case_team_member_id   uuid REFERENCES case_team_member(id),
  task_force_member_id  uuid REFERENCES task_force_member(id),
  ended_on              date,
  version               int NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (mentor_id IS NULL OR mentor_id <> user_id),
  CHECK ((case_team_member_id IS NULL) <> (task_force_member_id IS NULL))
);
CREATE UNIQUE INDEX secondment_member_once ON secondment_member (batch_id, user_id);
CREATE INDEX secondment_member_user ON secondment_member (user_id);
CREATE INDEX secondment_member_mentor ON secondment_member (mentor_id) WHERE mentor_id IS NOT NULL;

-- Periodic evaluations of a seconded cadre (by the mentor or the 干部监督室); the latest feeds the pool.
CREATE TABLE secondment_evaluation (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  member_id     uuid NOT NULL REFERENCES secondment_member(id),
  evaluated_on  date NOT NULL,
  score         int NOT NULL CHECK (score BETWEEN 0 AND 100),
  comment       text NOT NULL,
  by_user       uuid NOT NULL REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX secondment_evaluation_member ON secondment_evaluation (member_id, evaluated_on DESC);
