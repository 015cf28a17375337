-- Issue 9, measures (监察法 2024):
-- 强制到案 is counted in hours (≤ 12 h, ≤ 24 h when 管护 or 留置 follows, art. 22): its deadline is a
-- timestamp (due_at) from the start time (started_at), not "one day".
-- 留置 starts only with the leadership's collective decision and the upper commission's approval (art. 46;
-- upper_approved now also records the approval at the start) and notifies the unit and family within
-- 24 hours (art. 50) unless that may hinder the investigation (notice_withheld_reason).
ALTER TABLE case_measure
  ADD COLUMN started_at timestamptz,
  ADD COLUMN due_at timestamptz,
  ADD COLUMN limit_hours int,
  ADD COLUMN collective_decision boolean NOT NULL DEFAULT false,
  ADD COLUMN notice_due_at timestamptz,
  ADD COLUMN notified_at timestamptz,
  ADD COLUMN notice_withheld_reason text;

-- Existing 强制到案 rows were given one day: count 12 hours from the start of their start date (Beijing time).
UPDATE case_measure
   SET started_at = started_on::timestamp AT TIME ZONE 'Asia/Shanghai',
       due_at = (started_on::timestamp AT TIME ZONE 'Asia/Shanghai') + interval '12 hours',
       limit_hours = 12,
       due_on = started_on
 WHERE kind = 'COMPELLED_APPEARANCE';
