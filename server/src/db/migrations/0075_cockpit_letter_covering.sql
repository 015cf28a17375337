-- Migration 0075: the scoped cockpit's letters read index-only, per org of each arm.
-- 监督质效 cockpit on cache misses for scoped readers (issue 15, issue 12: p95 ≤ 200 ms at 32 connections), letters. A
-- scoped reader counts the letters of the year it sees arm by arm (keyed-page.ts keyedRowsSql over letterVisibleParts
-- with the letter's case read off the letter, migration 0063): the drafting org, the recipient org and the lead org of
-- the letter's case, each probed per org of the scope. The ledger's indexes (0063) cover the scope but not what the
-- cockpit reads (the document year, the month of issue, the reply's dates), so each probe fetched the letter rows (a
-- county: 3,000 heap pages per miss) or the planner hashed the whole year against the orgs instead. A per-org aggregate
-- does not pay here (0071's note: the reply due date and the month of issue leave nearly a key per letter; full scale,
-- 2026: 7,008 letters, 4,952 of the 50,000 overdue). These indexes hold, per arm column, every column the count reads:
-- the probes are index-only and read a few pages per org.

CREATE INDEX letter_cockpit_drafting ON letter (drafting_org_id, doc_year)
  INCLUDE (commission_id, created_at, classification, state, case_id, case_classification, campaign_id, recipient_org_id, case_lead_org_id,
    issued_on, reply_due, replied_on, id);
CREATE INDEX letter_cockpit_recipient ON letter (recipient_org_id, doc_year)
  INCLUDE (commission_id, created_at, classification, state, case_id, case_classification, campaign_id, drafting_org_id, case_lead_org_id,
    issued_on, reply_due, replied_on, id);
CREATE INDEX letter_cockpit_case_lead ON letter (case_lead_org_id, doc_year)
  INCLUDE (commission_id, created_at, classification, state, case_id, case_classification, campaign_id, drafting_org_id, recipient_org_id,
    issued_on, reply_due, replied_on, id)
  WHERE case_lead_org_id IS NOT NULL;
-- A wide scope (an office's or a 分管领导's hundreds of orgs, more probes than area-scan.ts LETTER_PROBE_LIMIT) reads
-- the year's letters once instead, each tested against the whole predicate: the ledger's year as two disjoint ranges
-- (the document year; no document year and created in the year), index-only.
CREATE INDEX letter_cockpit_year ON letter (commission_id, doc_year, created_at)
  INCLUDE (classification, state, case_id, case_classification, campaign_id, drafting_org_id, recipient_org_id, case_lead_org_id,
    issued_on, reply_due, replied_on, id);
