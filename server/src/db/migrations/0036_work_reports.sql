-- 统一调度 (issue 11; domain.md b.5 WorkReport): the reporting calendar (汇报计划) — which county commission or
-- dispatched group reports to the 常委会 when — and the work reports (工作报告) themselves, on the workflow
-- kernel (DRAFT → PENDING_APPROVAL → APPROVED / RETURNED → SUBMITTED → HEARD). A 常委会 agenda item that hears
-- a report links to it (meeting_agenda_item.work_report_id); holding the meeting marks the report HEARD.
-- Who sees what lives in modules/work-reports/access.ts.

-- One schedule per reporter org: its cadence and how many days after a period's end its report is due.
CREATE TABLE report_schedule (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id   uuid NOT NULL REFERENCES commission(id),
  reporter_org_id uuid NOT NULL REFERENCES org(id),
  cadence         text NOT NULL CHECK (cadence IN ('YEARLY','HALF_YEARLY','QUARTERLY')),
  -- due_on = period_end + due_offset_days (negative: the report is heard before the period closes).
  due_offset_days int NOT NULL DEFAULT 15 CHECK (due_offset_days BETWEEN -180 AND 180),
  created_by      uuid NOT NULL REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         int NOT NULL DEFAULT 1,
  UNIQUE (commission_id, reporter_org_id)
);

-- One slot per reporter org and period, generated from its schedule.
CREATE TABLE report_slot (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id   uuid NOT NULL REFERENCES commission(id),
  schedule_id     uuid NOT NULL REFERENCES report_schedule(id),
  reporter_org_id uuid NOT NULL REFERENCES org(id),
  cadence         text NOT NULL CHECK (cadence IN ('YEARLY','HALF_YEARLY','QUARTERLY')),
  period_start    date NOT NULL,
  period_end      date NOT NULL,
  due_on          date NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  version         int NOT NULL DEFAULT 1,
  CHECK (period_end >= period_start),
  UNIQUE (reporter_org_id, period_start)
);
CREATE INDEX report_slot_due ON report_slot (commission_id, due_on);
CREATE INDEX report_slot_org ON report_slot (commission_id, reporter_org_id, period_start);

-- 工作报告: one per slot. The statistics are computed live while it is drafted and frozen (stats) when it
-- goes to the head for approval; a return clears them again.
CREATE TABLE work_report (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id    uuid NOT NULL REFERENCES commission(id),
  slot_id          uuid NOT NULL UNIQUE REFERENCES report_slot(id),
  reporter_org_id  uuid NOT NULL REFERENCES org(id),
  title            text NOT NULL CHECK (char_length(title) BETWEEN 2 AND 200),
  practices        text NOT NULL DEFAULT '',
  results          text NOT NULL DEFAULT '',
  shortcomings     text NOT NULL DEFAULT '',
  suggestions      text NOT NULL DEFAULT '',
  stats            jsonb,
  stats_frozen_at  timestamptz,
  state            text NOT NULL DEFAULT 'DRAFT'
                     CHECK (state IN ('DRAFT','PENDING_APPROVAL','RETURNED','APPROVED','SUBMITTED','HEARD')),
  submitted_by     uuid REFERENCES app_user(id),
  return_reason    text,
  approved_by      uuid REFERENCES app_user(id),
  approved_at      timestamptz,
  submitted_on     date,
  heard_meeting_id uuid REFERENCES meeting(id),
  heard_on         date,
  classification   text NOT NULL DEFAULT 'WORK_SECRET' CHECK (classification IN ('PUBLIC','WORK_SECRET')),
  created_by       uuid NOT NULL REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          int NOT NULL DEFAULT 1,
  CHECK ((state IN ('DRAFT','RETURNED')) = (stats IS NULL)),
  CHECK ((state = 'HEARD') = (heard_meeting_id IS NOT NULL))
);
CREATE INDEX work_report_org ON work_report (commission_id, reporter_org_id);
CREATE INDEX work_report_state ON work_report (commission_id, state);

CREATE TABLE work_report_event (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  report_id     uuid NOT NULL REFERENCES work_report(id),
  action        text NOT NULL,
  from_state    text,
  to_state      text,
  comment       text,
  payload       jsonb,
  actor_id      uuid REFERENCES app_user(id),
  at            timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX work_report_event_report ON work_report_event (report_id, at);

-- 听取汇报 ↔ 工作报告: the report a HEAR_REPORT item hears (linked, not copied).
ALTER TABLE meeting_agenda_item ADD COLUMN work_report_id uuid REFERENCES work_report(id);
ALTER TABLE meeting_agenda_item ADD CONSTRAINT meeting_agenda_item_report_kind CHECK (work_report_id IS NULL OR kind = 'HEAR_REPORT');
CREATE INDEX meeting_agenda_item_report ON meeting_agenda_item (work_report_id) WHERE work_report_id IS NOT NULL;
