-- 会议 (domain.md b.5 Meeting, f.5 会议纪要; issue 11): 常委会, 派驻机构负责人会议, 监督工作交流会 and zone
-- meetings with their agenda, attendance (出席 / 请假 / 列席) and minutes, on the workflow kernel
-- (PLANNED → HELD → MINUTES_ISSUED, or CANCELLED); and the decisions (议定事项) of a held meeting, each a
-- tracked task (督办) of an owner org with a deadline and progress reports (ASSIGNED → IN_PROGRESS → DONE,
-- OVERDUE marked once by the daily job). Who sees what lives in modules/visibility/meetings.ts.

CREATE TABLE meeting (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id    uuid NOT NULL REFERENCES commission(id),
  type             text NOT NULL CHECK (type IN ('STANDING_COMMITTEE','DISPATCHED_HEADS','EXCHANGE','ZONE_JOINT')),
  title            text NOT NULL CHECK (char_length(title) BETWEEN 2 AND 200),
  -- 第N次 (optional ordinal printed on the 纪要).
  session_no       int CHECK (session_no BETWEEN 1 AND 9999),
  starts_at        timestamptz NOT NULL,
  place            text NOT NULL DEFAULT '',
  chair_user_id    uuid NOT NULL REFERENCES app_user(id),
  -- The org in whose name the meeting is called (its 纪要 is printed by it).
  organiser_org_id uuid NOT NULL REFERENCES org(id),
  minutes          text NOT NULL DEFAULT '',
  state            text NOT NULL DEFAULT 'PLANNED' CHECK (state IN ('PLANNED','HELD','MINUTES_ISSUED','CANCELLED')),
  minutes_issued_on date,
  cancel_reason    text,
  created_by       uuid NOT NULL REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          int NOT NULL DEFAULT 1,
  CHECK ((state = 'MINUTES_ISSUED') = (minutes_issued_on IS NOT NULL))
);
CREATE INDEX meeting_when ON meeting (commission_id, starts_at DESC);
CREATE INDEX meeting_chair ON meeting (chair_user_id);

CREATE TABLE meeting_agenda_item (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id   uuid NOT NULL REFERENCES commission(id),
  meeting_id      uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  seq             int NOT NULL CHECK (seq BETWEEN 1 AND 100),
  -- HEAR_REPORT: 听取汇报 of a county commission or dispatched group (reporter_org_id).
  kind            text NOT NULL CHECK (kind IN ('HEAR_REPORT','DELIBERATE','BRIEFING')),
  title           text NOT NULL,
  reporter_org_id uuid REFERENCES org(id),
  notes           text NOT NULL DEFAULT '',
  UNIQUE (meeting_id, seq),
  CHECK ((kind = 'HEAR_REPORT') = (reporter_org_id IS NOT NULL))
);

CREATE TABLE meeting_attendee (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  meeting_id    uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  seq           int NOT NULL,
  -- An account of the commission (sees the meeting), or a named outside person (列席 of a host unit) without one.
  user_id       uuid REFERENCES app_user(id),
  name          text NOT NULL,
  unit          text NOT NULL DEFAULT '',
  attendance    text NOT NULL CHECK (attendance IN ('PRESENT','LEAVE','OBSERVER')),
  leave_reason  text,
  UNIQUE (meeting_id, seq),
  CHECK ((attendance = 'LEAVE') = (leave_reason IS NOT NULL))
);
CREATE UNIQUE INDEX meeting_attendee_user ON meeting_attendee (meeting_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX meeting_attendee_by_user ON meeting_attendee (user_id, meeting_id) WHERE user_id IS NOT NULL;

CREATE TABLE meeting_event (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  meeting_id    uuid NOT NULL REFERENCES meeting(id),
  action        text NOT NULL,
  from_state    text,
  to_state      text,
  comment       text,
  payload       jsonb,
  actor_id      uuid REFERENCES app_user(id),
  at            timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX meeting_event_meeting ON meeting_event (meeting_id, at);

-- 议定事项 → 督办: one decision, one owner org, one deadline.
CREATE TABLE meeting_decision (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  meeting_id    uuid NOT NULL REFERENCES meeting(id),
  seq           int NOT NULL CHECK (seq BETWEEN 1 AND 100),
  content       text NOT NULL CHECK (char_length(content) BETWEEN 2 AND 2000),
  owner_org_id  uuid NOT NULL REFERENCES org(id),
  deadline      date NOT NULL,
  state         text NOT NULL DEFAULT 'ASSIGNED' CHECK (state IN ('ASSIGNED','IN_PROGRESS','DONE','OVERDUE')),
  -- Set once by the daily job's markOverdue; never cleared, so a decision is marked overdue once.
  overdue_since date,
  done_on       date,
  created_by    uuid NOT NULL REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       int NOT NULL DEFAULT 1,
  UNIQUE (meeting_id, seq),
  CHECK ((state = 'DONE') = (done_on IS NOT NULL))
);
CREATE INDEX meeting_decision_meeting ON meeting_decision (commission_id, meeting_id, seq);
CREATE INDEX meeting_decision_owner ON meeting_decision (commission_id, owner_org_id, deadline);
CREATE INDEX meeting_decision_due ON meeting_decision (deadline) WHERE state IN ('ASSIGNED','IN_PROGRESS');

-- The decision's timeline: assignment, progress reports (进展报告), completion, the overdue mark. Timed by
-- clock_timestamp() (not the transaction's now()) so that steps taken in one transaction keep their order.
CREATE TABLE meeting_decision_event (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  decision_id   uuid NOT NULL REFERENCES meeting_decision(id),
  action        text NOT NULL,
  from_state    text,
  to_state      text,
  comment       text,
  payload       jsonb,
  actor_id      uuid REFERENCES app_user(id),
  at            timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX meeting_decision_event_decision ON meeting_decision_event (decision_id, at);
