-- Migration 0083: the clue ledger's walk as an index-only scan (issue 12).
-- A wide scope's unfiltered clue ledger (an office's or a 分管领导's 700–800 orgs, above the probe limit) walks its
-- default order (received_on DESC, id DESC) and tests each row against the scope (modules/clues/service-ledger.ts
-- keyedLedger, `hashedVisible`): commission, clearance (classification), the receiving, undertaking and subject orgs
-- hashed, the team, case-team and 专班 arms by id, case and campaign, the named 信息互通 grants and recusal by id.
-- clue_ledger (commission_id, received_on DESC, id) has the order but none of those columns: a heap fetch per row
-- tested (full scale: ~280 rows for an office, one heap page each). This one carries them, so the walk reads the index
-- alone. clue_ledger stays (the floor's statement of bench/floor-child.ts and the search's walks read it as they did).
CREATE INDEX clue_ledger_walk ON clue (commission_id, received_on DESC, id DESC)
  INCLUDE (classification, receiving_org_id, undertaking_org_id, subject_org_id, case_id, campaign_id);
