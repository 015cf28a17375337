-- Migration 0081: the case ledger's walk as an index-only scan (issue 12).
-- A wide scope's unfiltered case ledger (a 分管领导's 700–800 orgs, a county's 86) walks its default order
-- (filed_on DESC NULLS FIRST, year DESC, seq DESC) and tests each row against the scope (modules/cases/service-ledger.ts
-- keyedCases): commission, clearance (classification), the lead org hashed, the team and 专班 arms by id, recusal by id.
-- The index of 0053 had the order but none of those columns: a heap fetch per row tested (full scale: ~150 rows for a
-- 分管领导, ~370 for a county, each its own heap page). This one carries them, so the walk reads the index alone. It
-- replaces the old one (same key columns: every other reader of that order reads it as before).
CREATE INDEX case_file_ledger_walk ON case_file (commission_id, filed_on DESC NULLS FIRST, year DESC, seq DESC)
  INCLUDE (lead_org_id, classification, id);
DROP INDEX case_file_ledger;
