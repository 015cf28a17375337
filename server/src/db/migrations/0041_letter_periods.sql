-- Issue 14: the letter's periods stated and counted like every other limit of the platform.
-- 1. The objection period's unit: working days on the commission calendar (the default of a new letter,
--    from the setting `letter.objectionUnit`); letters drafted before keep the calendar days they stated.
-- 2. A reply period above 30 days needs a stated reason (checked by the service; printed in the letter).
-- 3. 抄送: the organs the letter is copied to (never the drafting office), printed in the 版记.
ALTER TABLE letter ADD COLUMN objection_unit text NOT NULL DEFAULT 'CALENDAR_DAYS'
  CHECK (objection_unit IN ('WORKING_DAYS', 'CALENDAR_DAYS'));
ALTER TABLE letter ALTER COLUMN objection_unit SET DEFAULT 'WORKING_DAYS';
ALTER TABLE letter ADD COLUMN reply_days_reason text NOT NULL DEFAULT '';
ALTER TABLE letter ADD COLUMN copy_to text[] NOT NULL DEFAULT '{}';
