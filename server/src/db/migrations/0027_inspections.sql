-- 联合抽查 / 明察暗访 (四不两直, domain.md b.5 Inspection / Finding, c.4 CHECKING): a check of a campaign
-- with its team and target units, kept secret until its visit date (the predicate lives in
-- modules/inspections/visibility.ts), its findings, and the one-step hand-over of a finding.

CREATE TABLE inspection (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id   uuid NOT NULL REFERENCES commission(id),
  campaign_id     uuid NOT NULL REFERENCES campaign(id),
  type            text NOT NULL CHECK (type IN ('JOINT_SPOT_CHECK','UNANNOUNCED','FOLLOW_UP')),
  title           text NOT NULL CHECK (char_length(title) BETWEEN 2 AND 200),
  -- 计划检查日期: before it, only the team and the approvers know the check exists.
  visit_on        date NOT NULL,
  state           text NOT NULL DEFAULT 'PLANNED' CHECK (state IN ('PLANNED','DONE','CANCELLED')),
  approved_by     uuid REFERENCES app_user(id),
  approved_at     timestamptz,
  report          text,
  done_on         date,
  cancel_reason   text,
  classification  text NOT NULL DEFAULT 'WORK_SECRET',
  created_by      uuid NOT NULL REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         int NOT NULL DEFAULT 1,
  CHECK ((state = 'DONE') = (done_on IS NOT NULL)),
  CHECK ((approved_by IS NULL) = (approved_at IS NULL))
);
CREATE INDEX inspection_campaign ON inspection (commission_id, campaign_id, visit_on DESC);

CREATE TABLE inspection_team (
  inspection_id uuid NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  user_id       uuid NOT NULL REFERENCES app_user(id),
  role          text NOT NULL CHECK (role IN ('LEADER','MEMBER')),
  PRIMARY KEY (inspection_id, user_id)
);
CREATE INDEX inspection_team_user ON inspection_team (user_id);
CREATE UNIQUE INDEX inspection_team_one_leader ON inspection_team (inspection_id) WHERE role = 'LEADER';

CREATE TABLE inspection_target (
  inspection_id uuid NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  org_id        uuid NOT NULL REFERENCES org(id),
  PRIMARY KEY (inspection_id, org_id)
);
CREATE INDEX inspection_target_org ON inspection_target (org_id);

CREATE TABLE inspection_event (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  inspection_id uuid NOT NULL REFERENCES inspection(id),
  action        text NOT NULL,
  from_state    text,
  to_state      text,
  comment       text,
  actor_id      uuid REFERENCES app_user(id),
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspection_event_inspection ON inspection_event (inspection_id, at);

CREATE TABLE inspection_finding (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id    uuid NOT NULL REFERENCES commission(id),
  inspection_id    uuid NOT NULL REFERENCES inspection(id),
  description      text NOT NULL CHECK (char_length(description) BETWEEN 2 AND 2000),
  severity         text NOT NULL CHECK (severity IN ('LOW','MEDIUM','HIGH')),
  unit_org_id      uuid NOT NULL REFERENCES org(id),
  disposition      text NOT NULL DEFAULT 'NONE' CHECK (disposition IN ('NONE','RECTIFY','CLUE','ACCOUNTABILITY')),
  -- 移交: what the finding became (a clue, a rectification task, an accountability record), once.
  handed_over_type text CHECK (handed_over_type IN ('clue','rectification_task','accountability')),
  handed_over_id   uuid,
  handed_over_at   timestamptz,
  handed_over_by   uuid REFERENCES app_user(id),
  created_by       uuid NOT NULL REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          int NOT NULL DEFAULT 1,
  CHECK ((handed_over_type IS NULL) = (handed_over_id IS NULL))
);
CREATE INDEX inspection_finding_inspection ON inspection_finding (inspection_id, created_at);
