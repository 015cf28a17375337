-- 监督质效 cockpit (issue 15, issue 12: p95 ≤ 200 ms at 32 connections on cache misses). Migration 0048 let
-- the commission-wide counts read each area's year from an index; scoped callers still visited the heap row
-- of every clue and task of the commission to test their visibility predicates. These indexes let them
-- reach only their own rows (a BitmapOr over the org-key arms of the predicate) or, when their scope is
-- wide (an inspection office liaising with many units), read the predicate's columns from the index alone.

-- Clues of the year per org arm of clueVisible (receiving, undertaking, subject org).
CREATE INDEX clue_year_receiving ON clue (commission_id, year, receiving_org_id);
CREATE INDEX clue_year_undertaking ON clue (commission_id, year, undertaking_org_id);
CREATE INDEX clue_year_subject ON clue (commission_id, year, subject_org_id);
-- The covering index of 0048, now also with the columns clueVisible tests (org arms, clearance, team, campaign, recusal).
DROP INDEX clue_cockpit;
CREATE INDEX clue_cockpit ON clue (commission_id, year)
  INCLUDE (undertaking_org_id, sector_code, state, received_on, receiving_org_id, subject_org_id, classification, case_id, campaign_id, id);

-- Tasks: the supervising-user arm of taskVisible (the org arms have rectification_task_supervisor / _unit).
CREATE INDEX rectification_task_supervisor_user ON rectification_task (supervisor_user_id) WHERE supervisor_user_id IS NOT NULL;

-- A task carries its letter's clearance and recusal: the letters' side of that test from the index alone.
CREATE INDEX letter_clearance ON letter (id) INCLUDE (classification, case_id);

-- Letters of a year (year of the document number, else of creation in the commission's time zone).
CREATE INDEX letter_doc_year ON letter (commission_id, doc_year);
CREATE INDEX letter_created_undated ON letter (commission_id, created_at) WHERE doc_year IS NULL;
